//! Which items a criterion applies to: drugs of some classes, decided some way.

use super::{Compiler, Ctx, known_classes};
use crate::letter::{Item, OutcomeKind};
use crate::rules::taxonomy::Mention;

/// The `classes:` and `outcomes:` parameters shared by the MTUS criteria kinds.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Taxonomy classes (or drugs) the criterion covers.
    classes: Vec<String>,
    /// Outcomes it reads: `overturned` (approvals, the default), `upheld`.
    outcomes: Vec<String>,
}

impl Scope {
    /// Takes `classes:` and `outcomes:` (default: approvals) out of a rule's `params:`,
    /// returning the scope and the kind's own parameters.
    pub fn take(
        params: &serde_yaml::Value,
        c: &Compiler<'_>,
    ) -> Result<(Scope, serde_yaml::Value), String> {
        let mut rest = params.as_mapping().cloned().unwrap_or_default();
        let list = |v: serde_yaml::Value, key: &str| {
            serde_yaml::from_value::<Vec<String>>(v)
                .map_err(|e| format!("invalid params: {key}: {e}"))
        };
        let classes = match rest.remove("classes") {
            Some(v) => list(v, "classes")?,
            None => return Err("invalid params: missing field `classes`".into()),
        };
        let outcomes = match rest.remove("outcomes") {
            Some(v) => list(v, "outcomes")?,
            None => vec!["overturned".into()],
        };
        Ok((
            Scope::new(classes, outcomes, c)?,
            serde_yaml::Value::Mapping(rest),
        ))
    }

    pub fn new(
        classes: Vec<String>,
        outcomes: Vec<String>,
        c: &Compiler<'_>,
    ) -> Result<Scope, String> {
        known_classes(c, &classes)?;
        match outcomes
            .iter()
            .find(|o| !matches!(o.as_str(), "overturned" | "upheld"))
        {
            Some(o) => Err(format!("unknown outcome '{o}' (overturned, upheld)")),
            None => Ok(Scope { classes, outcomes }),
        }
    }

    fn decided(&self, item: &Item) -> bool {
        item.outcome.as_ref().is_some_and(|o| match o.kind {
            OutcomeKind::Overturned => self.outcomes.iter().any(|x| x == "overturned"),
            OutcomeKind::Upheld => self.outcomes.iter().any(|x| x == "upheld"),
            OutcomeKind::Unknown => false,
        })
    }

    /// The items in scope, with their drug.
    pub fn items<'c>(
        &'c self,
        ctx: &'c Ctx<'_>,
    ) -> impl Iterator<Item = (usize, &'c Item, &'c Mention)> + 'c {
        ctx.doc
            .letter
            .items
            .iter()
            .enumerate()
            .filter_map(move |(i, item)| {
                let drug = ctx.facts.items[i].drug.as_ref()?;
                (self.decided(item) && ctx.item_is_any(i, drug, &self.classes))
                    .then_some((i, item, drug))
            })
    }
}
