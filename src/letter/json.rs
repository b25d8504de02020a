//! The parsed letter as JSON (`imr-lint parse`): every field with its text and its line
//! and column in the original file, for debugging and for other tools.

use serde_json::{Value, json};

use super::{Citation, Document, Item, Span};
use crate::letter::request::{Number, Request, fmt_num};

impl Document {
    /// The letter as a JSON value.
    pub fn to_json(&self) -> Value {
        let l = &self.letter;
        json!({
            "file": self.source.name(),
            "encoding": self.source.encoding(),
            "layout": l.layout,
            "case_number": self.case_number(),
            "header": l.header.iter().map(|f| json!({
                "key": f.key,
                "label": self.span_json(&f.label),
                "value": self.span_json(&f.value),
                "date": f.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            })).collect::<Vec<_>>(),
            "sections": l.sections.iter().map(|s| json!({
                "kind": s.kind,
                "heading": self.span_json(&s.heading),
                "body": self.place(&s.body),
            })).collect::<Vec<_>>(),
            "reviewer": {
                "licensure": l.reviewer.licensure.iter().map(|s| self.span_json(s)).collect::<Vec<_>>(),
                "specialties": l.reviewer.specialties.iter().map(|s| self.span_json(s)).collect::<Vec<_>>(),
            },
            "case_summary": l.case_summary.as_ref().map(|s| self.place(s)),
            "items": l.items.iter().map(|i| self.item_json(i)).collect::<Vec<_>>(),
            "problems": l.problems.iter().map(|p| json!({
                "kind": p.kind,
                "detail": p.detail,
                "item": p.item,
                "at": self.place(&p.span),
            })).collect::<Vec<_>>(),
        })
    }

    fn item_json(&self, i: &Item) -> Value {
        json!({
            "header": self.span_json(&i.header),
            "outcome": i.outcome.as_ref().map(|o| json!({
                "kind": o.kind,
                "at": self.span_json(&o.span),
            })),
            "restated_outcomes": i.restated.iter().map(|o| json!({
                "kind": o.kind,
                "at": self.span_json(&o.span),
            })).collect::<Vec<_>>(),
            "request": self.request_json(&i.request),
            "claims_administrator_guideline": i.claims_guideline.as_ref().map(|s| self.span_json(s)),
            "maximus_guideline": i.guideline.as_ref().map(|g| json!({
                "at": self.span_json(&g.span),
                "citations": g.citations.iter().map(|c| self.citation_json(c)).collect::<Vec<_>>(),
            })),
            "rationale": i.rationale.as_ref().map(|s| self.span_json(s)),
        })
    }

    fn citation_json(&self, c: &Citation) -> Value {
        json!({
            "source": c.source,
            "topic": self.span_json(&c.topic),
            "page_label": c.page_label.as_ref().map(|s| self.place(s)),
            "pages": c.pages.iter().map(|p| json!({
                "first": p.first,
                "last": p.last,
                "at": self.span_json(&p.span),
            })).collect::<Vec<_>>(),
        })
    }

    fn request_json(&self, r: &Request) -> Value {
        let num = |n: &Option<Number>| {
            n.as_ref()
                .map(|n| json!({ "value": n.value, "at": self.span_json(&n.span) }))
        };
        json!({
            "name": self.span_json(&r.name),
            "strengths": r.strengths.iter().map(|s| json!({
                "values": s.values,
                "unit": s.unit,
                "at": self.span_json(&s.span),
            })).collect::<Vec<_>>(),
            "quantity": num(&r.quantity),
            "refills": num(&r.refills),
            "frequency": r.frequency.as_ref().map(|f| json!({
                "per_day": f.per_day.map(fmt_num),
                "per_week": f.per_week,
                "units_per_dose": f.units_per_dose,
                "at": self.span_json(&f.span),
            })),
            "duration_days": num(&r.duration_days),
            "visits": num(&r.visits),
        })
    }

    /// A span's text and position.
    fn span_json(&self, span: &Span) -> Value {
        let mut v = self.place(span);
        v["text"] = json!(self.text(span));
        v
    }

    /// A span's position only (for long bodies).
    fn place(&self, span: &Span) -> Value {
        let (line, column) = self.line_col(span);
        let bytes = self.source_span(span);
        json!({ "line": line, "column": column, "start": bytes.start, "end": bytes.end })
    }
}
