//! The letter model: sections, reviewer, case summary and decided items, each a range of
//! the clean text (see [`crate::normalize`]); [`Document`] maps them back to the source.
//!
//! A layout is a small module that recognises one way letters are laid out and fills in a
//! [`Letter`]; [`parse`] asks each layout of [`LAYOUTS`] in turn. The first-page header
//! block (case number, dates, priority) is read the same way whatever the layout.

mod citation;
pub mod dates;
mod final_2014;
mod header;
mod json;
mod list;
mod notice;
mod numbered_2013;
pub mod request;
mod review;
mod schedule;
mod sections;
mod skeleton;
mod verdict;

use std::ops::Range;

use crate::normalize::Clean;
use crate::source::Source;
use request::Request;

pub use citation::{Citation, GuidelineSource, PageRange};
pub use header::{HeaderField, HeaderKey};

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
    /// ISSUE AT DISPUTE: the requests of a mid-2013 review
    Disputed,
    /// A list of numbered determinations: the DETERMINATION list of a mid-2013 review, the
    /// second list of a September 2013 notice
    Determinations,
    /// MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY
    Guidelines,
    /// The per-item rationales of the older layouts
    Rationales,
    /// The reviewer's qualifications, in the older layouts
    Qualifications,
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
            SectionKind::Disputed => "ISSUE AT DISPUTE",
            SectionKind::Determinations => "DETERMINATION",
            SectionKind::Guidelines => "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON",
            SectionKind::Rationales => "RATIONALE",
            SectionKind::Qualifications => "MEDICAL REVIEWER QUALIFICATIONS",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Span,
    pub body: Span,
}

impl Section {
    /// The body of the first section of `kind` among `sections`.
    pub fn body_of(sections: &[Section], kind: SectionKind) -> Option<Span> {
        sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.body.clone())
    }
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
    /// The whole header line(s), outcome included (in the older layouts, the numbered
    /// determination sentence).
    pub header: Span,
    pub request: Request,
    pub outcome: Option<Outcome>,
    /// The item's outcome as each further list of decisions in the letter states it (a
    /// September 2013 notice lists its decisions twice).
    pub restated: Vec<Outcome>,
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
    /// The first-page header block's fields, in text order.
    pub header: Vec<HeaderField>,
    /// The case number (`CM14-0123456`): the header's, else a running header's.
    pub case_number: Option<Span>,
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

    /// A new letter of `layout` with nothing read yet.
    fn empty(layout: &'static str) -> Letter {
        Letter {
            layout,
            header: Vec::new(),
            case_number: None,
            sections: Vec::new(),
            reviewer: Reviewer::default(),
            case_summary: None,
            items: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// A layout MAXIMUS used: its name, when it was used, what marks it, and how it is read.
pub struct Layout {
    /// The name `imr-lint parse` and the summaries give.
    pub name: &'static str,
    /// When MAXIMUS issued letters so laid out.
    pub era: &'static str,
    /// What in the text tells the layout apart.
    pub marker: &'static str,
    detect: fn(&Clean) -> bool,
    parse: fn(&Clean) -> Option<Letter>,
}

/// Every layout, in the order they are tried (the most distinctive markers first).
pub static LAYOUTS: [Layout; 4] = [
    review::LAYOUT,
    numbered_2013::LAYOUT,
    notice::LAYOUT,
    final_2014::LAYOUT,
];

/// Why a text is not read as a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotALetter;

impl std::fmt::Display for NotALetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let known: Vec<String> = LAYOUTS
            .iter()
            .map(|l| format!("{} ({}): {}", l.name, l.era, l.marker))
            .collect();
        write!(
            f,
            "not an IMR letter: no layout imr-lint knows was found; it reads {}",
            known.join("; ")
        )
    }
}

/// A source, its clean view and the letter parsed from it.
#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub clean: Clean,
    pub letter: Letter,
    /// The case number: the letter's (see [`Letter::case_number`]), else the first the
    /// original file writes (a running header the clean text drops as page furniture).
    case_number: Option<String>,
}

impl Document {
    /// Normalises and parses a decoded source.
    pub fn parse(source: Source) -> Result<Document, NotALetter> {
        let clean = Clean::new(source.text());
        let letter = parse(&clean).ok_or(NotALetter)?;
        let case_number = match &letter.case_number {
            Some(span) => clean.text().get(span.clone()).map(str::to_string),
            None => header::find_case_number(source.text()).map(|r| source.text()[r].to_string()),
        };
        Ok(Document {
            source,
            clean,
            letter,
            case_number,
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

    /// The case number, when the letter gives one.
    pub fn case_number(&self) -> Option<&str> {
        self.case_number.as_deref()
    }
}

/// Compiles the patterns of the layout most letters are in ahead of use (see
/// [`crate::warm_up`]); the older layouts' and the header block's compile when a letter
/// needs them.
pub(crate) fn warm() {
    skeleton::warm();
    final_2014::warm();
    citation::warm();
    request::warm();
}

/// Parses a clean text with the first layout that recognises it, then reads the header
/// block before the letter's first section or item.
pub fn parse(clean: &Clean) -> Option<Letter> {
    let mut letter = LAYOUTS
        .iter()
        .filter(|l| (l.detect)(clean))
        .find_map(|l| (l.parse)(clean))?;
    let text = clean.text();
    let body = letter
        .sections
        .iter()
        .map(|s| s.heading.start)
        .chain(letter.items.iter().map(|i| i.header.start))
        .min()
        .unwrap_or(text.len());
    letter.header = header::read(text, 0..body);
    letter.case_number = header::case_number(text, &letter.header);
    Some(letter)
}
