//! The batch summary: every input accounted for, findings counted by severity and rule.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FileReport, FileStatus};
use crate::diagnostic::Severity;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Inputs read (letters and failures).
    pub files: usize,
    /// Files parsed as letters.
    pub letters: usize,
    /// Items decided in those letters.
    pub items: usize,
    /// Files that could not be linted, with why.
    pub failed: Vec<FailedFile>,
    /// Files under the folders given that are not `.txt` letters.
    pub skipped: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_rule: BTreeMap<String, usize>,
    /// Findings suppressed by the baseline or the ignore list.
    pub suppressed: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FailedFile {
    pub file: String,
    pub reason: String,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.suppressed += report.suppressed;
        match &report.status {
            FileStatus::Linted { items } => {
                self.letters += 1;
                self.items += items;
            }
            FileStatus::Failed { reason } => self.failed.push(FailedFile {
                file: report.file.clone(),
                reason: reason.clone(),
            }),
        }
        for f in &report.findings {
            self.findings += 1;
            *self.by_severity.entry(f.severity).or_default() += 1;
            *self.by_rule.entry(f.rule.clone()).or_default() += 1;
        }
    }

    /// Whether any finding is at or above `level`.
    pub fn has_at_least(&self, level: Severity) -> bool {
        self.by_severity.iter().any(|(s, n)| *s >= level && *n > 0)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity.get(&severity).copied().unwrap_or(0)
    }

    /// `checked 5 letters (28 items): 1 error, 12 warnings, 4 info`.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!(
            "checked {} ({}): {}, {}, {}",
            plural(self.letters, "letter", "letters"),
            plural(self.items, "item", "items"),
            plural(self.count(Severity::Error), "error", "errors"),
            plural(self.count(Severity::Warning), "warning", "warnings"),
            plural(self.count(Severity::Info), "info", "info"),
        );
        if !self.failed.is_empty() {
            s.push_str(&format!(
                "; {} could not be read",
                plural(self.failed.len(), "file", "files")
            ));
        }
        if self.skipped > 0 {
            s.push_str(&format!(
                "; {} skipped (not .txt)",
                plural(self.skipped, "file", "files")
            ));
        }
        if self.suppressed > 0 {
            s.push_str(&format!(
                "; {} suppressed",
                plural(self.suppressed, "finding", "findings")
            ));
        }
        s
    }
}
