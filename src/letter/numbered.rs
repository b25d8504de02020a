//! The numbered layout of older letters: `IMR DECISION(S) AND RATIONALE(S)` with items
//! written as a numbered determination sentence (`1. Norco 10/325mg #120 is not medically
//! necessary and appropriate.`, wrapped over up to three lines) followed by `Guideline Used
//! by the Claims Administrator:`, `Guideline Used by the Expert Reviewer:` and `Rationale
//! for the Decision:`. The outcome is the sentence's polarity: "is not medically
//! necessary" upholds the denial, "is medically necessary" overturns it.

use std::sync::LazyLock;

use regex::Regex;

use super::skeleton::{Field, Open, SUMMARY_INTRO, Spec};
use super::{Outcome, OutcomeKind, SectionKind, Span};
use crate::normalize::Clean;

static DECISIONS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*medical\s+necessity\s+issues?\s*:?\s*").expect("intro regex")
});
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,2}\.\s+\S").expect("numbered regex"));
static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s(?:is|are)\s+((not\s+)?medically\s+necessary(?:\s+and\s+appropriate)?)\.?\s*$",
    )
    .expect("verdict regex")
});

pub static SPEC: Spec = Spec {
    name: "numbered",
    headings: &[
        (SectionKind::Decisions, "IMR DECISION(S) AND RATIONALE(S)"),
        (SectionKind::Decisions, "IMR DECISIONS AND RATIONALES"),
    ],
    summary_intro: &SUMMARY_INTRO,
    decisions_intro: &DECISIONS_INTRO,
    labels: &[
        ("Guideline Used by the Claims Administrator:", Field::Claims),
        ("Guideline Used by the Expert Reviewer:", Field::Guideline),
        ("Rationale for the Decision:", Field::Rationale),
    ],
    header_end,
    outcome,
    request,
    outcome_hint: "'is medically necessary' or 'is not medically necessary' after the request",
};

/// Whether the text is in this layout: a line of it is the layout's decisions heading.
pub fn detect(clean: &Clean) -> bool {
    let text = clean.text();
    clean
        .lines()
        .iter()
        .any(|l| SPEC.own_section(&text[l.clone()]) == Some(SectionKind::Decisions))
}

/// A header is a numbered line (not inside a labelled field's first line) and the lines
/// wrapping it, ending on the one that closes its determination sentence.
fn header_end(spec: &Spec, text: &str, lines: &[Span], i: usize, open: Open) -> Option<usize> {
    let floor = open.map_or(0, |(_, first)| first + 1);
    let start = (floor..=i)
        .rev()
        .take(3)
        .find(|&s| NUMBERED.is_match(&text[lines[s].clone()]))?;
    let header = lines[start].start..lines[i].end;
    let next_starts_item = lines.get(i + 1).is_none_or(|n| {
        spec.label(&text[n.clone()]).is_some() || NUMBERED.is_match(&text[n.clone()])
    });
    (VERDICT.is_match(&text[header]) || next_starts_item).then_some(start)
}

fn outcome(text: &str, header: &Span) -> Option<Outcome> {
    let c = VERDICT.captures(&text[header.clone()])?;
    let phrase = c.get(1)?;
    Some(Outcome {
        kind: if c.get(2).is_some() {
            OutcomeKind::Upheld
        } else {
            OutcomeKind::Overturned
        },
        span: header.start + phrase.start()..header.start + phrase.end(),
    })
}

/// The request is the sentence's subject: after the number, before `is`/`are`.
fn request(text: &str, header: &Span, outcome: Option<&Outcome>) -> Span {
    let h = &text[header.clone()];
    // The match ends on the request's first character, which may take several bytes.
    let start = NUMBERED
        .find(h)
        .and_then(|m| h[..m.end()].char_indices().next_back())
        .map_or(0, |(i, _)| i);
    let end = match outcome {
        Some(o) => {
            let before = &text[header.start..o.span.start];
            let trimmed = before.trim_end();
            trimmed
                .rfind(char::is_whitespace)
                .map_or(trimmed.len(), |w| w)
        }
        None => h.trim_end_matches('.').len(),
    };
    header.start + start..header.start + end.max(start)
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&DECISIONS_INTRO);
    LazyLock::force(&NUMBERED);
    LazyLock::force(&VERDICT);
}
