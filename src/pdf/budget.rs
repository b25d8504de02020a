//! The inflate budget: how much a PDF's streams decode to, all together, counted before
//! any of them is decoded for use, so that a few kilobytes that inflate to gigabytes (a
//! decompression bomb) are refused instead of filling memory.
//!
//! [`check_file`] reads the file's bytes as they are, before a PDF library parses them (a
//! library inflates object streams as it loads), finding each stream by its `stream`
//! keyword and its filters in the dictionary before it. Streams are decoded into a scratch
//! buffer and counted, never kept. Image streams are left out (text extraction never
//! decodes them); filters other than `FlateDecode`, `ASCII85Decode` and `ASCIIHexDecode`
//! are counted at their encoded size.

use std::io::Read;

/// A stream's filters as named in its dictionary, in decoding order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Flate,
    Ascii85,
    AsciiHex,
    Other,
}

impl Filter {
    pub fn from_name(name: &[u8]) -> Filter {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            _ => Filter::Other,
        }
    }
}

/// Counts decoded bytes against a limit.
#[derive(Debug)]
pub struct Budget {
    left: usize,
}

/// The budget ran out.
#[derive(Debug, PartialEq, Eq)]
pub struct Exceeded;

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget { left: limit }
    }

    /// Decodes `data` through `filters` only to count it: each stage stops at what is left
    /// of the budget plus one byte, so nothing bigger than the budget is ever held.
    pub fn spend(&mut self, data: &[u8], filters: &[Filter]) -> Result<(), Exceeded> {
        let cap = self.left.saturating_add(1);
        let mut current: Option<Vec<u8>> = None;
        let mut size = data.len();
        for filter in filters {
            let input = current.as_deref().unwrap_or(data);
            let decoded = match filter {
                Filter::Flate => inflate(input, cap),
                Filter::Ascii85 => ascii85(input, cap),
                Filter::AsciiHex => ascii_hex(input),
                Filter::Other => break,
            };
            size = decoded.len();
            if size > self.left {
                return Err(Exceeded);
            }
            current = Some(decoded);
        }
        self.left = self.left.checked_sub(size).ok_or(Exceeded)?;
        Ok(())
    }
}

/// Spends the budget on every stream of a PDF file but its images.
pub fn check_file(bytes: &[u8], limit: usize) -> Result<(), Exceeded> {
    let mut budget = Budget::new(limit);
    let mut from = 0;
    for at in memchr::memmem::find_iter(bytes, b"stream") {
        // `endstream` ends a stream; only `stream` after a dictionary (`>>`) starts one.
        if at < from || !bytes[..at].trim_ascii_end().ends_with(b">>") {
            continue;
        }
        let dict_start = memchr::memmem::rfind(&bytes[from..at], b"obj").map_or(from, |o| from + o);
        let dict = &bytes[dict_start..at];
        let mut data = &bytes[at + 6..];
        data = data.strip_prefix(b"\r").unwrap_or(data);
        data = data.strip_prefix(b"\n").unwrap_or(data);
        let end = memchr::memmem::find(data, b"endstream").unwrap_or(data.len());
        from = at + 6;
        if is_image(dict) {
            continue;
        }
        budget.spend(&data[..end], &filters(dict))?;
    }
    Ok(())
}

/// Whether a stream dictionary is an image's.
fn is_image(dict: &[u8]) -> bool {
    memchr::memmem::find_iter(dict, b"/Subtype")
        .any(|at| dict[at + 8..].trim_ascii_start().starts_with(b"/Image"))
}

/// The filters a stream dictionary names after `/Filter`, in order.
fn filters(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = memchr::memmem::find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = dict[at + 7..].trim_ascii_start();
    let names = match rest.strip_prefix(b"[") {
        Some(list) => &list[..memchr::memchr(b']', list).unwrap_or(list.len())],
        None => rest,
    };
    let mut out = Vec::new();
    for name in names.split(|&b| b == b'/').skip(1) {
        let end = name
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"<>[]()/%".contains(b))
            .unwrap_or(name.len());
        out.push(Filter::from_name(&name[..end]));
        if !rest.starts_with(b"[") {
            break;
        }
    }
    out
}

/// Zlib-inflates up to `cap` bytes (what a damaged stream gives before its error).
fn inflate(data: &[u8], cap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let decoder = flate2::read::ZlibDecoder::new(data);
    // An error ends the stream: what was inflated before it is what a reader would see.
    let _ = decoder.take(cap as u64).read_to_end(&mut out);
    out
}

/// ASCII85-decodes up to `cap` bytes (`z` is four zero bytes; `~>` ends the data).
fn ascii85(data: &[u8], cap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    for &b in data {
        if out.len() >= cap {
            break;
        }
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        group[n..].fill(84);
        let v = group
            .iter()
            .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

/// ASCIIHex-decodes (never larger than its input).
fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| {
            char::from(b)
                .to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
        })
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn counts_what_streams_inflate_to_and_stops_at_the_limit() {
        let small = deflate(b"BT (Norco) Tj ET");
        let mut budget = Budget::new(100);
        assert_eq!(budget.spend(&small, &[Filter::Flate]), Ok(()));
        assert_eq!(budget.left, 84);
        let bomb = deflate(&vec![b' '; 10_000_000]);
        assert!(bomb.len() < 20_000);
        let mut budget = Budget::new(1_000_000);
        assert_eq!(budget.spend(&bomb, &[Filter::Flate]), Err(Exceeded));
        // Unknown filters count at their encoded size.
        let mut budget = Budget::new(10);
        assert_eq!(
            budget.spend(b"0123456789A", &[Filter::Other]),
            Err(Exceeded)
        );
    }

    #[test]
    fn a_file_is_checked_stream_by_stream_leaving_images_out() {
        let bomb = deflate(&vec![b' '; 2_000_000]);
        let stream = |dict: &str, data: &[u8]| {
            [
                format!("1 0 obj\n<< {dict} >>\nstream\r\n").as_bytes(),
                data,
                b"\nendstream\nendobj\n",
            ]
            .concat()
        };
        let file = [
            b"%PDF-1.7\n".to_vec(),
            stream("/Length 9 /Filter /FlateDecode", &bomb),
        ]
        .concat();
        assert_eq!(check_file(&file, 1_000_000), Err(Exceeded));
        assert_eq!(check_file(&file, 3_000_000), Ok(()));
        let image = stream("/Subtype /Image /Filter [/FlateDecode]", &bomb);
        assert_eq!(
            check_file(&[b"%PDF-1.7\n".to_vec(), image].concat(), 1_000),
            Ok(())
        );
        assert_eq!(
            filters(b"<< /Filter [ /ASCII85Decode /FlateDecode ] /Length 5 >>"),
            [Filter::Ascii85, Filter::Flate]
        );
        assert_eq!(filters(b"<</Filter/Fl/Length 5>>"), [Filter::Flate]);
        assert_eq!(filters(b"<< /Length 5 >>"), []);
    }

    #[test]
    fn ascii85_then_flate_is_decoded_in_turn() {
        // "Man " in ASCII85 is 9jqo^; `z` is four zeros.
        assert_eq!(ascii85(b"9jqo^z~>", 100), b"Man \0\0\0\0");
        assert_eq!(
            ascii85(b"9jqo^BlbD-BleB1DJ+*+F(f,q~>", 100),
            b"Man is distinguished"
        );
        assert_eq!(ascii_hex(b"4E6F7>"), b"No\x70");
        let packed = deflate(&vec![b'x'; 5000]);
        let mut encoded = Vec::new();
        for chunk in packed.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let mut v = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for d in digits.iter_mut().rev() {
                *d = (v % 85) as u8 + b'!';
                v /= 85;
            }
            encoded.extend_from_slice(&digits[..chunk.len() + 1]);
        }
        encoded.extend_from_slice(b"~>");
        let mut budget = Budget::new(4999);
        assert_eq!(
            budget.spend(&encoded, &[Filter::Ascii85, Filter::Flate]),
            Err(Exceeded)
        );
        let mut budget = Budget::new(5000);
        assert_eq!(
            budget.spend(&encoded, &[Filter::Ascii85, Filter::Flate]),
            Ok(())
        );
    }
}
