//! What may appear on a public page. The citizen's name, phone and e-mail
//! are never part of a public view; this module also hides what a citizen
//! typed into the free text by mistake: phone numbers, e-mail addresses and
//! their own name.

/// Shown instead of a hidden detail.
pub const HIDDEN: &str = "[đã ẩn]";

/// `text` with phone numbers (spaces, dots and dashes allowed between the
/// digits), e-mail addresses and `name` replaced by
/// [`HIDDEN`].
pub fn redact(text: &str, name: &str) -> String {
    let without_name = redact_name(text, name);
    let without_email = redact_emails(&without_name);
    redact_phones(&without_email)
}

fn redact_name(text: &str, name: &str) -> String {
    let name = name.trim();
    // A one-word name ("An") would hide ordinary words: only full names.
    if name.split_whitespace().count() < 2 {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    let lower_name = name.to_lowercase();
    loop {
        let lower = out.to_lowercase();
        // Lower-casing Vietnamese keeps byte lengths for these letters, but
        // check that the positions map back before replacing.
        let Some(start) = lower.find(&lower_name) else { break };
        let end = start + lower_name.len();
        if lower.len() != out.len() || !out.is_char_boundary(start) || !out.is_char_boundary(end) {
            break;
        }
        out.replace_range(start..end, HIDDEN);
    }
    out
}

fn redact_emails(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|token| {
            let word = token.trim_end();
            let core = word.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '.'));
            if core.contains('@') && core.split('@').nth(1).is_some_and(|d| d.contains('.')) {
                token.replacen(core, HIDDEN, 1)
            } else {
                token.to_owned()
            }
        })
        .collect()
}

fn redact_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            // The longest run of digits and separators from here.
            let mut j = i + 1;
            let mut digits: String = chars[i].is_ascii_digit().then_some(chars[i]).into_iter().collect();
            let mut end = j;
            while j < chars.len() {
                let c = chars[j];
                if c.is_ascii_digit() {
                    digits.push(c);
                    end = j + 1;
                } else if !matches!(c, ' ' | '.' | '-') {
                    break;
                }
                j += 1;
            }
            if looks_like_phone(&digits) {
                out.push_str(HIDDEN);
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Vietnamese numbers: mobile (10 digits) and landline (11) from `0`, or
/// the same after the country code 84. Amounts such as 1.500.000.000 do
/// not start with 0 and stay visible.
fn looks_like_phone(digits: &str) -> bool {
    match digits.strip_prefix("84") {
        Some(rest) if rest.len() == 9 || rest.len() == 10 => true,
        _ => digits.starts_with('0') && (digits.len() == 10 || digits.len() == 11),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_hidden_in_any_spelling() {
        assert_eq!(redact("gọi 0912345678 nhé", ""), "gọi [đã ẩn] nhé");
        assert_eq!(redact("sđt: 0912 345 678.", ""), "sđt: [đã ẩn].");
        assert_eq!(redact("+84 912.345.678", ""), "[đã ẩn]");
    }

    #[test]
    fn ordinary_numbers_stay() {
        let text = "Ngày 12/3/2026, đoạn 50 m, số tiền 1.500.000.000 đồng, thôn 3";
        assert_eq!(redact(text, ""), text);
    }

    #[test]
    fn emails_are_hidden() {
        assert_eq!(
            redact("liên hệ an.nguyen@gmail.com, cảm ơn", ""),
            "liên hệ [đã ẩn], cảm ơn"
        );
    }

    #[test]
    fn the_citizens_own_full_name_is_hidden_in_any_case() {
        assert_eq!(
            redact("Tôi là Nguyễn Văn An, nguyễn văn an ở thôn 3", "Nguyễn Văn An"),
            "Tôi là [đã ẩn], [đã ẩn] ở thôn 3"
        );
        // A single word is not hidden: it would hide ordinary words.
        assert_eq!(redact("an toàn", "An"), "an toàn");
    }
}
