//! The first minute with imr-lint: `imr-lint init`, `--rules builtin:mtus` and the missing
//! rule file error, each run with the real binary in a fresh folder holding only a copy of
//! the sample letters (`letters/`), as a new user would.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use imr_lint::diagnostic::Severity;
use imr_lint::rules::{Example, RuleSet};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder holding `letters/`, a copy of the sample letters.
fn folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    let letters = dir.path().join("letters");
    fs::create_dir(&letters).unwrap();
    for e in fs::read_dir(root().join("fixtures/letters")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, letters.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// The binary, run in `dir`.
fn imr(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("imr-lint").unwrap();
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .args(args);
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that a human-format lint of `letters/` exits 1 with the Opana error.
fn assert_opana_error(dir: &Path, args: &[&str]) {
    let out = imr(dir, args).output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {stdout}\nstderr: {}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("consistency/outcome-mismatch")
            && stdout.contains("Opana: decided Overturned, but the rationale concludes")
            && stdout.contains("checked 5 letters (28 items): 1 error"),
        "{args:?}: {stdout}"
    );
}

/// The findings of `args` (with `--format json`) and the rule set JSON names.
fn json(dir: &Path, args: &[&str]) -> (Vec<Value>, String) {
    let out = imr(dir, args).args(["--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", text(&out.stderr)));
    let rules = v["tool"]["rules"].as_str().unwrap().to_string();
    (v["findings"].as_array().unwrap().clone(), rules)
}

/// The findings of the built-in rule set on the sample letters.
fn builtin_findings(dir: &Path) -> Vec<Value> {
    json(dir, &["--isolated", "letters/"]).0
}

#[test]
fn init_then_the_rule_file_it_wrote_reports_the_opana_error() {
    let dir = folder();
    let out = imr(dir.path(), &["init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("init_output", text(&out.stdout));
    let rules = fs::read_to_string(dir.path().join("mtus.yaml")).unwrap();
    assert!(rules.contains("\nextends: builtin:mtus\n"), "{rules}");
    let config = fs::read_to_string(dir.path().join("imr-lint.toml")).unwrap();
    assert!(config.contains("\nrules = \"mtus.yaml\"\n"), "{config}");

    assert_opana_error(dir.path(), &["--rules", "mtus.yaml", "letters/"]);
    // The configuration names the rule file, so the short command uses it too.
    let (findings, origin) = json(dir.path(), &["letters/"]);
    assert!(origin.ends_with("mtus.yaml"), "{origin}");
    // Until an example is uncommented, the file changes nothing.
    assert_eq!(findings, builtin_findings(dir.path()));
}

#[test]
fn builtin_mtus_is_accepted_on_the_command_line() {
    let dir = folder();
    assert_opana_error(dir.path(), &["--rules", "builtin:mtus", "letters/"]);
    let (findings, origin) = json(dir.path(), &["--rules", "builtin:mtus", "letters/"]);
    assert_eq!(origin, "builtin:mtus");
    assert_eq!(findings, builtin_findings(dir.path()));
    // Nothing was written, and no file named `builtin:mtus` was looked for.
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn builtin_mtus_is_accepted_in_the_config() {
    let dir = folder();
    fs::write(
        dir.path().join("imr-lint.toml"),
        "rules = \"builtin:mtus\"\nselect = [\"consistency\"]\n",
    )
    .unwrap();
    assert_opana_error(dir.path(), &["letters/"]);
    let (findings, origin) = json(dir.path(), &["letters/"]);
    assert_eq!(origin, "builtin:mtus");
    let rules: Vec<_> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"consistency/outcome-mismatch"), "{rules:?}");
    assert!(
        rules.iter().all(|r| r.starts_with("consistency/")),
        "{rules:?}"
    );
}

#[test]
fn an_unknown_builtin_name_is_status_2() {
    let dir = folder();
    imr(dir.path(), &["--rules", "builtin:acoem", "letters/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown built-in rule set 'builtin:acoem' (the built-in set is builtin:mtus)",
        ));
    fs::write(
        dir.path().join("local.yaml"),
        "schema: 1\nextends: builtin:acoem\n",
    )
    .unwrap();
    imr(dir.path(), &["--rules", "local.yaml", "letters/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "local.yaml:2:10: unknown built-in rule set",
        ));
}

#[test]
fn a_second_init_refuses_to_overwrite() {
    let dir = folder();
    imr(dir.path(), &["init"]).assert().code(0);
    let rules = dir.path().join("mtus.yaml");
    let edited = format!(
        "{}disable: [hygiene/mojibake]\n",
        fs::read_to_string(&rules).unwrap()
    );
    fs::write(&rules, &edited).unwrap();
    let config = fs::read_to_string(dir.path().join("imr-lint.toml")).unwrap();
    for args in [&["init"][..], &["init", "--full"]] {
        imr(dir.path(), args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "imr-lint: error: mtus.yaml and imr-lint.toml already exist; \
                 `imr-lint init` never overwrites a file, and wrote nothing",
            ));
        assert_eq!(fs::read_to_string(&rules).unwrap(), edited);
        assert_eq!(
            fs::read_to_string(dir.path().join("imr-lint.toml")).unwrap(),
            config
        );
    }
}

#[test]
fn init_writes_nothing_when_either_file_exists() {
    let dir = folder();
    fs::write(dir.path().join("imr-lint.toml"), "fail-on = \"warning\"\n").unwrap();
    imr(dir.path(), &["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "imr-lint.toml already exists; `imr-lint init` never overwrites a file, and wrote nothing (edit it",
        ));
    assert!(!dir.path().join("mtus.yaml").exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("imr-lint.toml")).unwrap(),
        "fail-on = \"warning\"\n"
    );
}

#[test]
fn init_refuses_options_it_would_not_use() {
    let dir = folder();
    for args in [
        &["init", "--rules", "local.yaml"][..],
        &["init", "--select", "mtus/"],
        &["--config", "x.toml", "init"],
    ] {
        imr(dir.path(), args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("it takes no --rules, --select"));
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "wrote nothing"
    );
}

#[test]
fn init_into_a_named_folder() {
    let dir = folder();
    imr(dir.path(), &["init", "audits/2015"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote audits/2015/mtus.yaml"))
        .stdout(predicate::str::contains("wrote audits/2015/imr-lint.toml"));
    assert!(dir.path().join("audits/2015/mtus.yaml").is_file());
    assert!(dir.path().join("audits/2015/imr-lint.toml").is_file());
    assert!(!dir.path().join("mtus.yaml").exists());
}

/// The text with the commented examples uncommented: a run of `# ` lines that starts with
/// a top-level key (`# key:` in YAML, `# key = ` or `# [[table]]` in TOML) and goes on
/// with indented lines (`#   ...`) or, in TOML, more keys.
fn uncomment(text: &str) -> String {
    let key = |rest: &str| {
        let name_end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let after = &rest[name_end..];
        name_end > 0 && (after == ":" || after.starts_with(": ") || after.starts_with(" = "))
            || rest.starts_with("[[")
    };
    let mut inside = false;
    let mut out = String::new();
    for line in text.lines() {
        let rest = line.strip_prefix("# ");
        inside = match rest {
            Some(r) if key(r) => true,
            Some(r) => inside && r.starts_with(' '),
            None => false,
        };
        out.push_str(match (inside, rest) {
            (true, Some(r)) => r,
            _ => line,
        });
        out.push('\n');
    }
    out
}

/// Uncomments the examples of a file `init` wrote, checks that each of `expected` is then
/// in it, and writes it back.
fn uncomment_file(path: &Path, expected: &[&str]) -> String {
    let uncommented = uncomment(&fs::read_to_string(path).unwrap());
    for example in expected {
        assert!(
            uncommented.contains(example),
            "{example:?} in\n{uncommented}"
        );
    }
    fs::write(path, &uncommented).unwrap();
    uncommented
}

/// Writes each example as a letter in `dir/examples/` and returns, per example, whether
/// the binary (in `dir`, with its configuration) flags it under `rule` alone.
fn flagged(dir: &Path, rule: &str, examples: &[Example]) -> Vec<bool> {
    let folder = dir.join("examples");
    fs::create_dir_all(&folder).unwrap();
    let names: Vec<String> = (0..examples.len()).map(|i| format!("{i:02}.txt")).collect();
    for (name, e) in names.iter().zip(examples) {
        fs::write(folder.join(name), e.letter()).unwrap();
    }
    let (findings, _) = json(dir, &["--select", rule, "examples/"]);
    let result = names
        .iter()
        .map(|n| {
            findings
                .iter()
                .any(|f| f["file"] == format!("examples/{n}"))
        })
        .collect();
    fs::remove_dir_all(&folder).unwrap();
    result
}

#[test]
fn the_examples_in_mtus_yaml_are_comments_that_work_when_uncommented() {
    let dir = folder();
    imr(dir.path(), &["init"]).assert().code(0);
    let path = dir.path().join("mtus.yaml");
    let written = fs::read_to_string(&path).unwrap();
    let builtin = RuleSet::builtin().unwrap();
    let as_written = RuleSet::load(&path).expect("the written mtus.yaml loads");
    assert_eq!(as_written.name, "local-mtus");
    for (a, b) in as_written.rules.iter().zip(&builtin.rules) {
        assert_eq!(
            (&a.id, a.severity, a.enabled, &a.message),
            (&b.id, b.severity, b.enabled, &b.message)
        );
    }

    let uncommented = uncomment_file(
        &path,
        &[
            "overrides:\n  mtus/med-ceiling: {severity: error}\n",
            "disable: [hygiene/drug-misspelling]\n",
            "rules:\n  - id: mtus/benzodiazepine-duration\n",
            "      max_days: 14\n",
        ],
    );
    let changed = RuleSet::load(&path)
        .unwrap_or_else(|e| panic!("uncommented mtus.yaml does not load: {e}\n{uncommented}"));
    assert_eq!(changed.rules.len(), builtin.rules.len());
    let rule = |id: &str| changed.rule(id).unwrap();
    assert_eq!(rule("mtus/med-ceiling").severity, Severity::Error);
    assert!(!rule("hygiene/drug-misspelling").enabled);
    // The local threshold: a 30-day benzodiazepine supply is flagged, as the built-in
    // 28-day limit would not flag #30 (15 days), and the examples hold.
    let benzo = rule("mtus/benzodiazepine-duration");
    assert!(benzo.message.contains("local policy"), "{}", benzo.message);
    let built_in = builtin.rule(&benzo.id).unwrap();
    assert_eq!(benzo.category, built_in.category);
    let flags = vec![true; benzo.flag.len()];
    assert_eq!(flagged(dir.path(), &benzo.id, &benzo.flag), flags);
    let passes = vec![false; benzo.pass.len()];
    assert_eq!(flagged(dir.path(), &benzo.id, &benzo.pass), passes);
    let two_weeks_and_a_day = Example::Items(
        "Klonopin 1mg #30: Overturned\nClaims Administrator guideline: x\nMAXIMUS guideline: \
         Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.\n\
         Decision rationale: Therefore, the request is medically necessary."
            .into(),
    );
    let example = [two_weeks_and_a_day];
    assert_eq!(flagged(dir.path(), &benzo.id, &example), [true]);
    fs::write(&path, &written).unwrap();
    assert_eq!(flagged(dir.path(), &benzo.id, &example), [false]);
    fs::write(&path, &uncommented).unwrap();

    // The command line agrees: the MED finding is now an error, the misspelling is gone.
    let (findings, _) = json(dir.path(), &["letters/"]);
    let severity_of = |rule: &str| {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| f["severity"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(severity_of("mtus/med-ceiling"), ["error"]);
    assert!(severity_of("hygiene/drug-misspelling").is_empty());
    assert_eq!(severity_of("consistency/outcome-mismatch"), ["error"]);
}

#[test]
fn the_examples_in_imr_lint_toml_are_comments_that_work_when_uncommented() {
    let dir = folder();
    imr(dir.path(), &["init"]).assert().code(0);
    uncomment_file(
        &dir.path().join("imr-lint.toml"),
        &[
            "\nselect = [",
            "\nignore = [\"hygiene/\"]\n",
            "\nfail-on = \"warning\"\n",
            "\n[[suppress]]\nrule = \"citation/page-outside-topic\"\n",
            "\nreason = \"",
        ],
    );
    // fail-on = warning: the sample letters' warnings fail the run; the example
    // suppression matches no letter here, which is reported, not an error.
    let out = imr(dir.path(), &["--format", "json", "letters/"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("unused suppression"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.is_empty());
    assert!(
        rules.iter().all(|r| ["consistency/", "citation/", "mtus/"]
            .iter()
            .any(|p| r.starts_with(p))),
        "{rules:?}"
    );
}

#[test]
fn init_full_writes_the_whole_rule_set() {
    let dir = folder();
    let out = imr(dir.path(), &["init", "--full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("wrote mtus.yaml: the whole built-in MTUS rule set"));
    let written = fs::read_to_string(dir.path().join("mtus.yaml")).unwrap();
    let builtin_text = fs::read_to_string(root().join("rules/mtus.yaml")).unwrap();
    assert!(written.starts_with("# The whole built-in rule set of imr-lint"));
    assert!(written.ends_with(&builtin_text));
    assert!(!written.contains("\nextends:"));

    let rules = RuleSet::load(&dir.path().join("mtus.yaml")).expect("the --full file loads");
    let builtin = RuleSet::builtin().unwrap();
    let ids = |r: &RuleSet| r.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&rules), ids(&builtin));
    assert_opana_error(dir.path(), &["--rules", "mtus.yaml", "letters/"]);
    assert_eq!(
        json(dir.path(), &["--rules", "mtus.yaml", "letters/"]).0,
        builtin_findings(dir.path())
    );
    // A fork is edited in place: a changed threshold takes effect.
    let forked = written.replace(
        "      ceiling: 120\n    severity: warning",
        "      ceiling: 50\n    severity: warning",
    );
    assert_ne!(forked, written);
    fs::write(dir.path().join("mtus.yaml"), forked).unwrap();
    let (findings, _) = json(dir.path(), &["letters/"]);
    let med: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "mtus/med-ceiling")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        !med.is_empty()
            && med
                .iter()
                .all(|m| m.contains("above the 50 mg/day ceiling")),
        "{med:?}"
    );
}

#[test]
fn a_missing_rule_file_says_how_to_get_one() {
    let dir = folder();
    let out = imr(dir.path(), &["--rules", "mtus.yaml", "letters/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    insta::assert_snapshot!("missing_rule_file", text(&out.stderr));

    // Named by the configuration: the message says which file named it.
    fs::write(
        dir.path().join("imr-lint.toml"),
        "rules = \"rules/local.yaml\"\n",
    )
    .unwrap();
    let out = imr(dir.path(), &["letters/"]).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let config = dir.path().join("imr-lint.toml");
    assert!(
        stderr.contains(&format!(
            "local.yaml: cannot read rule file: No such file or directory (os error 2); {} names it in `rules`",
            config.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("`imr-lint init` writes"), "{stderr}");
}
