//! Annotations: a `truth.json` beside a folder of letters says, for each letter, its items
//! (each found by a `match` pattern, clean or carrying one planted defect) and the defects
//! that belong to several items or to the letter. Loading validates every pattern and
//! names the place in the file of anything wrong with it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// A `truth.json` as written.
#[derive(Debug, Deserialize)]
struct File {
    letters: BTreeMap<String, LetterDef>,
}

#[derive(Debug, Deserialize)]
struct LetterDef {
    items: Vec<ItemDef>,
    #[serde(default)]
    letter_defects: Vec<LetterDefectDef>,
    #[serde(default)]
    layout: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ItemDef {
    header: String,
    #[serde(rename = "match")]
    pattern: String,
    defect: Option<Defect>,
}

#[derive(Debug, Deserialize)]
struct LetterDefectDef {
    category: String,
    items: Option<String>,
    why: String,
}

/// A planted defect: its category (`outcome`, `page`, `med`...) and why it is one.
#[derive(Debug, Clone, Deserialize)]
pub struct Defect {
    pub category: String,
    pub why: String,
}

/// One annotated item.
#[derive(Debug)]
pub struct Item {
    pub header: String,
    /// Finds this item's header, and no other, case-insensitively.
    pub pattern: Regex,
    pub defect: Option<Defect>,
}

/// A defect of several items (`items` finds their headers) or of the letter (`None`).
#[derive(Debug)]
pub struct LetterDefect {
    pub defect: Defect,
    pub items: Option<Regex>,
}

/// One annotated letter.
#[derive(Debug)]
pub struct Letter {
    pub path: PathBuf,
    /// The letter's key in `truth.json`.
    pub name: String,
    pub layout: Option<String>,
    pub items: Vec<Item>,
    pub letter_defects: Vec<LetterDefect>,
}

/// A folder of annotated letters.
#[derive(Debug)]
pub struct Corpus {
    pub truth: PathBuf,
    pub letters: Vec<Letter>,
    /// Letter files in the folder that `truth.json` does not list.
    pub unannotated: Vec<PathBuf>,
}

/// Something wrong with a corpus, at a place in its `truth.json` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub file: String,
    pub line_col: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The `truth.json` files under each path (a `truth.json` itself, or a folder searched
/// recursively), sorted.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CorpusError> {
    let mut found = Vec::new();
    for path in paths {
        let error = |message: String| CorpusError {
            file: path.display().to_string(),
            line_col: None,
            message,
        };
        let meta = std::fs::metadata(path).map_err(|e| error(e.to_string()))?;
        if !meta.is_dir() {
            found.push(path.clone());
            continue;
        }
        let before = found.len();
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| error(e.to_string()))?;
            if entry.file_name() == "truth.json" && entry.file_type().is_some_and(|t| t.is_file()) {
                found.push(entry.into_path());
            }
        }
        if found.len() == before {
            return Err(error(format!(
                "no truth.json here (write one with `imr-lint test --init {}`)",
                path.display()
            )));
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

impl Corpus {
    /// Reads and validates a `truth.json`: it parses, every pattern compiles, each item's
    /// `match` finds its own `header` and no other item's, every listed letter exists.
    pub fn load(truth: &Path) -> Result<Corpus, CorpusError> {
        let name = truth.display().to_string();
        let raw = std::fs::read_to_string(truth).map_err(|e| CorpusError {
            file: name.clone(),
            line_col: None,
            message: format!("cannot read: {e}"),
        })?;
        let file: File = serde_json::from_str(&raw).map_err(|e| CorpusError {
            file: name.clone(),
            line_col: Some((e.line(), e.column())),
            message: e.to_string(),
        })?;
        let dir = truth.parent().unwrap_or(Path::new("."));
        let mut letters = Vec::new();
        for (key, def) in file.letters {
            let at = |field: &str, nth: usize, message: String| CorpusError {
                file: name.clone(),
                line_col: Some(locate(&raw, &key, field, nth)),
                message: format!("{key}: {message}"),
            };
            let path = dir.join(&key);
            if !path.is_file() {
                return Err(at("", 0, format!("no such letter: {}", path.display())));
            }
            let mut items = Vec::new();
            for (n, item) in def.items.into_iter().enumerate() {
                let pattern = compile(&item.pattern).map_err(|e| at("match", n, e))?;
                items.push(Item {
                    header: item.header,
                    pattern,
                    defect: item.defect,
                });
            }
            for (n, item) in items.iter().enumerate() {
                let finds: Vec<&str> = items
                    .iter()
                    .filter(|other| item.pattern.is_match(&other.header))
                    .map(|other| other.header.as_str())
                    .collect();
                match finds.as_slice() {
                    [one] if *one == item.header => {}
                    [] | [_] => {
                        return Err(at(
                            "match",
                            n,
                            format!(
                                "`{}` finds no header of this letter (its own is \"{}\")",
                                item.pattern, item.header
                            ),
                        ));
                    }
                    _ => {
                        return Err(at(
                            "match",
                            n,
                            format!(
                                "`{}` finds {} headers: \"{}\"",
                                item.pattern,
                                finds.len(),
                                finds.join("\", \"")
                            ),
                        ));
                    }
                }
            }
            let mut letter_defects = Vec::new();
            for (n, d) in def.letter_defects.into_iter().enumerate() {
                let items = match &d.items {
                    Some(p) => Some(compile(p).map_err(|e| at("items", n, e))?),
                    None => None,
                };
                letter_defects.push(LetterDefect {
                    defect: Defect {
                        category: d.category,
                        why: d.why,
                    },
                    items,
                });
            }
            letters.push(Letter {
                path,
                name: key,
                layout: def.layout,
                items,
                letter_defects,
            });
        }
        let unannotated = unannotated(dir, &letters);
        Ok(Corpus {
            truth: truth.to_path_buf(),
            letters,
            unannotated,
        })
    }
}

fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| format!("bad pattern: {e}"))
}

/// Letter files directly in `dir` that no annotation names.
fn unannotated(dir: &Path, letters: &[Letter]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && crate::lint::is_letter_file(p))
        .filter(|p| !letters.iter().any(|l| l.path == *p))
        .collect();
    out.sort();
    out
}

/// Line and column (1-based) of the `nth` value of `field` inside the letter `key`'s
/// object in the raw JSON, or of the key itself; the file's start if neither is found.
fn locate(raw: &str, key: &str, field: &str, nth: usize) -> (usize, usize) {
    let quoted = serde_json::to_string(key).unwrap_or_default();
    let Some(start) = raw.find(&quoted) else {
        return (1, 1);
    };
    let mut at = start;
    if !field.is_empty() {
        let needle = format!("\"{field}\"");
        let mut from = start;
        for _ in 0..=nth {
            match raw[from..].find(&needle) {
                Some(i) => {
                    at = from + i;
                    from = at + needle.len();
                }
                None => break,
            }
        }
    }
    let before = &raw[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
