//! Determination conflict: the closing sentences of a rationale argue both ways.
//!
//! Reads the concluding determination (see `outcome-consistency`) and the verdicts just
//! before it: a verdict word after a copula ("Introducing Opana was indicated", "is not
//! supported"), negated or not by the rule set's negation cues. Sentences that concede a
//! point before turning ("While page 22 does acknowledge that ... is recommended") or that
//! report what a guideline says ("Per MTUS ...") are not verdicts. When the last verdict
//! before the conclusion points the other way, the rationale contradicts itself even if the
//! header and the conclusion agree. (When they disagree, `outcome-consistency` reports the
//! item and labels this argument too, so this kind stays quiet.)
//! Placeholders: `{argument}`, `{conclusion}`.

use super::outcome_consistency::verdict;
use super::Ctx;
use crate::diagnostic::Finding;
use crate::letter::OutcomeKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["argument", "conclusion"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let d = &ctx.facts.items[i].determination;
        let (Some(c), Some(a)) = (&d.conclusion, &d.contrary) else { continue };
        let mismatch = match item.outcome.as_ref().map(|o| o.kind) {
            Some(OutcomeKind::Overturned) => !c.positive,
            Some(OutcomeKind::Upheld) => c.positive,
            _ => false,
        };
        if mismatch {
            continue;
        }
        let argument = if a.positive { "indicated" } else { "not indicated" };
        ctx.finding(rule, Some(i))
            .var("argument", argument)
            .var("conclusion", verdict(c.positive))
            .label(&a.phrase, format!("argues: {argument}"))
            .label_if(a.trigger.as_ref(), "negated here")
            .label(&c.phrase, format!("then concludes: {}", verdict(c.positive)))
            .label_if(c.trigger.as_ref(), "negated here")
            .emit(out);
    }
}
