//! Header date values: each date of the first-page header block must be a calendar date.
//!
//! The header's `Date Assigned:`, `Date of Injury:`, `Decision Date:`, `UR Denial Date:`,
//! `Application Received:` (and the older `Dated:`, `Date of UR Decision:`) carry dates as
//! `MM/DD/YYYY`. A value that is no date at all, or no day of the calendar (`06/31/2014`,
//! `02/29/2015`), cannot be joined to the case's record. Blank fields and redaction marks
//! (`XX/XX/XXXX`, `***`, `[redacted]`) are not reported. Placeholders: `{field}`, `{value}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["field", "value"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

/// A blank value or a redaction mark.
fn redacted(value: &str) -> bool {
    value.chars().all(|c| "Xx*_#/-[]().".contains(c))
        || value.to_ascii_lowercase().contains("redact")
}

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for field in &ctx.doc.letter.header {
        if !field.key.is_date() || field.date.is_some() || redacted(ctx.text(&field.value)) {
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

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn redaction_marks_are_no_dates_to_check() {
        for v in ["", "XX/XX/XXXX", "***", "[redacted]", "(REDACTED)"] {
            assert!(redacted(v), "{v}");
        }
        for v in ["06/31/2014", "pending", "13/01/2014"] {
            assert!(!redacted(v), "{v}");
        }
    }
}
