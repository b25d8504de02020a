//! The pipeline flows one way: each top-level module of the crate uses only modules of the
//! stages below it (README, Architecture). This reads every source file, finds the crate
//! paths its code names (`crate::letter::Span`, `use crate::{config, lint}`), and fails on
//! any that reaches up, naming the file; and on a module the table does not place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The stages, lowest first. A module may use the modules of earlier entries only.
const LAYERS: &[&str] = &[
    "text",
    "pdf",
    "source",
    "normalize",
    "letter",
    "diagnostic",
    "rules",
    "facts",
    "checks",
    "explain",
    "report",
    "config",
    "baseline",
    "lint",
    "score",
    "init",
    "cli",
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (line, block and doc comments; a `//` inside a
/// string literal ends the line's code early, which only hides paths, never invents them).
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        match (rest.find("//"), rest.find("/*")) {
            (Some(l), b) if b.is_none_or(|b| l < b) => {
                out.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |e| &rest[l + e..]);
            }
            (_, Some(b)) => {
                out.push_str(&rest[..b]);
                rest = rest[b..].find("*/").map_or("", |e| &rest[b + e + 2..]);
            }
            _ => {
                out.push_str(rest);
                rest = "";
            }
        }
    }
    out
}

/// The top-level modules a file's code names: `crate::x`, and each first name in a
/// `crate::{x, y::z}` group.
fn used(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `imr_lint_crate::`, not ours
        }
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let mut depth = 0;
                let mut start = true;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => start = true,
                        c if start && !c.is_whitespace() => {
                            out.insert(ident(&group[i..]));
                            start = false;
                        }
                        _ => {}
                    }
                }
            }
            None => {
                out.insert(ident(rest));
            }
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// The top-level module a file under `src/` belongs to (`None` for the crate roots).
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("src").unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

#[test]
fn every_module_uses_only_the_stages_below_it() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut modules = BTreeSet::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        modules.insert(module.clone());
        let Some(own) = layer(&module) else {
            violations.push(format!(
                "{}: module `{module}` has no place in LAYERS",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for target in used(&code(&text)) {
            if target == module {
                continue;
            }
            match layer(&target) {
                Some(l) if l < own => {}
                Some(_) => violations.push(format!(
                    "{}: `{module}` uses `{target}`, a stage above it",
                    file.display()
                )),
                // Items of the crate root (`crate::warm_up`) are no stage.
                None => {}
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the stages must flow one way:\n{}",
        violations.join("\n")
    );
    // The crate root declares exactly the modules the table places.
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let declared: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect();
    let placed: BTreeSet<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    assert_eq!(declared, placed, "src/lib.rs modules vs LAYERS");
    assert_eq!(modules, placed, "source folders vs LAYERS");
}

#[test]
fn the_reader_finds_uses_and_skips_comments() {
    let text = "use crate::{config, lint::{self, Job}};\n// crate::cli\n/* crate::score */ let x = crate::letter::Span::default(); my_crate::x";
    let found: Vec<String> = used(&code(text)).into_iter().collect();
    assert_eq!(found, ["config", "letter", "lint"]);
}
