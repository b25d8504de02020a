//! Phrase lists compiled for matching: whole words, any ASCII case, any whitespace between
//! words.
//!
//! A list is an Aho-Corasick automaton over the first words of its phrases. Where a first
//! word is found, the phrases that open with it are checked word by word against the text
//! (any run of whitespace between words) and at their word edges, longest first. Of the
//! phrases that match at the leftmost place the longest wins, and the search goes on after
//! it: what a regex alternation of the phrases, longest first, finds, without copying the
//! text. The automaton is built on first use: many lists serve rules that a given letter
//! never reaches (epidural injections, physical therapy...).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

/// The most phrase text a list may hold (a few thousand phrases).
const MAX_BYTES: usize = 1 << 17;

/// A phrase list that is too large to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub bytes: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the phrases come to {} bytes, more than the {MAX_BYTES} a list may hold",
            self.bytes
        )
    }
}

impl std::error::Error for TooLarge {}

/// A list of phrases, compiled on first use.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    phrases: Vec<Phrase>,
    /// The distinct first words (lowercase), as the automaton numbers them.
    firsts: Vec<String>,
    /// A first word's number, by the word.
    first_ids: HashMap<String, usize>,
    /// For each first word, the phrases that open with it, longest first.
    by_first: Vec<Vec<usize>>,
    /// Match only at the start of the text (after any non-word characters).
    anchored: bool,
    automaton: OnceLock<Option<AhoCorasick>>,
}

#[derive(Debug, Clone)]
struct Phrase {
    /// The words, lowercase.
    words: Vec<String>,
    /// The index of the phrase in the list as given.
    index: usize,
    /// Must start (end) at a word edge.
    start_edge: bool,
    end_edge: bool,
}

/// A phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where, in the text searched.
    pub range: Range<usize>,
    /// Which phrase, as an index into the list the set was built from.
    pub phrase: usize,
}

impl PhraseSet {
    /// Phrases matched as whole words; `anchored` matches only at the start of the text.
    pub fn new(phrases: &[String], anchored: bool) -> Result<PhraseSet, TooLarge> {
        PhraseSet::build(phrases, anchored, true)
    }

    /// Phrases matched anywhere, even inside words (`DURAGESICÂ®`,
    /// `sectionMuscle Relaxants`).
    pub fn substrings(phrases: &[String]) -> Result<PhraseSet, TooLarge> {
        PhraseSet::build(phrases, false, false)
    }

    fn build(list: &[String], anchored: bool, words: bool) -> Result<PhraseSet, TooLarge> {
        let bytes = list.iter().map(String::len).sum();
        if bytes > MAX_BYTES {
            return Err(TooLarge { bytes });
        }
        let mut set = PhraseSet {
            phrases: Vec::new(),
            firsts: Vec::new(),
            first_ids: HashMap::new(),
            by_first: Vec::new(),
            anchored,
            automaton: OnceLock::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for (index, p) in list.iter().enumerate() {
            let ws: Vec<String> = p.split_whitespace().map(str::to_ascii_lowercase).collect();
            let (Some(first), Some(last)) = (ws.first(), ws.last()) else {
                continue;
            };
            if !seen.insert(ws.join(" ")) {
                continue;
            }
            let edge = |c: Option<char>| words && c.is_some_and(|c| c.is_ascii_alphanumeric());
            let (start_edge, end_edge) =
                (edge(first.chars().next()), edge(last.chars().next_back()));
            let id = *set.first_ids.entry(first.clone()).or_insert_with(|| {
                set.firsts.push(first.clone());
                set.by_first.push(Vec::new());
                set.firsts.len() - 1
            });
            set.by_first[id].push(set.phrases.len());
            set.phrases.push(Phrase {
                words: ws,
                index,
                start_edge,
                end_edge,
            });
        }
        let len = |p: &Phrase| p.words.iter().map(|w| w.len() + 1).sum::<usize>();
        for group in &mut set.by_first {
            group.sort_by_key(|&i| std::cmp::Reverse(len(&set.phrases[i])));
        }
        Ok(set)
    }

    /// Builds the automaton now rather than at first use.
    pub fn warm(&self) {
        self.automaton();
    }

    /// The automaton over first words (`None` for an empty list). A DFA: the lists are
    /// small and searched often. Words with no ASCII letter (`Â®`) need no case folding,
    /// and an automaton without it keeps its fast prefilter.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                if self.firsts.is_empty() {
                    return None;
                }
                let letters = self
                    .firsts
                    .iter()
                    .any(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(letters)
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&self.firsts)
                    .ok()
            })
            .as_ref()
    }

    /// The leftmost match starting at or after `from` and at or before `last`, the longest
    /// there.
    fn next(&self, ac: &AhoCorasick, text: &[u8], from: usize, last: usize) -> Option<Found> {
        let mut at = from;
        while at < text.len() {
            let m = ac.find(Input::new(text).range(at..))?;
            let s = m.start();
            if s > last {
                return None;
            }
            // A phrase of the longest first word found here beats every phrase of a shorter
            // one: those would need whitespace where this word goes on.
            let found = self
                .phrase_at(text, s, m.end(), m.pattern().as_usize())
                .or_else(|| {
                    let word = text[s..m.end()].to_ascii_lowercase();
                    (1..word.len()).rev().find_map(|k| {
                        let id = std::str::from_utf8(&word[..k])
                            .ok()
                            .and_then(|w| self.first_ids.get(w))?;
                        self.phrase_at(text, s, s + k, *id)
                    })
                });
            if found.is_some() {
                return found;
            }
            at = s + 1;
        }
        None
    }

    /// The longest phrase opening with first word `id` (found at `start..end`) that the
    /// text goes on to match.
    fn phrase_at(&self, text: &[u8], start: usize, end: usize, id: usize) -> Option<Found> {
        let after_word = is_word(text, start.wrapping_sub(1));
        self.by_first[id].iter().find_map(|&i| {
            let p = &self.phrases[i];
            if p.start_edge && after_word {
                return None;
            }
            let mut at = end;
            for w in &p.words[1..] {
                let gap = text[at..].iter().take_while(|b| is_space(**b)).count();
                let next = at + gap;
                if gap == 0
                    || !text
                        .get(next..next + w.len())?
                        .eq_ignore_ascii_case(w.as_bytes())
                {
                    return None;
                }
                at = next + w.len();
            }
            (!p.end_edge || !is_word(text, at)).then_some(Found {
                range: start..at,
                phrase: p.index,
            })
        })
    }

    /// The last place a match may start: anywhere, or for an anchored list no later than
    /// the text's first word.
    fn last_start(&self, text: &str) -> usize {
        if !self.anchored {
            return usize::MAX;
        }
        text.char_indices()
            .find(|(_, c)| c.is_alphanumeric() || *c == '_')
            .map_or(text.len(), |(i, _)| i)
    }

    /// All non-overlapping matches, leftmost and then longest first, with the phrase each is.
    pub fn matches(&self, text: &str) -> Vec<Found> {
        let Some(ac) = self.automaton() else {
            return Vec::new();
        };
        let last = self.last_start(text);
        let mut out: Vec<Found> = Vec::new();
        while let Some(found) = self.next(
            ac,
            text.as_bytes(),
            out.last().map_or(0, |f| f.range.end),
            last,
        ) {
            out.push(found);
        }
        out
    }

    /// All non-overlapping matches, as byte ranges of `text`.
    pub fn find_iter(&self, text: &str) -> impl Iterator<Item = Range<usize>> + use<> {
        self.matches(text).into_iter().map(|f| f.range)
    }

    /// The first match: the leftmost, and of those the longest.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        let ac = self.automaton()?;
        Some(
            self.next(ac, text.as_bytes(), 0, self.last_start(text))?
                .range,
        )
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// Whether the byte at `i` is an ASCII word character (`[0-9A-Za-z_]`); out of range is not.
fn is_word(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// ASCII whitespace as a regex's `\s` reads it (space, tab, newline, vertical tab, form
/// feed, carriage return).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_whole_words_across_whitespace() {
        let set = PhraseSet::new(&strings(&["medically necessary", "not"]), false).unwrap();
        let text = "is not\nmedically   necessary; nothing";
        let found: Vec<&str> = set.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["not", "medically   necessary"]);
        let anchored = PhraseSet::new(&strings(&["per"]), true).unwrap();
        assert!(anchored.is_match("Per MTUS"));
        assert!(anchored.is_match("  (Per MTUS"));
        assert!(!anchored.is_match("As per MTUS"));
        assert!(!PhraseSet::new(&[], false).unwrap().is_match("x"));
        let loose = PhraseSet::substrings(&strings(&["muscle relaxants"])).unwrap();
        assert!(loose.is_match("Baclofen sectionMuscle\nRelaxants"));
    }

    #[test]
    fn the_longest_phrase_at_the_leftmost_place_wins() {
        let set = PhraseSet::new(
            &strings(&["pain", "pain relief", "relief of pain", "of"]),
            false,
        )
        .unwrap();
        let text = "Pain  relief of pain reliefs";
        let found: Vec<(&str, usize)> = set
            .matches(text)
            .into_iter()
            .map(|f| (&text[f.range], f.phrase))
            .collect();
        // "pain reliefs" is not the whole word "relief": the shorter "pain" matches there.
        assert_eq!(
            found,
            [("Pain  relief", 1), ("of", 3), ("pain", 0)],
            "{found:?}"
        );
        assert_eq!(set.find("a relief of\tpain"), Some(2..16));
        assert_eq!(set.find("painful"), None);
    }

    #[test]
    fn phrases_span_runs_of_whitespace() {
        let set = PhraseSet::substrings(&strings(&["b c", "é"])).unwrap();
        let text = "a \r\n b\n\n\t c é\u{b}\u{b}b c";
        let found: Vec<&str> = set.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["b\n\n\t c", "é", "b c"]);
    }

    #[test]
    fn oversized_lists_are_refused_when_built() {
        let many: Vec<String> = (0..10_000)
            .map(|i| format!("phrase number {i:05}"))
            .collect();
        let err = PhraseSet::new(&many, false).unwrap_err();
        assert!(err.to_string().contains("190000 bytes"), "{err}");
        let some: Vec<String> = many[..100].to_vec();
        let set = PhraseSet::new(&some, false).unwrap();
        assert!(set.is_match("see Phrase  Number 00042 here"));
    }
}
