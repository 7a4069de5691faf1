//! Generated words: complaints varied from the labelled routing corpus (so
//! each one's competent agency is known), and the staff's answers, reasons
//! and comments, and the citizens' rating comments.

use rand::rngs::StdRng;
use rand::Rng;

use crate::domain::text::fold;

const TITLE_PREFIXES: &[&str] = &[
    "Phản ánh: ",
    "Kiến nghị: ",
    "Đề nghị xử lý: ",
    "Khẩn: ",
    "Cần giải quyết: ",
];
const TITLE_SUFFIXES: &[&str] = &[" – đề nghị xử lý sớm", " (phản ánh lần 2)", " – cần kiểm tra"];
const OPENINGS: &[&str] = &[
    "Kính gửi các cơ quan chức năng.",
    "Tôi xin phản ánh sự việc như sau.",
    "Kính gửi lãnh đạo tỉnh và các sở, ngành liên quan.",
    "Tôi là người dân sống tại địa phương, xin phản ánh.",
    "Thay mặt bà con trong khu dân cư, tôi xin phản ánh.",
];
const CLOSINGS: &[&str] = &[
    "Rất mong sớm nhận được phản hồi.",
    "Xin trân trọng cảm ơn.",
    "Tôi đã báo với địa phương nhưng chưa được giải quyết.",
    "Đề nghị cơ quan có thẩm quyền kiểm tra, xử lý dứt điểm.",
    "Bà con rất bức xúc, mong được quan tâm.",
    "Tôi có ảnh chụp hiện trường, sẵn sàng cung cấp khi cần.",
];

/// A complaint's title from a corpus title: mostly as it is, sometimes
/// with the words people add. Lines typed without diacritics stay bare.
pub fn title(rng: &mut StdRng, base: &str) -> String {
    if is_plain(base) {
        return base.to_owned();
    }
    match rng.gen_range(0..20) {
        0 | 1 => format!(
            "{}{}",
            TITLE_PREFIXES[rng.gen_range(0..TITLE_PREFIXES.len())],
            lower_first(base)
        ),
        2 | 3 => format!("{base}{}", TITLE_SUFFIXES[rng.gen_range(0..TITLE_SUFFIXES.len())]),
        _ => base.to_owned(),
    }
}

/// A complaint's description from a corpus description: an opening, a
/// sentence about how long it has lasted, a closing, each now and then.
pub fn description(rng: &mut StdRng, base: &str) -> String {
    if is_plain(base) {
        return base.to_owned();
    }
    let mut out = String::with_capacity(base.len() + 120);
    if rng.gen_ratio(1, 5) {
        out.push_str(OPENINGS[rng.gen_range(0..OPENINGS.len())]);
        out.push(' ');
    }
    out.push_str(base);
    if rng.gen_ratio(1, 6) {
        out.push_str(&format!(
            " Tình trạng này đã kéo dài khoảng {} tuần nay.",
            rng.gen_range(1..9)
        ));
    }
    if rng.gen_ratio(1, 3) {
        out.push(' ');
        out.push_str(CLOSINGS[rng.gen_range(0..CLOSINGS.len())]);
    }
    out
}

/// Typed without diacritics (about one corpus line in five).
fn is_plain(text: &str) -> bool {
    fold(text) == text.to_lowercase()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

const FINDINGS: &[&str] = &[
    "Sau khi tiếp nhận phản ánh, {agency} đã cử cán bộ kiểm tra thực tế tại hiện trường.",
    "Qua kiểm tra, xác minh, nội dung phản ánh của Ông/Bà là đúng.",
    "Qua kiểm tra, nội dung phản ánh của Ông/Bà là đúng một phần.",
    "{agency} đã làm việc với các tổ chức, cá nhân liên quan và chính quyền địa phương.",
    "{agency} đã phối hợp với UBND cấp xã nơi xảy ra sự việc để xác minh.",
];
const MEASURES: &[&str] = &[
    "Đơn vị liên quan đã khắc phục xong, hiện trạng đã trở lại bình thường.",
    "{agency} đã yêu cầu đơn vị liên quan khắc phục, thời hạn hoàn thành trong 15 ngày.",
    "Vụ việc đã được xử lý theo đúng quy định của pháp luật; tổ chức, cá nhân vi phạm đã bị xử phạt hành chính.",
    "{agency} đã hướng dẫn Ông/Bà thực hiện thủ tục theo quy định; hồ sơ nộp tại Trung tâm Phục vụ hành chính công.",
    "Nội dung kiến nghị đã được tổng hợp vào kế hoạch năm tới; {agency} sẽ thông báo khi triển khai.",
    "{agency} đã chỉ đạo tăng cường kiểm tra, giám sát để sự việc không tái diễn.",
];
const THANKS: &[&str] = &[
    "Trân trọng cảm ơn Ông/Bà đã quan tâm phản ánh.",
    "Mọi vướng mắc xin liên hệ bộ phận một cửa của {agency} để được hướng dẫn.",
    "Rất mong tiếp tục nhận được sự đồng hành của Ông/Bà.",
];

/// The answer an agency publishes: what it found, what was done, thanks.
pub fn answer(rng: &mut StdRng, agency_name: &str) -> String {
    let parts = [
        FINDINGS[rng.gen_range(0..FINDINGS.len())],
        MEASURES[rng.gen_range(0..MEASURES.len())],
        THANKS[rng.gen_range(0..THANKS.len())],
    ];
    format!("{agency_name} trả lời như sau: {}", parts.join(" ")).replace("{agency}", agency_name)
}

/// The answer after the complaint was reopened.
pub fn further_answer(rng: &mut StdRng, agency_name: &str) -> String {
    format!(
        "Trả lời bổ sung: {agency_name} đã kiểm tra lại theo đề nghị của Ông/Bà. {}",
        MEASURES[rng.gen_range(0..MEASURES.len())].replace("{agency}", agency_name)
    )
}

const REJECT_REASONS: &[&str] = &[
    "Nội dung phản ánh không rõ ràng, không có địa điểm cụ thể để xác minh.",
    "Nội dung là khiếu nại, tố cáo; đề nghị gửi đơn theo quy định của Luật Khiếu nại, Luật Tố cáo.",
    "Vụ việc đang được Tòa án nhân dân thụ lý, giải quyết.",
    "Nội dung có lời lẽ xúc phạm, không đúng mục đích tiếp nhận phản ánh, kiến nghị.",
    "Sự việc xảy ra ngoài địa bàn tỉnh.",
    "Vụ việc đã được trả lời, giải quyết dứt điểm trước đây.",
];

/// Why the coordinator refuses a complaint (public).
pub fn reject_reason(rng: &mut StdRng) -> &'static str {
    REJECT_REASONS[rng.gen_range(0..REJECT_REASONS.len())]
}

/// Why an agency sends a complaint back (internal).
pub fn return_reason(rng: &mut StdRng, competent_agency: &str) -> String {
    match rng.gen_range(0..3) {
        0 => format!("Nội dung không thuộc thẩm quyền của đơn vị, đề nghị chuyển {competent_agency}."),
        1 => format!("Đơn vị không quản lý lĩnh vực này; theo phân cấp thuộc {competent_agency}."),
        _ => "Không thuộc chức năng, nhiệm vụ của đơn vị.".to_owned(),
    }
}

const SEND_BACK_COMMENTS: &[&str] = &[
    "Đề nghị bổ sung kết quả kiểm tra thực tế và thời hạn khắc phục cụ thể.",
    "Câu trả lời chưa đủ căn cứ pháp lý, đề nghị bổ sung.",
    "Đề nghị viết lại ngắn gọn, dễ hiểu cho người dân.",
    "Cần nêu rõ đơn vị chịu trách nhiệm khắc phục.",
];

/// What a leader writes when sending a draft back (internal).
pub fn send_back_comment(rng: &mut StdRng) -> &'static str {
    SEND_BACK_COMMENTS[rng.gen_range(0..SEND_BACK_COMMENTS.len())]
}

const GOOD_COMMENTS: &[&str] = &[
    "Cảm ơn cơ quan đã xử lý nhanh.",
    "Đã khắc phục xong, bà con rất phấn khởi.",
    "Cán bộ nhiệt tình, trả lời rõ ràng.",
    "Rất hài lòng, mong các cơ quan tiếp tục phát huy.",
];
const BAD_COMMENTS: &[&str] = &[
    "Trả lời chung chung, thực tế vẫn chưa khắc phục.",
    "Xử lý quá chậm.",
    "Chưa ai xuống kiểm tra thực tế.",
    "Sự việc vẫn tiếp diễn sau khi trả lời.",
];

/// A rating's comment, when the citizen writes one (about one in four).
pub fn rating_comment(rng: &mut StdRng, score: u8) -> Option<&'static str> {
    if !rng.gen_ratio(1, 4) {
        return None;
    }
    let pool = if score >= 4 { GOOD_COMMENTS } else { BAD_COMMENTS };
    Some(pool[rng.gen_range(0..pool.len())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn variations_keep_the_corpus_text() {
        let mut rng = StdRng::seed_from_u64(3);
        let base = "Ổ gà trên Quốc lộ 47";
        for _ in 0..100 {
            let title = title(&mut rng, base);
            assert!(fold(&title).contains(&fold(base)), "{title}");
            let description = description(&mut rng, "Mặt đường hỏng nặng.");
            assert!(description.contains("Mặt đường hỏng nặng."), "{description}");
        }
        assert_eq!(title(&mut rng, "den duong hong"), "den duong hong");
    }

    #[test]
    fn answers_name_the_agency() {
        let mut rng = StdRng::seed_from_u64(4);
        let text = answer(&mut rng, "Sở Xây dựng");
        assert!(text.starts_with("Sở Xây dựng trả lời như sau: "), "{text}");
        assert!(!text.contains("{agency}"), "{text}");
    }
}
