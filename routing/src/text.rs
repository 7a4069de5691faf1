//! Vietnamese text as people type it on phones: with or without diacritics,
//! in any case, sometimes pasted in decomposed Unicode. [`fold`] maps all of
//! these to one plain lowercase ASCII form, so "Hàm Rồng", "ham rong" and
//! "HÀM RỒNG" compare equal. Routing, search and the commune picker use it;
//! it is pure, so it runs in the browser too.

/// Lowercase ASCII without diacritics: "Đường Hỏng" → "duong hong".
/// Characters outside Latin letters keep their lowercase form.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Combining marks (text typed in decomposed form) are dropped.
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        match base_letter(c) {
            Some(base) => out.push(base),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The plain lowercase letter under a Vietnamese letter with diacritics.
fn base_letter(c: char) -> Option<char> {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
        ('e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
        ('i', "ìíỉĩịÌÍỈĨỊ"),
        ('o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
        ('u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
        ('y', "ỳýỷỹỵỲÝỶỸỴ"),
        ('d', "đĐ"),
    ];
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    GROUPS
        .iter()
        .find(|(_, letters)| letters.contains(c))
        .map(|&(base, _)| base)
}

/// Words of folded text: runs of ASCII letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether `haystack` contains every word of `query`, ignoring diacritics
/// and case, each as the start of a word: "ham rong" matches "Phường Hàm
/// Rồng", "p ham" matches too.
pub fn matches_words(haystack: &str, query: &str) -> bool {
    let haystack = fold(haystack);
    let hay_words: Vec<&str> = words(&haystack).collect();
    let query = fold(query);
    let matched = words(&query).all(|q| hay_words.iter().any(|w| w.starts_with(q)));
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_tone_and_vowel_mark() {
        assert_eq!(fold("Đường vào thôn 3 bị sụt lún"), "duong vao thon 3 bi sut lun");
        assert_eq!(fold("HÀM RỒNG"), "ham rong");
        assert_eq!(fold("Ưu tiên ỷ lại, ữ ự ỵ"), "uu tien y lai, u u y");
        assert_eq!(
            fold("Sở Văn hóa, Thể thao và Du lịch"),
            "so van hoa, the thao va du lich"
        );
    }

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        let decomposed = "Ha\u{0300}m Ro\u{0302}\u{0300}ng";
        assert_eq!(fold(decomposed), "ham rong");
    }

    #[test]
    fn other_characters_survive_lowercased() {
        assert_eq!(fold("QL45 – 200k 😡 <b>"), "ql45 – 200k 😡 <b>");
    }

    #[test]
    fn words_split_on_anything_not_alphanumeric() {
        let folded = fold("Ngõ 12/5, tổ 3 (phường Đông Sơn)!!");
        assert_eq!(
            words(&folded).collect::<Vec<_>>(),
            ["ngo", "12", "5", "to", "3", "phuong", "dong", "son"]
        );
    }

    #[test]
    fn word_prefix_matching_ignores_diacritics() {
        assert!(matches_words("Phường Hàm Rồng", "ham rong"));
        assert!(matches_words("Phường Hàm Rồng", "HÀM R"));
        assert!(matches_words("Phường Hàm Rồng", "p ham"));
        assert!(!matches_words("Phường Hàm Rồng", "hac"));
        assert!(matches_words("Phường Hàm Rồng", ""));
    }
}
