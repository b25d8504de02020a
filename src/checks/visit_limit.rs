//! Visit limit: approved physical medicine beyond the visits the guideline allows for the
//! diagnosis.
//!
//! MTUS physical medicine guidelines (Chronic Pain Medical Treatment Guidelines p. 98-99)
//! allow, with fading of treatment frequency: myalgia and myositis, 9-10 visits over 8
//! weeks; neuralgia, neuritis and radiculitis, 8-10 visits over 4 weeks; complex regional
//! pain syndrome, 24 visits over 16 weeks. Requested visits are the stated count (`x12`,
//! `12 sessions`) or sessions a week × weeks (`2-3 times a week for four weeks` = 8-12;
//! the upper figure is compared). The diagnosis is the `params.limits` entry whose phrases
//! the case summary or rationale documents (the most generous when several are); with
//! none documented, `params.default_visits` applies.
//! Placeholders: `{visits}`, `{limit}`, `{diagnosis}`.

use serde::Deserialize;

use super::evidence::{self, Place};
use super::scope::Scope;
use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::letter::request::fmt_num;
use crate::rules::{PhraseSet, Rule};

pub const VARS: &[&str] = &["visits", "limit", "diagnosis"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    limits: Vec<RawLimit>,
    default_visits: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimit {
    diagnosis: String,
    phrases: Vec<String>,
    visits: f64,
    weeks: f64,
}

#[derive(Debug, Clone)]
struct Limit {
    diagnosis: String,
    phrases: PhraseSet,
    visits: f64,
    weeks: f64,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    limits: Vec<Limit>,
    default_visits: f64,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let (scope, rest) = Scope::take(v, c)?;
        let raw: Raw = params(&rest)?;
        let limits = raw
            .limits
            .into_iter()
            .map(|l| {
                Ok(Limit {
                    phrases: evidence::phrases(&l.phrases)?,
                    diagnosis: l.diagnosis,
                    visits: l.visits,
                    weeks: l.weeks,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Params {
            scope,
            limits,
            default_visits: raw.default_visits,
        })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let places = [Place::Summary, Place::Rationale];
    for (i, item, _) in p.scope.items(ctx) {
        let Some((_, high)) = item.request.total_visits() else { continue };
        let documented = p
            .limits
            .iter()
            .filter_map(|l| Some((l, evidence::find(ctx, i, &places, &l.phrases, None)?)))
            .max_by(|a, b| a.0.visits.total_cmp(&b.0.visits));
        let (limit, diagnosis, span) = match &documented {
            Some((l, span)) => (
                l.visits,
                format!("{} ({} visits over {} weeks)", l.diagnosis, fmt_num(l.visits), fmt_num(l.weeks)),
                Some(span),
            ),
            None => (p.default_visits, "no diagnosis documented".to_string(), None),
        };
        if high <= limit {
            continue;
        }
        let at = item.request.frequency.as_ref().map_or(&item.request.span, |f| &f.span);
        ctx.finding(rule, Some(i))
            .var("visits", fmt_num(high))
            .var("limit", fmt_num(limit))
            .var("diagnosis", diagnosis)
            .label(at, format!("up to {} visits requested", fmt_num(high)))
            .label_if(span, "diagnosis documented here")
            .emit(out);
    }
}
