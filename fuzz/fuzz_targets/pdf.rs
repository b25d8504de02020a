//! Any bytes read as a PDF ([`imr_lint::pdf::read`]), then, when they give text, through
//! the whole flow of one letter ([`imr_lint::lint::every_output`]). Bytes without the
//! `%PDF-` signature get one, so every input reaches the PDF reader. Nothing may panic,
//! and nothing may take more memory than the reader's limits allow.
#![no_main]

use std::sync::LazyLock;

use imr_lint::checks::Checks;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Checks> =
    LazyLock::new(|| Checks::builtin().expect("the built-in rules compile"));

fuzz_target!(|data: &[u8]| {
    let bytes = if imr_lint::pdf::is_pdf(data) {
        data.to_vec()
    } else {
        [b"%PDF-1.7\n".as_slice(), data].concat()
    };
    imr_lint::lint::every_output("fuzz.pdf", &bytes, &RULES).expect("the outputs serialise");
});
