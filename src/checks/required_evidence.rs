//! Required evidence: an approval the guideline allows only when the record documents
//! something (or only when it does not document something else).
//!
//! For an item of `params.classes` decided as `params.outcomes` (approvals by default), each
//! `params.require` group must be documented: one of its phrases found, not negated, in
//! the places `params.look_in` names (rationale, summary). Each `params.forbid` group must
//! not be documented. `params.applies_if` / `params.applies_unless` phrases, read in
//! sentences that name the item's drug, route the item: continuing an opioid needs the
//! page-80 evidence of return to work, improved function or reduced pain (a group with
//! `pain_reduction: true` also accepts a quantified reduction: two different pain scores in
//! one sentence, as in "10/10 without medications versus 5/10 with") (Chronic Pain
//! Medical Treatment Guidelines p. 80), but a first trial ("introduced for the first time,
//! on a trial basis") falls under the initiation criteria of p. 76-77 instead. Epidural
//! steroid injections need radiculopathy corroborated by imaging or electrodiagnostic
//! testing (p. 46); trigger point injections are not for radicular pain (p. 122).
//! "Functional improvement" is as 8 CCR 9792.20(f) defines it: a clinically significant
//! improvement in activities of daily living or a reduction in work restrictions.
//! Placeholders: `{missing}`, `{found}`, `{route}`.

use serde::Deserialize;

use super::evidence::{self, Place, default_places};
use super::scope::Scope;
use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::rules::{PhraseSet, Rule};

pub const VARS: &[&str] = &["missing", "found", "route"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default = "default_places")]
    look_in: Vec<Place>,
    #[serde(default)]
    applies_if: Vec<String>,
    #[serde(default)]
    applies_unless: Vec<String>,
    #[serde(default)]
    require: Vec<RawGroup>,
    #[serde(default)]
    forbid: Vec<RawGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: String,
    phrases: Vec<String>,
    /// Also satisfied by a quantified pain reduction (two different pain scores).
    #[serde(default)]
    pain_reduction: bool,
}

#[derive(Debug, Clone)]
struct Group {
    name: String,
    phrases: PhraseSet,
    pain_reduction: bool,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    look_in: Vec<Place>,
    applies_if: Option<PhraseSet>,
    applies_unless: Option<PhraseSet>,
    require: Vec<Group>,
    forbid: Vec<Group>,
}

fn groups(raw: Vec<RawGroup>) -> Result<Vec<Group>, String> {
    raw.into_iter()
        .map(|g| {
            Ok(Group {
                phrases: evidence::phrases(&g.phrases)?,
                name: g.name,
                pain_reduction: g.pain_reduction,
            })
        })
        .collect()
}

fn optional(list: &[String]) -> Result<Option<PhraseSet>, String> {
    if list.is_empty() {
        Ok(None)
    } else {
        evidence::phrases(list).map(Some)
    }
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let (scope, rest) = Scope::take(v, c)?;
        let raw: Raw = params(&rest)?;
        if raw.require.is_empty() && raw.forbid.is_empty() {
            return Err("give at least one `require` or `forbid` group".into());
        }
        Ok(Params {
            scope,
            look_in: raw.look_in,
            applies_if: optional(&raw.applies_if)?,
            applies_unless: optional(&raw.applies_unless)?,
            require: groups(raw.require)?,
            forbid: groups(raw.forbid)?,
        })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let all = [Place::Rationale, Place::Summary];
    for (i, item, drug) in p.scope.items(ctx) {
        let route = match &p.applies_if {
            Some(set) => match evidence::find(ctx, i, &all, set, Some(drug.drug)) {
                Some(span) => Some(span),
                None => continue,
            },
            None => None,
        };
        if let Some(set) = &p.applies_unless
            && evidence::find(ctx, i, &all, set, Some(drug.drug)).is_some()
        {
            continue;
        }
        let missing: Vec<&str> = p
            .require
            .iter()
            .filter(|g| {
                evidence::find(ctx, i, &p.look_in, &g.phrases, None).is_none()
                    && !(g.pain_reduction
                        && evidence::pain_reduction(ctx, i, &p.look_in).is_some())
            })
            .map(|g| g.name.as_str())
            .collect();
        let found: Vec<(&str, _)> = p
            .forbid
            .iter()
            .filter_map(|g| {
                Some((
                    g.name.as_str(),
                    evidence::find(ctx, i, &p.look_in, &g.phrases, None)?,
                ))
            })
            .collect();
        if missing.is_empty() && found.is_empty() {
            continue;
        }
        let route_text = route.as_ref().map_or(String::new(), |r| ctx.words(r));
        let mut draft = ctx
            .finding(rule, Some(i))
            .var(
                "missing",
                if missing.is_empty() {
                    "nothing".into()
                } else {
                    missing.join("; ")
                },
            )
            .var(
                "found",
                found.iter().map(|(n, _)| *n).collect::<Vec<_>>().join("; "),
            )
            .var("route", route_text)
            .label(
                item.outcome.as_ref().map_or(&item.header, |o| &o.span),
                "approved here",
            );
        for (name, span) in &found {
            draft = draft.label(span, format!("documents {name}"));
        }
        draft
            .label_if(route.as_ref(), "applies because of this")
            .emit(out);
    }
}
