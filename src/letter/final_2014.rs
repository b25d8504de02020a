//! The MAXIMUS layout of 2014-2016 letters: `HOW THE IMR FINAL DETERMINATION WAS MADE`,
//! `CLINICAL CASE SUMMARY`, `IMR ISSUES, DECISIONS AND RATIONALES`, and items written as
//! `<request>: Upheld|Overturned` (wrapped over up to three lines) followed by
//! `Claims Administrator guideline:`, `MAXIMUS guideline:` and `Decision rationale:`. Real
//! letters open with a header block (`Case Number:`, `Date Assigned:`...; see
//! [`super::header`]). The layout is the last one tried: any letter with one of its section
//! headings is read as one.

use std::sync::LazyLock;

use regex::Regex;

use super::skeleton::{self, Field, Open, Spec, ends_clause};
use super::{Layout, Letter, Outcome, OutcomeKind, Span};
use crate::normalize::Clean;

static OTHER_OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r":\s*([A-Za-z][A-Za-z -]{1,30}?)\s*$").expect("other outcome regex")
});

pub const LAYOUT: Layout = Layout {
    name: "final-2014",
    era: "2014-2016",
    marker: "'IMR ISSUES, DECISIONS AND RATIONALES', items '<request>: Upheld|Overturned'",
    detect: any,
    parse,
};

/// Every text may be in this layout; [`parse`] says whether it is.
fn any(_: &Clean) -> bool {
    true
}

/// The letter, when one of the layout's section headings occurs.
fn parse(clean: &Clean) -> Option<Letter> {
    skeleton::parse(clean, &SPEC)
}

pub static SPEC: Spec = Spec {
    name: LAYOUT.name,
    headings: &[],
    labels: &[
        ("Claims Administrator guideline:", Field::Claims),
        ("MAXIMUS guideline:", Field::Guideline),
        ("Decision rationale:", Field::Rationale),
    ],
    header_end,
    outcome,
    request,
    outcome_hint: "': Upheld' or ': Overturned'",
};

/// A header ends on a line ending in `: Upheld|Overturned` (or that word alone after a
/// line ending in `:`), or on an unfinished line just before a guideline label (a header
/// whose outcome is missing or misspelt).
fn header_end(text: &str, lines: &[Span], labels: &[Open], i: usize, open: Open) -> Option<usize> {
    let l = &text[lines[i].clone()];
    let prev = i.checked_sub(1).map(|p| &text[lines[p].clone()]);
    let outcome_here = trailing_outcome(l).is_some_and(|(_, word)| {
        let before = l[..word.start].trim_end();
        before.ends_with(':')
            || (before.is_empty() && prev.is_some_and(|p| p.trim_end().ends_with(':')))
    });
    let next_is_guideline = labels
        .get(i + 1)
        .copied()
        .flatten()
        .is_some_and(|(f, _)| f != Field::Rationale);
    let unlabelled = next_is_guideline
        && !ends_clause(l)
        && !matches!(open, Some((Field::Claims | Field::Guideline, _)));
    (outcome_here || unlabelled).then(|| header_start(text, lines, i, open))
}

/// The first line of a header that ends on line `i`: a header may wrap over up to three
/// lines, each continuing an unfinished clause of the text before it.
fn header_start(text: &str, lines: &[Span], i: usize, open: Open) -> usize {
    let floor = match open {
        Some((_, first)) => first + 1,
        None => 0,
    };
    let mut start = i;
    if !text[lines[i].clone()].contains(':') && start > floor {
        start -= 1;
    }
    while start > floor && i - start < 2 && !ends_clause(&text[lines[start - 1].clone()]) {
        start -= 1;
    }
    start
}

fn outcome(text: &str, header: &Span) -> Option<Outcome> {
    let h = &text[header.clone()];
    if let Some((kind, word)) = trailing_outcome(h)
        && h[..word.start].trim_end().ends_with(':')
    {
        return Some(Outcome {
            kind,
            span: header.start + word.start..header.start + word.end,
        });
    }
    OTHER_OUTCOME
        .captures(h)
        .and_then(|c| c.get(1))
        .map(|c| Outcome {
            kind: OutcomeKind::Unknown,
            span: header.start + c.start()..header.start + c.end(),
        })
}

/// The outcome word that ends `text` (trailing whitespace aside), in any ASCII case, and
/// where it is. (No other letter folds to one of theirs, so ASCII case is every case.)
fn trailing_outcome(text: &str) -> Option<(OutcomeKind, Span)> {
    let t = text.trim_end();
    [
        ("upheld", OutcomeKind::Upheld),
        ("overturned", OutcomeKind::Overturned),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let start = t.len().checked_sub(word.len())?;
        t.get(start..)?
            .eq_ignore_ascii_case(word)
            .then_some((kind, start..t.len()))
    })
}

/// The request is the header before the colon that introduces its outcome.
fn request(text: &str, header: &Span, outcome: Option<&Outcome>) -> Span {
    let end = outcome.map_or(header.end, |o| {
        text[header.start..o.span.start]
            .rfind(':')
            .map_or(o.span.start, |c| header.start + c)
    });
    header.start..end.max(header.start)
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&OTHER_OUTCOME);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() })]

        /// A header's outcome is what `(?i):\s*(upheld|overturned)\s*$` captured.
        #[test]
        fn outcome_as_the_pattern(pieces in prop::collection::vec(prop::sample::select(vec![
            "Norco", ":", " ", "\n", "\u{a0}", "Upheld", "OVERTURNED", "upheld", "nonupheld",
            "overturned.", "x", "\u{e9}", "-",
        ]), 0..10)) {
            let h = pieces.concat();
            let re = Regex::new(r"(?i):\s*(upheld|overturned)\s*$").unwrap();
            let want = re.captures(&h).map(|c| c.get(1).unwrap().range());
            let got = outcome(&h, &(0..h.len()))
                .filter(|o| o.kind != OutcomeKind::Unknown)
                .map(|o| o.span);
            prop_assert_eq!(got, want);
        }
    }
}
