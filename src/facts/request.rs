//! Requests as written in item headers and prose: `Norco 10/325mg #180`,
//! `Baclofen 10mg #270 with 1 refill`, `NORCO, 2 PILLS TWICE A DAY`,
//! `DURAGESIC PATCHES 50MCG CHANGED EVERY 72 HOURS`,
//! `Physical therapy 2-3 times a weeks for four weeks`.
//!
//! Every field keeps its span so a diagnostic can underline it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::letter::Span;

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
    /// The written form, normalised (`10/325 mg`), for comparisons and messages.
    pub fn display(&self) -> String {
        let v: Vec<String> = self.values.iter().map(|v| fmt_num(*v)).collect();
        format!("{} {}", v.join("/"), self.unit)
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

static NAME_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9#,(:;]|\s-\s|\s+x\s*[0-9]").expect("name end regex"));
static STRENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+(?:\.[0-9]+)?)*)\s*(mcg\s*/\s*hr?|mg\s*/\s*hr?|mcg|mg|ml|gm|g|%)(?:[^a-z]|$)")
        .expect("strength regex")
});
/// A combination strength written without its unit (`Norco 10/325 #60`): mg.
static COMBINATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]{3})(?-u:\b)")
        .expect("combination regex")
});
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:#\s*|(?-u:\b)qty\.?\s*:?\s*|(?-u:\b)quantity\s*(?:of\s*)?:?\s*)([0-9]+)")
        .expect("quantity regex")
});
static REFILLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({NUM})\s+refills?(?-u:\b)|(?-u:\b)refills?\s*[:x]?\s*([0-9]+)(?-u:\b)"
    ))
    .expect("refills regex")
});
static PER_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?-u:\b)({NUM})\s+(?:pills?|tablets?|tabs?|capsules?|caps?|patch(?:es)?|puffs?|sprays?)\s+)?(?:(?-u:\b)(?:({NUM})\s+times?|(once|twice|thrice))\s+(?:a|per|each|every)\s+day(?-u:\b)|(?-u:\b)(daily|nightly|at\s+bedtime|qhs|qd|bid|tid|qid)(?-u:\b)|(?-u:\b)(?:changed\s+)?every\s+({NUM})\s+(hours?|days?)(?-u:\b)|(?-u:\b)q\s*([0-9]+)\s*h(?-u:\b))"
    ))
    .expect("per day regex")
});
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
        let name_end = NAME_END.find(written).map_or(written.len(), |m| m.start());
        let lower = written.to_ascii_lowercase();
        let s = lower.as_str();
        let name_text = &written[..name_end];
        let name = base..base + name_text.trim_end().len();
        let has = Keywords::new(s);
        let mut strengths = has
            .digit()
            .then_some(s)
            .into_iter()
            .flat_map(|s| STRENGTH.captures_iter(s))
            .filter_map(|c| {
                let values = c
                    .get(1)?
                    .as_str()
                    .split('/')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect();
                // Lowercase already; `mcg / h` is written `mcg/hr`.
                let mut unit: String = c.get(2)?.as_str().split_whitespace().collect();
                if unit.ends_with("/h") {
                    unit.push('r');
                }
                let whole = base + c.get(0)?.start()..base + c.get(2)?.end();
                Some(Strength {
                    values,
                    unit,
                    span: whole,
                })
            })
            .collect::<Vec<Strength>>();
        for c in has
            .any(&["/"])
            .into_iter()
            .flat_map(|s| COMBINATION.captures_iter(s))
        {
            let (Some(whole), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let span = base + whole.start()..base + whole.end();
            if strengths
                .iter()
                .any(|x| x.span.start <= span.start && span.start < x.span.end)
            {
                continue;
            }
            let values = [a, b]
                .iter()
                .filter_map(|m| m.as_str().parse().ok())
                .collect();
            strengths.push(Strength {
                values,
                unit: "mg".into(),
                span,
            });
        }
        strengths.sort_by_key(|x| x.span.start);
        let quantity = has
            .any(&["#", "qty", "quantity"])
            .and_then(|s| QUANTITY.captures(s))
            .and_then(|c| number(&c, 1, base));
        let refills = has
            .any(&["refill"])
            .and_then(|s| REFILLS.captures(s))
            .and_then(|c| number(&c, 1, base).or_else(|| number(&c, 2, base)));
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
                "day", "daily", "nightly", "bedtime", "q", "bid", "tid", "every",
            ])
            .and_then(|s| PER_DAY.captures(s))
            .and_then(|c| {
                Some(Frequency {
                    per_day: per_day(&c),
                    per_week: None,
                    units_per_dose: number(&c, 1, base).map(|n| n.value),
                    span: at(c.get(0)?),
                })
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
            .any(&["session", "visit", "treatment", "x"])
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

    /// Whether the text has a digit.
    fn digit(&self) -> bool {
        self.bytes & (0x3ff << b'0') != 0
    }
}

fn per_day(c: &Captures<'_>) -> Option<f64> {
    if let Some(n) = c.get(2) {
        return word_number(n.as_str());
    }
    if let Some(w) = c.get(3) {
        return word_number(w.as_str());
    }
    if let Some(w) = c.get(4) {
        let w = w.as_str().to_lowercase();
        return Some(match w.as_str() {
            "bid" => 2.0,
            "tid" => 3.0,
            "qid" => 4.0,
            _ => 1.0,
        });
    }
    if let (Some(n), Some(unit)) = (c.get(5), c.get(6)) {
        let n = word_number(n.as_str())?;
        let hours = if unit.as_str().to_lowercase().starts_with('d') {
            n * 24.0
        } else {
            n
        };
        return (hours > 0.0).then(|| 24.0 / hours);
    }
    let hours = word_number(c.get(7)?.as_str())?;
    (hours > 0.0).then(|| 24.0 / hours)
}

fn number(c: &Captures<'_>, group: usize, base: usize) -> Option<Number> {
    let m = c.get(group)?;
    Some(Number {
        value: word_number(m.as_str())?,
        span: base + m.start()..base + m.end(),
    })
}

/// `12`, `2.5`, `four`, `twice` → a number.
pub fn word_number(word: &str) -> Option<f64> {
    if let Ok(v) = word.parse() {
        return Some(v);
    }
    Some(match word.to_lowercase().as_str() {
        "no" => 0.0,
        "a" | "an" | "one" | "once" => 1.0,
        "two" | "twice" => 2.0,
        "three" | "thrice" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fourteen" => 14.0,
        "sixteen" => 16.0,
        "eighteen" => 18.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        _ => return None,
    })
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
    LazyLock::force(&NAME_END);
    LazyLock::force(&STRENGTH);
    LazyLock::force(&COMBINATION);
    LazyLock::force(&QUANTITY);
    LazyLock::force(&REFILLS);
    LazyLock::force(&PER_DAY);
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
}
