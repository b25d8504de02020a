//! Sentence boundaries in prose, tolerant of extraction joins such as `2014.In a`.

use crate::letter::Span;
use crate::text::scan;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 10] = [
    "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "no", "st", "p.r.n",
];

/// The sentences of `span` in `text`, trimmed.
pub fn split(text: &str, span: &Span) -> Vec<Span> {
    let s = &text[span.clone()];
    // Sentences run to more than 64 bytes, so this seldom grows.
    let mut out = Vec::with_capacity(s.len() / 64 + 1);
    let mut start = 0;
    for stop in memchr::memchr3_iter(b'.', b'!', b'?', s.as_bytes()) {
        if !ends_sentence(&s[stop + 1..]) {
            continue;
        }
        if abbreviation(&s[..stop]) {
            continue;
        }
        let end = stop + 1 + usize::from(s[stop + 1..].starts_with(['"', '\'']));
        push(&mut out, s, start..end, span.start);
        start = end;
    }
    push(&mut out, s, start..s.len(), span.start);
    out
}

/// Whether what follows a full stop (or ! ?) ends the sentence: an optional closing quote,
/// then whitespace and a capital, an opening quote or a digit; or a capitalised word glued
/// straight on (`2003.In`).
fn ends_sentence(after: &str) -> bool {
    let after = after.strip_prefix(['"', '\'', '\u{201d}']).unwrap_or(after);
    let rest = after.trim_start();
    if rest.len() < after.len() {
        let rest = rest.strip_prefix(['"', '\u{201c}']).unwrap_or(rest);
        return rest.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit());
    }
    let mut chars = after.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
}

/// Whether the last word of `before` (after its last whitespace) is an abbreviation.
fn abbreviation(before: &str) -> bool {
    // Every abbreviation is shorter than six bytes: a longer ASCII word is told apart
    // without reading further back.
    let b = before.as_bytes();
    let tail = &b[b.len().saturating_sub(6)..];
    if tail.len() == 6 && tail.iter().all(|c| c.is_ascii_graphic()) {
        return false;
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn push(out: &mut Vec<Span>, s: &str, r: std::ops::Range<usize>, base: usize) {
    let r = scan::trim(s, r);
    if !r.is_empty() {
        out.push(base + r.start..base + r.end);
    }
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

    /// The pattern the scan stands for, as a regex.
    const END: &str = r#"[.!?]["'\u{201d}]?(?:\s+["\u{201c}]?[A-Z0-9]|[A-Z][a-z])"#;

    proptest::proptest! {
        #[test]
        fn stops_end_sentences_where_the_pattern_matches(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                ".", "!", "?", " ", "\n", "\u{a0}", "\"", "'", "\u{201c}", "\u{201d}", "A", "In",
                "a", "7", "Dr", "é", "x.y",
            ]), 0..24)
        ) {
            let s: String = pieces.concat();
            let re = regex::Regex::new(END).unwrap();
            let expected: Vec<usize> = re
                .find_iter(&s)
                .map(|m| m.start())
                .collect();
            let found: Vec<usize> = memchr::memchr3_iter(b'.', b'!', b'?', s.as_bytes())
                .filter(|&i| ends_sentence(&s[i + 1..]))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
