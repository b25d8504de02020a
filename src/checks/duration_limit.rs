//! Duration limit: an approved drug of a short-term class whose supply runs longer than the
//! guideline allows, or whose record shows it already in long-term use.
//!
//! MTUS recommends muscle relaxants only for short-term treatment of acute exacerbations
//! (Chronic Pain Medical Treatment Guidelines p. 63-66; cyclobenzaprine: a short course of
//! 2-3 weeks, p. 41-42) and benzodiazepines for no more than 4 weeks (p. 24). Days of supply
//! = quantity × (refills + 1) ÷ units a day, where units a day come from the written
//! schedule, else the drug's `doses_per_day` in the taxonomy, else `params.assumed_per_day`;
//! the diagnostic shows the arithmetic. Without a quantity, a case-summary sentence that
//! names the drug with a `params.chronic_use` phrase ("had been taking", "since") shows
//! long-term use. An exception (`params.exceptions`: drugs and the phrases that invoke the
//! exception, such as baclofen for spasticity in multiple sclerosis or spinal cord injury)
//! found in the rationale clears the item; when the drug has an exception the rationale
//! does not invoke, the finding says so.
//! Placeholders: `{drug}`, `{supply}` ("180 days", or "an open-ended supply"),
//! `{max_days}`, `{working}`, `{exception}`.

use serde::Deserialize;

use super::evidence;
use super::scope::Scope;
use super::{Compiler, Ctx, known_classes, params};
use crate::diagnostic::Finding;
use crate::facts::dose;
use crate::letter::request::fmt_num;
use crate::rules::{PhraseSet, Rule};

pub const VARS: &[&str] = &["drug", "supply", "max_days", "working", "exception"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    max_days: f64,
    #[serde(default)]
    assumed_per_day: Option<f64>,
    #[serde(default)]
    chronic_use: Vec<String>,
    #[serde(default)]
    exceptions: Vec<RawException>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    drugs: Vec<String>,
    name: String,
    phrases: Vec<String>,
}

#[derive(Debug, Clone)]
struct Exception {
    drugs: Vec<String>,
    name: String,
    phrases: PhraseSet,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    max_days: f64,
    assumed_per_day: Option<f64>,
    chronic_use: PhraseSet,
    exceptions: Vec<Exception>,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let (scope, rest) = Scope::take(v, c)?;
        let raw: Raw = params(&rest)?;
        let exceptions = raw
            .exceptions
            .into_iter()
            .map(|e| {
                known_classes(c, &e.drugs)?;
                Ok(Exception {
                    drugs: e.drugs,
                    name: e.name,
                    phrases: evidence::phrases(&e.phrases)?,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Params {
            scope,
            max_days: raw.max_days,
            assumed_per_day: raw.assumed_per_day,
            chronic_use: evidence::phrases(&raw.chronic_use)?,
            exceptions,
        })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let tax = &ctx.rules.taxonomy;
    let text = ctx.doc.clean.text();
    for (i, item, drug) in p.scope.items(ctx) {
        let exception = p
            .exceptions
            .iter()
            .find(|e| tax.is_any(drug.drug, &e.drugs));
        if exception.is_some_and(|e| {
            evidence::invoked(ctx, i, &e.phrases).is_some()
        }) {
            continue;
        }
        let per_day = tax
            .node(drug.drug)
            .drug
            .as_ref()
            .and_then(|d| d.doses_per_day)
            .or(p.assumed_per_day);
        let supply = dose::supply_days(&item.request, per_day).filter(|s| s.days > p.max_days);
        let chronic = ctx.facts.summary_sentences.iter().find(|s| {
            let has_drug = ctx.facts.mentions_in(s).iter().any(|m| m.drug == drug.drug);
            has_drug && p.chronic_use.is_match(&text[(*s).clone()])
        });
        if supply.is_none() && (chronic.is_none() || item.request.quantity.is_some()) {
            continue;
        }
        let generic = tax.generic(drug.drug).to_string();
        let exception_note = exception.map_or_else(
            || "none applies".to_string(),
            |e| format!("the {} exception was not invoked in the rationale", e.name),
        );
        let (length, working) = supply.as_ref().map_or_else(
            || {
                (
                    "an open-ended supply".to_string(),
                    "no quantity written; the record shows ongoing use".to_string(),
                )
            },
            |s| {
                (
                    format!("{} days", fmt_num(s.days.round())),
                    s.working.clone(),
                )
            },
        );
        let target = item
            .request
            .quantity
            .as_ref()
            .map_or(&drug.span, |q| &q.span);
        ctx.finding(rule, Some(i))
            .var("drug", generic)
            .var("supply", length)
            .var("max_days", fmt_num(p.max_days))
            .var("working", working.clone())
            .var("exception", exception_note)
            .label(target, format!("approved: {working}"))
            .label_if(chronic, "the record shows ongoing use")
            .emit(out);
    }
}
