//! The letter model: sections, reviewer, case summary and decided items, each a range of
//! the clean text (see [`crate::normalize`]); [`Document`] maps them back to the source.
//!
//! A layout is a small module that recognises one way letters are laid out and fills in a
//! [`Letter`]; [`parse`] asks each layout in turn.

mod citation;
mod json;
mod maximus;
mod numbered;
mod skeleton;

use std::ops::Range;

use crate::facts::request::Request;
use crate::normalize::Clean;
use crate::source::Source;

pub use citation::{Citation, GuidelineSource, PageRange};

/// A range of the clean text.
pub type Span = Range<usize>;

/// The sections a letter has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// HOW THE IMR FINAL DETERMINATION WAS MADE
    Determination,
    /// CLINICAL CASE SUMMARY
    CaseSummary,
    /// IMR ISSUES, DECISIONS AND RATIONALES
    Decisions,
    /// DOCUMENTS REVIEWED (optional)
    DocumentsReviewed,
}

impl SectionKind {
    /// The sections every letter must have.
    pub const ALL: [SectionKind; 3] = [
        SectionKind::Determination,
        SectionKind::CaseSummary,
        SectionKind::Decisions,
    ];

    /// Every section imr-lint knows.
    pub const KNOWN: [SectionKind; 4] = [
        SectionKind::Determination,
        SectionKind::CaseSummary,
        SectionKind::DocumentsReviewed,
        SectionKind::Decisions,
    ];

    /// The standard heading, as the MAXIMUS letters print it.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::Determination => "HOW THE IMR FINAL DETERMINATION WAS MADE",
            SectionKind::CaseSummary => "CLINICAL CASE SUMMARY",
            SectionKind::Decisions => "IMR ISSUES, DECISIONS AND RATIONALES",
            SectionKind::DocumentsReviewed => "DOCUMENTS REVIEWED",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Span,
    pub body: Span,
}

/// The expert reviewer's credentials.
#[derive(Debug, Clone, Default)]
pub struct Reviewer {
    pub licensure: Vec<Span>,
    pub specialties: Vec<Span>,
}

/// What the reviewer decided for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeKind {
    /// The denial stands: not medically necessary.
    Upheld,
    /// The denial is reversed: medically necessary.
    Overturned,
    /// A word that is neither.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub span: Span,
}

/// The `MAXIMUS guideline:` line: what the reviewer relied on.
#[derive(Debug, Clone)]
pub struct Guideline {
    pub span: Span,
    pub citations: Vec<Citation>,
}

/// One disputed item and its decision.
#[derive(Debug, Clone)]
pub struct Item {
    /// The whole header line(s), outcome included.
    pub header: Span,
    pub request: Request,
    pub outcome: Option<Outcome>,
    pub claims_guideline: Option<Span>,
    pub guideline: Option<Guideline>,
    pub rationale: Option<Span>,
}

/// A structural defect the parser saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    MissingSection,
    NoItems,
    MissingOutcome,
    UnknownOutcome,
    MissingClaimsGuideline,
    MissingGuideline,
    MissingRationale,
    DuplicateItem,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 8] = [
        ProblemKind::MissingSection,
        ProblemKind::NoItems,
        ProblemKind::MissingOutcome,
        ProblemKind::UnknownOutcome,
        ProblemKind::MissingClaimsGuideline,
        ProblemKind::MissingGuideline,
        ProblemKind::MissingRationale,
        ProblemKind::DuplicateItem,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::MissingSection => "missing-section",
            ProblemKind::NoItems => "no-items",
            ProblemKind::MissingOutcome => "missing-outcome",
            ProblemKind::UnknownOutcome => "unknown-outcome",
            ProblemKind::MissingClaimsGuideline => "missing-claims-guideline",
            ProblemKind::MissingGuideline => "missing-guideline",
            ProblemKind::MissingRationale => "missing-rationale",
            ProblemKind::DuplicateItem => "duplicate-item",
        }
    }

    pub fn from_name(name: &str) -> Option<ProblemKind> {
        ProblemKind::ALL.into_iter().find(|p| p.name() == name)
    }
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Where the problem shows (an empty span at the place something is missing).
    pub span: Span,
    /// The item concerned, if any.
    pub item: Option<usize>,
    /// What is missing or wrong, in words.
    pub detail: String,
    /// A related place (the first copy of a duplicate item).
    pub related: Option<Span>,
}

/// A parsed letter.
#[derive(Debug, Clone)]
pub struct Letter {
    pub layout: &'static str,
    pub sections: Vec<Section>,
    pub reviewer: Reviewer,
    pub case_summary: Option<Span>,
    pub items: Vec<Item>,
    pub problems: Vec<Problem>,
}

impl Letter {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// Why a text is not read as a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotALetter;

impl std::fmt::Display for NotALetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not an IMR letter: none of the section headings ({}) was found",
            SectionKind::ALL.map(SectionKind::heading).join("; ")
        )
    }
}

/// A source, its clean view and the letter parsed from it.
#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub clean: Clean,
    pub letter: Letter,
}

impl Document {
    /// Normalises and parses a decoded source.
    pub fn parse(source: Source) -> Result<Document, NotALetter> {
        let clean = Clean::new(source.text());
        let letter = parse(&clean).ok_or(NotALetter)?;
        Ok(Document {
            source,
            clean,
            letter,
        })
    }

    /// The clean text of a span.
    pub fn text(&self, span: &Span) -> &str {
        self.clean.text().get(span.clone()).unwrap_or("")
    }

    /// The source byte range of a clean span.
    pub fn source_span(&self, span: &Span) -> Range<usize> {
        self.clean.span(span.clone())
    }

    /// 1-based line and column in the original file of a clean span's start.
    pub fn line_col(&self, span: &Span) -> (usize, usize) {
        self.source.line_col(self.source_span(span).start)
    }
}

/// Compiles the layouts' patterns ahead of use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    numbered::warm();
    skeleton::warm();
    maximus::warm();
    citation::warm();
}

/// Parses a clean text with the layout that recognises it: the numbered layout of older
/// letters when its decisions heading is present, else the MAXIMUS layout.
pub fn parse(clean: &Clean) -> Option<Letter> {
    let spec = if numbered::detect(clean) {
        &numbered::SPEC
    } else {
        &maximus::SPEC
    };
    skeleton::parse(clean, spec)
}
