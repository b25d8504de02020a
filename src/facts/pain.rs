//! Pain scores: `10/10`, `5/10`, `9-10/10`.

use std::sync::LazyLock;

use regex::Regex;

use crate::letter::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct PainScore {
    pub low: f64,
    pub high: f64,
    pub span: Span,
}

impl PainScore {
    pub fn display(&self) -> String {
        use crate::facts::request::fmt_num;
        if self.low == self.high {
            format!("{}/10", fmt_num(self.low))
        } else {
            format!("{}-{}/10", fmt_num(self.low), fmt_num(self.high))
        }
    }
}

static SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9/.])([0-9]{1,2}(?:\.[0-9])?)(?:\s*-\s*([0-9]{1,2}(?:\.[0-9])?))?\s*/\s*10(?:$|[^0-9/])",
    )
    .expect("pain regex")
});

/// The pain scores written in `span` of `text`.
pub fn find(text: &str, span: &Span) -> Vec<PainScore> {
    let s = &text[span.clone()];
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = SCORE.captures_at(s, at) {
        let (Some(low), Some(whole)) = (c.get(1), c.get(0)) else {
            break;
        };
        let low_v: f64 = low.as_str().parse().unwrap_or(f64::NAN);
        let high_v: f64 = c
            .get(2)
            .map_or(Some(low_v), |h| h.as_str().parse().ok())
            .unwrap_or(f64::NAN);
        let end = s[..whole.end()].rfind("10").map_or(whole.end(), |i| i + 2);
        if low_v <= 10.0 && high_v <= 10.0 {
            out.push(PainScore {
                low: low_v,
                high: high_v,
                span: span.start + low.start()..span.start + end,
            });
        }
        at = end;
    }
    out
}

/// Compiles this module's patterns ahead of their first use (see [`crate::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&SCORE);
}

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
}
