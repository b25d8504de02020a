//! The guideline topic index: topic names and aliases, the book they belong to, the pages
//! the rule set knows for them, and the drug classes they decide.

use crate::letter::GuidelineSource;
use crate::rules::PhraseSet;

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub guideline: GuidelineSource,
    /// Inclusive page ranges.
    pub pages: Vec<(u32, u32)>,
    pub classes: Vec<String>,
    names: PhraseSet,
}

impl Topic {
    pub fn new(
        name: String,
        guideline: GuidelineSource,
        aliases: &[String],
        pages: Vec<(u32, u32)>,
        classes: Vec<String>,
    ) -> Result<Topic, regex::Error> {
        let all: Vec<String> = std::iter::once(name.clone())
            .chain(aliases.iter().cloned())
            .collect();
        Ok(Topic {
            names: PhraseSet::substrings(&all)?,
            name,
            guideline,
            pages,
            classes,
        })
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

#[derive(Debug, Clone, Default)]
pub struct TopicIndex {
    topics: Vec<Topic>,
}

impl TopicIndex {
    pub fn new(topics: Vec<Topic>) -> TopicIndex {
        TopicIndex { topics }
    }

    /// The topics a citation's topic text names in a book: each name found, the longest
    /// match first, overlapping shorter ones dropped (`When to Continue Opioids` wins over
    /// `Opioids`).
    pub fn find(&self, text: &str, book: GuidelineSource) -> Vec<&Topic> {
        let mut hits: Vec<(std::ops::Range<usize>, &Topic)> = self
            .topics
            .iter()
            .filter(|t| t.guideline.same_book(book))
            .flat_map(|t| t.names.find_iter(text).map(move |r| (r, t)))
            .collect();
        hits.sort_by_key(|(r, _)| (std::cmp::Reverse(r.len()), r.start));
        let mut kept: Vec<(std::ops::Range<usize>, &Topic)> = Vec::new();
        for (r, t) in hits {
            if !kept.iter().any(|(k, _)| k.start < r.end && r.start < k.end) {
                kept.push((r, t));
            }
        }
        kept.sort_by_key(|(r, _)| r.start);
        kept.into_iter().map(|(_, t)| t).collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Topic> {
        self.topics.iter()
    }
}
