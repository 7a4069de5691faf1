//! Generated citizens: Vietnamese names drawn from weighted family, middle
//! and given names, mobile numbers, e-mail addresses and street addresses.

use rand::rngs::StdRng;
use rand::Rng;

use crate::domain::text::fold;

/// Family names (họ) with rough shares in percent; Trịnh, Lê and the Thái
/// and Mường names of the mountain districts (Hà, Lò, Lương, Cầm) are
/// common in Thanh Hóa.
const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 330),
    ("Lê", 120),
    ("Trần", 90),
    ("Phạm", 60),
    ("Hoàng", 45),
    ("Trịnh", 35),
    ("Vũ", 30),
    ("Đỗ", 25),
    ("Bùi", 25),
    ("Phan", 20),
    ("Đặng", 20),
    ("Mai", 20),
    ("Đinh", 18),
    ("Hà", 18),
    ("Ngô", 15),
    ("Lương", 12),
    ("Cao", 10),
    ("Đào", 10),
    ("Dương", 10),
    ("Hồ", 8),
    ("Lò", 8),
    ("Đoàn", 8),
    ("Tạ", 6),
    ("Lưu", 6),
    ("Cầm", 5),
    ("Quách", 5),
    ("Tống", 5),
    ("Lại", 4),
];

const MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 35),
    ("Đức", 8),
    ("Minh", 8),
    ("Quang", 6),
    ("Hữu", 6),
    ("Công", 5),
    ("Xuân", 5),
    ("Đình", 5),
    ("Ngọc", 4),
    ("Thanh", 4),
    ("Mạnh", 3),
    ("Trọng", 3),
    ("Bá", 3),
    ("Tiến", 3),
    ("Anh", 2),
];

const MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 45),
    ("Ngọc", 7),
    ("Thu", 6),
    ("Thanh", 6),
    ("Hồng", 5),
    ("Minh", 4),
    ("Phương", 4),
    ("Kim", 4),
    ("Thùy", 4),
    ("Khánh", 3),
    ("Bảo", 2),
];

const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hoàng",
    "Đức", "Kiên", "Hưng", "Toàn", "Lợi", "Thịnh", "Tâm", "Chiến", "Hậu",
];

const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Huyền", "Hương", "Lan", "Liên",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy",
    "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Xuân", "Nhàn", "Lý",
];

/// Second middle names, for the one name in twelve that has two.
const EXTRA_MIDDLE: &[&str] = &["Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Xuân", "Kim"];

const MAIL_DOMAINS: &[(&str, u32)] = &[
    ("gmail.com", 78),
    ("yahoo.com", 10),
    ("outlook.com", 6),
    ("thanhhoa.gov.vn", 3),
    ("hotmail.com", 3),
];

/// Streets of the wards (phường) for generated addresses.
const STREETS: &[&str] = &[
    "Lê Lợi",
    "Trần Phú",
    "Bà Triệu",
    "Quang Trung",
    "Nguyễn Trãi",
    "Lê Lai",
    "Hàm Nghi",
    "Phan Chu Trinh",
    "Trường Thi",
    "Đại lộ Nam Sông Mã",
    "Tống Duy Tân",
    "Lý Thường Kiệt",
    "Nguyễn Du",
    "Hải Thượng Lãn Ông",
    "Bến Ngự",
    "Tô Vĩnh Diện",
    "Lạc Long Quân",
    "Dương Đình Nghệ",
    "Nguyễn Chí Thanh",
    "Hồ Xuân Hương",
];

/// Hamlets (thôn) of the communes (xã) for generated addresses.
const HAMLETS: &[&str] = &[
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Phú Lâm",
    "Yên Trung",
    "Đồng Tâm",
    "Tân Phong",
    "Quyết Thắng",
    "Bản Chiềng",
    "Bản Khộ",
    "Liên Sơn",
];

/// Picks from `(item, weight)` pairs in proportion to the weights.
pub fn weighted<'a, T>(rng: &mut StdRng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total);
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    &items[items.len() - 1].0
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

/// A citizen as the complaint records them.
#[derive(Debug, Clone, PartialEq)]
pub struct Citizen {
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
}

/// A full Vietnamese name: family, middle (sometimes two) and given name.
pub fn full_name(rng: &mut StdRng) -> String {
    let female = rng.gen_bool(0.5);
    let family = *weighted(rng, FAMILY);
    let (middle, given) = if female {
        (*weighted(rng, MIDDLE_FEMALE), pick(rng, GIVEN_FEMALE))
    } else {
        (*weighted(rng, MIDDLE_MALE), pick(rng, GIVEN_MALE))
    };
    let extra = pick(rng, EXTRA_MIDDLE);
    if rng.gen_ratio(1, 12) && extra != middle && extra != given {
        format!("{family} {middle} {extra} {given}")
    } else {
        format!("{family} {middle} {given}")
    }
}

/// A mobile number as citizens type it: `09` and eight digits.
pub fn phone(rng: &mut StdRng) -> String {
    format!("09{:08}", rng.gen_range(0..100_000_000u32))
}

/// An address-book e-mail made from the name, e.g. `huongnguyen87@gmail.com`.
pub fn email(rng: &mut StdRng, name: &str) -> String {
    let parts: Vec<String> = name.split(' ').map(fold).collect();
    let (family, given) = (&parts[0], &parts[parts.len() - 1]);
    let local = match rng.gen_range(0..4) {
        0 => format!("{given}{family}"),
        1 => format!("{given}.{family}{}", rng.gen_range(1..100)),
        2 => format!("{given}{family}{}", rng.gen_range(60..100)),
        _ => {
            let initials: String = parts[..parts.len() - 1]
                .iter()
                .filter_map(|p| p.chars().next())
                .collect();
            format!("{given}{initials}{}", rng.gen_range(1..1000))
        }
    };
    format!("{local}@{}", weighted(rng, MAIL_DOMAINS))
}

/// A citizen; about three in ten give an e-mail address.
pub fn citizen(rng: &mut StdRng) -> Citizen {
    let name = full_name(rng);
    let phone = phone(rng);
    let email = rng.gen_bool(0.3).then(|| email(rng, &name));
    Citizen { name, phone, email }
}

/// Where it happened, within the commune: a house on a street in a ward, a
/// hamlet in a commune; one in ten leaves the field empty.
pub fn address(rng: &mut StdRng, in_ward: bool) -> String {
    if rng.gen_ratio(1, 10) {
        return String::new();
    }
    if in_ward {
        format!("Số {} đường {}", rng.gen_range(1..300), pick(rng, STREETS))
    } else if rng.gen_bool(0.5) {
        format!("Thôn {}", rng.gen_range(1..15))
    } else {
        format!("Thôn {}", pick(rng, HAMLETS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn names_are_vietnamese_with_a_known_family_name() {
        let mut rng = StdRng::seed_from_u64(7);
        let names: Vec<String> = (0..5_000).map(|_| full_name(&mut rng)).collect();
        for name in &names {
            let words: Vec<&str> = name.split(' ').collect();
            assert!((3..=4).contains(&words.len()), "{name}");
            assert!(FAMILY.iter().any(|(f, _)| *f == words[0]), "{name}");
        }
        let nguyen = names.iter().filter(|n| n.starts_with("Nguyễn ")).count() as f64 / names.len() as f64;
        assert!((0.25..0.42).contains(&nguyen), "Nguyễn share {nguyen}");
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert!(distinct.len() > 2_000, "only {} distinct names", distinct.len());
    }

    #[test]
    fn phones_and_emails_look_real() {
        let mut rng = StdRng::seed_from_u64(8);
        let citizens: Vec<Citizen> = (0..10_000).map(|_| citizen(&mut rng)).collect();
        for c in &citizens {
            assert_eq!(c.phone.len(), 10, "{}", c.phone);
            assert!(c.phone.starts_with("09") && c.phone.bytes().all(|b| b.is_ascii_digit()));
            if let Some(email) = &c.email {
                assert!(
                    email.is_ascii() && email.contains('@') && !email.contains(' '),
                    "{email}"
                );
            }
        }
        let with_email = citizens.iter().filter(|c| c.email.is_some()).count() as f64 / 10_000.0;
        assert!((0.27..0.33).contains(&with_email), "{with_email}");
    }

    #[test]
    fn addresses_fit_the_kind_of_place() {
        let mut rng = StdRng::seed_from_u64(9);
        for _ in 0..200 {
            let ward = address(&mut rng, true);
            assert!(ward.is_empty() || ward.starts_with("Số "), "{ward}");
            let commune = address(&mut rng, false);
            assert!(commune.is_empty() || commune.starts_with("Thôn "), "{commune}");
        }
    }
}
