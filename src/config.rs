//! Configuration: `imr-lint.toml` (found by walking up from the current folder, or named
//! with `--config`) and the suppression list (`[[suppress]]` entries in the config or in an
//! `.imr-lint-ignore` file beside it). Unknown keys are errors; every suppression needs a
//! reason, and one that matches nothing is reported.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;

use crate::report::Reported;

pub const CONFIG_FILE: &str = "imr-lint.toml";
pub const IGNORE_FILE: &str = ".imr-lint-ignore";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The rule file, relative to the config file.
    pub rules: Option<PathBuf>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<String>,
    #[serde(default)]
    pub suppress: Vec<SuppressEntry>,
}

/// The ignore file: suppressions only.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreFile {
    #[serde(default)]
    suppress: Vec<SuppressEntry>,
}

/// One suppression: a rule (id or prefix), in files matching a glob (written relative to
/// the folder of the file it is in; the path as given on the command line matches too),
/// optionally for one item (header prefix), with the reason it is accepted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuppressEntry {
    pub rule: String,
    #[serde(default = "any_file")]
    pub file: String,
    #[serde(default)]
    pub item: Option<String>,
    pub reason: String,
}

fn any_file() -> String {
    "**".into()
}

/// A loaded configuration and where it came from.
#[derive(Debug, Default)]
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub config: Config,
    pub suppressions: Vec<Suppression>,
}

/// A compiled suppression, with where it was written.
#[derive(Debug)]
pub struct Suppression {
    pub entry: SuppressEntry,
    pub origin: String,
    glob: GlobMatcher,
    /// The folder of the file it was written in (absolute), which `file` is relative to.
    base: Option<PathBuf>,
    /// Findings it suppressed (linting is parallel, hence atomic).
    pub used: AtomicUsize,
}

impl Suppression {
    pub fn matches(&self, f: &Reported) -> bool {
        let rule = f.rule == self.entry.rule || f.rule.starts_with(&self.entry.rule);
        let file = f.file.replace('\\', "/");
        let file = file.strip_prefix("./").unwrap_or(&file);
        let item = self.entry.item.as_ref().is_none_or(|i| {
            f.item
                .as_deref()
                .is_some_and(|h| h.to_lowercase().starts_with(&i.to_lowercase()))
        });
        let from_base = || {
            let base = self.base.as_deref()?;
            let path = absolute(Path::new(&f.file))?;
            Some(self.glob.is_match(path.strip_prefix(base).ok()?))
        };
        rule && item
            && (self.glob.is_match(file)
                || self.glob.is_match(&f.file)
                || from_base().unwrap_or(false))
    }
}

/// `path` made absolute against the working folder, `.` and `..` resolved lexically.
fn absolute(path: &Path) -> Option<PathBuf> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let cwd = CWD
        .get_or_init(|| std::env::current_dir().ok())
        .as_deref()?;
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// Drops findings any suppression matches, counting its use; returns how many it dropped.
pub fn suppress(suppressions: &[Suppression], findings: &mut Vec<Reported>) -> usize {
    let before = findings.len();
    findings.retain(|f| match suppressions.iter().find(|s| s.matches(f)) {
        Some(s) => {
            s.used.fetch_add(1, Ordering::Relaxed);
            false
        }
        None => true,
    });
    before - findings.len()
}

/// Why configuration could not be loaded.
pub type Error = String;

/// Finds `imr-lint.toml` in `start` or a parent folder.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Loads a config file (and the ignore file beside it, if any).
pub fn load(path: Option<&Path>) -> Result<Loaded, Error> {
    let mut loaded = Loaded::default();
    if let Some(p) = path {
        let text = std::fs::read_to_string(p)
            .map_err(|e| format!("{}: cannot read config: {e}", p.display()))?;
        loaded.config = toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        let entries = std::mem::take(&mut loaded.config.suppress);
        add(&mut loaded.suppressions, entries, p)?;
        loaded.path = Some(p.to_path_buf());
    }
    let dir = path
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let ignore = dir.join(IGNORE_FILE);
    if ignore.is_file() {
        let text =
            std::fs::read_to_string(&ignore).map_err(|e| format!("{}: {e}", ignore.display()))?;
        let file: IgnoreFile =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", ignore.display()))?;
        add(&mut loaded.suppressions, file.suppress, &ignore)?;
    }
    Ok(loaded)
}

fn add(out: &mut Vec<Suppression>, entries: Vec<SuppressEntry>, file: &Path) -> Result<(), Error> {
    let origin = file.display().to_string();
    let base = file.parent().and_then(absolute);
    for (i, entry) in entries.into_iter().enumerate() {
        if entry.reason.trim().is_empty() {
            return Err(format!(
                "{origin}: suppression {} ({}) has an empty reason",
                i + 1,
                entry.rule
            ));
        }
        let glob = Glob::new(&entry.file)
            .map_err(|e| {
                format!(
                    "{origin}: suppression {} has a bad file pattern: {e}",
                    i + 1
                )
            })?
            .compile_matcher();
        out.push(Suppression {
            entry,
            origin: format!("{origin} (entry {})", i + 1),
            glob,
            base: base.clone(),
            used: AtomicUsize::new(0),
        });
    }
    Ok(())
}
