//! No input makes reading, parsing or printing a letter panic, and every span the parsed
//! letter reports lies within the source text, on character boundaries.
//!
//! Inputs: the sample letters and their re-laid-out copies cut at any byte, with their lines
//! shuffled, dropped or repeated, with random bytes spliced in; random bytes; random ASCII;
//! and random soups of the words and labels the parser looks for.

use std::path::Path;
use std::sync::LazyLock;

use imr_lint::letter::Document;
use imr_lint::source::Source;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// The bytes of every sample letter and of every copy of it.
static FIXTURES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs = vec![root.join("letters")];
    let mut layouts: Vec<_> = std::fs::read_dir(root.join("layouts"))
        .expect("fixtures/layouts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    layouts.sort();
    dirs.extend(layouts);
    dirs.push(root.join("letters-bad"));
    // A letter in every layout, and the annotated letters of the older layouts.
    dirs.push(root.join("older"));
    dirs.push(root.join("corpus").join("h"));
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        out.extend(files.iter().map(|f| std::fs::read(f).expect("fixture")));
    }
    assert!(out.len() >= 35, "fixtures missing: {}", out.len());
    out
});

fn fixture(i: Index) -> &'static [u8] {
    &FIXTURES[i.index(FIXTURES.len())]
}

/// Lines of a fixture, line ends kept.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Every `{start, end}` object in the JSON: a byte range of the source.
fn check_spans(v: &Value, text: &str, path: &mut String) {
    match v {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                let (start, end) = (start.as_u64().unwrap(), end.as_u64().unwrap());
                let (start, end) = (start as usize, end as usize);
                assert!(
                    start <= end && end <= text.len(),
                    "{path}: span {start}..{end} outside 0..{}",
                    text.len()
                );
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "{path}: span {start}..{end} splits a character"
                );
                for key in ["line", "column"] {
                    let n = map.get(key).and_then(Value::as_u64);
                    assert!(n.is_some_and(|n| n >= 1), "{path}: bad {key} {n:?}");
                }
            }
            for (k, v) in map {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                check_spans(v, text, path);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_spans(v, text, path);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Reads, parses and prints `bytes`; checks every span of the result.
fn check(bytes: &[u8]) {
    let Ok(source) = Source::from_bytes("input", bytes) else {
        return;
    };
    let text = source.text().to_owned();
    let Ok(doc) = Document::parse(source) else {
        return;
    };
    let json = doc.to_json();
    check_spans(&json, &text, &mut String::new());
    // The clean view maps every range back inside the source.
    let clean_len = doc.clean.text().len();
    for item in &doc.letter.items {
        for span in [&item.header, &item.request.name] {
            assert!(span.start <= span.end && span.end <= clean_len);
            let at = doc.source_span(span);
            assert!(at.start <= at.end && at.end <= text.len());
            let _ = doc.line_col(span);
        }
    }
}

/// Words, labels and punctuation the parser keys on, to build letter-like soups.
const TOKENS: &[&str] = &[
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "CLINICAL CASE SUMMARY",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "The Final Determination was based on decisions for the disputed items/services set forth below:",
    "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:",
    "State(s) of Licensure:",
    "Certification(s)/Specialty:",
    "Board Certified in",
    "and is licensed to practice in",
    "Claims Administrator guideline:",
    "MAXIMUS guideline:",
    "Decision rationale:",
    "Decision based on",
    "MTUS Chronic Pain Treatment Guidelines",
    "ACOEM Chapter 3",
    "Non-MTUS Citation",
    "Page(s):",
    "Pages:",
    "Page 2 of 5",
    ": Upheld",
    ": Overturned",
    ": Modified",
    "Upheld",
    "Norco 10/325mg #180",
    "Baclofen 10mg #270 1 refill",
    "NORCO, 2 PILLS TWICE A DAY",
    "every 72 hours",
    "2-3 times a week for four weeks",
    "x12",
    // The older layouts and the header block.
    " Case Number: CM14-0094418",
    "Date Assigned:",
    "Decision Date: 06/31/2014",
    "UR Denial Date:",
    "Application\nReceived:",
    "Dated: 9/26/2013",
    "IMR DECISION(S) AND RATIONALE(S)",
    "1. Tramadol 50mg #120 is not medically necessary and appropriate.",
    "2)",
    "The Claims Administrator based its decision on",
    "The Expert Reviewer based his/her",
    "decision on",
    "Rationale for the Decision:",
    "MEDICAL PROFESSIONAL REVIEW",
    "ISSUE AT DISPUTE:",
    "DETERMINATION:",
    "CASE SUMMARY:",
    "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\nREVIEWER AND WHY:",
    "RATIONALE FOR WHY THE REQUESTED",
    "1) MAXIMUS Federal Services, Inc. has determined the request for",
    "is notmedically necessary and appropriate.",
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "Regarding the request for",
    "Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:",
    "which is part of the MTUS, and the",
    "2nd Edition (2004), Chapter 12,",
    "medi-",
    "cally",
    "long-",
    "term",
    "7, 64, 63",
    "63-66",
    "76-85, 88-89",
    "9999999999",
    "-",
    ",",
    ".",
    ":",
    ";",
    " and ",
    "#",
    "/",
    "®",
    "Â",
    "\u{a0}",
    "\u{2019}",
    "é",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\x0c",
];

/// Lines of a few tokens each, under a section heading most of the time.
fn soup() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(prop::sample::select(TOKENS), 0..6).prop_map(|t| t.concat());
    let end = prop::sample::select(&["\n", "\n\n", "\r\n", "\x0c", " \n"][..]);
    let heading = prop::sample::select(&[0usize, 1, 2, 2, 2, 3][..]);
    (heading, prop::collection::vec((line, end), 0..40)).prop_map(|(h, lines)| {
        let mut text = TOKENS
            .get(h)
            .filter(|_| h < 3)
            .map_or(String::new(), |t| format!("{t}\n"));
        for (line, end) in lines {
            text.push_str(&line);
            text.push_str(end);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn truncated_fixtures(i in any::<Index>(), cut in any::<Index>(), from in any::<Index>()) {
        let bytes = fixture(i);
        let end = cut.index(bytes.len() + 1);
        check(&bytes[..end]);
        // The tail too: a letter whose start is lost.
        check(&bytes[from.index(end + 1)..end]);
    }

    #[test]
    fn shuffled_fixtures(
        lines in any::<Index>().prop_flat_map(|i| Just(lines(fixture(i))).prop_shuffle()),
    ) {
        check(&lines.concat());
    }

    #[test]
    fn fixtures_with_lines_dropped_and_repeated(
        i in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), any::<bool>()), 1..12),
    ) {
        let mut lines = lines(fixture(i));
        for (at, repeat) in edits {
            if lines.is_empty() {
                break;
            }
            let at = at.index(lines.len());
            if repeat {
                let line = lines[at].clone();
                lines.insert(at, line);
            } else {
                lines.remove(at);
            }
        }
        check(&lines.concat());
    }

    #[test]
    fn fixtures_with_bytes_spliced_in(
        i in any::<Index>(),
        splices in prop::collection::vec((any::<Index>(), prop::collection::vec(any::<u8>(), 1..6)), 1..6),
    ) {
        let mut bytes = fixture(i).to_vec();
        for (at, junk) in splices {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, junk);
        }
        check(&bytes);
    }

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn random_ascii(text in "[ -~\t\n\r\x0c]{0,2000}") {
        check(text.as_bytes());
    }

    #[test]
    fn letter_like_soups(text in soup()) {
        check(text.as_bytes());
        // The same soup in Windows-1252 bytes where it can be.
        let mut cp: Vec<u8> = Vec::new();
        for c in text.chars() {
            match c {
                '\u{2019}' => cp.push(0x92),
                c if (c as u32) < 0x100 => cp.push(c as u32 as u8),
                _ => cp.push(b'?'),
            }
        }
        check(&cp);
    }
}

/// Inputs the properties above found or that are worth pinning.
#[test]
fn edge_cases() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"CLINICAL CASE SUMMARY",
        b"IMR ISSUES, DECISIONS AND RATIONALES\n: Upheld",
        b"IMR ISSUES, DECISIONS AND RATIONALES\nMAXIMUS guideline: Page(s): 1-",
        b"IMR ISSUES, DECISIONS AND RATIONALES\nDecision rationale:",
        b"IMR ISSUES, DECISIONS AND RATIONALES\nx\xA0\nClaims Administrator guideline:",
        b"IMR ISSUES, DECISIONS AND RATIONALES\nmedi-\n\xA0cally: Upheld",
    ] {
        check(bytes);
    }
}
