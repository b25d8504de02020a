//! Section headings of the older layouts, which wrap (`MEDICAL TREATMENT GUIDELINE(S) RELIED
//! UPON BY PROFESSIONAL \nREVIEWER AND WHY:`) and may share their line with text: a heading
//! is found by its first words at the start of a line, whatever the whitespace between
//! them, and runs on to its colon when the colon follows on its line or starts the next.

use regex::Regex;

use super::{Section, SectionKind, Span};
use crate::normalize::Clean;

/// The headings of a layout, each by its first words (lowercase, single spaces).
pub struct Headings {
    kinds: Vec<SectionKind>,
    pattern: Regex,
}

impl Headings {
    pub fn new(headings: &[(SectionKind, &str)]) -> Headings {
        let alternatives: Vec<String> = headings
            .iter()
            .map(|(_, words)| {
                let words: Vec<String> = words.split(' ').map(regex::escape).collect();
                format!("({})", words.join(r"\s+"))
            })
            .collect();
        Headings {
            kinds: headings.iter().map(|(k, _)| *k).collect(),
            pattern: Regex::new(&format!(r"(?m)^(?:{})", alternatives.join("|")))
                .expect("headings regex"),
        }
    }

    /// The sections of a clean text: the first heading of each kind, its body running to
    /// the next heading found (or the end of the text).
    pub fn find(&self, clean: &Clean) -> Vec<Section> {
        let text = clean.text();
        let lower = text.to_ascii_lowercase();
        let mut found: Vec<(SectionKind, Span)> = Vec::new();
        for c in self.pattern.captures_iter(&lower) {
            let Some((i, m)) = (1..c.len()).find_map(|i| c.get(i).map(|m| (i - 1, m))) else {
                continue;
            };
            let kind = self.kinds[i];
            if found.iter().all(|(k, _)| *k != kind) {
                found.push((kind, m.start()..heading_end(text, m.end())));
            }
        }
        found.sort_by_key(|(_, h)| h.start);
        let starts: Vec<usize> = found.iter().map(|(_, h)| h.start).collect();
        found
            .iter()
            .enumerate()
            .map(|(i, (kind, heading))| {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                let body_end = text[..end].trim_end().len().max(heading.end);
                let rest = &text[heading.end..body_end];
                Section {
                    kind: *kind,
                    heading: heading.clone(),
                    body: heading.end + (rest.len() - rest.trim_start().len())..body_end,
                }
            })
            .collect()
    }
}

/// Where a heading whose first words end at `from` ends: after its colon on the same line,
/// or at the start of the next line (unless that line starts a numbered entry); else at
/// the end of its line.
fn heading_end(text: &str, from: usize) -> usize {
    let line_end = text[from..].find('\n').map_or(text.len(), |e| from + e);
    if let Some(colon) = text[from..line_end].find(':') {
        return from + colon + 1;
    }
    if line_end < text.len() {
        let next = &text[line_end + 1..];
        let next_line = next.split('\n').next().unwrap_or("");
        if let Some(colon) = next_line.find(':')
            && colon <= 60
            && super::list::number(next_line).is_none()
            && !next_line[..colon].contains(['.', ','])
        {
            return line_end + 1 + colon + 1;
        }
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_heading_runs_to_its_colon() {
        let clean = Clean::new(
            "CASE SUMMARY:\nThe patient.\nMEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\nREVIEWER AND WHY:\n1) Voltaren: MTUS.\n",
        );
        let h = Headings::new(&[
            (SectionKind::CaseSummary, "case summary:"),
            (
                SectionKind::Guidelines,
                "medical treatment guideline(s) relied upon",
            ),
        ]);
        let text = clean.text();
        let got: Vec<(SectionKind, &str, &str)> = h
            .find(&clean)
            .into_iter()
            .map(|s| (s.kind, &text[s.heading], &text[s.body]))
            .collect();
        assert_eq!(
            got,
            [
                (SectionKind::CaseSummary, "CASE SUMMARY:", "The patient."),
                (
                    SectionKind::Guidelines,
                    "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\nREVIEWER AND WHY:",
                    "1) Voltaren: MTUS."
                ),
            ]
        );
    }
}
