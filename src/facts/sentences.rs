//! Sentence boundaries in prose, tolerant of extraction joins such as `2014.In a`.

use std::sync::LazyLock;

use regex::Regex;

use crate::letter::Span;

/// A full stop (or ! ?) followed by space and a capital, an opening quote or a digit; or
/// glued straight onto a capitalised word (`2003.In`).
static END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?]["'\u{201d}]?(?:\s+["\u{201c}]?[A-Z0-9]|[A-Z][a-z])"#)
        .expect("sentence end regex")
});

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 10] = [
    "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "no", "st", "p.r.n",
];

/// The sentences of `span` in `text`, trimmed.
pub fn split(text: &str, span: &Span) -> Vec<Span> {
    let s = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for m in END.find_iter(s) {
        let word = s[..m.start()]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if ABBREVIATIONS.contains(&word.as_str()) {
            continue;
        }
        let end = m.start() + 1 + usize::from(s[m.start() + 1..].starts_with(['"', '\'']));
        push(&mut out, s, start..end, span.start);
        start = end;
    }
    push(&mut out, s, start..s.len(), span.start);
    out
}

fn push(out: &mut Vec<Span>, s: &str, r: std::ops::Range<usize>, base: usize) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let len = piece.trim().len();
    if len > 0 {
        out.push(base + r.start + lead..base + r.start + lead + len);
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&END);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split(s, &(0..s.len())).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_stops_and_glued_joins() {
        assert_eq!(
            sentences("It was indicated.  Therefore, the request was not\nmedically necessary."),
            [
                "It was indicated.",
                "Therefore, the request was not\nmedically necessary."
            ]
        );
        assert_eq!(
            sentences("injury of 2003.In a report"),
            ["injury of 2003.", "In a report"]
        );
        assert_eq!(
            sentences("not for p.r.n. use. Dr. Smith said"),
            ["not for p.r.n. use.", "Dr. Smith said"]
        );
        assert_eq!(sentences("MTUS 9792.20f, as of"), ["MTUS 9792.20f, as of"]);
        // A no-break space (two bytes) before the last word of a sentence.
        assert_eq!(
            sentences("was not\u{a0}indicated. Dr.\u{a0}Smith said"),
            ["was not\u{a0}indicated.", "Dr.\u{a0}Smith said"]
        );
    }
}
