//! CSV output for spreadsheets: a header row, then one row per finding (RFC 4180 quoting);
//! the column before last is the letter's case number, to join findings to a case system,
//! the last a PDF finding's page (its lines count from the top of that page; empty for
//! text). A file that could not be read is a row with rule `imr-lint/unreadable`.

use std::io::{self, Write};

use super::{FileReport, FileStatus, Summary, Writer};
use crate::rules::RuleSet;

const HEADER: [&str; 14] = [
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "rule",
    "item",
    "message",
    "help",
    "citation",
    "fingerprint",
    "case",
    "page",
];

#[derive(Default)]
pub struct Csv {
    started: bool,
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    writeln!(out, "{}", line.join(","))
}

impl Writer for Csv {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if !self.started {
            row(out, &HEADER)?;
            self.started = true;
        }
        if let FileStatus::Failed { reason } = &report.status {
            row(
                out,
                &[
                    &report.file,
                    "",
                    "",
                    "",
                    "",
                    "error",
                    "imr-lint/unreadable",
                    "",
                    reason,
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            )?;
        }
        for f in &report.findings {
            let n = |v: usize| v.to_string();
            row(
                out,
                &[
                    &f.file,
                    &n(f.place.line),
                    &n(f.place.column),
                    &n(f.place.end_line),
                    &n(f.place.end_column),
                    f.severity.as_str(),
                    &f.rule,
                    f.item.as_deref().unwrap_or(""),
                    &f.message,
                    &f.help,
                    &f.citation,
                    &f.fingerprint,
                    f.case.as_deref().unwrap_or(""),
                    &f.place.page.map(n).unwrap_or_default(),
                ],
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary, _: &RuleSet) -> io::Result<()> {
        if !self.started {
            row(out, &HEADER)?;
        }
        Ok(())
    }
}
