use super::*;
use crate::domain::content::Glossary;

fn builtin_glossary() -> Vec<GlossaryEntry> {
    let glossary: Glossary =
        serde_json::from_str(include_str!("../../../quizzes/glossary.json")).expect("glossary");
    glossary.entries
}

fn builtin_modules() -> Vec<Module> {
    [
        include_str!("../../../quizzes/04-secret-medical.json"),
        include_str!("../../../quizzes/07-aos.json"),
    ]
    .iter()
    .map(|text| serde_json::from_str(text).expect("module"))
    .collect()
}

fn terms(entries: &[GlossaryEntry], query: &str) -> Vec<String> {
    GlossarySearch::new(entries)
        .find(query)
        .into_iter()
        .map(|i| entries[i].term.clone())
        .collect()
}

/// True when `word` starts a word of the entry (folded).
fn mentions(entry: &GlossaryEntry, word: &str) -> bool {
    let all = fold(&format!(
        "{} {} {}",
        entry.term, entry.expansion, entry.definition
    ));
    word_starts(&all, &fold(word)) > 0
}

#[test]
fn mso_gives_a_handful_with_mso_first() {
    let found = terms(&builtin_glossary(), "MSO");
    assert_eq!(found.first().map(String::as_str), Some("MSO"), "{found:?}");
    assert!(found.contains(&"MSAP".to_owned()), "{found:?}");
    assert!(found.len() <= 5, "{found:?}");
    // Letters scattered in a word are no match: « mégaconsommant » has m, s and o.
    assert!(!found.contains(&"Mégaconsommant".to_owned()), "{found:?}");
    assert_eq!(terms(&builtin_glossary(), "mso"), found);
}

#[test]
fn an_acronym_comes_before_the_entries_that_mention_it() {
    let entries = builtin_glossary();
    let found = terms(&entries, "ELSM");
    assert_eq!(found[0], "ELSM", "{found:?}");
    assert!(found.len() < 10, "{found:?}");
    for term in &found {
        let entry = entries.iter().find(|e| &e.term == term).expect("entry");
        assert!(mentions(entry, "elsm"), "{term} does not mention ELSM");
    }
}

#[test]
fn at_mp_is_found_with_or_without_its_slash() {
    let entries = builtin_glossary();
    for query in ["AT/MP", "at/mp", "at mp", "ATMP", "AT-MP"] {
        let found = terms(&entries, query);
        assert_eq!(found[0], "AT/MP", "{query}: {found:?}");
        assert!(found.len() < 15, "{query}: {found:?}");
    }
}

#[test]
fn secret_lists_only_what_speaks_of_it() {
    let entries = builtin_glossary();
    let found = terms(&entries, "secret");
    assert!(!found.is_empty());
    assert!(found.len() < 10, "{found:?}");
    for term in &found {
        let entry = entries.iter().find(|e| &e.term == term).expect("entry");
        assert!(mentions(entry, "secret"), "{term}");
    }
}

#[test]
fn accents_and_case_are_folded() {
    let entries = builtin_glossary();
    let found = terms(&entries, "echelon");
    assert_eq!(found[0], "ELSM", "{found:?}");
    // The entries named with « échelon » come before those whose definition says it.
    assert_eq!(found[1], "Médecin-conseil chef de service", "{found:?}");
    assert_eq!(terms(&entries, "ÉCHELON"), found);
    assert_eq!(terms(&entries, "Echelon"), found);
    assert_eq!(terms(&entries, "emargement")[0], "Émargement");
    assert_eq!(terms(&entries, "prealable")[0], "Accord préalable");
}

#[test]
fn a_typo_in_a_name_is_forgiven_but_not_scattered_letters() {
    let entries = builtin_glossary();
    let found = terms(&entries, "consolidaton");
    assert_eq!(found, vec!["Consolidation"]);
    assert_eq!(terms(&entries, "rechte")[0], "Rechute");
    // Three letters are too few to guess a typo from.
    assert!(terms(&entries, "cnm").is_empty());
    assert!(terms(&entries, "zzz").is_empty());
}

#[test]
fn empty_query_lists_everything_alphabetically() {
    let entries = builtin_glossary();
    let found = terms(&entries, "  ");
    assert_eq!(found.len(), entries.len());
    let folded: Vec<String> = found.iter().map(|t| fold(t)).collect();
    let mut sorted = folded.clone();
    sorted.sort();
    assert_eq!(folded, sorted);
}

fn docs(list: &[(&'static str, &'static str, &'static str)]) -> Index {
    Index::new(
        list.iter()
            .map(|&(name, alias, text)| Doc { name, alias, text }),
    )
}

#[test]
fn ranks_come_in_order_exact_prefix_name_text() {
    let index = docs(&[
        ("Mise à jour", "", "rien"),
        ("IPP", "", "rien"),
        ("Taux", "incapacité permanente", "voir IP"),
        ("IP", "Incapacité permanente", ""),
        ("Barème", "", "le taux d’IP"),
    ]);
    let hits = index.find("ip");
    let ranks: Vec<(usize, Rank)> = hits.iter().map(|h| (h.doc, h.rank)).collect();
    assert_eq!(
        ranks,
        vec![
            (3, Rank::Exact),
            (1, Rank::Prefix),
            (2, Rank::Text),
            (4, Rank::Text)
        ]
    );
    let hits = index.find("permanente");
    assert_eq!(hits[0].rank, Rank::Name);
    // Equal hits keep the order the documents were given in.
    let order: Vec<usize> = hits.iter().map(|h| h.doc).collect();
    assert_eq!(order, vec![2, 3]);
}

#[test]
fn every_word_of_the_query_must_be_found() {
    let index = docs(&[
        ("Secret", "", "médical et professionnel"),
        ("Secret", "", "des affaires"),
    ]);
    let hits = index.find("secret medical");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc, 0);
    assert_eq!(hits[0].rank, Rank::Text);
    // Search syntax is no syntax here: the marks around a word are dropped.
    assert_eq!(index.find("^sec"), index.find("sec"));
    assert_eq!(index.find("!secret$"), index.find("secret"));
}

#[test]
fn one_letter_searches_names_only() {
    let index = docs(&[("SSI", "", ""), ("CPAM", "", "sous le signe de")]);
    let hits = index.find("s");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc, 0);
}

#[test]
fn lessons_are_found_by_title_then_text_with_an_excerpt() {
    let modules = builtin_modules();
    let search = LessonSearch::new(&modules);
    let hits = search.find("MSO");
    assert!(!hits.is_empty());
    let first = &modules[hits[0].module].lessons[hits[0].lesson];
    assert!(first.title.contains("MSO"), "{}", first.title);
    assert!(hits.len() <= 3, "{hits:?}");
    for hit in &hits {
        assert_eq!(modules[hit.module].id, "aos");
        let excerpt = search.excerpt(*hit, "MSO", 80);
        assert!(excerpt.chars().count() <= 80, "{excerpt}");
    }
    // In the text, the excerpt shows the match.
    let hits = search.find("emprisonnement");
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| modules[h.module].id == "secret-medical")
    );
    let excerpt = search.excerpt(hits[0], "emprisonnement", 80);
    assert!(excerpt.contains("emprisonnement"), "{excerpt}");
    // An empty query lists every lesson, in the course's order.
    let all = search.find("");
    let count: usize = modules.iter().map(|m| m.lessons.len()).sum();
    assert_eq!(all.len(), count);
    assert_eq!((all[0].module, all[0].lesson), (0, 0));
    assert_eq!((all[1].module, all[1].lesson), (0, 1));
}

#[test]
fn markdown_becomes_plain_words() {
    let text = plain_text(
        "## Titre\n\n> « Citation »\n\n- **un an** ;\n- `code`\n\n| a | b |\n|---|:-:|\n| c | d |\n",
    );
    assert_eq!(text, "Titre « Citation » un an ; code a · b c · d");
}

#[test]
fn excerpts_centre_on_the_match() {
    let text = "Le secret médical couvre tout ce qui est venu à la connaissance du médecin \
                dans l’exercice de sa profession, et pas seulement ce qui lui a été confié.";
    let cut = excerpt(text, "profession", 50);
    assert!(cut.starts_with('…'), "{cut}");
    assert!(cut.contains("profession"), "{cut}");
    assert!(cut.ends_with('…'), "{cut}");
    assert!(cut.chars().count() <= 50, "{cut}");
    assert_eq!(excerpt(text, "Le", 20), "Le secret médical…");
    assert_eq!(excerpt(text, "absent", 20), "Le secret médical…");
    assert_eq!(excerpt("court", "court", 20), "court");
    assert_eq!(excerpt("un mot court", "mot", 12), "un mot court");
    assert_eq!(excerpt("un mot court", "mot", 11), "un mot…");
    assert_eq!(excerpt("", "x", 20), "");
    assert_eq!(excerpt(text, "medecin", 500).matches('…').count(), 1);
    assert_eq!(excerpt("anticonstitutionnellement", "anti", 8), "anticon…");
}
