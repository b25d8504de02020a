//! GitHub Actions workflow annotations: `::error file=...,line=...::message`.

use std::io::{self, Write};

use super::{FileReport, FileStatus, Summary, Writer};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;

pub struct Github;

/// Escapes a property or message per the workflow-command rules.
fn escape(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

impl Writer for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let FileStatus::Failed { reason } = &report.status {
            writeln!(
                out,
                "::error file={},title=imr-lint::{}",
                escape(&report.file, true),
                escape(reason, false)
            )?;
        }
        for f in &report.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape(&f.file, true),
                f.place.line,
                f.place.column,
                f.place.end_line,
                f.place.end_column,
                escape(&f.rule, true),
                escape(
                    &format!("{}\n{}\ncitation: {}", f.message, f.help, f.citation),
                    false
                )
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write, summary: &Summary, _: &RuleSet) -> io::Result<()> {
        eprintln!("{}", summary.line());
        Ok(())
    }
}
