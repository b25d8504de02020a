//! Header date values: each date of the first-page header block must be a calendar date.
//!
//! The header's `Date Assigned:`, `Date of Injury:`, `Decision Date:`, `UR Denial Date:`,
//! `Application Received:` (and the older `Dated:`, `Date of UR Decision:`) carry dates as
//! `MM/DD/YYYY`. A value that is no date at all, or no day of the calendar (`06/31/2014`,
//! `02/29/2015`), cannot be joined to the case's record. Blank fields (redacted or not
//! filled in) are not reported. Placeholders: `{field}`, `{value}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["field", "value"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for field in &ctx.doc.letter.header {
        if !field.key.is_date() || field.value.is_empty() || field.date.is_some() {
            continue;
        }
        let name = ctx.words(&field.label);
        let name = name.trim_end_matches(':').trim_end();
        ctx.finding(rule, None)
            .var("field", name)
            .var("value", ctx.words(&field.value))
            .label(&field.value, "not a calendar date")
            .label(&field.label, "the header field")
            .emit(out);
    }
}
