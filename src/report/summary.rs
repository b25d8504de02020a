//! The batch summary: every input accounted for, letters counted by layout, findings
//! counted by severity and rule.

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
    /// Letters by the layout they were read in.
    pub by_layout: BTreeMap<String, usize>,
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
            FileStatus::Linted { items, layout } => {
                self.letters += 1;
                self.items += items;
                *self.by_layout.entry(layout.to_string()).or_default() += 1;
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

    /// `2 final-2014, 1 notice-2013`: letters by layout.
    pub fn layouts(&self) -> String {
        let counts: Vec<String> = self
            .by_layout
            .iter()
            .map(|(layout, n)| format!("{n} {layout}"))
            .collect();
        counts.join(", ")
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
        if self.by_layout.len() > 1 {
            s.push_str(&format!("; {}", self.layouts()));
        }
        if !self.failed.is_empty() {
            s.push_str(&format!(
                "; {} could not be read",
                plural(self.failed.len(), "file", "files")
            ));
        }
        if self.skipped > 0 {
            s.push_str(&format!(
                "; {} skipped (not .txt or .pdf)",
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
