//! The determination of a rationale: which sentence concludes, and whether it says the item
//! is medically necessary; plus any nearby argument that points the other way.
//!
//! The conclusion is the last sentence holding a determination phrase ("medically
//! necessary"), or a verdict in other words in a sentence that concludes ("Therefore, the
//! request is approved", "... is not certified"), skipping boilerplate ("...safe
//! discontinuation"). Its polarity is negative
//! when a negation trigger governs the phrase, or when the sentence leaves necessity open
//! ("cannot be determined"). Arguments are verdict words after a copula ("was indicated",
//! "is not supported") in the conclusion and the sentences just before it; sentences that
//! concede ("While ...") or report a guideline ("Per MTUS ...") are not arguments, nor are
//! verdicts in a guideline statement, a hypothesis or a conditional clause.

use crate::facts::assertion::{self, Status};
use crate::facts::negation;
use crate::letter::Span;
use crate::rules::RuleSet;

/// A statement of necessity, positive or negative.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The phrase ("medically necessary", "indicated").
    pub phrase: Span,
    pub sentence: Span,
    /// True when the statement says the item is necessary / indicated.
    pub positive: bool,
    /// The negation trigger or open-necessity phrase that made it negative.
    pub trigger: Option<Span>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Determination {
    pub conclusion: Option<Statement>,
    /// An argument near the conclusion with the opposite polarity.
    pub contrary: Option<Statement>,
}

/// How many sentences before the conclusion are read for contrary arguments.
const ARGUMENT_WINDOW: usize = 1;

/// The determination of a rationale, given its sentences.
pub fn determine(text: &str, sentences: &[Span], rules: &RuleSet) -> Determination {
    let p = &rules.phrases;
    // The rationale's last sentence concludes whatever its words ("Purchase of a TENS
    // unit is not indicated."), when no later sentence holds a determination phrase.
    // Read from the end, the first sentence that is not boilerplate is the last.
    let mut last = true;
    let found = sentences.iter().enumerate().rev().find_map(|(i, s)| {
        let st = &text[s.clone()];
        if p.boilerplate.is_match(st) {
            return None;
        }
        let is_last = std::mem::replace(&mut last, false);
        let phrase = p
            .determination
            .find_iter(st)
            .last()
            .or_else(|| verdict(st, rules, is_last))?;
        let trigger =
            negation::trigger(&rules.negation, st, &phrase).or_else(|| p.uncertain.find(st));
        Some((
            i,
            Statement {
                phrase: s.start + phrase.start..s.start + phrase.end,
                sentence: s.clone(),
                positive: trigger.is_none(),
                trigger: trigger.map(|t| s.start + t.start..s.start + t.end),
            },
        ))
    });
    let Some((index, conclusion)) = found else {
        return Determination::default();
    };
    let before_phrase = conclusion.sentence.start..conclusion.phrase.start;
    let window = sentences[index.saturating_sub(ARGUMENT_WINDOW)..index]
        .iter()
        .rev()
        .cloned()
        .chain(std::iter::once(before_phrase));
    let contrary = window
        .filter_map(|s| argument(text, &s, rules))
        .find(|a| a.positive != conclusion.positive);
    Determination {
        conclusion: Some(conclusion),
        contrary,
    }
}

/// In a sentence that concludes ("Therefore, ...", "The request ...", or the rationale's
/// last), its last verdict
/// in other words than "medically necessary": "the request is approved", "is not
/// certified", "cannot be supported", "is not medically appropriate at this juncture".
fn verdict(st: &str, rules: &RuleSet, last: bool) -> Option<Span> {
    let p = &rules.phrases;
    if !last && !p.conclusion.is_match(st) {
        return None;
    }
    let mut verdicts: Vec<Span> = p
        .verdict
        .find_iter(st)
        .chain(p.argument.find_iter(st))
        .collect();
    verdicts.sort_unstable_by_key(|v| std::cmp::Reverse(v.start));
    verdicts.into_iter().find(|v| {
        !matches!(
            assertion::status(rules, st, v),
            Status::Hypothetical | Status::Historical
        )
    })
}

/// The last verdict of a sentence ("X was indicated", "Y is not supported").
fn argument(text: &str, sentence: &Span, rules: &RuleSet) -> Option<Statement> {
    let p = &rules.phrases;
    let st = &text[sentence.clone()];
    // Most sentences argue nothing: the argument phrases are looked for first.
    let arguments = p.argument.matches(st);
    if arguments.is_empty() || p.concession.is_match(st) || p.attribution.is_match(st) {
        return None;
    }
    let phrase = arguments.into_iter().map(|f| f.range).filter(|a| {
        p.copula.find_iter(&st[..a.start]).last().is_some_and(|c| {
            st[c.end..a.start]
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|w| !w.is_empty())
                .count()
                <= 2
        })
    });
    let phrase = phrase.last()?;
    // A guideline's words, a supposition or a generic conditional argue nothing about
    // this request ("weaning is not indicated when ...", "would not be indicated unless").
    let (status, clause) = assertion::status_in(rules, st, &phrase);
    if matches!(status, Status::Guideline | Status::Hypothetical)
        || assertion::conditional(rules, &st[clause])
    {
        return None;
    }
    let trigger = negation::trigger(&rules.negation, st, &phrase);
    Some(Statement {
        phrase: sentence.start + phrase.start..sentence.start + phrase.end,
        sentence: sentence.clone(),
        positive: trigger.is_none(),
        trigger: trigger.map(|t| sentence.start + t.start..sentence.start + t.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(s: &str) -> (Option<bool>, Option<String>) {
        let rules = RuleSet::builtin().unwrap();
        let d = determine(s, &crate::facts::sentences::split(s, &(0..s.len())), &rules);
        (
            d.conclusion.map(|c| c.positive),
            d.contrary.map(|c| s[c.phrase].to_string()),
        )
    }

    #[test]
    fn concluding_sentence_wins() {
        assert_eq!(
            det("X is not recommended. Therefore, the request is medically necessary."),
            (Some(true), None)
        );
        assert_eq!(
            det(
                "Introducing Opana was indicated, given the failure.  Therefore, the request was not medically necessary."
            ),
            (Some(false), Some("indicated".into()))
        );
        assert_eq!(
            det(
                "Therefore, the request is not medically necessary.  While the requested medication does not meet medical necessity, it is expected that the ordering provider will follow recommended medication Guidelines for safe discontinuation."
            ),
            (Some(false), None)
        );
        assert_eq!(
            det(
                "The medical necessity cannot be determined at this time.  Therefore, the request for NORCO is not medically necessary."
            ),
            (Some(false), None)
        );
        assert_eq!(det("The request is reasonable."), (None, None));
        assert_eq!(
            det(
                "A two-tablet supply is well within the guideline. Therefore, the request is approved."
            ),
            (Some(true), None)
        );
        assert_eq!(
            det("Therefore, the request is not certified."),
            (Some(false), None)
        );
        assert_eq!(
            det("Consequently, the request cannot be supported."),
            (Some(false), None)
        );
        assert_eq!(
            det("The request is not medically appropriate at this juncture."),
            (Some(false), None)
        );
        assert_eq!(
            det("Therefore, the request for six sessions is non-certified."),
            (Some(false), None)
        );
        assert_eq!(
            det("Lyrica was approved by utilization review in 2014. The patient reports benefit."),
            (None, None)
        );
        assert_eq!(
            det("No trial was documented. Purchase of a TENS unit is not indicated."),
            (Some(false), None)
        );
        assert_eq!(
            det(
                "While page 22 does acknowledge that aquatic therapy is recommended as an option.  Therefore, the request was not medically necessary."
            ),
            (Some(false), None)
        );
    }
}
