//! The `imr-lint` command line: parse arguments, call the library, map the result to an
//! exit status (0 clean, 1 findings at or above `--fail-on`, 2 usage, I/O or rule-file
//! errors).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use imr_lint::baseline::Baseline;
use imr_lint::diagnostic::Severity;
use imr_lint::letter::Document;
use imr_lint::lint;
use imr_lint::report::{self, Format, HumanOptions, Reported, Summary};
use imr_lint::rules::RuleSet;

/// Linting allocates many small strings and vectors per letter; mimalloc serves them faster
/// than the system allocator, notably across worker threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use imr_lint::source::Source;
use imr_lint::{config, explain, score};

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
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Letter files or folders (searched recursively for .txt and .pdf); `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to a file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Report only findings new since this baseline.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the findings of this run as a baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Print findings only: no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Count findings by rule after the summary.
    #[arg(long)]
    statistics: bool,
    /// Human output as plain narrated text (for screen readers) instead of drawn snippets.
    #[arg(long)]
    narrate: bool,
    /// When to use color in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Name to report for a letter read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    no_progress: bool,
}

#[derive(clap::Args, Debug)]
struct RuleArgs {
    /// Rule file (YAML), or `builtin:mtus`; default: the embedded MTUS rule set.
    #[arg(long, value_name = "FILE", global = true)]
    rules: Option<PathBuf>,
    /// Only these rules (ids or prefixes such as `mtus/`), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ID", global = true)]
    select: Vec<String>,
    /// Not these rules (ids or prefixes), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ID", global = true)]
    ignore: Vec<String>,
    /// Configuration file (default: imr-lint.toml here or in a parent folder).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, global = true)]
    isolated: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
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
struct TestArgs {
    /// Annotated corpus folders (searched for truth.json) or truth.json files.
    #[arg(value_name = "CORPUS", required_unless_present = "init")]
    corpus: Vec<PathBuf>,
    /// Exit with status 1 when the total precision is below this.
    #[arg(long, value_name = "P")]
    min_precision: Option<f64>,
    /// Exit with status 1 when the total recall is below this.
    #[arg(long, value_name = "R")]
    min_recall: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    format: TestFormat,
    /// Write a truth.json skeleton for the letters in DIR (every item, `defect: null`).
    #[arg(long, value_name = "DIR", conflicts_with = "corpus")]
    init: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum TestFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A failure that ends the run with status 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
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
        print!("{}", imr_lint::init::init(dir.as_deref(), *full)?);
        return Ok(ExitCode::SUCCESS);
    }
    if cli.command.is_none() {
        // Compile the built-in patterns while the rule file loads.
        std::thread::spawn(imr_lint::warm_up);
    }
    let (rules, loaded) = load_rules(&args.rules)?;
    match cli.command {
        Some(Command::Explain { rule }) => match explain::explain(&rules, &rule) {
            Some(text) => {
                print!("{text}");
                Ok(ExitCode::SUCCESS)
            }
            None => Err(Fatal(format!(
                "no rule or kind named '{rule}' (see `imr-lint rules`)"
            ))),
        },
        Some(Command::Rules) => {
            print!("{}", explain::list(&rules));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Parse { file, text: true }) => extract(&file, false),
        Some(Command::Parse { file, .. }) => {
            let source = read_source(&file)?;
            let doc =
                Document::parse(source).map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
            let mut parsed = doc.to_json();
            let facts = imr_lint::facts::Facts::new(&doc, &rules);
            parsed["facts"] = imr_lint::facts::json::to_json(&doc, &facts, &rules);
            println!("{}", serde_json::to_string_pretty(&parsed)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Test(t)) => test(&t, &rules),
        Some(Command::Extract { file, clean }) => extract(&file, clean),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "imr-lint", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { .. }) => unreachable!("written before the rules load"),
        None => check(args, &rules, loaded),
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
            imr_lint::normalize::Clean::new(source.text()).text()
        )?;
    } else if source.encoding() == imr_lint::source::Encoding::Pdf {
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
/// `builtin:mtus`); then select/ignore from the config and the command line.
fn load_rules(args: &RuleArgs) -> Result<(RuleSet, config::Loaded), Fatal> {
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
    let mut rules = match args.rules.as_ref().or(from_config.as_ref()) {
        Some(path) => RuleSet::load(path),
        None => RuleSet::builtin(),
    }
    .map_err(|mut e| {
        if let (None, Some(config)) = (&args.rules, &loaded.path) {
            e.message += &format!("; {} names it in `rules`", config.display());
        }
        Fatal(render_rule_error(&e))
    })?;
    let select: Vec<String> = loaded
        .config
        .select
        .iter()
        .chain(&args.select)
        .cloned()
        .collect();
    let ignore: Vec<String> = loaded
        .config
        .ignore
        .iter()
        .chain(&args.ignore)
        .cloned()
        .collect();
    let unknown = rules.filter(&select, &ignore);
    if let Some(p) = unknown.first() {
        return Err(Fatal(format!(
            "no rule matches '{p}' (see `imr-lint rules`)"
        )));
    }
    Ok((rules, loaded))
}

/// A rule-file error: `file:line:col: message`, then the YAML around it, labelled.
fn render_rule_error(e: &imr_lint::rules::RuleFileError) -> String {
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

fn check(args: &CheckArgs, rules: &RuleSet, loaded: config::Loaded) -> Result<ExitCode, Fatal> {
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
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::read(p)?.matcher()),
        None => None,
    };
    let found = lint::discover(&args.paths, &args.stdin_filename);
    if let Some((path, why)) = found.errors.first() {
        return Err(Fatal(format!("{path}: {why}")));
    }
    let terminal = io::stdout().is_terminal() && args.output.is_none();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let human = HumanOptions {
        color,
        graphical: !args.narrate,
        width: terminal_width(),
        statistics: args.statistics,
        quiet: args.quiet,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| Fatal(format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut writer = report::writer(args.format, human);
    let mut summary = Summary {
        skipped: found.skipped,
        ..Summary::default()
    };
    let progress = progress_bar(found.inputs.len(), args.no_progress);
    let render_fn =
        move |doc: &Document, findings: &[Reported]| report::render_letter(doc, findings, human);
    let filter_fn = |findings: &mut Vec<Reported>| {
        baseline.as_ref().map_or(0, |b| b.filter(findings))
            + config::suppress(&loaded.suppressions, findings)
    };
    let opts = lint::Options {
        render: (args.format == Format::Human).then_some(&render_fn as &lint::Render<'_>),
        filter: Some(&filter_fn),
        profile: args.format == Format::Html,
    };
    let mut all_findings: Vec<Reported> = Vec::new();
    let mut io_error = None;
    lint::lint_all(&found.inputs, rules, opts, |report| {
        progress.inc(1);
        if args.write_baseline.is_some() {
            all_findings.extend(report.findings.iter().cloned());
        }
        summary.add(&report);
        if io_error.is_none()
            && let Err(e) = writer.file(&mut out, &report)
        {
            io_error = Some(e);
        }
    });
    progress.finish_and_clear();
    // A reader that went away (`imr-lint letters/ | head`) is not an error: stop writing,
    // and still exit with the status the findings call for.
    let closed = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    match io_error {
        Some(e) if !closed(&e) => {
            return Err(Fatal(format!("cannot write the report: {e}")));
        }
        Some(_) => {}
        None => match writer
            .finish(&mut out, &summary, rules)
            .and_then(|()| out.flush())
        {
            Err(e) if !closed(&e) => return Err(Fatal(format!("cannot write the report: {e}"))),
            _ => {}
        },
    }
    drop(out);
    // The human report lists them itself; with the others, say on stderr why the status is 2.
    if args.format != Format::Human {
        for f in &summary.failed {
            eprintln!("imr-lint: error: {}: {}", f.file, f.reason);
        }
    }
    for s in loaded
        .suppressions
        .iter()
        .filter(|s| s.used.load(std::sync::atomic::Ordering::Relaxed) == 0)
    {
        eprintln!(
            "imr-lint: warning: unused suppression in {}: rule '{}', file '{}' matched no finding",
            s.origin, s.entry.rule, s.entry.file
        );
    }
    if let Some(p) = &args.write_baseline {
        Baseline::from_findings(&all_findings).write(p)?;
        eprintln!(
            "imr-lint: wrote {} finding(s) to baseline {}",
            all_findings.len(),
            p.display()
        );
    }
    if !summary.failed.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(match threshold {
        Some(level) if summary.has_at_least(level) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

/// `imr-lint test`: scores the rules on annotated letters, or writes a skeleton with
/// `--init`. Status 1 below a threshold, 2 for a corpus that cannot be read.
fn test(t: &TestArgs, rules: &RuleSet) -> Result<ExitCode, Fatal> {
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
    let s = score::score(&corpora, rules);
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

fn progress_bar(total: usize, disabled: bool) -> indicatif::ProgressBar {
    if disabled || total < 50 || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} letters {eta}")
    {
        bar.set_style(style);
    }
    bar
}
