//! One test per rule: an item that must fire and a near miss that must not; then the
//! `lint_allow` entries as `conseil check` judges them.

use super::*;
use crate::content::diag::Severity;
use crate::content::load::{FileReport, read_document};

fn quoted(texts: &[&str]) -> String {
    texts
        .iter()
        .map(|t| format!(r#"{{"text": {}}}"#, serde_json::json!(t)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn single(id: &str, prompt: &str, key: usize, texts: &[&str]) -> String {
    format!(
        r#"{{"kind": "single", "id": "{id}", "prompt": {}, "explanation": "e", "sources": ["s"],
            "choices": [{}], "correct": [{key}]}}"#,
        serde_json::json!(prompt),
        quoted(texts)
    )
}

fn multiple(id: &str, keys: &[usize], texts: &[&str]) -> String {
    format!(
        r#"{{"kind": "multiple", "id": "{id}", "prompt": "Que faites-vous ?", "explanation": "e",
            "sources": ["s"], "choices": [{}], "correct": {keys:?}}}"#,
        quoted(texts)
    )
}

fn tf(id: &str, answer: bool, prompt: &str) -> String {
    format!(
        r#"{{"kind": "true_false", "id": "{id}", "prompt": {}, "explanation": "e",
            "sources": ["s"], "answer": {answer}}}"#,
        serde_json::json!(prompt)
    )
}

fn source(questions: &[String]) -> String {
    format!(
        r#"{{"format_version": 1, "id": "t", "title": "T", "summary": "S",
            "sources": [{{"id": "s", "label": "Source"}}],
            "questions": [
{}
            ]}}"#,
        questions.join(",\n")
    )
}

fn module(questions: &[String]) -> Module {
    serde_json::from_str(&source(questions)).expect("a module")
}

/// Where `code` fires in the module: the question's path, or « module ».
fn fired(questions: &[String], code: Code) -> Vec<String> {
    super::module(&module(questions))
        .into_iter()
        .filter(|l| l.finding.code == code)
        .map(|l| l.question.map_or("module".into(), |p| p.to_string()))
        .collect()
}

const PROMPT: &str = "Quelle est la règle ?";

#[test]
fn longest_option() {
    let key = "un deux trois quatre"; // 20 characters, 4 words
    let fires = single("a", PROMPT, 1, &["abcdefghijklmn", key, "court"]);
    // The longest wrong option at exactly 0.75 × the key is not « shorter ».
    let at_ratio = single("b", PROMPT, 1, &["abcdefghijklmno", key, "court"]);
    // A key of three words may be the longest without being a cue.
    let three_words = single("c", PROMPT, 0, &["un deux troisquatre", "ab", "cd"]);
    assert_eq!(
        fired(&[fires, at_ratio, three_words], Code::LongestOption),
        ["questions[0]"]
    );
}

#[test]
fn absolute_word() {
    let questions = [
        tf(
            "false",
            false,
            "Le médecin-conseil communique TOUJOURS le diagnostic.",
        ),
        tf(
            "true",
            true,
            "Le médecin-conseil est toujours tenu au secret.",
        ),
        tf(
            "plain",
            false,
            "Le médecin-conseil communique le diagnostic.",
        ),
        single(
            "wrong",
            PROMPT,
            0,
            &["Le médecin traitant", "Jamais", "L’employeur"],
        ),
        // The key carries the same family (« seule » for « seul »): no cue.
        single(
            "both",
            PROMPT,
            0,
            &["La seule victime", "Seul l’employeur", "Le juge"],
        ),
    ];
    assert_eq!(
        fired(&questions, Code::AbsoluteWord),
        ["questions[0]", "questions[3]"]
    );
}

#[test]
fn all_of_the_above() {
    let fires = multiple(
        "a",
        &[0, 1],
        &["Le patient", "Son médecin", "Toutes les réponses ci-dessus"],
    );
    let near = multiple(
        "b",
        &[0, 1],
        &["Le patient", "Son médecin", "Toutes les pièces du dossier"],
    );
    let none = single(
        "c",
        PROMPT,
        0,
        &["Le patient", "L’employeur", "Aucune des propositions"],
    );
    assert_eq!(
        fired(&[fires, near, none], Code::AllOfTheAbove),
        ["questions[0]", "questions[2]"]
    );
}

#[test]
fn negative_stem() {
    let options = ["Le patient", "L’employeur", "Le juge"];
    let questions = [
        single("a", "Qui ne peut pas recevoir le diagnostic ?", 1, &options),
        single("b", "Qui NE peut PAS recevoir le diagnostic ?", 1, &options),
        single("c", "Tous peuvent le recevoir, sauf :", 1, &options),
        single("d", "Tous peuvent le recevoir, SAUF :", 1, &options),
        single("e", "Quelle affirmation est inexacte ?", 1, &options),
        single("f", "Qui reçoit le diagnostic ?", 0, &options),
        tf("g", true, "L’employeur n’a pas accès au diagnostic."),
    ];
    assert_eq!(
        fired(&questions, Code::NegativeStem),
        [
            "questions[0]",
            "questions[2]",
            "questions[4]",
            "questions[6]"
        ]
    );
}

#[test]
fn vague_word() {
    let questions = [
        single(
            "a",
            PROMPT,
            0,
            &["En principe trois jours", "Sept jours", "Aucun"],
        ),
        // A word that starts like one is not it; a vague prompt is not an option.
        single(
            "b",
            "Le plus souvent ?",
            0,
            &["Trois jours", "Souvenirs", "Aucun"],
        ),
        multiple("c", &[0], &["Le patient", "Parfois l’employeur", "Le juge"]),
    ];
    assert_eq!(
        fired(&questions, Code::VagueWord),
        ["questions[0]", "questions[2]"]
    );
}

fn statements(trues: usize, falses: usize) -> Vec<String> {
    (0..trues)
        .map(|i| tf(&format!("v{i}"), true, "Vrai."))
        .chain((0..falses).map(|i| tf(&format!("f{i}"), false, "Faux.")))
        .collect()
}

#[test]
fn true_false_balance() {
    let code = Code::TrueFalseBalance;
    assert_eq!(fired(&statements(1, 4), code), ["module"]);
    assert_eq!(fired(&statements(4, 1), code), ["module"]);
    // 40 % and 60 % are within bounds.
    assert!(fired(&statements(2, 3), code).is_empty());
    assert!(fired(&statements(3, 2), code).is_empty());
    // Fewer than five statements: too few to judge.
    assert!(fired(&statements(0, 4), code).is_empty());
}

fn with_keys(counts: &[usize]) -> Vec<String> {
    let texts = ["a", "b", "c", "d", "e"];
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| multiple(&format!("m{i}"), &(0..n).collect::<Vec<_>>(), &texts))
        .collect()
}

#[test]
fn key_count() {
    let code = Code::KeyCount;
    assert_eq!(fired(&with_keys(&[3, 3, 3, 2]), code), ["module"]);
    // Half is not more than half.
    assert!(fired(&with_keys(&[3, 3, 2, 1]), code).is_empty());
    // Fewer than four items: too few to judge.
    assert!(fired(&with_keys(&[3, 3, 3]), code).is_empty());
}

/// Six single questions of four options; the key is the single longest in `longest` of them
/// and stored first in `first` of them.
fn singles(longest: usize, first: usize) -> Vec<String> {
    (0..6)
        .map(|i| {
            let key = if i < first { 0 } else { 2 };
            let mut texts = vec!["bbbb", "cccc", "dddd", "eeee"];
            if i < longest {
                texts[key] = "la plus longue";
            }
            single(&format!("s{i}"), PROMPT, key, &texts)
        })
        .collect()
}

#[test]
fn longest_key_rate() {
    let code = Code::LongestKeyRate;
    // Chance is 25 %: 3 of 6 (50 %) is more than 15 points above, 2 of 6 (33 %) is not.
    assert_eq!(fired(&singles(3, 0), code), ["module"]);
    assert!(fired(&singles(2, 0), code).is_empty());
    // Five single questions: too few to judge.
    assert!(fired(&singles(6, 0)[..5], code).is_empty());
}

#[test]
fn key_first() {
    let code = Code::KeyFirst;
    assert_eq!(fired(&singles(0, 4), code), ["module"]);
    // Half is not more than half.
    assert!(fired(&singles(0, 3), code).is_empty());
    assert!(fired(&singles(0, 6)[..5], code).is_empty());
}

#[test]
fn well_written_items_raise_nothing() {
    let questions = [
        single(
            "a",
            "Un employeur vous appelle pour connaître le motif d’un arrêt. Que répondez-vous ?",
            2,
            &[
                "Je lui donne le motif s’il le demande par écrit",
                "Je lui confirme le motif s’il le devine",
                "Je lui dis que le motif est couvert par le secret",
                "Je lui transmets le certificat du médecin traitant",
            ],
        ),
        multiple(
            "b",
            &[0, 3],
            &[
                "Le service du contrôle médical",
                "L’employeur",
                "Le collègue du salarié",
                "Le médecin traitant, avec l’accord du patient",
            ],
        ),
        tf(
            "c",
            false,
            "L’employeur reçoit le volet médical de l’arrêt.",
        ),
    ];
    assert_eq!(super::module(&module(&questions)), Vec::new());
}

fn with_allow(allow: &str) -> FileReport {
    let q = tf("x", false, "Le secret est toujours levé devant le juge.");
    let q = q.replacen(r#""kind""#, &format!(r#""lint_allow": {allow}, "kind""#), 1);
    read_document("m.json", source(&[q]).as_bytes())
}

fn codes(checked: &Checked) -> Vec<&'static str> {
    checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

#[test]
fn lint_allow_keeps_a_justified_exception() {
    let report =
        with_allow(r#"[{"code": "absolute-word", "reason": "Art. 226-13 : « jamais »."}]"#);
    let checked = check(&report);
    assert_eq!(codes(&checked), Vec::<&str>::new());
    assert_eq!(checked.allowed.len(), 1);
    let a = &checked.allowed[0];
    assert_eq!((a.question.as_str(), a.code), ("x", Code::AbsoluteWord));
    assert_eq!((a.file.as_str(), a.line), ("m.json", 4));
    assert_eq!(a.reason, "Art. 226-13 : « jamais ».");
    // Without the entry, the warning fires.
    assert_eq!(codes(&check(&with_allow("[]"))), ["absolute-word"]);
}

#[test]
fn lint_allow_without_reason_or_purpose_is_reported() {
    let no_reason = check(&with_allow(r#"[{"code": "absolute-word", "reason": " "}]"#));
    assert_eq!(codes(&no_reason), ["absolute-word", "lint-allow-reason"]);
    assert!(no_reason.allowed.is_empty());
    let unused = check(&with_allow(r#"[{"code": "vague-word", "reason": "r"}]"#));
    assert_eq!(codes(&unused), ["absolute-word", "lint-allow-unused"]);
    assert_eq!(
        unused.diagnostics[1].path.as_deref(),
        Some("questions[0].lint_allow[0].code")
    );
    let module_wide = check(&with_allow(r#"[{"code": "key-first", "reason": "r"}]"#));
    assert_eq!(codes(&module_wide), ["absolute-word", "lint-allow-unknown"]);
    let unknown = check(&with_allow(r#"[{"code": "absolute", "reason": "r"}]"#));
    assert_eq!(codes(&unknown), ["absolute-word", "lint-allow-unknown"]);
    let misspelt = check(&with_allow(r#"[{"code": "absolute-word", "raison": "r"}]"#));
    assert_eq!(codes(&misspelt), ["lint-allow-invalid", "absolute-word"]);
    assert_eq!(misspelt.diagnostics[0].severity, Severity::Warning);
}
