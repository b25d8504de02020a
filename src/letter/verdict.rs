//! Numbered determination sentences of the older layouts: `1. Tramadol 50mg #120 is not
//! medically necessary and appropriate.`, `1) The request for Voltaren 1% gel 100gm is
//! medically necessary and appropriate.`, `1) MAXIMUS Federal Services, Inc. has determined
//! the request for Norco 10/325mg #90 is not medically necessary and appropriate.`
//!
//! The sentence is the outcome: "is not medically necessary" upholds the denial, "is
//! medically necessary" overturns it. Extraction glues words (`notmedically`), so `not` may
//! touch the next word. The request is the sentence's subject, after `the request for` and
//! an article when the sentence has them.

use std::sync::LazyLock;

use regex::Regex;

use super::{Outcome, OutcomeKind, Span};

/// The verdict, in lowercase text: group 1 is the phrase, group 2 its negation.
static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:is|are|was|were)\s+((not\s*)?medically\s+necessary(?:\s+and\s+appropriate)?)(?-u:\b)",
    )
    .expect("verdict regex")
});
/// What precedes the request in a numbered sentence (lowercase).
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:[0-9]{1,2}[.)]\s*)?(?:maximus\s+federal\s+services,?\s+inc\.?\s+has\s+determined\s+)?(?:regarding\s+)?(?:the\s+request(?:ed)?\s+(?:for\s+)?)?(?:(?:a|an|the)\s+)?",
    )
    .expect("lead regex")
});

/// The outcome the sentence at `span` states, if it states one.
pub fn outcome(text: &str, span: &Span) -> Option<Outcome> {
    let lower = text[span.clone()].to_ascii_lowercase();
    let c = VERDICT.captures(&lower)?;
    let phrase = c.get(1)?;
    Some(Outcome {
        kind: if c.get(2).is_some() {
            OutcomeKind::Upheld
        } else {
            OutcomeKind::Overturned
        },
        span: span.start + phrase.start()..span.start + phrase.end(),
    })
}

/// The sentence at `span` up to the end of its verdict and the full stop after it (the
/// whole span when it has no verdict).
pub fn sentence(text: &str, span: &Span) -> Span {
    match outcome(text, span) {
        Some(o) => {
            let end = if text[o.span.end..span.end].starts_with('.') {
                o.span.end + 1
            } else {
                o.span.end
            };
            span.start..end
        }
        None => span.start..span.start + text[span.clone()].trim_end().len(),
    }
}

/// The request a numbered sentence (or a `1) Regarding the request for X:` heading) names:
/// after its number and lead words, before its verdict or its closing colon.
pub fn request(text: &str, span: &Span, outcome: Option<&Outcome>) -> Span {
    let s = &text[span.clone()];
    let lower = s.to_ascii_lowercase();
    let start = LEAD.find(&lower).map_or(0, |m| m.end());
    let end = match outcome {
        Some(o) => {
            // Back over the copula before the verdict phrase.
            let before = text[span.start..o.span.start].trim_end();
            before.rfind(char::is_whitespace).unwrap_or(before.len())
        }
        None => s.trim_end().trim_end_matches([':', '.']).len(),
    };
    let end = end.max(start);
    let trimmed = s[start..end].trim_end().len();
    span.start + start..span.start + start + trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (Option<OutcomeKind>, &str, &str) {
        let span = 0..s.len();
        let o = outcome(s, &span);
        let r = request(s, &span, o.as_ref());
        (o.as_ref().map(|o| o.kind), &s[r], &s[sentence(s, &span)])
    }

    #[test]
    fn each_older_form() {
        assert_eq!(
            read("1. Tramadol 50mg #120 is not medically necessary and appropriate."),
            (
                Some(OutcomeKind::Upheld),
                "Tramadol 50mg #120",
                "1. Tramadol 50mg #120 is not medically necessary and appropriate."
            )
        );
        assert_eq!(
            read(
                "2) The request for a repeat MRI of the right knee is medically\nnecessary and appropriate.\nPage 1"
            ),
            (
                Some(OutcomeKind::Overturned),
                "repeat MRI of the right knee",
                "2) The request for a repeat MRI of the right knee is medically\nnecessary and appropriate."
            )
        );
        assert_eq!(
            read(
                "2) MAXIMUS Federal Services, Inc. has determined the request for a lumbar support brace is\nnotmedically necessary and appropriate."
            ),
            (
                Some(OutcomeKind::Upheld),
                "lumbar support brace",
                "2) MAXIMUS Federal Services, Inc. has determined the request for a lumbar support brace is\nnotmedically necessary and appropriate."
            )
        );
        assert_eq!(
            read("1) Regarding the request for Norco 10/325mg #90:"),
            (
                None,
                "Norco 10/325mg #90",
                "1) Regarding the request for Norco 10/325mg #90:"
            )
        );
    }
}
