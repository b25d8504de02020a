//! Citation: a page the rationale cites must be listed on the `MAXIMUS guideline:` line.
//!
//! The guideline line says what the reviewer relied on (`... Muscle Relaxants Page(s):
//! 63-66.`); the rationale then quotes pages ("As noted on page 80 of the MTUS Chronic Pain
//! Medical Treatment Guidelines"). Pages are compared within one book only: MTUS Chronic
//! Pain Medical Treatment Guidelines pages against its citations, ACOEM chapter pages
//! against ACOEM citations (chapter 3 page 48 is not Chronic Pain page 48); Non-MTUS
//! sources are not compared. A cited page belongs to the book it is said to be a page of
//! ("page 80 of the MTUS Chronic Pain ..."), else to the book named nearest before it in its
//! sentence ("the ACOEM Guidelines in Chapter 12, page 301"), else to the book of the
//! guideline line when that line cites one book only. A page cited in the rationale but absent from every citation
//! of its book is reported once per item, labelling the cited page and the guideline line.
//! A line with an empty `Page(s):` is left to `empty-pages`.
//! Placeholders: `{page}`, `{book}`, `{listed}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::letter::{Citation, GuidelineSource};
use crate::rules::Rule;

pub const VARS: &[&str] = &["page", "book", "listed"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

/// `7, 64, 63` (or `none`) for the pages of citations.
pub fn listed(ctx: &Ctx<'_>, citations: &[&Citation]) -> String {
    let pages: Vec<String> = citations
        .iter()
        .flat_map(|c| c.pages.iter().map(|p| ctx.words(&p.span)))
        .collect();
    if pages.is_empty() { "no pages".into() } else { pages.join(", ") }
}

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(g) = &item.guideline else { continue };
        let mut reported = Vec::new();
        for cited in &ctx.facts.items[i].cited_pages {
            if cited.book == GuidelineSource::NonMtus || reported.contains(&(cited.page, cited.book)) {
                continue;
            }
            let same: Vec<&Citation> = g.citations.iter().filter(|c| c.source.same_book(cited.book)).collect();
            let empty_label = same.iter().any(|c| c.page_label.is_some() && c.pages.is_empty());
            if empty_label || same.iter().any(|c| c.lists(cited.page)) {
                continue;
            }
            reported.push((cited.page, cited.book));
            let listed = listed(ctx, &same);
            let target = same
                .iter()
                .rev()
                .find_map(|c| c.pages.last().map(|p| p.span.clone()).or_else(|| c.page_label.clone()))
                .unwrap_or_else(|| g.span.clone());
            ctx.finding(rule, Some(i))
                .var("page", cited.page.to_string())
                .var("book", cited.book.describe())
                .var("listed", listed.clone())
                .label(&cited.span, format!("page {} cited here", cited.page))
                .label(&target, format!("the guideline line lists {listed}"))
                .emit(out);
        }
    }
}
