//! Why a PDF gave no letter text: each reason says what was found and what to do.

use std::fmt;

use super::{MAX_INFLATED, MAX_PAGES};

/// Why a PDF could not be read as a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Named `.pdf` but without the `%PDF-` signature; `starts` is its first line.
    NotPdf { starts: String },
    /// Encrypted with a password that is needed to open it.
    Encrypted,
    /// The file's structure could not be read: the library's words.
    Corrupt(String),
    /// No page has text: a scanned letter (`images`) or blank pages.
    NoText { pages: usize, images: bool },
    /// More pages than [`MAX_PAGES`].
    TooManyPages { pages: usize },
    /// Its streams inflate past [`MAX_INFLATED`].
    TooLarge,
}

impl PdfError {
    /// The error for a file named `.pdf` that does not start as one.
    pub fn not_pdf(bytes: &[u8]) -> PdfError {
        let head = &bytes[..bytes.len().min(60)];
        let line = head
            .split(|&b| b == b'\n' || b == b'\r')
            .next()
            .unwrap_or(head);
        let starts: String = String::from_utf8_lossy(line)
            .chars()
            .map(|c| if c.is_control() { '.' } else { c })
            .collect();
        PdfError::NotPdf { starts }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotPdf { starts } => write!(
                f,
                "not a PDF: named .pdf but has no %PDF- signature (it starts `{starts}`)"
            ),
            PdfError::Encrypted => f.write_str(
                "encrypted PDF: it needs a password to open; save an unprotected copy to lint it",
            ),
            PdfError::Corrupt(why) => write!(f, "corrupt or truncated PDF: {why}"),
            PdfError::NoText {
                pages,
                images: true,
            } => write!(
                f,
                "no text layer: its {pages} page(s) are images only (a scan?); run OCR on it \
                 (e.g. ocrmypdf) and lint the result"
            ),
            PdfError::NoText {
                pages,
                images: false,
            } => write!(f, "no text on any of its {pages} page(s)"),
            PdfError::TooManyPages { pages } => write!(
                f,
                "{pages} pages: more than the {MAX_PAGES} a letter may have, not read"
            ),
            PdfError::TooLarge => write!(
                f,
                "its content inflates past {} MiB, more than a letter needs (a decompression \
                 bomb?), not read",
                MAX_INFLATED / (1024 * 1024)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_pdf_quotes_the_first_line_without_control_characters() {
        let e = PdfError::not_pdf(b"<!DOCTYPE html>\n<html>");
        assert_eq!(
            e.to_string(),
            "not a PDF: named .pdf but has no %PDF- signature (it starts `<!DOCTYPE html>`)"
        );
        let PdfError::NotPdf { starts } = PdfError::not_pdf(b"PK\x03\x04\x14\0") else {
            panic!("not_pdf makes NotPdf");
        };
        assert_eq!(starts, "PK....");
    }
}
