//! The command line as users and CI systems see it: every output format, exit statuses,
//! baselines, configuration, standard input, subcommands. Runs the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const LETTERS: &str = "fixtures/letters";
const L002: &str = "fixtures/letters/002_85a380f222ae6c4f.txt";
const L003: &str = "fixtures/letters/003_fc99783cdfd818d2.txt";
const L004: &str = "fixtures/letters/004_fcd2ca5e482aece7.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run in the repository root, with no configuration file.
fn imr() -> Command {
    let mut cmd = Command::cargo_bin("imr-lint").unwrap();
    cmd.current_dir(root())
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR");
    cmd
}

/// The binary with `--isolated` and `args`.
fn lint(args: &[&str]) -> Command {
    let mut cmd = imr();
    cmd.arg("--isolated").args(args);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// Runs with `--format json` and parses the output.
fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.arg("--format").arg("json").output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn findings(v: &Value) -> &Vec<Value> {
    v["findings"].as_array().unwrap()
}

fn rules_of(v: &Value) -> Vec<String> {
    findings(v)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn copy_letters(to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(root().join(LETTERS)).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Replaces exactly one occurrence of `from` in a file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} in {}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

// ---------------------------------------------------------------------------------------
// A small JSON Schema validator: type, enum, required, properties, additionalProperties,
// items, minimum and local `$ref`s (`#/$defs/...`), which is all the schema uses.

fn schema() -> Value {
    let text = fs::read_to_string(root().join("tests/schema/output.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_u64() || v.is_i64(),
        other => panic!("schema type {other} not supported by this validator"),
    }
}

fn validate(root: &Value, s: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = r
            .strip_prefix("#/")
            .unwrap()
            .split('/')
            .fold(root, |node, key| &node[key]);
        assert!(!target.is_null(), "dangling $ref {r}");
        validate(root, target, v, at, errors);
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type in schema at {at}"),
        };
        if !ok {
            errors.push(format!("{at}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{at}: {v} is not one of {e:?}"));
    }
    if let Some(min) = s.get("minimum").and_then(Value::as_f64)
        && v.as_f64().is_some_and(|n| n < min)
    {
        errors.push(format!("{at}: {v} < {min}"));
    }
    if let Some(obj) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                errors.push(format!("{at}: missing required property {r}"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, child, &format!("{at}.{k}"), errors),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{at}: unexpected property {k}"));
                    }
                    Some(extra @ Value::Object(_)) => {
                        validate(root, extra, child, &format!("{at}.{k}"), errors);
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(arr)) = (s.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(root, items, child, &format!("{at}[{i}]"), errors);
        }
    }
}

fn schema_errors(v: &Value) -> Vec<String> {
    let s = schema();
    let mut errors = Vec::new();
    validate(&s, &s, v, "$", &mut errors);
    errors
}

fn assert_schema(v: &Value) {
    let errors = schema_errors(v);
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Formats.

#[test]
fn json_matches_the_schema() {
    let v = json_of(&mut lint(&[LETTERS]));
    assert_schema(&v);
    assert_eq!(v["version"], 1);
    let s = &v["summary"];
    assert_eq!(
        (s["files"].as_u64(), s["letters"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(s["items"], 28);
    assert_eq!(s["findings"].as_u64().unwrap() as usize, findings(&v).len());
    let by_rule: u64 = s["by_rule"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    let by_severity: u64 = s["by_severity"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_rule as usize, findings(&v).len());
    assert_eq!(by_severity as usize, findings(&v).len());
    for f in findings(&v) {
        let labels = f["labels"].as_array().unwrap();
        assert_eq!(
            labels.iter().filter(|l| l["primary"] == true).count(),
            1,
            "{f}"
        );
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 16);
    }

    // The validator is not vacuous.
    let mut bad = v.clone();
    bad["findings"][0]["severity"] = "fatal".into();
    bad["findings"][0]["line"] = 0.into();
    bad["findings"][0]["labels"][0]
        .as_object_mut()
        .unwrap()
        .remove("primary");
    bad["summary"]["by_severity"]["fatal"] = 1.into();
    assert_eq!(schema_errors(&bad).len(), 4, "{:?}", schema_errors(&bad));
}

#[test]
fn json_findings_of_the_sample_letters() {
    let v = json_of(&mut lint(&[L004]));
    let opana: Vec<&Value> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "consistency/outcome-mismatch")
        .collect();
    assert_eq!(opana.len(), 1);
    let f = opana[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["item"], "Opana: Overturned");
    assert_eq!(f["file"], L004);
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(209), Some(8))
    );
    let texts: Vec<&str> = f["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("not medically necessary")),
        "{texts:?}"
    );

    assert!(findings(&json_of(&mut lint(&[L002]))).is_empty());
    let v = json_of(&mut lint(&[L003]));
    assert_eq!(rules_of(&v), ["hygiene/mojibake"]);
    assert_eq!(findings(&v)[0]["severity"], "info");
}

#[test]
fn sarif_has_what_code_scanning_requires() {
    let out = lint(&["--format", "sarif", LETTERS]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = json_of(&mut lint(&[LETTERS]));
    assert!(v["$schema"].as_str().unwrap().contains("sarif"));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "imr-lint");
    let rules = driver["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for r in rules {
        assert!(!r["id"].as_str().unwrap().is_empty());
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !r[field]["text"].as_str().unwrap_or("").is_empty(),
                "{field} of {}",
                r["id"]
            );
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings(&expected).len());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("fixtures/letters/"), "{uri}");
        let region = &loc["region"];
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[k].as_u64().unwrap() >= 1, "{k} in {region}");
        }
        assert!(
            (region["endLine"].as_u64(), region["endColumn"].as_u64())
                > (region["startLine"].as_u64(), region["startColumn"].as_u64())
        );
        let fp = r["partialFingerprints"].as_object().unwrap();
        assert!(!fp.is_empty() && fp.values().all(|f| !f.as_str().unwrap().is_empty()));
    }
    let levels: Vec<&str> = results
        .iter()
        .filter(|r| r["ruleId"] == "consistency/outcome-mismatch")
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["error"]);
}

#[test]
fn sarif_uris_are_relative_whatever_path_is_given() {
    let dir = TempDir::new().unwrap();
    copy_letters(&dir.path().join("letters"));
    let abs = dir.path().join("letters").join("004_fcd2ca5e482aece7.txt");
    let outside = root().join(L003);
    let out = lint(&["--format", "sarif"])
        .arg(&abs)
        .arg(&outside)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"letters/004_fcd2ca5e482aece7.txt"),
        "{uris:?}"
    );
    for r in v["runs"][0]["results"].as_array().unwrap() {
        let art = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = art["uri"].as_str().unwrap();
        // Relative to %SRCROOT%, or an absolute file: URI with no base.
        assert!(!uri.starts_with('/'), "{uri}");
        if art.get("uriBaseId").is_some() {
            assert!(!uri.contains(':'), "{uri}");
        } else {
            assert!(uri.starts_with("file:///"), "{uri}");
        }
    }
}

#[test]
fn github_annotations() {
    let expected = json_of(&mut lint(&[LETTERS]));
    let out = stdout_of(&mut lint(&["--format", "github", LETTERS]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings(&expected).len());
    for l in &lines {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|p| l.starts_with(p)),
            "{l}"
        );
        assert!(
            l.contains(" file=fixtures/letters/") && l.contains(",line="),
            "{l}"
        );
        assert!(!l.contains('\n'));
    }
    assert!(lines.iter().any(
        |l| l.starts_with(&format!("::error file={L004},line=209,col=8,"))
            && l.contains("title=consistency/outcome-mismatch::")
    ));
}

/// RFC 4180: fields separated by commas, quoted when they hold commas, quotes or newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn csv_one_row_per_finding() {
    let expected = json_of(&mut lint(&[LETTERS]));
    let rows = parse_csv(&stdout_of(&mut lint(&["--format", "csv", LETTERS])));
    assert_eq!(
        rows[0],
        [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "rule",
            "item",
            "message",
            "help",
            "citation",
            "fingerprint",
            "case",
            "page"
        ]
    );
    assert_eq!(rows.len() - 1, findings(&expected).len());
    for (row, f) in rows[1..].iter().zip(findings(&expected)) {
        assert_eq!(row.len(), 14, "{row:?}");
        assert_eq!(row[12], f["case"].as_str().unwrap_or(""));
        assert_eq!(row[13], "", "no page for a text letter");
        assert_eq!(row[0], f["file"].as_str().unwrap());
        assert_eq!(row[1], f["line"].to_string());
        assert_eq!(row[6], f["rule"].as_str().unwrap());
        assert_eq!(row[7], f["item"].as_str().unwrap_or(""));
        assert_eq!(row[8], f["message"].as_str().unwrap());
        assert_eq!(row[11], f["fingerprint"].as_str().unwrap());
    }
    // With no findings, still the header.
    let rows = parse_csv(&stdout_of(&mut lint(&["--format", "csv", L002])));
    assert_eq!(rows.len(), 1);
}

fn attr(xml: &str, tag: &str, name: &str) -> usize {
    let start = xml.find(&format!("<{tag} ")).unwrap();
    let head = &xml[start..start + xml[start..].find('>').unwrap()];
    let at = head.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    head[at..at + head[at..].find('"').unwrap()]
        .parse()
        .unwrap()
}

#[test]
fn junit_counts() {
    let expected = json_of(&mut lint(&[LETTERS]));
    let sev = &expected["summary"]["by_severity"];
    let failing = sev["error"].as_u64().unwrap_or(0) + sev["warning"].as_u64().unwrap_or(0);
    let xml = stdout_of(&mut lint(&["--format", "junit", LETTERS]));
    assert!(xml.starts_with("<?xml"));
    for tag in ["testsuites", "testsuite"] {
        assert_eq!(xml.matches(&format!("<{tag} ")).count(), 1, "{tag}");
        assert_eq!(xml.matches(&format!("</{tag}>")).count(), 1, "{tag}");
        assert_eq!(attr(&xml, tag, "tests"), 5);
        assert_eq!(attr(&xml, tag, "failures") as u64, failing);
        assert_eq!(attr(&xml, tag, "errors"), 0);
    }
    assert_eq!(xml.matches("<testcase ").count(), 5);
    assert_eq!(xml.matches("</testcase>").count(), 5);
    assert_eq!(xml.matches("<failure ").count() as u64, failing);
    assert_eq!(xml.matches("</failure>").count() as u64, failing);
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn output_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("out.json");
    lint(&["--format", "json", "-o"])
        .arg(&path)
        .arg(L004)
        .assert()
        .code(1)
        .stdout("");
    let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_schema(&v);
    assert!(rules_of(&v).contains(&"consistency/outcome-mismatch".to_string()));
}

#[test]
fn every_layout_gives_the_same_findings() {
    let key = |v: &Value| {
        let mut k: Vec<(String, String, String)> = findings(v)
            .iter()
            .map(|f| {
                let file = f["file"].as_str().unwrap();
                (
                    file[file.rfind('/').unwrap() + 1..].to_string(),
                    f["rule"].as_str().unwrap().to_string(),
                    f["item"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        k.sort();
        k
    };
    let want = key(&json_of(&mut lint(&[LETTERS])));
    for layout in fs::read_dir(root().join("fixtures/layouts")).unwrap() {
        let layout = layout.unwrap().path();
        if !layout.is_dir() {
            continue;
        }
        let v = json_of(&mut lint(&[layout.to_str().unwrap()]));
        assert_eq!(key(&v), want, "{}", layout.display());
    }
}

// ---------------------------------------------------------------------------------------
// Exit statuses.

#[test]
fn exit_status_follows_fail_on() {
    lint(&[L002]).assert().code(0);
    lint(&[LETTERS]).assert().code(1);
    lint(&["--fail-on", "never", LETTERS]).assert().code(0);
    lint(&[L003]).assert().code(0);
    lint(&["--fail-on", "warning", L003]).assert().code(0);
    lint(&["--fail-on", "info", L003]).assert().code(1);
    lint(&["--fail-on", "info", L002]).assert().code(0);
}

#[test]
fn missing_file_is_status_2_and_named() {
    lint(&[L002, "fixtures/letters/nosuch.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fixtures/letters/nosuch.txt"));
}

#[test]
fn usage_errors_are_status_2() {
    lint(&["--bogus", LETTERS]).assert().code(2);
    lint(&["--format", "xml", LETTERS]).assert().code(2);
    lint(&[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no PATH"));
    lint(&["--select", "nosuchrule", LETTERS])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuchrule"));
    lint(&["--ignore", "nosuchrule", LETTERS])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuchrule"));
}

/// A rule file that extends the built-in set with `rest` appended.
fn rule_file(dir: &Path, name: &str, rest: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(
        &path,
        format!("schema: 1\nname: t\nextends: builtin:mtus\n{rest}"),
    )
    .unwrap();
    path
}

const A_RULE: &str = "  - id: local/x
    kind: outcome-consistency
    severity: error
    message: m
    help: h
    citation: c
";

#[test]
fn rule_file_errors_are_status_2_with_line_and_column() {
    let dir = TempDir::new().unwrap();
    let cases = [
        (
            "kind.yaml",
            A_RULE.replace("outcome-consistency", "no-such-kind"),
            "6:11",
            "no-such-kind",
        ),
        ("field.yaml", "bogus: 1\n".to_string(), "4:1", "bogus"),
        (
            "dup.yaml",
            format!("{A_RULE}{A_RULE}"),
            "11:9",
            "duplicate rule id 'local/x'",
        ),
        (
            "severity.yaml",
            A_RULE.replace("severity: error", "severity: fatal"),
            "7:15",
            "fatal",
        ),
        ("yaml.yaml", "rules: [\n  - id: x\n".to_string(), "5:3", ""),
        (
            "override.yaml",
            "overrides:\n  nosuch/rule:\n    severity: info\n".to_string(),
            "5:3",
            "nosuch/rule",
        ),
    ];
    for (name, body, place, words) in cases {
        let rest = if body.starts_with("  - id") {
            format!("rules:\n{body}")
        } else {
            body.clone()
        };
        let path = rule_file(dir.path(), name, &rest);
        let out = lint(&["--rules"]).arg(&path).arg(L002).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        let at = stderr
            .find(&format!("{name}:"))
            .unwrap_or_else(|| panic!("{name}: stderr does not name the file: {stderr}"));
        let after = &stderr[at + name.len() + 1..];
        let line_col: String = after.chars().take_while(|c| *c != ' ').collect();
        let mut parts = line_col.trim_end_matches(':').split(':');
        let (l, c) = (parts.next().unwrap(), parts.next().unwrap_or(""));
        assert!(
            l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(),
            "{name}: no line:column in {stderr}"
        );
        assert!(
            line_col.starts_with(place),
            "{name}: at {line_col}, expected {place}: {stderr}"
        );
        assert!(stderr.contains(words), "{name}: {stderr}");
    }
    lint(&["--rules", "nosuch.yaml", L002])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuch.yaml"));
}

// ---------------------------------------------------------------------------------------
// Human output.

#[test]
fn human_output_shows_the_opana_error() {
    let out = lint(&["--color", "never", LETTERS]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let at = text.find("consistency/outcome-mismatch").unwrap();
    let report = &text[at..text[at..].find("\n\n\n").map_or(text.len(), |e| at + e)];
    for want in [
        "Opana: decided Overturned, but the rationale concludes the request is not medically necessary",
        "004_fcd2ca5e482aece7.txt:209:8",
        "209 │ Opana: Overturned",
        "237 │ Therefore, the request was not medically necessary.",
        "help: Make the header and the rationale say the same thing",
        "Labor Code 4610.6(h)",
    ] {
        assert!(report.contains(want), "missing {want:?} in\n{report}");
    }
    assert!(!text.contains('\u{1b}'), "color codes with --color never");
    let v = json_of(&mut lint(&[LETTERS]));
    let n = |s: &str| v["summary"]["by_severity"][s].as_u64().unwrap_or(0);
    let plural = |k: u64, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let summary = format!(
        "checked 5 letters (28 items): {}, {}, {} info",
        plural(n("error"), "error", "errors"),
        plural(n("warning"), "warning", "warnings"),
        n("info")
    );
    assert_eq!(text.lines().last().unwrap(), summary);
    assert!(summary.starts_with("checked 5 letters (28 items): 1 error,"));
}

#[test]
fn narrated_output() {
    let text = stdout_of(&mut lint(&["--narrate", L004]));
    assert!(text.contains("consistency/outcome-mismatch"), "{text}");
    assert!(text.contains("not medically necessary"));
    assert!(!text.contains('│'), "narrated output draws no boxes");
}

#[test]
fn quiet_has_no_summary() {
    let text = stdout_of(&mut lint(&["-q", LETTERS]));
    assert!(text.contains("consistency/outcome-mismatch"));
    assert!(!text.contains("checked "), "{text}");
    let text = stdout_of(&mut lint(&["--quiet", L002]));
    assert_eq!(text, "");
}

#[test]
fn statistics_counts_per_rule() {
    let v = json_of(&mut lint(&[LETTERS]));
    let text = stdout_of(&mut lint(&["--statistics", LETTERS]));
    for (rule, n) in v["summary"]["by_rule"].as_object().unwrap() {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(rule.as_str()))
            .unwrap_or_else(|| panic!("no statistics line for {rule}"));
        assert_eq!(line.split_whitespace().next().unwrap(), n.to_string());
    }
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("checked 5 letters")
    );
}

// ---------------------------------------------------------------------------------------
// Baselines.

#[test]
fn baseline_round_trip() {
    let dir = TempDir::new().unwrap();
    copy_letters(&dir.path().join("letters"));
    let run = |args: &[&str]| {
        let mut cmd = lint(args);
        cmd.current_dir(dir.path());
        cmd
    };
    let before = json_of(&mut run(&["letters"]));
    let total = findings(&before).len();
    run(&["--write-baseline", "b.json", "letters"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "wrote {total} finding(s)"
        )));
    let b: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("b.json")).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), total);

    let v = json_of(&mut run(&["--baseline", "b.json", "letters"]));
    assert!(findings(&v).is_empty(), "{:?}", rules_of(&v));
    assert_eq!(v["summary"]["suppressed"].as_u64().unwrap() as usize, total);
    run(&["--baseline", "b.json", "letters"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{total} findings suppressed"
        )));

    // Edits elsewhere in a letter (lines shift) keep its findings suppressed.
    let l004 = dir.path().join("letters/004_fcd2ca5e482aece7.txt");
    edit(
        &l004,
        "The expert reviewer developed the following clinical case summary",
        "The expert reviewer, board certified, wrote this summary.\n\nThe expert reviewer developed the following clinical case summary",
    );
    let v = json_of(&mut run(&["letters"]));
    assert_eq!(findings(&v).len(), total);
    assert!(
        findings(&v)
            .iter()
            .any(|f| f["rule"] == "consistency/outcome-mismatch" && f["line"] == 211)
    );
    let v = json_of(&mut run(&["--baseline", "b.json", "letters"]));
    assert!(findings(&v).is_empty(), "{:?}", rules_of(&v));

    // A new contradiction is the only finding reported, even on an item that already
    // had a (baselined) finding.
    edit(
        &l004,
        "Aquatic therapy: Upheld",
        "Aquatic therapy: Overturned",
    );
    let out = run(&["--baseline", "b.json", "--format", "json", "letters"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, &str)> = findings(&v)
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [(
            "consistency/outcome-mismatch",
            "Aquatic therapy: Overturned"
        )]
    );
    assert_eq!(v["summary"]["suppressed"].as_u64().unwrap() as usize, total);
}

#[test]
fn bad_baseline_is_status_2() {
    let dir = TempDir::new().unwrap();
    let b = dir.path().join("b.json");
    fs::write(&b, "{\"version\": 9, \"findings\": []}").unwrap();
    lint(&["--baseline"])
        .arg(&b)
        .arg(L002)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b.json"));
    lint(&["--baseline", "nosuch-baseline.json", L002])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuch-baseline.json"));
}

// ---------------------------------------------------------------------------------------
// Configuration.

const CONFIG: &str = r#"select = ["consistency/", "hygiene/"]
fail-on = "warning"

[[suppress]]
rule = "consistency/outcome-mismatch"
file = "letters/004_*.txt"
item = "Opana"
reason = "reviewed with the IMR unit"
"#;

fn config_dir(config: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_letters(&dir.path().join("letters"));
    fs::write(dir.path().join("imr-lint.toml"), config).unwrap();
    dir
}

fn in_dir(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = imr();
    cmd.current_dir(dir).args(args);
    cmd
}

#[test]
fn config_selects_suppresses_and_sets_fail_on() {
    let dir = config_dir(CONFIG);
    let out = in_dir(dir.path(), &["--format", "json", "letters"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules_of(&v);
    assert!(!rules.is_empty());
    assert!(
        rules
            .iter()
            .all(|r| r.starts_with("consistency/") || r.starts_with("hygiene/")),
        "{rules:?}"
    );
    assert!(!rules.contains(&"consistency/outcome-mismatch".to_string()));
    assert_eq!(v["summary"]["suppressed"], 1);
    assert_eq!(v["summary"]["by_severity"]["error"], Value::Null);
    // No error is left, but fail-on = "warning" and a warning is.
    assert!(v["summary"]["by_severity"]["warning"].as_u64().unwrap() > 0);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The command line overrides the config.
    in_dir(dir.path(), &["--fail-on", "error", "letters"])
        .assert()
        .code(0);
    // Found from a sub-folder too.
    in_dir(&dir.path().join("letters"), &["--fail-on", "error", "."])
        .assert()
        .code(0);
}

#[test]
fn isolated_ignores_the_config() {
    let dir = config_dir(CONFIG);
    let mut cmd = in_dir(dir.path(), &["--isolated", "letters"]);
    let v = json_of(&mut cmd);
    assert!(rules_of(&v).contains(&"consistency/outcome-mismatch".to_string()));
    assert!(rules_of(&v).iter().any(|r| r.starts_with("mtus/")));
    assert_eq!(v["summary"]["suppressed"], 0);
}

#[test]
fn config_with_an_unknown_key_is_status_2() {
    let dir = config_dir("fail-on = \"warning\"\nselct = [\"hygiene/\"]\n");
    in_dir(dir.path(), &["letters"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("imr-lint.toml").and(predicate::str::contains("selct")));
    let dir = config_dir("[[suppress]]\nrule = \"hygiene/\"\nreason = \"\"\n");
    in_dir(dir.path(), &["letters"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty reason"));
}

#[test]
fn unused_suppression_is_a_warning() {
    let config = format!(
        "{CONFIG}\n[[suppress]]\nrule = \"hygiene/mojibake\"\nfile = \"letters/nothing-here.txt\"\nreason = \"stale\"\n"
    );
    let dir = config_dir(&config);
    in_dir(dir.path(), &["letters"]).assert().code(1).stderr(
        predicate::str::contains("unused suppression")
            .and(predicate::str::contains("hygiene/mojibake"))
            .and(predicate::str::contains("nothing-here.txt"))
            .and(predicate::str::contains("Opana").not()),
    );
}

#[test]
fn ignore_file_beside_the_config() {
    let dir = config_dir("fail-on = \"error\"\n");
    fs::write(
        dir.path().join(".imr-lint-ignore"),
        "[[suppress]]\nrule = \"consistency/outcome-mismatch\"\nfile = \"**/004_*.txt\"\nreason = \"accepted\"\n",
    )
    .unwrap();
    let mut cmd = in_dir(dir.path(), &["letters"]);
    let v = json_of(&mut cmd);
    assert!(!rules_of(&v).contains(&"consistency/outcome-mismatch".to_string()));
    assert_eq!(v["summary"]["suppressed"], 1);
    in_dir(dir.path(), &["letters"]).assert().code(0);
    in_dir(dir.path(), &["--isolated", "letters"])
        .assert()
        .code(1);
}

#[test]
fn explicit_config_file() {
    let dir = config_dir(CONFIG);
    let config = dir.path().join("imr-lint.toml");
    let mut cmd = imr();
    cmd.arg("--config")
        .arg(&config)
        .args(["--select", "hygiene/", LETTERS]);
    let v = json_of(&mut cmd);
    // select from the config and the command line add up.
    assert!(
        rules_of(&v)
            .iter()
            .all(|r| r.starts_with("consistency/") || r.starts_with("hygiene/"))
    );
    imr()
        .args(["--config", "nosuch.toml", LETTERS])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuch.toml"));
}

// ---------------------------------------------------------------------------------------
// Inputs.

#[test]
fn stdin() {
    let letter = fs::read(root().join(L004)).unwrap();
    let v = json_of(lint(&["-"]).write_stdin(letter.clone()));
    let f: Vec<&Value> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "consistency/outcome-mismatch")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "<stdin>");
    assert!(findings(&v).iter().all(|f| f["file"] == "<stdin>"));
    lint(&["-"])
        .write_stdin(letter.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:209:8"));
    let v = json_of(lint(&["--stdin-filename", "letters/x.txt", "-"]).write_stdin(letter.clone()));
    assert!(!findings(&v).is_empty());
    assert!(findings(&v).iter().all(|f| f["file"] == "letters/x.txt"));
    lint(&["-"]).write_stdin("not a letter\n").assert().code(2);
}

#[test]
fn folder_with_files_that_are_not_letters() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    for l in [L002, L003, L004] {
        let name = Path::new(l).file_name().unwrap();
        fs::copy(root().join(l), d.join(name)).unwrap();
    }
    fs::write(d.join("scan.pdf"), b"%PDF-1.4\n").unwrap(); // a PDF with nothing after its signature
    fs::write(d.join("scan.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    fs::write(d.join("notes.txt"), "Call the reviewer on Monday.\n").unwrap();
    let run = |args: &[&str]| {
        let mut cmd = lint(args);
        cmd.current_dir(d);
        cmd
    };
    let out = run(&["--format", "json", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema(&v);
    let s = &v["summary"];
    assert_eq!(s["skipped"], 1);
    assert_eq!(s["letters"], 3);
    assert_eq!(s["files"], 5);
    let failed = s["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    assert!(failed[0]["file"].as_str().unwrap().ends_with("notes.txt"));
    assert!(!failed[0]["reason"].as_str().unwrap().is_empty());
    assert!(failed[1]["file"].as_str().unwrap().ends_with("scan.pdf"));
    assert!(
        failed[1]["reason"]
            .as_str()
            .unwrap()
            .starts_with("corrupt or truncated PDF")
    );
    // The good letters are still reported.
    assert!(rules_of(&v).contains(&"consistency/outcome-mismatch".to_string()));
    assert!(rules_of(&v).contains(&"hygiene/mojibake".to_string()));
    // Whatever the format, the failure is named on standard error.
    String::from_utf8(out.stderr)
        .unwrap()
        .contains("notes.txt")
        .then_some(())
        .expect("stderr names notes.txt");

    let out = run(&["--color", "never", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("consistency/outcome-mismatch"));
    assert!(text.contains("notes.txt"));
    assert!(text.contains("2 files could not be read; 1 file skipped (not .txt or .pdf)"));
    let xml = stdout_of(&mut run(&["--format", "junit", "."]));
    assert_eq!(attr(&xml, "testsuite", "errors"), 2);
    assert_eq!(attr(&xml, "testsuite", "tests"), 5);
    let sarif: Value =
        serde_json::from_str(&stdout_of(&mut run(&["--format", "sarif", "."]))).unwrap();
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(
        inv["toolExecutionNotifications"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn thread_count_does_not_change_the_output() {
    let args = [LETTERS, "fixtures/layouts", "fixtures/letters-bad"];
    let one = lint(&["-j", "1", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let four = lint(&["-j", "4", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(!one.stdout.is_empty());
    assert_eq!(
        String::from_utf8(one.stdout).unwrap(),
        String::from_utf8(four.stdout).unwrap()
    );
    let one = stdout_of(lint(&["-j", "1", "--color", "never"]).args(args));
    let four = stdout_of(lint(&["-j", "4", "--color", "never"]).args(args));
    assert_eq!(one, four);
}

// ---------------------------------------------------------------------------------------
// Subcommands.

#[test]
fn explain_a_rule() {
    lint(&["explain", "consistency/outcome-mismatch"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("consistency/outcome-mismatch")
                .and(predicate::str::contains(
                    "Outcome vs determination: the header outcome must agree",
                ))
                .and(predicate::str::contains("citation: Labor Code 4610.6(h)"))
                .and(predicate::str::contains("Flags, for example:"))
                .and(predicate::str::contains("Passes, for example:"))
                .and(predicate::str::contains("| Opana: Overturned")),
        );
}

#[test]
fn explain_a_kind() {
    lint(&["explain", "outcome-consistency"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("kind outcome-consistency")
                .and(predicate::str::contains("consistency/outcome-mismatch")),
        );
    lint(&["explain", "nosuch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuch"));
}

#[test]
fn rules_lists_every_rule_of_the_rule_file() {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(root().join("rules/mtus.yaml")).unwrap()).unwrap();
    let ids: Vec<&str> = yaml["rules"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() > 10);
    let out = stdout_of(&mut lint(&["rules"]));
    let listed: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(listed, ids);
    // Global options work before the subcommand as well as after it.
    assert_eq!(stdout_of(imr().args(["rules", "--isolated"])), out);
}

#[test]
fn parse_prints_the_letter_as_json() {
    let out = stdout_of(&mut lint(&["parse", L004]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 14);
    // The facts behind the findings: Opana's rationale concludes "not medically necessary",
    // and its sentence quoting page 80's criteria is a guideline statement.
    let opana = &v["facts"]["items"][2];
    assert_eq!(opana["conclusion"]["necessary"], false);
    let roles: Vec<&str> = opana["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"guideline") && roles.contains(&"record"),
        "{roles:?}"
    );
    let letter = fs::read(root().join(L004)).unwrap();
    let v: Value =
        serde_json::from_str(&stdout_of(lint(&["parse", "-"]).write_stdin(letter))).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 14);
    lint(&["parse", "fixtures/letters/nosuch.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuch.txt"));
}

#[test]
fn completions_help_and_version() {
    imr()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("complete").and(predicate::str::contains("imr-lint")));
    imr()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("imr-lint {}\n", env!("CARGO_PKG_VERSION")));
    imr()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--fail-on").and(predicate::str::contains("Exit status")));
}

#[test]
fn closed_stdout_is_not_an_error() {
    // `imr-lint letters/ | head -1`: the reader goes away; no error message, no status 2.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("imr-lint"))
        .current_dir(root())
        .args([
            "--isolated",
            "--format",
            "json",
            LETTERS,
            "fixtures/layouts",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_ne!(out.status.code(), Some(2), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// Layouts and case numbers.

const OLDER: &str = "fixtures/older";

#[test]
fn every_layout_is_counted_and_every_finding_names_its_case() {
    let v = json_of(&mut lint(&[OLDER]));
    assert_schema(&v);
    let by_layout = &v["summary"]["by_layout"];
    for (layout, n) in [
        ("final-2014", 2),
        ("numbered-2013", 2),
        ("review-2013", 1),
        ("notice-2013", 3),
    ] {
        assert_eq!(by_layout[layout].as_u64(), Some(n), "{layout}: {by_layout}");
    }
    assert!(!findings(&v).is_empty());
    for f in findings(&v) {
        let case = f["case"].as_str().unwrap();
        assert!(case.starts_with("CM1") && case.len() == 12, "{f}");
    }
    let human = stdout_of(&mut lint(&["--statistics", "--color", "never", OLDER]));
    assert!(human.contains("     3  layout notice-2013"), "{human}");
    assert!(
        human.contains("consistency/decision-lists-differ (case CM13-0031415)"),
        "{human}"
    );
    assert!(
        human.contains("3 notice-2013, 2 numbered-2013, 1 review-2013"),
        "{human}"
    );
    let sarif: Value =
        serde_json::from_slice(&lint(&["--format", "sarif", OLDER]).output().unwrap().stdout)
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().all(|r| r["properties"]["case"]
            .as_str()
            .is_some_and(|c| c.starts_with("CM1"))),
        "{results:?}"
    );
    // The sample letters give no case number: null, not a guess.
    let v = json_of(&mut lint(&[L004]));
    assert!(findings(&v).iter().all(|f| f["case"].is_null()));
}

#[test]
fn parse_shows_the_header_block_and_the_layout() {
    let out = imr()
        .args(["parse", "fixtures/older/002-final-2014-header.txt"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["layout"], "final-2014");
    assert_eq!(v["case_number"], "CM15-0031415");
    let header: Vec<(String, String)> = v["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_string(),
                f["date"]
                    .as_str()
                    .unwrap_or(f["value"]["text"].as_str().unwrap())
                    .to_string(),
            )
        })
        .collect();
    let want = [
        ("case-number", "CM15-0031415"),
        ("date-assigned", "2015-03-02"),
        ("date-of-injury", "2001-02-23"),
        ("decision-date", "2015-03-30"),
        ("ur-denial-date", "2015-02-13"),
        ("priority", "Standard"),
        ("application-received", "2015-02-20"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(k, d)| (k.to_string(), d.to_string()))
        .collect();
    assert_eq!(header, want);
}

#[test]
fn the_opening_of_a_september_2013_notice_is_a_letter() {
    let v = json_of(&mut lint(&["fixtures/older/notice-2013-opening.txt"]));
    assert_eq!(v["summary"]["letters"], 1);
    assert_eq!(v["summary"]["items"], 2);
    assert!(rules_of(&v).contains(&"structure/missing-rationale".to_string()));
}

#[test]
fn not_an_imr_letter_names_the_layouts_it_knows() {
    let out = lint(&["fixtures/rules/README.md"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not an IMR letter"), "{said}");
    for layout in ["final-2014", "numbered-2013", "review-2013", "notice-2013"] {
        assert!(said.contains(layout), "{said}");
    }
    assert_eq!(out.status.code(), Some(2));
}
