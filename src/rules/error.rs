//! Rule-file errors: a miette diagnostic naming the file, with line and column.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// A rule file that cannot be used.
#[derive(Debug)]
pub struct RuleFileError {
    pub file: String,
    pub message: String,
    /// 1-based line and column, when the place is known.
    pub line_col: Option<(usize, usize)>,
    pub help: Option<String>,
    source: Option<Box<(NamedSource<String>, usize, usize)>>,
}

impl RuleFileError {
    /// An error at byte `offset` (length `len`) of the rule file `text`.
    pub fn at(
        file: &str,
        text: &str,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = offset.min(text.len());
        let line = text[..offset].matches('\n').count() + 1;
        let col = text[..offset]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        RuleFileError {
            file: file.to_string(),
            message: message.into(),
            line_col: Some((line, col)),
            help: None,
            source: Some(Box::new((
                NamedSource::new(file, text.to_string()),
                offset,
                len.min(text.len() - offset),
            ))),
        }
    }

    /// An error about the file as a whole (unreadable, say).
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        RuleFileError {
            file: file.to_string(),
            message: message.into(),
            line_col: None,
            help: None,
            source: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for RuleFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleFileError {}

impl Diagnostic for RuleFileError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("rule-file"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|b| &b.0 as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, offset, len) = self.source.as_deref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), (*offset, *len)),
        )))
    }
}
