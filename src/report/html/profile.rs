//! What the HTML report keeps of a letter once it is linted: its text, its case number, its
//! reviewer's specialties, and each item's decision with the drug class and the kind of
//! service it concerns (for the batch's decision tables).

use crate::checks::TOPICAL_CLASS;
use crate::letter::{Document, OutcomeKind};
use crate::rules::RuleSet;
use crate::text::collapse;

/// The group of an item whose request names no drug the taxonomy knows.
pub const NOT_IN_TAXONOMY: &str = "not in the taxonomy";

/// A linted letter, as the HTML report shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profile {
    /// The decoded text of the file (finding offsets point into it).
    pub text: String,
    /// `CM14-0123456`, when the letter gives it (see [`Document::case_number`]).
    pub case_number: Option<String>,
    /// The expert reviewer's specialties, as written.
    pub specialties: Vec<String>,
    pub items: Vec<ItemProfile>,
}

/// One decided item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProfile {
    /// The header, whitespace collapsed (as findings name their item).
    pub header: String,
    pub outcome: Option<OutcomeKind>,
    /// The broadest taxonomy class of the requested drug or service, or [`NOT_IN_TAXONOMY`].
    pub class: String,
    pub service: Service,
}

/// The kind of service an item requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Service {
    Medication,
    PhysicalMedicine,
    Injection,
    Diagnostic,
    Surgery,
    Visit,
    Equipment,
    Program,
    Other,
}

impl Service {
    pub fn name(self) -> &'static str {
        match self {
            Service::Medication => "medication",
            Service::PhysicalMedicine => "physical medicine",
            Service::Injection => "injection",
            Service::Diagnostic => "diagnostic test",
            Service::Surgery => "surgery",
            Service::Visit => "visit or referral",
            Service::Equipment => "equipment",
            Service::Program => "program",
            Service::Other => "other",
        }
    }
}

/// Words that tell the kind of an item the taxonomy does not know, in the order they are
/// tried. A word of five letters or more matches words it begins (`arthroscop` matches
/// `arthroscopy`); a shorter one matches only itself (`ct`, `tens`).
const SERVICE_WORDS: [(Service, &[&str]); 8] = [
    (
        Service::Injection,
        &[
            "injection",
            "injections",
            "epidural",
            "block",
            "blocks",
            "radiofrequency",
            "ablation",
            "facet",
            "botox",
        ],
    ),
    (
        Service::Diagnostic,
        &[
            "mri",
            "ct",
            "x-ray",
            "x-rays",
            "xray",
            "radiograph",
            "ultrasound",
            "emg",
            "ncv",
            "nerve",
            "scan",
            "urine",
            "drug screen",
            "laboratory",
            "lab",
            "labs",
            "test",
            "testing",
            "study",
            "studies",
        ],
    ),
    (
        Service::Surgery,
        &[
            "surgery",
            "surgical",
            "arthroscop",
            "fusion",
            "decompression",
            "replacement",
            "repair",
            "release",
            "laminectomy",
            "discectomy",
            "arthroplasty",
        ],
    ),
    (
        Service::PhysicalMedicine,
        &[
            "therapy",
            "therapies",
            "physiotherapy",
            "chiropractic",
            "chiropractor",
            "acupuncture",
            "massage",
            "rehabilitation",
            "exercise",
            "exercises",
        ],
    ),
    (
        Service::Visit,
        &[
            "consult",
            "consultation",
            "follow",
            "follow-up",
            "referral",
            "evaluation",
            "visit",
            "visits",
            "office",
            "specialist",
            "psychologist",
            "psychiatrist",
        ],
    ),
    (
        Service::Equipment,
        &[
            "brace",
            "tens",
            "unit",
            "wheelchair",
            "cane",
            "walker",
            "equipment",
            "dme",
            "cushion",
            "pillow",
            "mattress",
            "orthotic",
            "orthotics",
            "collar",
            "support",
            "supplies",
            "kit",
        ],
    ),
    (
        Service::Program,
        &[
            "program",
            "restoration",
            "detox",
            "detoxification",
            "weight",
            "gym",
            "membership",
        ],
    ),
    (
        Service::Medication,
        &[
            "mg",
            "mcg",
            "tablet",
            "tablets",
            "capsule",
            "capsules",
            "cream",
            "gel",
            "patch",
            "patches",
            "ointment",
            "compound",
            "compounded",
            "refill",
            "refills",
        ],
    ),
];

impl Profile {
    /// The profile of a parsed letter.
    pub fn new(doc: &Document, rules: &RuleSet) -> Profile {
        let clean = doc.clean.text();
        let items = doc
            .letter
            .items
            .iter()
            .map(|item| {
                let mention = [&item.request.name, &item.request.span]
                    .into_iter()
                    .find_map(|span| rules.taxonomy.mentions(clean, span).into_iter().next());
                // A topical product is of the topical class whatever its ingredients, as
                // the checks take it.
                let topical = rules.phrases.topical.is_match(doc.text(&item.request.span));
                let class = if topical {
                    Some(TOPICAL_CLASS.to_string())
                } else {
                    mention.and_then(|m| {
                        rules
                            .taxonomy
                            .top_classes(m.drug)
                            .next()
                            .map(str::to_string)
                    })
                };
                let service = match class.as_deref() {
                    Some("physical medicine") => Service::PhysicalMedicine,
                    Some("injection") => Service::Injection,
                    Some(_) => Service::Medication,
                    None => service_of(doc.text(&item.request.span)),
                };
                ItemProfile {
                    header: collapse(doc.text(&item.header)),
                    outcome: item.outcome.as_ref().map(|o| o.kind),
                    class: class.unwrap_or_else(|| NOT_IN_TAXONOMY.to_string()),
                    service,
                }
            })
            .collect();
        Profile {
            text: doc.source.text().to_string(),
            case_number: doc.case_number().map(str::to_string),
            specialties: doc
                .letter
                .reviewer
                .specialties
                .iter()
                .map(|s| collapse(doc.text(s)))
                .filter(|s| !s.is_empty())
                .collect(),
            items,
        }
    }
}

/// The kind of service a request the taxonomy does not know asks for, from its words.
pub fn service_of(request: &str) -> Service {
    let lower = request.to_lowercase();
    // `300mg` and `10/325mg` are read as `mg`.
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/' || c == '.'))
        .map(|w| w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let hits = |stem: &str| {
        if stem.contains(' ') {
            lower.contains(stem)
        } else if stem.len() >= 5 {
            words.iter().any(|w| w.starts_with(stem))
        } else {
            words.contains(&stem)
        }
    };
    SERVICE_WORDS
        .iter()
        .find(|(_, stems)| stems.iter().any(|s| hits(s)))
        .map(|(kind, _)| *kind)
        .or_else(|| quantity(&lower).then_some(Service::Medication))
        .unwrap_or(Service::Other)
}

/// Whether a request gives a quantity (`#60`), as medication requests do.
fn quantity(request: &str) -> bool {
    request
        .split('#')
        .skip(1)
        .any(|after| after.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_the_taxonomy_does_not_know_are_told_by_their_words() {
        for (request, kind) in [
            ("Follow up with surgeon", Service::Visit),
            ("Cervical epidural", Service::Injection),
            ("MRI of the lumbar spine", Service::Diagnostic),
            ("Right knee arthroscopy", Service::Surgery),
            ("Chiropractic therapy x 6", Service::PhysicalMedicine),
            ("TENS unit rental", Service::Equipment),
            ("Functional restoration program", Service::Program),
            ("Terocin 120ml cream", Service::Medication),
            ("Tension-relief", Service::Other),
            ("Gralise 300mg", Service::Medication),
            ("Lyrica #60", Service::Medication),
            ("Gralise", Service::Other),
        ] {
            assert_eq!(service_of(request), kind, "{request}");
        }
    }
}
