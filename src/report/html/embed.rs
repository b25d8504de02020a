//! Data embedded in the HTML page: text escaped for HTML, JSON made safe inside a
//! `<script>` element, and letter records packed into compressed chunks (raw DEFLATE,
//! then base64) that the page unpacks with the browser's `DecompressionStream` when a
//! letter is opened.

/// Text escaped for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that cannot end the `<script>` element holding it: `<` is written `\u003c`
/// (it can only occur inside JSON strings, where the escape means the same).
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// A byte offset of `text` as a UTF-16 offset (what JavaScript strings count); an offset
/// inside a character counts from that character's start, one past the end from the end.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    if before.is_ascii() {
        byte
    } else {
        before.encode_utf16().count()
    }
}

/// `bytes` compressed with raw DEFLATE (what `DecompressionStream("deflate-raw")` reads),
/// in base64. The same bytes always give the same text.
pub fn pack(bytes: &[u8]) -> String {
    base64(&miniz_oxide::deflate::compress_to_vec(bytes, 6))
}

/// Standard base64 (RFC 4648, with padding), as `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            group.get(1).copied().unwrap_or(0),
            group.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= group.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn packed_bytes_inflate_back() {
        let text = "Norco 10/325mg #180: Overturned\n".repeat(50);
        let packed = pack(text.as_bytes());
        assert!(packed.len() < text.len() / 4, "{}", packed.len());
        assert_eq!(pack(text.as_bytes()), packed, "deterministic");
        let alphabet = |c: char| c.is_ascii_alphanumeric() || "+/=".contains(c);
        assert!(packed.chars().all(alphabet));
        let raw = decode64(&packed);
        let inflated = miniz_oxide::inflate::decompress_to_vec(&raw).unwrap();
        assert_eq!(inflated, text.as_bytes());
    }

    fn decode64(s: &str) -> Vec<u8> {
        const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut n = 0;
        let mut out = Vec::new();
        for c in s.chars().filter(|&c| c != '=') {
            bits = bits << 6 | ALPHABET.find(c).unwrap() as u32;
            n += 6;
            if n >= 8 {
                n -= 8;
                out.push((bits >> n) as u8);
            }
        }
        out
    }

    #[test]
    fn offsets_count_utf16_units() {
        let text = "a\u{e9}b\u{1f600}c";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 1), 1);
        assert_eq!(utf16_offset(text, 3), 2);
        assert_eq!(utf16_offset(text, 2), 1, "inside é");
        assert_eq!(utf16_offset(text, 8), 5, "after the emoji");
        assert_eq!(utf16_offset(text, 99), 6);
        assert_eq!(utf16_offset("abc", 2), 2);
    }

    #[test]
    fn escapes_keep_markup_and_scripts_closed() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            script_json(r#"{"a":"</script>"}"#),
            r#"{"a":"\u003c/script>"}"#
        );
    }
}
