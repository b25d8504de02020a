//! Looking for documentation in the record: phrases from a rule's list, found in the
//! rationale or the case summary and affirmed there (see [`assertion`]): "no evidence of
//! radiculopathy" is not evidence of radiculopathy, nor is "page 46 requires radiculopathy
//! corroborated by imaging", nor "if imaging showed radiculopathy".

use serde::Deserialize;

use super::Ctx;
use crate::facts::assertion::{self, Status};
use crate::facts::pain;
use crate::letter::Span;
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

/// The first affirmed match of `phrases` in the given places of an item; with `about`,
/// only in sentences that name that drug.
pub fn find(
    ctx: &Ctx<'_>,
    item: usize,
    places: &[Place],
    phrases: &PhraseSet,
    about: Option<DrugId>,
) -> Option<Span> {
    first(ctx, item, places, phrases, about, |s| s == Status::Affirmed)
}

/// The first match of `phrases` in the rationale that is not negated: a guideline's
/// exception invoked in the guideline's words counts ("baclofen is recommended for
/// spasticity from spinal cord injury").
pub fn invoked(ctx: &Ctx<'_>, item: usize, phrases: &PhraseSet) -> Option<Span> {
    first(ctx, item, &[Place::Rationale], phrases, None, |s| {
        s != Status::Negated
    })
}

fn first(
    ctx: &Ctx<'_>,
    item: usize,
    places: &[Place],
    phrases: &PhraseSet,
    about: Option<DrugId>,
    accept: impl Fn(Status) -> bool,
) -> Option<Span> {
    let text = ctx.doc.clean.text();
    sentences(ctx, item, places)
        .filter(|s| about.is_none_or(|d| ctx.facts.mentions_in(s).iter().any(|m| m.drug == d)))
        .find_map(|s| {
            let st = &text[s.clone()];
            phrases
                .find_iter(st)
                .find(|m| accept(assertion::status(ctx.rules, st, m)))
                .map(|m| s.start + m.start..s.start + m.end)
        })
}

/// A sentence in the given places documenting a quantified pain reduction: two different
/// pain scores (`10/10 without medications versus 5/10 with`, `from 9/10 to 4/10`) and no
/// word of worsening.
pub fn pain_reduction(ctx: &Ctx<'_>, item: usize, places: &[Place]) -> Option<Span> {
    const WORSE: [&str; 5] = ["increase", "worse", "worsening", "heightened", "rose"];
    let text = ctx.doc.clean.text();
    sentences(ctx, item, places).find_map(|s| {
        let scores = pain::find(text, s);
        let (first, last) = (scores.first()?, scores.last()?);
        let lower = text[s.clone()].to_lowercase();
        let differ = scores
            .iter()
            .any(|x| x.low != first.low || x.high != first.high);
        (differ && !WORSE.iter().any(|w| lower.contains(w)))
            .then_some(first.span.start..last.span.end)
    })
}

/// The sentences of an item's rationale and the case summary, as `places` lists them.
fn sentences<'c>(
    ctx: &'c Ctx<'_>,
    item: usize,
    places: &'c [Place],
) -> impl Iterator<Item = &'c Span> + 'c {
    places.iter().flat_map(move |p| match p {
        Place::Rationale => ctx.facts.items[item].rationale_sentences.iter(),
        Place::Summary => ctx.facts.summary_sentences.iter(),
    })
}

/// Compiles a phrase list from rule parameters.
pub fn phrases(list: &[String]) -> Result<PhraseSet, String> {
    PhraseSet::new(list, false).map_err(|e| format!("invalid phrase: {e}"))
}
