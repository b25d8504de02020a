//! Pages a rationale cites: "As noted on page 80 of the MTUS Chronic Pain Medical Treatment
//! Guidelines", "pages 7 and 8 of the MTUS", "ACOEM Chapter 15, page 402", "page 48 of the
//! ACOEM Practice Guidelines", each with the book it points into.

use std::sync::LazyLock;

use regex::Regex;

use crate::letter::{GuidelineSource, Span};
use crate::text::scan;

#[derive(Debug, Clone, PartialEq)]
pub struct CitedPage {
    pub page: u32,
    pub span: Span,
    pub book: GuidelineSource,
}

// The patterns match lowercased copies of the text (same offsets): case-insensitive
// patterns cost far more to compile.
/// A page citation, tried at each `page` that starts a word (anchored: a try that fails
/// stops at once, where a search would read on through the rest of the rationale).
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^pages?\s+(?:[0-9]{1,3}(?:\s*(?:,|and|&|-|–|to)\s*[0-9]{1,3})*)(?-u:\b)")
        .expect("pages regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{1,3}").expect("number regex"));
/// The pages cited in `span` of `text`; a page whose sentence names no book is taken to
/// be in `default` (the book of the item's guideline line).
pub fn cited(text: &str, span: &Span, default: GuidelineSource) -> Vec<CitedPage> {
    let s = &text[span.clone()];
    let lower = s.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut after_last = 0;
    for at in memchr::memmem::find_iter(lower.as_bytes(), b"page") {
        if at < after_last || scan::is_word(lower.as_bytes(), at.wrapping_sub(1)) {
            continue;
        }
        let Some(m) = PAGES.find(&lower[at..]) else {
            continue;
        };
        let whole = at..at + m.end();
        after_last = whole.end;
        // The list of numbers follows `page` or `pages` and whitespace (a search without
        // groups: the pattern's own group would cost a capture pass per citation).
        let word = whole.start + 4;
        let word = word + usize::from(lower.as_bytes().get(word) == Some(&b's'));
        let list = scan::spaces(&lower, word)..whole.end;
        let book = book(&lower[..whole.start], &lower[whole.end..]).unwrap_or(default);
        for n in NUMBER.find_iter(&lower[list.clone()]) {
            if let Ok(page) = n.as_str().parse() {
                let start = span.start + list.start + n.start();
                out.push(CitedPage {
                    page,
                    span: start..start + n.len(),
                    book,
                });
            }
        }
    }
    out
}

/// At most `n` bytes from the end (`from_end`) or the start of `s`, on a char boundary.
fn window(s: &str, n: usize, from_end: bool) -> &str {
    if from_end {
        let mut cut = s.len().saturating_sub(n);
        while !s.is_char_boundary(cut) {
            cut += 1;
        }
        &s[cut..]
    } else {
        let mut cut = n.min(s.len());
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        &s[..cut]
    }
}

/// The book a page citation points into (`before` and `after` lowercase): the book it is a
/// page of ("page 80 of the MTUS Chronic Pain ..."), else the book named nearest before it
/// in its sentence ("the ACOEM Guidelines in Chapter 12, page 301"), else `None`.
/// Only short windows are read: a page list is followed by its book or not at all.
fn book(before: &str, after: &str) -> Option<GuidelineSource> {
    let after = window(after, 120, false);
    if let Some(of) = of_clause(after)
        && let Some(m) = books(&after[of]).next()
    {
        return Some(m);
    }
    let tail = window(before, 200, true);
    let sentence = tail
        .rfind(". ")
        .or_else(|| tail.rfind(".\n"))
        .map_or(tail, |i| &tail[i + 2..]);
    books(sentence).last()
}

/// `of the ...` or `in ...` right after a page list, up to the sentence's end: what
/// `^[\s,]*(?:of|in)\s+[^.;]*` matches of `s` (lowercase).
fn of_clause(s: &str) -> Option<Span> {
    let b = s.as_bytes();
    let mut at = scan::spaces(s, 0);
    while b.get(at) == Some(&b',') {
        at = scan::spaces(s, at + 1);
    }
    if !matches!(b.get(at..at + 2), Some(b"of" | b"in")) {
        return None;
    }
    let words = scan::spaces(s, at + 2);
    if words == at + 2 {
        return None;
    }
    let end = memchr::memchr2(b'.', b';', &b[words..]).map_or(b.len(), |e| words + e);
    Some(0..end)
}

/// The guideline books named in `s` (lowercase), in order: ACOEM, an ACOEM chapter
/// (`chapter 12`), the Chronic Pain guidelines, or a source outside the MTUS (`odg`,
/// `official disability`, `non-mtus`), each a whole word (ASCII `\b` at both ends).
fn books(s: &str) -> impl Iterator<Item = GuidelineSource> + '_ {
    let b = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() {
            let start = at;
            at += 1;
            if !matches!(b[start], b'a' | b'c' | b'o' | b'n') || !scan::word_start(b, start) {
                continue;
            }
            if let Some((end, book)) = book_at(s, start) {
                at = end;
                return Some(book);
            }
        }
        None
    })
}

/// The book named by the word at `start` of `s` (lowercase), and where its name ends.
fn book_at(s: &str, start: usize) -> Option<(usize, GuidelineSource)> {
    let b = s.as_bytes();
    let rest = &b[start..];
    // `first` then whitespace and `second`: where that ends.
    let two = |first: &[u8], second: &[u8]| {
        let gap = start + first.len();
        let next = rest.starts_with(first).then(|| scan::spaces(s, gap))?;
        (next > gap && b[next..].starts_with(second)).then_some(next + second.len())
    };
    let (end, book) = if rest.starts_with(b"acoem") {
        (start + 5, GuidelineSource::Acoem(None))
    } else if rest.starts_with(b"chapter") {
        let number = scan::spaces(s, start + 7);
        let end = scan::digits(b, number);
        if number == start + 7 || end == number {
            return None;
        }
        (end, GuidelineSource::Acoem(s[number..end].parse().ok()))
    } else if let Some(end) = two(b"chronic", b"pain") {
        (end, GuidelineSource::ChronicPain)
    } else if rest.starts_with(b"odg") {
        (start + 3, GuidelineSource::NonMtus)
    } else if rest.starts_with(b"non-mtus") {
        (start + 8, GuidelineSource::NonMtus)
    } else {
        (two(b"official", b"disability")?, GuidelineSource::NonMtus)
    };
    (!scan::is_word(b, end)).then_some((end, book))
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PAGES);
    LazyLock::force(&NUMBER);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(s: &str) -> Vec<(u32, GuidelineSource)> {
        cited(s, &(0..s.len()), GuidelineSource::ChronicPain)
            .into_iter()
            .map(|c| (c.page, c.book))
            .collect()
    }

    #[test]
    fn books_and_lists() {
        use GuidelineSource::*;
        assert_eq!(
            pages("As noted on page 80 of the MTUS Chronic Pain"),
            [(80, ChronicPain)]
        );
        assert_eq!(
            pages("pages 7 and 8 of the MTUS"),
            [(7, ChronicPain), (8, ChronicPain)]
        );
        assert_eq!(
            pages("the MTUS Guideline in ACOEM Chapter 15, page 402 does"),
            [(402, Acoem(Some(15)))]
        );
        assert_eq!(
            pages("on page 48 of the ACOEM Practice Guidelines"),
            [(48, Acoem(None))]
        );
        // The book named nearest before the page, in its sentence.
        assert_eq!(
            pages("The MTUS-adopted ACOEM Guidelines in Chapter 12, page 301, state"),
            [(301, Acoem(Some(12)))]
        );
        assert_eq!(
            pages("Per the ACOEM chapter of the MTUS, Chapter 12, pages 303-304, say"),
            [(303, Acoem(Some(12))), (304, Acoem(Some(12)))]
        );
        assert_eq!(
            pages("ACOEM Chapter 12 is silent. The Chronic Pain guidelines, page 80, require"),
            [(80, ChronicPain)]
        );
        assert_eq!(
            pages("The ODG, Low Back Chapter, page 12, says"),
            [(12, NonMtus)]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, failure_persistence: None, ..Default::default() })]

        /// The cited numbers are those of the pattern's list group.
        #[test]
        fn lists_as_the_pattern(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "page", "Pages", "s", " ", "\n", "\u{a0}", "7", "80", "1234", ",", " and ", "-", "\u{2013}",
            " to ", "x", "of the MTUS",
        ]), 0..14)) {
            let text = pieces.concat();
            let lower = text.to_ascii_lowercase();
            let re = Regex::new(r"(?-u:\b)pages?\s+([0-9]{1,3}(?:\s*(?:,|and|&|-|–|to)\s*[0-9]{1,3})*)(?-u:\b)").unwrap();
            let want: Vec<_> = re
                .captures_iter(&lower)
                .flat_map(|c| {
                    let list = c.get(1).unwrap();
                    NUMBER.find_iter(list.as_str()).map(move |n| list.start() + n.start()..list.start() + n.end())
                })
                .collect();
            let got: Vec<_> = cited(&text, &(0..text.len()), GuidelineSource::ChronicPain).into_iter().map(|c| c.span).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// The book found by hand is the one the patterns it replaces find.
        #[test]
        fn books_as_the_patterns(before in words(), after in words()) {
            proptest::prop_assert_eq!(book(&before, &after), book_by_patterns(&before, &after));
        }
    }

    fn words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::sample::select(vec![
                "acoem",
                "chapter",
                "chronic",
                "pain",
                "painful",
                "odg",
                "official",
                "disability",
                "non-mtus",
                "mtus",
                "12",
                "x",
                " ",
                "  ",
                "\n",
                "\u{a0}",
                ",",
                ".",
                ". ",
                ";",
                "of",
                "in",
                "of the",
                "-",
                "_",
                "é",
                "often",
            ]),
            0..16,
        )
        .prop_map(|p| p.concat())
    }

    /// [`book`] as it was written with patterns.
    fn book_by_patterns(before: &str, after: &str) -> Option<GuidelineSource> {
        let after_re = Regex::new(r"^[\s,]*(?:of|in)\s+[^.;]*").unwrap();
        let book_re = Regex::new(
            r"(?-u:\b)(?:acoem|chapter\s+[0-9]+|chronic\s+pain|odg|official\s+disability|non-mtus)(?-u:\b)",
        )
        .unwrap();
        let named = |mention: &str| match mention.as_bytes().first() {
            Some(b'a') => GuidelineSource::Acoem(None),
            Some(b'c') if mention.starts_with("chapter") => {
                GuidelineSource::Acoem(mention["chapter".len()..].trim().parse().ok())
            }
            Some(b'c') => GuidelineSource::ChronicPain,
            _ => GuidelineSource::NonMtus,
        };
        let after = window(after, 120, false);
        let of = after_re
            .find(after)
            .and_then(|ctx| book_re.find(ctx.as_str()));
        if let Some(m) = of {
            return Some(named(m.as_str()));
        }
        let tail = window(before, 200, true);
        let sentence = tail
            .rfind(". ")
            .or_else(|| tail.rfind(".\n"))
            .map_or(tail, |i| &tail[i + 2..]);
        book_re
            .find_iter(sentence)
            .last()
            .map(|m| named(m.as_str()))
    }
}
