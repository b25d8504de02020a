//! JUnit XML output for CI dashboards: one test case per letter, one failure per finding
//! at or above warning (info findings go to the case's system-out), an error for a file
//! that could not be read.

use std::io::{self, Write};

use super::{FileReport, FileStatus, Summary, Writer};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;

#[derive(Default)]
pub struct Junit {
    cases: Vec<String>,
    failures: usize,
    errors: usize,
}

fn xml(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || c >= ' ')
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl Writer for Junit {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let mut case = format!(
            "    <testcase classname=\"imr-lint\" name=\"{}\">\n",
            xml(&report.file)
        );
        if let FileStatus::Failed { reason } = &report.status {
            self.errors += 1;
            case.push_str(&format!("      <error message=\"{}\"/>\n", xml(reason)));
        }
        let mut notes = String::new();
        for f in &report.findings {
            let text = format!(
                "{}:{} [{}] {}\n{}\ncitation: {}",
                f.file,
                f.place.position(),
                f.rule,
                f.message,
                f.help,
                f.citation
            );
            if f.severity >= Severity::Warning {
                self.failures += 1;
                case.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    xml(&f.rule),
                    xml(&f.message),
                    xml(&text)
                ));
            } else {
                notes.push_str(&text);
                notes.push('\n');
            }
        }
        if !notes.is_empty() {
            case.push_str(&format!("      <system-out>{}</system-out>\n", xml(&notes)));
        }
        case.push_str("    </testcase>\n");
        self.cases.push(case);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary, _: &RuleSet) -> io::Result<()> {
        let head = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.cases.len(),
            self.failures,
            self.errors
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"imr-lint\" {head}>")?;
        writeln!(out, "  <testsuite name=\"imr-lint\" {head}>")?;
        for c in &self.cases {
            out.write_all(c.as_bytes())?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}
