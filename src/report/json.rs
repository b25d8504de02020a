//! JSON output: one object `{ "version", "findings": [...], "summary": {...} }`.
//!
//! The schema is versioned by [`SCHEMA_VERSION`]; fields are only ever added within a
//! version. Each finding has `file`, `rule`, `severity`, `message`, `item`, `line`,
//! `column`, `end_line`, `end_column`, `start`, `end`, `labels`, `help`, `citation` and
//! `fingerprint`; the summary counts files, letters, items, failures (with reasons),
//! skipped files, findings by severity and by rule, and suppressed findings.

use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, Reported, Summary, Writer};
use crate::rules::RuleSet;

/// The version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    findings: Vec<Reported>,
}

impl Writer for Json {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.findings.extend(report.findings.iter().cloned());
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        rules: &RuleSet,
    ) -> io::Result<()> {
        let doc = json!({
            "version": SCHEMA_VERSION,
            "tool": { "name": "imr-lint", "version": env!("CARGO_PKG_VERSION"), "rules": rules.origin },
            "findings": self.findings,
            "summary": summary,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
