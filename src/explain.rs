//! Text for `imr-lint explain` and `imr-lint rules`: what a rule checks (its kind's doc
//! comment), why (its citation), its words, parameters and examples.

use std::fmt::Write;

use crate::checks::{KINDS, kind_doc};
use crate::rules::{Example, RuleSet};

/// The explanation of a rule id, or of a kind name (with the rules that use it).
pub fn explain(rules: &RuleSet, name: &str) -> Option<String> {
    let mut out = String::new();
    if let Some(rule) = rules.rule(name) {
        let _ = writeln!(out, "{}  ({}, kind {})", rule.id, rule.severity, rule.kind);
        let _ = writeln!(out, "citation: {}", rule.citation);
        let _ = writeln!(out, "category: {} (for `imr-lint test`)\n", rule.category);
        let _ = writeln!(out, "{}\n", kind_doc(&rule.kind));
        let _ = writeln!(out, "message: {}", rule.message);
        let _ = writeln!(out, "help:    {}", rule.help);
        if !rule.enabled {
            let _ = writeln!(out, "(disabled in this rule set)");
        }
        let _ = writeln!(out, "\nFlags, for example:");
        rule.flag.iter().for_each(|e| example(&mut out, e));
        let _ = writeln!(out, "Passes, for example:");
        rule.pass.iter().for_each(|e| example(&mut out, e));
        return Some(out);
    }
    let kind = KINDS.iter().find(|k| k.name == name)?;
    let _ = writeln!(out, "kind {}\n\n{}\n", kind.name, kind.doc());
    let users: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| r.kind == kind.name)
        .map(|r| r.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "rules of this kind: {}",
        if users.is_empty() {
            "none".into()
        } else {
            users.join(", ")
        }
    );
    Some(out)
}

fn example(out: &mut String, e: &Example) {
    let (summary, items) = match e {
        Example::Items(items) => (None, items.as_str()),
        Example::Letter { summary, items } => (Some(summary.as_str()), items.as_str()),
        Example::Whole { letter } => (None, letter.as_str()),
    };
    if let Some(s) = summary.filter(|s| !s.is_empty()) {
        let _ = writeln!(out, "  case summary: {s}");
    }
    for line in items.lines() {
        let _ = writeln!(out, "  | {line}");
    }
    out.push('\n');
}

/// The rules in force, one a line: id, severity, kind, citation.
pub fn list(rules: &RuleSet) -> String {
    let width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = format!("{} ({} rules)\n", rules.name, rules.rules.len());
    for r in &rules.rules {
        let state = if r.enabled {
            r.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {:<22}  {}",
            r.id, state, r.kind, r.citation
        );
    }
    out
}
