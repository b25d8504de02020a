//! Reading letter files: bytes → text, whatever encoding PDF extraction left behind.
//!
//! A [`Source`] holds the decoded text of one file. Every span in imr-lint is a byte range
//! into that text; [`Source::line_col`] turns an offset into the 1-based line and column an
//! editor shows for the original file (a byte-order mark is dropped, CRLF counts as one line
//! end, columns count characters, so they agree with the file as the auditor opens it).
//! A PDF (by its `%PDF-` signature) is read by [`crate::pdf`]: its pages'
//! text, one after the other, and lines are counted from the top of each page.

use std::fmt;
use std::path::Path;

use crate::text::simd;

/// How the bytes of a file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    /// The text layer of a PDF.
    Pdf,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Io(String),
    Empty,
    Binary,
    BadUtf16,
    Pdf(crate::pdf::PdfError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
            ReadError::Empty => f.write_str("empty file (no text)"),
            ReadError::Binary => f.write_str("binary file (NUL or control bytes), not letter text"),
            ReadError::BadUtf16 => {
                f.write_str("invalid UTF-16 text after a UTF-16 byte-order mark")
            }
            ReadError::Pdf(e) => e.fmt(f),
        }
    }
}

/// The decoded text of one letter file.
#[derive(Debug)]
pub struct Source {
    name: String,
    text: String,
    encoding: Encoding,
    line_starts: Vec<usize>,
    /// For a PDF: the index in `line_starts` of each page's first line (empty otherwise).
    pages: Vec<usize>,
}

impl Source {
    /// Reads and decodes a file from disk.
    pub fn read(path: &Path) -> Result<Source, ReadError> {
        let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
        let named_pdf = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("pdf"));
        let name = path.display().to_string();
        match named_pdf && !bytes.is_empty() {
            true if crate::pdf::has_signature(&bytes) => Source::from_pdf(name, &bytes),
            true => Err(ReadError::Pdf(crate::pdf::PdfError::not_pdf(&bytes))),
            false => Source::from_vec(name, bytes),
        }
    }

    /// Decodes bytes read from anywhere (a file, stdin, a test).
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Source, ReadError> {
        Source::from_vec(name, bytes.to_vec())
    }

    /// Decodes bytes, reusing their buffer for the text when they are UTF-8.
    pub fn from_vec(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, ReadError> {
        if crate::pdf::is_pdf(&bytes) {
            return Source::from_pdf(name, &bytes);
        }
        let (text, encoding) = decode(bytes)?;
        if text.trim().is_empty() {
            return Err(ReadError::Empty);
        }
        Ok(Source::new(name, text, encoding))
    }

    /// Wraps text that is already decoded.
    pub fn new(name: impl Into<String>, text: String, encoding: Encoding) -> Source {
        // Lines are short: line feeds are marked sixteen bytes at a time rather than
        // searched for one by one.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        simd::each(text.as_bytes(), simd::newline_bits16, |i| {
            line_starts.push(i + 1)
        });
        Source {
            name: name.into(),
            text,
            encoding,
            line_starts,
            pages: Vec::new(),
        }
    }

    /// Reads a PDF's pages.
    fn from_pdf(name: impl Into<String>, bytes: &[u8]) -> Result<Source, ReadError> {
        let pages = crate::pdf::read(bytes).map_err(ReadError::Pdf)?;
        Ok(Source::from_pages(name, &pages))
    }

    /// The text of a PDF's pages: each page's lines, then a line end; lines are then
    /// counted from the top of their page.
    pub fn from_pages(name: impl Into<String>, pages: &[String]) -> Source {
        let mut text = String::with_capacity(pages.iter().map(|p| p.len() + 1).sum());
        let mut starts = Vec::with_capacity(pages.len());
        for page in pages {
            starts.push(text.len());
            text.push_str(page);
            if !page.ends_with('\n') {
                text.push('\n');
            }
        }
        let mut source = Source::new(name, text, Encoding::Pdf);
        source.pages = starts
            .iter()
            .map(|&s| source.line_starts.partition_point(|&l| l < s))
            .collect();
        source
    }

    /// The text of each page of a PDF (the whole text, as one page, for a text file).
    pub fn pages(&self) -> Vec<&str> {
        let starts: Vec<usize> = self.pages.iter().map(|&l| self.line_starts[l]).collect();
        let ends = starts.iter().skip(1).copied().chain([self.text.len()]);
        match starts.first() {
            None => vec![self.text.as_str()],
            Some(_) => starts
                .iter()
                .zip(ends)
                .map(|(&s, e)| &self.text[s..e])
                .collect(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// 1-based line and column (in characters) of a byte offset; in a PDF, the line on
    /// its page ([`Source::page`]).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.trim_end_matches('\r').chars().count());
        let first = self.page_index(line).map_or(0, |p| self.pages[p]);
        (line - first + 1, col + 1)
    }

    /// The 1-based PDF page of a byte offset (`None` for a text file).
    pub fn page(&self, offset: usize) -> Option<usize> {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        self.page_index(line).map(|p| p + 1)
    }

    /// The 0-based index of the page a line (0-based) is on.
    fn page_index(&self, line: usize) -> Option<usize> {
        let p = self.pages.partition_point(|&first| first <= line);
        p.checked_sub(1)
    }
}

/// Decodes bytes: UTF-16 by BOM, UTF-8 (BOM optional), else Windows-1252.
fn decode(mut bytes: Vec<u8>) -> Result<(String, Encoding), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Encoding::Utf16Be));
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        bytes.drain(..3);
    }
    if looks_binary(&bytes) {
        return Err(ReadError::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((
            s,
            if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
        )),
        Err(e) => Ok((
            e.as_bytes().iter().map(|&b| cp1252(b)).collect(),
            Encoding::Windows1252,
        )),
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ReadError::BadUtf16);
    }
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| ReadError::BadUtf16)?;
    if text.contains('\0') {
        return Err(ReadError::Binary);
    }
    Ok(text)
}

/// NUL bytes, or many control bytes other than whitespace and form feeds, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // Control bytes are marked sixteen at a time; text has few or none to visit.
    let (mut controls, mut nul) = (0, false);
    simd::each(head, simd::control_bits16, |i| {
        controls += 1;
        nul |= head[i] == 0;
    });
    nul || controls * 20 > head.len().max(1)
}

/// Windows-1252 byte to char (0x80–0x9F differ from Latin-1; five are undefined).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        let plain = Source::from_bytes("a", b"Norco: Upheld\n").unwrap();
        assert_eq!(plain.encoding(), Encoding::Utf8);
        let bom = Source::from_bytes("a", b"\xEF\xBB\xBFNorco").unwrap();
        assert_eq!((bom.text(), bom.encoding()), ("Norco", Encoding::Utf8Bom));
        let win = Source::from_bytes("a", b"DURAGESIC\xAE \x93x\x94").unwrap();
        assert_eq!(win.text(), "DURAGESIC® “x”");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Opana".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(Source::from_bytes("a", &le).unwrap().text(), "Opana");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Opana".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            Source::from_bytes("a", &be).unwrap().encoding(),
            Encoding::Utf16Be
        );
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(Source::from_bytes("a", b"").unwrap_err(), ReadError::Empty);
        assert_eq!(
            Source::from_bytes("a", b" \n\n ").unwrap_err(),
            ReadError::Empty
        );
        assert_eq!(
            Source::from_bytes("a", b"PK\x03\x04\0\0").unwrap_err(),
            ReadError::Binary
        );
        assert_eq!(
            Source::from_bytes("a", b"\xFF\xFE\x41").unwrap_err(),
            ReadError::BadUtf16
        );
    }

    #[test]
    fn pdf_lines_count_from_the_top_of_their_page() {
        let pages = ["one\ntwo\n".to_string(), "three".into(), String::new()];
        let s = Source::from_pages("a.pdf", &pages);
        assert_eq!(s.text(), "one\ntwo\nthree\n\n");
        assert_eq!(s.pages(), ["one\ntwo\n", "three\n", "\n"]);
        let three = s.text().find("three").unwrap();
        assert_eq!(
            (s.page(three + 2), s.line_col(three + 2)),
            (Some(2), (1, 3))
        );
        assert_eq!((s.page(4), s.line_col(4)), (Some(1), (2, 1)));
        assert_eq!(
            (s.page(s.text().len()), s.encoding()),
            (Some(3), Encoding::Pdf)
        );
        let text = Source::from_bytes("a", b"x\ny").unwrap();
        assert_eq!(
            (text.page(2), text.line_col(2), text.pages()),
            (None, (2, 1), vec!["x\ny"])
        );
    }

    #[test]
    fn line_col_counts_characters_and_crlf() {
        let s = Source::from_bytes("a", "ab\r\nDURAGESICÂ® x\n".as_bytes()).unwrap();
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(4), (2, 1));
        let x = s.text().find(" x").unwrap() + 1;
        assert_eq!(s.line_col(x), (2, 13));
    }
}
