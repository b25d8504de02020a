//! The JSON report is a function of the input alone: byte-identical from run to run and
//! whatever the number of worker threads, over every fixture letter and layout.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    vec![
        root.join("letters"),
        root.join("layouts"),
        root.join("older"),
    ]
}

/// `imr-lint --format json` over the fixtures, with `-j threads`.
fn json(threads: usize) -> Vec<u8> {
    let out = Command::cargo_bin("imr-lint")
        .unwrap()
        .args(["--isolated", "--no-progress", "--format", "json", "-j"])
        .arg(threads.to_string())
        .args(fixtures())
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "imr-lint failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stderr.windows(8).any(|w| w == b"panicked"));
    out.stdout
}

#[test]
fn json_is_identical_across_runs_and_thread_counts() {
    let first = json(4);
    let value: serde_json::Value = serde_json::from_slice(&first).expect("valid JSON");
    assert_eq!(
        value["summary"]["letters"], 43,
        "every fixture letter linted"
    );
    assert!(
        value["findings"].as_array().is_some_and(|f| !f.is_empty()),
        "the fixtures have findings"
    );
    let again = json(4);
    assert!(first == again, "two runs with -j 4 differ");
    let single = json(1);
    assert!(first == single, "-j 1 and -j 4 differ");
}
