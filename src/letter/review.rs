//! The mid-2013 layout: `MEDICAL PROFESSIONAL REVIEW`, a header block, then `ISSUE AT
//! DISPUTE:` (the numbered requests), `DETERMINATION:` (numbered determination sentences,
//! `1) The request for Voltaren 1% gel 100gm is medically necessary and appropriate.`),
//! `CASE SUMMARY:`, `DOCUMENTS REVIEWED FOR DETERMINATION:`, `MEDICAL TREATMENT GUIDELINE(S)
//! RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:` and `RATIONALE FOR WHY THE REQUESTED
//! TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:` (entries `1) <request>: <text>`), and
//! `MEDICAL REVIEWER QUALIFICATIONS:`. The long headings wrap; the rationale heading is a
//! fixed form label, not a determination.
//!
//! An item is a determination sentence (its outcome, see [`super::verdict`]) with the
//! guideline and rationale entries of the same number. The layout has no claims
//! administrator's guideline. Detected by the `MEDICAL PROFESSIONAL REVIEW` title or the
//! `ISSUE AT DISPUTE:` heading.

use std::sync::LazyLock;

use super::sections::Headings;
use super::skeleton::{self, Draft, Field, Open, Spec};
use super::{Layout, Letter, Problem, ProblemKind, Section, SectionKind, Span, list, verdict};
use crate::normalize::Clean;

pub const LAYOUT: Layout = Layout {
    name: "review-2013",
    era: "mid 2013",
    marker: "'MEDICAL PROFESSIONAL REVIEW', 'ISSUE AT DISPUTE:', 'DETERMINATION:'",
    detect,
    parse,
};

static HEADINGS: LazyLock<Headings> = LazyLock::new(|| {
    Headings::new(&[
        (SectionKind::Disputed, "issue at dispute"),
        (SectionKind::Disputed, "issues at dispute"),
        (SectionKind::Determinations, "determination:"),
        (SectionKind::Determinations, "determinations:"),
        (SectionKind::CaseSummary, "case summary:"),
        (SectionKind::DocumentsReviewed, "documents reviewed"),
        (
            SectionKind::Guidelines,
            "medical treatment guideline(s) relied upon",
        ),
        (
            SectionKind::Guidelines,
            "medical treatment guidelines relied upon",
        ),
        (SectionKind::Rationales, "rationale for why the requested"),
        (
            SectionKind::Qualifications,
            "medical reviewer qualifications",
        ),
    ])
});

/// How the layout's items are named in problems (it has no labelled fields).
static SPEC: Spec = Spec {
    name: LAYOUT.name,
    headings: &[],
    labels: &[
        (
            "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON",
            Field::Guideline,
        ),
        ("RATIONALE", Field::Rationale),
    ],
    header_end: no_header,
    outcome: verdict::outcome,
    request: verdict::request,
    outcome_hint: "'is medically necessary' or 'is not medically necessary' after the request",
};

/// Items are read by number, not by headers and labels.
fn no_header(_: &str, _: &[Span], _: &[Open], _: usize, _: Open) -> Option<usize> {
    None
}

/// Whether a line is the layout's title or its first heading.
fn detect(clean: &Clean) -> bool {
    let text = clean.text();
    clean.lines().iter().any(|l| {
        let l = &text[l.clone()];
        // Most lines start otherwise: one byte rules them out.
        if !matches!(l.as_bytes().first(), Some(b'M' | b'm' | b'I' | b'i')) {
            return false;
        }
        l.eq_ignore_ascii_case("MEDICAL PROFESSIONAL REVIEW")
            || starts_with_ignore_case(l, "ISSUE AT DISPUTE")
            || starts_with_ignore_case(l, "ISSUES AT DISPUTE")
    })
}

fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

fn parse(clean: &Clean) -> Option<Letter> {
    let text = clean.text();
    let lines = clean.lines();
    let mut letter = Letter::empty(LAYOUT.name);
    let sections = HEADINGS.find(clean);
    let body = |kind| Section::body_of(&sections, kind);
    let determinations = body(SectionKind::Determinations);
    let guidelines = body(SectionKind::Guidelines).map(|b| list::entries(text, lines, &b));
    let rationales = body(SectionKind::Rationales).map(|b| list::entries(text, lines, &b));
    skeleton::adopt_sections(&mut letter, text, sections);
    skeleton::require_sections(
        &mut letter,
        &[
            (SectionKind::Determinations, "DETERMINATION:"),
            (SectionKind::CaseSummary, "CASE SUMMARY:"),
            (
                SectionKind::Rationales,
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:",
            ),
        ],
    );
    let Some(determinations) = determinations else {
        letter.problems.push(Problem {
            kind: ProblemKind::NoItems,
            span: 0..0,
            item: None,
            detail: "the letter has no DETERMINATION list".into(),
            related: None,
        });
        return Some(letter);
    };
    let value = |entries: &Option<Vec<list::Entry>>, number: u32| {
        entries
            .as_ref()?
            .iter()
            .find(|e| e.number == number)
            .map(|e| after_label(text, &e.span))
    };
    let drafts: Vec<Draft> = list::entries(text, lines, &determinations)
        .into_iter()
        .map(|e| {
            let header = verdict::sentence(text, &e.span);
            let mut fields: [Option<Span>; 3] = Default::default();
            fields[Field::Guideline as usize] = value(&guidelines, e.number);
            fields[Field::Rationale as usize] = value(&rationales, e.number);
            Draft {
                outcome: verdict::outcome(text, &header),
                header,
                restated: Vec::new(),
                fields,
            }
        })
        .collect();
    if drafts.is_empty() {
        letter.problems.push(Problem {
            kind: ProblemKind::NoItems,
            span: letter
                .section(SectionKind::Determinations)
                .map_or(0..0, |s| s.heading.clone()),
            item: None,
            detail: "the DETERMINATION list decides no item".into(),
            related: None,
        });
    }
    skeleton::finish(&SPEC, text, drafts, &mut letter);
    Some(letter)
}

/// An entry's text after its `1) <request>:` label (the whole entry after its number when
/// it has no colon on its first two lines).
fn after_label(text: &str, entry: &Span) -> Span {
    let s = &text[entry.clone()];
    let two_lines = s.match_indices('\n').nth(1).map_or(s.len(), |(i, _)| i);
    let start = match s[..two_lines].find(':') {
        Some(c) => c + 1,
        None => s.find(char::is_whitespace).unwrap_or(0),
    };
    let rest = &s[start..];
    entry.start + start + (rest.len() - rest.trim_start().len())..entry.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_after_its_label() {
        let text = "3) Physical therapy 3 times a week: Pages 98-99 of the MTUS.";
        assert_eq!(
            &text[after_label(text, &(0..text.len()))],
            "Pages 98-99 of the MTUS."
        );
        let text = "1) Voltaren 1% gel\n100gm: Pages 111-112.";
        assert_eq!(&text[after_label(text, &(0..text.len()))], "Pages 111-112.");
    }
}
