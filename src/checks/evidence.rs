//! Looking for documentation in the record: phrases from a rule's list, found in the
//! rationale or the case summary and not negated ("no evidence of radiculopathy" is not
//! evidence of radiculopathy).

use serde::Deserialize;

use super::Ctx;
use crate::facts::{negation, pain, sentences};
use crate::letter::{Item, Span};
use crate::rules::PhraseSet;
use crate::rules::taxonomy::DrugId;

/// Where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    Rationale,
    Summary,
}

pub fn default_places() -> Vec<Place> {
    vec![Place::Rationale, Place::Summary]
}

/// The first non-negated match of `phrases` in the given places of an item; with `about`,
/// only in sentences that name that drug.
pub fn find(
    ctx: &Ctx<'_>,
    item: &Item,
    places: &[Place],
    phrases: &PhraseSet,
    about: Option<DrugId>,
) -> Option<Span> {
    let text = ctx.doc.clean.text();
    places
        .iter()
        .filter_map(|p| match p {
            Place::Rationale => item.rationale.as_ref(),
            Place::Summary => ctx.doc.letter.case_summary.as_ref(),
        })
        .flat_map(|span| sentences::split(text, span))
        .filter(|s| {
            about.is_none_or(|d| {
                ctx.rules
                    .taxonomy
                    .mentions(text, s)
                    .iter()
                    .any(|m| m.drug == d)
            })
        })
        .find_map(|s| {
            let st = &text[s.clone()];
            phrases
                .find_iter(st)
                .find(|m| negation::trigger(&ctx.rules.negation, st, m).is_none())
                .map(|m| s.start + m.start..s.start + m.end)
        })
}

/// A sentence in the given places documenting a quantified pain reduction: two different
/// pain scores (`10/10 without medications versus 5/10 with`, `from 9/10 to 4/10`) and no
/// word of worsening.
pub fn pain_reduction(ctx: &Ctx<'_>, item: &Item, places: &[Place]) -> Option<Span> {
    const WORSE: [&str; 5] = ["increase", "worse", "worsening", "heightened", "rose"];
    let text = ctx.doc.clean.text();
    places
        .iter()
        .filter_map(|p| match p {
            Place::Rationale => item.rationale.as_ref(),
            Place::Summary => ctx.doc.letter.case_summary.as_ref(),
        })
        .flat_map(|span| sentences::split(text, span))
        .find_map(|s| {
            let scores = pain::find(text, &s);
            let (first, last) = (scores.first()?, scores.last()?);
            let lower = text[s.clone()].to_lowercase();
            let differ = scores
                .iter()
                .any(|x| x.low != first.low || x.high != first.high);
            (differ && !WORSE.iter().any(|w| lower.contains(w)))
                .then_some(first.span.start..last.span.end)
        })
}

/// Compiles a phrase list from rule parameters.
pub fn phrases(list: &[String]) -> Result<PhraseSet, String> {
    PhraseSet::new(list, false).map_err(|e| format!("invalid phrase: {e}"))
}
