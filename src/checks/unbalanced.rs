//! Unbalanced: a parenthesis, bracket or quotation mark opened and never closed (or closed
//! and never opened) within one field of an item.
//!
//! Each item's header, guideline lines and rationale are read separately, so an unclosed
//! `(Soma` in a guideline line or a quotation that never ends ("clearly states treatment
//! goals.) is pinned to its field. Straight double quotes must pair up; curly quotes must
//! open before they close.
//! Placeholders: `{mark}`.

use super::Ctx;
use crate::diagnostic::Finding;
use crate::letter::Span;
use crate::rules::Rule;

pub const VARS: &[&str] = &["mark"];

/// This kind takes no parameters.
pub type Params = super::NoParams;

/// The first unbalanced mark of a field, as (offset within the field, the mark).
fn unbalanced(s: &str) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut straight: Option<usize> = None;
    // Only brackets, straight quotes and the curly quotes (which start with byte E2) matter,
    // found with two vectorised byte searches.
    let bytes = s.as_bytes();
    let mut at: Vec<usize> = memchr::memchr3_iter(b'(', b')', b'"', bytes)
        .chain(memchr::memchr3_iter(b'[', b']', 0xE2, bytes))
        .collect();
    at.sort_unstable();
    let marks = at
        .into_iter()
        .filter_map(|i| Some((i, s.get(i..)?.chars().next()?)));
    for (i, c) in marks {
        match c {
            '(' | '[' | '\u{201c}' => stack.push((i, c)),
            ')' | ']' | '\u{201d}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '\u{201c}',
                };
                match stack.last() {
                    Some(&(_, o)) if o == open => {
                        stack.pop();
                    }
                    _ => return Some((i, c)),
                }
            }
            '"' => straight = if straight.is_some() { None } else { Some(i) },
            _ => {}
        }
    }
    stack.first().copied().or(straight.map(|i| (i, '"')))
}

pub fn run(_: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        let fields: [Option<&Span>; 4] = [
            Some(&item.header),
            item.claims_guideline.as_ref(),
            item.guideline.as_ref().map(|g| &g.span),
            item.rationale.as_ref(),
        ];
        for field in fields.into_iter().flatten() {
            let Some((at, mark)) = unbalanced(ctx.text(field)) else { continue };
            let start = field.start + at;
            let what = if matches!(mark, ')' | ']' | '\u{201d}') { "closed but never opened" } else { "opened and never closed" };
            ctx.finding(rule, Some(i))
                .var("mark", mark.to_string())
                .label(&(start..start + mark.len_utf8()), format!("`{mark}` {what}"))
                .emit(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unbalanced;

    #[test]
    fn finds_the_culprit() {
        assert_eq!(unbalanced("Carisoprodol (Soma0."), Some((13, '(')));
        assert_eq!(unbalanced("which \"clearly states treatment goals."), Some((6, '"')));
        assert_eq!(unbalanced("a (b) \"c\" [d]"), None);
        assert_eq!(unbalanced("a) b"), Some((1, ')')));
    }
}
