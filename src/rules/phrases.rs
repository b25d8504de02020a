//! Phrase lists compiled for matching: whole words, any ASCII case, any whitespace between
//! words.
//!
//! A list finds the first words of its phrases, then checks the phrases that open with a
//! word found there word by word against the text (any run of whitespace between words)
//! and at their word edges, longest first. Of the phrases that match at the leftmost place
//! the longest wins, and the search goes on after it: what a regex alternation of the
//! phrases, longest first, finds, without copying the text.
//!
//! First words are found in one of two ways. When every phrase starts at a word edge (most
//! lists: drug names, negations, determinations), a phrase can only start where a word of
//! the text does, and that word must be its first word's leading letters and digits
//! (`hydrocodone` for `hydrocodone/APAP`): the text's words are looked up in a small hash
//! table, one probe per word. Other lists (`(per`, mojibake, substrings, and lists with a
//! single first word, which a vectorised byte search finds faster) use an Aho-Corasick
//! automaton over the first words, built on first use: many lists serve rules that a given
//! letter never reaches (epidural injections, physical therapy...).
//!
//! Before either, a short list whose phrases each have a long word (`below the ceiling`)
//! looks for those words in the text with a vectorised search: most texts lack them, and
//! are then passed over without a word of them visited.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::text::{scan, simd};

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
    /// For each first word, the phrases that open with it, longest first.
    by_first: Vec<Vec<usize>>,
    /// For each first word, the first words that are proper prefixes of it, longest
    /// first: the automaton finds the longest first word at a place, and when none of its
    /// phrases match there a shorter one's may. Empty for a list read by its leads.
    prefixes: Vec<Vec<usize>>,
    /// Match only at the start of the text (after any non-word characters).
    anchored: bool,
    /// The first words by their leading word, when every phrase starts at a word edge.
    leads: Option<Leads>,
    automaton: OnceLock<Option<AhoCorasick>>,
    /// What a text needs for any phrase to match, when that can be told faster than by
    /// visiting its words.
    required: Option<Required>,
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
            by_first: Vec::new(),
            prefixes: Vec::new(),
            anchored,
            leads: None,
            automaton: OnceLock::new(),
            required: None,
        };
        let mut seen = std::collections::HashSet::new();
        // A first word's number, by the word.
        let mut first_ids: HashMap<String, usize> = HashMap::new();
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
            let id = *first_ids.entry(first.clone()).or_insert_with(|| {
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
        // One first word is found faster by the automaton's vectorised search for its
        // bytes than by visiting every word.
        if set.firsts.len() > 1 && set.phrases.iter().all(|p| p.start_edge) {
            set.leads = Some(Leads::new(&set.firsts));
        } else {
            set.prefixes = set
                .firsts
                .iter()
                .map(|w| {
                    (1..w.len())
                        .rev()
                        .filter_map(|k| first_ids.get(w.get(..k)?).copied())
                        .collect()
                })
                .collect();
        }
        if words && !anchored {
            set.required = Required::new(&set.phrases);
        }
        Ok(set)
    }

    /// Builds the automaton (for a list that needs one) now rather than at first use.
    pub fn warm(&self) {
        if self.leads.is_none() {
            self.automaton();
        }
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
    fn next(&self, text: &[u8], from: usize, last: usize) -> Option<Found> {
        match &self.leads {
            Some(leads) => self.next_word(leads, text, from, last),
            None => self.next_found(self.automaton()?, text, from, last),
        }
    }

    /// [`PhraseSet::next`] for a list whose phrases all start at word edges: at each word
    /// of the text that may lead a first word, the first words it leads, longest first.
    fn next_word(&self, leads: &Leads, text: &[u8], from: usize, last: usize) -> Option<Found> {
        let end = text.len().min(last.saturating_add(1));
        let mut base = from;
        let mut chars = block(text, base);
        let mut before = scan::is_word(text, from.wrapping_sub(1));
        while base < end {
            // The next block, read here only for a word that runs into it.
            let mut next = None;
            let mut starts = chars & !(chars << 1 | u64::from(before));
            if end - base < 64 {
                starts &= (1 << (end - base)) - 1;
            }
            while starts != 0 {
                let at = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let run = (!(chars >> at)).trailing_zeros() as usize;
                let start = base + at;
                let len = if at + run < 64 {
                    run
                } else {
                    match *next.get_or_insert_with(|| block(text, base + 64)) {
                        u64::MAX => scan::word_end(text, start) - start,
                        n => run + (!n).trailing_zeros() as usize,
                    }
                };
                let (row, bit) = shape(text, start, len);
                if leads.shapes[row] & bit != 0
                    && let Some(found) = self.led_at(leads, text, start..start + len)
                {
                    return Some(found);
                }
            }
            before = chars >> 63 == 1;
            chars = next.unwrap_or_else(|| block(text, base + 64));
            base += 64;
        }
        None
    }

    /// The match at a word that may lead a first word. Kept out of the word loop, which
    /// most words leave at the shape test, so that loop stays small.
    #[inline(never)]
    fn led_at(&self, leads: &Leads, text: &[u8], word: Range<usize>) -> Option<Found> {
        // The word is the lead of each first word found: only what follows it is compared.
        leads.get(&text[word.clone()])?.iter().find_map(|&id| {
            let rest = self.firsts[id].as_bytes().get(word.len()..)?;
            let end = word.end + rest.len();
            simd::eq_lowercase(text.get(word.end..end)?, rest)
                .then(|| self.phrase_at(text, word.start, end, id))?
        })
    }

    /// [`PhraseSet::next`] with the automaton over first words.
    fn next_found(&self, ac: &AhoCorasick, text: &[u8], from: usize, last: usize) -> Option<Found> {
        let mut at = from;
        while at < text.len() {
            let m = ac.find(Input::new(text).range(at..))?;
            let s = m.start();
            if s > last {
                return None;
            }
            // A phrase of the longest first word found here beats every phrase of a shorter
            // one: those would need whitespace where this word goes on.
            let id = m.pattern().as_usize();
            let found = self.phrase_at(text, s, m.end(), id).or_else(|| {
                self.prefixes[id]
                    .iter()
                    .find_map(|&p| self.phrase_at(text, s, s + self.firsts[p].len(), p))
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
        let after_word = scan::is_word(text, start.wrapping_sub(1));
        self.by_first[id].iter().find_map(|&i| {
            let p = &self.phrases[i];
            if p.start_edge && after_word {
                return None;
            }
            let mut at = end;
            for w in &p.words[1..] {
                let gap = text[at..]
                    .iter()
                    .take_while(|b| scan::is_space(**b))
                    .count();
                let next = at + gap;
                if gap == 0 || !simd::eq_lowercase(text.get(next..next + w.len())?, w.as_bytes()) {
                    return None;
                }
                at = next + w.len();
            }
            (!p.end_edge || !scan::is_word(text, at)).then_some(Found {
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

    /// All non-overlapping matches, leftmost and then longest first, with the phrase each
    /// is, found as they are asked for (a caller that stops at the first it wants reads
    /// no further, and no list is allocated).
    pub fn iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found> + 'a {
        let may = self.may_match(text);
        let last = if may { self.last_start(text) } else { 0 };
        let mut from = may.then_some(0);
        std::iter::from_fn(move || {
            let found = self.next(text.as_bytes(), from?, last);
            from = found.as_ref().map(|f| f.range.end);
            found
        })
    }

    /// All non-overlapping matches, as [`PhraseSet::iter`] finds them.
    pub fn matches(&self, text: &str) -> Vec<Found> {
        self.iter(text).collect()
    }

    /// All non-overlapping matches, as byte ranges of `text`.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.iter(text).map(|f| f.range)
    }

    /// The first match: the leftmost, and of those the longest.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        if !self.may_match(text) {
            return None;
        }
        Some(self.next(text.as_bytes(), 0, self.last_start(text))?.range)
    }

    /// False when the text lacks what every phrase needs (see [`Required`]).
    fn may_match(&self, text: &str) -> bool {
        self.required.as_ref().is_none_or(|r| r.met(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// The long words of a short list's phrases: a phrase matches only where each of its words
/// of [`Required::LONG`] letters or more is written, and these seldom are, so one vectorised
/// search for each in the text (lowercased) rules most texts out before any word of them is
/// visited. Kept for lists of at most [`Required::MAX_PHRASES`] phrases that each have such
/// a word (`below the ceiling`, `exceeds the recommended morphine equivalent`), 64 such
/// words at most; a list with a short phrase (`no`) must visit the words anyway.
#[derive(Debug, Clone)]
struct Required {
    /// The distinct long words, lowercase.
    words: Vec<memchr::memmem::Finder<'static>>,
    /// For each phrase, its long words (indices into `words`).
    phrases: Vec<Vec<usize>>,
}

impl Required {
    const LONG: usize = 5;
    const MAX_PHRASES: usize = 32;

    fn new(phrases: &[Phrase]) -> Option<Required> {
        if phrases.is_empty() || phrases.len() > Required::MAX_PHRASES {
            return None;
        }
        let mut words: Vec<&str> = Vec::new();
        let mut needs = Vec::new();
        for p in phrases {
            let long: Vec<usize> = p
                .words
                .iter()
                .filter(|w| {
                    w.len() >= Required::LONG && w.bytes().all(|b| b.is_ascii_alphanumeric())
                })
                .map(|w| match words.iter().position(|x| x == w) {
                    Some(i) => i,
                    None => {
                        words.push(w);
                        words.len() - 1
                    }
                })
                .collect();
            if long.is_empty() {
                return None;
            }
            needs.push(long);
        }
        if words.len() > 64 {
            return None;
        }
        Some(Required {
            words: words
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
            phrases: needs,
        })
    }

    /// Whether some phrase has all its long words in the text, in any ASCII case.
    ///
    /// The text is lowercased into a buffer each thread keeps (the lists that have one are
    /// tried on most sentences), and each word is looked for at most once, a bit per word
    /// recording it.
    fn met(&self, text: &str) -> bool {
        thread_local! {
            static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        LOWER.with_borrow_mut(|lower| {
            lower.clear();
            lower.extend_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            let (mut looked, mut found) = (0u64, 0u64);
            self.phrases.iter().any(|needs| {
                needs.iter().all(|&w| {
                    let bit = 1u64 << w;
                    if looked & bit == 0 {
                        looked |= bit;
                        if self.words[w].find(lower).is_some() {
                            found |= bit;
                        }
                    }
                    found & bit != 0
                })
            })
        })
    }
}

/// The first words of a list by their leading word characters, lowercase (`hydrocodone`
/// leads `hydrocodone` and `hydrocodone/apap`): an open-addressing table probed once per
/// word of the text, by a hash of the word's length and three of its letters. Most words
/// of a text lead nothing, and nearly all of those are told apart before hashing by their
/// first two letters and length.
#[derive(Debug, Clone)]
struct Leads {
    /// By the first two bytes (`| 0x20`, low five bits each), a bit for each length (up
    /// to 31, longer words on bit 31) some lead has: 4 KiB, so it stays in the L1 cache.
    shapes: Box<[u32; 1024]>,
    /// Index + 1 into `leads`; 0 is an empty slot. A power of two, at most a quarter full.
    slots: Vec<u32>,
    leads: Vec<(Vec<u8>, Vec<usize>)>,
}

impl Leads {
    /// `firsts` are lowercase; each that starts with a word character gets a lead.
    fn new(firsts: &[String]) -> Leads {
        let mut leads: Vec<(Vec<u8>, Vec<usize>)> = Vec::new();
        let mut index: HashMap<&[u8], usize> = HashMap::new();
        for (id, first) in firsts.iter().enumerate() {
            let lead = &first.as_bytes()[..scan::word_end(first.as_bytes(), 0)];
            let n = *index.entry(lead).or_insert_with(|| {
                leads.push((lead.to_vec(), Vec::new()));
                leads.len() - 1
            });
            leads[n].1.push(id);
        }
        let mut shapes = Box::new([0u32; 1024]);
        let mut slots = vec![0u32; (leads.len() * 4).next_power_of_two()];
        let mask = slots.len() - 1;
        for (n, (lead, ids)) in leads.iter_mut().enumerate() {
            ids.sort_by_key(|&id| std::cmp::Reverse(firsts[id].len()));
            let (row, bit) = shape(lead, 0, lead.len());
            shapes[row] |= bit;
            let mut at = hash(lead) & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = n as u32 + 1;
        }
        Leads {
            shapes,
            slots,
            leads,
        }
    }

    /// The first words (ids, longest first) that the word `word` leads, in any ASCII case.
    fn get(&self, word: &[u8]) -> Option<&[usize]> {
        let mask = self.slots.len() - 1;
        let mut at = hash(word) & mask;
        loop {
            let n = *self.slots.get(at)? as usize;
            let (lead, ids) = self.leads.get(n.checked_sub(1)?)?;
            if simd::eq_lowercase(word, lead) {
                return Some(ids);
            }
            at = (at + 1) & mask;
        }
    }
}

/// The row and length bit in [`Leads::shapes`] of the word of `len` bytes at `start` of
/// `text`: its first two bytes (`| 0x20`, low five bits each; none past the word) and its
/// length (up to 31).
#[inline]
fn shape(text: &[u8], start: usize, len: usize) -> (usize, u32) {
    let fold = |b: &u8| usize::from((b | 0x20) & 31);
    let first = text.get(start).map_or(0, fold);
    let second = if len > 1 {
        text.get(start + 1).map_or(0, fold)
    } else {
        0
    };
    (first << 5 | second, 1 << len.min(31))
}

/// A hash of a non-empty run of word characters in any ASCII case: its length, first, middle
/// and last bytes (`| 0x20` folds ASCII letters and leaves digits and `_` distinct).
fn hash(word: &[u8]) -> usize {
    let n = word.len();
    let byte = |i: usize| u64::from(word.get(i).copied().unwrap_or(0) | 0x20);
    let key = n as u64 | byte(0) << 16 | byte(n / 2) << 24 | byte(n.wrapping_sub(1)) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}

/// The word characters of the 64 bytes from `base`, a bit each (none past the text's end).
#[inline]
fn block(text: &[u8], base: usize) -> u64 {
    let block = text.get(base..).unwrap_or_default();
    let block = &block[..block.len().min(64)];
    let mut sixteens = block.chunks_exact(16);
    let mut chars = 0;
    for (i, sixteen) in sixteens.by_ref().enumerate() {
        let mut bytes = [0; 16];
        bytes.copy_from_slice(sixteen);
        chars |= u64::from(simd::word_bits16(bytes)) << (16 * i);
    }
    // The last few bytes padded with NULs, which are not word characters.
    let rest = sixteens.remainder();
    if !rest.is_empty() {
        let mut bytes = [0; 16];
        bytes[..rest.len()].copy_from_slice(rest);
        chars |= u64::from(simd::word_bits16(bytes)) << (block.len() - rest.len());
    }
    chars
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
    fn a_shorter_first_word_matches_where_the_longest_one_fails() {
        let set = PhraseSet::substrings(&strings(&["Opioids, criteria for use", "opioid", "op"]))
            .unwrap();
        let text = "Opioids, specific drug list; OPIOIDS, criteria for use; opt";
        let found: Vec<&str> = set.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["Opioid", "OPIOIDS, criteria for use", "op"]);
    }

    #[test]
    fn words_are_found_across_blocks() {
        // Words that cross one block's edge, and runs longer than a block; every word of
        // the text is a phrase, so each search finds the next word.
        let long = "x".repeat(150);
        let text = format!(
            "a_1 {long} (b)\u{e9}c_ {long}{}z {} word_crossing_an_edge y",
            " ".repeat(70),
            "-".repeat(40)
        );
        let bytes = text.as_bytes();
        let every = ["a_1", &long, "b", "c_", "z", "word_crossing_an_edge", "y"];
        let set = PhraseSet::new(&strings(&every), false).unwrap();
        for from in 0..=bytes.len() {
            for last in [usize::MAX, from, from + 3, from + 70] {
                let naive: Vec<Range<usize>> = (from..bytes.len().min(last.saturating_add(1)))
                    .filter(|&i| scan::is_word(bytes, i) && scan::word_start(bytes, i))
                    .map(|i| i..scan::word_end(bytes, i))
                    .collect();
                let mut words = Vec::new();
                let mut at = from;
                while let Some(found) = set.next(bytes, at, last) {
                    at = found.range.end;
                    words.push(found.range);
                }
                assert_eq!(words, naive, "from {from} to {last}");
            }
        }
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
