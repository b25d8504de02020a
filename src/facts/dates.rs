//! Calendar dates in prose: `August 1, 2014`, `Aug. 1, 2014`, `8/1/14`, `07/29/2001`.

use std::sync::LazyLock;

use regex::Regex;

use crate::letter::Span;

/// A date as (year, month, day).
pub type Ymd = (i32, u32, u32);

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub date: Ymd,
    pub span: Span,
}

/// Both patterns match a lowercased copy of the text (same offsets): case-insensitive
/// patterns cost far more to compile.
static LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?-u:\b)")
        .expect("long date regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})(?:$|[^0-9/])")
        .expect("numeric date regex")
});

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The dates written in `span` of `text`.
pub fn find(text: &str, span: &Span) -> Vec<DateMention> {
    let lower = text[span.clone()].to_ascii_lowercase();
    let s = lower.as_str();
    let mut out: Vec<DateMention> = Vec::new();
    for c in LONG.captures_iter(s) {
        let month = c.get(1).and_then(|m| {
            let m = m.as_str();
            MONTHS
                .iter()
                .position(|&x| m.starts_with(x))
                .and_then(|i| u32::try_from(i + 1).ok())
        });
        let day = c.get(2).and_then(|d| d.as_str().parse().ok());
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        if let (Some(m), Some(d), Some(y), Some(w)) = (month, day, year, c.get(0)) {
            push(
                &mut out,
                (y, m, d),
                span.start + w.start()..span.start + w.end(),
            );
        }
    }
    for c in NUMERIC.captures_iter(s) {
        let (Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let (Ok(month), Ok(day), Ok(mut year)) = (
            m.as_str().parse(),
            d.as_str().parse(),
            y.as_str().parse::<i32>(),
        ) else {
            continue;
        };
        if y.len() == 2 {
            year += if year <= 40 { 2000 } else { 1900 };
        }
        push(
            &mut out,
            (year, month, day),
            span.start + m.start()..span.start + y.end(),
        );
    }
    out.sort_by_key(|d| d.span.start);
    out
}

fn push(out: &mut Vec<DateMention>, date: Ymd, span: Span) {
    if (1..=12).contains(&date.1) && (1..=31).contains(&date.2) {
        out.push(DateMention { date, span });
    }
}

/// `August 1, 2014`.
pub fn display(d: Ymd) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = NAMES.get(d.1 as usize - 1).copied().unwrap_or("?");
    format!("{month} {}, {}", d.2, d.0)
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&LONG);
    LazyLock::force(&NUMERIC);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<Ymd> {
        find(s, &(0..s.len())).into_iter().map(|d| d.date).collect()
    }

    #[test]
    fn long_numeric_and_not_dates() {
        assert_eq!(
            dates("office visits of October 31, 2014 and August 1,\n2014"),
            [(2014, 10, 31), (2014, 8, 1)]
        );
        assert_eq!(
            dates("injury on 3/12/02, seen 07/29/2001"),
            [(2002, 3, 12), (2001, 7, 29)]
        );
        assert_eq!(dates("Norco 10/325mg, pain 5/10, 9-10/10"), []);
        assert_eq!(display((2014, 8, 1)), "August 1, 2014");
    }
}
