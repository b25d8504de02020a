//! JSON output: one object `{ "version", "findings": [...], "summary": {...} }`.
//!
//! The schema is versioned by [`SCHEMA_VERSION`]; fields are only ever added within a
//! version. Each finding has `file`, `rule`, `severity`, `message`, `item`, `line`,
//! `column`, `end_line`, `end_column`, `start`, `end`, `labels`, `help`, `citation` and
//! `fingerprint`; the summary counts files, letters, items, failures (with reasons),
//! skipped files, findings by severity and by rule, and suppressed findings.

use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, Summary, Writer};
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
}

impl Writer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            out.write_all(if self.written == 0 {
                b"{\n  \"findings\": [\n"
            } else {
                b",\n"
            })?;
            // A finding as a value, so its keys are sorted as in the whole object; pretty
            // text has no raw newline inside strings, so indenting line by line is exact.
            let value = serde_json::to_value(f)?;
            let text = serde_json::to_string_pretty(&value)?;
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"    ")?;
                out.write_all(line.as_bytes())?;
            }
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
