//! Assertion status, the ConText way: whether a mention states a fact of the record, or is
//! negated, hypothetical, or part of a guideline statement. Evidence checks count only
//! affirmed mentions: "page 80 requires return to work" quotes a criterion, "if the
//! provider documented functional improvement, a renewal could be considered" supposes
//! one, and "radiculopathy is not present" denies one; none is evidence.
//!
//! A mention's clause runs between the nearest `;`, `:` or terminator ("but", "however")
//! on either side; a sentence that opens by naming its source ("As noted on page 80 of the
//! MTUS, ...", "Per ACOEM, ...") has that opening as a clause of its own. The clause is a
//! guideline statement when it holds a guideline cue ("criteria", "recommended", "must")
//! and no record cue ("the applicant", "here", "in this case"). Otherwise the mention is
//! negated by a NegEx trigger (forward within a few words, forward to the clause's end,
//! or after it), hypothetical when a hypothetical trigger ("if", "would", "should")
//! precedes it in the clause with no comma between, historical when the clause tells
//! what happened before ("previously", "in 2014"), and affirmed if none of these holds.
//! Every list is in the rule set's `negation:` section.

use serde::Serialize;

use crate::facts::negation;
use crate::letter::Span;
use crate::rules::RuleSet;

/// What a mention asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A fact of the record.
    Affirmed,
    /// Denied ("no radiculopathy", "the MRI was unremarkable").
    Negated,
    /// Supposed, not stated ("if ... documented", "would require").
    Hypothetical,
    /// What held before, not now ("was first introduced in 2014", "previously").
    Historical,
    /// Part of what a guideline says, recommends or requires.
    Guideline,
}

/// The assertion status of `target`, a range of `sentence`.
pub fn status(rules: &RuleSet, sentence: &str, target: &Span) -> Status {
    status_in(rules, sentence, target).0
}

/// The assertion status of `target` and the clause that holds it. Every trigger is looked
/// for in the clause only: none reaches across a clause break.
pub fn status_in(rules: &RuleSet, sentence: &str, target: &Span) -> (Status, Span) {
    let clause = clause(rules, sentence, target);
    (status_within(rules, sentence, &clause, target), clause)
}

/// The assertion status of `target` in `clause`, its clause in `sentence` (from
/// [`clause`]), for a caller that has the clause already.
pub fn status_within(rules: &RuleSet, sentence: &str, clause: &Span, target: &Span) -> Status {
    let c = &sentence[clause.clone()];
    let shifted = target.start - clause.start..target.end - clause.start;
    of_clause(rules, c, &shifted)
}

/// The status of `target` within its clause `c`.
fn of_clause(rules: &RuleSet, c: &str, target: &Span) -> Status {
    let neg = &rules.negation;
    // Most clauses hold no cue at all: one look for any settles them.
    if !neg.cues.is_match(c) && !names_past_year(c) {
        return Status::Affirmed;
    }
    if neg.guideline.is_match(c) && !neg.record.is_match(c) {
        return Status::Guideline;
    }
    if negation::negated_finding(neg, c, &(0..c.len()), target).is_some() {
        return Status::Negated;
    }
    let before = &c[..target.start];
    if neg
        .hypothetical
        .find_iter(before)
        .any(|h| !before[h.end..].contains(','))
    {
        return Status::Hypothetical;
    }
    if neg.historical.is_match(c) || names_past_year(c) {
        return Status::Historical;
    }
    Status::Affirmed
}

/// Whether a clause dates itself by a year: "in 2014", "since 2012", "during 2013".
fn names_past_year(clause: &str) -> bool {
    // Most clauses hold no `19` or `20` at all: one vectorised look settles them.
    let b = clause.as_bytes();
    if !memchr::memchr2_iter(b'1', b'2', b).any(|i| matches!(b.get(i..i + 2), Some(b"19" | b"20")))
    {
        return false;
    }
    let mut words = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(mut before) = words.next() else {
        return false;
    };
    for word in words {
        let year = word.len() == 4
            && word.bytes().all(|b| b.is_ascii_digit())
            && matches!(&word[..2], "19" | "20");
        if year
            && ["in", "since", "during"]
                .iter()
                .any(|p| before.eq_ignore_ascii_case(p))
        {
            return true;
        }
        before = word;
    }
    false
}

/// Whether a clause is a conditional, generic statement ("weaning is not indicated when
/// ...", "would not be indicated unless ...").
pub fn conditional(rules: &RuleSet, clause: &str) -> bool {
    rules.negation.conditional.is_match(clause)
}

/// The clause of `sentence` that holds `target`.
pub fn clause(rules: &RuleSet, sentence: &str, target: &Span) -> Span {
    let mut start = 0;
    let mut end = sentence.len();
    for at in breaks(rules, sentence) {
        if at.end <= target.start {
            start = start.max(at.end);
        } else if at.start >= target.end {
            end = end.min(at.start);
        }
    }
    start..end.max(start)
}

/// What a sentence is: a guideline statement when it has a clause that states what a
/// guideline says and none about the patient; else a record statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Record,
    Guideline,
}

/// The role of a sentence.
pub fn role(rules: &RuleSet, sentence: &str) -> Role {
    let neg = &rules.negation;
    let mut cuts: Vec<Span> = breaks(rules, sentence).collect();
    cuts.sort_by_key(|c| c.start);
    let starts = std::iter::once(0).chain(cuts.iter().map(|c| c.end));
    let ends = cuts.iter().map(|c| c.start).chain([sentence.len()]);
    let mut guideline = false;
    for (start, end) in starts.zip(ends).filter(|(s, e)| s < e) {
        let c = &sentence[start..end];
        if neg.record.is_match(c) {
            return Role::Record;
        }
        guideline |= neg.guideline.is_match(c);
    }
    if guideline {
        Role::Guideline
    } else {
        Role::Record
    }
}

/// Where clauses break: `;`, `:`, terminators, and the comma after an opening that names
/// a source ("As noted on page 80 of the MTUS ..., <what it says>").
fn breaks<'a>(rules: &'a RuleSet, sentence: &'a str) -> impl Iterator<Item = Span> + 'a {
    let marks = memchr::memchr2_iter(b';', b':', sentence.as_bytes()).map(|i| i..i + 1);
    let source = rules
        .phrases
        .attribution
        .is_match(sentence)
        .then(|| sentence.find(", ").map(|c| c..c + 1))
        .flatten();
    marks
        .chain(rules.negation.terminators.find_iter(sentence))
        .chain(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(sentence: &str, target: &str) -> Status {
        let rules = RuleSet::builtin().unwrap();
        let at = sentence.find(target).unwrap();
        status(&rules, sentence, &(at..at + target.len()))
    }

    #[test]
    fn quoted_criteria_are_guideline_statements() {
        assert_eq!(
            of(
                "As noted on page 80 of the MTUS Chronic Pain Medical Treatment Guidelines, the cardinal criteria for continuation include return to work, improved functioning, and reduced pain.",
                "return to work"
            ),
            Status::Guideline
        );
        assert_eq!(
            of(
                "Radiculopathy must be documented by physical examination and corroborated by imaging studies.",
                "imaging"
            ),
            Status::Guideline
        );
        assert_eq!(
            of(
                "As noted on page 80 of the MTUS, the applicant has returned to work.",
                "returned to work"
            ),
            Status::Affirmed
        );
    }

    #[test]
    fn sentence_roles() {
        let rules = RuleSet::builtin().unwrap();
        let r = |s: &str| role(&rules, s);
        assert_eq!(
            r("Page 46 requires radiculopathy corroborated by imaging."),
            Role::Guideline
        );
        assert_eq!(
            r("As noted on page 80 of the MTUS, the applicant has returned to work."),
            Role::Record
        );
        assert_eq!(r("Norco reduced pain from 8/10 to 4/10."), Role::Record);
    }

    #[test]
    fn negated_hypothetical_and_affirmed() {
        assert_eq!(
            of(
                "Radiculopathy is not present on examination.",
                "Radiculopathy"
            ),
            Status::Negated
        );
        assert_eq!(
            of("The lumbar MRI of 1/14/15 was unremarkable.", "MRI"),
            Status::Negated
        );
        assert_eq!(
            of(
                "The attending provider failed to outline any evidence of meaningful improvement in function with ongoing usage.",
                "improvement in function"
            ),
            Status::Negated
        );
        assert_eq!(
            of(
                "Magnetic resonance imaging of the lumbar spine on 1/14/15 was read as unremarkable, with no disc protrusion.",
                "imaging"
            ),
            Status::Negated
        );
        assert_eq!(
            of(
                "The MRI showed no disc protrusion, spinal canal stenosis, or neural foraminal narrowing.",
                "neural foraminal"
            ),
            Status::Negated
        );
        assert_eq!(
            of(
                "In May 2015 the applicant returned to work full time.",
                "returned to work"
            ),
            Status::Affirmed
        );
        assert_eq!(
            of(
                "The applicant did not need emergency care and has returned to work.",
                "returned to work"
            ),
            Status::Affirmed
        );
        assert_eq!(
            of(
                "He has radicular pain, and the MRI was unremarkable.",
                "radicular"
            ),
            Status::Affirmed
        );
        assert_eq!(
            of(
                "If the provider documented functional improvement, a renewal could be considered.",
                "functional improvement"
            ),
            Status::Hypothetical
        );
        assert_eq!(
            of(
                "The applicant no longer has side effects and has returned to work.",
                "returned to work"
            ),
            Status::Affirmed
        );
        assert_eq!(
            of(
                "He no longer had the sedation he described when Opana ER was first introduced in 2014.",
                "introduced"
            ),
            Status::Historical
        );
        assert_eq!(
            of(
                "Here, the applicant has returned to work as a machinist.",
                "returned to work"
            ),
            Status::Affirmed
        );
    }
}
