//! Guideline citations: `Decision based on MTUS Chronic Pain Treatment Guidelines Muscle
//! Relaxants Page(s): 63-66.` → guideline, topic text and page list, each with its span.
//!
//! One line may hold several citations (`... Chapter 3 Initial Approaches to Treatment
//! Page(s): 48,Chronic Pain Treatment Guidelines ... Aquatic Therapy Page(s): 8, 22.`), an
//! empty list (`Page(s):.`), no list at all, or Non-MTUS sources.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use regex::Regex;

use super::Span;
use crate::text::scan;

/// Which guideline a citation points into; pages are only comparable within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "guideline", content = "chapter")]
pub enum GuidelineSource {
    /// MTUS Chronic Pain Medical Treatment Guidelines (pages 1-127).
    ChronicPain,
    /// MTUS ACOEM Practice Guidelines, by chapter when named.
    Acoem(Option<u32>),
    /// A source outside the MTUS (ODG, FDA, PDR...).
    NonMtus,
}

impl GuidelineSource {
    /// Whether pages of `self` may be checked against a list in `other`.
    pub fn same_book(self, other: GuidelineSource) -> bool {
        match (self, other) {
            (GuidelineSource::Acoem(Some(a)), GuidelineSource::Acoem(Some(b))) => a == b,
            (GuidelineSource::Acoem(_), GuidelineSource::Acoem(_)) => true,
            (a, b) => a == b,
        }
    }

    pub fn describe(self) -> String {
        match self {
            GuidelineSource::ChronicPain => "MTUS Chronic Pain Medical Treatment Guidelines".into(),
            GuidelineSource::Acoem(Some(c)) => format!("MTUS ACOEM Chapter {c}"),
            GuidelineSource::Acoem(None) => "MTUS ACOEM Practice Guidelines".into(),
            GuidelineSource::NonMtus => "a Non-MTUS source".into(),
        }
    }
}

/// One page or a range of pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRange {
    pub first: u32,
    pub last: u32,
    pub span: Span,
}

impl PageRange {
    pub fn contains(&self, page: u32) -> bool {
        (self.first..=self.last).contains(&page)
    }
}

/// One citation within a guideline line.
#[derive(Debug, Clone)]
pub struct Citation {
    pub source: GuidelineSource,
    /// The topic text (`Muscle Relaxants`, `When to Continue Opioids`), possibly empty.
    pub topic: Span,
    /// The `Page(s):` label, when the citation has one.
    pub page_label: Option<Span>,
    pub pages: Vec<PageRange>,
}

impl Citation {
    pub fn lists(&self, page: u32) -> bool {
        self.pages.iter().any(|p| p.contains(page))
    }
}

// The patterns match a lowercased copy of the line (same offsets): case-insensitive
// patterns cost far more to compile.
static PAGE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[0-9]{1,4}(?:\s*[-–]\s*[0-9]{1,4})?(?:\s*(?:,\s*and|,|and|&)\s*[0-9]{1,4}(?:\s*[-–]\s*[0-9]{1,4})?)*",
    )
    .expect("page list regex")
});
static TOPIC_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s,;.]*(?:the\s+)?(?:mtus\s+)?(?:(?:acoem\s+)?(?:practice\s+guidelines?\s+)?(?:chapter\s+[0-9]+\s*,?\s*)?)?(?:(?:california\s+)?(?:mtus\s+)?chronic\s+pain\s+(?:medical\s+)?treatment\s+guidelines?\s*)?(?:non-mtus\s+citation\s*)?[\s,;]*",
    )
    .expect("topic prefix regex")
});
/// The book's name as the older layouts write it before a topic ("which is part of the
/// MTUS, and the ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 12,", "the Chronic
/// Pain Medical Treatment Guidelines (May 2009),"); compiled only for a topic that has
/// those words (see [`older_form`]).
static OLDER_TOPIC_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s,;.]*(?:which\s+(?:is|are)\s+part\s+of\s+the\s+mtus[\s,;]*)?(?:and\s+)?(?:the\s+)?(?:mtus\s+)?(?:(?:acoem\s+)?(?:practice\s+guidelines?\s*)?(?:,?\s*2nd\s+edition\s*)?(?:\(\s*2004\s*\)\s*)?,?\s*(?:chapter\s+[0-9]+\s*,?\s*)?)?(?:(?:california\s+)?(?:mtus\s+)?chronic\s+pain\s+(?:medical\s+)?treatment\s+guidelines?\s*(?:\(\s*may\s+2009\s*\)\s*)?)?(?:non-mtus\s+citation\s*)?[\s,;]*",
    )
    .expect("older topic prefix regex")
});
/// `chapter 12` (lowercase).
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"chapter\s+([0-9]+)").expect("chapter regex"));
static TOPIC_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\s+topic)?[\s,;.]*$").expect("topic suffix regex"));

/// Whether a (lowercase) topic is in the older layouts' sentence form.
fn older_form(lowered: &str) -> bool {
    OLDER_WORDS
        .iter()
        .any(|w| w.find(lowered.as_bytes()).is_some())
        || lowered
            .trim_start_matches([' ', ',', ';', '.', '\n'])
            .starts_with("and ")
}

/// Where the older layouts' closing "which is (not) part of the MTUS" starts in a
/// (lowercase) topic, the separators before it included.
fn part_of_mtus(lowered: &str) -> Option<usize> {
    let t = lowered.trim_end_matches([' ', ',', ';', '.', '\n']);
    let which = t.rfind("which")?;
    let words: Vec<&str> = t[which..].split_whitespace().collect();
    let said = matches!(
        words.as_slice(),
        ["which", "is" | "are", "part", "of", "the", "mtus"]
            | ["which", "is" | "are", "not", "part", "of", "the", "mtus"]
    );
    said.then(|| t[..which].trim_end_matches([' ', ',', ';', '\n']).len())
}

/// Words that place a citation outside the MTUS (lowercase): its name (the Official
/// Disability Guidelines), or the older layouts' "which is not part of the MTUS".
const NON_MTUS: [&str; 4] = [
    "non-mtus",
    "(odg)",
    "official disability guidelines",
    "not part of the mtus",
];

/// Searchers for the words a topic is read by, built once (a search set up per topic cost
/// more than the search): [`NON_MTUS`], and the older layouts' words ([`older_form`]).
static NON_MTUS_WORDS: LazyLock<[Finder<'static>; 4]> = LazyLock::new(|| NON_MTUS.map(Finder::new));
static OLDER_WORDS: LazyLock<[Finder<'static>; 3]> =
    LazyLock::new(|| ["edition", "(may", "part of the mtus"].map(Finder::new));

/// Parses the citations of a guideline line. `span` is the line's text range in `text`.
pub fn parse(text: &str, span: Span) -> Vec<Citation> {
    let line = &text[span.clone()];
    let lower = line.to_ascii_lowercase();
    let base = span.start;
    let whole = Line {
        text: line,
        lower: &lower,
        base,
    };
    let mut starts = decisions(&lower);
    if starts.is_empty() {
        starts.push((0, 0));
    }
    let mut out = Vec::new();
    for (i, &(_, body_start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(line.len(), |&(s, _)| s);
        let chunk = &lower[..end];
        let mut pos = body_start;
        let mut inherited = None;
        for label in page_labels(&lower[body_start..end]) {
            let (label_start, label_end) = (body_start + label.start, body_start + label.end);
            if label_start < pos {
                continue;
            }
            let list_end = PAGE_LIST
                .find(&chunk[label_end..])
                .map_or(label_end, |m| label_end + m.end());
            if list_end == label_end && !lower[..label_end].ends_with(':') {
                // `page` in prose, not a `Page(s):` label nor `pages 74-96`.
                continue;
            }
            let pages = page_items(&chunk[label_end..list_end], base + label_end);
            let citation = citation(&whole, pos..label_start, inherited, pages, {
                Some(base + label_start..base + label_end)
            });
            inherited = Some(citation.source);
            out.push(citation);
            pos = list_end;
        }
        let rest = &chunk[pos..];
        // Only "which is part of the MTUS": the end of the last citation, not another.
        let bare = part_of_mtus(rest).is_some_and(|at| {
            rest[..at]
                .trim_start_matches([' ', ',', ';', '.', '\n'])
                .is_empty()
        });
        if rest.chars().any(char::is_alphabetic) && !bare {
            out.push(citation(&whole, pos..end, inherited, Vec::new(), None));
        }
    }
    out
}

/// Where each citation of a (lowercase) line starts: after `decision based on`, or the
/// older layouts' `based his/her decision on` (what the pattern
/// `decision\s+based\s+on|(?-u:\b)decision\s+on` finds), as (start, end) of each.
fn decisions(lower: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memmem::find_iter(lower.as_bytes(), b"decision") {
        if out.last().is_some_and(|&(_, end)| at < end) {
            continue;
        }
        let after = at + "decision".len();
        let end = then_word(lower, after, "based")
            .and_then(|e| then_word(lower, e, "on"))
            .or_else(|| {
                scan::word_start(lower.as_bytes(), at)
                    .then(|| then_word(lower, after, "on"))
                    .flatten()
            });
        if let Some(end) = end {
            out.push((at, end));
        }
    }
    out
}

/// The end of `\s+word` at `i`, when it is written there.
fn then_word(s: &str, i: usize, word: &str) -> Option<usize> {
    let at = scan::spaces(s, i);
    (at > i && s[at..].starts_with(word)).then_some(at + word.len())
}

/// The `Page(s):` labels of a (lowercase) text: `page` at a word start, then `s`, ` (s)`,
/// whitespace and `:` where written (what `(?-u:\b)pages?(?:\s*\(s\))?\s*:?` finds).
fn page_labels(s: &str) -> Vec<Span> {
    let b = s.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    for at in memchr::memmem::find_iter(b, b"page") {
        if out.last().is_some_and(|l| at < l.end) || !scan::word_start(b, at) {
            continue;
        }
        let mut end = at + "page".len();
        end += usize::from(b.get(end) == Some(&b's'));
        let paren = scan::spaces(s, end);
        if s[paren..].starts_with("(s)") {
            end = paren + "(s)".len();
        }
        end = scan::spaces(s, end);
        end += usize::from(b.get(end) == Some(&b':'));
        out.push(at..end);
    }
    out
}

/// The pages and ranges of a page list (`63-66, 7 and 8`): each `[0-9]{1,4}`, or two such
/// joined by a dash (`\s*[-–]\s*`), read in one pass where a pattern with groups would cost
/// a capture pass per item. `base` is where the list starts in the letter.
fn page_items(list: &str, base: usize) -> Vec<PageRange> {
    let b = list.as_bytes();
    // Up to four digits from `i` (a longer run reads as several numbers, as the pattern's
    // `[0-9]{1,4}` does).
    let number = |i: usize| {
        i..i + b[i..]
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let value = |r: &std::ops::Range<usize>| list[r.clone()].parse::<u32>().ok();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = b[at..].iter().position(u8::is_ascii_digit).map(|p| at + p) {
        let first = number(start);
        // The range's second number, when a dash and a number follow.
        let second = list[first.end..]
            .trim_start()
            .strip_prefix(['-', '–'])
            .map(|rest| list.len() - rest.trim_start().len())
            .filter(|&i| b.get(i).is_some_and(u8::is_ascii_digit))
            .map(number);
        let last = second.unwrap_or_else(|| first.clone());
        if let (Some(a), Some(z)) = (value(&first), value(&last)) {
            out.push(PageRange {
                first: a.min(z),
                last: a.max(z),
                span: base + start..base + last.end,
            });
        }
        at = last.end;
    }
    out
}

/// A guideline line: its text, the text lowercased, and where it starts in the letter.
struct Line<'a> {
    text: &'a str,
    lower: &'a str,
    base: usize,
}

/// The citation whose topic is `line[topic]`.
fn citation(
    line: &Line<'_>,
    topic: std::ops::Range<usize>,
    inherited: Option<GuidelineSource>,
    pages: Vec<PageRange>,
    page_label: Option<Span>,
) -> Citation {
    let raw = &line.text[topic.clone()];
    let lowered = &line.lower[topic.clone()];
    let source = if NON_MTUS_WORDS
        .iter()
        .any(|w| w.find(lowered.as_bytes()).is_some())
    {
        GuidelineSource::NonMtus
    } else if raw.contains("ACOEM") {
        let chapter = CHAPTER
            .captures(lowered)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
        GuidelineSource::Acoem(chapter)
    } else if lowered.contains("chronic pain") {
        GuidelineSource::ChronicPain
    } else {
        inherited.unwrap_or(GuidelineSource::ChronicPain)
    };
    let prefix = if older_form(lowered) {
        &OLDER_TOPIC_PREFIX
    } else {
        &TOPIC_PREFIX
    };
    let lead = prefix.find(lowered).map_or(0, |m| m.end());
    let end = part_of_mtus(&lowered[lead..]).map_or(lowered.len(), |at| lead + at);
    let trail = TOPIC_SUFFIX
        .find(&lowered[lead..end])
        .map_or(end, |m| lead + m.start());
    let base = line.base + topic.start;
    Citation {
        source,
        topic: base + lead..base + trail.max(lead),
        page_label,
        pages,
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&NON_MTUS_WORDS);
    LazyLock::force(&OLDER_WORDS);
    LazyLock::force(&PAGE_LIST);
    LazyLock::force(&TOPIC_PREFIX);
    LazyLock::force(&TOPIC_SUFFIX);
    LazyLock::force(&CHAPTER);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, failure_persistence: None, ..Default::default() })]

        /// Citation starts and page labels are where the patterns they replaced found them.
        #[test]
        fn decisions_and_labels_as_the_patterns(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "decision", "based", "on", "page", "pages", "(s)", "(s", ":", " ", "  ", "\u{a0}",
            "\n", "x", "_", "1", "\u{e9}", "decision based on", "page(s):", "indecision on",
        ]), 0..14)) {
            let s = pieces.concat();
            let decision = regex::Regex::new(r"decision\s+based\s+on|(?-u:\b)decision\s+on").unwrap();
            let want: Vec<(usize, usize)> = decision.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(decisions(&s), want);
            let label = regex::Regex::new(r"(?-u:\b)pages?(?:\s*\(s\))?\s*:?").unwrap();
            let want: Vec<Span> = label.find_iter(&s).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(page_labels(&s), want);
        }

        /// The page-list scanner reads what the pattern it replaced read, item for item.
        #[test]
        fn page_items_as_the_pattern(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "1", "7", "63", "123", "4567", "12345", "-", "\u{2013}", " ", "  ", "\u{a0}", "\n",
            ",", "and", "&", "to", "x", "\u{e9}",
        ]), 0..16)) {
            let s = pieces.concat();
            let re = regex::Regex::new(r"([0-9]{1,4})(?:\s*[-–]\s*([0-9]{1,4}))?").unwrap();
            let want: Vec<(u32, u32, std::ops::Range<usize>)> = re
                .captures_iter(&s)
                .map(|c| {
                    let a: u32 = c[1].parse().unwrap();
                    let z: u32 = c.get(2).map_or(a, |m| m.as_str().parse().unwrap());
                    (a.min(z), a.max(z), 5 + c.get(0).unwrap().start()..5 + c.get(0).unwrap().end())
                })
                .collect();
            let got: Vec<(u32, u32, std::ops::Range<usize>)> =
                page_items(&s, 5).into_iter().map(|p| (p.first, p.last, p.span)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// (book, topic text, pages, has a `Page(s):` label) of each citation.
    type Cited = (GuidelineSource, String, Vec<(u32, u32)>, bool);

    fn cite(line: &str) -> Vec<Cited> {
        parse(line, 0..line.len())
            .into_iter()
            .map(|c| {
                (
                    c.source,
                    line[c.topic.clone()].to_string(),
                    c.pages.iter().map(|p| (p.first, p.last)).collect(),
                    c.page_label.is_some(),
                )
            })
            .collect()
    }

    #[test]
    fn single_page_and_ranges() {
        let c = cite(
            "Decision based on MTUS Chronic Pain Treatment Guidelines When to\nContinue Opioids topic. Page(s): 80.",
        );
        assert_eq!(c[0].0, GuidelineSource::ChronicPain);
        assert_eq!(c[0].1, "When to\nContinue Opioids");
        assert_eq!(c[0].2, vec![(80, 80)]);
        let c = cite(
            "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids, criteria for use Page(s): 76-85, 88-89.",
        );
        assert_eq!(c[0].1, "Opioids, criteria for use");
        assert_eq!(c[0].2, vec![(76, 85), (88, 89)]);
        let c = cite(
            "Decision based on MTUS Chronic Pain Treatment Guidelines Baclofen\nsectionMuscle Relaxants  Page(s): 7, 64, 63.",
        );
        assert_eq!(c[0].2, vec![(7, 7), (64, 64), (63, 63)]);
    }

    #[test]
    fn several_citations_and_acoem_chapters() {
        let c = cite(
            "Decision based on MTUS ACOEM Chapter 3 Initial Approaches to\nTreatment Page(s): 48,Chronic Pain Treatment Guidelines Functional Restoration Approach to\nChronic Pain Management, Aquatic Therapy Page(s): 8, 22.",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].0, GuidelineSource::Acoem(Some(3)));
        assert_eq!(c[0].1, "Initial Approaches to\nTreatment");
        assert_eq!(c[0].2, vec![(48, 48)]);
        assert_eq!(c[1].0, GuidelineSource::ChronicPain);
        assert_eq!(c[1].2, vec![(8, 8), (22, 22)]);
    }

    #[test]
    fn empty_missing_and_non_mtus() {
        let c =
            cite("Decision based on MTUS Chronic Pain Treatment Guidelines Gabapentin\nPage(s):.");
        assert_eq!(
            (c[0].1.as_str(), c[0].2.len(), c[0].3),
            ("Gabapentin", 0, true)
        );
        let c = cite("Decision based on MTUS Chronic Pain Treatment Guidelines\nCyclobenzaprine.");
        assert_eq!((c[0].1.as_str(), c[0].3), ("Cyclobenzaprine", false));
        let c = cite(
            "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s):\n7-8.  Decision based on Non-MTUS Citation Food and Drug Administration (FDA), Ambien\nMedication Guide.",
        );
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].1.as_str(), c[0].2.clone()), ("", vec![(7, 8)]));
        assert_eq!(c[1].0, GuidelineSource::NonMtus);
    }

    #[test]
    fn the_older_layouts_sentences() {
        let c = cite(
            "the ACOEM Practice Guidelines, 2nd Edition\n(2004), Chapter 12, Low Back Complaints, pages 303-304, which is part of the MTUS.",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].0, GuidelineSource::Acoem(Some(12)));
        assert_eq!(
            (c[0].1.as_str(), c[0].2.clone()),
            ("Low Back Complaints", vec![(303, 304)])
        );
        let c = cite(
            "the MTUS Chronic Pain Medical Treatment\nGuidelines, Opioids, When to Continue Opioids, page 80, and Tramadol, pages 93-94, which are\npart of the MTUS.",
        );
        let topics: Vec<&str> = c.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(topics, ["Opioids, When to Continue Opioids", "Tramadol"]);
        let c = cite(
            "the MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-85, and 88-89.",
        );
        assert_eq!(c[0].2, vec![(76, 85), (88, 89)]);
        let c = cite(
            "the Chronic Pain Medical Treatment Guidelines (May 2009), Opioids, pages 74-96, which are part of the MTUS.",
        );
        assert_eq!((c.len(), c[0].1.as_str()), (1, "Opioids"));
        let c = cite(
            "the MTUS Chronic Pain Medical Treatment Guidelines, Exercise, pages 46-47, which is part of the MTUS, and the Official Disability Guidelines (ODG), Low Back Chapter, Gym memberships, which is not part of the MTUS.",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].0, c[0].1.as_str()),
            (GuidelineSource::ChronicPain, "Exercise")
        );
        assert_eq!(c[1].0, GuidelineSource::NonMtus);
    }
}
