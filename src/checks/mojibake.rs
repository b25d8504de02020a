//! Mojibake: text garbled by a wrong character-set conversion (`DURAGESICÂ®`,
//! `patientâ€™s`).
//!
//! Letters pass through PDF generation and text extraction; a UTF-8 character read as
//! Windows-1252 turns into two or three odd characters. The sequences looked for are the
//! rule set's `phrases.mojibake`. Each occurrence is reported as hygiene, with the item it
//! falls in when it falls in one.
//! Placeholders: `{text}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["text"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let text = ctx.doc.clean.text();
    for m in ctx.rules.phrases.mojibake.find_iter(text) {
        let item = ctx.doc.letter.items.iter().position(|it| {
            let end = it.rationale.as_ref().map_or(it.header.end, |r| r.end);
            (it.header.start..end).contains(&m.start)
        });
        ctx.finding(rule, item)
            .var("text", &text[m.clone()])
            .label(&m, "garbled characters")
            .emit(out);
    }
}
