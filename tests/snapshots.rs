//! Snapshots of the human output, so reviewers see every diagnostic as auditors will:
//! one per rule (its first `flag:` example) and one per sample letter.

use imr_lint::checks::Checks;
use imr_lint::letter::Document;
use imr_lint::lint::{self, Options, Render};
use imr_lint::report::{HumanOptions, Reported, render_letter};
use imr_lint::rules::RuleSet;
use imr_lint::source::Source;

const PLAIN: HumanOptions = HumanOptions {
    color: false,
    graphical: true,
    width: 100,
    statistics: false,
    quiet: false,
};

fn human(name: &str, bytes: &[u8], rules: &Checks) -> String {
    let render = |doc: &Document, findings: &[Reported]| render_letter(doc, findings, PLAIN);
    let opts = Options {
        render: Some(&render as &Render<'_>),
        ..Options::default()
    };
    let report = lint::lint_source(Source::from_bytes(name, bytes).unwrap(), rules, opts);
    report.rendered.unwrap_or_default()
}

#[test]
fn each_rule_as_auditors_see_it() {
    let all = RuleSet::builtin().unwrap();
    for rule in &all.rules {
        let mut only = all.clone();
        only.rules
            .iter_mut()
            .for_each(|r| r.enabled = r.id == rule.id);
        let only = Checks::new(only).unwrap();
        let out = human("example.txt", rule.flag[0].letter().as_bytes(), &only);
        assert!(out.contains(&rule.id), "{} not raised:\n{out}", rule.id);
        insta::assert_snapshot!(format!("rule__{}", rule.id.replace('/', "__")), out);
    }
}

#[test]
fn each_sample_letter_as_auditors_see_it() {
    let rules = Checks::builtin().unwrap();
    let mut paths: Vec<_> = std::fs::read_dir("fixtures/letters")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        let name = path.to_string_lossy().replace('\\', "/");
        let out = human(&name, &std::fs::read(path).unwrap(), &rules);
        let stem = path.file_name().unwrap().to_string_lossy()[..3].to_string();
        insta::assert_snapshot!(format!("letter__{stem}"), out);
    }
}

/// A letter in every layout (`fixtures/older/`): its findings as auditors see them, and its
/// parse as `imr-lint parse` shows it (header block, sections, items, restated outcomes).
#[test]
fn each_layout_as_auditors_see_it() {
    let rules = Checks::builtin().unwrap();
    let mut paths: Vec<_> = std::fs::read_dir("fixtures/older")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4);
    for path in &paths {
        let name = path.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(
            format!("layout__{stem}__findings"),
            human(&name, &bytes, &rules)
        );
        let doc = Document::parse(Source::from_bytes(&name, &bytes).unwrap()).unwrap();
        insta::assert_json_snapshot!(format!("layout__{stem}__parse"), doc.to_json());
    }
}
