//! Phrase lists compiled for matching: whole words, any case, any whitespace between words.
//!
//! A list compiles on first use: many lists serve rules that a given letter never reaches
//! (epidural injections, physical therapy...), and compiling is most of the start-up time
//! of a one-letter run. Phrases are escaped literals, so the only way a list can fail to
//! compile is size, and that is checked when the rule file loads.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// The longest regex a phrase list may make (a few thousand phrases).
const MAX_PATTERN: usize = 1 << 17;

/// A list of phrases, compiled on first use.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    /// The regex source, when the list has any phrase.
    pattern: Option<String>,
    regex: OnceLock<Option<Regex>>,
}

impl PhraseSet {
    /// Compiles phrases as whole words; `anchored` matches only at the start of the text.
    pub fn new(phrases: &[String], anchored: bool) -> Result<PhraseSet, regex::Error> {
        PhraseSet::build(phrases, anchored, true)
    }

    /// Compiles phrases matched anywhere, even inside words (`DURAGESICÂ®`,
    /// `sectionMuscle Relaxants`).
    pub fn substrings(phrases: &[String]) -> Result<PhraseSet, regex::Error> {
        PhraseSet::build(phrases, false, false)
    }

    fn build(phrases: &[String], anchored: bool, words: bool) -> Result<PhraseSet, regex::Error> {
        let mut sorted: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let pattern = (!sorted.is_empty()).then(|| {
            let alternatives: Vec<String> = sorted.iter().map(|p| pattern(p, words)).collect();
            format!(
                "{}(?:{})",
                if anchored { r"^(?u:\W)*" } else { "" },
                alternatives.join("|")
            )
        });
        if let Some(p) = &pattern
            && p.len() > MAX_PATTERN
        {
            return Err(regex::Error::CompiledTooBig(MAX_PATTERN));
        }
        Ok(PhraseSet {
            pattern,
            regex: OnceLock::new(),
        })
    }

    /// The compiled regex (`None` for an empty list).
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                let p = self.pattern.as_ref()?;
                RegexBuilder::new(p)
                    .case_insensitive(true)
                    .unicode(false)
                    .size_limit(1 << 26)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// All non-overlapping matches, as byte ranges of `text`.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.regex()
            .into_iter()
            .flat_map(move |r| r.find_iter(text).map(|m| m.range()))
    }

    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.find_iter(text).next()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }
}

/// A phrase as a regex: escaped words joined by `\s+`, bounded by word edges where the
/// phrase starts or ends with a word character.
fn pattern(phrase: &str, bounded: bool) -> String {
    let words: Vec<String> = phrase.split_whitespace().map(regex::escape).collect();
    let body = words.join(r"\s+");
    let first = bounded
        && phrase
            .trim()
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    let last = bounded
        && phrase
            .trim()
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    format!(
        "{}{}{}",
        if first { r"\b" } else { "" },
        body,
        if last { r"\b" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_across_whitespace() {
        let set = PhraseSet::new(&["medically necessary".into(), "not".into()], false).unwrap();
        let text = "is not\nmedically   necessary; nothing";
        let found: Vec<&str> = set.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["not", "medically   necessary"]);
        let anchored = PhraseSet::new(&["per".into()], true).unwrap();
        assert!(anchored.is_match("Per MTUS"));
        assert!(!anchored.is_match("As per MTUS"));
        assert!(!PhraseSet::new(&[], false).unwrap().is_match("x"));
        let loose = PhraseSet::substrings(&["muscle relaxants".into()]).unwrap();
        assert!(loose.is_match("Baclofen sectionMuscle\nRelaxants"));
    }

    #[test]
    fn oversized_lists_are_refused_when_built() {
        let many: Vec<String> = (0..10_000)
            .map(|i| format!("phrase number {i:05}"))
            .collect();
        assert!(PhraseSet::new(&many, false).is_err());
        let some: Vec<String> = many[..100].to_vec();
        let set = PhraseSet::new(&some, false).unwrap();
        assert!(set.is_match("see Phrase  Number 00042 here"));
    }
}
