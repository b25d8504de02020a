//! The MAXIMUS layout of 2014-2016 letters: `HOW THE IMR FINAL DETERMINATION WAS MADE`,
//! `CLINICAL CASE SUMMARY`, `IMR ISSUES, DECISIONS AND RATIONALES`, and items written as
//! `<request>: Upheld|Overturned` followed by `Claims Administrator guideline:`,
//! `MAXIMUS guideline:` and `Decision rationale:` fields.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{
    Guideline, Item, Letter, Outcome, OutcomeKind, Problem, ProblemKind, Reviewer, Section,
    SectionKind, Span, citation, find_ignore_case,
};
use crate::facts::request::Request;
use crate::normalize::Clean;

static SUMMARY_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\s*The\s+expert\s+reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary.{0,120}?records\s*:\s*")
        .expect("summary intro regex")
});
static DECISIONS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)^\s*The\s+Final\s+Determination\s+was\s+based\s+on\s+decisions.{0,80}?below\s*:\s*",
    )
    .expect("decisions intro regex")
});
static OUTCOME_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i):\s*(upheld|overturned)\s*$").expect("outcome regex"));
static OTHER_OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r":\s*([A-Za-z][A-Za-z -]{1,30}?)\s*$").expect("other outcome regex")
});
static BOARD_CERTIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)Board\s+Certified\s+in\s+(.+?)\s+and\s+is\s+licensed\s+to\s+practice\s+in\s+(.+?)\.",
    )
    .expect("board certified regex")
});
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^,\n]+?(?:\s+and\s+|,|$)").expect("list regex"));

/// The labelled fields of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Claims,
    Guideline,
    Rationale,
}

const LABELS: [(&str, Field); 3] = [
    ("Claims Administrator guideline:", Field::Claims),
    ("MAXIMUS guideline:", Field::Guideline),
    ("Decision rationale:", Field::Rationale),
];

pub fn parse(clean: &Clean) -> Option<Letter> {
    let text = clean.text();
    let lines = clean.lines();
    let mut headings: Vec<(SectionKind, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let l = text[line.clone()].trim_end_matches(':').trim();
        if let Some(kind) = SectionKind::ALL
            .into_iter()
            .find(|k| l.eq_ignore_ascii_case(k.heading()))
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
    let mut letter = Letter {
        layout: "maximus",
        sections,
        reviewer: Reviewer::default(),
        case_summary: None,
        items: Vec::new(),
        problems: Vec::new(),
    };
    for kind in SectionKind::ALL {
        if letter.section(kind).is_none() {
            letter.problems.push(Problem {
                kind: ProblemKind::MissingSection,
                span: 0..0,
                item: None,
                detail: format!("the letter has no '{}' section", kind.heading()),
                related: None,
            });
        }
    }
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
        items(text, &body_lines, &mut letter);
        if letter.items.is_empty() {
            letter.problems.push(Problem {
                kind: ProblemKind::NoItems,
                span: s.heading.clone(),
                item: None,
                detail: "the decisions section lists no item decided as Upheld or Overturned"
                    .into(),
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

fn skip_intro(text: &str, body: Span, intro: &Regex) -> Span {
    match intro.find(&text[body.clone()]) {
        Some(m) => body.start + m.end()..body.end,
        None => body,
    }
}

/// Credentials from the `State(s) of Licensure:` block, or from prose.
fn reviewer(text: &str, body: Span) -> Reviewer {
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
        && let Some(c) = BOARD_CERTIFIED.captures(section)
        && let (Some(spec), Some(state)) = (c.get(1), c.get(2))
    {
        r.specialties = list(text, body.start + spec.start()..body.start + spec.end());
        r.licensure = list(text, body.start + state.start()..body.start + state.end());
    }
    r
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

fn label(line: &str) -> Option<(Field, usize)> {
    LABELS.iter().find_map(|&(label, field)| {
        let head = line.get(..label.len())?;
        head.eq_ignore_ascii_case(label).then(|| {
            let rest = &line[label.len()..];
            (field, label.len() + rest.len() - rest.trim_start().len())
        })
    })
}

/// Whether a line ends a sentence or a list intro (so a header cannot continue it).
fn ends_clause(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '!', '?', '"', '\u{201d}'])
}

#[derive(Default)]
struct Draft {
    header: Span,
    outcome: Option<Outcome>,
    fields: [Option<Span>; 3],
}

fn items(text: &str, lines: &[Span], letter: &mut Letter) {
    let mut drafts: Vec<Draft> = Vec::new();
    // The field of the last draft that the current line extends, with its first line.
    let mut open: Option<(Field, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let l = &text[line.clone()];
        if let Some((field, skip)) = label(l) {
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
        let prev = i.checked_sub(1).map(|p| &text[lines[p].clone()]);
        let outcome_here = OUTCOME_END.is_match(l)
            || (prev.is_some_and(|p| p.trim_end().ends_with(':'))
                && OUTCOME_END.is_match(&format!(":{l}")));
        let next_is_field = lines
            .get(i + 1)
            .and_then(|n| label(&text[n.clone()]))
            .is_some_and(|(f, _)| f != Field::Rationale);
        let unlabelled_header = next_is_field
            && !ends_clause(l)
            && !matches!(open, Some((Field::Claims | Field::Guideline, _)));
        if outcome_here || unlabelled_header {
            let start = header_start(text, lines, i, open);
            if let (Some((field, _)), Some(d)) = (open, drafts.last_mut())
                && let Some(span) = d.fields[field as usize].as_mut()
                && start < i
            {
                span.end = lines[start - 1].end.max(span.start);
            }
            let header = lines[start].start..line.end;
            drafts.push(Draft {
                outcome: outcome(text, &header),
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
    let mut seen: HashMap<String, Span> = HashMap::new();
    for d in drafts {
        let index = letter.items.len();
        let key = text[d.header.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
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
                "the item header has no outcome (expected ': Upheld' or ': Overturned')",
            ),
            Some(o) if o.kind == OutcomeKind::Unknown => problem(
                ProblemKind::UnknownOutcome,
                "the outcome is neither Upheld nor Overturned",
            ),
            Some(_) => {}
        }
        for (field, kind, what) in [
            (
                Field::Claims,
                ProblemKind::MissingClaimsGuideline,
                "Claims Administrator guideline",
            ),
            (
                Field::Guideline,
                ProblemKind::MissingGuideline,
                "MAXIMUS guideline",
            ),
            (
                Field::Rationale,
                ProblemKind::MissingRationale,
                "Decision rationale",
            ),
        ] {
            if d.fields[field as usize]
                .as_ref()
                .is_none_or(|s| text[s.clone()].trim().is_empty())
            {
                problem(kind, &format!("the item has no '{what}:' field"));
            }
        }
        let request_end = d.outcome.as_ref().map_or(d.header.end, |o| {
            text[d.header.start..o.span.start]
                .rfind(':')
                .map_or(o.span.start, |c| d.header.start + c)
        });
        let request_span = d.header.start..request_end.max(d.header.start);
        letter.items.push(Item {
            request: Request::parse(text, request_span),
            header: d.header,
            outcome: d.outcome,
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

/// The first line of a header that ends on line `i`: a header may wrap over up to three
/// lines, each continuing an unfinished clause of the text before it.
fn header_start(text: &str, lines: &[Span], i: usize, open: Option<(Field, usize)>) -> usize {
    let floor = match open {
        Some((_, first)) => first + 1,
        None => 0,
    };
    let mut start = i;
    if !text[lines[i].clone()].contains(':') && start > floor {
        start -= 1;
    }
    while start > floor && i - start < 2 && !ends_clause(&text[lines[start - 1].clone()]) {
        start -= 1;
    }
    start
}

fn outcome(text: &str, header: &Span) -> Option<Outcome> {
    let h = &text[header.clone()];
    if let Some(c) = OUTCOME_END.captures(h).and_then(|c| c.get(1)) {
        let kind = if c.as_str().eq_ignore_ascii_case("upheld") {
            OutcomeKind::Upheld
        } else {
            OutcomeKind::Overturned
        };
        return Some(Outcome {
            kind,
            span: header.start + c.start()..header.start + c.end(),
        });
    }
    OTHER_OUTCOME
        .captures(h)
        .and_then(|c| c.get(1))
        .map(|c| Outcome {
            kind: OutcomeKind::Unknown,
            span: header.start + c.start()..header.start + c.end(),
        })
}
