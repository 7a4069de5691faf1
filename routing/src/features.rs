//! From a complaint's text to the terms the model weighs: folded words
//! (no diacritics, lowercase), common phone abbreviations spelled out,
//! numbers merged, and every pair of neighbouring words, which carries most
//! of the meaning in Vietnamese ("điện" alone is ambiguous, "mất điện" and
//! "xe điện" are not).

use crate::text::{fold, words};

/// Longest title and description read; a 20,000-character paste is cut here.
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_DESCRIPTION_CHARS: usize = 4_000;

/// Abbreviations people type on phones, as the word they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("k", "khong"),
    ("ko", "khong"),
    ("kg", "khong"),
    ("kh", "khong"),
    ("hok", "khong"),
    ("dc", "duoc"),
    ("ng", "nguoi"),
    ("j", "gi"),
    ("vs", "voi"),
    ("bt", "biet"),
    ("r", "roi"),
    ("mn", "moi"),
    ("ntn", "nhu"),
];

/// The words of a complaint: the title twice (it is the citizen's own
/// summary, and weighing it double routes better in cross-validation), the
/// description, then the category name when the citizen chose one.
pub fn complaint_text(title: &str, description: &str, category_name: Option<&str>) -> String {
    let title: String = title.chars().take(MAX_TITLE_CHARS).collect();
    let description: String = description.chars().take(MAX_DESCRIPTION_CHARS).collect();
    let mut text = format!("{title} . {title} . {description}");
    if let Some(category) = category_name {
        text.push_str(" . ");
        text.push_str(category);
    }
    text
}

/// The terms of `text`: single words and neighbouring pairs ("mat_dien").
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let tokens: Vec<&str> = words(&folded).map(normalise_word).collect();
    let mut terms = Vec::with_capacity(tokens.len() * 2);
    terms.extend(tokens.iter().map(|token| (*token).to_owned()));
    terms.extend(tokens.windows(2).map(|pair| format!("{}_{}", pair[0], pair[1])));
    terms
}

fn normalise_word(word: &str) -> &str {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return "#";
    }
    ABBREVIATIONS
        .iter()
        .find(|(short, _)| *short == word)
        .map_or(word, |(_, long)| long)
}

/// The phrases of an agency's description of what it handles ("Mất điện,
/// cắt điện; công tơ" → three phrases): short training examples that teach
/// the model each agency's competence even where the corpus is thin.
pub fn competence_phrases(handles: &str) -> impl Iterator<Item = &str> {
    handles.split([',', ';']).map(str::trim).filter(|p| !p.is_empty())
}

/// Whether `text` holds enough words to route at all: at least two words
/// of two letters or more.
pub fn has_enough_words(text: &str) -> bool {
    let folded = fold(text);
    words(&folded)
        .filter(|word| word.len() >= 2 && !word.bytes().all(|b| b.is_ascii_digit()))
        .count()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_and_without_diacritics_give_the_same_terms() {
        assert_eq!(
            terms("Đường vào thôn 3 bị sụt lún"),
            terms("duong vao thon 3 bi sut lun")
        );
    }

    #[test]
    fn words_then_pairs_with_numbers_merged() {
        assert_eq!(
            terms("Mất điện 3 ngày"),
            ["mat", "dien", "#", "ngay", "mat_dien", "dien_#", "#_ngay"]
        );
    }

    #[test]
    fn phone_abbreviations_are_spelled_out() {
        assert_eq!(terms("ko dc"), ["khong", "duoc", "khong_duoc"]);
        assert_eq!(terms("k co nuoc"), terms("không có nước"));
    }

    #[test]
    fn long_pastes_are_cut() {
        let text = complaint_text("tiêu đề", &"ổ gà ".repeat(10_000), None);
        assert!(text.chars().count() <= 2 * MAX_TITLE_CHARS + MAX_DESCRIPTION_CHARS + 6);
    }

    #[test]
    fn competence_is_split_into_phrases() {
        let phrases: Vec<&str> = competence_phrases("Mất điện, cắt điện; công tơ,, ").collect();
        assert_eq!(phrases, ["Mất điện", "cắt điện", "công tơ"]);
    }

    #[test]
    fn too_little_text_is_recognised() {
        assert!(!has_enough_words(""));
        assert!(!has_enough_words("a b c 123"));
        assert!(!has_enough_words("😡😡😡 <b></b>"));
        assert!(has_enough_words("mất điện"));
    }
}
