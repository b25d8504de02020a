//! The main job, `imr-lint letters/`: every letter under the paths linted in parallel, the
//! report written as each chunk of letters is done, a baseline and the configuration's
//! suppressions applied, and the run's status from the findings.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::{Options, Render, discover, lint_all};
use crate::baseline::Baseline;
use crate::checks::Checks;
use crate::config::{Suppression, suppress};
use crate::diagnostic::Severity;
use crate::letter::Document;
use crate::report::{self, Format, HumanOptions, Reported, Summary};

/// What a batch run does, as the command line and the configuration say.
pub struct Job<'a> {
    /// Letter files or folders; `-` is standard input, reported as `stdin_name`.
    pub paths: &'a [PathBuf],
    pub stdin_name: &'a str,
    pub format: Format,
    /// The report's file (standard output when `None`).
    pub output: Option<&'a Path>,
    pub human: HumanOptions,
    /// The least severity that fails the run (`None`: no finding does).
    pub fail_on: Option<Severity>,
    /// Report only findings not in this baseline.
    pub baseline: Option<&'a Path>,
    /// Write this run's findings as a baseline.
    pub write_baseline: Option<&'a Path>,
    pub suppressions: &'a [Suppression],
    /// A progress bar on a terminal.
    pub progress: bool,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No finding at or above the failing severity.
    Clean,
    /// Findings at or above it.
    Findings,
    /// Some letter could not be read or parsed (each named in the report).
    Failed,
}

/// Runs the job; an error (a path that does not exist, a report that cannot be written)
/// ends it.
pub fn run(job: &Job<'_>, checks: &Checks) -> Result<Status, String> {
    let baseline = match job.baseline {
        Some(p) => Some(Baseline::read(p)?.matcher()),
        None => None,
    };
    let found = discover(job.paths, job.stdin_name);
    if let Some((path, why)) = found.errors.first() {
        return Err(format!("{path}: {why}"));
    }
    let mut out: Box<dyn Write> = match job.output {
        // A report file is written in large pieces (a batch's JSON runs to hundreds of
        // megabytes: 20,000 letters took 14,989 writes of 8 KiB, and take 435 of these).
        Some(p) => Box::new(io::BufWriter::with_capacity(
            1 << 18,
            std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let human = job.human;
    let mut writer = report::writer(job.format, human);
    let mut summary = Summary {
        skipped: found.skipped,
        ..Summary::default()
    };
    let progress = progress_bar(found.inputs.len(), !job.progress);
    let render_fn =
        move |doc: &Document, findings: &[Reported]| report::render_letter(doc, findings, human);
    let filter_fn = |findings: &mut Vec<Reported>| {
        baseline.as_ref().map_or(0, |b| b.filter(findings)) + suppress(job.suppressions, findings)
    };
    let opts = Options {
        render: (job.format == Format::Human).then_some(&render_fn as &Render<'_>),
        filter: Some(&filter_fn),
        profile: job.format == Format::Html,
    };
    let mut all_findings: Vec<Reported> = Vec::new();
    let mut io_error = None;
    lint_all(&found.inputs, checks, opts, |report| {
        progress.inc(1);
        if job.write_baseline.is_some() {
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
    // and still end with the status the findings call for.
    let closed = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    match io_error {
        Some(e) if !closed(&e) => return Err(format!("cannot write the report: {e}")),
        Some(_) => {}
        None => match writer
            .finish(&mut out, &summary, checks.rules())
            .and_then(|()| out.flush())
        {
            Err(e) if !closed(&e) => return Err(format!("cannot write the report: {e}")),
            _ => {}
        },
    }
    drop(out);
    // The human report lists them itself; with the others, say on stderr why the status is 2.
    if job.format != Format::Human {
        for f in &summary.failed {
            eprintln!("imr-lint: error: {}: {}", f.file, f.reason);
        }
    }
    for s in job
        .suppressions
        .iter()
        .filter(|s| s.used.load(Ordering::Relaxed) == 0)
    {
        eprintln!(
            "imr-lint: warning: unused suppression in {}: rule '{}', file '{}' matched no finding",
            s.origin, s.entry.rule, s.entry.file
        );
    }
    if let Some(p) = job.write_baseline {
        Baseline::from_findings(&all_findings).write(p)?;
        eprintln!(
            "imr-lint: wrote {} finding(s) to baseline {}",
            all_findings.len(),
            p.display()
        );
    }
    Ok(if !summary.failed.is_empty() {
        Status::Failed
    } else if job.fail_on.is_some_and(|level| summary.has_at_least(level)) {
        Status::Findings
    } else {
        Status::Clean
    })
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
