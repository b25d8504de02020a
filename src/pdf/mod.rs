//! Reading letters from PDF files: the text layer of each page, in process, with limits.
//!
//! A PDF is recognised by its `%PDF-` signature: at its start, or for a file named `.pdf`
//! anywhere in its first 1,024 bytes, as readers allow. [`read`] returns the text of each page, its lines in reading order;
//! [`crate::source::Source::from_pages`] then counts lines from the top of each page so
//! every finding says `page 3:line 12`. A PDF that cannot give its letter's text is refused
//! with a [`PdfError`] saying why: password-protected, corrupt or truncated, no text layer
//! (a scan), more pages than a letter has, or content that inflates past what a letter
//! needs (a decompression bomb). Limits are checked before the work they bound.

mod budget;
mod error;
mod extract;

pub use error::PdfError;

/// More pages than any determination letter has (they run to a few dozen).
pub const MAX_PAGES: usize = 1_000;

/// The most a PDF's streams may inflate to, all together: a letter's page content is a
/// few kilobytes a page, its fonts some hundreds of kilobytes.
pub const MAX_INFLATED: usize = 32 * 1024 * 1024;

/// How far into a file named `.pdf` the `%PDF-` signature may start (readers allow junk
/// before it).
const SIGNATURE_WINDOW: usize = 1024;

/// Whether bytes are a PDF whatever their name: they start with the `%PDF-` signature
/// (after a byte-order mark or whitespace at most).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.trim_ascii_start().starts_with(b"%PDF-")
}

/// Whether a file named `.pdf` has the `%PDF-` signature within its first 1,024 bytes.
pub fn has_signature(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SIGNATURE_WINDOW)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// The text of each page of a PDF, or why there is none to lint.
pub fn read(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let pages = extract::pages(bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(PdfError::NoText {
            pages: pages.len(),
            images: has_images(bytes),
        });
    }
    Ok(pages.into_iter().map(|p| tidy(&p)).collect())
}

/// A page's text with trailing spaces dropped from its lines and the lines ending in `\n`.
fn tidy(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + 1);
    for line in page.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Whether the file has an image XObject (its dictionary is never inside a compressed
/// object stream, so the bytes show it).
fn has_images(bytes: &[u8]) -> bool {
    let finder = memchr::memmem::Finder::new(b"/Subtype");
    finder.find_iter(bytes).any(|at| {
        let rest = &bytes[at + 8..bytes.len().min(at + 24)];
        let name = rest.trim_ascii_start();
        name.starts_with(b"/Image")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_at_the_start_or_in_a_pdf_files_first_kilobyte() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"\xEF\xBB\xBF \r\n%PDF-1.4"));
        assert!(!is_pdf(b"Norco: Upheld. The letter quotes %PDF-1.4"));
        assert!(!is_pdf(b""));
        assert!(has_signature(b"junk before it %PDF-1.4"));
        let late = [vec![b' '; SIGNATURE_WINDOW], b"%PDF-1.4".to_vec()].concat();
        assert!(!has_signature(&late));
        assert!(!has_signature(b"Norco 10/325mg #120: Upheld\n"));
    }

    #[test]
    fn tidy_ends_every_line_and_trims_its_end() {
        assert_eq!(tidy("a  \nb\r\n\nc"), "a\nb\n\nc\n");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn images_are_seen_by_their_subtype() {
        assert!(has_images(b"<< /Type /XObject /Subtype /Image /Width 2 >>"));
        assert!(has_images(b"<</Subtype/Image>>"));
        assert!(!has_images(b"<< /Subtype /Type1 /BaseFont /Helvetica >>"));
        assert!(!has_images(b"/Subtype"));
    }
}
