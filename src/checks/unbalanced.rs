//! Unbalanced: a parenthesis, bracket or quotation mark opened and never closed (or closed
//! and never opened) within one field of an item.
//!
//! Each item's header, guideline lines and rationale are read separately, so an unclosed
//! `(Soma` in a guideline line or a quotation that never ends ("clearly states treatment
//! goals.) is pinned to its field. Straight double quotes must pair up; curly quotes must
//! open before they close. The number that opens an older layout's item (`1)`) is no mark.
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
            let text = ctx.text(field);
            let skip = list_number(text);
            let Some((at, mark)) = unbalanced(&text[skip..]) else { continue };
            let start = field.start + skip + at;
            let what = if matches!(mark, ')' | ']' | '\u{201d}') { "closed but never opened" } else { "opened and never closed" };
            ctx.finding(rule, Some(i))
                .var("mark", mark.to_string())
                .label(&(start..start + mark.len_utf8()), format!("`{mark}` {what}"))
                .emit(out);
        }
    }
}

/// The length of a leading list number (`1)`, `12)`), or 0.
fn list_number(s: &str) -> usize {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && s.as_bytes().get(digits) == Some(&b')') { digits + 1 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::{list_number, unbalanced};

    #[test]
    fn a_list_number_is_no_mark() {
        assert_eq!(list_number("1) MAXIMUS has determined"), 2);
        assert_eq!(list_number("12) x"), 3);
        assert_eq!(list_number("(1) x"), 0);
        assert_eq!(list_number("Norco 10/325"), 0);
    }

    #[test]
    fn finds_the_culprit() {
        assert_eq!(unbalanced("Carisoprodol (Soma0."), Some((13, '(')));
        assert_eq!(unbalanced("which \"clearly states treatment goals."), Some((6, '"')));
        assert_eq!(unbalanced("a (b) \"c\" [d]"), None);
        assert_eq!(unbalanced("a) b"), Some((1, ')')));
    }
}
