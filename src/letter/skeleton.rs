//! What every layout shares: sections found by their headings, the reviewer's credentials,
//! and items read as a header followed by labelled fields (`Claims Administrator
//! guideline:`, `MAXIMUS guideline:`, `Decision rationale:` or a layout's own labels).
//! A layout ([`Spec`]) says how its headings, labels and headers are written.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{
    Guideline, Item, Letter, Outcome, OutcomeKind, Problem, ProblemKind, Reviewer, Section,
    SectionKind, Span, citation,
};
use crate::letter::request::Request;
use crate::normalize::Clean;
use crate::text::find_ignore_case;

/// The boilerplate that opens a case summary, skipped. Like every intro pattern, it is
/// lowercase and matches the section's start lowercased (a match may not go past the first
/// colon and the whitespace after it): case-insensitive patterns cost far more to compile.
static SUMMARY_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*the\s+(?:expert|physician|professional)\s+reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary[^:]*?records\s*:\s*")
        .expect("summary intro regex")
});
/// The boilerplate that opens the decisions section ("The Final Determination was based
/// on decisions for the disputed items/services set forth below:").
static DECISIONS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*the\s+final\s+determination\s+was\s+based\s+on\s+decisions[^:]*?below\s*:\s*")
        .expect("decisions intro regex")
});
static BOARD_CERTIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?s)board\s+certified\s+in\s+(.+?)\s+and\s+is\s+licensed\s+to\s+practice\s+in\s+(.+?)\.",
    )
    .expect("board certified regex")
});
/// What separates specialties in prose: commas, and "has a subspecialty in" (not "and":
/// "Physical Medicine and Rehabilitation" is one specialty). Lowercase.
static SPECIALTY_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*,\s*(?:and\s+)?(?:has\s+a\s+sub-?specialty\s+in\s+)?|\s+(?:and\s+)?has\s+a\s+sub-?specialty\s+in\s+")
        .expect("specialty separator regex")
});
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^,\n]+?(?:\s+and\s+|,|$)").expect("list regex"));

/// The labelled fields of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Claims,
    Guideline,
    Rationale,
}

/// The field the current line extends, with the line it started on.
pub type Open = Option<(Field, usize)>;

/// If line `i` of `lines` (ranges of `text`) ends an item header, the line the header
/// starts on. The third argument holds what [`Spec::label`] says of each line; the last,
/// the field the line before extends.
pub type HeaderEnd = fn(&str, &[Span], &[Open], usize, Open) -> Option<usize>;

/// How a layout writes a letter.
pub struct Spec {
    pub name: &'static str,
    /// Section headings particular to the layout; every layout also reads the standard
    /// ones ([`SectionKind::heading`]).
    pub headings: &'static [(SectionKind, &'static str)],
    /// Field labels, matched at the start of a line, any case; a `*` in a label stands for
    /// any one word (`The * Reviewer based his/her decision on`). A field no label opens is
    /// one the layout does not have: its absence is no problem.
    pub labels: &'static [Label],
    pub header_end: HeaderEnd,
    /// The outcome written in a header.
    pub outcome: fn(&str, &Span) -> Option<Outcome>,
    /// The request written in a header (before its outcome).
    pub request: fn(&str, &Span, Option<&Outcome>) -> Span,
    /// How an outcome should be written, for the missing-outcome message.
    pub outcome_hint: &'static str,
}

impl Spec {
    /// The field a line's label opens, and how far its value starts into the line.
    pub fn label(&self, line: &str) -> Open {
        let first = line.bytes().next()?.to_ascii_lowercase();
        self.labels.iter().find_map(|&(label, field)| {
            // Most lines start otherwise: one byte rules a label out.
            if label.bytes().next()?.to_ascii_lowercase() != first {
                return None;
            }
            let end = label_end(line, label)?;
            let rest = &line[end..];
            Some((field, end + rest.len() - rest.trim_start().len()))
        })
    }

    /// The section a line heads in the layout's own spelling, if any.
    pub fn own_section(&self, line: &str) -> Option<SectionKind> {
        let longest = self.headings.iter().map(|(_, h)| h.len()).max()?;
        if untrimmed_longer(line, longest) {
            return None;
        }
        let l = line.trim_end_matches(':').trim();
        self.headings
            .iter()
            .find(|(_, h)| l.eq_ignore_ascii_case(h))
            .map(|&(k, _)| k)
    }

    /// The length of the longest heading the layout reads.
    fn longest_heading(&self) -> usize {
        self.headings
            .iter()
            .map(|(_, h)| h.len())
            .chain(SectionKind::KNOWN.iter().map(|k| k.heading().len()))
            .max()
            .unwrap_or(0)
    }

    /// The section a line heads, in the layout's own spelling or the standard one.
    /// `longest` is [`Spec::longest_heading`]: most lines are longer, with nothing at either
    /// end to trim, and are passed over without trimming or comparing.
    fn section(&self, line: &str, longest: usize) -> Option<SectionKind> {
        if untrimmed_longer(line, longest) {
            return None;
        }
        let l = line.trim_end_matches(':').trim();
        self.own_section(l).or_else(|| {
            SectionKind::KNOWN
                .into_iter()
                .find(|k| l.eq_ignore_ascii_case(k.heading()))
        })
    }

    /// How the layout spells a section's heading.
    fn heading(&self, kind: SectionKind) -> &'static str {
        self.headings
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(kind.heading(), |&(_, h)| h)
    }

    /// Whether the layout has the field.
    fn has(&self, field: Field) -> bool {
        self.labels.iter().any(|(_, f)| *f == field)
    }

    fn field_name(&self, field: Field) -> &'static str {
        self.labels
            .iter()
            .find(|(_, f)| *f == field)
            .map_or("", |(l, _)| l.trim_end_matches(':'))
    }
}

/// A field label and the field it opens.
pub type Label = (&'static str, Field);

/// Two label lists as one (`N` must be their lengths' sum: checked when compiled).
pub const fn concat<const N: usize>(a: &[Label], b: &[Label]) -> [Label; N] {
    assert!(a.len() + b.len() == N, "N is not the two lists' length");
    let mut out = [("", Field::Claims); N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

/// Where `label` ends in `line` when the line starts with it (any ASCII case; a `*` of
/// the label matches one word of the line).
fn label_end(line: &str, label: &str) -> Option<usize> {
    if !label.contains('*') {
        let head = line.get(..label.len())?;
        return head.eq_ignore_ascii_case(label).then_some(label.len());
    }
    let mut at = 0;
    for (i, part) in label.split(' ').enumerate() {
        if i > 0 {
            let rest = &line[at..];
            let gap = rest.len() - rest.trim_start_matches(' ').len();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        let rest = &line[at..];
        let len = if part == "*" {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        } else {
            let head = rest.get(..part.len())?;
            if !head.eq_ignore_ascii_case(part) {
                return None;
            }
            part.len()
        };
        if len == 0 {
            return None;
        }
        at += len;
    }
    Some(at)
}

/// Whether a line is longer than `n` bytes with nothing at either end that trimming a
/// heading removes (whitespace, a closing `:`): such a line is no heading of `n` bytes or
/// fewer, and most lines are passed over on this test without trimming or comparing.
fn untrimmed_longer(line: &str, n: usize) -> bool {
    line.len() > n
        && !line.starts_with(char::is_whitespace)
        && !line.ends_with(|c: char| c == ':' || c.is_whitespace())
}

/// Whether a line ends a sentence or a list intro (so a header cannot continue it).
pub fn ends_clause(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '!', '?', '"', '\u{201d}'])
}

/// Parses a clean text laid out as `spec` says; `None` when none of its headings occur.
pub fn parse(clean: &Clean, spec: &Spec) -> Option<Letter> {
    let text = clean.text();
    let lines = clean.lines();
    let mut headings: Vec<(SectionKind, usize)> = Vec::new();
    let longest = spec.longest_heading();
    for (i, line) in lines.iter().enumerate() {
        if let Some(kind) = spec.section(&text[line.clone()], longest)
            && !headings.iter().any(|(k, _)| *k == kind)
        {
            headings.push((kind, i));
        }
    }
    if headings.is_empty() {
        return None;
    }
    let sections: Vec<Section> = headings
        .iter()
        .map(|&(kind, i)| {
            let next = headings
                .iter()
                .map(|&(_, j)| j)
                .filter(|&j| j > i)
                .min()
                .unwrap_or(lines.len());
            let body_end = if next > i + 1 {
                lines[next - 1].end
            } else {
                lines[i].end
            };
            let body_start = lines
                .get(i + 1)
                .filter(|_| next > i + 1)
                .map_or(body_end, |l| l.start);
            Section {
                kind,
                heading: lines[i].clone(),
                body: body_start..body_end,
            }
        })
        .collect();
    let mut letter = Letter::empty(spec.name);
    letter.sections = sections;
    let required: Vec<(SectionKind, &str)> = SectionKind::ALL
        .iter()
        .map(|k| (*k, spec.heading(*k)))
        .collect();
    require_sections(&mut letter, &required);
    if let Some(s) = letter.section(SectionKind::Determination) {
        letter.reviewer = reviewer(text, s.body.clone());
    }
    if let Some(s) = letter.section(SectionKind::CaseSummary) {
        letter.case_summary = Some(skip_intro(text, s.body.clone(), &SUMMARY_INTRO));
    }
    if let Some(s) = letter.section(SectionKind::Decisions).cloned() {
        let body = skip_intro(text, s.body.clone(), &DECISIONS_INTRO);
        let body_lines: Vec<Span> = lines
            .iter()
            .filter(|l| l.end > body.start && l.start < body.end)
            .map(|l| l.start.max(body.start)..l.end.min(body.end))
            .filter(|l| !l.is_empty())
            .collect();
        let drafts = drafts(spec, text, &body_lines);
        finish(spec, text, drafts, &mut letter);
        if letter.items.is_empty() {
            letter.problems.push(Problem {
                kind: ProblemKind::NoItems,
                span: s.heading.clone(),
                item: None,
                detail: "the decisions section lists no decided item".into(),
                related: None,
            });
        }
    } else {
        letter.problems.push(Problem {
            kind: ProblemKind::NoItems,
            span: 0..0,
            item: None,
            detail: "the letter decides no item".into(),
            related: None,
        });
    }
    Some(letter)
}

/// The section body after the boilerplate `intro` opening it.
/// Gives a letter of a layout with its own sections those sections, the case summary
/// (the `CaseSummary` body) and the reviewer's credentials (read from `Qualifications`).
pub fn adopt_sections(letter: &mut Letter, text: &str, sections: Vec<Section>) {
    letter.case_summary = Section::body_of(&sections, SectionKind::CaseSummary);
    if let Some(q) = Section::body_of(&sections, SectionKind::Qualifications) {
        letter.reviewer = reviewer(text, q);
    }
    letter.sections = sections;
}

/// A missing-section problem for each of `required` (a section and the heading it goes
/// by) the letter lacks.
pub fn require_sections(letter: &mut Letter, required: &[(SectionKind, &str)]) {
    for (kind, name) in required {
        if letter.section(*kind).is_none() {
            letter.problems.push(Problem {
                kind: ProblemKind::MissingSection,
                span: 0..0,
                item: None,
                detail: format!("the letter has no '{name}' section"),
                related: None,
            });
        }
    }
}

pub fn skip_intro(text: &str, body: Span, intro: &Regex) -> Span {
    // An intro ends by the first colon and the whitespace after it: only that much of the
    // section (often the whole letter's rationales) is lowercased.
    let section = &text[body.clone()];
    let head = section.find(':').map_or(section.len(), |colon| {
        let rest = &section[colon + 1..];
        colon + 1 + (rest.len() - rest.trim_start().len())
    });
    match intro.find(&section[..head].to_ascii_lowercase()) {
        Some(m) => body.start + m.end()..body.end,
        None => body,
    }
}

/// Credentials from the `State(s) of Licensure:` block, or from prose.
pub fn reviewer(text: &str, body: Span) -> Reviewer {
    let section = &text[body.clone()];
    let mut r = Reviewer::default();
    for (label, out) in [
        ("State(s) of Licensure:", &mut r.licensure),
        ("Certification(s)/Specialty:", &mut r.specialties),
    ] {
        if let Some(at) = find_ignore_case(section, label) {
            let start = at + label.len();
            let end = section[start..]
                .find('\n')
                .map_or(section.len(), |e| start + e);
            *out = list(text, body.start + start..body.start + end);
        }
    }
    if r.licensure.is_empty()
        && let Some(c) = BOARD_CERTIFIED.captures(&section.to_ascii_lowercase())
        && let (Some(spec), Some(state)) = (c.get(1), c.get(2))
    {
        r.specialties = specialties(text, body.start + spec.start()..body.start + spec.end());
        r.licensure = list(text, body.start + state.start()..body.start + state.end());
    }
    r
}

/// Splits `Physical Medicine and Rehabilitation, has a subspecialty in Pain Medicine` into
/// trimmed spans, one per specialty.
fn specialties(text: &str, span: Span) -> Vec<Span> {
    let lower = text[span.clone()].to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    let ends = SPECIALTY_SEP
        .find_iter(&lower)
        .map(|m| (m.start(), m.end()))
        .chain(std::iter::once((lower.len(), lower.len())));
    for (end, next) in ends {
        let piece = &lower[from..end];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let start = span.start + from + lead;
            out.push(start..start + trimmed.len());
        }
        from = next;
    }
    out
}

/// Splits `A, B and C` into trimmed spans.
fn list(text: &str, span: Span) -> Vec<Span> {
    LIST_ITEM
        .find_iter(&text[span.clone()])
        .filter_map(|m| {
            let s = m.as_str();
            let s = s.strip_suffix(',').unwrap_or(s);
            let s = s.trim_end().strip_suffix(" and").unwrap_or(s);
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            (!trimmed.is_empty()).then(|| {
                let start = span.start + m.start() + lead;
                start..start + trimmed.len()
            })
        })
        .collect()
}

/// An item as read, before it is checked for what it lacks.
#[derive(Debug, Default)]
pub struct Draft {
    pub header: Span,
    pub outcome: Option<Outcome>,
    /// The item's outcome as the letter's other lists state it.
    pub restated: Vec<Outcome>,
    /// The labelled fields, by [`Field`].
    pub fields: [Option<Span>; 3],
}

/// The items of a decisions section's lines: each a header then labelled fields.
pub fn drafts(spec: &Spec, text: &str, lines: &[Span]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    // The field of the last draft that the current line extends, with its first line.
    let mut open: Open = None;
    let labels: Vec<Open> = lines.iter().map(|l| spec.label(&text[l.clone()])).collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some((field, skip)) = labels[i] {
            if drafts.is_empty() {
                drafts.push(Draft {
                    header: line.start..line.start,
                    ..Draft::default()
                });
            }
            if let Some(d) = drafts.last_mut() {
                d.fields[field as usize] = Some(line.start + skip..line.end);
            }
            open = Some((field, i));
            continue;
        }
        if let Some(start) = (spec.header_end)(text, lines, &labels, i, open) {
            if let (Some((field, _)), Some(d)) = (open, drafts.last_mut())
                && let Some(span) = d.fields[field as usize].as_mut()
                && start < i
            {
                span.end = lines[start - 1].end.max(span.start);
            }
            let header = lines[start].start..line.end;
            drafts.push(Draft {
                outcome: (spec.outcome)(text, &header),
                header,
                ..Draft::default()
            });
            open = None;
        } else if let (Some((field, _)), Some(d)) = (open, drafts.last_mut())
            && let Some(span) = d.fields[field as usize].as_mut()
        {
            span.end = line.end;
        }
    }
    drafts
}

/// Adds the drafts to the letter as items, noting what each lacks (an outcome, a field the
/// layout has) and items decided twice.
pub fn finish(spec: &Spec, text: &str, drafts: Vec<Draft>, letter: &mut Letter) {
    let mut seen: HashMap<String, Span> = HashMap::with_capacity(drafts.len());
    letter.items.reserve(drafts.len());
    for d in drafts {
        let index = letter.items.len();
        let key = crate::text::collapse(&text[d.header.clone()]).to_lowercase();
        if let Some(first) = seen.get(&key).filter(|_| !key.is_empty()) {
            letter.problems.push(Problem {
                kind: ProblemKind::DuplicateItem,
                span: d.header.clone(),
                item: Some(index),
                detail: "this item is decided twice in the letter".into(),
                related: Some(first.clone()),
            });
        } else {
            seen.insert(key, d.header.clone());
        }
        let mut problem = |kind, detail: &str| {
            letter.problems.push(Problem {
                kind,
                span: d.header.clone(),
                item: Some(index),
                detail: detail.into(),
                related: None,
            });
        };
        match &d.outcome {
            None => problem(
                ProblemKind::MissingOutcome,
                &format!(
                    "the item header has no outcome (expected {})",
                    spec.outcome_hint
                ),
            ),
            Some(o) if o.kind == OutcomeKind::Unknown => problem(
                ProblemKind::UnknownOutcome,
                "the outcome is neither Upheld nor Overturned",
            ),
            Some(_) => {}
        }
        for (field, kind) in [
            (Field::Claims, ProblemKind::MissingClaimsGuideline),
            (Field::Guideline, ProblemKind::MissingGuideline),
            (Field::Rationale, ProblemKind::MissingRationale),
        ] {
            if spec.has(field)
                && d.fields[field as usize]
                    .as_ref()
                    .is_none_or(|s| text[s.clone()].trim().is_empty())
            {
                problem(
                    kind,
                    &format!("the item has no '{}:' field", spec.field_name(field)),
                );
            }
        }
        let request_span = (spec.request)(text, &d.header, d.outcome.as_ref());
        letter.items.push(Item {
            request: Request::parse(text, request_span),
            header: d.header,
            outcome: d.outcome,
            restated: d.restated,
            claims_guideline: d.fields[Field::Claims as usize].clone(),
            guideline: d.fields[Field::Guideline as usize]
                .clone()
                .map(|span| Guideline {
                    citations: citation::parse(text, span.clone()),
                    span,
                }),
            rationale: d.fields[Field::Rationale as usize].clone(),
        });
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&SUMMARY_INTRO);
    LazyLock::force(&DECISIONS_INTRO);
    LazyLock::force(&BOARD_CERTIFIED);
    LazyLock::force(&LIST_ITEM);
}
