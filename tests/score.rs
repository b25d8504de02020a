//! `imr-lint test`: scoring the rules against annotated letters, on the real binary.
//! The thresholds below are ratcheted to what the built-in rules achieve on the shared
//! corpus: raise them as the rules improve, never lower them.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// Over the whole corpus (`f`, `g`: the 2014-2016 layout; `h`: the older layouts).
const CORPUS_MIN_PRECISION: &str = "0.97";
const CORPUS_MIN_RECALL: &str = "0.97";
/// Over `f` and `g`.
const FG_MIN_PRECISION: &str = "0.95";
const FG_MIN_RECALL: &str = "0.95";

/// Over `h` (a letter in each older layout, and 2014-2016 letters with their header block).
const H_MIN_PRECISION: &str = "1.00";
const H_MIN_RECALL: &str = "1.00";

fn imr_lint() -> Command {
    let mut cmd = Command::cargo_bin("imr-lint").expect("binary");
    cmd.env("NO_COLOR", "1").arg("--isolated");
    cmd
}

#[test]
fn corpus_holds_its_thresholds() {
    imr_lint()
        .args(["test", "fixtures/corpus/", "--min-precision"])
        .arg(CORPUS_MIN_PRECISION)
        .arg("--min-recall")
        .arg(CORPUS_MIN_RECALL)
        .assert()
        .success()
        .stdout(predicate::str::contains("category"))
        .stdout(predicate::str::contains("on 24 letter(s)"));
    imr_lint()
        .args([
            "test",
            "fixtures/corpus/f",
            "fixtures/corpus/g",
            "--min-precision",
            FG_MIN_PRECISION,
            "--min-recall",
            FG_MIN_RECALL,
        ])
        .assert()
        .success();
}

#[test]
fn older_layouts_hold_their_thresholds() {
    imr_lint()
        .args([
            "test",
            "fixtures/corpus/h",
            "--min-precision",
            H_MIN_PRECISION,
        ])
        .args(["--min-recall", H_MIN_RECALL])
        .assert()
        .success()
        .stdout(predicate::str::contains("on 8 letter(s)"));
}

#[test]
fn impossible_threshold_exits_1() {
    imr_lint()
        .args(["test", "fixtures/corpus/", "--min-precision", "1.01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("precision below 1.01"));
}

/// The samples, annotated with the defects the rules are known to find: every one found,
/// no false alarm. The table is snapshotted so a change in it is reviewed.
#[test]
fn annotated_samples_table() {
    let out = imr_lint()
        .args(["test", "fixtures/scored/"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("precision 1.00, recall 1.00"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn json_report_has_totals_and_every_false_alarm() {
    let out = imr_lint()
        .args(["test", "--format", "json", "fixtures/corpus/f"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["letters"], 8);
    let total = &v["total"];
    let found = total["found"].as_u64().expect("found");
    let missed = total["missed"].as_u64().expect("missed");
    assert_eq!(found + missed, total["defects"].as_u64().expect("defects"));
    let alarms = v["false_alarms"].as_array().expect("false_alarms");
    assert_eq!(
        alarms.len() as u64,
        total["false_alarms"].as_u64().expect("n")
    );
    assert!(v["categories"]["relaxant"]["recall"].is_number());
    for a in alarms {
        assert!(a["file"].as_str().is_some_and(|f| f.ends_with(".txt")));
        assert!(a["line"].as_u64().is_some_and(|l| l > 0));
    }
}

/// A temporary corpus: one sample letter and the `truth.json` given.
fn corpus(truth: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        "fixtures/letters/001_c3a84b1ea5686096.txt",
        dir.path().join("001.txt"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("truth.json"), truth).expect("write");
    dir
}

const ITEMS: &str = r#"[
  {"header": "Norco 10/325mg #30: Upheld", "match": "norco", "defect": null},
  {"header": "Amitriptyline 10mg #60 3 refills: Overturned", "match": "amitriptyline", "defect": null},
  {"header": "Baclofen 10mg #270 1 refill: Overturned", "match": "baclofen",
   "defect": {"category": "relaxant", "why": "nine months of baclofen"}},
  {"header": "Butrans 20mcg/hr transdermal film #4: Overturned", "match": "MATCH", "defect": null}
]"#;

fn truth_with(pattern: &str) -> String {
    format!(
        "{{\"letters\": {{\"001.txt\": {{\"items\": {}}}}}}}",
        ITEMS.replace("MATCH", pattern)
    )
}

#[test]
fn small_corpus_counts_hits_misses_and_false_alarms() {
    let dir = corpus(&truth_with("butrans"));
    imr_lint()
        .arg("test")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "relaxant        1      1       0             0       1.00    1.00",
        ))
        // Amitriptyline's request mismatch and the MED claims are not annotated here.
        .stdout(predicate::str::contains("false alarms (3):"))
        .stdout(predicate::str::contains(
            "consistency/request-mismatch (warning)",
        ));
}

#[test]
fn broken_truth_json_exits_2_naming_the_place() {
    let dir = corpus("{\"letters\": {\"001.txt\": {\"items\": [\n  {\"header\": }\n]}}}");
    imr_lint()
        .arg("test")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("truth.json:2:"));
}

#[test]
fn match_finding_two_headers_exits_2_naming_the_place() {
    let dir = corpus(&truth_with("r"));
    imr_lint()
        .arg("test")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("truth.json:6:66:"))
        .stderr(predicate::str::contains("finds 4 headers"));
}

#[test]
fn match_finding_no_header_exits_2() {
    let dir = corpus(&truth_with("oxycontin"));
    imr_lint()
        .arg("test")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("finds no header of this letter"));
}

#[test]
fn folder_without_truth_exits_2_and_says_how_to_make_one() {
    imr_lint()
        .args(["test", "fixtures/letters-bad"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("imr-lint test --init"));
}

#[test]
fn init_writes_a_skeleton_that_scores_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["000_9da0cd1af723cf3b.txt", "004_fcd2ca5e482aece7.txt"] {
        std::fs::copy(Path::new("fixtures/letters").join(f), dir.path().join(f)).expect("copy");
    }
    imr_lint()
        .args(["test", "--init"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("2 letter(s), 19 item(s)"));
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("truth.json")).expect("r"))
            .expect("json");
    let items = truth["letters"]["004_fcd2ca5e482aece7.txt"]["items"]
        .as_array()
        .expect("items");
    assert_eq!(items.len(), 14);
    assert_eq!(items[0]["header"], "Oxycontin: Upheld");
    assert!(items.iter().all(|i| i["defect"].is_null()));
    // Every match is unique, so the skeleton loads and scores: no defects, all alarms.
    imr_lint()
        .arg("test")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("0 planted defect(s)"));
    imr_lint()
        .args(["test", "--init"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not overwritten"));
}
