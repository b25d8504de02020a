//! Missing determination: a rationale that never says whether the item is medically
//! necessary.
//!
//! Every rationale should end in a determination sentence built on one of the rule set's
//! `phrases.determination` ("medically necessary", "medical necessity"). A rationale with
//! none leaves the reader to infer the decision from the header alone. The label points at
//! the rationale's last sentence, where the determination belongs.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &[];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(rationale) = &item.rationale else { continue };
        if ctx.facts.items[i].determination.conclusion.is_some() || rationale.is_empty() {
            continue;
        }
        let last = ctx.facts.items[i]
            .rationale_sentences
            .last()
            .unwrap_or(rationale);
        ctx.finding(rule, Some(i))
            .label(last, "the rationale ends here without a determination")
            .label(&item.header, "for this item")
            .emit(out);
    }
}
