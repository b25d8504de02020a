//! `imr-lint test --init DIR`: a `truth.json` skeleton for the letters in a folder, every
//! item listed as parsed with `defect: null` and a `match` that finds it alone, for an
//! auditor to fill in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::CorpusError;
use crate::lint::{Input, discover};
use crate::source::Source;

#[derive(Serialize)]
struct File {
    letters: BTreeMap<String, Letter>,
}

#[derive(Serialize)]
struct Letter {
    items: Vec<Item>,
    letter_defects: Vec<()>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Item {
    header: String,
    #[serde(rename = "match")]
    pattern: String,
    defect: Option<()>,
}

/// Writes `DIR/truth.json` (never over an existing one); returns its path and the number
/// of letters and items it lists.
pub fn init(dir: &Path) -> Result<(PathBuf, usize, usize), CorpusError> {
    let truth = dir.join("truth.json");
    let error = |message: String| CorpusError {
        file: truth.display().to_string(),
        line_col: None,
        message,
    };
    if truth.exists() {
        return Err(error(
            "already exists; not overwritten (move it away to start again)".into(),
        ));
    }
    let found = discover(&[dir.to_path_buf()], "-");
    if let Some((path, why)) = found.errors.first() {
        return Err(CorpusError {
            file: path.clone(),
            line_col: None,
            message: why.clone(),
        });
    }
    let mut letters = BTreeMap::new();
    let mut items = 0;
    for input in &found.inputs {
        let Input::File(path) = input else { continue };
        let key = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let parsed = Source::read(path)
            .map_err(|e| e.to_string())
            .and_then(|s| crate::letter::Document::parse(s).map_err(|e| e.to_string()));
        let letter = match parsed {
            Ok(doc) => {
                let headers = super::headers(&doc);
                items += headers.len();
                Letter {
                    items: headers
                        .iter()
                        .map(|h| Item {
                            header: h.clone(),
                            pattern: unique_pattern(h, &headers),
                            defect: None,
                        })
                        .collect(),
                    letter_defects: Vec::new(),
                    note: None,
                }
            }
            Err(reason) => Letter {
                items: Vec::new(),
                letter_defects: Vec::new(),
                note: Some(format!("not read: {reason}")),
            },
        };
        letters.insert(key, letter);
    }
    if letters.is_empty() {
        return Err(error(format!("no letters under {}", dir.display())));
    }
    let n = letters.len();
    let text = serde_json::to_string_pretty(&File { letters }).map_err(|e| error(e.to_string()))?;
    std::fs::write(&truth, text + "\n").map_err(|e| error(format!("cannot write: {e}")))?;
    Ok((truth, n, items))
}

/// The fewest leading words of `header` (as an escaped, case-insensitive pattern) that
/// find it and no other header of the letter; the whole header when fewer do not.
fn unique_pattern(header: &str, headers: &[String]) -> String {
    let words: Vec<&str> = header.split(' ').collect();
    for n in 1..=words.len() {
        let prefix = words[..n].join(" ").to_lowercase();
        let finds = headers
            .iter()
            .filter(|h| h.to_lowercase().contains(&prefix))
            .count();
        if finds == 1 {
            return regex::escape(&prefix);
        }
    }
    regex::escape(&header.to_lowercase())
}
