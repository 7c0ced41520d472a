//! French words and numbers shared by every front end: agreement, decimal commas, grouped
//! thousands, percentages, durations, dates, and the words that name an answer.

use jiff::civil::Date;

use crate::domain::question::{Decisive, NumericQuestion, Question, ShortQuestion};

/// Why a file operation failed, in French: the system's own words are English.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "fichier ou dossier introuvable".into(),
        K::PermissionDenied => "permission refusée".into(),
        K::IsADirectory => "c’est un dossier, pas un fichier".into(),
        K::NotADirectory => "un élément du chemin n’est pas un dossier".into(),
        K::StorageFull => "disque plein".into(),
        K::QuotaExceeded => "quota de disque dépassé".into(),
        K::ReadOnlyFilesystem => "support en lecture seule".into(),
        K::AlreadyExists => "le fichier existe déjà".into(),
        K::DirectoryNotEmpty => "le dossier n’est pas vide".into(),
        K::InvalidData => "données illisibles".into(),
        K::InvalidFilename => "nom de fichier invalide".into(),
        K::FileTooLarge => "fichier trop grand".into(),
        K::TimedOut => "délai dépassé".into(),
        K::Interrupted => "opération interrompue".into(),
        K::OutOfMemory => "mémoire insuffisante".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("erreur du système (code {code})"),
            None => "erreur du système".into(),
        },
    }
}

pub const QUIZ_YOUR_ANSWER: &str = "Votre réponse";

pub const QUIZ_RIGHT_ANSWER: &str = "Bonne réponse";

pub const CASE_FICTIVE: &str = "Cas fictif";

pub const QUIZ_TRUE: &str = "Vrai";

pub const QUIZ_FALSE: &str = "Faux";

/// « 12 questions », with French agreement.
pub fn questions(n: usize) -> String {
    plural(n, "question", "questions")
}

/// « 1 réponse », « 12 345 réponses »: French counts 0 and 1 as singular.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n > 1 { many } else { one })
}

/// A number with a French decimal comma and no useless zero: 2 → « 2 », 2.5 → « 2,5 ».
pub fn decimal(x: f64) -> String {
    // Adding 0.0 turns -0.0 (an empty float sum) into 0.0.
    let rounded = (x * 100.0).round() / 100.0 + 0.0;
    let text = if rounded.fract().abs() < 1e-9 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.2}").trim_end_matches('0').to_owned()
    };
    text.replace('.', ",")
}

/// « 83 % ».
pub fn percent(ratio: f64) -> String {
    format!("{} %", (ratio * 100.0).round())
}

/// « 1 min 05 s » or « 42 s ».
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 60 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// « entre 3 et 5 » / « 15 000 » with thousands grouped the French way.
pub fn number(x: f64) -> String {
    let text = decimal(x);
    let (int, frac) = text.split_once(',').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// « entre 3 et 5 jours ».
pub fn between(low: f64, high: f64, unit: &str) -> String {
    format!("entre {} et {}{unit}", number(low), number(high))
}

/// « 66 % (à 1 près) ».
pub fn value_within(value: f64, tolerance: f64, unit: &str) -> String {
    format!("{}{unit} (à {} près)", number(value), number(tolerance))
}

/// The accepted answer of a short question shown after answering: the first worth 100 %.
pub fn short_answer(q: &ShortQuestion) -> Option<String> {
    q.accepted
        .iter()
        .find(|a| a.weight.unwrap_or(100.0) >= 100.0)
        .or(q.accepted.first())
        .map(|a| a.text.clone())
}

/// The accepted value of a numeric question in words: « 15 000 € », « 66 % (à 1 près) »,
/// « entre 3 et 5 jours ».
pub fn numeric_answer(q: &NumericQuestion) -> Option<String> {
    let unit = q.unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
    let a = q
        .answers
        .iter()
        .find(|a| a.weight.unwrap_or(100.0) >= 100.0)
        .or(q.answers.first())?;
    match (a.value, a.min, a.max) {
        (Some(v), _, _) => Some(match a.tolerance.filter(|t| *t > 0.0) {
            Some(t) => value_within(v, t, &unit),
            None => format!("{}{unit}", number(v)),
        }),
        (None, Some(lo), Some(hi)) => Some(between(lo, hi, &unit)),
        _ => None,
    }
}

/// Why a `multiple` question scored 0 whatever else was right (an `Outcome`'s `decisive`):
/// « Réponse inacceptable cochée : « … ». La cocher donne 0 à la question, quelles que soient
/// les autres réponses. »
pub fn decisive(question: &Question, decisive: Decisive) -> String {
    let text = match question {
        Question::Single(c) | Question::Multiple(c) => c
            .choices
            .get(decisive.choice())
            .map_or("?", |choice| choice.text.as_str()),
        _ => "?",
    };
    match decisive {
        Decisive::IndispensableMissed(_) => format!(
            "Réponse indispensable oubliée : « {text} ». La laisser donne 0 à la question, \
             quelles que soient les autres réponses."
        ),
        Decisive::InacceptableTicked(_) => format!(
            "Réponse inacceptable cochée : « {text} ». La cocher donne 0 à la question, \
             quelles que soient les autres réponses."
        ),
    }
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// « 4 mai 2026 », « 1er mars 2026 ».
pub fn date(date: Date) -> String {
    let month = usize::try_from(date.month() - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .unwrap_or(&"?");
    let day = if date.day() == 1 {
        "1er".to_owned()
    } else {
        date.day().to_string()
    };
    format!("{day} {month} {}", date.year())
}

/// « 12 345 » with a narrow no-break space, as French typography groups digits.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        assert_eq!(decimal(2.0), "2");
        assert_eq!(decimal(2.5), "2,5");
        assert_eq!(decimal(0.3333), "0,33");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(number(15000.0), "15\u{202f}000");
        assert_eq!(number(-1_234_567.5), "-1\u{202f}234\u{202f}567,5");
        assert_eq!(number(66.0), "66");
        assert_eq!(percent(0.8333), "83 %");
        assert_eq!(questions(1), "1 question");
        assert_eq!(questions(0), "0 question");
        assert_eq!(questions(12), "12 questions");
        assert_eq!(duration(65_000), "1 min 05 s");
        assert_eq!(duration(4_200), "4 s");
        assert_eq!(
            plural(12_345, "réponse", "réponses"),
            "12\u{202f}345 réponses"
        );
        assert_eq!(date(jiff::civil::date(2028, 3, 1)), "1er mars 2028");
    }

    #[test]
    fn system_errors_in_french() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            io_error(&Error::from(ErrorKind::NotFound)),
            "fichier ou dossier introuvable"
        );
        assert_eq!(
            io_error(&Error::from(ErrorKind::StorageFull)),
            "disque plein"
        );
        assert_eq!(
            io_error(&Error::from_raw_os_error(13)),
            "permission refusée"
        );
        assert_eq!(
            io_error(&Error::from(ErrorKind::IsADirectory)),
            "c’est un dossier, pas un fichier"
        );
    }

    #[test]
    fn decisive_choices_are_told_in_words() {
        let q: Question = serde_json::from_str(
            r#"{"kind":"multiple","id":"q","prompt":"?","correct":[0],
                "choices":[{"text":"Prévenir le médecin du travail","indispensable":true},
                           {"text":"Donner le diagnostic à l’employeur","inacceptable":true}]}"#,
        )
        .expect("a question");
        assert_eq!(
            decisive(&q, Decisive::InacceptableTicked(1)),
            "Réponse inacceptable cochée : « Donner le diagnostic à l’employeur ». La cocher \
             donne 0 à la question, quelles que soient les autres réponses."
        );
        assert_eq!(
            decisive(&q, Decisive::IndispensableMissed(0)),
            "Réponse indispensable oubliée : « Prévenir le médecin du travail ». La laisser \
             donne 0 à la question, quelles que soient les autres réponses."
        );
    }

    #[test]
    fn a_half_percent_rounds_up_everywhere() {
        // 5 of 8 is 62.5 %: the statistics screen and `conseil stats` both say 63 %.
        assert_eq!(percent(5.0 / 8.0), "63 %");
        assert_eq!(percent(0.125), "13 %");
    }
}
