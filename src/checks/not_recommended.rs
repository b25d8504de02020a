//! Not recommended: an approval of a treatment the guideline does not recommend at all.
//!
//! MTUS does not recommend carisoprodol (Soma) (Chronic Pain Medical Treatment Guidelines
//! p. 29), particularly with opioids. An item of `params.classes` decided Overturned is
//! reported; when the letter also approves drugs of `params.worse_with` (opioids for
//! carisoprodol), they are labelled too.
//! Placeholders: `{drug}`.

use serde::Deserialize;

use super::scope::Scope;
use super::{Compiler, Ctx, known_classes, params};
use crate::diagnostic::Finding;
use crate::letter::OutcomeKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["drug"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    worse_with: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    worse_with: Vec<String>,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let (scope, rest) = Scope::take(v, c)?;
        let raw: Raw = params(&rest)?;
        known_classes(c, &raw.worse_with)?;
        Ok(Params {
            scope,
            worse_with: raw.worse_with,
        })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let tax = &ctx.rules.taxonomy;
    for (i, item, drug) in p.scope.items(ctx) {
        let generic = tax.generic(drug.drug).to_string();
        let mut draft = ctx
            .finding(rule, Some(i))
            .var("drug", generic.clone())
            .label(item.outcome.as_ref().map_or(&item.header, |o| &o.span), format!("{generic} approved here"));
        for (j, other) in ctx.doc.letter.items.iter().enumerate() {
            let approved = other.outcome.as_ref().is_some_and(|o| o.kind == OutcomeKind::Overturned);
            if let Some(m) = &ctx.facts.items[j].drug
                && j != i
                && approved
                && tax.is_any(m.drug, &p.worse_with)
            {
                draft = draft.label(&m.span, format!("approved together with {}", tax.generic(m.drug)));
            }
        }
        draft.emit(out);
    }
}
