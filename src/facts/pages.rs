//! Pages a rationale cites: "As noted on page 80 of the MTUS Chronic Pain Medical Treatment
//! Guidelines", "pages 7 and 8 of the MTUS", "ACOEM Chapter 15, page 402", "page 48 of the
//! ACOEM Practice Guidelines", each with the book it points into.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::scan;
use crate::letter::{GuidelineSource, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct CitedPage {
    pub page: u32,
    pub span: Span,
    pub book: GuidelineSource,
}

// The patterns match lowercased copies of the text (same offsets): case-insensitive
// patterns cost far more to compile.
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)pages?\s+(?:[0-9]{1,3}(?:\s*(?:,|and|&|-|–|to)\s*[0-9]{1,3})*)(?-u:\b)")
        .expect("pages regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{1,3}").expect("number regex"));
static AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,]*(?:of|in)\s+(?:the\s+)?([^.;]*)").expect("after regex"));
static BEFORE_ACOEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"acoem(?:\s+practice\s+guidelines)?(?:\s*,)?\s*(?:chapter\s+([0-9]+))?\s*,?\s*$")
        .expect("before regex")
});
/// `chapter 12` (lowercase).
pub(crate) static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"chapter\s+([0-9]+)").expect("chapter regex"));

/// The pages cited in `span` of `text`.
pub fn cited(text: &str, span: &Span) -> Vec<CitedPage> {
    let s = &text[span.clone()];
    let lower = s.to_ascii_lowercase();
    let mut out = Vec::new();
    for whole in PAGES.find_iter(&lower) {
        // The list of numbers follows `page` or `pages` and whitespace (a search without
        // groups: the pattern's own group would cost a capture pass per citation).
        let word = whole.start() + 4;
        let word = word + usize::from(lower.as_bytes().get(word) == Some(&b's'));
        let list = scan::spaces(&lower, word)..whole.end();
        let book = book(&s[..whole.start()], &s[whole.end()..]);
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

/// The book a page citation points into, from the words just before and after it. Only
/// short windows are searched: the capture engines are costly on long haystacks.
fn book(before: &str, after: &str) -> GuidelineSource {
    let tail = window(before, 60, true).to_ascii_lowercase();
    let after = window(after, 120, false);
    if tail.contains("acoem")
        && let Some(c) = BEFORE_ACOEM.captures(&tail)
    {
        return GuidelineSource::Acoem(c.get(1).and_then(|m| m.as_str().parse().ok()));
    }
    // Most citations name neither book: then there is nothing to look for after the page.
    let named = ["ACOEM", "ODG", "Official Disability"];
    if named.iter().any(|n| after.contains(n))
        && let Some(ctx) = AFTER
            .captures(&after.to_ascii_lowercase())
            .and_then(|c| c.get(1))
    {
        let ctx = window(&after[ctx.range()], 80, false);
        if ctx.contains("ACOEM") {
            let chapter = CHAPTER
                .captures(&ctx.to_ascii_lowercase())
                .and_then(|c| c.get(1)?.as_str().parse().ok());
            return GuidelineSource::Acoem(chapter);
        }
        if ctx.contains("ODG") || ctx.contains("Official Disability") {
            return GuidelineSource::NonMtus;
        }
    }
    GuidelineSource::ChronicPain
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PAGES);
    LazyLock::force(&NUMBER);
    LazyLock::force(&AFTER);
    LazyLock::force(&BEFORE_ACOEM);
    LazyLock::force(&CHAPTER);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(s: &str) -> Vec<(u32, GuidelineSource)> {
        cited(s, &(0..s.len()))
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
            let got: Vec<_> = cited(&text, &(0..text.len())).into_iter().map(|c| c.span).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
