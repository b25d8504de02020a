//! A PDF's pages as text, with `lopdf` (the file's structure, decryption) and
//! `pdf-extract` (fonts, encodings and ToUnicode maps: which character each glyph is, and
//! where it is drawn). Lines are made here from where the glyphs are, as a reader sees
//! them: glyphs on one baseline are one line, read left to right, lines top to bottom, a
//! space where the gap between two glyphs is a word space wide.

use std::cell::Cell;
use std::sync::Once;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::budget::{self, Budget, Filter};
use super::{MAX_INFLATED, MAX_PAGES, PdfError};

/// The text of each page, or why the file cannot give it.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    budget::check_file(bytes, MAX_INFLATED).map_err(|_| PdfError::TooLarge)?;
    let mut doc = quietly(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|_| PdfError::Corrupt("the PDF reader failed on it".into()))?
        .map_err(|e| PdfError::Corrupt(e.to_string()))?;
    if doc.is_encrypted() {
        // A PDF locked only against changes opens with the empty password.
        doc.decrypt("").map_err(|_| PdfError::Encrypted)?;
        check_streams(&doc)?;
    }
    let declared = declared_pages(&doc);
    if declared > MAX_PAGES {
        return Err(PdfError::TooManyPages { pages: declared });
    }
    let count = doc.get_pages().len();
    if count == 0 {
        return Err(PdfError::Corrupt("no pages found".into()));
    }
    if count > MAX_PAGES {
        return Err(PdfError::TooManyPages { pages: count });
    }
    let mut out = Lines::default();
    quietly(|| pdf_extract::output_doc(&doc, &mut out))
        .map_err(|_| PdfError::Corrupt("the PDF reader failed on its page content".into()))?
        .map_err(|e| PdfError::Corrupt(e.to_string()))?;
    Ok(out.pages)
}

/// The page count the page tree's root declares (0 if it declares none).
fn declared_pages(doc: &pdf_extract::Document) -> usize {
    doc.catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(pdf_extract::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .and_then(|pages| pages.get(b"Count"))
        .and_then(pdf_extract::Object::as_i64)
        .map_or(0, |n| usize::try_from(n).unwrap_or(0))
}

/// The inflate budget over a decrypted document's streams (in the file they were
/// encrypted, so the check of the file's bytes could not decode them).
fn check_streams(doc: &pdf_extract::Document) -> Result<(), PdfError> {
    let mut budget = Budget::new(MAX_INFLATED);
    for object in doc.objects.values() {
        let pdf_extract::Object::Stream(stream) = object else {
            continue;
        };
        let image = stream
            .dict
            .get(b"Subtype")
            .and_then(pdf_extract::Object::as_name)
            .is_ok_and(|n| n == b"Image");
        if image {
            continue;
        }
        let filters: Vec<Filter> = stream
            .filters()
            .map(|f| f.into_iter().map(Filter::from_name).collect())
            .unwrap_or_default();
        budget
            .spend(&stream.content, &filters)
            .map_err(|_| PdfError::TooLarge)?;
    }
    Ok(())
}

thread_local! {
    /// Whether a panic on this thread is caught by [`quietly`] (and so not printed).
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs the PDF libraries, catching a panic (some malformed files make them panic) without
/// printing it: the file is then reported as corrupt. Other panics print as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

/// One glyph where it is drawn (y grows downwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// Collects each page's glyphs and lays them out in lines when the page ends.
#[derive(Default)]
struct Lines {
    pages: Vec<String>,
    glyphs: Vec<Glyph>,
    height: f64,
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.glyphs.clear();
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.pages.push(layout(&mut self.glyphs));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The glyph's size as drawn: the side of the square with the area of the font's
        // em square after the text matrix.
        let em = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (em.0 * em.1).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if x.is_finite() && y.is_finite() && size.is_finite() {
            self.glyphs.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A word space: a gap wider than this share of the glyphs' size. Kerning and letter
/// spacing stay well under it (a tenth of the size at most in letters), a space in any
/// text font is a quarter of it or more.
const SPACE: f64 = 0.18;

/// Glyphs whose baselines differ by less than this share of their size are on one line
/// (superscripts such as ® included).
const SAME_LINE: f64 = 0.45;

/// A page's glyphs as lines of text, top to bottom, each left to right.
fn layout(glyphs: &mut [Glyph]) -> String {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<&mut [Glyph]> = Vec::new();
    let mut rest = glyphs;
    while !rest.is_empty() {
        let top = rest[0].y;
        let size = rest[0].size.max(1.0);
        let n = rest
            .iter()
            .position(|g| g.y - top > size * SAME_LINE)
            .unwrap_or(rest.len());
        let (line, tail) = rest.split_at_mut(n);
        lines.push(line);
        rest = tail;
    }
    let mut out = String::new();
    for line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut last_end: Option<f64> = None;
        for g in line.iter() {
            if let Some(end) = last_end
                && g.x - end > g.size * SPACE
                && !out.ends_with(' ')
                && !g.text.starts_with(' ')
            {
                out.push(' ');
            }
            out.push_str(&g.text);
            last_end = Some(g.end.max(last_end.unwrap_or(g.end)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            end: x + 5.0 * text.chars().count() as f64,
            size: 10.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn glyphs_make_lines_top_to_bottom_and_words_by_their_gaps() {
        let mut glyphs = vec![
            // Drawn out of order: the footer first, then a line, a superscript, kerning.
            glyph(100.0, 700.0, "Page 1 of 2"),
            glyph(10.0, 100.0, "Norco"),
            glyph(40.0, 100.0, "10/325mg"),
            glyph(10.0, 112.0, "DURAGESIC"),
            glyph(55.0, 109.0, "®"),
            glyph(10.0, 124.0, "P"),
            glyph(15.5, 124.0, "age(s):"),
            glyph(56.0, 124.0, "80."),
        ];
        assert_eq!(
            layout(&mut glyphs),
            "Norco 10/325mg\nDURAGESIC®\nPage(s): 80.\nPage 1 of 2\n"
        );
    }

    #[test]
    fn an_empty_page_is_empty_text() {
        assert_eq!(layout(&mut []), "");
    }
}
