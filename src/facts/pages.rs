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
/// "of the ..." or "in ..." right after a page list, up to the sentence's end (lowercase;
/// no group: the book is looked for in the match).
static AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,]*(?:of|in)\s+[^.;]*").expect("after regex"));
/// A guideline book named in running text (lowercase): ACOEM, an ACOEM chapter, the
/// Chronic Pain guidelines, or a source outside the MTUS.
static BOOK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:acoem|chapter\s+[0-9]+|chronic\s+pain|odg|official\s+disability|non-mtus)(?-u:\b)",
    )
    .expect("book regex")
});

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
/// Only short windows are searched: the capture engines are costly on long haystacks.
fn book(before: &str, after: &str) -> Option<GuidelineSource> {
    let after = window(after, 120, false);
    let of = AFTER.find(after).and_then(|ctx| BOOK.find(ctx.as_str()));
    if let Some(m) = of {
        return Some(named(m.as_str()));
    }
    let tail = window(before, 200, true);
    let sentence = tail
        .rfind(". ")
        .or_else(|| tail.rfind(".\n"))
        .map_or(tail, |i| &tail[i + 2..]);
    BOOK.find_iter(sentence).last().map(|m| named(m.as_str()))
}

/// The book a [`BOOK`] match names.
fn named(mention: &str) -> GuidelineSource {
    match mention.as_bytes().first() {
        Some(b'a') => GuidelineSource::Acoem(None),
        Some(b'c') if mention.starts_with("chapter") => {
            GuidelineSource::Acoem(mention["chapter".len()..].trim().parse().ok())
        }
        Some(b'c') => GuidelineSource::ChronicPain,
        _ => GuidelineSource::NonMtus,
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PAGES);
    LazyLock::force(&NUMBER);
    LazyLock::force(&AFTER);
    LazyLock::force(&BOOK);
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
    }
}
