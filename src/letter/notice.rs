//! The September 2013 notice: `MAXIMUS FEDERAL SERVICES, INC. Notice of Independent Medical
//! Review Determination Dated: 9/26/2013`, a header block, and the decisions listed twice as
//! numbered sentences (`1) MAXIMUS Federal Services, Inc. has determined the request for a
//! 28 day functional restoration program is not medically necessary and appropriate.`):
//! first on the notice's page, then under `INDEPENDENT MEDICAL REVIEW DECISION AND
//! RATIONALE` after "A decision has been made for each of the treatment and/or services
//! that were in dispute:". Then `Medical Qualifications of the Expert Reviewer:`, `Case
//! Summary:` (often "taken directly from the utilization review denial") and `Expert
//! Reviewer's Decision and Rationale:`, whose items are `1) Regarding the request for
//! <request>:` followed by the guidelines relied upon by the claims administrator and by
//! the expert reviewer and `Rationale for the Decision:`.
//!
//! An item is the first list's sentence (its outcome, see [`super::verdict`]), with the
//! rationale entry of the same number; the second list's sentence is its restated outcome.
//! Detected by a numbered line saying MAXIMUS "has determined", or the decision heading.

use std::sync::LazyLock;

use super::sections::Headings;
use super::skeleton::{self, Draft, Field, Label, Open, Spec};
use super::{
    Layout, Letter, Problem, ProblemKind, Section, SectionKind, Span, list, numbered_2013, verdict,
};
use crate::normalize::Clean;
use crate::text::find_ignore_case;

pub const LAYOUT: Layout = Layout {
    name: "notice-2013",
    era: "September 2013",
    marker: "'1) MAXIMUS Federal Services, Inc. has determined the request for ...', 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE'",
    detect,
    parse,
};

const REGARDING: &str = "Regarding the request";

const DECISION_HEADING: &str = "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE";

static HEADINGS: LazyLock<Headings> = LazyLock::new(|| {
    Headings::new(&[
        (
            SectionKind::Determinations,
            "independent medical review decision and rationale",
        ),
        (
            SectionKind::Qualifications,
            "medical qualifications of the expert reviewer",
        ),
        (SectionKind::CaseSummary, "case summary:"),
        (
            SectionKind::Rationales,
            "expert reviewer's decision and rationale",
        ),
        (
            SectionKind::Rationales,
            "expert reviewer\u{2019}s decision and rationale",
        ),
    ])
});

/// The guideline entries' labels, then those of the numbered layout's items.
static LABELS: [Label; 9] = skeleton::concat(
    &[
        (
            "Medical Treatment Guideline(s) Relied Upon by the Claims",
            Field::Claims,
        ),
        (
            "Medical Treatment Guideline(s) Relied Upon by the *",
            Field::Guideline,
        ),
    ],
    &numbered_2013::LABELS,
);

static SPEC: Spec = Spec {
    name: LAYOUT.name,
    headings: &[],
    labels: &LABELS,
    header_end,
    outcome: verdict::outcome,
    request: verdict::request,
    outcome_hint: "a numbered 'has determined the request for ... is (not) medically necessary' sentence",
};

/// Whether a numbered line says MAXIMUS has determined a request, or a line is the
/// decision heading.
fn detect(clean: &Clean) -> bool {
    let text = clean.text();
    clean.lines().iter().any(|l| {
        let l = &text[l.clone()];
        l.eq_ignore_ascii_case(DECISION_HEADING)
            || (list::number(l).is_some()
                && (find_ignore_case(l, "has determined").is_some()
                    || find_ignore_case(l, "maximus federal services").is_some()))
    })
}

/// A rationale entry's heading: a numbered line (or one starting `Regarding the request`),
/// wrapped over up to two lines, ending in a colon (`1) Regarding the request for Norco
/// 10/325mg #90:`).
fn header_end(text: &str, lines: &[Span], _: &[Open], i: usize, open: Open) -> Option<usize> {
    let floor = open.map_or(0, |(_, first)| first + 1);
    let opens = |l: &str| {
        list::number(l).is_some()
            || l.get(..REGARDING.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(REGARDING))
    };
    let start = (floor..=i)
        .rev()
        .take(2)
        .find(|&s| opens(&text[lines[s].clone()]))?;
    let ends = |j: usize| text[lines[j].clone()].trim_end().ends_with(':');
    ((start..i).all(|j| !ends(j)) && ends(i)).then_some(start)
}

fn parse(clean: &Clean) -> Option<Letter> {
    let text = clean.text();
    let lines = clean.lines();
    let mut letter = Letter::empty(LAYOUT.name);
    let sections = HEADINGS.find(clean);
    let body = |kind| Section::body_of(&sections, kind);
    let first_heading = sections.first().map_or(text.len(), |s| s.heading.start);
    let notice = list::entries(text, lines, &(0..first_heading));
    let second = body(SectionKind::Determinations)
        .map(|b| list::entries(text, lines, &b))
        .unwrap_or_default();
    let rationales = body(SectionKind::Rationales).map_or_else(Vec::new, |b| {
        let b_lines: Vec<Span> = lines
            .iter()
            .filter(|l| l.start >= b.start && l.end <= b.end)
            .cloned()
            .collect();
        skeleton::drafts(&SPEC, text, &b_lines)
    });
    skeleton::adopt_sections(&mut letter, text, sections);
    skeleton::require_sections(
        &mut letter,
        &[
            (SectionKind::Determinations, DECISION_HEADING),
            (SectionKind::CaseSummary, "Case Summary:"),
            (
                SectionKind::Rationales,
                "Expert Reviewer's Decision and Rationale:",
            ),
        ],
    );
    let decided = |e: &list::Entry| {
        let header = verdict::sentence(text, &e.span);
        (verdict::outcome(text, &header), header)
    };
    // The notice's own list decides; without it (a letter missing its first page), the
    // second list does.
    let (primary, others) = if notice.is_empty() {
        (second, Vec::new())
    } else {
        (notice, second)
    };
    let mut rationales: Vec<(Option<u32>, Draft)> = rationales
        .into_iter()
        .map(|d| (list::number(&text[d.header.clone()]), d))
        .collect();
    let mut drafts: Vec<Draft> = Vec::new();
    for e in &primary {
        let (outcome, header) = decided(e);
        // The rationale of the same number; unnumbered rationales go in order.
        let found = rationales
            .iter()
            .position(|(n, _)| *n == Some(e.number))
            .or_else(|| rationales.iter().position(|(n, _)| n.is_none()));
        let fields = found.map_or_else(Default::default, |i| rationales.remove(i).1.fields);
        drafts.push(Draft {
            header,
            outcome,
            restated: others
                .iter()
                .filter(|o| o.number == e.number)
                .filter_map(|o| decided(o).0)
                .collect(),
            fields,
        });
    }
    // Rationales no list decides are items without an outcome.
    drafts.extend(rationales.into_iter().map(|(_, d)| d));
    if drafts.is_empty() {
        letter.problems.push(Problem {
            kind: ProblemKind::NoItems,
            span: 0..0,
            item: None,
            detail: "the notice decides no item".into(),
            related: None,
        });
    }
    skeleton::finish(&SPEC, text, drafts, &mut letter);
    Some(letter)
}
