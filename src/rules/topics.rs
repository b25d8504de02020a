//! The guideline topic index: topic names and aliases, the book they belong to, the pages
//! the rule set knows for them, and the drug classes they decide.

use std::collections::HashMap;

use crate::letter::GuidelineSource;
use crate::rules::{PhraseSet, TooLarge};

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub guideline: GuidelineSource,
    /// Inclusive page ranges.
    pub pages: Vec<(u32, u32)>,
    pub classes: Vec<String>,
    /// The name and its aliases.
    names: Vec<String>,
}

impl Topic {
    pub fn new(
        name: String,
        guideline: GuidelineSource,
        aliases: &[String],
        pages: Vec<(u32, u32)>,
        classes: Vec<String>,
    ) -> Topic {
        let names = std::iter::once(name.clone())
            .chain(aliases.iter().cloned())
            .collect();
        Topic {
            names,
            name,
            guideline,
            pages,
            classes,
        }
    }

    pub fn lists(&self, page: u32) -> bool {
        self.pages.iter().any(|&(a, b)| (a..=b).contains(&page))
    }

    /// `63-66, 80` for messages.
    pub fn pages_display(&self) -> String {
        self.pages
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every topic, found by one search over all names.
#[derive(Debug, Clone, Default)]
pub struct TopicIndex {
    topics: Vec<Topic>,
    /// Matches any topic name, longest first, anywhere (even inside words).
    names: Option<PhraseSet>,
    /// Each name (lowercase, single-spaced) with the topics that bear it, as `names` lists them.
    by_name: Vec<(String, Vec<usize>)>,
}

/// A name as the index keys it: lowercase, single-spaced.
fn key(name: &str) -> String {
    crate::text::collapse(name).to_lowercase()
}

impl TopicIndex {
    pub fn new(topics: Vec<Topic>) -> Result<TopicIndex, TooLarge> {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in topics.iter().enumerate() {
            for n in &t.names {
                index.entry(key(n)).or_default().push(i);
            }
        }
        let mut by_name: Vec<(String, Vec<usize>)> = index.into_iter().collect();
        by_name.sort();
        let all: Vec<String> = by_name.iter().map(|(n, _)| n.clone()).collect();
        Ok(TopicIndex {
            names: Some(PhraseSet::substrings(&all)?),
            topics,
            by_name,
        })
    }

    /// Builds the name matcher now rather than at first use.
    pub fn warm(&self) {
        self.names.iter().for_each(PhraseSet::warm);
    }

    /// The topics a citation's topic text names in a book, in text order. At each place
    /// the longest name wins (`When to Continue Opioids` over `Opioids`).
    pub fn find(&self, text: &str, book: GuidelineSource) -> Vec<&Topic> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let mut out: Vec<&Topic> = Vec::new();
        for found in names.iter(text) {
            for &i in &self.by_name[found.phrase].1 {
                let t = &self.topics[i];
                if t.guideline.same_book(book) && !out.iter().any(|o| std::ptr::eq(*o, t)) {
                    out.push(t);
                }
            }
        }
        out
    }
}
