//! Header dates in order: the first-page header's dates must follow the course of a case.
//!
//! An injury comes first; utilization review denies a request; the worker applies for
//! independent review after the denial; MAXIMUS assigns the case after the application and
//! decides it after that. `params.order` lists the header fields from earliest to latest,
//! each step a list of fields that may fall in any order among themselves (`date-of-injury`,
//! `ur-denial-date`, `application-received`, `date-assigned`, `decision-date`, `dated`). A
//! field dated against that order (a `Decision Date:` before the `UR Denial Date:` or the
//! `Application Received:` date) is reported once, labelled with the dates it contradicts;
//! when several fields are out of order, the one that contradicts the most is reported
//! first, so that one wrong date makes one finding. Fields that are blank or not dates are
//! left to the header-date-value kind.
//! Placeholders: `{field}`, `{date}`, `{others}`.

use serde::Deserialize;

use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::letter::dates::{Ymd, display};
use crate::letter::{HeaderField, HeaderKey};
use crate::rules::Rule;

pub const VARS: &[&str] = &["field", "date", "others"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    order: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Params {
    /// Each header date field with its step in the order.
    rank: Vec<(HeaderKey, usize)>,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<Params, String> {
        let raw: Raw = params(v)?;
        let mut rank = Vec::new();
        for (step, names) in raw.order.iter().enumerate() {
            for name in names {
                let key = HeaderKey::from_name(name)
                    .filter(|k| k.is_date())
                    .ok_or_else(|| {
                        let dates: Vec<&str> = HeaderKey::ALL
                            .into_iter()
                            .filter(|k| k.is_date())
                            .map(HeaderKey::name)
                            .collect();
                        format!("unknown header date '{name}' (one of: {})", dates.join(", "))
                    })?;
                if rank.iter().any(|(k, _)| *k == key) {
                    return Err(format!("header date '{name}' is listed twice"));
                }
                rank.push((key, step));
            }
        }
        Ok(Params { rank })
    }
}

/// A dated header field and its step.
struct Dated<'a> {
    field: &'a HeaderField,
    date: Ymd,
    step: usize,
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let dated: Vec<Dated<'_>> = ctx
        .doc
        .letter
        .header
        .iter()
        .filter_map(|field| {
            let step = p.rank.iter().find(|(k, _)| *k == field.key)?.1;
            Some(Dated {
                field,
                date: field.date?,
                step,
            })
        })
        .collect();
    // Pairs (earlier step, later step) whose dates run the other way.
    let mut wrong: Vec<(usize, usize)> = Vec::new();
    for (a, x) in dated.iter().enumerate() {
        for (b, y) in dated.iter().enumerate() {
            if x.step < y.step && x.date > y.date {
                wrong.push((a, b));
            }
        }
    }
    while !wrong.is_empty() {
        let count = |f: usize| wrong.iter().filter(|(a, b)| *a == f || *b == f).count();
        // The field in most wrong pairs; on a tie, the latest in the order (a decision
        // date before the denial, rather than a denial after the decision).
        let Some(blamed) = (0..dated.len()).max_by_key(|&f| (count(f), dated[f].step)) else {
            break;
        };
        let name = |d: &Dated<'_>| {
            let words = ctx.words(&d.field.label);
            words.trim_end_matches(':').trim_end().to_string()
        };
        let me = &dated[blamed];
        let mut earlier = Vec::new();
        let mut later = Vec::new();
        let mut draft = ctx
            .finding(rule, None)
            .label(&me.field.value, format!("{}: {}", name(me), display(me.date)));
        for &(a, b) in wrong.iter().filter(|(a, b)| *a == blamed || *b == blamed) {
            let other = if a == blamed { b } else { a };
            let o = &dated[other];
            let text = format!("the {} ({})", name(o), display(o.date));
            if a == blamed { &mut later } else { &mut earlier }.push(text);
            draft = draft.label(&o.field.value, format!("{}: {}", name(o), display(o.date)));
        }
        let others: Vec<String> = [("earlier than", earlier), ("later than", later)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(relation, v)| format!("{relation} {}", v.join(" and ")))
            .collect();
        draft
            .var("field", name(me))
            .var("date", display(me.date))
            .var("others", others.join(", and "))
            .emit(out);
        wrong.retain(|(a, b)| *a != blamed && *b != blamed);
    }
}
