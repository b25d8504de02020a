//! The 2013-2014 layout: `MAXIMUS FEDERAL SERVICES, INC.` / `Notice of Independent Medical
//! Review Determination`, a header block (`IMR Case Number:`, `UR Denial Date:`...), then
//! `HOW THE IMR FINAL DETERMINATION WAS MADE`, `DOCUMENTS REVIEWED`, `CLINICAL CASE
//! SUMMARY` and `IMR DECISION(S) AND RATIONALE(S)`, whose items are numbered determination
//! sentences (`1. Tramadol 50mg #120 is not medically necessary and appropriate.`, wrapped
//! over up to three lines) followed by `The Claims Administrator based its decision on
//! ...`, `The Expert Reviewer (or Physician Reviewer) based his/her decision on ...` and
//! `Rationale for the Decision:`. The sentence is the outcome (see [`super::verdict`]).
//!
//! Detected by a line that is the decisions heading.

use super::skeleton::{self, Field, Label, Open, Spec};
use super::{Layout, Letter, Outcome, SectionKind, Span, list, verdict};
use crate::normalize::Clean;

pub const LAYOUT: Layout = Layout {
    name: "numbered-2013",
    era: "2013-2014",
    marker: "'IMR DECISION(S) AND RATIONALE(S)', items '1. <request> is (not) medically necessary'",
    detect,
    parse,
};

/// An item's fields: what the claims administrator and the reviewer based their decisions
/// on, and the rationale (the notice of September 2013 writes them the same way).
pub const LABELS: [Label; 7] = [
    (
        "The Claims Administrator based its decision on",
        Field::Claims,
    ),
    ("The * Reviewer based his/her decision on", Field::Guideline),
    ("The * Reviewer based his decision on", Field::Guideline),
    ("The * Reviewer based her decision on", Field::Guideline),
    // The same, wrapped before "decision on" (the citation starts after it).
    ("The Claims Administrator based", Field::Claims),
    ("The * Reviewer based", Field::Guideline),
    ("Rationale for the Decision:", Field::Rationale),
];

static SPEC: Spec = Spec {
    name: LAYOUT.name,
    headings: &[
        (SectionKind::Decisions, "IMR DECISION(S) AND RATIONALE(S)"),
        (SectionKind::Decisions, "IMR DECISIONS AND RATIONALES"),
    ],
    labels: &LABELS,
    header_end,
    outcome: verdict::outcome,
    request: verdict::request,
    outcome_hint: "'is medically necessary' or 'is not medically necessary' after the request",
};

/// Whether a line of the text is the layout's decisions heading.
fn detect(clean: &Clean) -> bool {
    let text = clean.text();
    clean
        .lines()
        .iter()
        .any(|l| SPEC.own_section(&text[l.clone()]) == Some(SectionKind::Decisions))
}

fn parse(clean: &Clean) -> Option<Letter> {
    skeleton::parse(clean, &SPEC)
}

/// A header is a numbered line (not inside a labelled field's first line) and the lines
/// wrapping it, ending on the first one that closes its determination sentence (or, when
/// none does, just before the next label or item).
fn header_end(text: &str, lines: &[Span], labels: &[Open], i: usize, open: Open) -> Option<usize> {
    let floor = open.map_or(0, |(_, first)| first + 1);
    let start = (floor..=i)
        .rev()
        .take(3)
        .find(|&s| list::number(&text[lines[s].clone()]).is_some())?;
    let closed = |end: usize| {
        let header = lines[start].start..lines[end].end;
        verdict::outcome(text, &header).is_some_and(|o: Outcome| {
            text[o.span.end..header.end]
                .trim()
                .trim_start_matches('.')
                .is_empty()
        })
    };
    if (start..i).any(closed) {
        return None;
    }
    let next_starts_item = lines
        .get(i + 1)
        .is_none_or(|n| labels[i + 1].is_some() || list::number(&text[n.clone()]).is_some());
    (closed(i) || next_starts_item).then_some(start)
}
