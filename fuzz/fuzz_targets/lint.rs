//! Any bytes through the whole flow of one letter: decode, normalise, parse, extract facts,
//! run every built-in rule, and render the parse and the findings as JSON and as human
//! output (graphical and narrated). Nothing may
//! panic; a byte offset that is not a char boundary, an index out of range or an overflow
//! is a bug in the module at fault.
#![no_main]

use std::sync::LazyLock;

use imr_lint::letter::Document;
use imr_lint::report::{HumanOptions, Reported, render_letter};
use imr_lint::rules::RuleSet;
use imr_lint::source::Source;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rule set loads"));

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.txt", data) else {
        return;
    };
    let Ok(doc) = Document::parse(source) else {
        return;
    };
    let findings = imr_lint::checks::check(&doc, &RULES);
    let reported: Vec<Reported> = findings.iter().map(|f| Reported::new(&doc, f)).collect();
    let json = serde_json::to_string(&doc.to_json()).expect("the parse serialises");
    assert!(!json.is_empty());
    serde_json::to_string(&reported).expect("the findings serialise");
    for graphical in [true, false] {
        let opts = HumanOptions {
            color: false,
            graphical,
            width: 100,
            statistics: false,
            quiet: false,
        };
        let text = render_letter(&doc, &reported, opts);
        assert!(reported.is_empty() || !text.is_empty());
    }
});
