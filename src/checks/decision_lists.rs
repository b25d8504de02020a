//! Decision lists: a letter that lists its decisions twice must list them alike.
//!
//! The September 2013 notices state each decision on their first page ("1) MAXIMUS Federal
//! Services, Inc. has determined the request for ... is not medically necessary and
//! appropriate.") and again under `INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE`. An
//! item that one list finds medically necessary and the other not is decided both ways; the
//! diagnostic labels both sentences' verdicts. (Whether the rationale agrees with the
//! item's determination is the outcome-consistency kind's question.)
//! Placeholders: `{first}`, `{second}`.

use super::Ctx;
use super::outcome_consistency::verdict;
use crate::diagnostic::Finding;
use crate::letter::OutcomeKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["first", "second"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(first) = item.outcome.as_ref().filter(|o| o.kind != OutcomeKind::Unknown) else {
            continue;
        };
        let positive = |k: OutcomeKind| k == OutcomeKind::Overturned;
        let Some(second) = item
            .restated
            .iter()
            .find(|o| o.kind != OutcomeKind::Unknown && o.kind != first.kind)
        else {
            continue;
        };
        let (a, b) = (verdict(positive(first.kind)), verdict(positive(second.kind)));
        ctx.finding(rule, Some(i))
            .var("first", a)
            .var("second", b)
            .label(&first.span, format!("the first list: {a}"))
            .label(&second.span, format!("the second list: {b}"))
            .emit(out);
    }
}
