//! Findings: what a check reports, with labelled spans into the original file.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Hygiene.
    Info,
    /// A likely guideline breach a reviewer should look at.
    Warning,
    /// A contradiction a letter must not ship with.
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A labelled place in the original file (byte range of the decoded source text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
    /// The place the finding is about (the others give context).
    pub primary: bool,
}

/// One finding in one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The index of the item concerned, or `None` for the letter as a whole.
    pub item: Option<usize>,
    /// Labels, primary first.
    pub labels: Vec<Label>,
    pub help: String,
    pub citation: String,
}

impl Finding {
    /// Where the finding points: the primary label's start (or the file's start).
    pub fn offset(&self) -> usize {
        self.labels.first().map_or(0, |l| l.span.start)
    }
}
