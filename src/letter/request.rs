//! Requests as written in item headers and prose: `Norco 10/325mg #180`,
//! `Baclofen 10mg #270 with 1 refill`, `NORCO, 2 PILLS TWICE A DAY`,
//! `DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS`,
//! `Physical therapy 2-3 times a weeks for four weeks`.
//!
//! Every field keeps its span so a diagnostic can underline it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::Span;
use super::schedule::{self, Schedule};
use crate::text::scan;

/// A number as written, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    pub span: Span,
}

/// A strength: `10/325mg` is values `[10, 325]`, unit `mg`.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub values: Vec<f64>,
    pub unit: String,
    pub span: Span,
}

impl Strength {
    /// Whether two strengths read the same once normalised (`10/325mg`, `10 / 325 mg`; a
    /// patch's `10 mcg/hr` and `10 mcg`: patch strengths are per hour; `gm` and `g`).
    pub fn same_as(&self, other: &Strength) -> bool {
        self.values == other.values && base_unit(&self.unit) == base_unit(&other.unit)
    }

    /// The written form, normalised (`10/325 mg`), for comparisons and messages.
    pub fn display(&self) -> String {
        let v: Vec<String> = self.values.iter().map(|v| fmt_num(*v)).collect();
        format!("{} {}", v.join("/"), self.unit)
    }
}

/// A unit with the per-hour rate of a patch and the spelling of grams dropped.
fn base_unit(unit: &str) -> &str {
    let unit = unit
        .strip_suffix("/hr")
        .or_else(|| unit.strip_suffix("/h"))
        .unwrap_or(unit);
    match unit {
        "gm" => "g",
        u => u,
    }
}

/// How often a dose is taken or a treatment given.
#[derive(Debug, Clone, PartialEq)]
pub struct Frequency {
    /// Doses a day (`3 TIMES A DAY` = 3, `every 72 hours` = 1/3).
    pub per_day: Option<f64>,
    /// Sessions a week as a range (`2-3 times a week` = 2..=3).
    pub per_week: Option<(f64, f64)>,
    /// Units per dose (`2 PILLS` = 2).
    pub units_per_dose: Option<f64>,
    pub span: Span,
}

/// The parsed fields of a request. Absent fields were not written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub span: Span,
    /// The leading words naming the drug or service.
    pub name: Span,
    pub strengths: Vec<Strength>,
    pub quantity: Option<Number>,
    pub refills: Option<Number>,
    pub frequency: Option<Frequency>,
    /// Duration in days (`for four weeks` = 28).
    pub duration_days: Option<Number>,
    /// A stated number of visits or sessions (`x12`, `12 sessions`).
    pub visits: Option<Number>,
}

/// A number, in figures or words. The request patterns are lowercase and match a lowercased
/// copy of the request (same offsets): case-insensitive patterns cost far more to compile.
const NUM: &str = r"[0-9]+(?:\.[0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|twenty|thirty|no|a|an|once|twice|thrice";

static PER_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({NUM})(?:\s*(?:-|to)\s*({NUM}))?\s*(?:times?|x|visits?|sessions?)\s*(?:a|per|/)\s*weeks?(?-u:\b)"
    ))
    .expect("per week regex")
});
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:for|x)\s*({NUM})\s+(days?|weeks?|months?)(?-u:\b)"
    ))
    .expect("duration regex")
});
static VISITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({NUM})\s+(?:sessions?|visits?|treatments?)(?-u:\b)|(?-u:\b)x\s*([0-9]+)(?-u:\b)(?:\s*(?:sessions?|visits?))?"
    ))
    .expect("visits regex")
});

impl Request {
    /// Parses the request written at `span` of `text`.
    pub fn parse(text: &str, span: Span) -> Request {
        let written = &text[span.clone()];
        let base = span.start;
        let at = |m: regex::Match<'_>| base + m.start()..base + m.end();
        let name_end = name_end(written);
        let lower = written.to_ascii_lowercase();
        let s = lower.as_str();
        let name_text = &written[..name_end];
        let name = base..base + name_text.trim_end().len();
        let has = Keywords::new(s);
        let mut strengths: Vec<Strength> = Vec::new();
        if has.digit() {
            let mut from = 0;
            while let Some(m) = strength(s, from) {
                let values = s[m.numbers]
                    .split('/')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect();
                // Lowercase already; `mcg / h` is written `mcg/hr`.
                let mut unit: String = s[m.unit.clone()].split_whitespace().collect();
                if unit.ends_with("/h") {
                    unit.push('r');
                }
                strengths.push(Strength {
                    values,
                    unit,
                    span: base + m.start..base + m.unit.end,
                });
                from = m.end;
            }
        }
        let slashed = has.any(&["/"]).is_some();
        let mut from = 0;
        while slashed && let Some((a, b)) = combination(s, from) {
            from = b.end;
            let span = base + a.start..base + b.end;
            if strengths
                .iter()
                .any(|x| x.span.start <= span.start && span.start < x.span.end)
            {
                continue;
            }
            let values = [a, b]
                .into_iter()
                .filter_map(|r| s[r].parse().ok())
                .collect();
            strengths.push(Strength {
                values,
                unit: "mg".into(),
                span,
            });
        }
        strengths.sort_by_key(|x| x.span.start);
        let quantity = quantity(s).and_then(|r| {
            Some(Number {
                value: s[r.clone()].parse().ok()?,
                span: base + r.start..base + r.end,
            })
        });
        let refills = has
            .any(&["refill"])
            .and_then(schedule::refills)
            .and_then(|n| number_at(&s[n.clone()], n, base));
        let week = has
            .any(&["week"])
            .and_then(|s| PER_WEEK.captures(s))
            .and_then(|c| {
                let low = number(&c, 1, base)?.value;
                let high = number(&c, 2, base).map_or(low, |n| n.value);
                Some((low, high, at(c.get(0)?)))
            });
        let frequency = has
            .any(&[
                "day", "daily", "nightly", "bedtime", "qhs", "qd", "qid", "bid", "tid", "every",
            ])
            .or_else(|| has.counted(b'q'))
            .and_then(schedule::schedule)
            .map(|found| Frequency {
                per_day: per_day(s, &found),
                per_week: None,
                units_per_dose: found.units.and_then(|u| word_number(&s[u])),
                span: base + found.whole.start..base + found.whole.end,
            })
            .or_else(|| {
                week.map(|(low, high, span)| Frequency {
                    per_day: None,
                    per_week: Some((low, high)),
                    units_per_dose: None,
                    span,
                })
            });
        let duration_days = has
            .any(&["day", "week", "month"])
            .and_then(|s| DURATION.captures(s))
            .and_then(|c| {
                let n = number(&c, 1, base)?;
                let unit = c.get(2)?.as_str().to_lowercase();
                let factor = if unit.starts_with("week") {
                    7.0
                } else if unit.starts_with("month") {
                    30.0
                } else {
                    1.0
                };
                Some(Number {
                    value: n.value * factor,
                    span: at(c.get(0)?),
                })
            });
        let visits = has
            .any(&["session", "visit", "treatment"])
            .or_else(|| has.counted(b'x'))
            .and_then(|s| VISITS.captures(s))
            .filter(|c| {
                c.get(0)
                    .is_some_and(|m| !s[m.end()..].trim_start().starts_with(['w', 'W']))
            })
            .and_then(|c| number(&c, 1, base).or_else(|| number(&c, 2, base)));
        Request {
            span,
            name,
            strengths,
            quantity,
            refills,
            frequency,
            duration_days,
            visits,
        }
    }

    /// The number of sessions requested: stated, or sessions a week times weeks.
    pub fn total_visits(&self) -> Option<(f64, f64)> {
        if let Some(v) = &self.visits {
            return Some((v.value, v.value));
        }
        let (low, high) = self.frequency.as_ref()?.per_week?;
        let weeks = self.duration_days.as_ref()?.value / 7.0;
        Some((low * weeks, high * weeks))
    }
}

/// Which keywords a (lowercase) request contains: a pattern cannot match without one of
/// its keywords, most requests write few of the fields, and a regex search costs more than
/// the check. A keyword with a byte the text lacks is ruled out without searching.
struct Keywords<'s> {
    text: &'s str,
    /// The ASCII bytes present, one bit each.
    bytes: u128,
}

impl<'s> Keywords<'s> {
    fn new(text: &'s str) -> Keywords<'s> {
        let bytes = text.bytes().filter(u8::is_ascii).fold(0, |m, b| m | 1 << b);
        Keywords { text, bytes }
    }

    /// The text, when it contains one of `words`.
    fn any(&self, words: &[&str]) -> Option<&'s str> {
        words
            .iter()
            .any(|w| {
                w.bytes().all(|b| b.is_ascii() && self.bytes >> b & 1 == 1) && self.text.contains(w)
            })
            .then_some(self.text)
    }

    /// The text, when the letter `letter` starts a word there and a number follows it, after
    /// any whitespace (`x12`, `x 6`, `q4h`): what the patterns' `\bx\s*[0-9]` and
    /// `\bq\s*[0-9]` need (most texts with an `x` or a `q` have it inside a word).
    fn counted(&self, letter: u8) -> Option<&'s str> {
        let b = self.text.as_bytes();
        memchr::memchr_iter(letter, b)
            .any(|i| {
                let starts = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
                starts
                    && self.text[i + 1..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
            })
            .then_some(self.text)
    }

    /// Whether the text has a digit.
    fn digit(&self) -> bool {
        self.bytes & (0x3ff << b'0') != 0
    }
}

/// Where the name of a request ends: at the first `[0-9#,(:;]`, `\s-\s` or `\s+x\s*[0-9]`
/// (`Norco 10mg`, `Physical therapy - 12 visits`, `Acupuncture x6`), else the whole text.
fn name_end(s: &str) -> usize {
    let b = s.as_bytes();
    for (at, c) in s.char_indices() {
        if matches!(c, '0'..='9' | '#' | ',' | '(' | ':' | ';') {
            return at;
        }
        if !c.is_whitespace() {
            continue;
        }
        let next = at + c.len_utf8();
        if b.get(next) == Some(&b'-') && s[next + 1..].starts_with(char::is_whitespace) {
            return at;
        }
        let x = scan::spaces(s, next);
        if b.get(x) == Some(&b'x')
            && b.get(scan::spaces(s, x + 1))
                .is_some_and(u8::is_ascii_digit)
        {
            return at;
        }
    }
    s.len()
}

/// A strength in lowercase text: `[0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+(?:\.[0-9]+)?)*`, then
/// `\s*` and a unit (`mcg\s*/\s*hr?|mg\s*/\s*hr?|mcg|mg|ml|gm|g|%`) that no lowercase
/// letter follows; the character after the unit belongs to the match, as it did to the
/// pattern this replaces (so `10mg5mg` is one strength).
struct StrengthMatch {
    start: usize,
    numbers: Span,
    unit: Span,
    end: usize,
}

/// The first strength starting at or after `from`.
fn strength(s: &str, from: usize) -> Option<StrengthMatch> {
    let b = s.as_bytes();
    (from..b.len())
        .filter(|&i| b[i].is_ascii_digit())
        .find_map(|start| {
            let mut end = scan::number(b, start)?;
            // Each `/ number` that follows; a slash without one ends the numbers.
            loop {
                let slash = scan::spaces(s, end);
                match (b.get(slash) == Some(&b'/'))
                    .then(|| scan::number(b, scan::spaces(s, slash + 1)))
                    .flatten()
                {
                    Some(next) => end = next,
                    None => break,
                }
            }
            let (unit, after) = unit(s, scan::spaces(s, end))?;
            Some(StrengthMatch {
                start,
                numbers: start..end,
                unit,
                end: after,
            })
        })
}

/// The unit of a strength at `at`, tried in the pattern's order, and the end of the
/// character after it.
fn unit(s: &str, at: usize) -> Option<(Span, usize)> {
    let b = s.as_bytes();
    let rest = &b[at..];
    for per_hour in ["mcg", "mg"] {
        if !rest.starts_with(per_hour.as_bytes()) {
            continue;
        }
        let slash = scan::spaces(s, at + per_hour.len());
        if b.get(slash) != Some(&b'/') {
            continue;
        }
        let h = scan::spaces(s, slash + 1);
        if b.get(h) != Some(&b'h') {
            continue;
        }
        let ends = [h + 2, h + 1];
        let with_r = b.get(h + 1) == Some(&b'r');
        for end in ends.into_iter().skip(usize::from(!with_r)) {
            if let Some(after) = scan::not_lowercase(s, end) {
                return Some((at..end, after));
            }
        }
    }
    ["mcg", "mg", "ml", "gm", "g", "%"].iter().find_map(|u| {
        let end = at + u.len();
        rest.starts_with(u.as_bytes())
            .then(|| scan::not_lowercase(s, end))
            .flatten()
            .map(|after| (at..end, after))
    })
}

/// A combination strength written without its unit (`10/325`): `\b[0-9]+(?:\.[0-9]+)?`,
/// `\s*/\s*` and three digits ending a word; the two numbers, the first at or after `from`.
fn combination(s: &str, from: usize) -> Option<(Span, Span)> {
    let b = s.as_bytes();
    (from..b.len())
        .filter(|&i| b[i].is_ascii_digit() && scan::word_start(b, i))
        .find_map(|start| {
            let end = scan::number(b, start)?;
            let slash = scan::spaces(s, end);
            if b.get(slash) != Some(&b'/') {
                return None;
            }
            let second = scan::spaces(s, slash + 1);
            let last = scan::digits(b, second);
            (last == second + 3 && !scan::is_word(b, last)).then_some((start..end, second..last))
        })
}

/// The digits of the first quantity in lowercase text: `#60`, `qty. 60`, `quantity of: 60`.
fn quantity(s: &str) -> Option<Span> {
    let b = s.as_bytes();
    let digits_at = |at: usize| {
        let end = scan::digits(b, at);
        (end > at).then_some(at..end)
    };
    // `:?\s*` after the spaces that follow the word.
    let colon = |at: usize| scan::spaces(s, at + usize::from(b.get(at) == Some(&b':')));
    (0..b.len()).find_map(|i| match b[i] {
        b'#' => digits_at(scan::spaces(s, i + 1)),
        b'q' if scan::word_start(b, i) => {
            let rest = &b[i..];
            if rest.starts_with(b"qty") {
                let dot = i + 3 + usize::from(b.get(i + 3) == Some(&b'.'));
                digits_at(colon(scan::spaces(s, dot)))
            } else if rest.starts_with(b"quantity") {
                let mut at = scan::spaces(s, i + 8);
                if b[at..].starts_with(b"of") {
                    at = scan::spaces(s, at + 2);
                }
                digits_at(colon(at))
            } else {
                None
            }
        }
        _ => None,
    })
}

/// Doses a day of a schedule found in `s`.
fn per_day(s: &str, found: &Schedule) -> Option<f64> {
    if let Some(n) = &found.times {
        return word_number(&s[n.clone()]);
    }
    if let Some(w) = &found.word {
        return word_number(&s[w.clone()]);
    }
    if let Some(w) = &found.named {
        return Some(match &s[w.clone()] {
            "bid" => 2.0,
            "tid" => 3.0,
            "qid" => 4.0,
            _ => 1.0,
        });
    }
    if let Some((n, unit)) = &found.every {
        let n = word_number(&s[n.clone()])?;
        let hours = if s[unit.clone()].starts_with('d') {
            n * 24.0
        } else {
            n
        };
        return (hours > 0.0).then(|| 24.0 / hours);
    }
    let hours = word_number(&s[found.hourly.clone()?])?;
    (hours > 0.0).then(|| 24.0 / hours)
}

/// The number `written` at `at` of a request that starts at `base` of the letter.
fn number_at(written: &str, at: Span, base: usize) -> Option<Number> {
    Some(Number {
        value: word_number(written)?,
        span: base + at.start..base + at.end,
    })
}

/// The number a pattern's `group` holds.
fn number(c: &Captures<'_>, group: usize, base: usize) -> Option<Number> {
    let m = c.get(group)?;
    number_at(m.as_str(), m.range(), base)
}

/// `12`, `2.5`, `four`, `twice` → a number.
pub fn word_number(word: &str) -> Option<f64> {
    if let Ok(v) = word.parse() {
        return Some(v);
    }
    let word = word.to_lowercase();
    schedule::NUM_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, v)| v)
}

/// `10.0` → `10`, `0.5` → `0.5`.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{:.2}", v)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&PER_WEEK);
    LazyLock::force(&DURATION);
    LazyLock::force(&VISITS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(s: &str) -> Request {
        Request::parse(s, 0..s.len())
    }

    fn name(s: &str) -> String {
        s[req(s).name].to_string()
    }

    #[test]
    fn strengths_quantity_refills() {
        let r = req("Norco 10mg 10/325mg #180");
        assert_eq!(name("Norco 10mg 10/325mg #180"), "Norco");
        let s: Vec<String> = r.strengths.iter().map(Strength::display).collect();
        assert_eq!(s, ["10 mg", "10/325 mg"]);
        assert_eq!(r.quantity.unwrap().value, 180.0);
        let r = req("Baclofen 10mg #270 with 1 refill");
        assert_eq!(r.refills.unwrap().value, 1.0);
        let r = req("Flexeril 10mg #60 with 3 refills");
        assert_eq!(
            (r.quantity.unwrap().value, r.refills.unwrap().value),
            (60.0, 3.0)
        );
        assert_eq!(req("Norco 10/325 #60").strengths[0].display(), "10/325 mg");
        let patch = req("Butrans 10mcg/hr patch").strengths[0].clone();
        assert!(patch.same_as(&req("Butrans 10 mcg patch").strengths[0]));
        assert!(!patch.same_as(&req("Butrans 20 mcg patch").strengths[0]));
        let r = req("Butrans 20mcg/hr transdermal film #4");
        assert_eq!(r.strengths[0].display(), "20 mcg/hr");
        assert_eq!(r.quantity.unwrap().value, 4.0);
        assert_eq!(
            req("Duragesic 75mcg patch #10").strengths[0].display(),
            "75 mcg"
        );
        assert_eq!(
            req("ROBAXIN 750MG, 3 TIMES A DAY").strengths[0].display(),
            "750 mg"
        );
    }

    #[test]
    fn schedules() {
        let r = req("NORCO, 2 PILLS TWICE A DAY");
        assert_eq!(name("NORCO, 2 PILLS TWICE A DAY"), "NORCO");
        let f = r.frequency.unwrap();
        assert_eq!((f.per_day, f.units_per_dose), (Some(2.0), Some(2.0)));
        let f = req("ROBAXIN 750MG, 3 TIMES A DAY").frequency.unwrap();
        assert_eq!(f.per_day, Some(3.0));
        let f = req("Opana ER 10 mg twice daily").frequency.unwrap();
        assert_eq!(f.per_day, Some(2.0));
        let f = req("Gabapentin 300 mg three times daily")
            .frequency
            .unwrap();
        assert_eq!(f.per_day, Some(3.0));
        let r = req("DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS");
        assert_eq!(
            name("DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS"),
            "DURAGESIC PATCHES"
        );
        assert!((r.frequency.unwrap().per_day.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        let s = "Physical therapy 2-3 times a weeks for four weeks to work on balance";
        let r = req(s);
        assert_eq!(name(s), "Physical therapy");
        assert_eq!(r.frequency.as_ref().unwrap().per_week, Some((2.0, 3.0)));
        assert_eq!(r.duration_days.as_ref().unwrap().value, 28.0);
        assert_eq!(r.total_visits(), Some((8.0, 12.0)));
        assert_eq!(
            req("Physical therapy x12").total_visits(),
            Some((12.0, 12.0))
        );
    }

    #[test]
    fn bare_names() {
        let r = req("Opana");
        assert_eq!(name("Opana"), "Opana");
        assert!(r.strengths.is_empty() && r.quantity.is_none() && r.frequency.is_none());
        assert_eq!(
            name("Trigger point injections to the right neck, upper back"),
            "Trigger point injections to the right neck"
        );
    }

    /// The scanners find what the patterns they replace found, group for group.
    mod against_the_patterns {
        use super::super::*;
        use proptest::prelude::*;

        fn pattern(p: &str) -> Regex {
            Regex::new(p).expect("test pattern")
        }

        fn text() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "1",
                "10",
                "325",
                "7.5",
                "0",
                "1234",
                ".",
                "/",
                " / ",
                "mg",
                "mcg",
                "ml",
                "gm",
                "g",
                "%",
                "hr",
                "h",
                "r",
                "/hr",
                " ",
                "  ",
                "\u{a0}",
                "\u{2009}",
                "\n",
                "#",
                "qty",
                "quantity",
                "of",
                ":",
                "x",
                "X",
                "-",
                " - ",
                ",",
                "(",
                ";",
                "a",
                "s",
                "_",
                "\u{e9}",
                "\u{c9}",
                "MG",
                "Norco ",
                "10/325mg",
                "20 mcg / hr",
                "7.5/325 ",
                "#60",
                "qty. 30",
                "quantity of: 12",
                " x12",
                "5 mg",
            ]);
            prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 4096, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn name_end_as_the_pattern(s in text()) {
                let re = pattern(r"[0-9#,(:;]|\s-\s|\s+x\s*[0-9]");
                prop_assert_eq!(name_end(&s), re.find(&s).map_or(s.len(), |m| m.start()));
            }

            #[test]
            fn strengths_as_the_pattern(s in text()) {
                let re = pattern(r"([0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+(?:\.[0-9]+)?)*)\s*(mcg\s*/\s*hr?|mg\s*/\s*hr?|mcg|mg|ml|gm|g|%)(?:[^a-z]|$)");
                let want: Vec<_> = re
                    .captures_iter(&s)
                    .map(|c| {
                        let all = c.get(0).unwrap().range();
                        (all.start, c.get(1).unwrap().range(), c.get(2).unwrap().range(), all.end)
                    })
                    .collect();
                let mut got = Vec::new();
                let mut from = 0;
                while let Some(m) = strength(&s, from) {
                    from = m.end;
                    got.push((m.start, m.numbers, m.unit, m.end));
                }
                prop_assert_eq!(got, want);
            }

            #[test]
            fn combinations_as_the_pattern(s in text()) {
                let re = pattern(r"(?-u:\b)([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]{3})(?-u:\b)");
                let want: Vec<_> = re
                    .captures_iter(&s)
                    .map(|c| (c.get(1).unwrap().range(), c.get(2).unwrap().range()))
                    .collect();
                let mut got = Vec::new();
                let mut from = 0;
                while let Some((a, b)) = combination(&s, from) {
                    from = b.end;
                    got.push((a, b));
                }
                prop_assert_eq!(got, want);
            }

            #[test]
            fn quantity_as_the_pattern(s in text()) {
                let re = pattern(r"(?:#\s*|(?-u:\b)qty\.?\s*:?\s*|(?-u:\b)quantity\s*(?:of\s*)?:?\s*)([0-9]+)");
                let want = re.captures(&s).and_then(|c| c.get(1)).map(|m| m.range());
                prop_assert_eq!(quantity(&s), want);
            }
        }
    }
}
