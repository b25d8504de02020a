//! Facts extracted from a parsed letter: determinations, cited pages, dates, pain scores,
//! drug identities and doses. Checks read facts; they do not re-parse text.

pub mod assertion;
pub mod determination;
pub mod dose;
pub mod json;
pub mod negation;
pub mod pages;
pub mod pain;
pub mod sentences;

use crate::letter::{Document, GuidelineSource, Item, Span, dates};
use crate::rules::taxonomy::Mention;
use crate::rules::{RuleSet, Topic};

/// What one item says, beyond its parse.
#[derive(Debug, Clone)]
pub struct ItemFacts<'r> {
    /// The drug the item requests, when the taxonomy knows it.
    pub drug: Option<Mention>,
    /// The request is a topical product (a cream, a compound...): a topical analgesic,
    /// not a member of its ingredients' oral classes.
    pub topical: bool,
    /// The sentences of the rationale.
    pub rationale_sentences: Vec<Span>,
    pub determination: determination::Determination,
    pub cited_pages: Vec<pages::CitedPage>,
    pub dates: Vec<dates::DateMention>,
    pub pain: Vec<pain::PainScore>,
    /// The guideline topics each citation of the guideline line names in its book,
    /// citation by citation.
    pub topics: Vec<Vec<&'r Topic>>,
}

/// The facts of a letter, read with a rule set's lists (`'r`).
#[derive(Debug, Clone)]
pub struct Facts<'r> {
    /// Every drug the letter names, in text order.
    pub mentions: Vec<Mention>,
    pub items: Vec<ItemFacts<'r>>,
    pub summary_sentences: Vec<Span>,
    pub summary_dates: Vec<dates::DateMention>,
    pub summary_pain: Vec<pain::PainScore>,
}

/// Compiles the fact finders' patterns ahead of use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    pages::warm();
}

impl<'r> Facts<'r> {
    pub fn new(doc: &Document, rules: &'r RuleSet) -> Facts<'r> {
        let text = doc.clean.text();
        let empty = 0..0;
        let summary = doc.letter.case_summary.as_ref().unwrap_or(&empty);
        let mentions = rules.taxonomy.mentions(text, &(0..text.len()));
        let items = doc
            .letter
            .items
            .iter()
            .map(|i| item(text, i, rules, &mentions))
            .collect();
        Facts {
            items,
            mentions,
            summary_sentences: sentences::split(text, summary),
            summary_dates: dates::find(text, summary),
            summary_pain: pain::find(text, summary),
        }
    }

    /// The drugs named within `span`.
    pub fn mentions_in(&self, span: &Span) -> &[Mention] {
        within(&self.mentions, span)
    }
}

/// The mentions lying wholly within `span` (mentions are in text order).
fn within<'m>(mentions: &'m [Mention], span: &Span) -> &'m [Mention] {
    let start = mentions.partition_point(|m| m.span.start < span.start);
    let end = start + mentions[start..].partition_point(|m| m.span.end <= span.end);
    &mentions[start..end]
}

fn item<'r>(text: &str, item: &Item, rules: &'r RuleSet, mentions: &[Mention]) -> ItemFacts<'r> {
    let empty = item.header.end..item.header.end;
    let rationale = item.rationale.as_ref().unwrap_or(&empty);
    let drug = within(mentions, &item.request.name)
        .first()
        .or_else(|| within(mentions, &item.request.span).first())
        .cloned();
    let rationale_sentences = sentences::split(text, rationale);
    ItemFacts {
        drug,
        topical: rules
            .phrases
            .topical
            .is_match(&text[item.request.span.clone()]),
        determination: determination::determine(text, &rationale_sentences, rules),
        rationale_sentences,
        cited_pages: pages::cited(text, rationale, guideline_book(item)),
        dates: dates::find(text, rationale),
        pain: pain::find(text, rationale),
        topics: item
            .guideline
            .iter()
            .flat_map(|g| &g.citations)
            .map(|c| rules.topics.find(&text[c.topic.clone()], c.source))
            .collect(),
    }
}

/// The MTUS book the item's guideline line cites, when it cites one only (the book a
/// rationale's page is in when its sentence names none); else the Chronic Pain guidelines.
fn guideline_book(item: &Item) -> GuidelineSource {
    let mut books = item
        .guideline
        .iter()
        .flat_map(|g| &g.citations)
        .map(|c| c.source)
        .filter(|b| *b != GuidelineSource::NonMtus);
    match books.next() {
        Some(first) if books.all(|b| b == first) => first,
        _ => GuidelineSource::ChronicPain,
    }
}
