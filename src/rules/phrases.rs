//! Phrase lists compiled for matching: whole words, any ASCII case, any whitespace between
//! words.
//!
//! A list is an Aho-Corasick automaton over its phrases, single-spaced; the text is searched
//! with each run of whitespace read as one space, and word edges are checked on the matches.
//! Of the phrases that match at the leftmost place, the longest wins, and the search goes on
//! after it (what a regex alternation of the phrases, longest first, would find). The
//! automaton is built on first use: many lists serve rules that a given letter never reaches
//! (epidural injections, physical therapy...).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

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
    /// The phrases as searched: single-spaced, in the caller's order, duplicates dropped.
    phrases: Vec<Phrase>,
    /// Match only at the start of the text (after any non-word characters).
    anchored: bool,
    /// The longest phrase, in bytes.
    longest: usize,
    automaton: OnceLock<Option<AhoCorasick>>,
}

#[derive(Debug, Clone)]
struct Phrase {
    text: String,
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

    fn build(phrases: &[String], anchored: bool, words: bool) -> Result<PhraseSet, TooLarge> {
        let bytes = phrases.iter().map(String::len).sum();
        if bytes > MAX_BYTES {
            return Err(TooLarge { bytes });
        }
        let mut seen = std::collections::HashSet::new();
        let mut list = Vec::new();
        for (index, p) in phrases.iter().enumerate() {
            let text = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() || !seen.insert(text.to_ascii_lowercase()) {
                continue;
            }
            let edge = |c: Option<char>| words && c.is_some_and(|c| c.is_ascii_alphanumeric());
            list.push(Phrase {
                start_edge: edge(text.chars().next()),
                end_edge: edge(text.chars().next_back()),
                text,
                index,
            });
        }
        Ok(PhraseSet {
            longest: list.iter().map(|p| p.text.len()).max().unwrap_or(0),
            phrases: list,
            anchored,
            automaton: OnceLock::new(),
        })
    }

    /// The automaton (`None` for an empty list).
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                if self.phrases.is_empty() {
                    return None;
                }
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(self.phrases.iter().map(|p| &p.text))
                    .ok()
            })
            .as_ref()
    }

    /// Every phrase match in `text` that sits on the word edges its phrase needs, in the
    /// order the automaton reports them (by end), as ranges of the squeezed text.
    fn candidates<'a>(
        &'a self,
        text: &'a Squeezed<'a>,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        let hay = text.bytes.as_ref();
        let first = if self.anchored {
            Some(text.first_word_at())
        } else {
            None
        };
        self.automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_overlapping_iter(hay))
            .filter_map(move |m| {
                let p = &self.phrases[m.pattern().as_usize()];
                let ok = first.is_none_or(|f| m.start() == f)
                    && (!p.start_edge || !is_word(hay, m.start().wrapping_sub(1)))
                    && (!p.end_edge || !is_word(hay, m.end()));
                ok.then(|| (m.range(), m.pattern().as_usize()))
            })
    }

    /// The leftmost match, and of those the longest, among `candidates` (in end order).
    fn leftmost(
        &self,
        candidates: &mut impl Iterator<Item = (Range<usize>, usize)>,
    ) -> Option<(Range<usize>, usize)> {
        let mut best: Option<(Range<usize>, usize)> = None;
        for (r, p) in candidates {
            if let Some((b, _)) = &best {
                // Later candidates end later; none that starts at or before `b` remains.
                if r.end > b.start + self.longest {
                    break;
                }
                if r.start > b.start || (r.start == b.start && r.end <= b.end) {
                    continue;
                }
            }
            best = Some((r, p));
        }
        best
    }

    /// All non-overlapping matches, leftmost and then longest first, with the phrase each is.
    pub fn matches(&self, text: &str) -> Vec<Found> {
        if self.phrases.is_empty() {
            return Vec::new();
        }
        let squeezed = Squeezed::new(text);
        let mut all: Vec<(Range<usize>, usize)> = self.candidates(&squeezed).collect();
        all.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut out = Vec::new();
        let mut at = 0;
        for (r, p) in all {
            if r.start >= at {
                at = r.end;
                out.push(Found {
                    range: squeezed.original(r),
                    phrase: self.phrases[p].index,
                });
            }
        }
        out
    }

    /// All non-overlapping matches, as byte ranges of `text`.
    pub fn find_iter(&self, text: &str) -> impl Iterator<Item = Range<usize>> + use<> {
        self.matches(text).into_iter().map(|f| f.range)
    }

    /// The first match: the leftmost, and of those the longest.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        if self.phrases.is_empty() {
            return None;
        }
        let squeezed = Squeezed::new(text);
        let (r, _) = self.leftmost(&mut self.candidates(&squeezed))?;
        Some(squeezed.original(r))
    }

    pub fn is_match(&self, text: &str) -> bool {
        if self.phrases.is_empty() {
            return false;
        }
        let squeezed = Squeezed::new(text);
        self.candidates(&squeezed).next().is_some()
    }
}

/// Whether the byte at `i` is an ASCII word character (`[0-9A-Za-z_]`); out of range is not.
fn is_word(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// A text with each run of ASCII whitespace read as one space, and the way back to the
/// original offsets.
struct Squeezed<'a> {
    bytes: Cow<'a, [u8]>,
    /// `(squeezed, original)` offsets from which on the two advance together; empty when
    /// the text needed no squeezing.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Squeezed<'a> {
    fn new(text: &'a str) -> Squeezed<'a> {
        let b = text.as_bytes();
        let plain = b.iter().enumerate().all(|(i, &c)| {
            !is_space(c) || c == b' ' && !b.get(i + 1).is_some_and(|n| is_space(*n))
        });
        if plain {
            return Squeezed {
                bytes: Cow::Borrowed(b),
                shifts: Vec::new(),
            };
        }
        let mut bytes = Vec::with_capacity(b.len());
        let mut shifts = vec![(0, 0)];
        let mut i = 0;
        while i < b.len() {
            if is_space(b[i]) {
                let run = b[i..].iter().take_while(|c| is_space(**c)).count();
                bytes.push(b' ');
                i += run;
                if run > 1 || b[i - run] != b' ' {
                    shifts.push((bytes.len(), i));
                }
            } else {
                bytes.push(b[i]);
                i += 1;
            }
        }
        Squeezed {
            bytes: Cow::Owned(bytes),
            shifts,
        }
    }

    /// The original offset of a squeezed offset that starts or ends a phrase (never inside
    /// a squeezed run).
    fn at(&self, squeezed: usize) -> usize {
        let k = self.shifts.partition_point(|(s, _)| *s <= squeezed);
        match k.checked_sub(1).map(|k| self.shifts[k]) {
            Some((s, o)) => o + (squeezed - s),
            None => squeezed,
        }
    }

    /// The original range of a match (which neither starts nor ends with whitespace).
    fn original(&self, r: Range<usize>) -> Range<usize> {
        if self.shifts.is_empty() {
            return r;
        }
        self.at(r.start)..self.at(r.end - 1) + 1
    }

    /// Where the first word character is, as an anchored list's phrases must start.
    fn first_word_at(&self) -> usize {
        let s = String::from_utf8_lossy(&self.bytes);
        s.char_indices()
            .find(|(_, c)| c.is_alphanumeric() || *c == '_')
            .map_or(self.bytes.len(), |(i, _)| i)
    }
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
    fn ranges_map_back_through_squeezed_runs() {
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
