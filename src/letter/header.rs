//! The first-page header block: ` Case Number: CM14-0123456`, `Date Assigned:`, `Date of
//! Injury:`, `Decision Date:`, `UR Denial Date:`, `Priority:`, `Application Received:`, and
//! the older layouts' spellings (`IMR Case Number:`, `MAXIMUS Case Number:`, `Dated:`,
//! `Date of UR Decision:`, `IMR Application Received:`).
//!
//! Extraction lays the block out as a table, wrapping and spacing it variously (`Priority:
//! Standard Application \nReceived: \n06/24/2014`): a label is its words with any whitespace
//! between them and a colon, and its value is the first word after it, on the same line or
//! the next, unless another label comes first (an empty field).

use std::sync::LazyLock;

use regex::Regex;

use super::Span;
use crate::letter::dates::{self, Ymd};

/// A field of the header block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderKey {
    CaseNumber,
    /// The date of a notice (`Notice of Independent Medical Review Determination Dated:`).
    Dated,
    DateAssigned,
    DateOfInjury,
    DecisionDate,
    UrDenialDate,
    Priority,
    ApplicationReceived,
}

impl HeaderKey {
    pub const ALL: [HeaderKey; 8] = [
        HeaderKey::CaseNumber,
        HeaderKey::Dated,
        HeaderKey::DateAssigned,
        HeaderKey::DateOfInjury,
        HeaderKey::DecisionDate,
        HeaderKey::UrDenialDate,
        HeaderKey::Priority,
        HeaderKey::ApplicationReceived,
    ];

    /// The key's name in rule files and JSON (`decision-date`).
    pub fn name(self) -> &'static str {
        match self {
            HeaderKey::CaseNumber => "case-number",
            HeaderKey::Dated => "dated",
            HeaderKey::DateAssigned => "date-assigned",
            HeaderKey::DateOfInjury => "date-of-injury",
            HeaderKey::DecisionDate => "decision-date",
            HeaderKey::UrDenialDate => "ur-denial-date",
            HeaderKey::Priority => "priority",
            HeaderKey::ApplicationReceived => "application-received",
        }
    }

    pub fn from_name(name: &str) -> Option<HeaderKey> {
        HeaderKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether the field holds a date.
    pub fn is_date(self) -> bool {
        !matches!(self, HeaderKey::CaseNumber | HeaderKey::Priority)
    }
}

/// One field of the header block.
#[derive(Debug, Clone)]
pub struct HeaderField {
    pub key: HeaderKey,
    /// The label as written (`Application \nReceived:`).
    pub label: Span,
    /// The value; empty (at the label's end) when the field is blank.
    pub value: Span,
    /// The value as a calendar date, for a date field whose value is one.
    pub date: Option<Ymd>,
}

/// The labels, lowercase, words separated by single spaces; `None` for labels read only so
/// that they end the field before them (the redacted names and numbers).
const LABELS: &[(&str, Option<HeaderKey>)] = &[
    ("imr case number", Some(HeaderKey::CaseNumber)),
    ("maximus case number", Some(HeaderKey::CaseNumber)),
    ("case number", Some(HeaderKey::CaseNumber)),
    ("dated", Some(HeaderKey::Dated)),
    ("date assigned", Some(HeaderKey::DateAssigned)),
    ("date of injury", Some(HeaderKey::DateOfInjury)),
    ("decision date", Some(HeaderKey::DecisionDate)),
    ("ur denial date", Some(HeaderKey::UrDenialDate)),
    ("date of ur decision", Some(HeaderKey::UrDenialDate)),
    ("priority", Some(HeaderKey::Priority)),
    (
        "imr application received",
        Some(HeaderKey::ApplicationReceived),
    ),
    ("application received", Some(HeaderKey::ApplicationReceived)),
    ("claims number", None),
    ("claim number", None),
    ("employee name", None),
    ("employee", None),
    ("provider name", None),
];

/// Any label: its words with any whitespace between them, then a colon (lowercase text).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = LABELS.iter().map(|(l, _)| *l).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alternatives: Vec<String> = labels.iter().map(|l| l.replace(' ', r"\s+")).collect();
    Regex::new(&format!(r"(?-u:\b)(?:{})\s*:", alternatives.join("|"))).expect("label regex")
});

/// The header fields written in `region` of `text`.
pub fn read(text: &str, region: Span) -> Vec<HeaderField> {
    // Most letters without a header block have nothing before their first heading.
    if !text[region.clone()].contains(':') {
        return Vec::new();
    }
    let lower = text[region.clone()].to_ascii_lowercase();
    let found: Vec<(Span, Option<HeaderKey>)> = LABEL
        .find_iter(&lower)
        .map(|m| {
            let words = lower[m.start()..m.end() - 1].split_whitespace();
            let name = words.collect::<Vec<_>>().join(" ");
            let key = LABELS
                .iter()
                .find(|(l, _)| *l == name)
                .and_then(|(_, k)| *k);
            (m.start()..m.end(), key)
        })
        .collect();
    let mut out: Vec<HeaderField> = Vec::new();
    for (i, (label, key)) in found.iter().enumerate() {
        let Some(key) = *key else { continue };
        if out.iter().any(|f| f.key == key) {
            continue;
        }
        let next_label = found.get(i + 1).map_or(lower.len(), |(l, _)| l.start);
        let value = value(&lower[..next_label], label.end);
        let at = |s: &Span| region.start + s.start..region.start + s.end;
        let value = at(&value);
        out.push(HeaderField {
            key,
            label: at(label),
            date: key.is_date().then(|| date(text, &value)).flatten(),
            value,
        });
    }
    out
}

/// The first word after `from` on its line; or, when the line has nothing more, the next
/// line's first word if that word is all the line holds before `end` (a value a table cell
/// wrapped, not the prose after a blank field). Empty at `from` when there is none.
fn value(lower: &str, from: usize) -> Span {
    let rest = &lower[from..];
    let lead = rest.len() - rest.trim_start().len();
    let skipped = &rest[..lead];
    let breaks = skipped.matches('\n').count();
    if rest.trim_start().is_empty() || breaks > 1 {
        return from..from;
    }
    let start = from + lead;
    let len = lower[start..]
        .find(char::is_whitespace)
        .unwrap_or(lower.len() - start);
    let after = &lower[start + len..];
    let line_rest = after.split('\n').next().unwrap_or("");
    if breaks == 1 && !line_rest.trim().is_empty() {
        return from..from;
    }
    start..start + len
}

/// A value that is a calendar date (`06/24/2014`, `9/26/2013`, `June 24, 2014`).
fn date(text: &str, value: &Span) -> Option<Ymd> {
    let found = dates::find(text, value);
    let d = found.first().filter(|d| d.span.start == value.start)?;
    let ((year, month, day), after) = (d.date, &text[d.span.end..value.end]);
    let days = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (after.trim_end_matches(['.', ',']).is_empty() && day <= days).then_some(d.date)
}

/// The case number: the header's, else the first one the letter writes (running headers
/// repeat it: `Final Determination Letter for IMR Case Number CM15-0187302`).
pub fn case_number(text: &str, header: &[HeaderField]) -> Option<Span> {
    let from_header = header
        .iter()
        .find(|f| f.key == HeaderKey::CaseNumber && !f.value.is_empty())
        .map(|f| f.value.clone());
    from_header.or_else(|| find_case_number(text))
}

/// The first case number written in `text`: `CM`, two digits, `-`, four to eight digits,
/// standing as a word (MAXIMUS writes it in capitals). Read by hand after a substring
/// search for `CM`: a pattern's automaton would walk every letter, most of which have none.
pub fn find_case_number(text: &str) -> Option<Span> {
    let b = text.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    memchr::memmem::find_iter(b, b"CM").find_map(|at| {
        let year = b.get(at + 2..at + 4)?;
        if (at > 0 && word(at - 1))
            || !year.iter().all(u8::is_ascii_digit)
            || b.get(at + 4) != Some(&b'-')
        {
            return None;
        }
        let digits = b[at + 5..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let end = at + 5 + digits;
        ((4..=8).contains(&digits) && !word(end)).then_some(at..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(HeaderKey, String, Option<Ymd>)> {
        read(text, 0..text.len())
            .into_iter()
            .map(|f| (f.key, text[f.value].to_string(), f.date))
            .collect()
    }

    #[test]
    fn a_table_wrapped_by_extraction() {
        let text = "Case Number: CM14-0094418\nDate Assigned: 07/03/2014 Date of Injury:  08/27/2012\nDecision Date: 06/11/2014 UR Denial Date:  06/16/2014\nPriority:  Standard Application\nReceived:\n06/24/2014";
        assert_eq!(
            fields(text),
            [
                (HeaderKey::CaseNumber, "CM14-0094418".into(), None),
                (
                    HeaderKey::DateAssigned,
                    "07/03/2014".into(),
                    Some((2014, 7, 3))
                ),
                (
                    HeaderKey::DateOfInjury,
                    "08/27/2012".into(),
                    Some((2012, 8, 27))
                ),
                (
                    HeaderKey::DecisionDate,
                    "06/11/2014".into(),
                    Some((2014, 6, 11))
                ),
                (
                    HeaderKey::UrDenialDate,
                    "06/16/2014".into(),
                    Some((2014, 6, 16))
                ),
                (HeaderKey::Priority, "Standard".into(), None),
                (
                    HeaderKey::ApplicationReceived,
                    "06/24/2014".into(),
                    Some((2014, 6, 24))
                ),
            ]
        );
    }

    #[test]
    fn older_spellings_blank_fields_and_values_that_are_not_dates() {
        let text = "Notice of Independent Medical Review Determination Dated: 9/26/2013\nEmployee:\nClaim Number:\nDate of UR Decision:  8/7/2013\nIMR Case Number:  CM13-0042186 Date of Injury: 02/31/2012\nClaims Number:    UR Denial Date:\nPriority:\nIMR Application Received:  pending";
        assert_eq!(
            fields(text),
            [
                (HeaderKey::Dated, "9/26/2013".into(), Some((2013, 9, 26))),
                (
                    HeaderKey::UrDenialDate,
                    "8/7/2013".into(),
                    Some((2013, 8, 7))
                ),
                (HeaderKey::CaseNumber, "CM13-0042186".into(), None),
                (HeaderKey::DateOfInjury, "02/31/2012".into(), None),
                (HeaderKey::Priority, "".into(), None),
                (HeaderKey::ApplicationReceived, "pending".into(), None),
            ]
        );
    }

    #[test]
    fn a_blank_field_before_prose_has_no_value() {
        let text = "UR Denial Date:\nMAXIMUS Federal Services, Inc. has completed the review.\nPriority:  Standard";
        assert_eq!(
            fields(text),
            [
                (HeaderKey::UrDenialDate, "".into(), None),
                (HeaderKey::Priority, "Standard".into(), None),
            ]
        );
    }

    #[test]
    fn case_numbers_stand_as_words() {
        let found = |t: &str| find_case_number(t).map(|s| t[s].to_string());
        assert_eq!(
            found("IMR Case Number CM15-0187302 "),
            Some("CM15-0187302".into())
        );
        assert_eq!(
            found("CMS 2014; xCM15-0187302; CM15-018730211; CM15-0187302"),
            Some("CM15-0187302".into())
        );
        assert_eq!(found("CM1-0187302 CM15 0187302 CM15-018"), None);
    }

    #[test]
    fn the_case_number_of_a_running_header() {
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nFinal Determination Letter for IMR Case Number CM15-0187302";
        let header = read(text, 0..0);
        assert_eq!(
            case_number(text, &header).map(|s| &text[s]),
            Some("CM15-0187302")
        );
    }
}
