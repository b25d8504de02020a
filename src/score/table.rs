//! A score as a reader meets it: tables by category and by rule, then each miss and false
//! alarm on a line of its own; or the same as JSON for machines.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{Score, Tally};

/// The score as text: totals, a table by category, one by rule, then the misses, the false
/// alarms, the unreadable and the unannotated letters.
pub fn human(s: &Score) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} on {} letter(s), {} item(s) ({} clean), {} planted defect(s)\n",
        s.rules, s.letters, s.items, s.clean_items, s.total.defects
    );
    let width = s
        .categories
        .keys()
        .map(String::len)
        .chain([8])
        .max()
        .unwrap_or(8);
    let _ = writeln!(
        out,
        "{:<width$}  {:>7}  {:>5}  {:>6}  {:>12}  {:>9}  {:>6}",
        "category", "defects", "found", "missed", "false alarms", "precision", "recall"
    );
    for (name, t) in &s.categories {
        row(&mut out, name, t, width);
    }
    row(&mut out, "total", &s.total, width);

    let width = s.by_rule.keys().map(String::len).max().unwrap_or(4);
    let _ = writeln!(
        out,
        "\n{:<width$}  {:>5}  {:>12}  {:>9}",
        "rule", "found", "false alarms", "precision"
    );
    for (rule, t) in s
        .by_rule
        .iter()
        .filter(|(_, t)| t.found + t.false_alarms > 0)
    {
        let _ = writeln!(
            out,
            "{rule:<width$}  {:>5}  {:>12}  {:>9}",
            t.found,
            t.false_alarms,
            fmt_ratio(t.precision())
        );
    }

    if !s.misses.is_empty() {
        let _ = writeln!(out, "\nmissed ({}):", s.misses.len());
        for m in &s.misses {
            let item = m.item.as_deref().unwrap_or("(the letter)");
            let _ = writeln!(out, "  {}  {item}", m.file);
            let _ = writeln!(out, "    {}: {}", m.category, m.why);
            if let Some(note) = &m.note {
                let _ = writeln!(out, "    ({note})");
            } else if !m.flagged.is_empty() {
                let _ = writeln!(out, "    flagged instead: {}", m.flagged.join(", "));
            }
        }
    }
    if !s.false_alarms.is_empty() {
        let _ = writeln!(out, "\nfalse alarms ({}):", s.false_alarms.len());
        for f in &s.false_alarms {
            let item = f.item.as_deref().unwrap_or("(the letter)");
            let _ = writeln!(out, "  {}:{}:{}  {item}", f.file, f.line, f.column);
            let _ = writeln!(out, "    {} ({}): {}", f.rule, f.severity, f.message);
        }
    }
    if !s.unreadable.is_empty() {
        let _ = writeln!(out, "\nnot read ({}):", s.unreadable.len());
        for u in &s.unreadable {
            let _ = writeln!(out, "  {}: {}", u.file, u.reason);
        }
    }
    if !s.unannotated.is_empty() {
        let _ = writeln!(
            out,
            "\nnot annotated, not scored ({}):",
            s.unannotated.len()
        );
        for u in &s.unannotated {
            let _ = writeln!(out, "  {u}");
        }
    }
    let _ = writeln!(
        out,
        "\nprecision {}, recall {} ({} found, {} missed, {} false alarm(s))",
        fmt_ratio(s.total.precision()),
        fmt_ratio(s.total.recall()),
        s.total.found,
        s.total.missed,
        s.total.false_alarms
    );
    out
}

fn row(out: &mut String, name: &str, t: &Tally, width: usize) {
    let _ = writeln!(
        out,
        "{name:<width$}  {:>7}  {:>5}  {:>6}  {:>12}  {:>9}  {:>6}",
        t.defects,
        t.found,
        t.missed,
        t.false_alarms,
        fmt_ratio(t.precision()),
        fmt_ratio(t.recall())
    );
}

fn fmt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_string(), |r| format!("{r:.2}"))
}

/// A tally with its ratios, as JSON shows it.
#[derive(Serialize)]
struct Ratios<'a> {
    #[serde(flatten)]
    tally: &'a Tally,
    precision: Option<f64>,
    recall: Option<f64>,
}

fn ratios(t: &Tally) -> Ratios<'_> {
    Ratios {
        tally: t,
        precision: t.precision(),
        recall: t.recall(),
    }
}

/// The score as JSON (`version` 1): totals, categories and rules with their ratios, and
/// every miss, false alarm, unreadable and unannotated letter.
pub fn json(s: &Score) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        #[serde(flatten)]
        score: &'a Score,
        total: Ratios<'a>,
        categories: BTreeMap<&'a str, Ratios<'a>>,
        by_rule: BTreeMap<&'a str, Ratios<'a>>,
    }
    serde_json::to_string_pretty(&Out {
        version: 1,
        score: s,
        total: ratios(&s.total),
        categories: table(&s.categories),
        by_rule: table(&s.by_rule),
    })
}

fn table(m: &BTreeMap<String, Tally>) -> BTreeMap<&str, Ratios<'_>> {
    m.iter().map(|(k, t)| (k.as_str(), ratios(t))).collect()
}
