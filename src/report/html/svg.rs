//! Horizontal bar charts as inline SVG: one labelled bar a row, its count written beside
//! it, so the chart reads without colour and a screen reader hears the figures.

use std::fmt::Write;

use super::embed::esc;

/// One bar: its label, its count, and a CSS class for its colour.
pub struct Bar<'a> {
    pub label: &'a str,
    pub count: usize,
    pub class: &'a str,
}

const ROW: usize = 24;
const LABEL_WIDTH: usize = 300;
const BAR_WIDTH: usize = 360;
const COUNT_WIDTH: usize = 60;

/// A chart titled `title`, bars in the order given. `id` names its title element.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar<'_>]) -> String {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let height = ROW * bars.len().max(1) + 4;
    let width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH;
    let described: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.count))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(&described.join("; ")),
    );
    if bars.is_empty() {
        let _ = write!(
            out,
            r#"<text x="0" y="18" class="chart-label">No findings.</text>"#
        );
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 2;
        let w = (bar.count * BAR_WIDTH).div_ceil(max).max(1);
        let _ = write!(
            out,
            r#"<g class="bar {class}"><text x="{lx}" y="{ty}" text-anchor="end" class="chart-label">{label}</text><rect x="{bx}" y="{y}" width="{w}" height="{h}" rx="2"/><text x="{cx}" y="{ty}" class="chart-count">{count}</text></g>"#,
            class = esc(bar.class),
            lx = LABEL_WIDTH - 8,
            ty = y + 15,
            label = esc(bar.label),
            bx = LABEL_WIDTH,
            h = ROW - 6,
            cx = LABEL_WIDTH + w + 6,
            count = bar.count,
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_labelled() {
        let svg = bar_chart(
            "by-rule",
            "Findings by rule",
            &[
                Bar {
                    label: "a/<b>",
                    count: 4,
                    class: "sev-error",
                },
                Bar {
                    label: "c",
                    count: 1,
                    class: "sev-info",
                },
            ],
        );
        assert!(svg.contains(r#"width="360" height="18""#), "{svg}");
        assert!(svg.contains(r#"width="90" height="18""#), "{svg}");
        assert!(svg.contains("a/&lt;b&gt;"));
        assert!(svg.contains("<desc id=\"by-rule-d\">a/&lt;b&gt; 4; c 1</desc>"));
        assert!(bar_chart("x", "t", &[]).contains("No findings."));
    }
}
