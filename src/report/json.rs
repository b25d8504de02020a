//! JSON output: one object `{ "version", "findings": [...], "summary": {...} }`.
//!
//! The schema is versioned by [`SCHEMA_VERSION`]; fields are only ever added within a
//! version. Each finding has `file`, `case` (the letter's case number, or null), `rule`,
//! `severity`, `message`, `item`, `line`, `column`, `end_line`, `end_column` (and `page`,
//! `end_page` for a PDF), `start`, `end`, `labels`, `help`, `citation` and
//! `fingerprint`; the summary counts files, letters, items, failures (with reasons),
//! skipped files, findings by severity and by rule, and suppressed findings.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::{FileReport, Reported, ReportedLabel, Summary, Writer};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;

/// The version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// Streams findings out as they arrive, so memory stays flat however many letters a batch
/// holds; the bytes are those `serde_json::to_writer_pretty` writes for the whole object
/// (keys sorted: `findings`, `summary`, `tool`, `version`).
#[derive(Default)]
pub struct Json {
    /// Findings written so far.
    written: usize,
    /// One finding's text, reused.
    buf: Vec<u8>,
}

/// `serde_json`'s pretty layout (two spaces a level) for a value written two levels deep,
/// as a finding is inside `{ "findings": [ ... ] }`.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Default for Nested {
    fn default() -> Nested {
        Nested {
            level: 2,
            has_value: false,
        }
    }
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(bracket)
    }

    fn newline<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b"\n")?;
        (0..self.level).try_for_each(|_| out.write_all(b"  "))
    }

    fn entry<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.entry(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.entry(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Writer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            out.write_all(if self.written == 0 {
                b"{\n  \"findings\": [\n"
            } else {
                b",\n"
            })?;
            self.buf.clear();
            self.buf.extend_from_slice(b"    ");
            let mut json = serde_json::Serializer::with_formatter(&mut self.buf, Nested::default());
            Sorted::from(f).serialize(&mut json)?;
            out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        rules: &RuleSet,
    ) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"{\n  \"findings\": [],\n"
        } else {
            b"\n  ],\n"
        })?;
        let rest = json!({
            "version": SCHEMA_VERSION,
            "tool": { "name": "imr-lint", "version": env!("CARGO_PKG_VERSION"), "rules": rules.origin },
            "summary": summary,
        });
        let text = serde_json::to_string_pretty(&rest)?;
        out.write_all(text.strip_prefix("{\n").unwrap_or(&text).as_bytes())?;
        writeln!(out)
    }
}

/// A finding with its keys in sorted order, as `serde_json::Value` would write them.
#[derive(Serialize)]
struct Sorted<'a> {
    case: Option<&'a str>,
    citation: &'a str,
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_page: Option<usize>,
    file: &'a str,
    fingerprint: &'a str,
    help: &'a str,
    item: Option<&'a str>,
    labels: Vec<SortedLabel<'a>>,
    line: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    rule: &'a str,
    severity: Severity,
    start: usize,
}

/// A label with its keys in sorted order.
#[derive(Serialize)]
struct SortedLabel<'a> {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_page: Option<usize>,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    primary: bool,
    start: usize,
    text: &'a str,
}

impl<'a> From<&'a Reported> for Sorted<'a> {
    fn from(f: &'a Reported) -> Sorted<'a> {
        let p = &f.place;
        Sorted {
            case: f.case.as_deref(),
            citation: &f.citation,
            column: p.column,
            end: p.end,
            end_column: p.end_column,
            end_line: p.end_line,
            end_page: p.end_page,
            file: &f.file,
            fingerprint: &f.fingerprint,
            help: &f.help,
            item: f.item.as_deref(),
            labels: f.labels.iter().map(SortedLabel::from).collect(),
            line: p.line,
            message: &f.message,
            page: p.page,
            rule: &f.rule,
            severity: f.severity,
            start: p.start,
        }
    }
}

impl<'a> From<&'a ReportedLabel> for SortedLabel<'a> {
    fn from(l: &'a ReportedLabel) -> SortedLabel<'a> {
        let p = &l.place;
        SortedLabel {
            column: p.column,
            end: p.end,
            end_column: p.end_column,
            end_line: p.end_line,
            end_page: p.end_page,
            line: p.line,
            page: p.page,
            primary: l.primary,
            start: p.start,
            text: &l.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Place;

    #[test]
    fn sorted_findings_carry_every_field_of_a_finding() {
        let place = Place {
            page: Some(2),
            end_page: Some(2),
            line: 3,
            column: 4,
            end_line: 3,
            end_column: 9,
            start: 40,
            end: 45,
        };
        let finding = Reported {
            file: "a.txt".into(),
            case: Some("CM14-0094418".into()),
            rule: "hygiene/mojibake".into(),
            severity: Severity::Info,
            message: "garbled".into(),
            item: Some("Norco: Upheld".into()),
            place: place.clone(),
            labels: vec![ReportedLabel {
                place,
                text: "here".into(),
                primary: true,
            }],
            help: "fix it".into(),
            citation: "none".into(),
            fingerprint: "abc".into(),
        };
        let direct = serde_json::to_value(&finding).unwrap();
        let sorted = serde_json::to_value(Sorted::from(&finding)).unwrap();
        assert_eq!(direct, sorted);
        let text = serde_json::to_string_pretty(&Sorted::from(&finding)).unwrap();
        let keys: Vec<&str> = direct
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text.find(&format!("\n  \"{k}\":")).unwrap())
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "keys out of order in {text}"
        );
    }

    #[test]
    fn nested_layout_is_the_pretty_layout_indented_two_levels() {
        let place = Place {
            page: None,
            end_page: None,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            start: 0,
            end: 1,
        };
        let label = ReportedLabel {
            place: place.clone(),
            text: "a \"quoted\" label".into(),
            primary: true,
        };
        for labels in [vec![], vec![label.clone(), label]] {
            let finding = Reported {
                file: "a.txt".into(),
                case: None,
                rule: "r".into(),
                severity: Severity::Warning,
                message: "m\u{e9}".into(),
                item: None,
                place: place.clone(),
                labels,
                help: "h".into(),
                citation: "c".into(),
                fingerprint: "f".into(),
            };
            let pretty = serde_json::to_string_pretty(&Sorted::from(&finding)).unwrap();
            let expected: Vec<String> = pretty.lines().map(|l| format!("    {l}")).collect();
            let mut nested = b"    ".to_vec();
            let mut json = serde_json::Serializer::with_formatter(&mut nested, Nested::default());
            Sorted::from(&finding).serialize(&mut json).unwrap();
            assert_eq!(String::from_utf8(nested).unwrap(), expected.join("\n"));
        }
    }
}
