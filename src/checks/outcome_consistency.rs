//! Outcome vs determination: the header outcome must agree with the rationale's conclusion.
//!
//! `Upheld` means the denial stands, so the item is not medically necessary; `Overturned`
//! means it is medically necessary. The conclusion is the last sentence of the rationale
//! that states a determination ("Therefore, the request was not medically necessary"),
//! skipping boilerplate such as the "safe discontinuation" sentence; negation is read the
//! NegEx way with the triggers, scope and terminators of the rule set's `negation:` section.
//! A letter whose header says Overturned while its rationale concludes "not medically
//! necessary" (or the reverse) decides the item both ways; the diagnostic labels the outcome
//! word, the concluding phrase, the negation trigger and, when there is one, the argument
//! just before the conclusion that points the other way.
//! Placeholders: `{conclusion}`, `{expected}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::letter::OutcomeKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["conclusion", "expected"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

/// "medically necessary" or "not medically necessary".
pub fn verdict(positive: bool) -> &'static str {
    if positive { "medically necessary" } else { "not medically necessary" }
}

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(outcome) = &item.outcome else { continue };
        let expected = match outcome.kind {
            OutcomeKind::Overturned => true,
            OutcomeKind::Upheld => false,
            OutcomeKind::Unknown => continue,
        };
        let d = &ctx.facts.items[i].determination;
        let Some(c) = d.conclusion.as_ref().filter(|c| c.positive != expected) else {
            continue;
        };
        let outcome_word = ctx.outcome_word(outcome);
        ctx.finding(rule, Some(i))
            .var("conclusion", verdict(c.positive))
            .var("expected", verdict(expected))
            .label(&outcome.span, format!("decided {outcome_word} here: {}", verdict(expected)))
            .label(&c.phrase, format!("but the rationale concludes: {}", verdict(c.positive)))
            .label_if(c.trigger.as_ref(), "negated here")
            .label_if(
                d.contrary.as_ref().map(|a| &a.phrase),
                "the argument just before points the other way",
            )
            .emit(out);
    }
}
