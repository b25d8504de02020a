//! Drug spelling: a drug name written as a known misspelling (`Liorisal` for Lioresal), or
//! a word of an item header one or two letters away from a known drug name.
//!
//! Misspellings the rule set lists under a drug's `misspellings:` are recognised everywhere
//! (so the checks still know the drug) and reported as hygiene. Header words of six or more
//! letters that are not known names but lie within `params.max_distance` edits of one are
//! reported too, since the other checks cannot identify the drug.
//! Placeholders: `{written}`, `{suggestion}`.

use serde::Deserialize;

use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::rules::Rule;

pub const VARS: &[&str] = &["written", "suggestion"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "two")]
    max_distance: usize,
}

fn two() -> usize {
    2
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<Params, String> {
        params(v)
    }
}

/// The alphabetic words of a text with their offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// How many characters of `a` do not occur in `b` at all (by a 64-bit mask, so a character
/// may pass for one that shares its bit): each needs an edit, so the edit distance is at
/// least this, and counting is far cheaper than the distance.
fn absent(a: &str, b: &str) -> usize {
    let bit = |c: char| 1u64 << (u32::from(c) % 64);
    let present = b.chars().fold(0, |m, c| m | bit(c));
    a.chars().filter(|&c| present & bit(c) == 0).count()
}

/// Levenshtein distance, bounded work for short words (no allocation up to 64 characters).
fn distance(a: &str, b: &str) -> usize {
    let n = b.chars().count();
    let mut stack = [0usize; 65];
    let mut heap = Vec::new();
    let row: &mut [usize] = if n < stack.len() {
        &mut stack[..=n]
    } else {
        heap.resize(n + 1, 0);
        &mut heap
    };
    for (j, r) in row.iter_mut().enumerate() {
        *r = j;
    }
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.chars().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[n]
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let tax = &ctx.rules.taxonomy;
    let text = ctx.doc.clean.text();
    for m in ctx.facts.mentions.iter().filter(|m| m.misspelled) {
        let node = tax.node(m.drug);
        let written = text[m.span.clone()].to_string();
        let suggestion = node
            .drug
            .as_ref()
            .and_then(|d| d.brands.iter().min_by_key(|b| distance(&b.to_lowercase(), &written.to_lowercase())))
            .map_or(node.name.clone(), |b| format!("{b} ({})", node.name));
        let item = ctx.doc.letter.items.iter().position(|it| {
            let end = it.rationale.as_ref().map_or(it.header.end, |r| r.end);
            (it.header.start..end).contains(&m.span.start)
        });
        ctx.finding(rule, item)
            .var("written", written)
            .var("suggestion", suggestion.clone())
            .label(&m.span, format!("did you mean {suggestion}?"))
            .emit(out);
    }
    for (i, item) in ctx.doc.letter.items.iter().enumerate() {
        if ctx.facts.items[i].drug.is_some() {
            continue;
        }
        let name = &item.request.name;
        let s = ctx.text(name);
        for (at, word) in words(s) {
            if word.chars().count() < 6 || tax.lookup(word).is_some() {
                continue;
            }
            let lower = word.to_lowercase();
            let len = lower.chars().count();
            let best = tax
                .spellings()
                .iter()
                // An edit changes the length by at most one.
                .filter(|(s, _)| {
                    s.chars().count().abs_diff(len) <= p.max_distance
                        && absent(&lower, s) <= p.max_distance
                })
                .map(|(s, d)| (distance(&lower, s), s, *d))
                .filter(|(d, _, _)| *d <= p.max_distance)
                .min_by_key(|(d, _, _)| *d);
            if let Some((_, spelling, drug)) = best {
                let suggestion = format!("{spelling} ({})", tax.generic(drug));
                let span = name.start + at..name.start + at + word.len();
                ctx.finding(rule, Some(i))
                    .var("written", word)
                    .var("suggestion", suggestion.clone())
                    .label(&span, format!("did you mean {suggestion}?"))
                    .emit(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn absent_characters_bound_the_distance() {
        for (a, b) in [("gabapentine", "gabapentin"), ("liorisal", "lioresal"), ("xyz", "abc")] {
            assert!(super::absent(a, b) <= super::distance(a, b), "{a} {b}");
        }
        assert_eq!(super::absent("xyz", "abc"), 3);
    }

    #[test]
    fn distance() {
        assert_eq!(super::distance("liorisal", "lioresal"), 1);
        assert_eq!(super::distance("norco", "norco"), 0);
        assert_eq!(super::distance("", "abc"), 3);
    }
}
