//! Structure: a letter the parser could read but that is missing a piece.
//!
//! The parser notes what it could not find: a section heading (`CLINICAL CASE SUMMARY`...),
//! any decided item at all, an item's outcome (`: Upheld` / `: Overturned`), an outcome
//! word that is neither, an item's `Claims Administrator guideline:`, `MAXIMUS guideline:`
//! or `Decision rationale:` field, or an item decided twice. Each rule of this kind reports
//! one of those problems, named by `params.problem` (missing-section, no-items,
//! missing-outcome, unknown-outcome, missing-claims-guideline, missing-guideline,
//! missing-rationale, duplicate-item). Placeholder: `{detail}`.

use serde::Deserialize;

use super::{Compiler, Ctx, params};
use crate::diagnostic::Finding;
use crate::letter::ProblemKind;
use crate::rules::Rule;

pub const VARS: &[&str] = &["detail"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    problem: String,
}

#[derive(Debug, Clone)]
pub struct Params {
    problem: ProblemKind,
}

impl Params {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<Params, String> {
        let raw: Raw = params(v)?;
        let problem = ProblemKind::from_name(&raw.problem).ok_or_else(|| {
            format!(
                "unknown problem '{}' (one of: {})",
                raw.problem,
                ProblemKind::ALL.map(ProblemKind::name).join(", ")
            )
        })?;
        Ok(Params { problem })
    }
}

pub fn run(p: &Params, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for problem in ctx.doc.letter.problems.iter().filter(|x| x.kind == p.problem) {
        ctx.finding(rule, problem.item)
            .var("detail", problem.detail.clone())
            .label(&problem.span, problem.detail.clone())
            .label_if(problem.related.as_ref(), "first decided here")
            .emit(out);
    }
}
