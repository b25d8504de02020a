//! SARIF 2.1.0 output, as GitHub code scanning reads it: the rules in force in
//! `tool.driver.rules` (id, descriptions, help), one result per finding with a relative
//! URI, a full region, related locations for the other labels, and a partial fingerprint
//! that survives edits elsewhere in the letter. Files that could not be read are tool
//! execution notifications.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, FileStatus, Place, Reported, Summary, Writer};
use crate::checks::kind_doc;
use crate::diagnostic::Severity;
use crate::rules::RuleSet;

#[derive(Default)]
pub struct Sarif {
    findings: Vec<Reported>,
    failed: Vec<(String, String)>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where a file is, as a SARIF artifact location: a URI relative to `%SRCROOT%` (the
/// folder imr-lint ran in), or, for an absolute path outside that folder, an absolute
/// `file:` URI with no base (a base-relative URI must not start with `/`).
pub fn artifact(path: &str) -> Value {
    static CWD: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    let cwd = CWD.get_or_init(|| std::env::current_dir().ok());
    let p = std::path::Path::new(path);
    let rel = cwd
        .as_deref()
        .and_then(|c| p.strip_prefix(c).ok())
        .unwrap_or(p);
    let absolute = rel.has_root();
    let rel = rel.to_string_lossy().replace('\\', "/");
    if absolute {
        let rel = if rel.starts_with('/') {
            rel
        } else {
            format!("/{rel}")
        };
        return json!({ "uri": format!("file://{}", escape(&rel, b"-._~/:")) });
    }
    let rel = rel.strip_prefix("./").unwrap_or(&rel);
    json!({ "uri": escape(rel, b"-._~/"), "uriBaseId": "%SRCROOT%" })
}

/// Percent-encodes every byte but ASCII letters, digits and `keep`.
fn escape(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(p: &Place) -> Value {
    let mut region = json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column.max(if p.end_line == p.line { p.column + 1 } else { 1 }),
        "charOffset": p.start,
        "charLength": p.end.saturating_sub(p.start),
    });
    // SARIF has no pages: a PDF's page goes in the region's property bag (lines are then
    // lines on that page).
    if let (Some(page), Some(end_page)) = (p.page, p.end_page) {
        region["properties"] = json!({ "page": page, "endPage": end_page });
    }
    region
}

fn location(file: &str, p: &Place) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": artifact(file),
            "region": region(p),
        }
    })
}

impl Writer for Sarif {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let FileStatus::Failed { reason } = &report.status {
            self.failed.push((report.file.clone(), reason.clone()));
        }
        self.findings.extend(report.findings.iter().cloned());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary, rules: &RuleSet) -> io::Result<()> {
        let in_force: Vec<_> = rules.enabled().collect();
        let driver_rules: Vec<Value> = in_force
            .iter()
            .map(|r| {
                let doc = kind_doc(&r.kind);
                let first = doc.split("\n\n").next().unwrap_or(&doc).replace('\n', " ");
                json!({
                    "id": r.id,
                    "name": r.id.replace(['/', '-'], "_"),
                    "shortDescription": { "text": first },
                    "fullDescription": { "text": doc },
                    "help": {
                        "text": format!("{}\n\nCitation: {}", r.help, r.citation),
                        "markdown": format!("{}\n\n**Citation:** {}", r.help, r.citation),
                    },
                    "defaultConfiguration": { "level": level(r.severity) },
                    "properties": {
                        "tags": [r.id.split('/').next().unwrap_or("imr"), r.kind],
                        "citation": r.citation,
                    },
                })
            })
            .collect();
        let results: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                let index = in_force.iter().position(|r| r.id == f.rule);
                let related: Vec<Value> = f
                    .labels
                    .iter()
                    .filter(|l| !l.primary)
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(&f.file, &l.place);
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({ "text": l.text });
                        loc
                    })
                    .collect();
                let mut primary = location(&f.file, &f.place);
                if let Some(l) = f.labels.iter().find(|l| l.primary) {
                    primary["message"] = json!({ "text": l.text });
                }
                json!({
                    "ruleId": f.rule,
                    "ruleIndex": index,
                    "level": level(f.severity),
                    "message": { "text": format!("{} ({})", f.message, f.help) },
                    "locations": [primary],
                    "relatedLocations": related,
                    "partialFingerprints": { "imrLintFingerprint/v1": f.fingerprint },
                    "properties": { "item": f.item, "case": f.case, "citation": f.citation },
                })
            })
            .collect();
        let notifications: Vec<Value> = self
            .failed
            .iter()
            .map(|(file, reason)| {
                json!({
                    "level": "error",
                    "message": { "text": format!("{file}: {reason}") },
                    "locations": [{ "physicalLocation": { "artifactLocation": artifact(file) } }],
                })
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "imr-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://www.dir.ca.gov/dwc/MTUS/MTUS-Guidelines.html",
                    "rules": driver_rules,
                }},
                "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the folder imr-lint ran in" } } },
                "invocations": [{
                    "executionSuccessful": self.failed.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
