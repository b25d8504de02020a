//! Baselines: the findings a batch already had, so a CI gate fails only on new ones.
//!
//! A finding is keyed on its file, its rule and its fingerprint (a hash of the rule, the
//! item's request, that is its header without the outcome, and the normalised text it
//! points at), not on line numbers, so edits elsewhere in a letter, or to an item's
//! outcome word, do not re-fire it. Keys are counted, so a second identical finding in the
//! same place is new.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::Reported;

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub fingerprint: String,
    /// For the reader only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

fn key(file: &str, rule: &str, fingerprint: &str) -> (String, String, String) {
    let file = file.replace('\\', "/");
    let file = file.strip_prefix("./").unwrap_or(&file).to_string();
    (file, rule.to_string(), fingerprint.to_string())
}

impl Baseline {
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Reported>) -> Baseline {
        Baseline {
            version: VERSION,
            findings: findings
                .into_iter()
                .map(|f| Entry {
                    file: key(&f.file, "", "").0,
                    rule: f.rule.clone(),
                    fingerprint: f.fingerprint.clone(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: invalid baseline: {e}", path.display()))?;
        if b.version != VERSION {
            return Err(format!(
                "{}: baseline version {} (this imr-lint writes {VERSION})",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))
    }

    /// The baseline as a filter.
    pub fn matcher(&self) -> Matcher {
        let mut counts = HashMap::new();
        for e in &self.findings {
            *counts
                .entry(key(&e.file, &e.rule, &e.fingerprint))
                .or_insert(0usize) += 1;
        }
        Matcher { counts }
    }
}

pub struct Matcher {
    counts: HashMap<(String, String, String), usize>,
}

impl Matcher {
    /// Drops one file's findings that the baseline holds (each entry absorbs one finding);
    /// returns how many it dropped.
    pub fn filter(&self, findings: &mut Vec<Reported>) -> usize {
        let mut used: HashMap<(String, String, String), usize> = HashMap::new();
        let before = findings.len();
        findings.retain(|f| {
            let k = key(&f.file, &f.rule, &f.fingerprint);
            let have = self.counts.get(&k).copied().unwrap_or(0);
            let n = used.entry(k).or_insert(0);
            *n += 1;
            *n > have
        });
        before - findings.len()
    }
}
