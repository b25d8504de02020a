//! What the rule set finds in the real sample letters: the findings a careful auditor makes
//! reading them, and nothing else; the same in every re-laid-out copy.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use imr_lint::checks::Checks;
use imr_lint::diagnostic::Severity;
use imr_lint::facts::Facts;
use imr_lint::letter::{Document, OutcomeKind};
use imr_lint::lint::{self, Options};
use imr_lint::report::{FileReport, Reported};
use imr_lint::source::Source;

fn letters(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn sample(prefix: &str) -> PathBuf {
    letters("fixtures/letters")
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn lint(path: &Path, checks: &Checks) -> FileReport {
    lint::lint_source(Source::read(path).unwrap(), checks, Options::default())
}

/// (rule, item header words) of each finding.
fn keys(findings: &[Reported]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .map(|f| {
            let item = f.item.clone().unwrap_or_default();
            let header = item
                .rsplit_once(':')
                .map_or(item.clone(), |(h, _)| h.to_string());
            (
                f.rule.clone(),
                header.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

fn expect(prefix: &str, expected: &[(&str, &str)]) {
    let rules = Checks::builtin().unwrap();
    let got = keys(&lint(&sample(prefix), &rules).findings);
    let want: BTreeSet<(String, String)> = expected
        .iter()
        .map(|(r, i)| (r.to_string(), i.to_string()))
        .collect();
    assert_eq!(got, want, "letter {prefix}");
}

#[test]
fn letter_000() {
    expect(
        "000",
        &[
            // Norco 60 + Duragesic 180 = 240 MED, both approved.
            ("mtus/med-ceiling", ""),
            // `Carisoprodol (Soma0.`
            ("hygiene/unbalanced", "Soma 350mg #45"),
            // Rationale cites page 80; the guideline line lists no pages.
            ("citation/page-not-listed", "Duragesic 75mcg patch #10"),
            ("hygiene/drug-misspelling", "Liorisal 10mg #90"),
        ],
    );
}

#[test]
fn letter_001() {
    expect(
        "001",
        &[
            // Butrans 36 + Norco 10 = 46 MED: neither "exceeds" nor "at" the ceiling.
            ("mtus/med-claim", "Norco 10/325mg #30"),
            ("mtus/med-claim", "Butrans 20mcg/hr transdermal film #4"),
            // Summary: Amitriptyline 10mg #30 with 3 refills; header: #60.
            (
                "consistency/request-mismatch",
                "Amitriptyline 10mg #60 3 refills",
            ),
            // 270 × 2 fills ÷ 3 a day = 180 days; spasticity exception not invoked.
            (
                "mtus/muscle-relaxant-duration",
                "Baclofen 10mg #270 1 refill",
            ),
        ],
    );
}

#[test]
fn letters_002_and_003_have_no_error_or_warning() {
    expect("002", &[]);
    expect(
        "003",
        &[(
            "hygiene/mojibake",
            "DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS",
        )],
    );
}

#[test]
fn letter_004() {
    expect(
        "004",
        &[
            ("consistency/outcome-mismatch", "Opana"),
            // "office visit(s) of ... August 1, 2014": the summary has August 12 and July 28.
            ("record/date-not-in-summary", "Oxycontin"),
            ("record/date-not-in-summary", "Norco"),
            ("record/date-not-in-summary", "Topamax"),
            // `"clearly states treatment goals.` never closes.
            ("hygiene/unbalanced", "Aquatic therapy"),
            // `Gabapentin Page(s):.` while the rationale cites pages 49, 3 and 7.
            ("citation/empty-page-list", "Gralise 300mg"),
        ],
    );
}

#[test]
fn opana_error_labels_the_outcome_the_conclusion_and_the_trigger() {
    let rules = Checks::builtin().unwrap();
    let path = sample("004");
    let report = lint(&path, &rules);
    let opana = report
        .findings
        .iter()
        .find(|f| f.rule == "consistency/outcome-mismatch")
        .unwrap();
    assert_eq!(opana.severity, Severity::Error);
    let text = std::fs::read_to_string(&path).unwrap();
    let labelled: Vec<&str> = opana
        .labels
        .iter()
        .map(|l| &text[l.place.start..l.place.end])
        .collect();
    assert_eq!(
        labelled,
        ["Overturned", "medically necessary", "not", "indicated"]
    );
    assert_eq!((opana.place.line, opana.place.column), (209, 8));
    assert!(
        opana.help.contains("Overturned means medically necessary"),
        "{}",
        opana.help
    );
}

#[test]
fn every_item_of_every_layout_concludes_as_its_outcome_except_opana() {
    let rules = Checks::builtin().unwrap();
    let mut dirs = vec!["fixtures/letters".to_string()];
    for e in std::fs::read_dir("fixtures/layouts").unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            dirs.push(p.display().to_string());
        }
    }
    let mut checked = 0;
    for dir in &dirs {
        for path in letters(dir) {
            let doc = Document::parse(Source::read(&path).unwrap()).unwrap();
            let facts = Facts::new(&doc, rules.rules());
            for (item, f) in doc.letter.items.iter().zip(&facts.items) {
                let header = doc.text(&item.header).to_string();
                let c = f
                    .determination
                    .conclusion
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: {header}: no conclusion", path.display()));
                let approved = item.outcome.as_ref().unwrap().kind == OutcomeKind::Overturned;
                assert_eq!(
                    c.positive == approved,
                    !header.starts_with("Opana"),
                    "{}: {header}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 28 * dirs.len());
}

#[test]
fn every_layout_has_the_findings_of_its_original() {
    let rules = Checks::builtin().unwrap();
    for e in std::fs::read_dir("fixtures/layouts").unwrap() {
        let dir = e.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for path in letters(&dir.display().to_string()) {
            let original = Path::new("fixtures/letters").join(path.file_name().unwrap());
            let want = keys(&lint(&original, &rules).findings);
            let got = keys(&lint(&path, &rules).findings);
            assert_eq!(got, want, "{}", path.display());
        }
    }
}

/// Each older-layout restatement of sample letter 002 (`fixtures/older/`): its layout, its
/// case number, its items as 002 decides them, and the findings it was written to carry.
#[test]
fn every_layout_reads_and_checks_letter_002_alike() {
    let rules = Checks::builtin().unwrap();
    let cases: [(&str, &str, &str, &[&str]); 8] = [
        ("002-final-2014-header", "final-2014", "CM15-0031415", &[]),
        (
            "002-final-2014-header-dates",
            "final-2014",
            "CM15-0031415",
            &["header/not-a-date", "header/date-order"],
        ),
        ("002-numbered-2013", "numbered-2013", "CM14-0031415", &[]),
        (
            "002-numbered-2013-contradiction",
            "numbered-2013",
            "CM14-0031415",
            // The sentence approves Norco; "No treating physician reports adequately assess
            // the patient with respect to function, ..., return to work" is no evidence.
            &["consistency/outcome-mismatch", "mtus/opioid-continuation"],
        ),
        ("002-review-2013", "review-2013", "CM13-0031415", &[]),
        ("002-notice-2013", "notice-2013", "CM13-0031415", &[]),
        (
            "002-notice-2013-lists-disagree",
            "notice-2013",
            "CM13-0031415",
            &["consistency/decision-lists-differ"],
        ),
        (
            "notice-2013-opening",
            "notice-2013",
            "CM13-0031415",
            &[
                "structure/missing-section",
                "structure/missing-section",
                "structure/missing-section",
                "structure/missing-claims-guideline",
                "structure/missing-guideline",
                "structure/missing-rationale",
                "structure/missing-claims-guideline",
                "structure/missing-guideline",
                "structure/missing-rationale",
            ],
        ),
    ];
    for (stem, layout, case, want) in cases {
        let path = PathBuf::from(format!("fixtures/older/{stem}.txt"));
        let doc = Document::parse(Source::read(&path).unwrap()).unwrap();
        assert_eq!(doc.letter.layout, layout, "{stem}");
        assert_eq!(doc.case_number(), Some(case), "{stem}");
        let items: Vec<(String, OutcomeKind, Option<f64>)> = doc
            .letter
            .items
            .iter()
            .map(|i| {
                (
                    collapse(doc.text(&i.request.span)),
                    i.outcome.as_ref().map_or(OutcomeKind::Unknown, |o| o.kind),
                    i.request.quantity.as_ref().map(|q| q.value),
                )
            })
            .collect();
        let norco = if stem.ends_with("contradiction") {
            OutcomeKind::Overturned
        } else {
            OutcomeKind::Upheld
        };
        assert_eq!(
            items,
            [
                (
                    "Flexeril 10mg #60 with 3 refills".to_string(),
                    OutcomeKind::Upheld,
                    Some(60.0)
                ),
                ("Norco 5/325mg #45".to_string(), norco, Some(45.0)),
            ],
            "{stem}"
        );
        if !stem.ends_with("opening") {
            let pages: Vec<(u32, u32)> = doc.letter.items[1]
                .guideline
                .as_ref()
                .unwrap()
                .citations
                .iter()
                .flat_map(|c| c.pages.iter().map(|p| (p.first, p.last)))
                .collect();
            assert_eq!(pages, [(76, 85), (88, 89)], "{stem}");
            let summary = doc.text(doc.letter.case_summary.as_ref().unwrap());
            assert!(
                summary.contains("The injured worker is a 75 year old female"),
                "{stem}: {summary}"
            );
            assert!(
                summary.trim_end().ends_with("Norco 5/325mg #45."),
                "{stem}: {summary}"
            );
        }
        let report = lint(&path, &rules);
        let raised: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.severity > Severity::Info || f.rule.starts_with("structure/"))
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(raised, want, "{stem}");
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.case.as_deref() == Some(case)),
            "{stem}"
        );
    }
}

/// A notice's first list decides; the second restates, here disagreeing on Norco.
#[test]
fn a_notice_restates_its_decisions() {
    let path = Path::new("fixtures/older/002-notice-2013-lists-disagree.txt");
    let doc = Document::parse(Source::read(path).unwrap()).unwrap();
    let restated: Vec<Vec<OutcomeKind>> = doc
        .letter
        .items
        .iter()
        .map(|i| i.restated.iter().map(|o| o.kind).collect())
        .collect();
    assert_eq!(
        restated,
        [vec![OutcomeKind::Upheld], vec![OutcomeKind::Overturned]]
    );
    let report = lint(path, &Checks::builtin().unwrap());
    assert!(
        report.findings[0]
            .message
            .starts_with("Norco 5/325mg #45: the letter's two lists of decisions disagree"),
        "{}",
        report.findings[0].message
    );
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A notice whose rationales are not numbered pairs them with its decisions in order.
#[test]
fn a_notices_unnumbered_rationales_go_in_order() {
    let text = std::fs::read_to_string("fixtures/older/002-notice-2013.txt")
        .unwrap()
        .replace("1) Regarding", "Regarding")
        .replace("2) Regarding", "Regarding");
    let doc =
        Document::parse(Source::from_bytes("unnumbered.txt", text.as_bytes()).unwrap()).unwrap();
    assert!(doc.letter.problems.is_empty(), "{:?}", doc.letter.problems);
    let rationales: Vec<bool> = doc
        .letter
        .items
        .iter()
        .map(|i| {
            i.rationale.as_ref().is_some_and(|r| {
                doc.text(r)
                    .contains(if doc.text(&i.request.span).starts_with("Norco") {
                        "lack of documentation"
                    } else {
                        "cyclobenzaprine"
                    })
            })
        })
        .collect();
    assert_eq!(rationales, [true, true]);
}
