//! Pages a rationale cites: "As noted on page 80 of the MTUS Chronic Pain Medical Treatment
//! Guidelines", "pages 7 and 8 of the MTUS", "ACOEM Chapter 15, page 402", "page 48 of the
//! ACOEM Practice Guidelines", each with the book it points into.

use std::sync::LazyLock;

use regex::Regex;

use crate::letter::{GuidelineSource, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct CitedPage {
    pub page: u32,
    pub span: Span,
    pub book: GuidelineSource,
}

static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpages?\s+(\d{1,3}(?:\s*(?:,|and|&|-|–|to)\s*\d{1,3})*)\b")
        .expect("pages regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,3}").expect("number regex"));
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^[\s,]*(?:of|in)\s+(?:the\s+)?([^.;]*)").expect("after regex")
});
static BEFORE_ACOEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ACOEM(?:\s+Practice\s+Guidelines)?(?:\s*,)?\s*(?:Chapter\s+(\d+))?\s*,?\s*$")
        .expect("before regex")
});
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)chapter\s+(\d+)").expect("chapter regex"));

/// The pages cited in `span` of `text`.
pub fn cited(text: &str, span: &Span) -> Vec<CitedPage> {
    let s = &text[span.clone()];
    let mut out = Vec::new();
    for c in PAGES.captures_iter(s) {
        let (Some(whole), Some(list)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let book = book(&s[..whole.start()], &s[whole.end()..]);
        for n in NUMBER.find_iter(list.as_str()) {
            if let Ok(page) = n.as_str().parse() {
                let start = span.start + list.start() + n.start();
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

fn book(before: &str, after: &str) -> GuidelineSource {
    let mut cut = before.len().saturating_sub(60);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let tail = &before[cut..];
    if let Some(c) = BEFORE_ACOEM.captures(tail) {
        return GuidelineSource::Acoem(c.get(1).and_then(|m| m.as_str().parse().ok()));
    }
    if let Some(ctx) = AFTER.captures(after).and_then(|c| c.get(1)) {
        let ctx = ctx.as_str();
        let ctx = &ctx[..ctx.char_indices().nth(80).map_or(ctx.len(), |(i, _)| i)];
        if ctx.contains("ACOEM") {
            let chapter = CHAPTER
                .captures(ctx)
                .and_then(|c| c.get(1)?.as_str().parse().ok());
            return GuidelineSource::Acoem(chapter);
        }
        if ctx.contains("ODG") || ctx.contains("Official Disability") {
            return GuidelineSource::NonMtus;
        }
    }
    GuidelineSource::ChronicPain
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
}
