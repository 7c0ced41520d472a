//! The built-in curriculum held to its bar: every module loads cleanly, is substantial, dated
//! and sourced, and every acronym it uses is in the glossary.

use std::collections::BTreeSet;

use conseil::content::load::{BUILTIN, Catalog, read_document};

fn builtin() -> Catalog {
    Catalog::load(&[])
}

#[test]
fn every_builtin_file_is_clean() {
    for (name, text) in BUILTIN {
        let report = read_document(name, text.as_bytes());
        let problems: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.render(report.source.as_deref()))
            .collect();
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

#[test]
fn eight_modules_of_at_least_25_questions_and_220_in_all() {
    let catalog = builtin();
    assert!(catalog.problems.is_empty());
    assert_eq!(catalog.modules.len(), 8);
    let mut total = 0;
    for m in &catalog.modules {
        assert!(
            m.questions.len() >= 25,
            "{}: {} questions",
            m.id,
            m.questions.len()
        );
        assert!(m.lessons.len() >= 3, "{}: too few lessons", m.id);
        assert!(
            m.reviewed.is_some() && m.valid_as_of.is_some(),
            "{} is undated",
            m.id
        );
        total += m.question_count();
    }
    assert!(total >= 220, "{total} questions in all");
}

#[test]
fn every_question_teaches_and_cites() {
    for m in &builtin().modules {
        let declared: BTreeSet<&str> = m.sources.iter().map(|s| s.id.as_str()).collect();
        let mut used = BTreeSet::new();
        for q in m.all_questions() {
            assert!(
                q.explanation().chars().count() >= 40,
                "{}: the explanation must teach",
                q.id()
            );
            assert!(!q.sources().is_empty(), "{} has no source", q.id());
            used.extend(q.sources().iter().map(String::as_str));
        }
        for l in &m.lessons {
            used.extend(l.sources.iter().map(String::as_str));
        }
        for c in &m.cases {
            used.extend(c.sources.iter().map(String::as_str));
        }
        let unused: Vec<_> = declared.difference(&used).collect();
        assert!(
            unused.is_empty(),
            "{}: sources never cited: {unused:?}",
            m.id
        );
    }
}

#[test]
fn kinds_are_used_where_they_fit() {
    let catalog = builtin();
    for m in &catalog.modules {
        let kinds: BTreeSet<&str> = m
            .all_questions()
            .map(conseil::domain::question::Question::kind_name)
            .collect();
        assert!(kinds.len() >= 5, "{}: only {kinds:?}", m.id);
    }
    let all: BTreeSet<&str> = catalog
        .modules
        .iter()
        .flat_map(|m| {
            m.all_questions()
                .map(conseil::domain::question::Question::kind_name)
        })
        .collect();
    assert_eq!(all.len(), 8, "every kind appears: {all:?}");
}

#[test]
fn cases_are_fictive_and_say_so() {
    let catalog = builtin();
    let cases: Vec<_> = catalog
        .modules
        .iter()
        .flat_map(|m| m.cases.iter())
        .collect();
    assert!(cases.len() >= 3, "two LCF cases and one AOS case");
    for c in cases {
        assert!(
            c.summary.starts_with("Cas fictif"),
            "{}: {}",
            c.id,
            c.summary
        );
    }
}

/// Words in capitals that are not acronyms: roman numerals, words written in capitals for
/// emphasis or quoted from a slide, and proper names of companies and publishers.
const NOT_ACRONYMS: &[&str] = &[
    "II",
    "III",
    "PAS",
    "RESTREINT",
    "GARANTIR",
    "ACCOMPAGNER",
    "AMÉLIORER",
    "FR",
    "AT",
    "MP",
    "SNCF",
    "RATP",
    "EDF",
    "GDF",
    "EFL",
    "ASH",
    "NOR",
];

/// Capitalised tokens of two letters or more, like « DRSM », « AT/MP » or « CPAM ».
fn acronyms(text: &str, out: &mut BTreeSet<String>) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '/')) {
        let word = word.trim_matches('/');
        // Identifiers of texts and sources (LEGIARTI…, NOR numbers) are not acronyms; a
        // single trailing digit is part of one (DES1).
        let body = word.trim_end_matches(|c: char| c.is_ascii_digit());
        if body.chars().any(|c| c.is_ascii_digit()) || word.len() - body.len() > 1 {
            continue;
        }
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 2
            && letters.iter().filter(|c| c.is_uppercase()).count() >= 2
            && word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .last()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            out.insert(word.to_owned());
        }
    }
}

#[test]
fn the_glossary_covers_every_acronym_used() {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::String(s) => acronyms(s, out),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| k.as_str() != "id")
                .for_each(|(_, x)| walk(x, out)),
            _ => {}
        }
    }
    let catalog = builtin();
    let terms: BTreeSet<&str> = catalog.glossary.iter().map(|e| e.term.as_str()).collect();
    let mut used = BTreeSet::new();
    for m in &catalog.modules {
        let text = serde_json::to_string(m).expect("serializes");
        let value: serde_json::Value = serde_json::from_str(&text).expect("parses");
        walk(&value, &mut used);
    }
    let missing: Vec<&String> = used
        .iter()
        .filter(|a| !terms.contains(a.as_str()) && !NOT_ACRONYMS.contains(&a.as_str()))
        // « MSO/MSAP », « DES1 »: covered when each part is.
        .filter(|a| {
            !a.split('/').all(|p| terms.contains(p))
                && !terms.contains(a.trim_end_matches(|c: char| c.is_ascii_digit()))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "acronyms missing from the glossary: {missing:?}"
    );
}

/// The gestures that break the secret médical or the security rules decide the score alone,
/// and the explanation says so.
#[test]
fn decisive_choices_are_used_and_explained() {
    use conseil::domain::question::{Decisive, Question, Response, grade};
    let catalog = builtin();
    for id in ["secret-medical", "ssi"] {
        let module = catalog.module(id).expect("built-in module");
        let flagged: Vec<&Question> = module
            .all_questions()
            .filter(|q| {
                matches!(q, Question::Multiple(c)
                    if c.choices.iter().any(|ch| ch.indispensable || ch.inacceptable))
            })
            .collect();
        assert!(flagged.len() >= 2, "{id}: {} flagged", flagged.len());
        for q in flagged {
            assert!(q.explanation().contains("donne 0"), "{}", q.id());
        }
    }
    // Every key ticked, and the diagnosis sent to the employer: 0, not 0.5.
    let q = catalog
        .module("secret-medical")
        .and_then(|m| {
            m.all_questions()
                .find(|q| q.id() == "secret-medical.contre-visite-rapport")
        })
        .expect("the question");
    let outcome = grade(q, &Response::Choices(vec![0, 1, 3]));
    assert_eq!(outcome.score, 0.0);
    assert_eq!(outcome.decisive, [Decisive::InacceptableTicked(0)]);
    assert_eq!(grade(q, &Response::Choices(vec![1, 3])).score, 1.0);
}
