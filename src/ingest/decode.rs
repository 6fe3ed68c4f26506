//! Bytes to text: gzip, byte-order marks, UTF-16, Windows-1252, binary sniffing.
//!
//! Documents arrive as whatever the saving browser or scraper wrote. Rather than
//! reject a file for one bad byte, invalid sequences become U+FFFD; a file that is
//! really binary (an image, a PDF, an executable) is refused with a reason, because
//! indexing its bytes as text would only pollute search.

use std::io::Read;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// A decompressed document may not exceed this: it stops gzip bombs.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

/// Why bytes could not become text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file ({0}), skipped")]
    Binary(&'static str),
    #[error("gzip stream inflates past {limit} bytes (a compression bomb?), skipped")]
    TooLarge { limit: u64 },
    #[error("corrupt gzip stream: {0}")]
    Gzip(String),
}

/// True when the bytes start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Inflates a gzip stream, refusing to grow past `limit` bytes.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, DecodeError> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    decoder
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| DecodeError::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(DecodeError::TooLarge { limit });
    }
    Ok(out)
}

/// Decodes document bytes to text: BOM first, then UTF-16 without BOM if the
/// zero-byte pattern says so, then UTF-8, then Windows-1252 (what "Latin-1" pages
/// really are). Binary content is refused.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            // A few bad bytes in an otherwise UTF-8 file: replace them. Mostly
            // invalid: the file is in a legacy single-byte encoding.
            let valid = err.valid_up_to();
            let invalid_share = count_invalid_utf8(bytes) as f64 / bytes.len().max(1) as f64;
            if valid > 0 && invalid_share < 0.001 && has_multibyte_utf8(bytes) {
                Ok(UTF_8.decode_without_bom_handling(bytes).0.into_owned())
            } else {
                Ok(WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned())
            }
        }
    }
}

/// UTF-16 without a BOM shows as every other byte zero in ASCII-heavy text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zero * 10 >= pairs * 9 && even_zero == 0 {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 && odd_zero == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Well-known binary formats, recognised by their magic numbers.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x7fELF", "executable"),
        (b"MZ", "executable"),
        (b"\xd0\xcf\x11\xe0", "Office document"),
        (b"\x1f\x8b", "nested gzip stream"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

fn count_invalid_utf8(bytes: &[u8]) -> usize {
    let mut invalid = 0;
    let mut rest = bytes;
    while let Err(err) = std::str::from_utf8(rest) {
        invalid += 1;
        let skip = err.valid_up_to() + err.error_len().unwrap_or(rest.len() - err.valid_up_to());
        rest = &rest[skip.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
    }
    invalid
}

fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| (0xc2..=0xf4).contains(&w[0]) && (0x80..=0xbf).contains(&w[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_legacy_encodings_decode() {
        assert_eq!(decode(b"\xef\xbb\xbfAl-Assad").as_deref(), Ok("Al-Assad"));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Erdoğan".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Ok("Erdoğan"));
        // Windows-1252 curly quotes and an e-acute.
        assert_eq!(
            decode(b"\x93caf\xe9\x94").as_deref(),
            Ok("\u{201c}caf\u{e9}\u{201d}")
        );
        assert!(matches!(
            decode(b"%PDF-1.4 ..."),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"abc\0\0\x01def"),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn gzip_bombs_stop_at_the_limit() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(
            gunzip(&gz, 1000),
            Err(DecodeError::TooLarge { limit: 1000 })
        );
        assert_eq!(gunzip(&gz, 2 << 20).map(|v| v.len()), Ok(1 << 20));
    }
}
