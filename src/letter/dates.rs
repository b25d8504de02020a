//! Calendar dates in prose: `August 1, 2014`, `Aug. 1, 2014`, `8/1/14`, `07/29/2001`.

use super::Span;
use crate::text::{scan, simd};

/// A date as (year, month, day).
pub type Ymd = (i32, u32, u32);

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub date: Ymd,
    pub span: Span,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The dates written in `span` of `text`.
pub fn find(text: &str, span: &Span) -> Vec<DateMention> {
    let s = &text[span.clone()];
    let at = |r: Span| span.start + r.start..span.start + r.end;
    let mut out: Vec<DateMention> = Vec::new();
    for d in longs(s) {
        if let (Ok(day), Ok(year)) = (s[d.day].parse(), s[d.year].parse()) {
            push(&mut out, (year, d.month, day), at(d.start..d.end));
        }
    }
    let mut from = 0;
    while let Some(d) = numeric(s, from) {
        from = d.end;
        let (Ok(month), Ok(day), Ok(mut year)) = (
            s[d.month.clone()].parse(),
            s[d.day].parse(),
            s[d.year.clone()].parse::<i32>(),
        ) else {
            continue;
        };
        if d.year.len() == 2 {
            year += if year <= 40 { 2000 } else { 1900 };
        }
        push(&mut out, (year, month, day), at(d.month.start..d.year.end));
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// A long date, `August 1, 2014` or `aug. 1st 2014`: in any ASCII case, a word starting
/// with a month's first three letters (`\b(jan|feb|...)[a-z]*`), `.` or not, whitespace, a
/// day of one or two digits (`st`, `nd`, `rd`, `th` or not), `,` or not, whitespace and a
/// year of four digits ending a word.
struct Long {
    start: usize,
    /// 1 to 12.
    month: u32,
    day: Span,
    year: Span,
    end: usize,
}

/// The long dates of `s`, in order. Each is found from its year, four digits after
/// whitespace and before a word's end (digits are few, and marked sixteen bytes at a
/// time), read back through the day to the month's word; [`long_at`] then reads the date
/// forward from that word.
fn longs(s: &str) -> Vec<Long> {
    let mut out = Vec::new();
    let mut run = 0..0;
    let mut year = |run: &Span| {
        if run.len() == 4
            && let Some(d) = month_before(s, run.start).and_then(|m| long_at(s, m))
            && d.end == run.end
        {
            out.push(d);
        }
    };
    simd::each(s.as_bytes(), simd::digit_bits16, |i| {
        if i != run.end {
            year(&run);
            run.start = i;
        }
        run.end = i + 1;
    });
    year(&run);
    out
}

/// Where the month's word of a long date whose year starts at `year` starts: read back
/// over `\s+`, `,?`, `(?:st|nd|rd|th)?`, one or two digits, `\s+` and `\.?` to a word of
/// three or more ASCII letters.
fn month_before(s: &str, year: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut at = scan::spaces_before(s, year);
    if at == year {
        return None;
    }
    at -= usize::from(at > 0 && b[at - 1] == b',');
    if at >= 3 && b[at - 3].is_ascii_digit() {
        let suffix = [
            b[at - 2].to_ascii_lowercase(),
            b[at - 1].to_ascii_lowercase(),
        ];
        at -= 2 * usize::from([*b"st", *b"nd", *b"rd", *b"th"].contains(&suffix));
    }
    let day = scan::digits_before(b, at, 3);
    if !(1..=2).contains(&(at - day)) {
        return None;
    }
    let mut end = scan::spaces_before(s, day);
    if end == day {
        return None;
    }
    end -= usize::from(end > 0 && b[end - 1] == b'.');
    let start = end
        - b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    (end - start >= 3 && scan::word_start(b, start)).then_some(start)
}

/// The long date whose month is the word at `start`, if one is written there.
fn long_at(s: &str, start: usize) -> Option<Long> {
    let b = s.as_bytes();
    let letters = start
        + b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    let lower = |i: usize| b.get(i).map_or(0, |c| c.to_ascii_lowercase());
    let prefix = [lower(start), lower(start + 1), lower(start + 2)];
    let month = MONTHS.iter().position(|m| m.as_bytes() == prefix)?;
    let dot = letters + usize::from(b.get(letters) == Some(&b'.'));
    let day = scan::spaces(s, dot);
    let day_end = scan::digits(b, day);
    if day == dot || !(1..=2).contains(&(day_end - day)) {
        return None;
    }
    let mut at = day_end;
    if [*b"st", *b"nd", *b"rd", *b"th"].contains(&[lower(at), lower(at + 1)]) {
        at += 2;
    }
    at += usize::from(b.get(at) == Some(&b','));
    let year = scan::spaces(s, at);
    let year_end = scan::digits(b, year);
    (year > at && year_end - year == 4 && !scan::is_word(b, year_end)).then(|| Long {
        start,
        month: month as u32 + 1,
        day: day..day_end,
        year: year..year_end,
        end: year_end,
    })
}

/// A numeric date, `8/1/14` or `07/29/2001`: one or two digits, `/`, one or two digits,
/// `/`, and four or two digits, with neither a digit nor `/` on either side. The
/// character after the date belongs to the match, and so does the one before it unless
/// the date starts the text: of two dates one character apart, only the first counts.
struct Numeric {
    month: Span,
    day: Span,
    year: Span,
    end: usize,
}

/// The first numeric date whose match starts at or after `from`. Every date has a `/`
/// after its month, so the search goes from slash to slash.
fn numeric(s: &str, from: usize) -> Option<Numeric> {
    let b = s.as_bytes();
    let one_or_two = |r: &Span| (1..=2).contains(&r.len()) && b.get(r.end) == Some(&b'/');
    memchr::memchr_iter(b'/', b.get(from..)?).find_map(|slash| {
        let slash = from + slash;
        let start = scan::digits_before(b, slash, 3);
        let month = start..slash;
        if !one_or_two(&month) || !scan::delimited(s, from, start, &['/']) {
            return None;
        }
        let day = slash + 1..scan::digits(b, slash + 1);
        if !one_or_two(&day) {
            return None;
        }
        let year = day.end + 1..scan::digits(b, day.end + 1);
        if year.len() != 4 && year.len() != 2 {
            return None;
        }
        let end = match s[year.end..].chars().next() {
            None => year.end,
            Some(c) if c.is_ascii_digit() || c == '/' => return None,
            Some(c) => year.end + c.len_utf8(),
        };
        Some(Numeric {
            month,
            day,
            year,
            end,
        })
    })
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

    /// The scanners find what the patterns they replace found (on a lowercased copy of
    /// the text), group for group.
    mod against_the_patterns {
        use super::super::*;
        use proptest::prelude::*;
        use regex::Regex;

        fn text() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "1",
                "12",
                "2014",
                "14",
                "123",
                "12345",
                "/",
                "//",
                " ",
                "  ",
                "\u{a0}",
                "\n",
                ",",
                ".",
                "-",
                "a",
                "x",
                "_",
                "\u{e9}",
                "Aug",
                "august",
                "SEPT",
                "Sep",
                "mar",
                "Mayo",
                "dec",
                "st",
                "ND",
                "th",
                "rd",
                "1st",
                "Aug 1, 2014",
                "august 12th,\n2014",
                "Sept. 3 2014",
                "mar 31 20145",
                "7/29/2001",
                "1/2/14",
                "12/31/201",
                "3/4/2015 ",
            ]);
            prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 4096, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn long_dates_as_the_pattern(s in text()) {
                let re = Regex::new(r"(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?-u:\b)").unwrap();
                let lower = s.to_ascii_lowercase();
                let want: Vec<_> = re
                    .captures_iter(&lower)
                    .map(|c| {
                        let month = MONTHS.iter().position(|m| c[1].starts_with(m)).unwrap() as u32 + 1;
                        (c.get(0).unwrap().range(), month, c.get(2).unwrap().range(), c.get(3).unwrap().range())
                    })
                    .collect();
                let got: Vec<_> = longs(&s)
                    .into_iter()
                    .map(|d| (d.start..d.end, d.month, d.day, d.year))
                    .collect();
                prop_assert_eq!(got, want);
            }

            #[test]
            fn numeric_dates_as_the_pattern(s in text()) {
                let re = Regex::new(r"(?:^|[^0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})(?:$|[^0-9/])").unwrap();
                let want: Vec<_> = re
                    .captures_iter(&s)
                    .map(|c| (c.get(1).unwrap().range(), c.get(2).unwrap().range(), c.get(3).unwrap().range(), c.get(0).unwrap().end()))
                    .collect();
                let mut got = Vec::new();
                let mut from = 0;
                while let Some(d) = numeric(&s, from) {
                    from = d.end;
                    got.push((d.month, d.day, d.year, d.end));
                }
                prop_assert_eq!(got, want);
            }
        }
    }
}
