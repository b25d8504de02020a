//! The rule set tests itself: every rule's `flag:` examples must raise it and its `pass:`
//! examples must not; rule files that are wrong are rejected with file, line and column.

use std::path::Path;

use imr_lint::checks::Checks;
use imr_lint::diagnostic::Severity;
use imr_lint::lint::{self, Options};
use imr_lint::rules::{Example, RuleSet};
use imr_lint::source::Source;

/// The rule ids a snippet raises when only `rule` is enabled.
fn raised(rules: &RuleSet, rule: &str, example: &Example) -> Vec<String> {
    let mut only = rules.clone();
    only.filter(&[rule.to_string()], &[]);
    only.rules.iter_mut().for_each(|r| r.enabled = r.id == rule);
    let source =
        Source::from_bytes("example.txt", example.letter().as_bytes()).expect("example decodes");
    let checks = Checks::new(only).expect("the rules compile");
    lint::lint_source(source, &checks, Options::default())
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn every_rule_flags_its_flag_examples_and_passes_its_pass_examples() {
    let rules = RuleSet::builtin().expect("embedded rules load");
    assert!(rules.rules.len() >= 30, "only {} rules", rules.rules.len());
    let mut failures = Vec::new();
    for rule in &rules.rules {
        assert!(
            !rule.flag.is_empty() && !rule.pass.is_empty(),
            "{} lacks examples",
            rule.id
        );
        for (i, e) in rule.flag.iter().enumerate() {
            if !raised(&rules, &rule.id, e).contains(&rule.id) {
                failures.push(format!(
                    "{}: flag example {} is not flagged",
                    rule.id,
                    i + 1
                ));
            }
        }
        for (i, e) in rule.pass.iter().enumerate() {
            let got = raised(&rules, &rule.id, e);
            if got.contains(&rule.id) {
                failures.push(format!("{}: pass example {} is flagged", rule.id, i + 1));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_readme_rule_file_example_loads_and_its_examples_hold() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```yaml\nschema: 1")
        .expect("README has a rule-file example")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let rules =
        RuleSet::from_text("README.md", &readme[start..end], None).expect("README example loads");
    let local = rules
        .rule("local/benzodiazepine-two-weeks")
        .expect("the example's rule");
    assert_eq!(
        rules.rule("mtus/med-ceiling").unwrap().severity,
        Severity::Error
    );
    assert!(!rules.rule("hygiene/drug-misspelling").unwrap().enabled);
    assert!(raised(&rules, &local.id, &local.flag[0]).contains(&local.id));
    assert!(!raised(&rules, &local.id, &local.pass[0]).contains(&local.id));
}

#[test]
fn every_kind_is_used_by_a_rule_and_documented() {
    let rules = RuleSet::builtin().unwrap();
    for kind in imr_lint::checks::KINDS {
        assert!(
            rules.rules.iter().any(|r| r.kind == kind.name),
            "kind {} has no rule",
            kind.name
        );
        let doc = kind.doc();
        assert!(
            doc.lines().count() >= 3,
            "kind {} doc is too short:\n{doc}",
            kind.name
        );
    }
}

#[test]
fn every_mtus_rule_cites_a_page() {
    let rules = RuleSet::builtin().unwrap();
    for r in rules.rules.iter().filter(|r| r.id.starts_with("mtus/")) {
        assert!(
            r.citation.contains("p. "),
            "{} cites no page: {}",
            r.id,
            r.citation
        );
    }
}

fn load(name: &str) -> Result<RuleSet, imr_lint::rules::RuleFileError> {
    RuleSet::load(&Path::new("fixtures/rules").join(name))
}

#[test]
fn extends_overrides_and_disables() {
    let base = RuleSet::builtin().unwrap();
    let strict = load("extends-override.yaml").expect("loads");
    assert_eq!(strict.name, "strict-mtus");
    assert_eq!(
        strict.rule("mtus/med-ceiling").unwrap().severity,
        Severity::Error
    );
    assert_eq!(
        base.rule("mtus/med-ceiling").unwrap().severity,
        Severity::Warning
    );
    assert!(!strict.rule("hygiene/mojibake").unwrap().enabled);
    assert_eq!(strict.rules.len(), base.rules.len());
    let chained = load("extends-file.yaml").expect("loads a chain");
    assert!(!chained.rule("citation/page-outside-topic").unwrap().enabled);
    assert_eq!(
        chained.rule("mtus/med-ceiling").unwrap().severity,
        Severity::Error
    );
}

/// Loads a rule file and compiles its checks.
fn compile(name: &str) -> Result<Checks, imr_lint::rules::RuleFileError> {
    load(name).and_then(Checks::new)
}

/// Loads a broken rule file and returns its error as `file:line:col: message`.
fn error(name: &str) -> String {
    match compile(name) {
        Ok(_) => panic!("{name} loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_rule_files_are_located() {
    let cases = [
        (
            "unknown-kind.yaml",
            ":5:11: rule 'local/spelling': unknown kind 'spellcheck'",
        ),
        (
            "unknown-field.yaml",
            ":7:5: rules[0]: unknown field `sevirity`",
        ),
        ("missing-field.yaml", "missing field `citation`"),
        ("duplicate-id.yaml", ":11:9: duplicate rule id 'local/a'"),
        (
            "no-examples.yaml",
            ":4:9: rule 'local/outcome': every rule needs at least one `flag:` and one `pass:` example",
        ),
        ("taxonomy-cycle.yaml", "the taxonomy has a cycle through"),
        (
            "unknown-parent.yaml",
            ":5:10: 'ketamine' is listed under 'dissociative anesthetic', which is neither a class nor a drug",
        ),
        ("bad-params.yaml", "unknown field `max_visits`"),
        (
            "bad-placeholder.yaml",
            ":7:14: rule 'local/outcome': unknown placeholder {verdict}",
        ),
        ("bad-yaml.yaml", "bad-yaml.yaml:3:"),
        ("cycle-a.yaml", "extends cycle"),
    ];
    for (file, expected) in cases {
        let e = error(file);
        assert!(
            e.contains(file) || file.starts_with("cycle"),
            "{file}: error does not name the file: {e}"
        );
        assert!(
            e.contains(expected),
            "{file}: expected `{expected}` in `{e}`"
        );
    }
}

#[test]
fn rule_file_errors_are_miette_diagnostics_with_a_label() {
    let err = compile("unknown-kind.yaml").unwrap_err();
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &err)
        .unwrap();
    assert!(out.contains("kind: spellcheck"), "{out}");
    assert!(
        out.contains("known kinds: structure, outcome-consistency"),
        "{out}"
    );
}
