//! The clean text view: extraction noise removed, every byte mapped back to the source.
//!
//! PDF extraction leaves an empty line after every line, wrapped lines, trailing spaces,
//! page breaks as runs of empty lines or form feeds, running headers such as `Page 3 of 9`,
//! and words hyphenated across lines. [`Clean`] keeps one trimmed line per non-noise source
//! line, joined by `\n`; a word hyphenated at a line end is joined back (dropping the hyphen
//! when the whole word occurs elsewhere in the letter, keeping it for compounds such as
//! `long-term`). The offset map sends any clean range back to the exact source bytes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{scan, simd};

/// Page furniture: `Page 3 of 9`, `Page 3`, `3 of 9`, `- 3 -`, optionally after a short
/// running header on the same line (the line's length is bounded in [`page_noise`], not
/// here: a counted repetition of `.` compiles to a large automaton).
static PAGE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:.*\s)?(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)$")
        .expect("page regex")
});

/// A run of bytes copied verbatim from the source.
#[derive(Debug, Clone, Copy)]
struct Segment {
    clean: usize,
    source: usize,
    len: usize,
}

/// The normalised text of a letter with its map back to the source.
#[derive(Debug)]
pub struct Clean {
    text: String,
    segments: Vec<Segment>,
    lines: Vec<Range<usize>>,
}

impl Clean {
    /// Normalises source text.
    pub fn new(source: &str) -> Clean {
        let lines = source_lines(source);
        // The source lowercased, made when the first hyphenated word is rejoined.
        let mut lowered: Option<String> = None;
        let mut clean = Clean {
            text: String::with_capacity(source.len()),
            segments: Vec::with_capacity(lines.len()),
            lines: Vec::with_capacity(lines.len()),
        };
        let furniture = running_lines(source, &lines);
        for l in &lines {
            let line = &source[l.range.clone()];
            if l.noise || furniture.contains(&line) {
                continue;
            }
            let joined = clean.joins_hyphenated(line, source, &mut lowered);
            if !joined && !clean.text.is_empty() {
                clean.text.push('\n');
            }
            if !joined {
                clean.lines.push(clean.text.len()..clean.text.len());
            }
            clean.segments.push(Segment {
                clean: clean.text.len(),
                source: l.range.start,
                len: line.len(),
            });
            clean.text.push_str(line);
            if let Some(last) = clean.lines.last_mut() {
                last.end = clean.text.len();
            }
        }
        clean
    }

    /// If the clean text ends in `word-` and `line` starts with a lowercase letter, joins
    /// them (removing the hyphen when the joined word is known elsewhere). Returns whether
    /// the line continues the previous one.
    fn joins_hyphenated(&mut self, line: &str, source: &str, lowered: &mut Option<String>) -> bool {
        let Some(head) = self.text.strip_suffix('-') else {
            return false;
        };
        let before = head.chars().next_back();
        let after = line.chars().next();
        if !before.is_some_and(char::is_alphabetic) || !after.is_some_and(char::is_lowercase) {
            return false;
        }
        let stem_start = head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let tail_end = line
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(line.len());
        let word = format!("{}{}", &head[stem_start..], &line[..tail_end]).to_lowercase();
        let lowered = lowered.get_or_insert_with(|| source.to_ascii_lowercase());
        let known = has_word(source, lowered, &word);
        if known {
            self.text.pop();
            if let Some(seg) = self.segments.last_mut() {
                seg.len = seg.len.saturating_sub(1);
            }
        }
        true
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The clean lines, as ranges of [`Clean::text`].
    pub fn lines(&self) -> &[Range<usize>] {
        &self.lines
    }

    /// Maps a clean offset to a source offset. Offsets that fall on text the normaliser
    /// inserted (a joining newline) map to the end of the preceding source run.
    pub fn to_source(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.clean <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some(s) => s.source + (offset - s.clean).min(s.len),
            None => self.segments.first().map_or(0, |s| s.source),
        }
    }

    /// Maps a clean range to the source range that covers exactly the same text.
    pub fn span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_source(range.start);
        if range.end <= range.start {
            return start..start;
        }
        let last = self.to_source(range.end - 1);
        start..(last + 1).max(start)
    }
}

/// A source line with text in it, trimmed, and what separates it from the one before.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    range: Range<usize>,
    /// Line feeds since the line before (CRLF counts one; a lone CR none).
    newlines: usize,
    /// A form feed since the line before.
    feed: bool,
    /// Page furniture by its words ([`page_noise`]).
    noise: bool,
}

/// The source lines with text in them, trimmed of surrounding whitespace, split at LF,
/// CRLF, CR and form feed.
fn source_lines(source: &str) -> Vec<Line> {
    // Sized for lines of 64 bytes (with the empty ones between), so it seldom grows.
    let mut out = Vec::with_capacity(source.len() / 64 + 1);
    let (mut start, mut newlines, mut feed) = (0, 0, false);
    // Lines are short (a PDF extraction puts an empty one after each), so the breaks are
    // marked sixteen bytes at a time rather than searched for one by one.
    simd::each(source.as_bytes(), simd::break_bits16, |i| {
        out.extend(line(source, start..i, &mut newlines, &mut feed));
        match source.as_bytes()[i] {
            b'\n' => newlines += 1,
            0x0c => feed = true,
            _ => {}
        }
        start = i + 1;
    });
    out.extend(line(source, start..source.len(), &mut newlines, &mut feed));
    out
}

/// The line between two breaks, unless it is empty once trimmed; it takes the gap before
/// it (`newlines`, `feed`) when it is not.
fn line(source: &str, range: Range<usize>, newlines: &mut usize, feed: &mut bool) -> Option<Line> {
    let range = scan::trim(source, range);
    (!range.is_empty()).then(|| Line {
        noise: page_noise(&source[range.clone()]),
        range,
        newlines: std::mem::take(newlines),
        feed: std::mem::take(feed),
    })
}

/// Whether a (trimmed) line is page furniture. Every form of it ends in a digit or `-`,
/// so most lines are ruled out without running the regex.
fn page_noise(line: &str) -> bool {
    line.len() <= 120
        && line.ends_with(|c: char| c.is_numeric() || c == '-')
        && PAGE_NOISE.is_match(line)
}

/// Running headers and footers, found by repetition whatever their words: a line that
/// stands at a page boundary (after or before four or more empty lines or a form feed, or
/// next to a `Page N of M` line) at least twice, at least as often there as elsewhere, and
/// elsewhere once at most. Such a line is furniture wherever it falls, mid-sentence
/// included. Running text that a page break happened to fall beside ("medically
/// necessary.", "Guidelines.") is told apart by its shape ([`sentence_tail`]).
fn running_lines<'s>(source: &'s str, lines: &[Line]) -> Vec<&'s str> {
    const MAX_LEN: usize = 120;
    let long_gap = page_gap(lines.iter().skip(1).map(|l| l.newlines));
    // The lines at a page break, each once, in order.
    let mut at_boundary: Vec<usize> = Vec::new();
    for (i, pair) in lines.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        if b.feed || b.newlines >= long_gap || a.noise || b.noise {
            if at_boundary.last() != Some(&i) {
                at_boundary.push(i);
            }
            at_boundary.push(i + 1);
        }
    }
    if !lines.is_empty() && at_boundary.first() != Some(&0) {
        at_boundary.insert(0, 0);
    }
    let text = |l: &Line| &source[l.range.clone()];
    let mut at_boundary: Vec<&str> = at_boundary
        .into_iter()
        .map(|i| &lines[i])
        .filter(|l| l.range.len() <= MAX_LEN && !l.noise && !sentence_tail(text(l)))
        .map(text)
        .collect();
    at_boundary.sort_unstable();
    let mut out: Vec<&str> = Vec::new();
    for run in at_boundary.chunk_by(|a, b| a == b) {
        if run.len() < 2 {
            continue;
        }
        let everywhere = lines.iter().filter(|l| text(l) == run[0]).count();
        if run.len() * 2 >= everywhere && everywhere - run.len() <= 1 {
            out.push(run[0]);
        }
    }
    out
}

/// How many line breaks between two lines make a page break: more than a paragraph break,
/// the commonest gap longer than the commonest one (a line break). PDF text is spaced
/// variously (an empty line after every line, or none), so this is read from the letter:
/// double-spaced text breaks lines with 2 and paragraphs with 4, a page with 5 or more;
/// single-spaced text with 1, 2 and 3.
fn page_gap(gaps: impl Iterator<Item = usize>) -> usize {
    let mut counts = [0usize; 8];
    for g in gaps {
        counts[g.min(7)] += 1;
    }
    let commonest = |from: usize| {
        (from..7)
            .filter(|&g| counts[g] > 0)
            .max_by_key(|&g| (counts[g], std::cmp::Reverse(g)))
    };
    let line = commonest(1).unwrap_or(1);
    let paragraph = commonest(line + 1).unwrap_or(line + 1);
    (paragraph + 1).max(line + 2)
}

/// Whether a line reads as running text rather than a header: it starts in lowercase
/// (a wrapped sentence), or closes a sentence with one word (`Guidelines.`) or five or more.
fn sentence_tail(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.starts_with(char::is_lowercase) || (line.ends_with('.') && (words == 1 || words >= 5))
}

/// Whether `word` (lowercase) stands as a whole word in `text`, in any ASCII case
/// (`lowered` is `text` in ASCII lowercase).
fn has_word(text: &str, lowered: &str, word: &str) -> bool {
    let alphabetic = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    memchr::memmem::find_iter(lowered.as_bytes(), word.as_bytes()).any(|at| {
        let end = at + word.len();
        !alphabetic(text[..at].chars().next_back()) && !alphabetic(text[end..].chars().next())
    })
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PAGE_NOISE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_blank_lines_and_page_furniture() {
        let src = " CLINICAL CASE SUMMARY \n\n\nPage 2 of 9\n\x0cThe applicant  \r\n\r\nis here.\n";
        let c = Clean::new(src);
        assert_eq!(c.text(), "CLINICAL CASE SUMMARY\nThe applicant\nis here.");
        assert_eq!(c.lines().len(), 3);
        let at = c.text().find("applicant").unwrap();
        let span = c.span(at..at + "applicant".len());
        assert_eq!(&src[span], "applicant");
    }

    #[test]
    fn drops_a_running_header_found_by_repetition_wherever_it_falls() {
        // Double-spaced (an empty line after every line), then the same single-spaced.
        for (line, para, page) in [
            ("\n\n", "\n\n\n\n", "\n\n\n\n\n\n"),
            ("\n", "\n\n", "\n\n\n"),
        ] {
            let body = |n: usize| vec!["The applicant reports low back pain"; n].join(line);
            let header = "IMR Case Number: CM15-0178342";
            let src = format!(
                "Case Number: CM15-0178342{para}{b}{line}takes{page}{header}{line}Norco.{para}{b}{page}{header}{line}{b}{para}Therefore, the request is medically necessary.{page}{header}{line}Done.",
                b = body(4)
            );
            let c = Clean::new(&src);
            assert!(!c.text().contains(header), "{line:?}: {}", c.text());
            assert!(c.text().contains("Case Number: CM15-0178342\n"));
            assert!(c.text().contains("takes\nNorco."), "{}", c.text());
            assert_eq!(c.text().matches("medically necessary").count(), 1);
            let at = c.text().find("Norco").unwrap();
            assert_eq!(&src[c.span(at..at + 5)], "Norco");
        }
    }

    #[test]
    fn spans_across_joined_lines_cover_the_source() {
        let src = "medically\n\nnecessary.";
        let c = Clean::new(src);
        assert_eq!(c.text(), "medically\nnecessary.");
        assert_eq!(&src[c.span(0..c.text().len())], src);
    }

    #[test]
    fn rejoins_hyphenated_words() {
        let src = "the request is medi-\ncally necessary; medically so.\nlong-\nterm use";
        let c = Clean::new(src);
        assert_eq!(
            c.text(),
            "the request is medically necessary; medically so.\nlong-term use"
        );
        let at = c.text().find("medically").unwrap();
        assert_eq!(&src[c.span(at..at + 9)], "medi-\ncally");
    }

    #[test]
    fn lines_split_at_every_break_wherever_it_falls() {
        for len in 0..40 {
            for at in 0..len {
                for brk in ["\n", "\r", "\x0c", "\r\n"] {
                    let mut text = "x".repeat(len);
                    text.replace_range(at..at + 1, brk);
                    let naive: Vec<&str> = text
                        .split(['\n', '\r', '\x0c'])
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect();
                    let lines = source_lines(&text);
                    let got: Vec<&str> = lines.iter().map(|l| &text[l.range.clone()]).collect();
                    assert_eq!(got, naive, "{text:?}");
                    if let [_, second] = &lines[..] {
                        assert_eq!(second.newlines, usize::from(brk.contains('\n')));
                        assert_eq!(second.feed, brk == "\x0c");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, failure_persistence: None, ..Default::default() })]

        /// Each line with text, and the line feeds and form feeds between it and the one
        /// before, as read off the bytes between them.
        #[test]
        fn lines_and_gaps_as_the_bytes_between(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "\n", "\r", "\r\n", "\x0c", " ", "\t", "\u{a0}", "x", "Page 2 of 9", "- 3 -", "word.",
        ]), 0..40)) {
            let text: String = pieces.concat();
            let lines = source_lines(&text);
            let naive: Vec<&str> = text
                .split(['\n', '\r', '\x0c'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let got: Vec<&str> = lines.iter().map(|l| &text[l.range.clone()]).collect();
            proptest::prop_assert_eq!(got, naive);
            for pair in lines.windows(2) {
                let gap = &text.as_bytes()[pair[0].range.end..pair[1].range.start];
                proptest::prop_assert_eq!(pair[1].newlines, gap.iter().filter(|&&b| b == b'\n').count());
                proptest::prop_assert_eq!(pair[1].feed, gap.contains(&0x0c));
            }
            for l in &lines {
                proptest::prop_assert_eq!(l.noise, page_noise(&text[l.range.clone()]));
            }
        }
    }
}
