//! Tracking codes (mã tra cứu): what a citizen keeps to follow a complaint.
//!
//! Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L),
//! shown as `ABCD-EFGH`. 31⁸ ≈ 8.5 × 10¹¹ codes: with rate-limited lookups a
//! code cannot be guessed, and it reveals nothing private by itself.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The characters a code is made of.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a code (without the dash).
pub const LENGTH: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingCode(String);

/// Why typed text is not a tracking code; the message is shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackingCodeError {
    #[error("Vui lòng nhập mã tra cứu.")]
    Empty,
    #[error("Mã tra cứu gồm 8 ký tự (bạn đã nhập {0}).")]
    WrongLength(usize),
    #[error("Mã tra cứu chỉ gồm chữ cái và chữ số, không có ký tự “{0}”.")]
    BadCharacter(char),
}

impl TrackingCode {
    /// Reads what a person typed: any case, with or without spaces and
    /// dashes. Characters outside the alphabet (such as O, I, L, 0 and 1)
    /// are refused with a message naming the character.
    pub fn parse(input: &str) -> Result<Self, TrackingCodeError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(TrackingCodeError::Empty);
        }
        if let Some(bad) = cleaned
            .chars()
            .find(|c| !c.is_ascii() || !ALPHABET.contains(&(*c as u8)))
        {
            return Err(TrackingCodeError::BadCharacter(bad));
        }
        let len = cleaned.chars().count();
        if len != LENGTH {
            return Err(TrackingCodeError::WrongLength(len));
        }
        Ok(Self(cleaned))
    }

    /// Makes a code from 64 random bits (the server supplies them).
    pub fn from_random(mut bits: u64) -> Self {
        let base = ALPHABET.len() as u64;
        let code = (0..LENGTH)
            .map(|_| {
                let c = ALPHABET[(bits % base) as usize] as char;
                bits /= base;
                c
            })
            .collect();
        Self(code)
    }

    /// The eight characters, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingCode {
    /// `ABCD-EFGH`: easier to read aloud and to copy from a phone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let code = TrackingCode::parse(" abcd-efgh ").unwrap();
        assert_eq!(code.as_str(), "ABCDEFGH");
        assert_eq!(code.to_string(), "ABCD-EFGH");
        assert_eq!(TrackingCode::parse("ab cd ef gh").unwrap(), code);
    }

    #[test]
    fn refuses_with_reasons() {
        assert_eq!(TrackingCode::parse("  "), Err(TrackingCodeError::Empty));
        assert_eq!(TrackingCode::parse("ABC"), Err(TrackingCodeError::WrongLength(3)));
        assert_eq!(
            TrackingCode::parse("ABCD0FGH"),
            Err(TrackingCodeError::BadCharacter('0'))
        );
        assert_eq!(
            TrackingCode::parse("ABCDĐFGH"),
            Err(TrackingCodeError::BadCharacter('Đ'))
        );
        assert!(TrackingCode::parse("ABC").unwrap_err().to_string().contains("8 ký tự"));
    }

    #[test]
    fn random_codes_use_the_alphabet_and_round_trip() {
        for seed in [0u64, 1, 42, u64::MAX, 0xDEAD_BEEF_CAFE_F00D] {
            let code = TrackingCode::from_random(seed);
            assert_eq!(code.as_str().len(), LENGTH);
            assert_eq!(TrackingCode::parse(&code.to_string()).unwrap(), code);
        }
        assert_ne!(TrackingCode::from_random(1), TrackingCode::from_random(2));
    }
}
