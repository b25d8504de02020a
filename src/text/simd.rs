//! Sixteen bytes classified at once, one bit each (bit `i` for byte `i`): with SSE2,
//! which every x86_64 processor has, sixteen compares in one; elsewhere, a loop. The phrase
//! lists find words this way, the normaliser line breaks, a source its lines and the
//! binary-file test its control bytes, the date finder digits. Eight bytes also go as one word ([`word8`]): the
//! bytes within an ASCII range are marked by arithmetic ([`ascii_within8`]), for comparing
//! words in any case and telling a message collapsed.

/// A classifier of sixteen bytes: the SSE2 function of that name on x86_64, else a loop
/// over the bytes with the one-byte test given.
macro_rules! classifier {
    ($(#[$doc:meta])* $name:ident, $one:expr) => {
        $(#[$doc])*
        #[cfg(target_arch = "x86_64")]
        pub fn $name(bytes: [u8; 16]) -> u32 {
            // SAFETY: SSE2 is part of the x86_64 baseline, so the processor has it.
            unsafe { sse2::$name(bytes) }
        }

        $(#[$doc])*
        #[cfg(not(target_arch = "x86_64"))]
        pub fn $name(bytes: [u8; 16]) -> u32 {
            bits(bytes, $one)
        }
    };
}

classifier!(
    /// The ASCII word characters (`[0-9A-Za-z_]`) among sixteen bytes.
    word_bits16,
    is_word
);
classifier!(
    /// The line breaks (LF, CR, form feed) among sixteen bytes.
    break_bits16,
    is_break
);
classifier!(
    /// The control bytes among sixteen bytes (below 0x20), but for tab, line feed, carriage
    /// return and form feed.
    control_bits16,
    is_control
);
classifier!(
    /// The line feeds among sixteen bytes.
    newline_bits16,
    is_newline
);
classifier!(
    /// The ASCII digits among sixteen bytes.
    digit_bits16,
    is_digit
);

/// Calls `f` with the offset of each byte of `bytes` that `class` marks, in order, sixteen
/// bytes classified at a time (the last few padded with zeros).
#[inline]
pub fn each(bytes: &[u8], class: fn([u8; 16]) -> u32, mut f: impl FnMut(usize)) {
    let mut visit = |base: usize, mut marks: u32| {
        while marks != 0 {
            f(base + marks.trailing_zeros() as usize);
            marks &= marks - 1;
        }
    };
    let mut blocks = bytes.chunks_exact(16);
    for (i, block) in blocks.by_ref().enumerate() {
        let mut sixteen = [0; 16];
        sixteen.copy_from_slice(block);
        visit(i * 16, class(sixteen));
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut sixteen = [0; 16];
        sixteen[..rest.len()].copy_from_slice(rest);
        // Only the bytes there are: the padding may be of the class (a NUL is a control).
        visit(
            bytes.len() - rest.len(),
            class(sixteen) & ((1 << rest.len()) - 1),
        );
    }
}

/// Whether `text` is `lower` (ASCII lowercase) in any ASCII case: eight bytes at a time,
/// each word's capitals folded in a few operations (a byte-by-byte `eq_ignore_ascii_case`
/// folds both sides of every byte). The last few bytes go one by one: most words are
/// short, and padding them costs more than the loop.
#[inline]
pub fn eq_lowercase(text: &[u8], lower: &[u8]) -> bool {
    if text.len() != lower.len() {
        return false;
    }
    let (mut a, mut b) = (text.chunks_exact(8), lower.chunks_exact(8));
    a.by_ref()
        .zip(b.by_ref())
        .all(|(x, y)| fold8(word8(x, 0)) == word8(y, 0))
        && a.remainder()
            .iter()
            .zip(b.remainder())
            .all(|(x, y)| x.to_ascii_lowercase() == *y)
}

const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte of a word.
const HIGH: u64 = 0x80 * ONES;

/// Up to eight bytes as a little-endian word, the missing ones `pad`.
#[inline]
pub fn word8(bytes: &[u8], pad: u8) -> u64 {
    let mut w = [pad; 8];
    let n = bytes.len().min(8);
    w[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(w)
}

/// The top bit of each byte of `x` that is ASCII and within `lo..=hi` (both below 0x80). A
/// byte's low seven bits plus `0x80 - lo` reach 0x80 from `lo` on, plus `0x7f - hi` from
/// past `hi` on (no carry leaves a byte); bytes with the top bit set are not ASCII.
#[inline]
pub fn ascii_within8(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGH;
    let from_lo = low + u64::from(0x80 - lo) * ONES;
    let past_hi = low + u64::from(0x7f - hi) * ONES;
    from_lo & !past_hi & !x & HIGH
}

/// Eight bytes with their ASCII capitals lowercased (each capital's top-bit mark moved
/// down to 0x20); other bytes stay as they are.
#[inline]
fn fold8(x: u64) -> u64 {
    x | ascii_within8(x, b'A', b'Z') >> 2
}

/// The bytes that `class` holds, one bit each.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn bits(bytes: [u8; 16], class: fn(u8) -> bool) -> u32 {
    (0..16).fold(0, |m, i| m | u32::from(class(bytes[i])) << i)
}

/// Whether a byte is an ASCII word character (`[0-9A-Za-z_]`), one byte at a time.
pub fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn is_break(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | 0x0c)
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn is_newline(b: u8) -> bool {
    b == b'\n'
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// The sixteen bytes in one register.
    #[target_feature(enable = "sse2")]
    fn load(bytes: [u8; 16]) -> __m128i {
        let half = |i: usize| {
            let mut eight = [0; 8];
            eight.copy_from_slice(&bytes[i..i + 8]);
            i64::from_le_bytes(eight)
        };
        _mm_set_epi64x(half(8), half(0))
    }

    /// The sign bits of sixteen bytes: 16 bits, so the cast keeps them all.
    #[target_feature(enable = "sse2")]
    fn signs(v: __m128i) -> u32 {
        _mm_movemask_epi8(v) as u32
    }

    /// The bytes of `x` in `lo..lo + n`, unsigned: `x + (128 - lo) < n - 128`, signed.
    #[target_feature(enable = "sse2")]
    fn within(x: __m128i, lo: u8, n: u8) -> __m128i {
        _mm_cmplt_epi8(
            _mm_add_epi8(x, _mm_set1_epi8(128u8.wrapping_sub(lo) as i8)),
            _mm_set1_epi8(n.wrapping_sub(128) as i8),
        )
    }

    #[target_feature(enable = "sse2")]
    pub fn word_bits16(bytes: [u8; 16]) -> u32 {
        let v = load(bytes);
        let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let digit = within(v, b'0', 10);
        let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        signs(_mm_or_si128(_mm_or_si128(letter, digit), underscore))
    }

    #[target_feature(enable = "sse2")]
    pub fn control_bits16(bytes: [u8; 16]) -> u32 {
        let v = load(bytes);
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let spacing = _mm_or_si128(
            _mm_or_si128(is(b'\n'), is(b'\r')),
            _mm_or_si128(is(b'\t'), is(0x0c)),
        );
        signs(_mm_andnot_si128(spacing, within(v, 0, 0x20)))
    }

    #[target_feature(enable = "sse2")]
    pub fn digit_bits16(bytes: [u8; 16]) -> u32 {
        signs(within(load(bytes), b'0', 10))
    }

    #[target_feature(enable = "sse2")]
    pub fn newline_bits16(bytes: [u8; 16]) -> u32 {
        signs(_mm_cmpeq_epi8(load(bytes), _mm_set1_epi8(b'\n' as i8)))
    }

    #[target_feature(enable = "sse2")]
    pub fn break_bits16(bytes: [u8; 16]) -> u32 {
        let v = load(bytes);
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        signs(_mm_or_si128(_mm_or_si128(is(b'\n'), is(b'\r')), is(0x0c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `base` with each byte value put at each place in turn, and what was put where.
    fn every_byte_at_every_place<const N: usize>(
        base: [u8; N],
    ) -> impl Iterator<Item = ([u8; N], u8, usize)> {
        (0..=255u8).flat_map(move |b| {
            (0..N).map(move |at| {
                let mut bytes = base;
                bytes[at] = b;
                (bytes, b, at)
            })
        })
    }

    #[test]
    fn eight_bytes_fold_as_one_by_one() {
        for (bytes, b, at) in every_byte_at_every_place(*b"xYz_09AZ") {
            let word = u64::from_le_bytes(bytes);
            assert_eq!(
                fold8(word).to_le_bytes().to_vec(),
                bytes.to_ascii_lowercase(),
                "{b:#x} at {at}"
            );
        }
        let text = b"HydroCODONE/Apap-10";
        for n in 0..=text.len() {
            let lower = text[..n].to_ascii_lowercase();
            assert!(eq_lowercase(&text[..n], &lower));
            if n > 0 {
                let mut other = lower.clone();
                other[n - 1] ^= 1;
                assert!(!eq_lowercase(&text[..n], &other), "{n}");
            }
        }
        // Non-ASCII bytes are compared as they are (`É` is not folded); the pattern must be
        // lowercase, so one with an ASCII capital matches nothing.
        assert!(eq_lowercase("CAFÉ".as_bytes(), "cafÉ".as_bytes()));
        assert!(!eq_lowercase("café".as_bytes(), "cafÉ".as_bytes()));
        assert!(!eq_lowercase(b"abc", b"ab"));
        assert!(!eq_lowercase(b"NORCO 10MG", b"NORCO 10MG"));
        assert!(!eq_lowercase(b"ABC", b"ABC"));
    }

    #[test]
    fn sixteen_bytes_are_classified_as_one_by_one() {
        for (bytes, b, at) in every_byte_at_every_place(*b" a\x80_Z0@[z9`{/:\xff\n") {
            assert_eq!(word_bits16(bytes), bits(bytes, is_word), "{b} at {at}");
            assert_eq!(break_bits16(bytes), bits(bytes, is_break), "{b} at {at}");
            assert_eq!(
                control_bits16(bytes),
                bits(bytes, is_control),
                "{b} at {at}"
            );
            assert_eq!(
                newline_bits16(bytes),
                bits(bytes, is_newline),
                "{b} at {at}"
            );
            assert_eq!(digit_bits16(bytes), bits(bytes, is_digit), "{b} at {at}");
        }
    }

    #[test]
    fn each_marked_byte_is_visited_once_in_order() {
        let text = b"a\nb\r\n\x0c\x01\t".repeat(7);
        for len in 0..text.len() {
            let mut got = Vec::new();
            each(&text[..len], break_bits16, |i| got.push(i));
            let want: Vec<usize> = (0..len).filter(|&i| is_break(text[i])).collect();
            assert_eq!(got, want, "{len}");
            let mut got = Vec::new();
            each(&text[..len], control_bits16, |i| got.push(i));
            let want: Vec<usize> = (0..len).filter(|&i| is_control(text[i])).collect();
            assert_eq!(got, want, "{len}");
        }
    }
}
