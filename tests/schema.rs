//! quizzes/schema.json must match the Rust types, or editors would check modules against a
//! stale format.

#[test]
fn schema_file_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes/schema.json");
    let expected = conseil::content::module_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &expected).expect("quizzes/ is writable");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "quizzes/schema.json is out of date: run `UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

#[test]
fn schema_describes_every_question_kind() {
    let schema = conseil::content::module_schema();
    for kind in [
        "single",
        "multiple",
        "true_false",
        "short",
        "numeric",
        "order",
        "match",
        "open",
    ] {
        assert!(
            schema.contains(&format!("\"{kind}\"")),
            "kind {kind} missing"
        );
    }
}
