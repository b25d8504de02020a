//! The parser reads the same letter from the sample letters and from every re-laid-out copy
//! of them (`fixtures/layouts/`), with spans that point at the right bytes of each file, and
//! reports the structural problems of the crafted letters in `fixtures/letters-bad/`.

use std::path::{Path, PathBuf};

use imr_lint::letter::{Document, GuidelineSource, Item, NotALetter, OutcomeKind, ProblemKind};
use imr_lint::source::{Encoding, Source};

use OutcomeKind::{Overturned, Upheld};

const VARIANTS: [&str; 6] = [
    "single-spaced",
    "crlf",
    "bom",
    "cp1252",
    "paragraph-lines",
    "page-furniture",
];

/// The items of each sample letter: header (whitespace-collapsed) and outcome.
const LETTERS: [(&str, &[(&str, OutcomeKind)]); 5] = [
    (
        "000_9da0cd1af723cf3b.txt",
        &[
            ("Norco 10mg 10/325mg #180: Overturned", Overturned),
            ("Soma 350mg #45: Upheld", Upheld),
            ("Duragesic 75mcg patch #10: Overturned", Overturned),
            ("Ambien 10mg #30: Upheld", Upheld),
            ("Liorisal 10mg #90: Upheld", Upheld),
        ],
    ),
    (
        "001_c3a84b1ea5686096.txt",
        &[
            ("Norco 10/325mg #30: Upheld", Upheld),
            ("Amitriptyline 10mg #60 3 refills: Overturned", Overturned),
            ("Baclofen 10mg #270 1 refill: Overturned", Overturned),
            (
                "Butrans 20mcg/hr transdermal film #4: Overturned",
                Overturned,
            ),
        ],
    ),
    (
        "002_85a380f222ae6c4f.txt",
        &[
            ("Flexeril 10mg #60 with 3 refills: Upheld", Upheld),
            ("Norco 5/325mg #45: Upheld", Upheld),
        ],
    ),
    (
        "003_fc99783cdfd818d2.txt",
        &[
            (
                "DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS: Upheld",
                Upheld,
            ),
            ("NORCO, 2 PILLS TWICE A DAY: Upheld", Upheld),
            ("ROBAXIN 750MG, 3 TIMES A DAY: Upheld", Upheld),
        ],
    ),
    (
        "004_fcd2ca5e482aece7.txt",
        &[
            ("Oxycontin: Upheld", Upheld),
            ("Norco: Upheld", Upheld),
            ("Opana: Overturned", Overturned),
            (
                "Physical therapy 2-3 times a weeks for four weeks to work on balance, decrease pain, and decrease the risk of further falls: Upheld",
                Upheld,
            ),
            ("Aquatic therapy: Upheld", Upheld),
            ("Robaxin: Upheld", Upheld),
            ("Cervical epidural: Upheld", Upheld),
            ("Follow up with surgeon: Overturned", Overturned),
            ("Miralax: Overturned", Overturned),
            ("Gralise 300mg: Overturned", Overturned),
            ("Klonopin: Upheld", Upheld),
            ("Restoril: Upheld", Upheld),
            ("Topamax: Upheld", Upheld),
            (
                "Trigger point injections to the right neck, upper back, and low back: Upheld",
                Upheld,
            ),
        ],
    ),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A copy of a sample letter: which variant (`original` for the letter itself), its bytes
/// and the parsed document.
struct Copy {
    variant: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    doc: Document,
}

impl Copy {
    fn what(&self) -> String {
        format!("{}/{}", self.variant, self.file)
    }
}

fn load(variant: &'static str, file: &'static str) -> Copy {
    let path = if variant == "original" {
        fixtures().join("letters").join(file)
    } else {
        fixtures().join("layouts").join(variant).join(file)
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = Source::from_bytes(path.display().to_string(), &bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::parse(source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Copy {
        variant,
        file,
        bytes,
        doc,
    }
}

/// Every copy of every letter.
fn copies() -> Vec<Copy> {
    let mut out = Vec::new();
    for (file, _) in LETTERS {
        out.push(load("original", file));
        for variant in VARIANTS {
            out.push(load(variant, file));
        }
    }
    out
}

/// Every copy of one letter.
fn copies_of(prefix: &str) -> Vec<Copy> {
    let (file, _) = LETTERS
        .iter()
        .find(|(f, _)| f.starts_with(prefix))
        .expect("known letter");
    std::iter::once("original")
        .chain(VARIANTS)
        .map(|v| load(v, file))
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The item whose header starts with `name`.
fn item<'a>(c: &'a Copy, name: &str) -> &'a Item {
    c.doc
        .letter
        .items
        .iter()
        .find(|i| c.doc.text(&i.header).starts_with(name))
        .unwrap_or_else(|| panic!("{}: no item {name}", c.what()))
}

#[test]
fn every_copy_has_the_same_items_and_outcomes() {
    for c in copies() {
        let (_, expected) = LETTERS.iter().find(|(f, _)| *f == c.file).unwrap();
        let items = &c.doc.letter.items;
        let got: Vec<(String, Option<OutcomeKind>)> = items
            .iter()
            .map(|i| {
                (
                    collapse(c.doc.text(&i.header)),
                    i.outcome.as_ref().map(|o| o.kind),
                )
            })
            .collect();
        let want: Vec<(String, Option<OutcomeKind>)> = expected
            .iter()
            .map(|(h, o)| (h.to_string(), Some(*o)))
            .collect();
        assert_eq!(got, want, "{}", c.what());
        assert_eq!(c.doc.letter.layout, "final-2014", "{}", c.what());
        assert!(
            c.doc.letter.problems.is_empty(),
            "{}: {:?}",
            c.what(),
            c.doc.letter.problems
        );
        for i in items {
            let o = i.outcome.as_ref().unwrap();
            let word = c.doc.text(&o.span);
            assert!(
                word == "Upheld" || word == "Overturned",
                "{}: {word}",
                c.what()
            );
        }
    }
}

#[test]
fn item_counts() {
    for (prefix, n) in [("000", 5), ("001", 4), ("002", 2), ("003", 3), ("004", 14)] {
        for c in copies_of(prefix) {
            assert_eq!(c.doc.letter.items.len(), n, "{}", c.what());
        }
    }
}

/// The page lists of the `MAXIMUS guideline:` citations of an item.
fn pages(c: &Copy, name: &str) -> Vec<Vec<(u32, u32)>> {
    let g = item(c, name)
        .guideline
        .as_ref()
        .unwrap_or_else(|| panic!("{}: {name} has no MAXIMUS guideline", c.what()));
    g.citations
        .iter()
        .map(|c| c.pages.iter().map(|p| (p.first, p.last)).collect())
        .collect()
}

#[test]
fn maximus_page_lists() {
    for c in copies_of("000") {
        assert_eq!(
            pages(&c, "Liorisal"),
            [vec![(7, 7), (64, 64), (63, 63)]],
            "{}",
            c.what()
        );
        assert_eq!(pages(&c, "Norco"), [vec![(80, 80)]], "{}", c.what());
        assert_eq!(pages(&c, "Ambien"), [vec![(7, 8)], vec![]], "{}", c.what());
    }
    for c in copies_of("001") {
        assert_eq!(pages(&c, "Baclofen"), [vec![(63, 66)]], "{}", c.what());
    }
    for c in copies_of("002") {
        assert_eq!(
            pages(&c, "Norco"),
            [vec![(76, 85), (88, 89)]],
            "{}",
            c.what()
        );
    }
    for c in copies_of("003") {
        assert_eq!(
            pages(&c, "NORCO"),
            [vec![(78, 78), (80, 80)]],
            "{}",
            c.what()
        );
    }
    for c in copies_of("004") {
        let gralise = &item(&c, "Gralise").guideline.as_ref().unwrap().citations;
        assert_eq!(gralise.len(), 1, "{}", c.what());
        assert!(gralise[0].page_label.is_some(), "{}", c.what());
        assert!(gralise[0].pages.is_empty(), "{}", c.what());
        let aquatic = &item(&c, "Aquatic").guideline.as_ref().unwrap().citations;
        let got: Vec<(GuidelineSource, Vec<(u32, u32)>)> = aquatic
            .iter()
            .map(|x| {
                (
                    x.source,
                    x.pages.iter().map(|p| (p.first, p.last)).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (GuidelineSource::Acoem(Some(3)), vec![(48, 48)]),
                (GuidelineSource::ChronicPain, vec![(8, 8), (22, 22)]),
            ],
            "{}",
            c.what()
        );
        // Page ranges point at their digits in the source.
        for x in aquatic {
            for p in &x.pages {
                let src = &c.doc.source.text()[c.doc.source_span(&p.span)];
                assert_eq!(src, p.first.to_string(), "{}", c.what());
            }
        }
    }
}

#[test]
fn request_fields() {
    for c in copies_of("000") {
        let r = &item(&c, "Norco").request;
        assert_eq!(r.quantity.as_ref().unwrap().value, 180.0, "{}", c.what());
        let s: Vec<String> = r.strengths.iter().map(|s| s.display()).collect();
        assert_eq!(s, ["10 mg", "10/325 mg"], "{}", c.what());
        assert_eq!(c.doc.text(&r.name), "Norco", "{}", c.what());
    }
    for c in copies_of("001") {
        let r = &item(&c, "Baclofen").request;
        assert_eq!(r.quantity.as_ref().unwrap().value, 270.0, "{}", c.what());
        assert_eq!(r.refills.as_ref().unwrap().value, 1.0, "{}", c.what());
        let r = &item(&c, "Butrans").request;
        assert_eq!(r.strengths[0].display(), "20 mcg/hr", "{}", c.what());
        assert_eq!(r.quantity.as_ref().unwrap().value, 4.0, "{}", c.what());
        let r = &item(&c, "Amitriptyline").request;
        assert_eq!(r.refills.as_ref().unwrap().value, 3.0, "{}", c.what());
    }
    for c in copies_of("002") {
        let r = &item(&c, "Flexeril").request;
        assert_eq!(
            (
                r.quantity.as_ref().unwrap().value,
                r.refills.as_ref().unwrap().value
            ),
            (60.0, 3.0),
            "{}",
            c.what()
        );
    }
    for c in copies_of("003") {
        let f = item(&c, "NORCO").request.frequency.clone().unwrap();
        assert_eq!(
            (f.per_day, f.units_per_dose),
            (Some(2.0), Some(2.0)),
            "{}",
            c.what()
        );
        let r = &item(&c, "DURAGESIC").request;
        let per_day = r.frequency.as_ref().unwrap().per_day.unwrap();
        assert!((per_day - 1.0 / 3.0).abs() < 1e-9, "{}", c.what());
        assert_eq!(c.doc.text(&r.name), "DURAGESIC PATCHES", "{}", c.what());
        let f = item(&c, "ROBAXIN").request.frequency.clone().unwrap();
        assert_eq!(f.per_day, Some(3.0), "{}", c.what());
    }
    for c in copies_of("004") {
        let r = &item(&c, "Physical therapy").request;
        assert_eq!(r.total_visits(), Some((8.0, 12.0)), "{}", c.what());
        assert_eq!(c.doc.text(&r.name), "Physical therapy", "{}", c.what());
        let r = &item(&c, "Opana").request;
        assert!(
            r.strengths.is_empty() && r.quantity.is_none(),
            "{}",
            c.what()
        );
    }
}

fn texts(c: &Copy, spans: &[imr_lint::letter::Span]) -> Vec<String> {
    spans.iter().map(|s| collapse(c.doc.text(s))).collect()
}

#[test]
fn reviewer_credentials() {
    for c in copies_of("000") {
        let r = &c.doc.letter.reviewer;
        assert_eq!(
            texts(&c, &r.specialties),
            ["Occupational Medicine"],
            "{}",
            c.what()
        );
        assert_eq!(texts(&c, &r.licensure), ["California"], "{}", c.what());
    }
    for c in copies_of("004") {
        let r = &c.doc.letter.reviewer;
        assert_eq!(
            texts(&c, &r.licensure),
            ["Texas", "Ohio", "California"],
            "{}",
            c.what()
        );
        assert_eq!(
            texts(&c, &r.specialties),
            ["Preventive Medicine", "Occupational Medicine"],
            "{}",
            c.what()
        );
    }
    for c in copies_of("002") {
        let r = &c.doc.letter.reviewer;
        assert_eq!(texts(&c, &r.licensure), ["Maryland"], "{}", c.what());
    }
}

#[test]
fn encodings_are_detected() {
    for c in copies() {
        let want = match c.variant {
            "bom" => Encoding::Utf8Bom,
            // 001 and 002 have no apostrophe, so their cp1252 copy is plain ASCII.
            "cp1252" if !c.file.starts_with("001") && !c.file.starts_with("002") => {
                Encoding::Windows1252
            }
            _ => Encoding::Utf8,
        };
        assert_eq!(c.doc.source.encoding(), want, "{}", c.what());
    }
    // The mojibake survives the cp1252 round trip.
    let c = load("cp1252", LETTERS[3].0);
    assert!(c.doc.source.text().contains("DURAGESICÂ®"));
}

/// Whether a trimmed source line is page furniture the generator inserted.
fn is_furniture(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [.., "Page", n, "of", m]
        if n.parse::<u32>().is_ok() && m.parse::<u32>().is_ok())
}

/// Source text as the clean text reads it: furniture lines dropped, whitespace collapsed.
fn unfurnished(source: &str) -> String {
    let kept: Vec<&str> = source
        .split(['\n', '\r', '\x0c'])
        .map(str::trim)
        .filter(|l| !is_furniture(l))
        .collect();
    collapse(&kept.join(" "))
}

/// `s` without whitespace or hyphens, to compare across words hyphenated at line ends.
fn letters_only(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

#[test]
fn spans_map_back_to_the_source() {
    for c in copies() {
        let src = c.doc.source.text();
        let d = &c.doc;
        for i in &d.letter.items {
            let header = collapse(d.text(&i.header));
            let at = d.source_span(&i.header);
            let mut original = collapse(&src[at.clone()]);
            if c.variant == "page-furniture" {
                original = original.replace("- ", "-");
            }
            assert_eq!(original, header, "{}: header at {at:?}", c.what());
            let o = i.outcome.as_ref().unwrap();
            assert_eq!(
                &src[d.source_span(&o.span)],
                d.text(&o.span),
                "{}",
                c.what()
            );
            let name = &i.request.name;
            assert_eq!(&src[d.source_span(name)], d.text(name), "{}", c.what());
            let fields = [
                i.claims_guideline.clone(),
                i.guideline.as_ref().map(|g| g.span.clone()),
                i.rationale.clone(),
            ];
            for span in fields.iter().flatten() {
                let at = d.source_span(span);
                assert_eq!(
                    letters_only(&unfurnished(&src[at.clone()])),
                    letters_only(d.text(span)),
                    "{}: field at {at:?}",
                    c.what()
                );
                if c.variant != "page-furniture" {
                    // Compounds split at a line end (`non-` / `opioid`) are joined.
                    let joined = |s: &str| collapse(s).replace("- ", "-");
                    assert_eq!(joined(&src[at]), joined(d.text(span)), "{}", c.what());
                }
            }
        }
        let r = &d.letter.reviewer;
        for s in r.licensure.iter().chain(&r.specialties) {
            assert_eq!(
                collapse(&src[d.source_span(s)]),
                collapse(d.text(s)),
                "{}",
                c.what()
            );
        }
    }
}

#[test]
fn hyphenated_words_are_rejoined() {
    for (file, _) in LETTERS {
        let c = load("page-furniture", file);
        let (src, clean) = (c.doc.source.text(), c.doc.clean.text());
        assert!(!clean.contains("Page 1 of"), "{file}: furniture left");
        assert!(!clean.contains('\x0c'), "{file}");
        // `medi-` / `cally` is read as one word in a rationale, whose span covers both halves.
        let rationale = c
            .doc
            .letter
            .items
            .iter()
            .filter_map(|i| i.rationale.as_ref())
            .find(|r| src[c.doc.source_span(r)].contains("medi-\n\ncally"))
            .unwrap_or_else(|| panic!("{file}: no rationale spans the hyphenated word"));
        let text = c.doc.text(rationale);
        assert!(!text.contains("medi-"), "{file}");
        let at = rationale.start + text.find("medically").unwrap();
        let whole = clean[rationale.clone()]
            .match_indices("medically")
            .map(|(i, w)| rationale.start + i..rationale.start + i + w.len())
            .find(|s| src[c.doc.source_span(s)].contains('\n'))
            .unwrap_or_else(|| panic!("{file}: no rejoined 'medically' after {at}"));
        assert_eq!(&src[c.doc.source_span(&whole)], "medi-\n\ncally", "{file}");
    }
    // A compound split at its hyphen keeps the hyphen.
    let c = load("page-furniture", LETTERS[0].0);
    assert!(c.doc.source.text().contains("long-\n\nterm"));
    assert!(c.doc.clean.text().contains("long-term use purposes"));
}

/// The texts a copy's parse yields, letters only (apostrophes as in the original).
fn field_texts(c: &Copy) -> Vec<String> {
    let d = &c.doc;
    let norm = |s: &str| letters_only(s).replace('\u{2019}', "'");
    let mut out: Vec<String> = d
        .letter
        .sections
        .iter()
        .map(|s| norm(d.text(&s.heading)))
        .collect();
    out.push(norm(d.text(d.letter.case_summary.as_ref().unwrap())));
    for i in &d.letter.items {
        for span in [&i.claims_guideline, &i.rationale].into_iter().flatten() {
            out.push(norm(d.text(span)));
        }
        for cite in &i.guideline.as_ref().unwrap().citations {
            out.push(norm(d.text(&cite.topic)));
        }
    }
    out
}

#[test]
fn every_copy_reads_the_same_fields() {
    for (file, _) in LETTERS {
        let original = field_texts(&load("original", file));
        for variant in VARIANTS {
            let copy = load(variant, file);
            assert_eq!(copy.doc.letter.sections.len(), 3, "{}", copy.what());
            let texts = field_texts(&copy);
            assert_eq!(texts.len(), original.len(), "{}", copy.what());
            for (n, (a, b)) in original.iter().zip(&texts).enumerate() {
                assert_eq!(a, b, "{}: field {n}", copy.what());
            }
        }
    }
}

/// 1-based line and column, in characters, of byte `pos` of a file.
fn line_col_in_file(bytes: &[u8], pos: usize) -> (usize, usize) {
    let line_start = bytes[..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
    let mut prefix = &bytes[line_start..pos];
    if line_start == 0 {
        prefix = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    }
    let col = 1 + String::from_utf8_lossy(prefix).chars().count();
    (line, col)
}

/// Byte offsets in `bytes` where `needle` starts a line (after optional spaces or a form feed).
fn line_starts_of(bytes: &[u8], needle: &str) -> Vec<usize> {
    let n = needle.as_bytes();
    (0..bytes.len().saturating_sub(n.len() - 1))
        .filter(|&i| bytes[i..].starts_with(n))
        .filter(|&i| {
            let before = bytes[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(&bytes[..i], |j| &bytes[j + 1..i]);
            let before = before.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(before);
            before.iter().all(|&b| b == b' ' || b == 0x0C)
        })
        .collect()
}

#[test]
fn line_and_column_match_the_file() {
    for c in copies() {
        let d = &c.doc;
        for i in &d.letter.items {
            let text = d.text(&i.header);
            let first = text.lines().next().unwrap().trim();
            let found = line_starts_of(&c.bytes, first);
            assert_eq!(found.len(), 1, "{}: {first:?} at {found:?}", c.what());
            assert_eq!(
                d.line_col(&i.header),
                line_col_in_file(&c.bytes, found[0]),
                "{}: {first}",
                c.what()
            );
        }
        // Each rationale starts on the line of its `Decision rationale:` label.
        let labels = line_starts_of(&c.bytes, "Decision rationale:");
        assert_eq!(labels.len(), d.letter.items.len(), "{}", c.what());
        for (i, at) in d.letter.items.iter().zip(labels) {
            let r = i.rationale.as_ref().unwrap();
            assert_eq!(
                d.line_col(r).0,
                line_col_in_file(&c.bytes, at).0,
                "{}",
                c.what()
            );
        }
        // The licensure list is on the line of its label or of the prose that names it.
        let lic = &d.letter.reviewer.licensure[0];
        let label = line_starts_of(&c.bytes, "State(s) of Licensure:");
        if let Some(&at) = label.first() {
            let (line, col) = line_col_in_file(&c.bytes, at);
            assert_eq!(
                d.line_col(lic),
                (line, col + "State(s) of Licensure: ".len()),
                "{}",
                c.what()
            );
        }
    }
}

#[test]
fn texts_that_are_not_letters_are_refused() {
    let readme = std::fs::read(fixtures().join("layouts").join("README.md")).unwrap();
    let cargo = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    for bytes in [
        readme.as_slice(),
        cargo.as_slice(),
        b"# imr-lint\n\nA linter for letters.\n",
        b"Norco 10/325mg #30: Upheld\nDecision rationale: not medically necessary.\n",
    ] {
        let source = Source::from_bytes("x", bytes).unwrap();
        assert_eq!(Document::parse(source).unwrap_err(), NotALetter);
    }
}

/// A problem's kind and the index of the item concerned.
type Seen = (ProblemKind, Option<usize>);

/// The problems of a crafted letter.
fn problems(file: &str) -> (Document, Vec<Seen>) {
    let path = fixtures().join("letters-bad").join(file);
    let doc = Document::parse(Source::read(&path).unwrap()).unwrap();
    let kinds = doc
        .letter
        .problems
        .iter()
        .map(|p| (p.kind, p.item))
        .collect();
    (doc, kinds)
}

#[test]
fn structural_problems() {
    use ProblemKind::*;
    let cases: [(&str, &[Seen], usize); 7] = [
        ("missing-outcome.txt", &[(MissingOutcome, Some(1))], 2),
        ("unknown-outcome.txt", &[(UnknownOutcome, Some(0))], 1),
        ("duplicate-item.txt", &[(DuplicateItem, Some(2))], 3),
        ("missing-rationale.txt", &[(MissingRationale, Some(0))], 2),
        ("missing-guideline.txt", &[(MissingGuideline, Some(1))], 2),
        ("missing-section.txt", &[(MissingSection, None)], 1),
        ("no-items.txt", &[(NoItems, None)], 0),
    ];
    for (file, want, items) in cases {
        let (doc, got) = problems(file);
        assert_eq!(got, want, "{file}");
        assert_eq!(doc.letter.items.len(), items, "{file}");
        // The JSON carries the kinds by name.
        let json = doc.to_json();
        let kinds: Vec<&str> = json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap())
            .collect();
        let names: Vec<&str> = want.iter().map(|(k, _)| k.name()).collect();
        assert_eq!(kinds, names, "{file}");
    }
    let (doc, _) = problems("unknown-outcome.txt");
    let o = doc.letter.items[0].outcome.as_ref().unwrap();
    assert_eq!(doc.text(&o.span), "Modified");
    let (doc, _) = problems("duplicate-item.txt");
    let p = &doc.letter.problems[0];
    assert_eq!(
        doc.text(p.related.as_ref().unwrap()),
        doc.text(&doc.letter.items[0].header)
    );
    let (doc, _) = problems("missing-section.txt");
    assert!(
        doc.letter.problems[0]
            .detail
            .contains("CLINICAL CASE SUMMARY")
    );
}
