//! JSON output: one object `{ "version", "findings": [...], "summary": {...} }`.
//!
//! The schema is versioned by [`SCHEMA_VERSION`]; fields are only ever added within a
//! version. Each finding has `file`, `case` (the letter's case number, or null), `rule`,
//! `severity`, `message`, `item`, `line`, `column`, `end_line`, `end_column` (and `page`,
//! `end_page` for a PDF), `start`, `end`, `labels`, `help`, `citation` and
//! `fingerprint`; the summary counts files, letters, items, failures (with reasons),
//! skipped files, findings by severity and by rule, and suppressed findings.

use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, Place, Reported, Summary, Writer};
use crate::rules::RuleSet;

/// The version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// Streams findings out as they arrive, so memory stays flat however many letters a batch
/// holds; the bytes are those `serde_json::to_writer_pretty` writes for the whole object
/// (keys sorted: `findings`, `summary`, `tool`, `version`).
#[derive(Default)]
pub struct Json {
    /// Findings written so far.
    written: usize,
    /// One finding's text, reused.
    buf: Vec<u8>,
}

impl Writer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            out.write_all(if self.written == 0 {
                b"{\n  \"findings\": [\n"
            } else {
                b",\n"
            })?;
            self.buf.clear();
            finding(&mut self.buf, f);
            out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        rules: &RuleSet,
    ) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"{\n  \"findings\": [],\n"
        } else {
            b"\n  ],\n"
        })?;
        let rest = json!({
            "version": SCHEMA_VERSION,
            "tool": { "name": "imr-lint", "version": env!("CARGO_PKG_VERSION"), "rules": rules.origin },
            "summary": summary,
        });
        let text = serde_json::to_string_pretty(&rest)?;
        out.write_all(text.strip_prefix("{\n").unwrap_or(&text).as_bytes())?;
        writeln!(out)
    }
}

/// A finding as `serde_json::to_string_pretty` writes a `serde_json::Value` of it (keys
/// sorted, two spaces a level), indented as an element of `{ "findings": [ ... ] }`.
/// Written by hand: `serde_json`'s string escaping was more than half of the writer's time
/// (1.9% of the samples `perf` took on 20,000 letters, the writer 3.3%).
fn finding(out: &mut Vec<u8>, f: &Reported) {
    let p = &f.place;
    out.extend_from_slice(b"    {");
    let mut o = Object::new(out, 6);
    o.key("case").opt_str(f.case.as_deref());
    o.key("citation").str(&f.citation);
    o.ends(p);
    o.key("file").str(&f.file);
    o.key("fingerprint").str(&f.fingerprint);
    o.key("help").str(&f.help);
    o.key("item").opt_str(f.item.as_deref());
    o.key("labels");
    if f.labels.is_empty() {
        o.out.extend_from_slice(b"[]");
    } else {
        o.out.push(b'[');
        for (i, l) in f.labels.iter().enumerate() {
            if i > 0 {
                o.out.push(b',');
            }
            o.out.push(b'\n');
            o.out.extend_from_slice(&INDENT[..8]);
            o.out.push(b'{');
            let mut lo = Object::new(o.out, 10);
            let lp = &l.place;
            lo.ends(lp);
            lo.key("line").num(lp.line);
            if let Some(page) = lp.page {
                lo.key("page").num(page);
            }
            lo.key("primary")
                .raw(if l.primary { "true" } else { "false" });
            lo.key("start").num(lp.start);
            lo.key("text").str(&l.text);
            lo.close();
        }
        o.out.push(b'\n');
        o.out.extend_from_slice(&INDENT[..6]);
        o.out.push(b']');
    }
    o.key("line").num(p.line);
    o.key("message").str(&f.message);
    if let Some(page) = p.page {
        o.key("page").num(page);
    }
    o.key("rule").str(&f.rule);
    o.key("severity").str(f.severity.as_str());
    o.key("start").num(p.start);
    o.close();
}

const INDENT: [u8; 10] = [b' '; 10];

/// An object being written: its keys, each on a line indented `indent` spaces.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    indent: usize,
    first: bool,
}

impl<'o> Object<'o> {
    fn new(out: &'o mut Vec<u8>, indent: usize) -> Object<'o> {
        Object {
            out,
            indent,
            first: true,
        }
    }

    fn key(&mut self, key: &str) -> &mut Self {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'\n');
        self.out.extend_from_slice(&INDENT[..self.indent]);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self
    }

    /// A place's keys from `column` to `end_page`, which sort together before the rest.
    fn ends(&mut self, p: &Place) {
        self.key("column").num(p.column);
        self.key("end").num(p.end);
        self.key("end_column").num(p.end_column);
        self.key("end_line").num(p.end_line);
        if let Some(page) = p.end_page {
            self.key("end_page").num(page);
        }
    }

    fn raw(&mut self, value: &str) {
        self.out.extend_from_slice(value.as_bytes());
    }

    fn num(&mut self, n: usize) {
        self.out.extend_from_slice(decimal(n, &mut [0; 20]));
    }

    fn str(&mut self, s: &str) {
        string(self.out, s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// Closes the object, its brace on a line two spaces less indented than its keys.
    fn close(self) {
        self.out.push(b'\n');
        self.out.extend_from_slice(&INDENT[..self.indent - 2]);
        self.out.push(b'}');
    }
}

/// `n` in decimal, written into the end of `buf`.
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// A JSON string as `serde_json` writes it: `"` and `\` escaped, control characters as
/// `\n`, `\t`... or `\u00XX`, all else (non-ASCII included) as is. Text is copied eight
/// bytes at a time until a byte needs escaping.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(eight) = b.get(i..i + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(eight);
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let escape: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..0x20 => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 15)]);
        } else {
            out.extend_from_slice(escape);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// Whether any of eight bytes is a control character, `"` or `\` (bit tricks on the
/// word: a byte below 0x20, or equal to one of the two, sets its top bit).
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    below | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::ReportedLabel;

    fn reported(page: Option<usize>, labels: usize, text: &str) -> Reported {
        let place = Place {
            page,
            end_page: page.map(|p| p + 1),
            line: 3,
            column: 4,
            end_line: 3,
            end_column: 9,
            start: 40,
            end: 1_234_567,
        };
        Reported {
            file: format!("dir/{text}.txt"),
            case: page.map(|_| "CM14-0094418".to_string()),
            rule: "hygiene/mojibake".into(),
            severity: Severity::Info,
            message: text.into(),
            item: page.is_none().then(|| text.to_string()),
            place: place.clone(),
            labels: (0..labels)
                .map(|i| ReportedLabel {
                    place: place.clone(),
                    text: format!("{i}: {text}"),
                    primary: i == 0,
                })
                .collect(),
            help: text.repeat(3),
            citation: "MTUS p. 80".into(),
            fingerprint: "abc".into(),
        }
    }

    /// What `serde_json` writes for the finding as a value (keys sorted), indented as an
    /// element of the findings array.
    fn pretty(f: &Reported) -> String {
        let value = serde_json::to_value(f).unwrap();
        let text = serde_json::to_string_pretty(&value).unwrap();
        let lines: Vec<String> = text.lines().map(|l| format!("    {l}")).collect();
        lines.join("\n")
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_their_values() {
        let mut texts: Vec<String> = [
            "plain",
            "",
            "a \"quoted\" \\ back\\slash",
            "tab\tnew\nline\rcr\u{8}bs\u{c}ff\u{1}\u{1f}\u{7f}",
            "caf\u{e9} \u{2014} \u{1f600} MED \u{d7} 1.8",
        ]
        .map(String::from)
        .to_vec();
        // Every byte that needs escaping at every place in an eight-byte word.
        for c in (0u8..0x20).chain([b'"', b'\\']) {
            for at in 0..9 {
                let mut t = "abcdefghij".to_string();
                t.insert(at, char::from(c));
                texts.push(t);
            }
        }
        for text in &texts {
            for page in [None, Some(2)] {
                for labels in [0, 1, 3] {
                    let f = reported(page, labels, text);
                    let mut out = Vec::new();
                    finding(&mut out, &f);
                    assert_eq!(String::from_utf8(out).unwrap(), pretty(&f), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_in_decimal() {
        for n in [0, 7, 10, 99, 100, 65_535, usize::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }
}
