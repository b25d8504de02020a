//! Facts extracted from a parsed letter: requests, determinations, pages, dates, pain
//! scores, drug identities and doses. Checks read facts; they do not re-parse text.

pub mod dates;
pub mod determination;
pub mod dose;
pub mod negation;
pub mod pages;
pub mod pain;
pub mod request;
pub mod sentences;

use crate::letter::{Document, Item};
use crate::rules::RuleSet;
use crate::rules::taxonomy::Mention;

/// What one item says, beyond its parse.
#[derive(Debug, Clone)]
pub struct ItemFacts {
    /// The drug the item requests, when the taxonomy knows it.
    pub drug: Option<Mention>,
    pub determination: determination::Determination,
    pub cited_pages: Vec<pages::CitedPage>,
    pub dates: Vec<dates::DateMention>,
    pub pain: Vec<pain::PainScore>,
}

/// The facts of a letter.
#[derive(Debug, Clone)]
pub struct Facts {
    pub items: Vec<ItemFacts>,
    pub summary_dates: Vec<dates::DateMention>,
    pub summary_pain: Vec<pain::PainScore>,
}

impl Facts {
    pub fn new(doc: &Document, rules: &RuleSet) -> Facts {
        let text = doc.clean.text();
        let empty = 0..0;
        let summary = doc.letter.case_summary.as_ref().unwrap_or(&empty);
        Facts {
            items: doc
                .letter
                .items
                .iter()
                .map(|i| item(text, i, rules))
                .collect(),
            summary_dates: dates::find(text, summary),
            summary_pain: pain::find(text, summary),
        }
    }
}

fn item(text: &str, item: &Item, rules: &RuleSet) -> ItemFacts {
    let empty = item.header.end..item.header.end;
    let rationale = item.rationale.as_ref().unwrap_or(&empty);
    let drug = rules
        .taxonomy
        .mentions(text, &item.request.name)
        .into_iter()
        .next()
        .or_else(|| {
            rules
                .taxonomy
                .mentions(text, &item.request.span)
                .into_iter()
                .next()
        });
    ItemFacts {
        drug,
        determination: determination::determine(text, rationale, rules),
        cited_pages: pages::cited(text, rationale),
        dates: dates::find(text, rationale),
        pain: pain::find(text, rationale),
    }
}
