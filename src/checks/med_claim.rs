//! MED claim: what a rationale says about the morphine-equivalent dose must match the
//! figure the letter's own requests give.
//!
//! Rationales argue from the ceiling ("the current morphine equivalent dosage of Butrans is
//! at the ceiling", "the addition of Norco exceeds the recommended ceiling"). The computed
//! figure is the MED of every opioid the letter decides (as `med-ceiling` computes it,
//! approved or not, since the claim is about the regimen). A claim of `params.at_or_above`
//! with a computed total under `params.ceiling` × `params.tolerance`, or of
//! `params.below` with a total at or above the ceiling, contradicts the letter; the
//! diagnostic shows the arithmetic and the conversion tables used.
//! Placeholders: `{claim}`, `{total}`, `{ceiling}`, `{working}`.

use serde::Deserialize;

use super::evidence;
use super::med_ceiling::total;
use super::scope::Scope;
use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::letter::request::fmt_num;
use crate::rules::{PhraseSet, Rule};

pub const VARS: &[&str] = &["claim", "total", "ceiling", "working"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    classes: Vec<String>,
    ceiling: f64,
    tolerance: f64,
    at_or_above: Vec<String>,
    below: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    ceiling: f64,
    tolerance: f64,
    at_or_above: PhraseSet,
    below: PhraseSet,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let raw: Raw = params(v)?;
        Ok(Params {
            scope: Scope::new(raw.classes, vec!["overturned".into(), "upheld".into()], c)?,
            ceiling: raw.ceiling,
            tolerance: raw.tolerance,
            at_or_above: evidence::phrases(&raw.at_or_above)?,
            below: evidence::phrases(&raw.below)?,
        })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let t = total(&p.scope, ctx);
    if t.items.iter().all(|(_, m)| m.is_none()) {
        return;
    }
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(rationale) = &item.rationale else {
            continue;
        };
        let text = ctx.text(rationale);
        // Search for a claim only when the total would contradict it.
        let high = || (t.value < p.ceiling * p.tolerance).then(|| p.at_or_above.find(text));
        let low = || (t.value >= p.ceiling).then(|| p.below.find(text));
        let Some(claim) = high().flatten().or_else(|| low().flatten()) else {
            continue;
        };
        let span = rationale.start + claim.start..rationale.start + claim.end;
        ctx.finding(rule, Some(i))
            .var("claim", ctx.words(&span))
            .var("total", fmt_num(t.value))
            .var("ceiling", fmt_num(p.ceiling))
            .var("working", t.working(ctx))
            .label(&span, "the rationale's claim")
            .emit(out);
    }
}
