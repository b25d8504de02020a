//! Pain scores: `10/10`, `5/10`, `9-10/10`.

use crate::letter::Span;
use crate::text::scan;

#[derive(Debug, Clone, PartialEq)]
pub struct PainScore {
    pub low: f64,
    pub high: f64,
    pub span: Span,
}

impl PainScore {
    pub fn display(&self) -> String {
        use crate::letter::request::fmt_num;
        if self.low == self.high {
            format!("{}/10", fmt_num(self.low))
        } else {
            format!("{}-{}/10", fmt_num(self.low), fmt_num(self.high))
        }
    }
}

/// The pain scores written in `span` of `text`: a score out of ten (`5/10`, `7.5 / 10`) or
/// a range (`9-10/10`), with neither a digit nor `/` on either side (nor `.` before: `2.5/10`
/// is not `5/10`). Every score has a `/`, so the search goes from slash to slash.
pub fn find(text: &str, span: &Span) -> Vec<PainScore> {
    let s = &text[span.clone()];
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((low, high, end)) = next(s, at) {
        let low_v: f64 = s[low.clone()].parse().unwrap_or(f64::NAN);
        let high_v: f64 = high
            .map_or(Some(low_v), |h| s[h].parse().ok())
            .unwrap_or(f64::NAN);
        if low_v <= 10.0 && high_v <= 10.0 {
            out.push(PainScore {
                low: low_v,
                high: high_v,
                span: span.start + low.start..span.start + end,
            });
        }
        at = end;
    }
    out
}

/// The first score whose match starts at or after `from`: its low and high numbers and
/// the end of its `10`. The match includes the character before the score (none at the
/// start of the text) and the one after it.
fn next(s: &str, from: usize) -> Option<(Span, Option<Span>, usize)> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'/', b.get(from..)?).find_map(|slash| {
        let slash = from + slash;
        let ten = scan::spaces(s, slash + 1);
        if !b[ten..].starts_with(b"10") {
            return None;
        }
        let end = ten + 2;
        if s[end..].starts_with(|c: char| c.is_ascii_digit() || c == '/') {
            return None;
        }
        let last = number_before(s, scan::spaces_before(s, slash))?;
        // A range starts earlier than its last number alone, so it is the match when
        // it is written.
        let dash = scan::spaces_before(s, last.start);
        if dash > 0 && b[dash - 1] == b'-' {
            let first = number_before(s, scan::spaces_before(s, dash - 1));
            if let Some(first) = first.filter(|f| scan::delimited(s, from, f.start, NOT_BEFORE)) {
                return Some((first, Some(last), end));
            }
        }
        scan::delimited(s, from, last.start, NOT_BEFORE).then_some((last, None, end))
    })
}

/// The number `[0-9]{1,2}(?:\.[0-9])?` that ends at `end` and starts a run of digits.
fn number_before(s: &str, end: usize) -> Option<Span> {
    let b = s.as_bytes();
    let digit = |i: usize| i < b.len() && b[i].is_ascii_digit();
    let fraction = end >= 3 && digit(end - 1) && b[end - 2] == b'.' && digit(end - 3);
    let whole_end = if fraction { end - 2 } else { end };
    let start = scan::digits_before(b, whole_end, 3);
    (1..=2).contains(&(whole_end - start)).then_some(start..end)
}

/// Besides digits, what may not stand just before a score.
const NOT_BEFORE: &[char] = &['/', '.'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_not_strengths_or_dates() {
        let s = "10/10 without versus 5/10 with; 9-10/10; Norco 10/325; 10/10/2014";
        let found: Vec<String> = find(s, &(0..s.len()))
            .iter()
            .map(PainScore::display)
            .collect();
        assert_eq!(found, ["10/10", "5/10", "9-10/10"]);
        let at = find(s, &(0..s.len()));
        assert_eq!(&s[at[2].span.clone()], "9-10/10");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, failure_persistence: None, ..Default::default() })]

        /// The scores are those the pattern this scanner replaces found.
        #[test]
        fn scores_as_the_pattern(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "1", "5", "10", "12", "123", ".", "7.5", "/", "/10", " / 10", "-", " - ", " ", "\n",
            "\u{a0}", "x", "\u{e9}", "9-10/10", "2.5/10", "/100",
        ]), 0..14)) {
            let s = pieces.concat();
            let re = regex::Regex::new(r"(?:^|[^0-9/.])([0-9]{1,2}(?:\.[0-9])?)(?:\s*-\s*([0-9]{1,2}(?:\.[0-9])?))?\s*/\s*10(?:$|[^0-9/])").unwrap();
            let mut want = Vec::new();
            let mut at = 0;
            while let Some(c) = re.captures_at(&s, at) {
                let end = s[..c.get(0).unwrap().end()].rfind("10").unwrap() + 2;
                want.push((c.get(1).unwrap().range(), c.get(2).map(|m| m.range()), end));
                at = end;
            }
            let mut got = Vec::new();
            let mut at = 0;
            while let Some(found) = next(&s, at) {
                at = found.2;
                got.push(found);
            }
            proptest::prop_assert_eq!(got, want);
        }
    }
}
