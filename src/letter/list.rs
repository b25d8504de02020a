//! Numbered lists of the older layouts: entries that start a line with `1.` or `1)` and run
//! over the lines after it until the next entry or the end of the list.

use std::sync::LazyLock;

use regex::Regex;

use super::Span;

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2})[.)]\s+\S").expect("number regex"));

/// One entry of a numbered list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: u32,
    /// The entry from its number to the end of its last line.
    pub span: Span,
}

/// The number a line starts with (`1.` or `1)`, then text).
pub fn number(line: &str) -> Option<u32> {
    // Most lines start otherwise: one byte rules a number out.
    if !line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    NUMBER.captures(line)?.get(1)?.as_str().parse().ok()
}

/// The entries of the lines of `text` within `body` (clean lines, in order).
pub fn entries(text: &str, lines: &[Span], body: &Span) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for line in lines
        .iter()
        .filter(|l| l.start >= body.start && l.end <= body.end)
    {
        if let Some(n) = number(&text[line.clone()]) {
            out.push(Entry {
                number: n,
                span: line.clone(),
            });
        } else if let Some(last) = out.last_mut() {
            last.span.end = line.end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_run_to_the_next_number() {
        let text =
            "intro\n1) Voltaren 1% gel\n2) Repeat MRI of the\nright knee\n3. Physical therapy";
        let mut lines = Vec::new();
        let mut start = 0;
        for l in text.split('\n') {
            lines.push(start..start + l.len());
            start += l.len() + 1;
        }
        let got: Vec<(u32, &str)> = entries(text, &lines, &(0..text.len()))
            .into_iter()
            .map(|e| (e.number, &text[e.span]))
            .collect();
        assert_eq!(
            got,
            [
                (1, "1) Voltaren 1% gel"),
                (2, "2) Repeat MRI of the\nright knee"),
                (3, "3. Physical therapy")
            ]
        );
    }
}
