//! `imr-lint test`: a rule set scored against annotated letters. Each letter is linted; each
//! error or warning is matched to the annotated item it concerns; a planted defect is found
//! when a finding of its category lands on its item (a letter defect: on one of its items,
//! or on the letter); a serious finding on a clean item, on an item the annotation does not
//! list, or on the letter when no letter defect of its category explains it, is a false
//! alarm. Info findings (hygiene) are not scored. Precision is found / (found + false
//! alarms), recall found / defects; a rule firing twice on one item is one false alarm.

mod init;
mod table;
pub mod truth;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::checks::Checks;
use crate::diagnostic::Severity;
use crate::report::Reported;
use crate::source::Source;
use crate::text::collapse;

pub use init::init;
pub use table::{human, json};
pub use truth::{Corpus, CorpusError};

/// Defects found and missed, and false alarms raised: of one category, one rule, or all.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub defects: usize,
    pub found: usize,
    pub missed: usize,
    pub false_alarms: usize,
}

impl Tally {
    /// found / (found + false alarms); `None` when nothing was flagged.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.found, self.found + self.false_alarms)
    }

    /// found / defects; `None` when there were no defects.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.defects)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A planted defect no finding of its category reached.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub file: String,
    /// The item's annotated header, or `None` for a defect of the letter.
    pub item: Option<String>,
    pub category: String,
    pub why: String,
    /// Why nothing could be found when the parser did not see the item at all.
    pub note: Option<String>,
    /// Rules that did flag the item (with other categories).
    pub flagged: Vec<String>,
}

/// An error or warning that no planted defect explains.
#[derive(Debug, Clone, Serialize)]
pub struct FalseAlarm {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The item's header as parsed, or `None` for a letter-level finding.
    pub item: Option<String>,
    pub rule: String,
    pub category: String,
    pub severity: Severity,
    pub message: String,
}

/// A letter that could not be linted, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Unreadable {
    pub file: String,
    pub reason: String,
}

/// The score of a rule set on one or more corpora.
#[derive(Debug, Default, Serialize)]
pub struct Score {
    pub rules: String,
    pub corpora: Vec<String>,
    pub letters: usize,
    pub items: usize,
    pub clean_items: usize,
    #[serde(skip)]
    pub total: Tally,
    #[serde(skip)]
    pub categories: BTreeMap<String, Tally>,
    #[serde(skip)]
    pub by_rule: BTreeMap<String, Tally>,
    pub misses: Vec<Miss>,
    pub false_alarms: Vec<FalseAlarm>,
    pub unreadable: Vec<Unreadable>,
    pub unannotated: Vec<String>,
}

/// What one letter contributed.
#[derive(Default)]
struct LetterScore {
    /// Per defect: its category and the rules that found it (empty: missed).
    defects: Vec<(String, BTreeSet<String>)>,
    misses: Vec<Miss>,
    false_alarms: Vec<FalseAlarm>,
    unreadable: Option<Unreadable>,
    items: usize,
    clean_items: usize,
}

/// Scores the checks on the corpora (each a loaded `truth.json` and its letters).
pub fn score(corpora: &[Corpus], checks: &Checks) -> Score {
    let rules = checks.rules();
    let mut s = Score {
        rules: rules.origin.clone(),
        corpora: corpora
            .iter()
            .map(|c| c.truth.display().to_string())
            .collect(),
        ..Score::default()
    };
    for rule in &rules.rules {
        s.by_rule.entry(rule.id.clone()).or_default();
    }
    let letters: Vec<&truth::Letter> = corpora.iter().flat_map(|c| &c.letters).collect();
    let scored: Vec<LetterScore> = letters
        .par_iter()
        .map(|l| score_letter(l, checks))
        .collect();
    for l in scored {
        s.letters += 1;
        s.items += l.items;
        s.clean_items += l.clean_items;
        for (category, rules_found) in l.defects {
            let tally = s.categories.entry(category).or_default();
            tally.defects += 1;
            s.total.defects += 1;
            if rules_found.is_empty() {
                tally.missed += 1;
                s.total.missed += 1;
            } else {
                tally.found += 1;
                s.total.found += 1;
            }
            for rule in rules_found {
                let t = s.by_rule.entry(rule).or_default();
                t.found += 1;
            }
        }
        for alarm in &l.false_alarms {
            s.categories
                .entry(alarm.category.clone())
                .or_default()
                .false_alarms += 1;
            s.by_rule
                .entry(alarm.rule.clone())
                .or_default()
                .false_alarms += 1;
            s.total.false_alarms += 1;
        }
        s.misses.extend(l.misses);
        s.false_alarms.extend(l.false_alarms);
        s.unreadable.extend(l.unreadable);
    }
    for c in corpora {
        s.unannotated
            .extend(c.unannotated.iter().map(|p| p.display().to_string()));
    }
    s
}

/// Lints one annotated letter and matches its findings to its annotations.
fn score_letter(letter: &truth::Letter, checks: &Checks) -> LetterScore {
    let rules = checks.rules();
    let file = letter.path.display().to_string();
    let mut out = LetterScore {
        items: letter.items.len(),
        clean_items: letter.items.iter().filter(|i| i.defect.is_none()).count(),
        ..LetterScore::default()
    };
    let linted = Source::read(&letter.path)
        .map_err(|e| e.to_string())
        .and_then(|s| crate::lint::lint_document(s, checks).map_err(|e| e.to_string()));
    let (headers, findings) = match linted {
        Ok((doc, findings)) => (headers(&doc), findings),
        Err(reason) => {
            out.unreadable = Some(Unreadable {
                file: file.clone(),
                reason: reason.clone(),
            });
            for d in defects(letter) {
                out.defects.push((d.1.category.clone(), BTreeSet::new()));
                out.misses.push(miss(&file, d, Some(&reason), Vec::new()));
            }
            return out;
        }
    };
    // Each parsed item's annotation: the first whose pattern finds its header.
    let annotation = |header: &str| letter.items.iter().position(|i| i.pattern.is_match(header));
    let serious: Vec<&Reported> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let category = |rule: &str| {
        rules.rule(rule).map_or_else(
            || rule.split('/').next().unwrap_or(rule).to_string(),
            |r| r.category.clone(),
        )
    };
    // Item defects.
    for item in &letter.items {
        let Some(defect) = &item.defect else { continue };
        let on_item: Vec<&&Reported> = serious
            .iter()
            .filter(|f| f.item.as_deref().is_some_and(|h| item.pattern.is_match(h)))
            .collect();
        let found: BTreeSet<String> = on_item
            .iter()
            .filter(|f| category(&f.rule) == defect.category)
            .map(|f| f.rule.clone())
            .collect();
        if found.is_empty() {
            let seen = headers.iter().any(|h| item.pattern.is_match(h));
            let note = (!seen).then_some("the parser did not find this item");
            let flagged = on_item.iter().map(|f| f.rule.clone()).collect();
            out.misses
                .push(miss(&file, (Some(&item.header), defect), note, flagged));
        }
        out.defects.push((defect.category.clone(), found));
    }
    // Letter defects: on one of their items, or on the letter.
    for ld in &letter.letter_defects {
        let found: BTreeSet<String> = serious
            .iter()
            .filter(|f| category(&f.rule) == ld.defect.category)
            .filter(|f| match (&f.item, &ld.items) {
                (None, _) => true,
                (Some(h), Some(items)) => items.is_match(h),
                (Some(_), None) => false,
            })
            .map(|f| f.rule.clone())
            .collect();
        if found.is_empty() {
            out.misses
                .push(miss(&file, (None, &ld.defect), None, Vec::new()));
        }
        out.defects.push((ld.defect.category.clone(), found));
    }
    // False alarms: serious findings no defect explains, one per item and rule.
    let mut seen = BTreeSet::new();
    for f in &serious {
        let cat = category(&f.rule);
        let explained_by_letter = letter.letter_defects.iter().any(|ld| {
            ld.defect.category == cat
                && match (&f.item, &ld.items) {
                    (None, _) => true,
                    (Some(h), Some(items)) => items.is_match(h),
                    (Some(_), None) => false,
                }
        });
        let on_defective_item = f
            .item
            .as_deref()
            .and_then(annotation)
            .is_some_and(|i| letter.items[i].defect.is_some());
        if explained_by_letter || on_defective_item {
            continue;
        }
        if seen.insert((f.item.clone(), f.rule.clone())) {
            out.false_alarms.push(FalseAlarm {
                file: file.clone(),
                line: f.place.line,
                column: f.place.column,
                item: f.item.clone(),
                rule: f.rule.clone(),
                category: cat,
                severity: f.severity,
                message: f.message.clone(),
            });
        }
    }
    out
}

/// The item headers of a parsed letter, whitespace collapsed, as annotations write them.
fn headers(doc: &crate::letter::Document) -> Vec<String> {
    doc.letter
        .items
        .iter()
        .map(|i| collapse(doc.text(&i.header)))
        .collect()
}

/// Every defect of a letter: its item's header (or `None`) and the defect.
fn defects(letter: &truth::Letter) -> Vec<(Option<&String>, &truth::Defect)> {
    let items = letter
        .items
        .iter()
        .filter_map(|i| i.defect.as_ref().map(|d| (Some(&i.header), d)));
    let whole = letter.letter_defects.iter().map(|d| (None, &d.defect));
    items.chain(whole).collect()
}

fn miss(
    file: &str,
    (item, defect): (Option<&String>, &truth::Defect),
    note: Option<&str>,
    flagged: Vec<String>,
) -> Miss {
    Miss {
        file: file.to_string(),
        item: item.cloned(),
        category: defect.category.clone(),
        why: defect.why.clone(),
        note: note.map(str::to_string),
        flagged,
    }
}
