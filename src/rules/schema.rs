//! The rule-file schema (version 1), as written in YAML. Loading turns it into a
//! [`crate::rules::RuleSet`]; nothing here is interpreted.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The version of the rule-file schema this build reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub schema: u32,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Another rule file this one builds on: a path relative to this file, or `builtin:mtus`.
    #[serde(default)]
    pub extends: Option<String>,
    /// Per-rule changes to an extended set.
    #[serde(default)]
    pub overrides: BTreeMap<String, Override>,
    /// Rule ids of an extended set to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub phrases: Option<Phrases>,
    #[serde(default)]
    pub negation: Option<Negation>,
    #[serde(default)]
    pub classes: Vec<ClassDef>,
    #[serde(default)]
    pub drugs: Vec<DrugDef>,
    #[serde(default)]
    pub topics: Vec<TopicDef>,
    #[serde(default)]
    pub med: Option<MedDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Phrase lists the checks read. Each phrase is matched case-insensitively, whole words,
/// with any run of whitespace between its words.
#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    /// The determination proper: "medically necessary", "medical necessity".
    pub determination: Vec<String>,
    /// Verdict words that argue for or against: "indicated", "supported".
    pub argument: Vec<String>,
    /// Verdicts in other words than the determination phrases ("approved", "certified",
    /// "medically appropriate"), read as the determination in a concluding sentence.
    #[serde(default)]
    pub verdict: Vec<String>,
    /// Words that say a treatment is asked for now ("requested", "authorization for").
    #[serde(default)]
    pub request_cue: Vec<String>,
    /// Words of a utilization review's modification ("modified", "certified").
    #[serde(default)]
    pub modification: Vec<String>,
    /// What makes a sentence a concluding one ("therefore", "the request").
    #[serde(default)]
    pub conclusion: Vec<String>,
    /// Copulas that must precede an argument word for it to count ("is", "was").
    pub copula: Vec<String>,
    /// Determinations that leave necessity open, read as negative ("cannot be determined").
    pub uncertain: Vec<String>,
    /// Sentences that are boilerplate, never the conclusion ("safe discontinuation").
    pub boilerplate: Vec<String>,
    /// Sentence openers that concede a point before arguing the other way ("while").
    pub concession: Vec<String>,
    /// Sentence openers that report what a guideline says ("per", "according to").
    pub attribution: Vec<String>,
    /// "The request for X is ..." introductions of a request restated in a rationale.
    pub request_intro: Vec<String>,
    /// Common mojibake sequences ("Â®", "â€™").
    pub mojibake: Vec<String>,
    /// Words that make a request a topical product ("cream", "compounded"): its class is
    /// then topical analgesic, whatever its ingredients are taken by mouth for.
    #[serde(default)]
    pub topical: Vec<String>,
}

/// NegEx / ConText negation: triggers with a direction and scope, terminators and
/// pseudo-triggers.
#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    /// How many words a trigger reaches.
    pub scope: usize,
    /// Triggers that negate what follows them ("not", "cannot", "does not meet").
    pub forward: Vec<String>,
    /// Triggers that negate what precedes them ("is ruled out", "was not established").
    pub backward: Vec<String>,
    /// Phrases containing a trigger that do not negate ("not only", "no further").
    pub pseudo: Vec<String>,
    /// Words that end a trigger's scope ("but", "however").
    pub terminators: Vec<String>,
    /// How many words a post-negation trigger reaches back (default: `scope`).
    #[serde(default)]
    pub post_scope: Option<usize>,
    /// Forward triggers that negate a noun phrase ("no", "without"): their scope ends at a
    /// copula, so "the MRI without contrast is medically necessary" is not negated.
    #[serde(default)]
    pub nominal: Vec<String>,
    /// Post-negation of findings and evidence: triggers that negate what precedes them
    /// ("radiculopathy is not present", "the MRI was unremarkable"), read for evidence
    /// and not for a determination.
    #[serde(default)]
    pub post: Vec<String>,
    /// Triggers that negate everything after them to the end of their clause, however far
    /// ("no evidence of", "failed to", "absence of").
    #[serde(default)]
    pub clause_forward: Vec<String>,
    /// Triggers that make what follows them, up to a comma or the clause's end, a
    /// hypothesis rather than a fact ("if", "unless", "would", "should").
    #[serde(default)]
    pub hypothetical: Vec<String>,
    /// ConText's historical: cues that a clause tells what happened before ("previously",
    /// "history of"), not what holds now; a year after "in", "since" or "during" is one too.
    #[serde(default)]
    pub historical: Vec<String>,
    /// Words that make a clause a conditional, generic statement wherever they stand in
    /// it ("when", "unless"): no argument about the request is read from it.
    #[serde(default)]
    pub conditional: Vec<String>,
    /// Cues of a guideline statement: a clause that says what a guideline says,
    /// recommends or requires ("guidelines", "criteria", "recommended", "must").
    #[serde(default)]
    pub guideline: Vec<String>,
    /// Cues of a record statement: a clause about the patient ("the applicant", "here",
    /// "in this case"), which a guideline cue does not turn into a guideline statement.
    #[serde(default)]
    pub record: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ClassDef {
    pub name: String,
    #[serde(default)]
    pub is: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct DrugDef {
    /// The generic name.
    pub name: String,
    #[serde(default)]
    pub brands: Vec<String>,
    /// Other names (chemical names, abbreviations).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Misspellings seen in letters; recognised, and reported as hygiene findings.
    #[serde(default)]
    pub misspellings: Vec<String>,
    /// Classes (or other drugs) this one belongs to.
    pub is: Vec<String>,
    /// Morphine-equivalent conversion, for opioids.
    #[serde(default)]
    pub med: Option<DrugMed>,
    /// Doses a day assumed when a request gives no schedule.
    #[serde(default)]
    pub doses_per_day: Option<f64>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct DrugMed {
    /// MME per unit of daily dose (per mg/day, or per mcg/hr for patches).
    #[serde(default)]
    pub factor: Option<f64>,
    /// Methadone-style tiers: factor by daily dose ceiling in mg.
    #[serde(default)]
    pub tiers: Vec<MedTier>,
    /// `mg` (per mg/day) or `mcg/hr` (per mcg/hr of a patch).
    pub unit: String,
    /// Which strength value is the opioid (`10/325` → 0).
    #[serde(default)]
    pub ingredient: usize,
    /// The table the factor comes from.
    pub source: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct MedTier {
    pub up_to: f64,
    pub factor: f64,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct MedDef {
    /// Days a quantity is assumed to last when no schedule is written.
    pub assumed_supply_days: f64,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    pub name: String,
    /// `chronic-pain`, `acoem-3`, `acoem-8`, ...
    pub guideline: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Pages as numbers or ranges: `[80]`, `["74-96"]`.
    pub pages: Vec<serde_yaml::Value>,
    /// Drug classes the topic decides; empty for general topics.
    #[serde(default)]
    pub classes: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub kind: String,
    pub severity: String,
    pub message: String,
    pub help: String,
    pub citation: String,
    /// What kind of defect the rule finds (`outcome`, `page`, `med`...), for scoring it
    /// against annotated letters; default: the family in its id (`mtus` of `mtus/x`).
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub params: Option<serde_yaml::Value>,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub flag: Vec<Example>,
    #[serde(default)]
    pub pass: Vec<Example>,
}

/// A snippet: the decided items of a letter, optionally with a case summary; or a whole
/// letter (`letter:`), for rules about the letter's sections.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged, deny_unknown_fields)]
pub enum Example {
    Items(String),
    Letter {
        #[serde(default)]
        summary: String,
        items: String,
    },
    Whole {
        letter: String,
    },
}

impl Example {
    /// A whole letter around the snippet, so the example runs through the real parser.
    pub fn letter(&self) -> String {
        let (summary, items) = match self {
            Example::Items(items) => ("The applicant has chronic low back pain.", items.as_str()),
            Example::Letter { summary, items } => (summary.as_str(), items.as_str()),
            Example::Whole { letter } => return letter.clone(),
        };
        format!(
            "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe expert reviewer is Board Certified in Occupational Medicine and is licensed to practice in California.\nCLINICAL CASE SUMMARY\n{summary}\nIMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n{items}\n"
        )
    }
}
