//! The HTML report: one self-contained page (inline CSS, JavaScript and SVG; nothing is
//! fetched) for people who read results in a browser. The overview (counts, charts, the
//! batch's decisions, unreadable files) is written as HTML; the letters table and each
//! letter's view are drawn by the page's script from data embedded in it, a letter's text
//! and findings unpacked only when the letter is opened, so a batch of 20,000 letters
//! makes one page, not 20,000. The same input gives the same bytes.

mod batch;
mod embed;
pub mod profile;
mod svg;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use rayon::prelude::*;
use serde_json::{Value, json};

use self::batch::Decisions;
use self::embed::{esc, pack, script_json, utf16_offset};
use self::profile::Profile;
use self::svg::{Bar, bar_chart};
use super::{FileReport, FileStatus, Reported, Summary, Writer};
use crate::diagnostic::Severity;
use crate::explain;
use crate::rules::RuleSet;

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Letters per packed chunk: opening a letter unpacks the letters of its chunk.
const CHUNK: usize = 32;

/// Chunks packed at a time, in parallel.
const PACK_BATCH: usize = 16;

/// Collects the batch as files arrive, and writes the page at the end.
#[derive(Default)]
pub struct Html {
    /// The table's rows, one per letter, as JSON (a `Value` a row would take several
    /// times the memory).
    rows: Vec<String>,
    /// Packed chunks of letter records.
    chunks: Vec<String>,
    /// Letter records of the chunk being filled, as JSON.
    pending: Vec<String>,
    /// Closed chunks waiting to be packed, as JSON.
    unpacked: Vec<String>,
    /// Rule ids in the order first seen; rows and records name rules by index here.
    rule_ids: Vec<String>,
    rule_index: HashMap<String, usize>,
    decisions: Decisions,
}

impl Html {
    fn rule(&mut self, id: &str) -> usize {
        if let Some(&i) = self.rule_index.get(id) {
            return i;
        }
        self.rule_ids.push(id.to_string());
        self.rule_index
            .insert(id.to_string(), self.rule_ids.len() - 1);
        self.rule_ids.len() - 1
    }

    /// Closes the chunk being filled; packs the closed chunks, in parallel, once there are
    /// [`PACK_BATCH`] of them or `all` is asked for (packing is most of the report's work,
    /// and one thread doing it would keep the linting threads waiting).
    fn seal_chunk(&mut self, all: bool) {
        if !self.pending.is_empty() {
            self.unpacked.push(format!("[{}]", self.pending.join(",")));
            self.pending.clear();
        }
        if all || self.unpacked.len() >= PACK_BATCH {
            let packed: Vec<String> = self
                .unpacked
                .par_iter()
                .map(|j| pack(j.as_bytes()))
                .collect();
            self.chunks.extend(packed);
            self.unpacked.clear();
        }
    }

    /// The letter's record (unpacked when it is opened): text, findings, items, reviewer.
    fn record(&mut self, profile: &Profile, findings: &[Reported]) -> Value {
        let text = &profile.text;
        let findings: Vec<Value> = findings
            .iter()
            .map(|f| {
                let labels: Vec<Value> = f
                    .labels
                    .iter()
                    .map(|l| {
                        json!([
                            utf16_offset(text, l.place.start),
                            utf16_offset(text, l.place.end),
                            l.text,
                            l.primary
                        ])
                    })
                    .collect();
                json!([
                    self.rule(&f.rule),
                    f.severity.as_str(),
                    f.message,
                    f.item,
                    f.place.line,
                    f.place.column,
                    f.help,
                    f.citation,
                    labels
                ])
            })
            .collect();
        let items: Vec<Value> = profile
            .items
            .iter()
            .map(|i| json!([i.header, i.class, i.service.name()]))
            .collect();
        json!({"t": text, "f": findings, "i": items, "s": profile.specialties})
    }
}

impl Writer for Html {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let FileStatus::Linted { items, .. } = report.status else {
            return Ok(());
        };
        let empty = Profile::default();
        let profile = report.profile.as_deref().unwrap_or(&empty);
        self.decisions.add(profile, &report.findings);
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        let mut rules: Vec<usize> = report.findings.iter().map(|f| self.rule(&f.rule)).collect();
        rules.sort_unstable();
        rules.dedup();
        let headers: Vec<&str> = profile.items.iter().map(|i| i.header.as_str()).collect();
        self.rows.push(
            json!([
                report.file,
                profile.case_number,
                items,
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info),
                rules,
                headers.join(" · ")
            ])
            .to_string(),
        );
        let record = self.record(profile, &report.findings);
        self.pending.push(record.to_string());
        if self.pending.len() == CHUNK {
            self.seal_chunk(false);
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        rules: &RuleSet,
    ) -> io::Result<()> {
        self.seal_chunk(true);
        let rule_meta: Vec<Value> = self
            .rule_ids
            .iter()
            .map(|id| {
                let rule = rules.rule(id);
                json!({
                    "id": id,
                    "severity": rule.map(|r| r.severity.as_str()),
                    "count": summary.by_rule.get(id).copied().unwrap_or(0),
                    "explain": explain::explain(rules, id).unwrap_or_default(),
                })
            })
            .collect();
        let data = format!(
            r#"{{"chunk":{CHUNK},"rules":{},"rows":[{}]}}"#,
            Value::from(rule_meta),
            self.rows.join(",")
        );
        write!(
            out,
            r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="imr-lint {version}">
<title>imr-lint report: {letters} letters, {findings} findings</title>
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="banner">
<h1>imr-lint report</h1>
<p class="sub">{line}</p>
<nav aria-label="Report sections"><ul><li><a href="#overview">Overview</a></li><li><a href="#letters">Letters</a></li></ul></nav>
</header>
<main id="main" tabindex="-1">
"##,
            version = env!("CARGO_PKG_VERSION"),
            letters = summary.letters,
            findings = summary.findings,
            line = esc(&summary.line()),
        )?;
        out.write_all(self.overview(summary, rules).as_bytes())?;
        out.write_all(LETTERS_SECTION.as_bytes())?;
        write!(
            out,
            "</main>\n<script type=\"application/json\" id=\"imr-data\">{}</script>\n",
            script_json(&data)
        )?;
        for (i, chunk) in self.chunks.iter().enumerate() {
            writeln!(
                out,
                "<script type=\"application/octet-stream\" id=\"imr-chunk-{i}\">{chunk}</script>"
            )?;
        }
        write!(out, "<script>{JS}</script>\n</body>\n</html>\n")
    }
}

/// The letters table and the letter view, filled in by the script.
const LETTERS_SECTION: &str = r##"<section id="letters" aria-labelledby="letters-h">
<h2 id="letters-h">Letters</h2>
<noscript><p>The letters table and letter views need JavaScript.</p></noscript>
<form id="filters" class="filters" role="search" aria-label="Filter letters">
<label>Text <input type="search" id="f-text" placeholder="file, case number or item" autocomplete="off"></label>
<label>Rule <select id="f-rule"><option value="">any rule</option></select></label>
<label>Severity <select id="f-sev"><option value="">any</option><option value="error">has errors</option><option value="warning">has warnings</option><option value="info">has info</option><option value="any">has findings</option><option value="none">no findings</option></select></label>
</form>
<p id="match-count" role="status" aria-live="polite"></p>
<div class="table-wrap"><table id="letters-table" class="letters"><caption class="visually-hidden">Letters, one row each; column headers sort</caption>
<thead><tr>
<th scope="col" data-key="file" aria-sort="ascending"><button type="button">File</button></th>
<th scope="col" data-key="case"><button type="button">Case number</button></th>
<th scope="col" data-key="items" class="num"><button type="button">Items</button></th>
<th scope="col" data-key="e" class="num"><button type="button">Errors</button></th>
<th scope="col" data-key="w" class="num"><button type="button">Warnings</button></th>
<th scope="col" data-key="n" class="num"><button type="button">Info</button></th>
</tr></thead><tbody></tbody></table></div>
<nav class="pager" aria-label="Table pages"><button type="button" id="page-prev">Previous page</button> <span id="page-info"></span> <button type="button" id="page-next">Next page</button></nav>
</section>
<section id="letter" aria-labelledby="letter-h" hidden>
<div class="letter-bar"><a href="#letters" id="back">Back to the letters</a>
<button type="button" id="prev-letter" aria-keyshortcuts="p">Previous letter <kbd>p</kbd></button>
<button type="button" id="next-letter" aria-keyshortcuts="n">Next letter <kbd>n</kbd></button>
<button type="button" id="prev-finding" aria-keyshortcuts="k">Previous finding <kbd>k</kbd></button>
<button type="button" id="next-finding" aria-keyshortcuts="j">Next finding <kbd>j</kbd></button></div>
<h2 id="letter-h" tabindex="-1">Letter</h2>
<div id="letter-meta"></div>
<div class="letter-body"><div class="letter-text-wrap"><h3 class="visually-hidden">Text</h3><pre id="letter-text" class="letter-text"></pre></div>
<aside id="findings" aria-labelledby="findings-h"><h3 id="findings-h">Findings</h3><ol id="finding-list"></ol></aside></div>
</section>
"##;

impl Html {
    fn overview(&self, summary: &Summary, rules: &RuleSet) -> String {
        let mut out = String::from(
            r#"<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2><dl class="counts">"#,
        );
        let cards = [
            ("letters", "Letters checked", summary.letters, ""),
            ("items", "Items decided", summary.items, ""),
            (
                "errors",
                "Errors",
                summary.count(Severity::Error),
                "sev-error",
            ),
            (
                "warnings",
                "Warnings",
                summary.count(Severity::Warning),
                "sev-warning",
            ),
            ("info", "Info", summary.count(Severity::Info), "sev-info"),
            ("failed", "Unreadable files", summary.failed.len(), ""),
            ("skipped", "Skipped (not .txt)", summary.skipped, ""),
            ("suppressed", "Suppressed findings", summary.suppressed, ""),
        ];
        for (id, label, n, class) in cards {
            let _ = write!(
                out,
                r#"<div class="card {class}"><dt>{label}</dt><dd id="count-{id}">{n}</dd></div>"#
            );
        }
        out.push_str("</dl>");
        // Most frequent first; ties by id.
        let mut by_rule: Vec<(&String, &usize)> = summary.by_rule.iter().collect();
        by_rule.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let classes: Vec<String> = by_rule
            .iter()
            .map(|(id, _)| {
                rules.rule(id).map_or("sev-none".to_string(), |r| {
                    format!("sev-{}", r.severity.as_str())
                })
            })
            .collect();
        let bars: Vec<Bar<'_>> = by_rule
            .iter()
            .zip(&classes)
            .map(|((id, n), class)| Bar {
                label: id,
                count: **n,
                class,
            })
            .collect();
        let mut by_family: BTreeMap<&str, usize> = BTreeMap::new();
        for (id, n) in &summary.by_rule {
            let family = id.split_once('/').map_or(id.as_str(), |(f, _)| f);
            *by_family.entry(family).or_default() += n;
        }
        let mut families: Vec<(&str, usize)> = by_family.into_iter().collect();
        families.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let family_bars: Vec<Bar<'_>> = families
            .iter()
            .map(|(f, n)| Bar {
                label: f,
                count: *n,
                class: "family",
            })
            .collect();
        let _ = write!(
            out,
            r#"<div class="charts"><figure><figcaption>Findings by rule (bar colour and the legend give the rule's severity)</figcaption>{}<p class="legend"><span class="key sev-error">error</span> <span class="key sev-warning">warning</span> <span class="key sev-info">info</span></p></figure><figure><figcaption>Findings by family</figcaption>{}</figure></div>"#,
            bar_chart("chart-rules", "Findings by rule", &bars),
            bar_chart("chart-families", "Findings by family", &family_bars),
        );
        let _ = write!(
            out,
            r#"<h3 id="decisions-h">Decisions</h3>{}"#,
            self.decisions.html()
        );
        out.push_str(r#"<h3 id="failed-h">Unreadable files</h3>"#);
        if summary.failed.is_empty() {
            out.push_str(r#"<p id="failed-none">None: every file given was read as a letter.</p>"#);
        } else {
            out.push_str(r#"<div class="table-wrap"><table id="failed"><thead><tr><th scope="col">File</th><th scope="col">Why it could not be read</th></tr></thead><tbody>"#);
            for f in &summary.failed {
                let _ = write!(
                    out,
                    "<tr><td class=\"file\">{}</td><td>{}</td></tr>",
                    esc(&f.file),
                    esc(&f.reason)
                );
            }
            out.push_str("</tbody></table></div>");
        }
        out.push_str("</section>\n");
        out
    }
}
