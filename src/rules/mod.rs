//! Rule sets: the YAML schema, loading and validation with located errors, the drug
//! taxonomy and the guideline topic index. `rules/mtus.yaml` is embedded as the default.

mod error;
mod load;
mod phrases;
pub mod schema;
pub mod taxonomy;
mod topics;

use std::path::Path;
use std::sync::Arc;

pub use error::RuleFileError;
pub use phrases::{PhraseSet, TooLarge};
pub use schema::Example;
pub use topics::{Topic, TopicIndex};

use crate::diagnostic::Severity;
use taxonomy::Taxonomy;

/// The name of the built-in rule set, accepted wherever a rule file is named (`--rules`,
/// `rules =` in the configuration, `extends:`).
pub const BUILTIN_NAME: &str = "builtin:mtus";
/// The default rule set, compiled into the binary.
pub const BUILTIN_MTUS: &str = include_str!("../../rules/mtus.yaml");
/// The same rule set as JSON, converted by `build.rs` (it parses faster).
const BUILTIN_MTUS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/mtus.json"));

/// One rule: a check kind with its parameters and its words. The kind and parameters are
/// as written: `checks` compiles them ([`crate::checks::Checks`]), and says where a rule
/// names a kind it does not have or parameters the kind does not take.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// The check kind's name (`outcome-consistency`...).
    pub kind: String,
    /// The `params:` mapping (empty when absent).
    pub params: serde_yaml::Value,
    pub severity: Severity,
    pub enabled: bool,
    pub message: String,
    pub help: String,
    pub citation: String,
    /// The kind of defect it finds, as annotated letters name it (`imr-lint test`).
    pub category: String,
    pub flag: Vec<Example>,
    pub pass: Vec<Example>,
    /// The file the rule is defined in.
    source: Arc<RuleSource>,
}

/// A rule file's name and text, kept to locate what is wrong with a rule after loading.
#[derive(Debug)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl Rule {
    /// An error about the rule's `key` (`kind`, `params`, `message`...), at that key in
    /// the rule's file.
    pub fn error(&self, key: &str, message: impl std::fmt::Display) -> RuleFileError {
        let (at, len) = load::locate_in_rule(&self.source.text, &self.id, key);
        RuleFileError::at(
            &self.source.name,
            &self.source.text,
            at,
            len,
            format!("rule '{}': {message}", self.id),
        )
    }

    /// The first placeholder of the message or help that `known` does not know, with the
    /// key (`message`, `help`) it is in.
    pub fn unknown_placeholder(
        &self,
        known: impl Fn(&str) -> bool,
    ) -> Option<(&'static str, &str)> {
        [("message", &self.message), ("help", &self.help)]
            .into_iter()
            .find_map(|(key, template)| Some((key, load::unknown_placeholder(template, &known)?)))
    }
}

/// Compiled phrase lists.
#[derive(Debug, Clone)]
pub struct Phrases {
    pub determination: PhraseSet,
    pub argument: PhraseSet,
    pub verdict: PhraseSet,
    pub conclusion: PhraseSet,
    pub request_cue: PhraseSet,
    pub modification: PhraseSet,
    pub copula: PhraseSet,
    pub uncertain: PhraseSet,
    pub boilerplate: PhraseSet,
    pub concession: PhraseSet,
    pub attribution: PhraseSet,
    pub request_intro: PhraseSet,
    pub mojibake: PhraseSet,
    pub topical: PhraseSet,
}

/// Compiled negation cues (NegEx / ConText).
#[derive(Debug, Clone)]
pub struct Negation {
    pub scope: usize,
    pub forward: PhraseSet,
    pub backward: PhraseSet,
    pub pseudo: PhraseSet,
    pub terminators: PhraseSet,
    pub post_scope: usize,
    pub nominal: PhraseSet,
    /// The rule set's copulas (`phrases.copula`), where a nominal trigger's scope ends.
    pub copula: PhraseSet,
    pub post: PhraseSet,
    pub clause_forward: PhraseSet,
    pub hypothetical: PhraseSet,
    pub historical: PhraseSet,
    pub conditional: PhraseSet,
    pub guideline: PhraseSet,
    pub record: PhraseSet,
    /// Every cue that can make a mention other than affirmed (all the lists above but
    /// `record`, `terminators` and `pseudo`), looked for once to pass over a clause
    /// that has none.
    pub cues: PhraseSet,
}

/// A loaded, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub name: String,
    /// Where it came from (`builtin:mtus` or a path).
    pub origin: String,
    pub rules: Vec<Rule>,
    pub phrases: Phrases,
    pub negation: Negation,
    pub taxonomy: Taxonomy,
    pub topics: TopicIndex,
    pub assumed_supply_days: f64,
}

impl RuleSet {
    /// The embedded default set.
    pub fn builtin() -> Result<RuleSet, RuleFileError> {
        load::load_text(BUILTIN_NAME, BUILTIN_MTUS, None)
    }

    /// Builds the phrase automata every letter needs (drug names, negation, determination
    /// phrases, topics) now rather than at first use: a one-letter run builds them on a
    /// second thread while it reads and parses the letter.
    pub fn warm(&self) {
        self.taxonomy.warm();
        let (p, n) = (&self.phrases, &self.negation);
        for set in [
            &n.pseudo,
            &n.forward,
            &n.backward,
            &n.terminators,
            &n.nominal,
            &n.post,
            &n.clause_forward,
            &n.hypothetical,
            &n.historical,
            &n.conditional,
            &n.guideline,
            &n.record,
            &n.cues,
            &p.boilerplate,
            &p.determination,
            &p.uncertain,
            &p.concession,
            &p.attribution,
            &p.argument,
            &p.verdict,
            &p.conclusion,
            &p.request_cue,
            &p.modification,
            &p.copula,
            &p.request_intro,
            &p.mojibake,
            &p.topical,
        ] {
            set.warm();
        }
        self.topics.warm();
    }

    /// Loads a rule file (and what it extends); `builtin:mtus` names the built-in set.
    pub fn load(path: &Path) -> Result<RuleSet, RuleFileError> {
        load::load_path(path)
    }

    /// Loads rule-file text; `path` resolves relative `extends:`.
    pub fn from_text(
        name: &str,
        text: &str,
        path: Option<&Path>,
    ) -> Result<RuleSet, RuleFileError> {
        load::load_text(name, text, path)
    }

    /// Whether a rule-file name is a built-in name (`builtin:...`) rather than a path.
    pub fn is_builtin_name(name: &Path) -> bool {
        name.to_str().is_some_and(|s| s.starts_with("builtin:"))
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Keeps only rules matching `select` (ids or prefixes; all when empty) and not
    /// matching `ignore`. Returns the patterns that matched no rule.
    pub fn filter(&mut self, select: &[String], ignore: &[String]) -> Vec<String> {
        let matches = |id: &str, p: &str| id == p || id.starts_with(p) || p == "ALL";
        let unknown = select
            .iter()
            .chain(ignore)
            .filter(|p| !self.rules.iter().any(|r| matches(&r.id, p)))
            .cloned()
            .collect();
        for r in &mut self.rules {
            if !select.is_empty() && !select.iter().any(|p| matches(&r.id, p)) {
                r.enabled = false;
            }
            if ignore.iter().any(|p| matches(&r.id, p)) {
                r.enabled = false;
            }
        }
        unknown
    }

    /// The rules in force.
    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.enabled)
    }
}
