//! Inputs the fuzzer (`fuzz/`, target `lint`) found to panic, kept under `fixtures/fuzz/`:
//! each goes through the fuzz target's flow (decode, parse, check with the built-in rules,
//! render as JSON and as human output) and must not panic.

use std::path::Path;

use imr_lint::letter::Document;
use imr_lint::report::{HumanOptions, Reported, render_letter};
use imr_lint::rules::RuleSet;
use imr_lint::source::Source;

fn lint(name: &str, bytes: &[u8], rules: &RuleSet) {
    let Ok(source) = Source::from_bytes(name, bytes) else {
        return;
    };
    let Ok(doc) = Document::parse(source) else {
        return;
    };
    let findings = imr_lint::checks::check(&doc, rules);
    let reported: Vec<Reported> = findings.iter().map(|f| Reported::new(&doc, f)).collect();
    serde_json::to_string(&doc.to_json()).expect("the parse serialises");
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
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let rules = RuleSet::builtin().expect("built-in rules");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/fuzz")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fuzz regression inputs");
    for f in files {
        let bytes = std::fs::read(&f).expect("regression input");
        lint(&f.display().to_string(), &bytes, &rules);
    }
}

/// The first crash: a Windows-1252 no-break space (byte A0, two bytes once decoded) before
/// the last word of a sentence made the sentence splitter slice inside it.
#[test]
fn no_break_space_before_a_full_stop() {
    let rules = RuleSet::builtin().expect("built-in rules");
    let letter = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/letters/002_85a380f222ae6c4f.txt"),
    )
    .expect("fixture");
    let text = letter.replace("and medications.", "and\u{a0}medications.");
    assert_ne!(text, letter);
    lint("nbsp.txt", text.as_bytes(), &rules);
}

/// A numbered item whose request begins with a character of several bytes made the
/// numbered layout cut the request inside that character.
#[test]
fn numbered_request_starting_with_a_multibyte_character() {
    let rules = RuleSet::builtin().expect("built-in rules");
    let letter = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/numbered/002-numbered.txt"),
    )
    .expect("fixture");
    let text = letter.replace("1. Flexeril", "1. ·Flexeril");
    assert_ne!(text, letter);
    lint("numbered-multibyte.txt", text.as_bytes(), &rules);
}
