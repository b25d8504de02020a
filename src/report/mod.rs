//! Reports: findings resolved to lines and columns of the original file, per-file status,
//! the batch summary, and one writer per output format.

mod csv;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod sarif;
mod summary;

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Finding, Severity};
use crate::letter::Document;
use crate::rules::RuleSet;
use crate::text::collapse;

pub use html::profile::Profile;
pub use human::{Human, render_letter};
pub use summary::Summary;

/// A labelled place, resolved for output (1-based lines and columns, end exclusive; in a
/// PDF, lines count from the top of the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The 1-based PDF page of the start and of the end (`None` for a text file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_page: Option<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offsets in the decoded source text.
    pub start: usize,
    pub end: usize,
}

impl Place {
    /// Where the place starts, to follow a file name: `12:8`, or `page 3:line 12:8` in a PDF.
    pub fn position(&self) -> String {
        match self.page {
            Some(page) => format!("page {page}:line {}:{}", self.line, self.column),
            None => format!("{}:{}", self.line, self.column),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedLabel {
    #[serde(flatten)]
    pub place: Place,
    pub text: String,
    pub primary: bool,
}

/// A finding ready for any output format: it no longer needs the letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    pub file: String,
    /// The letter's case number (`CM14-0123456`), when it gives one.
    pub case: Option<String>,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The item's header text, or `None` for a letter-level finding.
    pub item: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    pub labels: Vec<ReportedLabel>,
    pub help: String,
    pub citation: String,
    /// Stable across edits elsewhere in the letter: rule, item request and the text pointed at.
    pub fingerprint: String,
}

impl Reported {
    pub fn new(doc: &Document, f: Finding) -> Reported {
        let place = |span: &std::ops::Range<usize>| {
            let (line, column) = doc.source.line_col(span.start);
            let (end_line, end_column) = doc.source.line_col(span.end);
            Place {
                page: doc.source.page(span.start),
                end_page: doc.source.page(span.end),
                line,
                column,
                end_line,
                end_column,
                start: span.start,
                end: span.end,
            }
        };
        let item = f
            .item
            .and_then(|i| doc.letter.items.get(i))
            .map(|i| collapse(doc.text(&i.header)));
        let pointed = f
            .labels
            .first()
            .and_then(|l| doc.source.text().get(l.span.clone()))
            .unwrap_or("");
        // The item by its request, not its whole header: changing the outcome word must
        // not make the item's other findings new to a baseline.
        let request = f
            .item
            .and_then(|i| doc.letter.items.get(i))
            .map(|i| collapse(doc.text(&i.request.span)));
        let fingerprint = fingerprint(&[
            &f.rule,
            request.as_deref().unwrap_or(""),
            &collapse(pointed).to_lowercase(),
        ]);
        Reported {
            file: doc.source.name().to_string(),
            case: doc.case_number().map(str::to_string),
            severity: f.severity,
            item,
            place: place(&f.labels.first().map_or(0..0, |l| l.span.clone())),
            labels: f
                .labels
                .into_iter()
                .map(|l| ReportedLabel {
                    place: place(&l.span),
                    text: l.text,
                    primary: l.primary,
                })
                .collect(),
            rule: f.rule,
            message: f.message,
            help: f.help,
            citation: f.citation,
            fingerprint,
        }
    }
}

/// FNV-1a (64-bit) over the parts, as 16 hex digits: stable across builds and platforms.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Whether a file could be linted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum FileStatus {
    Linted {
        items: usize,
        /// The layout the letter was read in.
        layout: &'static str,
    },
    Failed {
        reason: String,
    },
}

/// The result for one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub file: String,
    pub status: FileStatus,
    pub findings: Vec<Reported>,
    /// The file's human rendering, made while the letter was at hand.
    pub rendered: Option<String>,
    /// What the HTML report shows of the letter, taken while it was at hand.
    pub profile: Option<Box<Profile>>,
    /// Findings a baseline or suppression accepted (not in `findings`).
    pub suppressed: usize,
}

impl FileReport {
    pub fn failed(file: String, reason: String) -> FileReport {
        FileReport {
            file,
            status: FileStatus::Failed { reason },
            findings: Vec::new(),
            rendered: None,
            profile: None,
            suppressed: 0,
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics with the letter's text, and a summary.
    Human,
    /// One JSON object: version, findings, summary.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One CSV row per finding.
    Csv,
    /// JUnit XML: a test case per letter.
    Junit,
    /// One self-contained HTML page: overview, letters table, each letter's findings marked.
    Html,
}

/// Streams file reports out in one format.
pub trait Writer {
    /// One file's result (files arrive in path order).
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    /// The end of the batch.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, rules: &RuleSet)
    -> io::Result<()>;
}

/// Human output options.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub graphical: bool,
    pub width: usize,
    pub statistics: bool,
    pub quiet: bool,
}

/// The writer for a format.
pub fn writer(format: Format, human: HumanOptions) -> Box<dyn Writer> {
    match format {
        Format::Human => Box::new(Human::new(human)),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
        Format::Csv => Box::new(csv::Csv::default()),
        Format::Junit => Box::new(junit::Junit::default()),
        Format::Html => Box::new(html::Html::default()),
    }
}
