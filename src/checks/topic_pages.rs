//! Topic pages: a page listed for a guideline topic must be one of that topic's pages.
//!
//! The rule set's `topics:` index gives, per book, each topic's names and pages (Muscle
//! Relaxants: Chronic Pain pages 63-66; When to Continue Opioids: 80; ACOEM Chapter 15:
//! 402...). A citation whose topic text names known topics, and that lists a page none of
//! them covers, points the reader at the wrong page. Pages in `params.general_pages` (the
//! introduction and the functional-restoration principles, which every topic relies on)
//! are accepted with any topic. Both ends of a listed range are checked.
//! Placeholders: `{page}`, `{topic}`, `{pages}`.

use serde::Deserialize;

use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["page", "topic", "pages"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    general_pages: Vec<u32>,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<Params, String> {
        params(v)
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let Some(g) = &item.guideline else { continue };
        for (c, topics) in g.citations.iter().zip(&ctx.facts.items[i].topics) {
            if topics.is_empty() {
                continue;
            }
            for range in &c.pages {
                let Some(page) = [range.first, range.last]
                    .into_iter()
                    .find(|&n| !p.general_pages.contains(&n) && !topics.iter().any(|t| t.lists(n)))
                else {
                    continue;
                };
                let names: Vec<&str> = topics.iter().map(|t| t.name.as_str()).collect();
                let pages: Vec<String> = topics.iter().map(|t| t.pages_display()).collect();
                ctx.finding(rule, Some(i))
                    .var("page", page.to_string())
                    .var("topic", names.join(" / "))
                    .var("pages", pages.join("; "))
                    .label(&range.span, format!("page {page} is not a page of {}", names.join(" / ")))
                    .label(&c.topic, format!("topic: pages {}", pages.join("; ")))
                    .emit(out);
            }
        }
    }
}
