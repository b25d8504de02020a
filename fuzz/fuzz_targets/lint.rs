//! Any bytes through the whole flow of one letter ([`imr_lint::lint::every_output`]):
//! decode, normalise, parse, extract facts, run every built-in rule, and render the parse
//! and the findings as JSON and as human output (graphical and narrated). Nothing may
//! panic; a byte offset that is not a char boundary, an index out of range or an overflow
//! is a bug in the module at fault.
#![no_main]

use std::sync::LazyLock;

use imr_lint::checks::Checks;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Checks> =
    LazyLock::new(|| Checks::builtin().expect("the built-in rules compile"));

fuzz_target!(|data: &[u8]| {
    imr_lint::lint::every_output("fuzz.txt", data, &RULES).expect("the outputs serialise");
});
