//! Inputs the fuzzer (`fuzz/`, target `lint`) found to panic, kept under `fixtures/fuzz/`:
//! each goes through the fuzz target's flow (decode, parse, check with the built-in rules,
//! render as JSON and as human output) and must not panic.

use std::path::Path;

use imr_lint::checks::Checks;

/// The outputs of one input: none when it is not a letter.
fn lint(name: &str, bytes: &[u8], rules: &Checks) -> Vec<String> {
    imr_lint::lint::every_output(name, bytes, rules).expect("the outputs serialise")
}

/// A fixture letter with `from` replaced by `to`, through every output.
fn lint_edited(fixture: &str, from: &str, to: &str) {
    let rules = Checks::builtin().expect("built-in rules");
    let letter = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture))
        .expect("fixture");
    let text = letter.replace(from, to);
    assert_ne!(text, letter, "{from:?} is not in {fixture}");
    let outputs = lint(fixture, text.as_bytes(), &rules);
    assert_eq!(
        outputs.len(),
        4,
        "{fixture} is still a letter: parse, findings, two human"
    );
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let rules = Checks::builtin().expect("built-in rules");
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
    lint_edited(
        "fixtures/letters/002_85a380f222ae6c4f.txt",
        "and medications.",
        "and\u{a0}medications.",
    );
}

/// A numbered item whose request begins with a character of several bytes made the
/// numbered layout cut the request inside that character.
#[test]
fn numbered_request_starting_with_a_multibyte_character() {
    lint_edited(
        "fixtures/older/002-numbered-2013.txt",
        "1. Flexeril",
        "1. ·Flexeril",
    );
}
