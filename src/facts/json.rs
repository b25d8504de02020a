//! The facts behind the findings as JSON, for `imr-lint parse`: every sentence of the case
//! summary and of each rationale with its role (record or guideline statement) and the
//! drugs and treatments it names with their assertion status, and each rationale's
//! conclusion with its polarity, so a reader can see why a rule fired or did not.

use serde_json::{Value, json};

use super::Facts;
use super::assertion;
use crate::letter::{Document, Span};
use crate::rules::RuleSet;
use crate::text::collapse;

/// The facts of a letter as a JSON value.
pub fn to_json(doc: &Document, facts: &Facts, rules: &RuleSet) -> Value {
    json!({
        "summary": sentences(doc, facts, rules, &facts.summary_sentences),
        "items": facts.items.iter().map(|f| json!({
            "conclusion": f.determination.conclusion.as_ref().map(|c| json!({
                "line": doc.line_col(&c.sentence).0,
                "text": collapse(doc.text(&c.sentence)),
                "necessary": c.positive,
            })),
            "sentences": sentences(doc, facts, rules, &f.rationale_sentences),
        })).collect::<Vec<_>>(),
    })
}

fn sentences(doc: &Document, facts: &Facts, rules: &RuleSet, spans: &[Span]) -> Vec<Value> {
    spans
        .iter()
        .map(|s| {
            let st = doc.text(s);
            let mentions: Vec<Value> = facts
                .mentions_in(s)
                .iter()
                .map(|m| {
                    let target = m.span.start - s.start..m.span.end - s.start;
                    json!({
                        "text": collapse(doc.text(&m.span)),
                        "drug": rules.taxonomy.generic(m.drug),
                        "status": assertion::status(rules, st, &target),
                    })
                })
                .collect();
            json!({
                "line": doc.line_col(s).0,
                "role": assertion::role(rules, st),
                "text": collapse(st),
                "mentions": mentions,
            })
        })
        .collect()
}
