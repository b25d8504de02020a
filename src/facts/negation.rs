//! Negation the NegEx / ConText way: a trigger negates a target within its scope (a number
//! of words, forward or backward), unless a terminator intervenes or the trigger is part of
//! a pseudo-trigger ("not only"). Triggers, terminators and scope come from the rule set.

use crate::letter::Span;
use crate::rules::Negation;

/// If `target` (a range of `sentence`, offsets relative to it) is negated, the trigger's
/// range within `sentence`.
pub fn trigger(neg: &Negation, sentence: &str, target: &Span) -> Option<Span> {
    let pseudo = Pseudo::new(neg, sentence);
    let real = |r: &Span| !pseudo.covers(r);
    let forward = neg
        .forward
        .find_iter(sentence)
        .filter(|t| t.end <= target.start && real(t))
        .filter(|t| in_scope(neg, &sentence[t.end..target.start]))
        .filter(|t| {
            !(nominal(neg, sentence, t) && neg.copula.is_match(&sentence[t.end..target.start]))
        })
        .last();
    forward.or_else(|| {
        neg.backward
            .find_iter(sentence)
            .filter(|t| t.start >= target.end && real(t))
            .find(|t| in_scope(neg, &sentence[target.end..t.start]))
    })
}

/// If a finding or piece of evidence (`target`, in `clause` of `sentence`) is negated, the
/// trigger: any trigger of [`trigger`], a clause-wide trigger before it in its clause
/// ("no evidence of ... or ..."), or a post-negation after it ("is not present").
pub fn negated_finding(
    neg: &Negation,
    sentence: &str,
    clause: &Span,
    target: &Span,
) -> Option<Span> {
    let pseudo = Pseudo::new(neg, sentence);
    let real = |r: &Span| !pseudo.covers(r);
    // A list after a nominal trigger is negated to its end ("no disc protrusion, spinal
    // canal stenosis, or neural foraminal narrowing"), up to a copula or ", and".
    let nominal_list = || {
        neg.nominal
            .find_iter(sentence)
            .filter(|t| clause.start <= t.start && t.end <= target.start && real(t))
            .filter(|t| {
                let between = &sentence[t.end..target.start];
                !neg.copula.is_match(between) && !between.contains(", and")
            })
            .last()
    };
    // Post-negation reaches back over the subject's noun phrase ("an MRI of the lumbar
    // spine dated 7/8/14 was unremarkable"), not over a comma or an "and".
    let post = || {
        neg.post
            .find_iter(sentence)
            .filter(|t| t.start >= target.end && t.end <= clause.end && real(t))
            .find(|t| {
                let between = &sentence[target.end..t.start];
                between.split_whitespace().count() <= neg.post_scope
                    && !between.contains(',')
                    && !between
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("and"))
            })
    };
    trigger(neg, sentence, target)
        .or_else(|| {
            neg.clause_forward
                .find_iter(sentence)
                .filter(|t| clause.start <= t.start && t.end <= target.start && real(t))
                .filter(|t| !sentence[t.end..target.start].contains(", and"))
                .last()
        })
        .or_else(nominal_list)
        .or_else(post)
}

/// A sentence's pseudo-triggers ("not only"), looked for only once a trigger is found:
/// most sentences have none.
struct Pseudo<'a> {
    neg: &'a Negation,
    sentence: &'a str,
    found: std::cell::OnceCell<Vec<Span>>,
}

impl<'a> Pseudo<'a> {
    fn new(neg: &'a Negation, sentence: &'a str) -> Pseudo<'a> {
        Pseudo {
            neg,
            sentence,
            found: std::cell::OnceCell::new(),
        }
    }

    /// Whether a trigger found at `r` is part of a pseudo-trigger.
    fn covers(&self, r: &Span) -> bool {
        self.found
            .get_or_init(|| self.neg.pseudo.find_iter(self.sentence).collect())
            .iter()
            .any(|p| p.start <= r.start && r.end <= p.end)
    }
}

/// Whether the trigger at `t` negates a noun phrase ("no", "without"), whose scope a
/// copula ends.
fn nominal(neg: &Negation, sentence: &str, t: &Span) -> bool {
    let trigger = &sentence[t.clone()];
    neg.nominal.find(trigger) == Some(0..trigger.len())
}

/// Whether the words between a trigger and its target are few enough and hold no
/// terminator or clause break.
fn in_scope(neg: &Negation, between: &str) -> bool {
    between.split_whitespace().count() <= neg.scope
        && !between.contains([';', ':'])
        && !neg.terminators.is_match(between)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn negated(sentence: &str, target: &str) -> Option<String> {
        let rules = RuleSet::builtin().unwrap();
        let at = sentence.rfind(target).unwrap();
        trigger(&rules.negation, sentence, &(at..at + target.len()))
            .map(|t| sentence[t].to_string())
    }

    #[test]
    fn forward_backward_terminated_and_pseudo() {
        assert_eq!(
            negated(
                "the request is not medically necessary",
                "medically necessary"
            )
            .as_deref(),
            Some("not")
        );
        assert_eq!(
            negated(
                "Norco is not indicated as medically necessary",
                "medically necessary"
            )
            .as_deref(),
            Some("not")
        );
        assert_eq!(
            negated("does not meet medical necessity", "medical necessity").as_deref(),
            Some("does not meet")
        );
        assert_eq!(
            negated("the request is medically necessary", "medically necessary"),
            None
        );
        assert_eq!(
            negated(
                "is generally not supported, however, the request for Baclofen is supported",
                "supported"
            ),
            None
        );
        assert_eq!(negated("it is not only indicated", "indicated"), None);
        assert_eq!(
            negated(
                "the MRI without contrast is medically necessary",
                "medically necessary"
            ),
            None
        );
        assert_eq!(
            negated("without radiculopathy on examination", "radiculopathy").as_deref(),
            Some("without")
        );
        assert_eq!(
            negated(
                "the medical necessity for the request cannot be determined",
                "medical necessity"
            )
            .as_deref(),
            Some("cannot be determined")
        );
    }
}
