//! Scanners for a request's refills and daily schedule (`with 2 refills`, `refills: 3`,
//! `1 tablet twice a day`, `at bedtime`, `every 72 hours`, `q4h`), on its lowercased text.
//!
//! They read what the patterns they replace matched, group for group (each test compares
//! them), in one pass forward from each word start: those patterns' capture passes were
//! the costliest step of parsing a request. Numbers are figures or the words the requests
//! use ([`NUM_WORDS`]).

use super::Span;
use crate::text::scan;

/// The number words a request may use where a figure could stand, with their values.
pub const NUM_WORDS: [(&str, f64); 23] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fourteen", 14.0),
    ("sixteen", 16.0),
    ("eighteen", 18.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("no", 0.0),
    ("a", 1.0),
    ("an", 1.0),
    ("once", 1.0),
    ("twice", 2.0),
    ("thrice", 3.0),
];

/// The units a dose is counted in (`2 tablets twice a day`).
const UNITS: [&str; 16] = [
    "pill", "pills", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps",
    "patch", "patches", "puff", "puffs", "spray", "sprays",
];

/// The refill count: `2 refills`, `one refill` (the number), or `refills: 3`, `refill x2`
/// (the figures).
pub fn refills(s: &str) -> Option<Span> {
    let b = s.as_bytes();
    word_starts(s).find_map(|p| {
        if let Some(end) = number_then_space(s, p) {
            let at = scan::spaces(s, end);
            return word_then(s, at, "refill").map(|_| p..end);
        }
        let at = scan::spaces(s, word_or_plural(b, p, "refill")?);
        let at = match b.get(at) {
            Some(b':' | b'x') => scan::spaces(s, at + 1),
            _ => at,
        };
        let end = scan::digits(b, at);
        (end > at && !scan::is_word(b, end)).then_some(at..end)
    })
}

/// A daily schedule, by the parts of it that are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    /// All of it.
    pub whole: Span,
    /// Units a dose (`2` of `2 tablets twice a day`).
    pub units: Option<Span>,
    /// `3` of `3 times a day`.
    pub times: Option<Span>,
    /// `once`, `twice` or `thrice` before `a day`.
    pub word: Option<Span>,
    /// `daily`, `nightly`, `at bedtime`, `qhs`, `qd`, `bid`, `tid` or `qid`.
    pub named: Option<Span>,
    /// `72` and `hours` of `every 72 hours`.
    pub every: Option<(Span, Span)>,
    /// `4` of `q4h`.
    pub hourly: Option<Span>,
}

/// The first daily schedule written in `s`, with the units a dose when they precede it.
pub fn schedule(s: &str) -> Option<Schedule> {
    word_starts(s).find_map(|p| {
        dosed(s, p)
            .or_else(|| schedule_at(s, p))
            .map(|(end, mut found)| {
                found.whole = p..end;
                found
            })
    })
}

/// `2 tablets ` then a schedule, at `p`.
fn dosed(s: &str, p: usize) -> Option<(usize, Schedule)> {
    let number = number_then_space(s, p)?;
    let unit = scan::spaces(s, number);
    let unit_end = scan::word_end(s.as_bytes(), unit);
    if !UNITS.contains(&&s[unit..unit_end]) {
        return None;
    }
    let at = scan::spaces(s, unit_end);
    if at == unit_end {
        return None;
    }
    let (end, mut found) = schedule_at(s, at)?;
    found.units = Some(p..number);
    Some((end, found))
}

/// A schedule starting at the word start `p`: where it ends, and its parts.
fn schedule_at(s: &str, p: usize) -> Option<(usize, Schedule)> {
    let b = s.as_bytes();
    let word = scan::word_end(b, p);
    let mut parts = Schedule::default();
    // `3 times a day` (the number), `twice daily` (the word).
    if let Some(n) = number_then_space(s, p)
        && let Some(end) = word_or_plural(b, scan::spaces(s, n), "time").and_then(|at| a_day(s, at))
    {
        parts.times = Some(p..n);
        return Some((end, parts));
    }
    if matches!(&s[p..word], "once" | "twice" | "thrice")
        && let Some(end) = a_day(s, word)
    {
        parts.word = Some(p..word);
        return Some((end, parts));
    }
    // `daily`, `at bedtime`.
    let named = match &s[p..word] {
        "daily" | "nightly" | "qhs" | "qd" | "bid" | "tid" | "qid" => Some(word),
        "at" => {
            let at = scan::spaces(s, word);
            (at > word).then(|| whole_word(b, at, "bedtime")).flatten()
        }
        _ => None,
    };
    if let Some(end) = named {
        parts.named = Some(p..end);
        return Some((end, parts));
    }
    // `every 72 hours`, `changed every 3 days`.
    let every = match &s[p..word] {
        "changed" => {
            let at = scan::spaces(s, word);
            (at > word).then(|| every(s, at)).flatten()
        }
        "every" => every(s, p),
        _ => None,
    };
    if let Some((end, n, unit)) = every {
        parts.every = Some((n, unit));
        return Some((end, parts));
    }
    // `q4h`, `q 6 h`.
    if b.get(p) == Some(&b'q') {
        let digits = scan::spaces(s, p + 1);
        let digits_end = scan::digits(b, digits);
        let h = scan::spaces(s, digits_end);
        if digits_end > digits
            && let Some(end) = whole_word(b, h, "h")
        {
            parts.hourly = Some(digits..digits_end);
            return Some((end, parts));
        }
    }
    None
}

/// `every 72 hours` at `p` (its `every`): where it ends, the number and the unit.
fn every(s: &str, p: usize) -> Option<(usize, Span, Span)> {
    let b = s.as_bytes();
    if !starts(b, p, "every") {
        return None;
    }
    let n = scan::spaces(s, p + "every".len());
    if n == p + "every".len() {
        return None;
    }
    let n_end = number_then_space(s, n)?;
    let unit = scan::spaces(s, n_end);
    ["hour", "day"].iter().find_map(|w| {
        let end = word_then(s, unit, w)?;
        Some((end, n..n_end, unit..end))
    })
}

/// `\s+(?:(?:a|per|each|every)\s+day|daily)\b` at `at`: where it ends.
fn a_day(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let word = scan::spaces(s, at);
    if word == at {
        return None;
    }
    if let Some(end) = whole_word(b, word, "daily") {
        return Some(end);
    }
    let end = scan::word_end(b, word);
    if !matches!(&s[word..end], "a" | "per" | "each" | "every") {
        return None;
    }
    let day = scan::spaces(s, end);
    (day > end).then(|| whole_word(b, day, "day")).flatten()
}

/// A number at the word start `p` followed by whitespace: where the number ends.
fn number_then_space(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let end = match scan::number(b, p) {
        Some(end) => end,
        None => {
            let end = scan::word_end(b, p);
            NUM_WORDS
                .iter()
                .any(|(w, _)| *w == &s[p..end])
                .then_some(end)?
        }
    };
    (scan::spaces(s, end) > end).then_some(end)
}

/// `word` or its plural (`word` + `s`) ending a word at `at`: where it ends.
fn word_then(s: &str, at: usize, word: &str) -> Option<usize> {
    let b = s.as_bytes();
    let end = word_or_plural(b, at, word)?;
    (!scan::is_word(b, end)).then_some(end)
}

/// `word`, with an `s` after it when there is one, at `at`: where that ends (what
/// `words?` matches, greedy).
fn word_or_plural(b: &[u8], at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    starts(b, at, word).then(|| end + usize::from(b.get(end) == Some(&b's')))
}

/// `word` as a whole word (ending a word) at `at`: where it ends.
fn whole_word(b: &[u8], at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    (starts(b, at, word) && !scan::is_word(b, end)).then_some(end)
}

fn starts(b: &[u8], at: usize, word: &str) -> bool {
    b.get(at..)
        .is_some_and(|rest| rest.starts_with(word.as_bytes()))
}

/// The places in `s` where a word starts (an ASCII `\b` before a word character).
fn word_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    (0..b.len()).filter(move |&i| scan::is_word(b, i) && scan::word_start(b, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The patterns the scanners replace (lowercase), groups numbered as [`from_pattern`]
    /// reads them.
    const NUM: &str = r"[0-9]+(?:\.[0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|twenty|thirty|no|a|an|once|twice|thrice";

    static REFILLS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?-u:\b)({NUM})\s+refills?(?-u:\b)|(?-u:\b)refills?\s*[:x]?\s*([0-9]+)(?-u:\b)"
        ))
        .unwrap()
    });

    static SCHEDULE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:(?-u:\b)({NUM})\s+(?:pills?|tablets?|tabs?|capsules?|caps?|patch(?:es)?|puffs?|sprays?)\s+)?(?:(?-u:\b)(?:({NUM})\s+times?|(once|twice|thrice))\s+(?:(?:a|per|each|every)\s+day|daily)(?-u:\b)|(?-u:\b)(daily|nightly|at\s+bedtime|qhs|qd|bid|tid|qid)(?-u:\b)|(?-u:\b)(?:changed\s+)?every\s+({NUM})\s+(hours?|days?)(?-u:\b)|(?-u:\b)q\s*([0-9]+)\s*h(?-u:\b))"
        ))
        .unwrap()
    });

    fn from_pattern(re: &Regex, s: &str) -> Option<Schedule> {
        let c = re.captures(s)?;
        let g = |i: usize| c.get(i).map(|m| m.range());
        Some(Schedule {
            whole: g(0)?,
            units: g(1),
            times: g(2),
            word: g(3),
            named: g(4),
            every: g(5).zip(g(6)),
            hourly: g(7),
        })
    }

    #[test]
    fn requests() {
        let at = |s: &str, r: Option<Span>| r.map(|r| s[r].to_string());
        for (s, want) in [
            ("norco #60 with 3 refills", Some("3")),
            ("norco with one refill", Some("one")),
            ("refills: 2", Some("2")),
            ("refill x5", Some("5")),
            ("no refills", Some("no")),
            ("refillable 2", None),
        ] {
            assert_eq!(at(s, refills(s)).as_deref(), want, "{s}");
        }
        let s = "norco, 2 pills twice a day";
        let found = schedule(s).unwrap();
        assert_eq!(at(s, found.units).as_deref(), Some("2"));
        assert_eq!(at(s, found.word).as_deref(), Some("twice"));
        assert_eq!(&s[found.whole], "2 pills twice a day");
        let s = "duragesic changed every 72 hours";
        let found = schedule(s).unwrap();
        let (n, unit) = found.every.unwrap();
        assert_eq!((&s[n], &s[unit]), ("72", "hours"));
        assert_eq!(&s[found.whole], "changed every 72 hours");
        let s = "tramadol q 6 h";
        assert_eq!(at(s, schedule(s).unwrap().hourly).as_deref(), Some("6"));
        let s = "ambien at  bedtime";
        assert_eq!(
            at(s, schedule(s).unwrap().named).as_deref(),
            Some("at  bedtime")
        );
        assert_eq!(schedule("three times a weekday"), None);
    }

    fn text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "1", "10", "2.5", "0", "one", "two", "a", "an", "no", "once", "twice", "thrice",
            "times", "time", "timesx", "pill", "pills", "tablets", "tab", "caps", "capsule",
            "patches", "patch", "puff", "spray", "day", "days", "daily", "dailyx", "a day", "per",
            "each", "every", "everyone", "nightly", "at", "bedtime", "qhs", "qd", "bid", "tid",
            "qid", "changed", "hour", "hours", "q", "q4h", "h", "x", "refill", "refills",
            "refillx", ":", " ", "  ", "\n", "\u{a0}", ",", ".", "-", "_", "\u{e9}", "#60",
        ]);
        prop::collection::vec(piece, 0..16).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8192, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn refills_as_the_pattern(s in text()) {
            let want = REFILLS
                .captures(&s)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| m.range());
            prop_assert_eq!(refills(&s), want);
        }

        #[test]
        fn schedule_as_the_pattern(s in text()) {
            prop_assert_eq!(schedule(&s), from_pattern(&SCHEDULE, &s));
        }
    }
}
