//! Record dates: a date the rationale cites must be a date of the record.
//!
//! A rationale that rests on "office visits of October 31, 2014 and August 1, 2014" should
//! cite visits the clinical case summary describes (or dates of the header block or the
//! list of documents reviewed, which are of the record too). Dates are read in every common form
//! (`August 1, 2014`, `Aug. 1, 2014`, `8/1/14`, `08/01/2014`) and compared as calendar
//! dates. A date cited in the rationale that the summary never mentions is reported once
//! per item (each occurrence labelled), with the nearest date the summary does hold, which
//! is often the one meant.
//! Placeholders: `{date}`, `{nearest}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::letter::dates::{self, Ymd, display};
use crate::letter::SectionKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["date", "nearest"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

/// Days since an epoch, for distances between dates.
fn days(d: Ymd) -> i64 {
    let (y, m) = if d.1 <= 2 { (i64::from(d.0) - 1, i64::from(d.1) + 12) } else { (i64::from(d.0), i64::from(d.1)) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(d.2)
}

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let summary = &ctx.facts.summary_dates;
    if ctx.doc.letter.case_summary.is_none() {
        return;
    }
    // The record is the summary, and the dates of the header block and of the list of
    // documents reviewed (a rationale may cite the UR denial of the header's date).
    let letter = &ctx.doc.letter;
    let mut known: Vec<Ymd> = summary.iter().map(|s| s.date).collect();
    known.extend(letter.header.iter().filter_map(|h| h.date));
    if let Some(docs) = letter.section(SectionKind::DocumentsReviewed) {
        known.extend(dates::find(ctx.doc.clean.text(), &docs.body).iter().map(|d| d.date));
    }
    for (i, f) in ctx.facts.items.iter().enumerate() {
        let mut done: Vec<Ymd> = Vec::new();
        for cited in &f.dates {
            if done.contains(&cited.date) || known.contains(&cited.date) {
                continue;
            }
            done.push(cited.date);
            let nearest = summary.iter().min_by_key(|s| (days(s.date) - days(cited.date)).abs());
            let mut draft = ctx
                .finding(rule, Some(i))
                .var("date", display(cited.date))
                .var("nearest", nearest.map_or("none".into(), |n| display(n.date)));
            for again in f.dates.iter().filter(|d| d.date == cited.date) {
                draft = draft.label(&again.span, "cited here; the case summary has no such date");
            }
            draft
                .label_if(nearest.map(|n| &n.span), "nearest date in the case summary")
                .emit(out);
        }
    }
}
