//! Request identity: the request in the item header must be the request the letter talks
//! about elsewhere.
//!
//! The header's strength, quantity, refills and schedule are compared with the same request
//! restated in the rationale ("The request for Amitriptyline 10mg #60 3 refills is medically
//! necessary", after a `phrases.request_intro` phrase) and as listed in the case summary
//! (a mention of the same drug followed by its strength or quantity, as in "requested
//! authorization for Norco 10/325mg #30, Amitriptyline 10mg #30 with 3 refills"), when its
//! clause says it is requested and not how utilization review modified it, nor a past
//! dose. Services compare their visits (`x12`, `2 times a week for 6 weeks`). A field
//! is compared only where both places write it; a strength differs only when the two
//! places share no strength. Each difference is one finding, labelling both places.
//! `params.fields` picks the fields (strength, quantity, refills, frequency, visits).
//! Placeholders: `{field}`, `{header_value}`, `{other_value}`, `{place}`.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::facts::assertion::{self, Status};
use crate::letter::request::{Request, fmt_num, word_number};
use crate::letter::Span;
use crate::rules::Rule;

pub const VARS: &[&str] = &["field", "header_value", "other_value", "place"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "all_fields")]
    fields: Vec<String>,
}

fn all_fields() -> Vec<String> {
    FIELDS.iter().map(|f| f.to_string()).collect()
}

const FIELDS: [&str; 5] = ["strength", "quantity", "refills", "frequency", "visits"];

impl Params {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<Params, String> {
        let p: Params = params(v)?;
        match p.fields.iter().find(|f| !FIELDS.contains(&f.as_str())) {
            Some(f) => Err(format!(
                "unknown field '{f}' (one of: {})",
                FIELDS.join(", ")
            )),
            None => Ok(p),
        }
    }
}

/// Where a restated request ends: a verb, a clause break or the sentence end.
static RESTATED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:is|was|are|were|would|will|has|have|cannot|can|should)(?-u:\b)|[;.](?:\s|$)|,\s+(?:which|as|given|and)(?-u:\b)|$")
        .expect("restated end regex")
});
/// Where a listed request ends: the next list entry, a clause break or the sentence end.
static LISTED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),\s+(?:and\s+)?[A-Z]|\s+and\s+[A-Z]|;|\.(?:\s|$)|\s(?:is|was|were|since|on|for)\s|$",
    )
    .expect("listed end regex")
});

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let text = ctx.doc.clean.text();
    // Whether each case-summary sentence has a request cue, found once for every item and
    // mention that asks.
    let mut cues = vec![None; ctx.facts.summary_sentences.len()];
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let header = &item.request;
        if header.strengths.is_empty()
            && header.quantity.is_none()
            && header.frequency.is_none()
            && header.visits.is_none()
        {
            continue;
        }
        let drug = ctx.facts.items[i].drug.as_ref().map(|m| m.drug);
        let same = |r: &Request| {
            match (drug, ctx.facts.mentions_in(&r.name).first()) {
                (Some(d), Some(m)) => m.drug == d,
                _ => ctx
                    .words(&r.name)
                    .eq_ignore_ascii_case(&ctx.words(&header.name)),
            }
        };
        let mut others: Vec<(Request, &str)> = Vec::new();
        if let Some(rationale) = &item.rationale {
            for intro in ctx
                .rules
                .phrases
                .request_intro
                .find_iter(ctx.text(rationale))
            {
                let rest = &text[rationale.start + intro.end..rationale.end];
                let restated = rest.trim_start();
                let start = rationale.end - restated.len();
                let end = RESTATED_END
                    .find(restated)
                    .map_or(rationale.end, |m| start + m.start());
                others.push((Request::parse(text, start..end), "rationale"));
            }
        }
        if let Some(summary) = &ctx.doc.letter.case_summary {
            for m in ctx.facts.mentions_in(summary) {
                if Some(m.drug) != drug || !requested(ctx, &m.span, &mut cues) {
                    continue;
                }
                let start = m.span.start;
                let end = listed_end(text, m.span.end, summary.end);
                others.push((Request::parse(text, start..end), "case summary"));
            }
        }
        for (other, place) in others.iter().filter(|(r, _)| same(r)) {
            for field in &p.fields {
                if let Some((h, o, hs, os)) = differ(field, header, other) {
                    ctx.finding(rule, Some(i))
                        .var("field", field.clone())
                        .var("header_value", h.clone())
                        .var("other_value", o.clone())
                        .var("place", *place)
                        .label(&hs, format!("header: {h}"))
                        .label(&os, format!("{place}: {o}"))
                        .emit(out);
                }
            }
        }
    }
}

/// Where a request listed from `from` ends: at [`LISTED_END`], read past a duration ("for
/// 4 weeks" belongs to "physical therapy 2 times a week").
fn listed_end(text: &str, from: usize, limit: usize) -> usize {
    let mut at = from;
    loop {
        let Some(e) = LISTED_END.find(&text[at..limit]) else {
            return limit;
        };
        let end = at + e.start();
        let after = text[end..limit].trim_start();
        // "for 4 weeks", "for four weeks"; not "for a", "for an".
        let duration = after
            .strip_prefix("for ")
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|w| w.len() > 2 || w.bytes().all(|b| b.is_ascii_digit()))
            && after
                .split_whitespace()
                .nth(1)
                .and_then(word_number)
                .is_some();
        if !duration || e.end() == e.start() {
            return end;
        }
        at = end + (text[end..limit].len() - after.len()) + "for ".len();
    }
}

/// Whether a case-summary mention states what is requested now: its clause has a request
/// cue ("requested", "authorization for", "prescribed") and no word of a utilization
/// review's modification ("modified", "certified"), and it is not negated, hypothetical
/// or history ("OTC ibuprofen 600 mg gave partial relief", "UR modified the request to
/// #60" and "previously prescribed" are not the request). `cues` keeps, for each summary
/// sentence, whether it has a request cue once that is known.
fn requested(ctx: &Ctx<'_>, mention: &Span, cues: &mut [Option<bool>]) -> bool {
    let text = ctx.doc.clean.text();
    let sentences = &ctx.facts.summary_sentences;
    let at = sentences.partition_point(|s| s.end < mention.end);
    let (Some(s), Some(cue)) = (
        sentences
            .get(at)
            .filter(|s| s.start <= mention.start && mention.end <= s.end),
        cues.get_mut(at),
    ) else {
        return false;
    };
    let st = &text[s.clone()];
    let p = &ctx.rules.phrases;
    // Most mentions are in sentences that request nothing: ruled out before the clause.
    if !*cue.get_or_insert_with(|| p.request_cue.is_match(st)) {
        return false;
    }
    let target = mention.start - s.start..mention.end - s.start;
    let clause = assertion::clause(ctx.rules, st, &target);
    let c = &st[clause.clone()];
    p.request_cue.is_match(c)
        && !p.modification.is_match(c)
        && matches!(
            assertion::status_within(ctx.rules, st, &clause, &target),
            Status::Affirmed | Status::Guideline
        )
}

/// The two written values and their spans, when a field differs.
fn differ(field: &str, a: &Request, b: &Request) -> Option<(String, String, Span, Span)> {
    match field {
        "strength" => {
            if a.strengths.is_empty() || b.strengths.is_empty() {
                return None;
            }
            let shared = a
                .strengths
                .iter()
                .any(|x| b.strengths.iter().any(|y| x.same_as(y)));
            (!shared).then(|| {
                (
                    a.strengths[0].display(),
                    b.strengths[0].display(),
                    a.strengths[0].span.clone(),
                    b.strengths[0].span.clone(),
                )
            })
        }
        "quantity" | "refills" => {
            let (x, y) = if field == "quantity" {
                (a.quantity.as_ref()?, b.quantity.as_ref()?)
            } else {
                (a.refills.as_ref()?, b.refills.as_ref()?)
            };
            let show = |v: f64| {
                if field == "quantity" {
                    format!("#{}", fmt_num(v))
                } else {
                    format!("{} refills", fmt_num(v))
                }
            };
            (x.value != y.value)
                .then(|| (show(x.value), show(y.value), x.span.clone(), y.span.clone()))
        }
        "visits" => {
            let (x, y) = (a.total_visits()?.1, b.total_visits()?.1);
            let span = |r: &Request| {
                r.visits
                    .as_ref()
                    .map(|v| v.span.clone())
                    .or_else(|| r.frequency.as_ref().map(|f| f.span.clone()))
                    .unwrap_or_else(|| r.span.clone())
            };
            ((x - y).abs() > 1e-9).then(|| {
                (
                    format!("{} visits", fmt_num(x)),
                    format!("{} visits", fmt_num(y)),
                    span(a),
                    span(b),
                )
            })
        }
        _ => {
            let (x, y) = (a.frequency.as_ref()?, b.frequency.as_ref()?);
            let (dx, dy) = (
                x.per_day? * x.units_per_dose.unwrap_or(1.0),
                y.per_day? * y.units_per_dose.unwrap_or(1.0),
            );
            ((dx - dy).abs() > 1e-9).then(|| {
                (
                    format!("{} a day", fmt_num(dx)),
                    format!("{} a day", fmt_num(dy)),
                    x.span.clone(),
                    y.span.clone(),
                )
            })
        }
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&RESTATED_END);
    LazyLock::force(&LISTED_END);
}
