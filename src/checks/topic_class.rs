//! Topic class: the guideline topic must decide the kind of treatment the item requests.
//!
//! Topics in the rule set may name the drug classes they govern (Opioids: opioid;
//! Antidepressants for chronic pain: antidepressant; Muscle Relaxants: muscle relaxant).
//! When the item's drug is known to the taxonomy and every class-bearing topic its
//! `MAXIMUS guideline:` line names governs other classes (an antidepressant decided under
//! "Opioids"), the determination rests on the wrong guideline. General topics (Introduction,
//! Functional Restoration Approach) name no classes and never trigger this. A topical
//! product (a cream, a compound: the rule set's `topical` words in the request) is of the
//! topical analgesic class whatever its ingredients, so a gabapentin cream fits "Topical
//! Analgesics" and not "Antiepilepsy drugs".
//! Placeholders: `{drug}`, `{topic}`, `{classes}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["drug", "topic", "classes"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let tax = &ctx.rules.taxonomy;
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let (Some(g), Some(drug)) = (&item.guideline, &ctx.facts.items[i].drug) else { continue };
        let mut misfit = None;
        let mut fits = false;
        for (c, topics) in g.citations.iter().zip(&ctx.facts.items[i].topics) {
            for &t in topics {
                if t.classes.is_empty() {
                    continue;
                }
                if ctx.item_is_any(i, drug, &t.classes) {
                    fits = true;
                } else if misfit.is_none() {
                    misfit = Some((t, c.topic.clone()));
                }
            }
        }
        let Some((topic, span)) = misfit.filter(|_| !fits) else { continue };
        let generic = tax.generic(drug.drug).to_string();
        ctx.finding(rule, Some(i))
            .var("drug", generic.clone())
            .var("topic", topic.name.clone())
            .var("classes", topic.classes.join(", "))
            .label(&span, format!("{} governs {}", topic.name, topic.classes.join(", ")))
            .label(&drug.span, format!("{generic} is not one of them"))
            .emit(out);
    }
}
