//! The command line's arguments and subcommands (clap). What they do is in [`super`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::Format;

const AFTER_HELP: &str = "\
Examples:
  imr-lint letters/                          lint every .txt and .pdf letter under letters/
  imr-lint init                              write mtus.yaml (to edit) and imr-lint.toml
  imr-lint --rules mtus.yaml letters/        with a rule file of your own
  imr-lint --format sarif -o imr.sarif .     for GitHub code scanning
  imr-lint --format html -o report.html .    one page to open in a browser
  imr-lint explain consistency/outcome-mismatch

Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a usage, I/O or rule-file error (the message names the file).";

#[derive(Parser, Debug)]
#[command(name = "imr-lint", version, about = "Lint IMR final determination letters for internal consistency and MTUS criteria", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Letter files or folders (searched recursively for .txt and .pdf); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to a file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Report only findings new since this baseline.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the findings of this run as a baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print findings only: no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Count findings by rule after the summary.
    #[arg(long)]
    pub statistics: bool,
    /// Human output as plain narrated text (for screen readers) instead of drawn snippets.
    #[arg(long)]
    pub narrate: bool,
    /// When to use color in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Name to report for a letter read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(clap::Args, Debug)]
pub struct RuleArgs {
    /// Rule file (YAML), or `builtin:mtus`; default: the embedded MTUS rule set.
    #[arg(long, value_name = "FILE", global = true)]
    pub rules: Option<PathBuf>,
    /// Only these rules (ids or prefixes such as `mtus/`), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ID", global = true)]
    pub select: Vec<String>,
    /// Not these rules (ids or prefixes), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ID", global = true)]
    pub ignore: Vec<String>,
    /// Configuration file (default: imr-lint.toml here or in a parent folder).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, global = true)]
    pub isolated: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Explain a rule (or a check kind): what it checks, why, and examples.
    Explain {
        /// Rule id (e.g. consistency/outcome-mismatch) or kind name.
        rule: String,
    },
    /// List the rules in force with severity and citation.
    Rules,
    /// Print a parsed letter as JSON (sections, items, outcomes, pages, spans).
    Parse {
        /// The letter file (`-` for standard input).
        file: PathBuf,
        /// Print the text as read instead (as `extract` does).
        #[arg(long)]
        text: bool,
    },
    /// Print a letter's text as read: a PDF's text layer, each page ended by a form feed.
    Extract {
        /// The letter file, PDF or text (`-` for standard input).
        file: PathBuf,
        /// The text the rules read: page furniture, empty lines and line-end hyphens gone.
        #[arg(long)]
        clean: bool,
    },
    /// Score the rules against annotated letters (folders with a truth.json): defects
    /// found and missed, false alarms, precision and recall by category and by rule.
    Test(TestArgs),
    /// Write mtus.yaml (extends the built-in rules, with examples of local changes) and
    /// imr-lint.toml naming it; never overwrites a file.
    Init {
        /// Write the whole built-in rule set instead, to edit as your own.
        #[arg(long)]
        full: bool,
        /// The folder to write into (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// Annotated corpus folders (searched for truth.json) or truth.json files.
    #[arg(value_name = "CORPUS", required_unless_present = "init")]
    pub corpus: Vec<PathBuf>,
    /// Exit with status 1 when the total precision is below this.
    #[arg(long, value_name = "P")]
    pub min_precision: Option<f64>,
    /// Exit with status 1 when the total recall is below this.
    #[arg(long, value_name = "R")]
    pub min_recall: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Write a truth.json skeleton for the letters in DIR (every item, `defect: null`).
    #[arg(long, value_name = "DIR", conflicts_with = "corpus")]
    pub init: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
