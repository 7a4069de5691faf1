//! The labelled corpus kept in the repository (`corpus/routing/`), built
//! into the binary so a deployment needs no extra files.

use super::features::complaint_text;
use super::Example;

/// `(agency code, file contents)`, one file per handling agency.
const FILES: &[(&str, &str)] = &[
    ("BHXH", include_str!("../../../corpus/routing/BHXH.tsv")),
    ("CA", include_str!("../../../corpus/routing/CA.tsv")),
    ("CN", include_str!("../../../corpus/routing/CN.tsv")),
    ("DL", include_str!("../../../corpus/routing/DL.tsv")),
    ("KKT", include_str!("../../../corpus/routing/KKT.tsv")),
    ("SCT", include_str!("../../../corpus/routing/SCT.tsv")),
    ("SGDDT", include_str!("../../../corpus/routing/SGDDT.tsv")),
    ("SKHCN", include_str!("../../../corpus/routing/SKHCN.tsv")),
    ("SNNMT", include_str!("../../../corpus/routing/SNNMT.tsv")),
    ("SNV", include_str!("../../../corpus/routing/SNV.tsv")),
    ("STC", include_str!("../../../corpus/routing/STC.tsv")),
    ("STP", include_str!("../../../corpus/routing/STP.tsv")),
    ("SVHTTDL", include_str!("../../../corpus/routing/SVHTTDL.tsv")),
    ("SXD", include_str!("../../../corpus/routing/SXD.tsv")),
    ("SYT", include_str!("../../../corpus/routing/SYT.tsv")),
    ("THUE", include_str!("../../../corpus/routing/THUE.tsv")),
    ("UBND_XA", include_str!("../../../corpus/routing/UBND_XA.tsv")),
];

/// Every labelled complaint of the corpus, in file order.
pub fn examples() -> Vec<Example> {
    FILES
        .iter()
        .flat_map(|(code, contents)| {
            contents.lines().filter_map(move |line| {
                let (title, description) = line.split_once('\t')?;
                Some(Example {
                    text: complaint_text(title, description, None),
                    label: (*code).to_owned(),
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_covers_every_handling_agency_with_enough_lines() {
        let examples = examples();
        assert!(examples.len() >= 1_000, "{} examples", examples.len());
        let agencies = include_str!("../../../seed/agencies.csv");
        for line in agencies.lines().skip(1) {
            let code = line.split(',').next().unwrap();
            if code == "VP_UBND" {
                continue;
            }
            let count = examples.iter().filter(|e| e.label == code).count();
            assert!(count >= 50, "{code}: {count} examples");
        }
    }

    #[test]
    fn about_one_in_five_lines_is_typed_without_diacritics() {
        let examples = examples();
        let plain = examples
            .iter()
            .filter(|e| crate::domain::text::fold(&e.text) == e.text.to_lowercase())
            .count();
        let share = plain as f64 / examples.len() as f64;
        assert!((0.15..=0.3).contains(&share), "{share}");
    }
}
