//! Empty pages: a guideline citation with a `Page(s):` label and no page after it.
//!
//! `MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines ...
//! Gabapentin Page(s):.` names a topic but not where it is, so the determination cannot be
//! traced to the guideline text. The finding labels the empty list and, when the rationale
//! quotes pages, says which (they are usually the pages the list should hold).
//! Placeholders: `{cited}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["cited"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(g) = &item.guideline else { continue };
        for c in &g.citations {
            let Some(label) = c.page_label.as_ref().filter(|_| c.pages.is_empty()) else {
                continue;
            };
            let mut cited: Vec<String> = Vec::new();
            for p in &ctx.facts.items[i].cited_pages {
                if p.book.same_book(c.source) && !cited.contains(&p.page.to_string()) {
                    cited.push(p.page.to_string());
                }
            }
            let cited = if cited.is_empty() {
                "no pages".to_string()
            } else {
                format!("page{} {}", if cited.len() > 1 { "s" } else { "" }, cited.join(", "))
            };
            ctx.finding(rule, Some(i))
                .var("cited", cited.clone())
                .label(label, "no page listed after this label")
                .label_if(
                    ctx.facts.items[i].cited_pages.iter().find(|p| p.book.same_book(c.source)).map(|p| &p.span),
                    format!("the rationale cites {cited}"),
                )
                .emit(out);
        }
    }
}
