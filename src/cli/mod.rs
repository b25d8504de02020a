//! The command line: arguments ([`args`]), the rule set they and the configuration name,
//! and each subcommand; the main job itself is [`crate::lint::run`]. Exit status: 0 clean,
//! 1 findings at or above `--fail-on`, 2 usage, I/O or rule-file errors.

mod args;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::Cli;
use args::{CheckArgs, ColorChoice, Command, FailOn, RuleArgs, TestArgs, TestFormat};

use crate::checks::Checks;
use crate::diagnostic::Severity;
use crate::letter::Document;
use crate::lint;
use crate::report::HumanOptions;
use crate::rules::{RuleFileError, RuleSet};
use crate::source::Source;
use crate::{config, explain, score};

/// A failure that ends the run with status 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

/// Parses the arguments and runs what they ask for.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("imr-lint: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let args = &cli.check;
    if let Some(Command::Init { full, dir }) = &cli.command {
        let r = &args.rules;
        if r.rules.is_some() || !r.select.is_empty() || !r.ignore.is_empty() || r.config.is_some() {
            return Err(Fatal(
                "`imr-lint init` always writes mtus.yaml and imr-lint.toml: it takes no \
                 --rules, --select, --ignore or --config"
                    .into(),
            ));
        }
        print!("{}", crate::init::init(dir.as_deref(), *full)?);
        return Ok(ExitCode::SUCCESS);
    }
    if cli.command.is_none() {
        // Compile the built-in patterns while the rule file loads.
        std::thread::spawn(crate::warm_up);
    }
    let (checks, loaded) = load_rules(&args.rules)?;
    let rules = checks.rules();
    match cli.command {
        Some(Command::Explain { rule }) => match explain::explain(rules, &rule) {
            Some(text) => {
                print!("{text}");
                Ok(ExitCode::SUCCESS)
            }
            None => Err(Fatal(format!(
                "no rule or kind named '{rule}' (see `imr-lint rules`)"
            ))),
        },
        Some(Command::Rules) => {
            print!("{}", explain::list(rules));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Parse { file, text: true }) => extract(&file, false),
        Some(Command::Parse { file, .. }) => {
            let source = read_source(&file)?;
            let doc =
                Document::parse(source).map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
            let mut parsed = doc.to_json();
            let facts = crate::facts::Facts::new(&doc, rules);
            parsed["facts"] = crate::facts::json::to_json(&doc, &facts, rules);
            println!("{}", serde_json::to_string_pretty(&parsed)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Test(t)) => test(&t, &checks),
        Some(Command::Extract { file, clean }) => extract(&file, clean),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "imr-lint", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { .. }) => unreachable!("written before the rules load"),
        None => check(args, &checks, loaded),
    }
}

/// Reads and decodes one letter file (`-`: standard input).
fn read_source(file: &Path) -> Result<Source, Fatal> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut bytes)?;
        Source::from_vec("<stdin>", bytes)
    } else {
        Source::read(file)
    }
    .map_err(|e| Fatal(format!("{}: {e}", file.display())))
}

/// Prints a letter's text as read (pages ended by form feeds, as pdftotext ends them), or
/// its normalised text.
fn extract(file: &Path, clean: bool) -> Result<ExitCode, Fatal> {
    let source = read_source(file)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if clean {
        writeln!(
            out,
            "{}",
            crate::normalize::Clean::new(source.text()).text()
        )?;
    } else if source.encoding() == crate::source::Encoding::Pdf {
        for page in source.pages() {
            write!(out, "{page}\x0c")?;
        }
    } else {
        out.write_all(source.text().as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The rule set: `--rules`, else the config's `rules`, else the embedded set (each may be
/// `builtin:mtus`); then select/ignore from the config and the command line; its checks
/// compiled.
fn load_rules(args: &RuleArgs) -> Result<(Checks, config::Loaded), Fatal> {
    let config_path = match (&args.config, args.isolated) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    let loaded = if args.isolated && args.config.is_none() {
        config::Loaded::default()
    } else {
        config::load(config_path.as_deref())?
    };
    let from_config = loaded.config.rules.as_ref().map(|r| {
        if RuleSet::is_builtin_name(r) {
            return r.clone();
        }
        let base = loaded
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        base.join(r)
    });
    let fatal = |mut e: RuleFileError| {
        if let (None, Some(config)) = (&args.rules, &loaded.path) {
            e.message += &format!("; {} names it in `rules`", config.display());
        }
        Fatal(render_rule_error(&e))
    };
    let mut rules = match args.rules.as_ref().or(from_config.as_ref()) {
        Some(path) => RuleSet::load(path),
        None => RuleSet::builtin(),
    }
    .map_err(fatal)?;
    // The configuration's lists, then the command line's.
    let both = |config: &[String], given: &[String]| [config, given].concat();
    let unknown = rules.filter(
        &both(&loaded.config.select, &args.select),
        &both(&loaded.config.ignore, &args.ignore),
    );
    if let Some(p) = unknown.first() {
        return Err(Fatal(format!(
            "no rule matches '{p}' (see `imr-lint rules`)"
        )));
    }
    let checks = Checks::new(rules).map_err(fatal)?;
    Ok((checks, loaded))
}

/// A rule-file error: `file:line:col: message`, then the YAML around it, labelled.
fn render_rule_error(e: &RuleFileError) -> String {
    let mut snippet = String::new();
    let theme = if io::stderr().is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    match miette::GraphicalReportHandler::new_themed(theme).render_report(&mut snippet, e) {
        Ok(()) if e.line_col.is_some() => format!("{e}\n{snippet}"),
        _ => match &e.help {
            Some(help) => format!("{e}\n  help: {}", help.replace('\n', "\n        ")),
            None => e.to_string(),
        },
    }
}

/// The main job: lints the paths with the rules in force and writes the report.
fn check(args: &CheckArgs, checks: &Checks, loaded: config::Loaded) -> Result<ExitCode, Fatal> {
    if args.paths.is_empty() {
        return Err(Fatal(
            "no PATH given (try `imr-lint letters/`, or `imr-lint --help`)".into(),
        ));
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()?;
    }
    let fail_on = match args.fail_on {
        Some(f) => f,
        None => match loaded.config.fail_on.as_deref() {
            None | Some("error") => FailOn::Error,
            Some("warning") => FailOn::Warning,
            Some("info") => FailOn::Info,
            Some("never") => FailOn::Never,
            Some(other) => {
                return Err(Fatal(format!(
                    "config: unknown fail-on '{other}' (error, warning, info, never)"
                )));
            }
        },
    };
    let terminal = io::stdout().is_terminal() && args.output.is_none();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let job = lint::Job {
        paths: &args.paths,
        stdin_name: &args.stdin_filename,
        format: args.format,
        output: args.output.as_deref(),
        human: HumanOptions {
            color,
            graphical: !args.narrate,
            width: terminal_width(),
            statistics: args.statistics,
            quiet: args.quiet,
        },
        fail_on: match fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        },
        baseline: args.baseline.as_deref(),
        write_baseline: args.write_baseline.as_deref(),
        suppressions: &loaded.suppressions,
        progress: !args.no_progress,
    };
    Ok(match lint::run(&job, checks).map_err(Fatal)? {
        lint::Status::Clean => ExitCode::SUCCESS,
        lint::Status::Findings => ExitCode::from(1),
        lint::Status::Failed => ExitCode::from(2),
    })
}

/// `imr-lint test`: scores the rules on annotated letters, or writes a skeleton with
/// `--init`. Status 1 below a threshold, 2 for a corpus that cannot be read.
fn test(t: &TestArgs, checks: &Checks) -> Result<ExitCode, Fatal> {
    if let Some(dir) = &t.init {
        let (path, letters, items) = score::init(dir)?;
        eprintln!(
            "imr-lint: wrote {} ({letters} letter(s), {items} item(s)); set each planted defect's \
             `defect` to {{\"category\": ..., \"why\": ...}}",
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let corpora = score::truth::find(&t.corpus)?
        .iter()
        .map(|p| score::Corpus::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let s = score::score(&corpora, checks);
    match t.format {
        TestFormat::Human => print!("{}", score::human(&s)),
        TestFormat::Json => println!("{}", score::json(&s)?),
    }
    // Nothing flagged is perfect precision; nothing planted, perfect recall.
    let below = |min: Option<f64>, got: Option<f64>| min.is_some_and(|m| got.unwrap_or(1.0) < m);
    let mut low = Vec::new();
    if below(t.min_precision, s.total.precision()) {
        low.push(format!(
            "precision below {}",
            t.min_precision.unwrap_or(0.0)
        ));
    }
    if below(t.min_recall, s.total.recall()) {
        low.push(format!("recall below {}", t.min_recall.unwrap_or(0.0)));
    }
    if low.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("imr-lint: {}", low.join("; "));
    Ok(ExitCode::from(1))
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
