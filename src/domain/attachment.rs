//! Photos and documents attached to a complaint.

use serde::{Deserialize, Serialize};

/// Largest file accepted, in bytes (a phone photo without downscaling).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Longest side of a photo after downscaling on the phone, in pixels.
pub const MAX_PHOTO_SIDE: u32 = 1600;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// "1,2 MB", "350 KB": sizes as a person reads them.
pub fn format_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_size(1), "1 KB");
        assert_eq!(format_size(350 * 1024), "350 KB");
        assert_eq!(format_size(1_258_291), "1,2 MB");
    }
}
