//! Human output: each finding as a miette report over the letter's own text, with every
//! labelled place underlined; graphical on a terminal, plain narratable text otherwise.
//! Files that could not be read are listed as errors; a summary line ends the run.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NarratableReportHandler, SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, FileStatus, HumanOptions, Reported, Summary, Writer};
use crate::diagnostic::Severity;
use crate::letter::Document;
use crate::rules::RuleSet;

/// A letter's text for miette. miette's own `read_span` reports `line_count` as lines
/// from the start of the file, which makes it merge every label of a report into one
/// snippet; this counts the lines of the span itself, so distant labels get their own.
struct Letter {
    name: String,
    text: Arc<str>,
}

impl SourceCode for Letter {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            *inner.span(),
            inner.line(),
            inner.column(),
            lines,
        )))
    }
}

/// One finding as a miette diagnostic.
struct Report<'a> {
    finding: &'a Reported,
    source: Letter,
    help: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.finding.labels.iter().map(|l| {
            let span = (l.place.start, l.place.end.saturating_sub(l.place.start));
            if l.primary {
                LabeledSpan::new_primary_with_span(Some(l.text.clone()), span)
            } else {
                LabeledSpan::new_with_span(Some(l.text.clone()), span)
            }
        })))
    }
}

/// Renders a letter's findings.
pub fn render_letter(doc: &Document, findings: &[Reported], opts: HumanOptions) -> String {
    let mut out = String::new();
    let text = doc.source.shared_text();
    for finding in findings {
        let report = Report {
            finding,
            source: Letter {
                name: doc.source.name().to_string(),
                text: Arc::clone(&text),
            },
            help: format!("{}\ncitation: {}", finding.help, finding.citation),
        };
        let rendered = if opts.graphical {
            let theme = if opts.color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            GraphicalReportHandler::new_themed(theme)
                .with_width(opts.width)
                .with_context_lines(1)
                .render_report(&mut out, &report)
        } else {
            NarratableReportHandler::new().render_report(&mut out, &report)
        };
        if rendered.is_err() {
            out.push_str(&format!(
                "{}:{}:{}: {} [{}] {}\n",
                finding.file,
                finding.place.line,
                finding.place.column,
                finding.severity,
                finding.rule,
                finding.message
            ));
        }
        out.push('\n');
    }
    out
}

/// The human writer.
pub struct Human {
    opts: HumanOptions,
}

impl Human {
    pub fn new(opts: HumanOptions) -> Human {
        Human { opts }
    }
}

impl Writer for Human {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let Some(r) = &report.rendered {
            out.write_all(r.as_bytes())?;
        }
        if let FileStatus::Failed { reason } = &report.status {
            writeln!(out, "error: {}: {reason}\n", report.file)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, _: &RuleSet) -> io::Result<()> {
        if self.opts.quiet {
            return Ok(());
        }
        if self.opts.statistics && !summary.by_rule.is_empty() {
            let width = summary.by_rule.keys().map(String::len).max().unwrap_or(0);
            for (rule, n) in &summary.by_rule {
                writeln!(out, "{n:>6}  {rule:<width$}")?;
            }
            writeln!(out)?;
        } else if !summary.by_rule.is_empty() {
            let counts: Vec<String> = summary
                .by_rule
                .iter()
                .map(|(r, n)| format!("{r} {n}"))
                .collect();
            writeln!(out, "by rule: {}", counts.join(", "))?;
        }
        for f in &summary.failed {
            writeln!(out, "could not read {}: {}", f.file, f.reason)?;
        }
        writeln!(out, "{}", summary.line())
    }
}
