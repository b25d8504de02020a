//! Linting inputs: finding the letter files under the paths given, and turning each into a
//! [`FileReport`] (findings, or the reason it could not be read) in parallel, in chunks, so
//! memory stays flat and output stays in path order whatever the thread count.

mod run;

pub use run::{Job, Status, run};

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::checks::Checks;
use crate::letter::Document;
use crate::report::{FileReport, FileStatus, HumanOptions, Profile, Reported, render_letter};
use crate::source::Source;

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    /// Standard input, reported under this name.
    Stdin(String),
}

/// What walking the given paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Letter files, sorted and deduplicated.
    pub inputs: Vec<Input>,
    /// Files seen but not taken as letters (not `.txt` or `.pdf`).
    pub skipped: usize,
    /// Paths that do not exist or cannot be walked, with why.
    pub errors: Vec<(String, String)>,
}

/// Finds letters: files named directly are always taken; folders are walked recursively
/// for `.txt` and `.pdf` files, skipping hidden and git-ignored files as ripgrep does.
pub fn discover(paths: &[PathBuf], stdin_name: &str) -> Discovered {
    let mut d = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            d.inputs.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => d.errors.push((path.display().to_string(), e.to_string())),
            Ok(m) if m.is_dir() => walk(path, &mut d),
            Ok(_) => d.inputs.push(Input::File(path.clone())),
        }
    }
    d.inputs.sort();
    d.inputs.dedup();
    d
}

fn walk(dir: &Path, d: &mut Discovered) {
    for entry in ignore::WalkBuilder::new(dir).follow_links(false).build() {
        match entry {
            Err(e) => d.errors.push((dir.display().to_string(), e.to_string())),
            Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => {}
            Ok(e) => {
                let p = e.path();
                if is_letter_file(p) {
                    d.inputs.push(Input::File(p.to_path_buf()));
                } else {
                    d.skipped += 1;
                }
            }
        }
    }
}

/// Whether a folder walk takes this file as a letter (by its extension).
pub fn is_letter_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("pdf"))
}

/// How a batch renders each file as it is linted (the human format renders with the
/// source at hand, so the letter need not be kept).
pub type Render<'a> = dyn Fn(&Document, &[Reported]) -> String + Sync + 'a;

/// Drops the findings a baseline or a suppression accepts; returns how many it dropped.
pub type Filter<'a> = dyn Fn(&mut Vec<Reported>) -> usize + Sync + 'a;

/// What to do with each linted file besides checking it.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    pub render: Option<&'a Render<'a>>,
    pub filter: Option<&'a Filter<'a>>,
    /// Keep what the HTML report shows of each letter (its text, items and reviewer).
    pub profile: bool,
}

/// Lints one input. A panic while linting it (a bug) fails that file, not the batch.
pub fn lint_input(input: &Input, checks: &Checks, opts: Options<'_>) -> FileReport {
    let guarded = std::panic::AssertUnwindSafe(|| lint_one(input, checks, opts));
    std::panic::catch_unwind(guarded).unwrap_or_else(|panic| {
        let name = match input {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(name) => name.clone(),
        };
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        FileReport::failed(
            name,
            format!("internal error, please report it with this file: {why}"),
        )
    })
}

fn lint_one(input: &Input, checks: &Checks, opts: Options<'_>) -> FileReport {
    let (name, source) = match input {
        Input::File(p) => (p.display().to_string(), Source::read(p)),
        Input::Stdin(name) => {
            let mut bytes = Vec::new();
            let read = std::io::stdin().read_to_end(&mut bytes);
            let source = read
                .map_err(|e| crate::source::ReadError::Io(e.to_string()))
                .and_then(|_| Source::from_vec(name.clone(), bytes));
            (name.clone(), source)
        }
    };
    match source {
        Ok(s) => lint_source(s, checks, opts),
        Err(e) => FileReport::failed(name, e.to_string()),
    }
}

/// Lints a decoded source.
pub fn lint_source(source: Source, checks: &Checks, opts: Options<'_>) -> FileReport {
    let name = source.name().to_string();
    let (doc, mut reported) = match lint_document(source, checks) {
        Ok(d) => d,
        Err(e) => return FileReport::failed(name, e.to_string()),
    };
    let suppressed = opts.filter.map_or(0, |f| f(&mut reported));
    FileReport {
        rendered: opts.render.map(|r| r(&doc, &reported)),
        profile: opts
            .profile
            .then(|| Box::new(Profile::new(&doc, checks.rules()))),
        suppressed,
        file: name,
        status: FileStatus::Linted {
            items: doc.letter.items.len(),
            layout: doc.letter.layout,
        },
        findings: reported,
    }
}

/// A decoded source parsed, with the findings of every rule in force on it.
pub fn lint_document(
    source: Source,
    checks: &Checks,
) -> Result<(Document, Vec<Reported>), crate::letter::NotALetter> {
    let doc = Document::parse(source)?;
    let reported = reported(&doc, checks);
    Ok((doc, reported))
}

/// The findings of every rule in force on a parsed letter, placed in its source.
fn reported(doc: &Document, checks: &Checks) -> Vec<Reported> {
    checks
        .check(doc)
        .into_iter()
        .map(|f| Reported::new(doc, f))
        .collect()
}

/// Lints inputs in parallel (a lone input on the calling thread), handing the reports to
/// `sink` in input order. Inputs go in
/// chunks (memory stays flat), and the next chunk is linted while `sink` writes the last.
pub fn lint_all(
    inputs: &[Input],
    checks: &Checks,
    opts: Options<'_>,
    mut sink: impl FnMut(FileReport),
) {
    const CHUNK: usize = 256;
    if let [input] = inputs {
        // One letter: no worker pool to start (and to spin while it waits for work); the
        // rule set's automata build on a second thread while the letter is parsed.
        std::thread::scope(|s| {
            s.spawn(|| checks.rules().warm());
            sink(lint_input(input, checks, opts));
        });
        return;
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<FileReport>>(1);
        scope.spawn(move || {
            for chunk in inputs.chunks(CHUNK) {
                let reports = chunk
                    .par_iter()
                    .map(|i| lint_input(i, checks, opts))
                    .collect();
                if tx.send(reports).is_err() {
                    break;
                }
            }
        });
        for reports in rx {
            reports.into_iter().for_each(&mut sink);
        }
    });
}

/// One input through every stage and every output: decode, normalise, parse, extract facts,
/// check with `checks`, then the parse and the findings as JSON and the findings as human
/// output, graphical and narrated. For the fuzz target (`fuzz/`) and the tests that keep
/// what it found: nothing here may panic, whatever the bytes. Returns the outputs (none for
/// bytes that are not a letter).
pub fn every_output(
    name: &str,
    bytes: &[u8],
    checks: &Checks,
) -> Result<Vec<String>, serde_json::Error> {
    let Ok(Ok(doc)) = Source::from_bytes(name, bytes).map(Document::parse) else {
        return Ok(Vec::new());
    };
    let reported = reported(&doc, checks);
    let mut out = vec![
        serde_json::to_string(&doc.to_json())?,
        serde_json::to_string(&reported)?,
    ];
    for graphical in [true, false] {
        let opts = HumanOptions {
            color: false,
            graphical,
            width: 100,
            statistics: false,
            quiet: false,
        };
        out.push(render_letter(&doc, &reported, opts));
    }
    Ok(out)
}
