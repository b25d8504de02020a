//! Bad input never panics and never hides the good letters of a batch: each bad file gets a
//! result or an error that names it, and a good letter linted beside it is still reported.
//!
//! The big letter is 20 MB, not 50, so the suite stays within seconds in a debug build (which
//! takes about 10 s for it, and 27 s for 50 MB); the release binary reads 50 MB in linear time.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const GOOD: &str = "004_fcd2ca5e482aece7.txt";
const OPANA_ERROR: &str = "consistency/outcome-mismatch";

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/letters")
        .join(name);
    fs::read_to_string(p).expect("fixture letter")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

fn imr_lint(args: &[&str], paths: &[&Path]) -> Run {
    let out = Command::cargo_bin("imr-lint")
        .unwrap()
        .args(["--isolated", "--no-progress"])
        .args(args)
        .args(paths)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "imr-lint panicked: {}",
        run.stderr
    );
    assert!(run.code.is_some(), "imr-lint was killed: {}", run.stderr);
    run
}

/// The failure reason the JSON summary gives for a file whose name ends in `name`.
fn failure<'a>(report: &'a Value, name: &str) -> Option<&'a str> {
    report["summary"]["failed"]
        .as_array()?
        .iter()
        .find(|f| f["file"].as_str().is_some_and(|p| p.ends_with(name)))
        .and_then(|f| f["reason"].as_str())
}

fn has_finding(report: &Value, file: &str, rule: &str) -> bool {
    report["findings"].as_array().is_some_and(|fs| {
        fs.iter()
            .any(|f| f["rule"] == rule && f["file"].as_str().is_some_and(|p| p.ends_with(file)))
    })
}

/// A letter: the head of 002 and `n` copies of its items.
fn many_items(n: usize) -> String {
    let text = fixture("002_85a380f222ae6c4f.txt");
    let first = text.find("Flexeril 10mg").expect("002's first item");
    let mut out = text[..first].to_string();
    for i in 0..n {
        out.push_str(&format!(
            "Flexeril {}mg #60:  Upheld \n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxants.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Cyclobenzaprine Page(s): 41-42.\n\nDecision rationale: Per MTUS guidelines, cyclobenzaprine is for a short course only. Therefore, the request is not medically necessary.\n\n \n\n",
            i % 20 + 1
        ));
    }
    out
}

#[test]
fn a_batch_of_bad_files_still_reports_the_good_letter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(GOOD), fixture(GOOD)).unwrap();
    fs::write(
        d.join("binary.txt"),
        b"PK\x03\x04\0\0\x14\0\x08\0\0\0\xff\xfe\0\0",
    )
    .unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    fs::write(d.join("blank.txt"), b" \n\r\n\t\n").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(fixture(GOOD).encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(d.join("utf16.txt"), utf16).unwrap();
    fs::write(
        d.join("bad-utf16.txt"),
        [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
    )
    .unwrap();
    fs::write(
        d.join("recipe.txt"),
        "Pancakes\n\nMix flour, eggs and milk. Fry. Serves 4.\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    // One 1 MB line inside a letter, and a letter with 5,000 items.
    let one_line = format!("{}\n{}\n", fixture(GOOD), "pain 7/10 ".repeat(100_000));
    fs::write(d.join("one-line.txt"), one_line).unwrap();
    fs::write(d.join("many-items.txt"), many_items(5_000)).unwrap();
    // A letter 200 folders down.
    let mut deep = d.join("deep");
    for i in 0..200 {
        deep.push(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("deep-letter.txt"), fixture(GOOD)).unwrap();

    let run = imr_lint(&["--format", "json"], &[d]);
    assert_eq!(run.code, Some(2), "unreadable files mean status 2");
    let report = run.json();
    assert!(
        has_finding(&report, GOOD, OPANA_ERROR),
        "the good letter's error is missing: {}",
        run.stdout
    );
    assert!(has_finding(&report, "deep-letter.txt", OPANA_ERROR));
    assert!(has_finding(&report, "utf16.txt", OPANA_ERROR));
    assert!(has_finding(&report, "one-line.txt", OPANA_ERROR));
    for (file, why) in [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("bad-utf16.txt", "UTF-16"),
        ("recipe.txt", "not an IMR letter"),
        #[cfg(unix)]
        ("dangling.txt", "cannot read"),
    ] {
        let reason = failure(&report, file)
            .unwrap_or_else(|| panic!("no failure reported for {file}: {}", run.stdout));
        assert!(reason.contains(why), "{file}: {reason}");
        assert!(run.stderr.contains(file), "stderr does not name {file}");
    }
    let items = report["summary"]["items"].as_u64().unwrap();
    assert!(items >= 5_000, "the 5,000 items were not all read: {items}");
}

#[test]
fn a_big_letter_is_read_in_one_piece() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let pad = "The injured worker reports neck pain rated 6/10 on 3/4/2015 and takes Norco 10/325mg #90. \n\n";
    let mut text = fixture(GOOD);
    let target = 20_000_000;
    text.push_str(&pad.repeat((target - text.len()) / pad.len() + 1));
    fs::write(&big, text).unwrap();
    let run = imr_lint(&["--format", "json"], &[&big]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(has_finding(&run.json(), "big.txt", OPANA_ERROR));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, fixture(GOOD)).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let good = dir.path().join(GOOD);
    fs::write(&good, fixture(GOOD)).unwrap();
    let run = imr_lint(&["--format", "json"], &[dir.path()]);
    let report = run.json();
    assert!(has_finding(&report, GOOD, OPANA_ERROR));
    if fs::read(&locked).is_ok() {
        // Running as root: the file is still readable and is linted like any other.
        assert!(has_finding(&report, "locked.txt", OPANA_ERROR));
    } else {
        assert_eq!(run.code, Some(2));
        let reason = failure(&report, "locked.txt").expect("locked.txt reported");
        assert!(reason.contains("cannot read"), "{reason}");
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn human_output_names_every_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(GOOD), fixture(GOOD)).unwrap();
    fs::write(d.join("binary.txt"), b"\0\x01\x02\x03").unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    let run = imr_lint(&["--color", "never"], &[d]);
    assert_eq!(run.code, Some(2));
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains(OPANA_ERROR), "{all}");
    assert!(
        all.contains("binary.txt") && all.contains("empty.txt"),
        "{all}"
    );
}

/// A rule file: the embedded rule set with a phrase that would be catastrophic as a regex.
fn rules_with_phrase(dir: &Path, phrase: &str) -> PathBuf {
    let builtin = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/mtus.yaml"))
        .expect("rules/mtus.yaml");
    let needle = "  determination:\n";
    let at = builtin.find(needle).expect("a determination phrase list") + needle.len();
    let text = format!(
        "{}    - {}\n{}",
        &builtin[..at],
        serde_json::to_string(phrase).unwrap(),
        &builtin[at..]
    );
    let path = dir.join("regex-phrase.yaml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_regex_looking_phrase_is_a_literal() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_with_phrase(dir.path(), "(a+)+$");
    let good = dir.path().join(GOOD);
    fs::write(&good, fixture(GOOD)).unwrap();
    let aaa = dir.path().join("aaa.txt");
    fs::write(
        &aaa,
        format!("{}\n{}!\n", fixture(GOOD), "a".repeat(50_000)),
    )
    .unwrap();
    let run = imr_lint(
        &["--rules", rules.to_str().unwrap(), "--format", "json"],
        &[&good, &aaa],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report = run.json();
    assert!(has_finding(&report, GOOD, OPANA_ERROR));
    assert!(has_finding(&report, "aaa.txt", OPANA_ERROR));
}

#[test]
fn a_yaml_alias_bomb_is_a_rule_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.yaml");
    let mut text = String::from(
        "schema: 1\nname: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    text.push_str("phrases: *i\n");
    fs::write(&bomb, text).unwrap();
    let good = dir.path().join(GOOD);
    fs::write(&good, fixture(GOOD)).unwrap();
    let start = std::time::Instant::now();
    let run = imr_lint(&["--rules", bomb.to_str().unwrap()], &[&good]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("bomb.yaml"), "{}", run.stderr);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}
