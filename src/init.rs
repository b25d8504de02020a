//! `imr-lint init`: writes a rule file and a configuration file to start from. The rule
//! file (`mtus.yaml`) extends the built-in set, with commented examples of the common local
//! changes, or with `--full` is the whole built-in set, to fork; the configuration
//! (`imr-lint.toml`) names it. An existing file is never overwritten: then nothing is
//! written at all.

use std::fmt;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::rules::{BUILTIN_MTUS, BUILTIN_NAME};

/// The name of the rule file `init` writes.
pub const RULE_FILE: &str = "mtus.yaml";

/// The rule file `init` writes without `--full`.
const STARTER_RULES: &str = include_str!("../rules/init/mtus.yaml");
/// The configuration `init` writes; it names [`RULE_FILE`].
const STARTER_CONFIG: &str = include_str!("../rules/init/imr-lint.toml");

/// The text of the rule file: the starter that extends the built-in set, or (`full`) the
/// whole built-in set under a header saying where it came from.
pub fn rule_file(full: bool) -> String {
    if !full {
        return STARTER_RULES.to_string();
    }
    format!(
        "# The whole built-in rule set of imr-lint {version}, written by `imr-lint init --full`\n\
         # to be edited as your own. Unlike a file that `extends: {BUILTIN_NAME}` (what\n\
         # `imr-lint init` writes), it does not follow imr-lint's updates to the built-in set.\n\
         #\n{BUILTIN_MTUS}",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// The configuration file's text.
pub fn config_file() -> &'static str {
    STARTER_CONFIG
}

/// Why `init` wrote nothing (or, for an I/O error, not everything).
#[derive(Debug)]
pub enum Error {
    /// These files exist already; nothing was written.
    Exists(Vec<PathBuf>),
    /// A file or folder could not be written.
    Io(PathBuf, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Exists(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let (verb, it) = if names.len() == 1 {
                    ("exists", "it")
                } else {
                    ("exist", "them")
                };
                write!(
                    f,
                    "{} already {verb}; `imr-lint init` never overwrites a file, and wrote \
                     nothing (edit {it}, or move {it} away and run `imr-lint init` again)",
                    names.join(" and ")
                )
            }
            Error::Io(path, e) => write!(f, "{}: cannot write: {e}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Writes the rule file and the configuration into `dir` (the current folder when `None`;
/// created when missing) and returns what to tell the user.
pub fn init(dir: Option<&Path>, full: bool) -> Result<String, Error> {
    let at = |name: &str| dir.map_or_else(|| PathBuf::from(name), |d| d.join(name));
    let (rules_path, config_path) = (at(RULE_FILE), at(CONFIG_FILE));
    let existing: Vec<PathBuf> = [&rules_path, &config_path]
        .into_iter()
        .filter(|p| p.symlink_metadata().is_ok())
        .cloned()
        .collect();
    if !existing.is_empty() {
        return Err(Error::Exists(existing));
    }
    if let Some(d) = dir {
        std::fs::create_dir_all(d).map_err(|e| Error::Io(d.to_path_buf(), e))?;
    }
    write_new(&rules_path, &rule_file(full))?;
    write_new(&config_path, config_file())?;
    let what = if full {
        "the whole built-in MTUS rule set, to edit as your own"
    } else {
        "extends the built-in MTUS rules, with commented examples of local changes"
    };
    Ok(format!(
        "wrote {rules}: {what}\n\
         wrote {config}: names {RULE_FILE}, with commented examples of the other settings\n\
         next: imr-lint --rules {rules} letters/\n",
        rules = rules_path.display(),
        config = config_path.display(),
    ))
}

/// Creates `path` with `text`, failing if it exists (even if it appeared since the check).
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let error = |e| Error::Io(path.to_path_buf(), e);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(error)?;
    file.write_all(text.as_bytes()).map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn both_rule_files_load_with_every_built_in_rule() {
        let builtin = RuleSet::builtin().unwrap();
        let ids = |r: &RuleSet| r.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        for full in [false, true] {
            let rules = RuleSet::from_text(RULE_FILE, &rule_file(full), None)
                .unwrap_or_else(|e| panic!("full={full}: {e}"));
            assert_eq!(ids(&rules), ids(&builtin), "full={full}");
        }
        assert!(rule_file(true).ends_with(BUILTIN_MTUS));
        assert!(rule_file(false).contains("\nextends: builtin:mtus\n"));
    }

    #[test]
    fn the_config_names_the_rule_file() {
        let config: crate::config::Config = toml::from_str(config_file()).unwrap();
        assert_eq!(config.rules.as_deref(), Some(Path::new(RULE_FILE)));
    }
}
