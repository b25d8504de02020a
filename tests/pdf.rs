//! Letters read from PDFs (`fixtures/pdf/`, made by `fixtures/pdf/make.sh` from the sample
//! letters): the same findings as the text, each placed by page and line on the page; the
//! bad PDFs each refused with its reason; `extract` printing the text as read.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use imr_lint::checks::Checks;
use imr_lint::lint::{self, Input, Options};
use imr_lint::pdf::PdfError;
use imr_lint::report::Reported;
use imr_lint::source::{ReadError, Source};
use serde_json::Value;

const VARIANTS: [&str; 3] = ["helvetica-letter", "times-a4", "vera-legal"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn imr() -> Command {
    let mut cmd = Command::cargo_bin("imr-lint").unwrap();
    cmd.current_dir(root())
        .env("COLUMNS", "100")
        .arg("--isolated");
    cmd
}

/// (rule, item, message) of each finding.
fn findings(path: &Path, rules: &Checks) -> BTreeSet<(String, String, String)> {
    let report = lint::lint_input(&Input::File(path.to_path_buf()), rules, Options::default());
    assert!(
        matches!(report.status, imr_lint::report::FileStatus::Linted { .. }),
        "{}: {:?}",
        path.display(),
        report.status
    );
    report
        .findings
        .iter()
        .map(|f: &Reported| {
            (
                f.rule.clone(),
                f.item.clone().unwrap_or_default(),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn every_sample_pdf_finds_what_its_text_finds() {
    let rules = Checks::builtin().unwrap();
    let letters = files(&root().join("fixtures/letters"), "txt");
    assert_eq!(letters.len(), 5);
    let mut compared = 0;
    for text in &letters {
        let want = findings(text, &rules);
        compared += want.len();
        for variant in VARIANTS {
            let name = text.with_extension("pdf");
            let pdf = root()
                .join("fixtures/pdf")
                .join(variant)
                .join(name.file_name().unwrap());
            assert_eq!(findings(&pdf, &rules), want, "{}", pdf.display());
        }
    }
    assert!(compared > 10, "the sample letters have findings to compare");
    // Locked against changes only: it opens without a password, so it is read.
    let locked = root().join("fixtures/pdf/owner-locked/004_fcd2ca5e482aece7.pdf");
    assert!(
        fs::read(&locked)
            .unwrap()
            .windows(8)
            .any(|w| w == b"/Encrypt")
    );
    let text = root().join("fixtures/letters/004_fcd2ca5e482aece7.txt");
    assert_eq!(findings(&locked, &rules), findings(&text, &rules));
}

/// The text `extract` prints, one string per page (each page ends with a form feed).
fn extracted_pages(pdf: &str) -> Vec<String> {
    let out = imr().args(["extract", pdf]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with('\x0c'), "pages end with a form feed");
    text.split_terminator('\x0c').map(str::to_string).collect()
}

#[test]
fn every_finding_points_at_its_page_and_line_in_the_text_as_read() {
    let pdf = "fixtures/pdf/times-a4/004_fcd2ca5e482aece7.pdf";
    let pages = extracted_pages(pdf);
    assert!(pages.len() >= 3, "004 runs to several pages");
    let source: String = pages.concat();
    let out = imr().args(["--format", "json", pdf]).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = json["findings"].as_array().unwrap();
    assert!(found.len() >= 5);
    let mut seen_pages = BTreeSet::new();
    for f in found {
        for place in std::iter::once(f).chain(f["labels"].as_array().unwrap()) {
            let page = place["page"].as_u64().expect("a page on every place") as usize;
            let line = place["line"].as_u64().unwrap() as usize;
            let column = place["column"].as_u64().unwrap() as usize;
            let (start, end) = (
                place["start"].as_u64().unwrap() as usize,
                place["end"].as_u64().unwrap() as usize,
            );
            seen_pages.insert(page);
            let on_page: String = pages[page - 1]
                .lines()
                .nth(line - 1)
                .unwrap()
                .chars()
                .skip(column - 1)
                .collect();
            let pointed = source[start..end].lines().next().unwrap_or("");
            assert!(
                on_page.starts_with(pointed),
                "page {page} line {line} column {column}: {on_page:?} does not start with {pointed:?}"
            );
        }
    }
    assert!(
        seen_pages.len() > 1,
        "findings on several pages: {seen_pages:?}"
    );
}

#[test]
fn human_output_names_the_page_and_line() {
    let out = imr()
        .args([
            "--color",
            "never",
            "fixtures/pdf/helvetica-letter/004_fcd2ca5e482aece7.pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "004 has an error");
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().find(|l| l.contains("╭─[")).unwrap();
    assert!(
        header.contains("004_fcd2ca5e482aece7.pdf:page ") && header.contains(":line "),
        "{header}"
    );
    insta::assert_snapshot!(
        "pdf_outcome_mismatch",
        first_report(&text, "consistency/outcome-mismatch")
    );
}

/// The first report of a rule in human output, up to the blank line after its citation.
fn first_report(text: &str, rule: &str) -> String {
    let start = text.find(rule).unwrap();
    let rest = &text[start..];
    let citation = rest.find("citation:").unwrap();
    let end = rest[citation..]
        .find("\n\n")
        .map_or(rest.len(), |e| citation + e + 1);
    rest[..end].to_string()
}

#[test]
fn sarif_carries_the_page_in_each_region() {
    let out = imr()
        .args([
            "--format",
            "sarif",
            "fixtures/pdf/vera-legal/003_fc99783cdfd818d2.pdf",
        ])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["properties"]["page"].as_u64().unwrap() >= 1,
            "{region}"
        );
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn text_findings_have_no_page() {
    let out = imr()
        .args([
            "--format",
            "json",
            "fixtures/letters/004_fcd2ca5e482aece7.txt",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in json["findings"].as_array().unwrap() {
        assert!(f.get("page").is_none(), "{f}");
    }
}

/// The reason each bad PDF is refused with.
fn refusal(name: &str) -> String {
    let path = root().join("fixtures/pdf/bad").join(name);
    match Source::read(&path) {
        Ok(_) => panic!("{name} was read"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_pdfs_are_refused_each_with_its_reason() {
    let cases = [
        ("bomb.pdf", "inflates past 32 MiB"),
        ("corrupt.pdf", "corrupt or truncated PDF"),
        ("empty.pdf", "empty file"),
        ("encrypted.pdf", "encrypted PDF: it needs a password"),
        ("many-pages.pdf", "10000 pages: more than the 1000"),
        (
            "not-a-pdf.pdf",
            "not a PDF: named .pdf but has no %PDF- signature (it starts `<!DOCTYPE html>`)",
        ),
        (
            "scanned.pdf",
            "no text layer: its 2 page(s) are images only",
        ),
        ("truncated.pdf", "corrupt or truncated PDF"),
    ];
    let names: Vec<String> = files(&root().join("fixtures/pdf/bad"), "pdf")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, cases.map(|(n, _)| n.to_string()));
    for (name, reason) in cases {
        let got = refusal(name);
        assert!(got.contains(reason), "{name}: {got}");
    }
}

#[test]
fn the_fixture_folder_reports_every_letter_and_every_bad_pdf() {
    let out = imr()
        .args(["--format", "json", "fixtures/pdf/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "unreadable files give status 2");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &json["summary"];
    assert_eq!(summary["letters"], 16);
    assert_eq!(summary["failed"].as_array().unwrap().len(), 8);
    let stderr = String::from_utf8(out.stderr).unwrap();
    for name in [
        "bomb",
        "corrupt",
        "empty",
        "encrypted",
        "many-pages",
        "not-a-pdf",
        "scanned",
        "truncated",
    ] {
        assert!(stderr.contains(&format!("bad/{name}.pdf: ")), "{stderr}");
    }
    let pages: BTreeSet<u64> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["page"].as_u64().unwrap())
        .collect();
    assert!(pages.len() > 2, "{pages:?}");
}

#[test]
fn a_folder_takes_pdf_and_txt_letters_and_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("fixtures/letters/002_85a380f222ae6c4f.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    fs::copy(
        root().join("fixtures/pdf/times-a4/002_85a380f222ae6c4f.pdf"),
        dir.path().join("b.PDF"),
    )
    .unwrap();
    fs::write(dir.path().join("c.docx"), "x").unwrap();
    let out = imr()
        .args(["--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["letters"], 2);
    assert_eq!(json["summary"]["skipped"], 1);
}

#[test]
fn a_pdf_is_known_by_its_signature_whatever_its_name_and_on_standard_input() {
    let bytes = fs::read(root().join("fixtures/pdf/vera-legal/001_c3a84b1ea5686096.pdf")).unwrap();
    let source = Source::from_bytes("letter.txt", &bytes).unwrap();
    assert!(source.pages().len() >= 2);
    assert!(
        source
            .text()
            .contains("IMR ISSUES, DECISIONS AND RATIONALES")
    );
    let out = imr()
        .args(["--format", "json", "--stdin-filename", "in.pdf", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["letters"], 1);
    assert!(json["findings"][0]["page"].as_u64().is_some());
}

#[test]
fn extract_prints_each_page_as_read() {
    let pages = extracted_pages("fixtures/pdf/helvetica-letter/000_9da0cd1af723cf3b.pdf");
    let text =
        fs::read_to_string(root().join("fixtures/letters/000_9da0cd1af723cf3b.txt")).unwrap();
    let want: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let got: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Page "))
        .collect();
    assert_eq!(got, want);
    let footers = pages
        .iter()
        .filter(|p| p.contains(&format!("of {}", pages.len())))
        .count();
    assert_eq!(footers, pages.len(), "every page keeps its footer as read");
    let parse_text = imr()
        .args([
            "parse",
            "--text",
            "fixtures/pdf/helvetica-letter/000_9da0cd1af723cf3b.pdf",
        ])
        .output()
        .unwrap();
    let feeds: String = pages.iter().map(|p| format!("{p}\x0c")).collect();
    assert_eq!(String::from_utf8(parse_text.stdout).unwrap(), feeds);
    let clean = imr()
        .args([
            "extract",
            "--clean",
            "fixtures/pdf/helvetica-letter/000_9da0cd1af723cf3b.pdf",
        ])
        .output()
        .unwrap();
    let clean = String::from_utf8(clean.stdout).unwrap();
    assert!(
        !clean.contains("Page 1 of"),
        "the clean text has no furniture"
    );
    assert!(clean.contains("IMR ISSUES, DECISIONS AND RATIONALES"));
}

#[test]
fn read_errors_name_pdf_reasons() {
    let err = Source::from_bytes("x.pdf", b"%PDF-1.7\n").unwrap_err();
    assert!(
        matches!(err, ReadError::Pdf(PdfError::Corrupt(_))),
        "{err:?}"
    );
}
