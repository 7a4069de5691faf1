//! The labelled corpus kept in the repository (`corpus/routing/`), built
//! into the binary so a deployment needs no extra files.

use super::features::{competence_phrases, complaint_text};
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
    labelled()
        .map(|(code, title, description)| Example {
            text: complaint_text(title, description, None),
            label: code.to_owned(),
        })
        .collect()
}

/// Every line of the corpus as `(agency code, title, description)`, in file
/// order (the data generator builds its complaints from them).
pub fn labelled() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    FILES.iter().flat_map(|(code, contents)| {
        contents.lines().filter_map(move |line| {
            let (title, description) = line.split_once('\t')?;
            Some((*code, title, description))
        })
    })
}

/// The phrases of each handling agency's `handles` description in
/// `seed/agencies.csv` (what a new database is seeded with).
pub fn seeded_competences() -> Vec<Example> {
    let mut reader = csv::Reader::from_reader(include_str!("../../../seed/agencies.csv").as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|record| record.get(2) != Some("coordinator"))
        .flat_map(|record| {
            let code = record.get(0).unwrap_or_default().to_owned();
            competence_phrases(record.get(3).unwrap_or_default())
                .map(|phrase| Example {
                    text: phrase.to_owned(),
                    label: code.clone(),
                })
                .collect::<Vec<_>>()
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
    fn every_handling_agency_describes_its_competence() {
        let phrases = seeded_competences();
        assert!(phrases.iter().all(|p| p.label != "VP_UBND"));
        assert!(phrases.iter().any(|p| p.label == "DL" && p.text == "Mất điện"));
        for code in ["SXD", "CA", "UBND_XA", "KKT"] {
            assert!(phrases.iter().filter(|p| p.label == code).count() >= 3, "{code}");
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
