//! Pain scores: a pain score the rationale cites must be one the record shows.
//!
//! Rationales often justify a decision with the record's pain scores ("reduced from 10/10
//! without medications to 5/10 with medications"). Each score in the rationale (`5/10`,
//! `9-10/10`) is looked for among the scores of the clinical case summary; a score the
//! summary does not show is reported with the summary's scores labelled.
//! Placeholders: `{score}`, `{summary_scores}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::facts::pain::PainScore;
use crate::rules::Rule;

pub const VARS: &[&str] = &["score", "summary_scores"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let summary = &ctx.facts.summary_pain;
    if ctx.doc.letter.case_summary.is_none() {
        return;
    }
    let mut shown: Vec<String> = summary.iter().map(PainScore::display).collect();
    shown.dedup();
    let shown = if shown.is_empty() { "none".to_string() } else { shown.join(", ") };
    for (i, f) in ctx.facts.items.iter().enumerate() {
        let mut done = Vec::new();
        for score in &f.pain {
            let key = score.display();
            if done.contains(&key) || summary.iter().any(|s| s.low == score.low && s.high == score.high) {
                continue;
            }
            done.push(key.clone());
            ctx.finding(rule, Some(i))
                .var("score", key)
                .var("summary_scores", shown.clone())
                .label(&score.span, "cited here")
                .label_if(summary.first().map(|s| &s.span), format!("the case summary records {shown}"))
                .emit(out);
        }
    }
}
