//! The batch's decisions: items Upheld and Overturned grouped by drug class, by kind of
//! service and by reviewer specialty, with the share of items that drew a finding beside
//! each group, so a group well above the batch's share stands out.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::embed::esc;
use super::profile::Profile;
use crate::letter::OutcomeKind;
use crate::report::Reported;

/// Decisions and findings of a group of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub items: usize,
    pub upheld: usize,
    pub overturned: usize,
    /// Items whose outcome is missing or neither word.
    pub other: usize,
    /// Findings on these items.
    pub findings: usize,
    /// Items with at least one finding.
    pub flagged: usize,
}

impl Counts {
    fn add(&mut self, outcome: Option<OutcomeKind>, findings: usize) {
        self.items += 1;
        match outcome {
            Some(OutcomeKind::Upheld) => self.upheld += 1,
            Some(OutcomeKind::Overturned) => self.overturned += 1,
            _ => self.other += 1,
        }
        self.findings += findings;
        self.flagged += usize::from(findings > 0);
    }

    /// The share of items with a finding, in percent.
    fn rate(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            100.0 * self.flagged as f64 / self.items as f64
        }
    }
}

/// The decision tables of a batch.
#[derive(Debug, Default)]
pub struct Decisions {
    pub all: Counts,
    pub by_class: BTreeMap<String, Counts>,
    pub by_service: BTreeMap<&'static str, Counts>,
    /// A letter whose reviewer lists two specialties counts under both.
    pub by_specialty: BTreeMap<String, Counts>,
}

/// A group is an outlier when its share of flagged items is this many times the batch's
/// and it has at least [`OUTLIER_MIN_ITEMS`] items.
const OUTLIER_FACTOR: f64 = 1.5;
const OUTLIER_MIN_ITEMS: usize = 3;

impl Decisions {
    /// Adds a letter's items; a finding counts for the item whose header it names.
    pub fn add(&mut self, profile: &Profile, findings: &[Reported]) {
        let unknown = "not given".to_string();
        let specialties = if profile.specialties.is_empty() {
            std::slice::from_ref(&unknown)
        } else {
            &profile.specialties[..]
        };
        for (i, item) in profile.items.iter().enumerate() {
            // The first item with that header takes the findings (a duplicate item's
            // findings name the same header).
            let first = profile.items.iter().position(|o| o.header == item.header);
            let n = if first == Some(i) {
                findings
                    .iter()
                    .filter(|f| f.item.as_deref() == Some(item.header.as_str()))
                    .count()
            } else {
                0
            };
            self.all.add(item.outcome, n);
            self.by_class
                .entry(item.class.clone())
                .or_default()
                .add(item.outcome, n);
            self.by_service
                .entry(item.service.name())
                .or_default()
                .add(item.outcome, n);
            for s in specialties {
                self.by_specialty
                    .entry(s.clone())
                    .or_default()
                    .add(item.outcome, n);
            }
        }
    }

    /// The three tables as HTML.
    pub fn html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<p>Across the batch, <strong id="flagged-rate">{:.1}%</strong> of {} items drew at least one finding. A group at {OUTLIER_FACTOR}× that share or more (and {OUTLIER_MIN_ITEMS} items or more) is marked <span class="outlier">▲ above the batch</span>. Letter-level findings are not counted here.</p>"#,
            self.all.rate(),
            self.all.items
        );
        out.push_str(&self.table(
            "decisions-class",
            "By drug class",
            "Drug class",
            &self.by_class,
        ));
        let by_service: BTreeMap<String, Counts> = self
            .by_service
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        out.push_str(&self.table(
            "decisions-service",
            "By kind of service",
            "Service",
            &by_service,
        ));
        out.push_str(&self.table(
            "decisions-specialty",
            "By reviewer specialty",
            "Specialty",
            &self.by_specialty,
        ));
        out
    }

    fn table(
        &self,
        id: &str,
        caption: &str,
        head: &str,
        groups: &BTreeMap<String, Counts>,
    ) -> String {
        let mut rows: Vec<(&String, &Counts)> = groups.iter().collect();
        rows.sort_by(|a, b| b.1.items.cmp(&a.1.items).then(a.0.cmp(b.0)));
        let batch = self.all.rate();
        let mut out = format!(
            r#"<div class="table-wrap"><table class="decisions" id="{id}"><caption>{caption}</caption><thead><tr><th scope="col">{head}</th><th scope="col" class="num">Items</th><th scope="col" class="num">Upheld</th><th scope="col" class="num">Overturned</th><th scope="col" class="num">Other</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Items with findings</th></tr></thead><tbody>"#
        );
        for (name, c) in rows {
            let rate = c.rate();
            let outlier =
                c.items >= OUTLIER_MIN_ITEMS && c.flagged > 0 && rate >= batch * OUTLIER_FACTOR;
            let _ = write!(
                out,
                r#"<tr{}><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num rate"><span class="meter" aria-hidden="true"><span style="width:{:.0}%"></span></span> {:.0}%{}</td></tr>"#,
                if outlier {
                    r#" class="outlier-row""#
                } else {
                    ""
                },
                esc(name),
                c.items,
                c.upheld,
                c.overturned,
                c.other,
                c.findings,
                rate,
                rate,
                if outlier {
                    r#" <span class="outlier">▲ above the batch</span>"#
                } else {
                    ""
                },
            );
        }
        out.push_str("</tbody></table></div>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::profile::{ItemProfile, Service};

    fn item(header: &str, outcome: OutcomeKind, class: &str, service: Service) -> ItemProfile {
        ItemProfile {
            header: header.into(),
            outcome: Some(outcome),
            class: class.into(),
            service,
        }
    }

    #[test]
    fn items_are_counted_by_group_with_their_findings() {
        let profile = Profile {
            text: String::new(),
            case_number: None,
            specialties: vec!["Internal Medicine".into(), "Rheumatology".into()],
            items: vec![
                item(
                    "Norco: Upheld",
                    OutcomeKind::Upheld,
                    "opioid",
                    Service::Medication,
                ),
                item(
                    "Opana: Overturned",
                    OutcomeKind::Overturned,
                    "opioid",
                    Service::Medication,
                ),
                item(
                    "MRI: Upheld",
                    OutcomeKind::Upheld,
                    "not in the taxonomy",
                    Service::Diagnostic,
                ),
            ],
        };
        let finding = |item: &str| Reported {
            file: "x".into(),
            case: None,
            rule: "r".into(),
            severity: crate::diagnostic::Severity::Warning,
            message: String::new(),
            item: Some(item.into()),
            place: crate::report::Place {
                page: None,
                end_page: None,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                start: 0,
                end: 0,
            },
            labels: vec![],
            help: String::new(),
            citation: String::new(),
            fingerprint: String::new(),
        };
        let mut d = Decisions::default();
        d.add(
            &profile,
            &[finding("Opana: Overturned"), finding("Opana: Overturned")],
        );
        let opioid = d.by_class["opioid"];
        assert_eq!(
            (
                opioid.items,
                opioid.upheld,
                opioid.overturned,
                opioid.findings,
                opioid.flagged
            ),
            (2, 1, 1, 2, 1)
        );
        assert_eq!(d.by_service["diagnostic test"].items, 1);
        assert_eq!(d.by_specialty["Rheumatology"].items, 3);
        assert_eq!(d.all.flagged, 1);
        let html = d.html();
        assert!(html.contains("<caption>By drug class</caption>"));
        assert!(html.contains("33.3%"), "{html}");
    }
}
