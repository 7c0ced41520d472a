//! Whatever the bytes, loading a module gives diagnostics, never a panic.

use conseil::content::load::read_document;
use proptest::prelude::*;

const BASES: &[&str] = &[
    include_str!("fixtures/check/valid.json"),
    include_str!("fixtures/check/rules.json"),
];

/// One edit of a valid file: the kinds of damage a hand-edited or truncated file shows.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(b"{}[]\",:\\0123456789-.eE tfn\n\xff\xc3\xa9".to_vec());
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..40usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (
            any::<usize>(),
            prop::collection::vec(interesting.clone(), 1..8)
        )
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), interesting).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (any::<usize>(), 1..200usize).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = bytes.len().max(1);
    match m {
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::Delete(at, n) => {
            let start = at % len;
            let end = (start + n).min(bytes.len());
            bytes.drain(start.min(end)..end);
        }
        Mutation::Insert(at, new) => {
            let at = at % len;
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Replace(at, b) => {
            let at = at % len;
            if at < bytes.len() {
                bytes[at] = *b;
            }
        }
        Mutation::Duplicate(at, n) => {
            let start = at % len;
            let end = (start + n).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            bytes.splice(end..end, piece);
        }
    }
    bytes
}

fn load_and_render(bytes: &[u8]) {
    let report = read_document("fuzz.json", bytes);
    for d in &report.diagnostics {
        let shown = d.render(report.source.as_deref());
        assert!(shown.starts_with("fuzz.json:"));
    }
    // A document is only handed out when it has no error.
    assert_eq!(report.document.is_some(), !report.has_errors());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_and_render(&bytes);
    }

    #[test]
    fn mutated_modules(base in 0..BASES.len(), edits in prop::collection::vec(mutation(), 1..6)) {
        let bytes = edits.iter().fold(BASES[base].as_bytes().to_vec(), apply);
        load_and_render(&bytes);
    }

    #[test]
    fn glossary_files_too(edits in prop::collection::vec(mutation(), 0..4)) {
        let base = r#"{"format_version": 1, "sources": [{"id": "s", "label": "S"}],
            "entries": [{"term": "ELSM", "expansion": "Échelon local du service médical",
            "definition": "d", "sources": ["s"]}]}"#;
        let bytes = edits.iter().fold(base.as_bytes().to_vec(), apply);
        let report = read_document("glossary.json", &bytes);
        for d in &report.diagnostics {
            d.render(report.source.as_deref());
        }
    }
}
