//! Phrase lists match as an alternation of the phrases, longest first, would: whole words,
//! any ASCII case, any whitespace between words. The automaton-based matcher is checked
//! against exactly that regex on random phrase lists and texts.

use imr_lint::rules::PhraseSet;
use proptest::prelude::*;
use regex::RegexBuilder;

/// The regex a list of phrases stands for.
fn reference(phrases: &[String], anchored: bool, words: bool) -> regex::Regex {
    let mut sorted: Vec<&String> = phrases.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|p| {
            let body: Vec<String> = p.split_whitespace().map(regex::escape).collect();
            let edge = |c: Option<char>| words && c.is_some_and(|c| c.is_ascii_alphanumeric());
            format!(
                "{}{}{}",
                if edge(p.chars().next()) { r"\b" } else { "" },
                body.join(r"\s+"),
                if edge(p.chars().next_back()) {
                    r"\b"
                } else {
                    ""
                }
            )
        })
        .collect();
    let pattern = format!(
        "{}(?:{})",
        if anchored { r"^(?u:\W)*" } else { "" },
        alternatives.join("|")
    );
    RegexBuilder::new(&pattern)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .expect("reference regex")
}

/// Words from a small alphabet, so that phrases overlap, nest and share first words.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "no",
        "not",
        "note",
        "medically",
        "Medically",
        "necessary",
        "is",
        "it",
        "pain",
        "pain-",
        "(per",
        "a",
        "an",
        "Â®",
        "x1",
    ])
    .prop_map(str::to_string)
}

fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
}

/// A phrase with a word of five letters or more, as the lists that a text is first
/// searched for their long words are made of.
fn long_phrase() -> impl Strategy<Value = String> {
    (
        phrase(),
        prop::sample::select(vec!["necessary", "Ceiling", "medically"]),
    )
        .prop_map(|(p, long)| format!("{p} {long}"))
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        word(),
        prop::sample::select(vec![
            " ", "  ", "\n", "\t", "\r\n", ", ", ".", "_", "é", "s", "CEILING", "ceiling"
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

fn found(set: &PhraseSet, text: &str) -> Vec<std::ops::Range<usize>> {
    set.find_iter(text).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn words_match_as_the_regex_does(phrases in prop::collection::vec(phrase(), 1..8), text in text()) {
        let set = PhraseSet::new(&phrases, false).unwrap();
        let re = reference(&phrases, false, true);
        let expected: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
        prop_assert_eq!(found(&set, &text), expected.clone());
        prop_assert_eq!(set.find(&text), expected.first().cloned());
        prop_assert_eq!(set.is_match(&text), !expected.is_empty());
    }

    #[test]
    fn lists_of_long_phrases_match_as_the_regex_does(phrases in prop::collection::vec(long_phrase(), 1..4), text in text()) {
        let set = PhraseSet::new(&phrases, false).unwrap();
        let re = reference(&phrases, false, true);
        let expected: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
        prop_assert_eq!(found(&set, &text), expected.clone());
        prop_assert_eq!(set.find(&text), expected.first().cloned());
    }

    #[test]
    fn substrings_match_as_the_regex_does(phrases in prop::collection::vec(phrase(), 1..8), text in text()) {
        let set = PhraseSet::substrings(&phrases).unwrap();
        let re = reference(&phrases, false, false);
        let expected: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
        prop_assert_eq!(found(&set, &text), expected);
    }

    #[test]
    fn anchored_lists_match_only_at_the_start(phrases in prop::collection::vec(phrase(), 1..8), text in text()) {
        let set = PhraseSet::new(&phrases, true).unwrap();
        let re = reference(&phrases, true, true);
        prop_assert_eq!(set.is_match(&text), re.is_match(&text));
    }
}
