//! MED ceiling: the approved opioids of a letter must not add up to more than the
//! morphine-equivalent daily dose ceiling.
//!
//! MTUS (Chronic Pain Medical Treatment Guidelines p. 86) recommends that opioid doses not
//! exceed 120 mg oral morphine equivalents a day. Each approved opioid's MED comes from its
//! taxonomy entry (`med:` factor, unit and source table): patches convert their mcg/hr
//! strength (fentanyl × 2.4, CDC 2016; buprenorphine × 1.8, CMS 2014); oral drugs take
//! mg a day (written schedule, else quantity over the rule set's assumed supply of 30 days)
//! × factor (hydrocodone 1, oxycodone 1.5, oxymorphone 3, hydromorphone 4, morphine 1,
//! codeine 0.15, tapentadol 0.4, tramadol 0.1, methadone 4/8/10/12 by daily dose tier).
//! When a single approved opioid is over the ceiling the finding is that item's; when
//! several add up to it, the letter's. The finding shows each item's arithmetic and the source of each factor, and names the
//! opioids it could not count (no strength written).
//! Placeholders: `{total}`, `{ceiling}`, `{working}`.

use serde::Deserialize;

use super::scope::Scope;
use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::facts::dose::{self, Med};
use crate::letter::request::fmt_num;
use crate::rules::Rule;

pub const VARS: &[&str] = &["total", "ceiling", "working"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    ceiling: f64,
}

#[derive(Debug, Clone)]
pub struct Params {
    scope: Scope,
    ceiling: f64,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, c: &Compiler<'_>) -> Result<Params, String> {
        let (scope, rest) = Scope::take(v, c)?;
        let raw: Raw = params(&rest)?;
        Ok(Params {
            scope,
            ceiling: raw.ceiling,
        })
    }
}

/// The MED of each opioid item in scope (`None` when it cannot be computed), and the
/// total.
pub struct Total {
    pub items: Vec<(usize, Option<Med>)>,
    pub value: f64,
}

pub fn total(scope: &Scope, ctx: &Ctx<'_>) -> Total {
    let tax = &ctx.rules.taxonomy;
    let items: Vec<(usize, Option<Med>)> = scope
        .items(ctx)
        .filter_map(|(i, item, drug)| {
            let conv = tax.med(drug.drug)?;
            Some((i, dose::med(&item.request, conv, ctx.rules.assumed_supply_days)))
        })
        .collect();
    let value = items.iter().filter_map(|(_, m)| m.as_ref().map(|m| m.value)).sum();
    Total { items, value }
}

impl Total {
    /// The arithmetic, item by item, then the sum: written only for a finding.
    pub fn working(&self, ctx: &Ctx<'_>) -> String {
        let mut parts = Vec::new();
        for (i, m) in &self.items {
            let name = ctx.words(&ctx.doc.letter.items[*i].request.span);
            parts.push(match m {
                Some(m) => format!("{name}: {} MED ({})", m.working, m.source),
                None => format!("{name}: not counted (no strength written)"),
            });
        }
        let sum: Vec<String> = self
            .items
            .iter()
            .filter_map(|(_, m)| m.as_ref().map(|m| fmt_num(m.value)))
            .collect();
        parts.push(format!(
            "total {} = {} mg/day MED",
            sum.join(" + "),
            fmt_num(self.value)
        ));
        parts.join("; ")
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let t = total(&p.scope, ctx);
    if t.value <= p.ceiling {
        return;
    }
    if t.items.is_empty() {
        return;
    }
    // One opioid over the ceiling alone is that item's finding; several, the letter's.
    let counted: Vec<usize> = t
        .items
        .iter()
        .filter(|(_, m)| m.is_some())
        .map(|(i, _)| *i)
        .collect();
    let item = match counted.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let mut draft = ctx
        .finding(rule, item)
        .var("total", fmt_num(t.value))
        .var("ceiling", fmt_num(p.ceiling))
        .var("working", t.working(ctx));
    for (i, m) in &t.items {
        let item = &ctx.doc.letter.items[*i];
        let label = match m {
            Some(m) => format!("{} MED", fmt_num(m.value)),
            None => "MED unknown: no strength".into(),
        };
        draft = draft.label(&item.request.span, label);
    }
    draft.emit(out);
}
