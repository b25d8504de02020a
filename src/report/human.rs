//! Human output: each finding as a miette report over the letter's own text, with every
//! labelled place underlined; graphical on a terminal, plain narratable text otherwise.
//! Files that could not be read are listed as errors; a summary line ends the run.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NarratableReportHandler, SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, FileStatus, HumanOptions, Reported, Summary, Writer};
use crate::diagnostic::Severity;
use crate::letter::Document;
use crate::rules::RuleSet;
use crate::source::{Encoding, Source};

/// A letter's text for miette.
///
/// miette's own `read_span` reads the text from its start to find a span's lines, for every
/// label of every report: most of the time of human output went there. This one starts
/// reading a line before the first line miette shows (found in `lines`), so the cost is the
/// snippet's, not the letter's, and the result is the same. miette also reports
/// `line_count` as lines from the start of the file, which makes it merge every label of a
/// report into one snippet; this counts the lines of the span itself, so distant labels get
/// their own. A PDF's places are named `file.pdf:page 3:line 12`, lines counted on the page.
struct Letter<'a> {
    name: &'a str,
    text: &'a str,
    /// Where each line starts, lines ending as miette ends them (LF, CRLF or CR).
    lines: &'a [usize],
    /// The letter's source when it was read from a PDF, for its pages.
    pdf: Option<&'a Source>,
}

impl SourceCode for Letter<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (before, after) = match self.pdf {
            Some(source) => self.within_page(source, span, before, after)?,
            None => (before, after),
        };
        // A line more than miette shows: it reads a span at the very start of its text
        // differently (no byte before it).
        let line = self.lines.partition_point(|&s| s <= span.offset()) - 1;
        let first = line.saturating_sub(before + 1);
        let skip = self.lines[first];
        let near = SourceSpan::new((span.offset() - skip).into(), span.len());
        let inner = self.text[skip..].read_span(&near, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
        let found = SourceSpan::new((inner.span().offset() + skip).into(), inner.span().len());
        let (name, line) = match self.pdf {
            None => (self.name.to_string(), inner.line() + first),
            Some(source) => {
                let page = source.page(span.offset()).unwrap_or(1);
                let (at, _) = source.line_col(span.offset());
                let (top, _) = source.line_col(found.offset());
                (format!("{}:page {page}:line {at}", self.name), top - 1)
            }
        };
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            data,
            found,
            line,
            inner.column(),
            lines,
        )))
    }
}

impl Letter<'_> {
    /// For a PDF, whose lines are numbered on their page: the context lines cut at the
    /// page's edges, and no span over a page break (miette then shows labels on two pages
    /// apart instead of merging them into one snippet numbered across the break).
    fn within_page(
        &self,
        source: &Source,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<(usize, usize), MietteError> {
        let start = span.offset();
        let last = start + span.len().saturating_sub(1);
        let page = source.page(start);
        if source.page(last) != page {
            return Err(MietteError::OutOfBounds);
        }
        let line = self.lines.partition_point(|&s| s <= start) - 1;
        let end_line = self.lines.partition_point(|&s| s <= last) - 1;
        let on_page = |l: usize| {
            self.lines
                .get(l)
                .is_some_and(|&s| s < self.text.len() && source.page(s) == page)
        };
        let before = (1..=before)
            .take_while(|k| line >= *k && on_page(line - k))
            .count();
        let after = (1..=after).take_while(|k| on_page(end_line + k)).count();
        Ok((before, after))
    }
}

/// Where each line of `text` starts, lines ending as miette ends them: LF, CRLF or CR.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    std::iter::once(0)
        .chain(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1),
        )
        .collect()
}

/// One finding as a miette diagnostic.
struct Report<'a> {
    finding: &'a Reported,
    source: Letter<'a>,
    help: String,
    /// The rule, and the case number when the letter gives one.
    code: String,
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
        Some(Box::new(&self.code))
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
    if findings.is_empty() {
        return out;
    }
    let text = doc.source.text();
    let lines = line_starts(text);
    let pdf = (doc.source.encoding() == Encoding::Pdf).then_some(&doc.source);
    for finding in findings {
        let report = Report {
            finding,
            source: Letter {
                name: doc.source.name(),
                text,
                lines: &lines,
                pdf,
            },
            help: format!("{}\ncitation: {}", finding.help, finding.citation),
            code: match &finding.case {
                Some(case) => format!("{} (case {case})", finding.rule),
                None => finding.rule.clone(),
            },
        };
        let rendered = if opts.graphical {
            let theme = if opts.color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            let handler = GraphicalReportHandler::new_themed(theme);
            // A PDF's place is in its name (`page 3:line 12`): no line:column after it.
            let handler = match pdf {
                Some(_) => handler.without_primary_span_start(),
                None => handler,
            };
            handler
                .with_width(opts.width)
                .with_context_lines(1)
                .render_report(&mut out, &report)
        } else {
            NarratableReportHandler::new().render_report(&mut out, &report)
        };
        if rendered.is_err() {
            out.push_str(&format!(
                "{}:{}: {} [{}] {}\n",
                finding.file,
                finding.place.position(),
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
        if self.opts.statistics && !summary.by_layout.is_empty() {
            for (layout, n) in &summary.by_layout {
                writeln!(out, "{n:>6}  layout {layout}")?;
            }
            writeln!(out)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_miette_reads_them_from_the_start() {
        let text = "Norco: Upheld\n\nline two\r\nline three\rfour\n\n\r\nlast line, no end";
        let lines = line_starts(text);
        let letter = Letter {
            name: "x.txt",
            text,
            lines: &lines,
            pdf: None,
        };
        for start in 0..text.len() {
            for len in 0..=(text.len() - start).min(12) {
                for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 3), (5, 5)] {
                    let span = SourceSpan::new(start.into(), len);
                    let ours = letter.read_span(&span, before, after).unwrap();
                    let theirs = text.read_span(&span, before, after).unwrap();
                    let at = format!("{start}+{len} ({before}, {after})");
                    assert_eq!(ours.data(), theirs.data(), "{at}");
                    assert_eq!(ours.span(), theirs.span(), "{at}");
                    assert_eq!(ours.line(), theirs.line(), "{at}");
                    assert_eq!(ours.column(), theirs.column(), "{at}");
                }
            }
        }
    }
}
