//! The check kinds: a closed set implemented in Rust, one file each. A rule in the YAML
//! rule set names a kind and gives it parameters, an id, a severity and its words. The doc
//! comment at the top of each kind's file is its user documentation (`imr-lint explain`).

use serde::de::DeserializeOwned;

use crate::diagnostic::{Finding, Label};
use crate::facts::Facts;
use crate::letter::{Document, OutcomeKind, Span};
use crate::rules::taxonomy::{Mention, Taxonomy};
use crate::rules::{Rule, RuleFileError, RuleSet};

mod evidence;
mod scope;

/// What a kind's `compile` may consult.
pub struct Compiler<'a> {
    pub taxonomy: &'a Taxonomy,
}

/// A kind, as the registry lists it.
#[derive(Debug)]
pub struct KindInfo {
    pub name: &'static str,
    /// The kind's source file; its `//!` comment is the documentation.
    source: &'static str,
    /// Placeholders the kind fills in messages and help (besides `item` and `outcome`).
    pub vars: &'static [&'static str],
    pub compile: fn(&serde_yaml::Value, &Compiler<'_>) -> Result<Check, String>,
}

impl KindInfo {
    /// The kind's documentation: its module doc comment.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Placeholders every kind provides.
pub const COMMON_VARS: [&str; 2] = ["item", "outcome"];

macro_rules! kinds {
    ($($module:ident => $name:literal, $variant:ident;)*) => {
        $(pub mod $module;)*

        /// A rule's compiled parameters, by kind.
        #[derive(Debug, Clone)]
        pub enum Check {
            $($variant($module::Params),)*
        }

        /// Every kind, in the order `rules` lists them.
        pub static KINDS: &[KindInfo] = &[
            $(KindInfo {
                name: $name,
                source: include_str!(concat!(stringify!($module), ".rs")),
                vars: $module::VARS,
                compile: |v, c| $module::Params::compile(v, c).map(Check::$variant),
            },)*
        ];

        impl Check {
            /// Runs the check on a letter.
            pub fn run(&self, ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Finding>) {
                match self {
                    $(Check::$variant(p) => $module::run(p, ctx, rule, out),)*
                }
            }
        }
    };
}

kinds! {
    structure => "structure", Structure;
    outcome_consistency => "outcome-consistency", OutcomeConsistency;
    decision_lists => "decision-lists", DecisionLists;
    determination_conflict => "determination-conflict", DeterminationConflict;
    determination_missing => "determination-missing", DeterminationMissing;
    request_identity => "request-identity", RequestIdentity;
    citation => "citation", Citation;
    empty_pages => "empty-pages", EmptyPages;
    topic_pages => "topic-pages", TopicPages;
    topic_class => "topic-class", TopicClass;
    record_dates => "record-dates", RecordDates;
    pain_scores => "pain-scores", PainScores;
    header_date_order => "header-date-order", HeaderDateOrder;
    header_date_value => "header-date-value", HeaderDateValue;
    mojibake => "mojibake", Mojibake;
    unbalanced => "unbalanced", Unbalanced;
    drug_spelling => "drug-spelling", DrugSpelling;
    duration_limit => "duration-limit", DurationLimit;
    med_ceiling => "med-ceiling", MedCeiling;
    med_claim => "med-claim", MedClaim;
    required_evidence => "required-evidence", RequiredEvidence;
    not_recommended => "not-recommended", NotRecommended;
    visit_limit => "visit-limit", VisitLimit;
}

/// The kind of that name.
pub fn kind(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// The documentation of the kind of that name (empty for a kind there is not: a rule set
/// whose checks compiled names none).
pub fn kind_doc(name: &str) -> String {
    kind(name).map(KindInfo::doc).unwrap_or_default()
}

/// The parameters of a kind that takes none: `params:` absent or empty.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

impl NoParams {
    pub fn compile(v: &serde_yaml::Value, _: &Compiler<'_>) -> Result<NoParams, String> {
        params(v)
    }
}

/// Deserialises a rule's `params:` into a kind's parameter struct.
pub fn params<P: DeserializeOwned>(value: &serde_yaml::Value) -> Result<P, String> {
    serde_yaml::from_value(value.clone()).map_err(|e| format!("invalid params: {e}"))
}

/// Checks that every class a rule names exists in the taxonomy.
pub fn known_classes(c: &Compiler<'_>, classes: &[String]) -> Result<(), String> {
    match classes.iter().find(|k| c.taxonomy.get(k).is_none()) {
        Some(k) => Err(format!("unknown class or drug '{k}'")),
        None => Ok(()),
    }
}

/// A letter under check.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub rules: &'a RuleSet,
    pub facts: &'a Facts<'a>,
}

/// The class a topical product belongs to, whatever its ingredients ([`ItemFacts::topical`]).
///
/// [`ItemFacts::topical`]: crate::facts::ItemFacts::topical
pub const TOPICAL_CLASS: &str = "topical analgesic";

impl<'a> Ctx<'a> {
    /// Whether item `i`, requesting `drug`, is of one of `classes`: a topical product only
    /// of the topical class, anything else by the taxonomy.
    pub fn item_is_any(&self, i: usize, drug: &Mention, classes: &[String]) -> bool {
        if self.facts.items[i].topical {
            classes.iter().any(|c| c == TOPICAL_CLASS)
        } else {
            self.rules.taxonomy.is_any(drug.drug, classes)
        }
    }

    pub fn text(&self, span: &Span) -> &'a str {
        self.doc.text(span)
    }

    /// The text of a span with runs of whitespace collapsed, for messages.
    pub fn words(&self, span: &Span) -> String {
        crate::text::collapse(self.text(span))
    }

    /// `Upheld` or `Overturned` (whatever the layout wrote), or the unknown word itself.
    pub fn outcome_word(&self, o: &crate::letter::Outcome) -> String {
        match o.kind {
            OutcomeKind::Upheld => "Upheld".into(),
            OutcomeKind::Overturned => "Overturned".into(),
            OutcomeKind::Unknown => self.words(&o.span),
        }
    }

    /// Starts a finding of `rule` about item `item` (or the letter).
    pub fn finding<'c>(&'c self, rule: &'c Rule, item: Option<usize>) -> Draft<'c, 'a> {
        let mut vars = Vec::new();
        if let Some(i) = item.and_then(|i| self.doc.letter.items.get(i)) {
            vars.push(("item", self.words(&i.request.span)));
            let outcome = i
                .outcome
                .as_ref()
                .map_or(String::new(), |o| self.outcome_word(o));
            vars.push(("outcome", outcome));
        }
        Draft {
            ctx: self,
            rule,
            item,
            vars,
            labels: Vec::new(),
        }
    }
}

/// A finding being assembled: placeholders for the rule's templates, and labels.
pub struct Draft<'c, 'a> {
    ctx: &'c Ctx<'a>,
    rule: &'c Rule,
    item: Option<usize>,
    vars: Vec<(&'static str, String)>,
    labels: Vec<Label>,
}

impl Draft<'_, '_> {
    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }

    /// Adds a label on a clean-text span; the first label added is the primary one.
    pub fn label(mut self, span: &Span, text: impl Into<String>) -> Self {
        let primary = self.labels.is_empty();
        self.labels.push(Label {
            span: self.ctx.doc.source_span(span),
            text: text.into(),
            primary,
        });
        self
    }

    pub fn label_if(self, span: Option<&Span>, text: impl Into<String>) -> Self {
        match span {
            Some(s) => self.label(s, text),
            None => self,
        }
    }

    pub fn emit(self, out: &mut Vec<Finding>) {
        let rule = self.rule;
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            message: render(&rule.message, &self.vars),
            item: self.item,
            labels: self.labels,
            help: render(&rule.help, &self.vars),
            citation: rule.citation.clone(),
        });
    }
}

/// Fills `{name}` placeholders.
fn render(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    crate::text::collapse_owned(out)
}

/// Compiles the checks' own patterns ahead of use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    request_identity::warm();
}

/// A rule set with each rule's check compiled: what lints letters.
#[derive(Debug, Clone)]
pub struct Checks {
    rules: RuleSet,
    /// The check of each rule, in the rule set's order.
    compiled: Vec<Check>,
}

impl Checks {
    /// Compiles each rule's kind and parameters. A kind the registry lacks, parameters the
    /// kind refuses, a placeholder it does not fill and a rule without a `flag:` and a
    /// `pass:` example (which `explain` shows and the tests run) are errors at that key of
    /// the rule file.
    pub fn new(rules: RuleSet) -> Result<Checks, RuleFileError> {
        let compiler = Compiler {
            taxonomy: &rules.taxonomy,
        };
        let compiled = rules
            .rules
            .iter()
            .map(|rule| {
                let kind = kind(&rule.kind).ok_or_else(|| {
                    rule.error("kind", format!("unknown kind '{}'", rule.kind))
                        .with_help(format!(
                            "known kinds: {}",
                            KINDS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                        ))
                })?;
                let check =
                    (kind.compile)(&rule.params, &compiler).map_err(|e| rule.error("params", e))?;
                let known = |name: &str| kind.vars.contains(&name) || COMMON_VARS.contains(&name);
                if let Some((key, bad)) = rule.unknown_placeholder(known) {
                    let all: Vec<&str> = COMMON_VARS.iter().chain(kind.vars).copied().collect();
                    return Err(rule.error(
                        key,
                        format!(
                            "unknown placeholder {{{bad}}}; this kind provides: {}",
                            all.join(", ")
                        ),
                    ));
                }
                if rule.flag.is_empty() || rule.pass.is_empty() {
                    return Err(rule.error(
                        "examples",
                        "every rule needs at least one `flag:` and one `pass:` example",
                    ));
                }
                Ok(check)
            })
            .collect::<Result<Vec<Check>, RuleFileError>>()?;
        Ok(Checks { rules, compiled })
    }

    /// The built-in rule set, compiled.
    pub fn builtin() -> Result<Checks, RuleFileError> {
        Checks::new(RuleSet::builtin()?)
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Runs every rule in force on a letter; findings in file order.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let rules = &self.rules;
        let facts = Facts::new(doc, rules);
        let ctx = Ctx {
            doc,
            rules,
            facts: &facts,
        };
        let mut out = Vec::new();
        for (rule, check) in rules.rules.iter().zip(&self.compiled) {
            if rule.enabled {
                check.run(&ctx, rule, &mut out);
            }
        }
        out.sort_by(|a, b| (a.offset(), &a.rule).cmp(&(b.offset(), &b.rule)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let vars = [("item", "Opana".to_string())];
        assert_eq!(
            render("{item} is {missing}\n ok", &vars),
            "Opana is {missing} ok"
        );
    }

    #[test]
    fn every_kind_documents_itself() {
        for k in KINDS {
            assert!(k.doc().len() > 80, "kind {} has no doc comment", k.name);
        }
    }
}
