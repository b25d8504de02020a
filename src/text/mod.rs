//! Text helpers every stage may use: whitespace collapsed, a search in any ASCII case,
//! the byte scanners of the hand-written fact finders, and bytes classified sixteen at a
//! time. They know nothing of letters or rules (the standard library and `memchr` only).

pub mod scan;
pub(crate) mod simd;

/// Whitespace runs collapsed to one space, the ends trimmed.
pub fn collapse(s: &str) -> String {
    if collapsed(s) {
        return s.to_owned();
    }
    spaced_once(s)
}

/// [`collapse`] of a string the caller owns: kept as it is when it is collapsed already
/// (most messages are), without a copy.
pub fn collapse_owned(s: String) -> String {
    if collapsed(&s) { s } else { spaced_once(&s) }
}

/// Whether a string is collapsed already, told quickly: single spaces and no other
/// whitespace, none at either end (for ASCII text, one pass over the bytes; other text, a
/// message with `×` or `é`, has its characters read).
fn collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if !s.is_ascii() {
        return !s.contains("  ") && s.chars().all(|c| c == ' ' || !c.is_whitespace());
    }
    // Eight bytes at a time (the last few padded with a letter): no control whitespace
    // (tab to carriage return), and no space after a space, within a word or across two.
    let mut space_before = 0;
    let mut ok = |w: u64| {
        let spaces = simd::ascii_within8(w, b' ', b' ');
        let doubled = spaces & (spaces << 8 | space_before);
        space_before = spaces >> 56;
        simd::ascii_within8(w, b'\t', b'\r') == 0 && doubled == 0
    };
    let mut words = b.chunks_exact(8);
    words.by_ref().all(|c| ok(simd::word8(c, 0))) && ok(simd::word8(words.remainder(), b'x'))
}

/// The words of a string joined by single spaces.
fn spaced_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The index of `needle` in `haystack`, ignoring ASCII case.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let last = h.len().checked_sub(n.len())?;
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &h[..=last],
    )
    .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_joins_words_with_one_space() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a b",
            "a b ",
            "a\tb",
            "a\nb",
            "a\r\n b",
            "a\u{a0}b",
            "caf\u{e9} au lait",
            "a\u{2009} b",
            "10 mg \u{d7} 1.8 = 18 MED",
            "\u{d7} a",
            "a \u{d7}",
            "a \u{85}b",
            "\u{3000}a\u{e9}",
            "\u{e9}  a",
            "abcdefg  hij",
            "abc  defghijk",
            "abcdefghijklmno\tp",
            "abcdefghijklmn\r\np",
            "abcdefgh  ij",
            "abcdefg \u{b}hijklmnop q",
            "one two three four five six seven",
        ] {
            let words: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(collapse(s), words.join(" "), "{s:?}");
            assert_eq!(collapse_owned(s.to_string()), words.join(" "), "{s:?}");
        }
    }

    proptest::proptest! {
        /// A string is told collapsed exactly when collapsing leaves it as it is, whatever
        /// its whitespace falls on in the eight-byte words.
        #[test]
        fn collapsed_is_what_collapsing_keeps(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "a", "bc", "defgh", "\u{a0}",
                "\u{e9}", "-",
            ]), 0..30)
        ) {
            let s: String = pieces.concat();
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(collapsed(&s), words.join(" ") == s);
        }
    }
}
