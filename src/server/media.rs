//! Uploaded files: their type told from their bytes (never from the name
//! or the browser's claim), and photos stripped of metadata (GPS position,
//! camera, time) before they are stored. Pure functions over bytes.

/// A file type the wizard accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl Kind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Pdf => "pdf",
        }
    }
}

/// Why a file is refused; the message is shown next to the upload field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    #[error("Tệp “{0}” không phải ảnh (JPEG, PNG, WebP) hay tài liệu PDF.")]
    UnsupportedType(String),
    #[error("Tệp “{0}” bị hỏng hoặc không đọc được.")]
    Damaged(String),
}

/// The type of `bytes`, from their signature.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Kind::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else {
        None
    }
}

/// Checks `bytes` and returns what to store: photos without metadata,
/// documents as they are.
pub fn clean(name: &str, bytes: &[u8]) -> Result<(Kind, Vec<u8>), MediaError> {
    let kind = sniff(bytes).ok_or_else(|| MediaError::UnsupportedType(name.to_owned()))?;
    let damaged = || MediaError::Damaged(name.to_owned());
    let cleaned = match kind {
        Kind::Jpeg => strip_jpeg(bytes).ok_or_else(damaged)?,
        Kind::Png => strip_png(bytes).ok_or_else(damaged)?,
        Kind::Webp => strip_webp(bytes).ok_or_else(damaged)?,
        Kind::Pdf => bytes.to_vec(),
    };
    Ok((kind, cleaned))
}

/// JPEG without its APP1–APP15 segments (EXIF with GPS, XMP, IPTC…) and
/// comments. APP0 (JFIF) stays; the colour profile (APP2) is dropped too,
/// which only shifts colours slightly on a few screens.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]); // SOI
    let mut i = 2;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        match marker {
            // Start of scan: the rest is image data (and EOI).
            0xDA => {
                out.extend_from_slice(&bytes[i..]);
                return Some(out);
            }
            0xD9 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                return Some(out);
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
            }
            _ => {
                let len = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
                if len < 2 {
                    return None;
                }
                let end = i + 2 + len;
                let segment = bytes.get(i..end)?;
                let is_metadata = (0xE1..=0xEF).contains(&marker) || marker == 0xFE;
                if !is_metadata {
                    out.extend_from_slice(segment);
                }
                i = end;
            }
        }
    }
}

/// PNG without text and EXIF chunks (`tEXt`, `zTXt`, `iTXt`, `eXIf`,
/// `tIME`).
fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut i = 8;
    while i < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(i + 4..i + 8)?;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = bytes.get(i..end)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// WebP without its `EXIF` and `XMP ` chunks (and their flags in `VP8X`).
fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(bytes.len());
    let mut i = 12;
    while i < bytes.len() {
        let kind = bytes.get(i..i + 4)?;
        let len = u32::from_le_bytes(bytes.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let end = (i + 8 + padded).min(bytes.len());
        let chunk = bytes.get(i..end)?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut chunk = chunk.to_vec();
                // Flags byte: bit 3 EXIF, bit 2 XMP.
                *chunk.get_mut(8)? &= !0b0000_1100;
                body.extend_from_slice(&chunk);
            }
            _ => body.extend_from_slice(chunk),
        }
        i = end;
    }
    let mut out = Vec::with_capacity(body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&u32::try_from(body.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG skeleton: SOI, APP0 JFIF, APP1 EXIF with a GPS marker, a
    /// comment, DQT, SOS with data, EOI.
    fn jpeg_with_gps() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
        let exif = b"Exif\0\0GPSLatitude=19.80";
        b.extend_from_slice(&[0xFF, 0xE1]);
        b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(exif);
        b.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x06, b'h', b'i', b'!', b'!']);
        b.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02]);
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]);
        b
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(&jpeg_with_gps()), Some(Kind::Jpeg));
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"<html>not a photo</html>"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert!(matches!(
            clean("virus.jpg", b"MZ\x90\x00"),
            Err(MediaError::UnsupportedType(name)) if name == "virus.jpg"
        ));
    }

    #[test]
    fn jpeg_loses_exif_and_comments_and_keeps_the_image() {
        let (kind, cleaned) = clean("a.jpg", &jpeg_with_gps()).unwrap();
        assert_eq!(kind, Kind::Jpeg);
        assert!(!contains(&cleaned, b"GPSLatitude"));
        assert!(!contains(&cleaned, b"hi!!"));
        assert!(contains(&cleaned, b"JFIF"));
        assert!(contains(&cleaned, &[0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02]));
        assert!(cleaned.ends_with(&[0x11, 0x22, 0x33, 0xFF, 0xD9]));
    }

    #[test]
    fn a_truncated_jpeg_is_damaged() {
        let bytes = jpeg_with_gps();
        assert!(matches!(clean("a.jpg", &bytes[..12]), Err(MediaError::Damaged(_))));
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]); // CRC (not checked here)
        c
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(png_chunk(b"IHDR", &[0; 13]));
        b.extend(png_chunk(b"eXIf", b"GPS 19.8 105.7"));
        b.extend(png_chunk(b"tEXt", b"Author\0An"));
        b.extend(png_chunk(b"IDAT", b"pixels"));
        b.extend(png_chunk(b"IEND", b""));
        let (_, cleaned) = clean("a.png", &b).unwrap();
        assert!(!contains(&cleaned, b"GPS"));
        assert!(!contains(&cleaned, b"Author"));
        assert!(contains(&cleaned, b"IDATpixels"));
        assert!(contains(&cleaned, b"IEND"));
    }

    #[test]
    fn webp_loses_exif_and_its_flag() {
        let mut body = b"VP8X".to_vec();
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(&[0b0000_1100, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        body.extend_from_slice(b"VP8L");
        body.extend_from_slice(&3u32.to_le_bytes());
        body.extend_from_slice(&[1, 2, 3, 0]);
        body.extend_from_slice(b"EXIF");
        body.extend_from_slice(&4u32.to_le_bytes());
        body.extend_from_slice(b"GPS!");
        let mut b = b"RIFF".to_vec();
        b.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        b.extend_from_slice(b"WEBP");
        b.extend(body);
        let (kind, cleaned) = clean("a.webp", &b).unwrap();
        assert_eq!(kind, Kind::Webp);
        assert!(!contains(&cleaned, b"GPS!"));
        assert_eq!(cleaned[20], 0, "EXIF and XMP flags cleared");
        let declared = u32::from_le_bytes(cleaned[4..8].try_into().unwrap()) as usize;
        assert_eq!(declared + 8, cleaned.len());
    }
}
