//! Byte-level steps for the hand-written scanners of requests and dates: what a regex's
//! `[0-9]+`, `\s*` and ASCII `\b` match, from a place in a text.
//!
//! The fact finders run on every item of every letter, and the patterns they used to be
//! (a strength, a quantity, a date) cost a lazy DFA pass forward, one back and a backtracking
//! pass for the groups, per match. Their grammar is simple enough that one reading forward
//! finds the same matches (or, for long dates, which a pattern still finds fastest, reads
//! the groups); each scanner's tests compare it with the pattern it replaces.

/// The end of the run of ASCII digits at `i` (`i` itself when there is none).
pub fn digits(b: &[u8], i: usize) -> usize {
    i + b.get(i..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// The start of the run of ASCII digits that ends at `end`, looking back at most `most`
/// bytes (so a run longer than `most` reads as `most` long).
pub fn digits_before(b: &[u8], end: usize, most: usize) -> usize {
    end - b[..end]
        .iter()
        .rev()
        .take(most)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Whether a match may start at `start` after a pattern's `(?:^|[^0-9...])`: the text
/// starts there and so did the search, or the character before it is neither a digit nor
/// one of `also`, and starts at or after `from`, where the search did.
pub fn delimited(s: &str, from: usize, start: usize, also: &[char]) -> bool {
    match s[..start].chars().next_back() {
        None => from == 0,
        Some(c) => !c.is_ascii_digit() && !also.contains(&c) && start - c.len_utf8() >= from,
    }
}

/// The end of a number at `i`: `[0-9]+(?:\.[0-9]+)?`, longest.
pub fn number(b: &[u8], i: usize) -> Option<usize> {
    let end = digits(b, i);
    if end == i {
        return None;
    }
    let fraction = digits(b, end + 1);
    Some(if b.get(end) == Some(&b'.') && fraction > end + 1 {
        fraction
    } else {
        end
    })
}

/// The end of the whitespace at `i`: what `\s*` matches (Unicode `White_Space`, the same
/// set as [`char::is_whitespace`]). `i` is on a character boundary.
pub fn spaces(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if !is_space(c) {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Where the whitespace that ends at `end` begins: `\s*` read backwards.
pub fn spaces_before(s: &str, mut end: usize) -> usize {
    let b = s.as_bytes();
    while end > 0 {
        let c = b[end - 1];
        if c < 0x80 {
            if !is_space(c) {
                break;
            }
            end -= 1;
        } else {
            match s[..end].chars().next_back() {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

/// `range` of `s` without the whitespace around it (what `str::trim` leaves). Inlined: the
/// normaliser trims every line with it (a call cost 4M instructions on 500 letters).
#[inline(always)]
pub fn trim(s: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    // Most texts (lines, sentences) are empty or open with a visible ASCII character after
    // ASCII spaces and end in one or in ASCII spaces: no character to decode.
    let b = &s.as_bytes()[range.clone()];
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    if lead == b.len() {
        return range.start..range.start;
    }
    let end = b.len() - b.iter().rev().take_while(|&&c| c == b' ').count();
    if b[lead].is_ascii_graphic() && b[end - 1].is_ascii_graphic() {
        return range.start + lead..range.start + end;
    }
    let text = &s[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let trail = text.trim_end().len();
    range.start + lead..range.start + trail.max(lead)
}

/// ASCII whitespace as a regex's `\s` reads it (space, tab, newline, vertical tab, form
/// feed, carriage return).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Whether the byte at `i` is an ASCII word character (`[0-9A-Za-z_]`); out of range is not.
pub fn is_word(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| super::simd::is_word(*c))
}

/// The end of the run of ASCII word characters at `i` (`i` itself when there is none).
pub fn word_end(b: &[u8], i: usize) -> usize {
    i + b.get(i..).map_or(0, |rest| {
        rest.iter()
            .take_while(|c| super::simd::is_word(**c))
            .count()
    })
}

/// Whether an ASCII `\b` stands before the word character at `i`.
pub fn word_start(b: &[u8], i: usize) -> bool {
    i == 0 || !is_word(b, i - 1)
}

/// The end of a match of `(?:[^a-z]|$)` at `i`: the next character when it is not a
/// lowercase ASCII letter, nothing at the end of the text.
pub fn not_lowercase(s: &str, i: usize) -> Option<usize> {
    match s.get(i..)?.chars().next() {
        None => Some(i),
        Some(c) if c.is_ascii_lowercase() => None,
        Some(c) => Some(i + c.len_utf8()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        assert_eq!(digits(b"x123y", 1), 4);
        assert_eq!(digits(b"x", 5), 5);
        assert_eq!(digits_before(b"x123", 4, 3), 1);
        assert_eq!(digits_before(b"x123", 4, 2), 2);
        assert!(delimited("5/10", 0, 0, &['/']) && !delimited("5/10", 1, 0, &['/']));
        assert!(delimited("a 5", 1, 2, &[]) && !delimited("a 5", 2, 2, &[]));
        assert!(!delimited("/5", 0, 1, &['/']) && !delimited("45", 0, 1, &[]));
        assert_eq!(number(b"10.5mg", 0), Some(4));
        assert_eq!(number(b"10.mg", 0), Some(2));
        assert_eq!(number(b"mg", 0), None);
        assert_eq!(spaces("a \t\u{a0}\u{2009}b", 1), 1 + 2 + 2 + 3);
        assert_eq!(spaces("a\u{e9}", 1), 1);
        assert_eq!(spaces_before("a \u{a0}\n", 5), 1);
        assert_eq!(spaces_before("ab", 2), 2);
        assert!(word_start(b"a 1", 2) && !word_start(b"a1", 1) && word_start(b"1", 0));
        assert_eq!(not_lowercase("mg", 2), Some(2));
        assert_eq!(not_lowercase("mg\u{e9}", 2), Some(4));
        assert_eq!(not_lowercase("mgs", 2), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, failure_persistence: None, ..Default::default() })]

        /// Trimming and the whitespace before a place read as `str::trim_end` and
        /// `str::trim` do.
        #[test]
        fn trims_as_str_does(pieces in proptest::collection::vec(proptest::sample::select(vec![
            " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2009}", "\u{85}", "a", "\u{e9}", ".",
        ]), 0..12), cut in 0usize..40) {
            let s: String = pieces.concat();
            let mut end = cut.min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            proptest::prop_assert_eq!(spaces_before(&s, end), s[..end].trim_end().len());
            let r = trim(&s, 0..end);
            proptest::prop_assert_eq!(&s[r], s[..end].trim());
        }
    }
}
