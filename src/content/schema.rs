//! The JSON Schema of the module format, as written to `quizzes/schema.json`, so that editors
//! offer completion and checks to trainers writing modules.
//!
//! The file must match the Rust types, or editors would check modules against a stale format.
//! It is generated here, in a unit test, so that schemars stays a dev-dependency: run
//! `UPDATE_SCHEMA=1 cargo test --lib content::schema` after changing the format.

use std::path::Path;

use crate::domain::content::Module;

/// The schema of a module, pretty-printed, with a final newline.
fn module_schema() -> String {
    let schema = schemars::schema_for!(Module);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[test]
fn schema_file_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes/schema.json");
    let expected = module_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &expected).expect("quizzes/ is writable");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "quizzes/schema.json is out of date: run `UPDATE_SCHEMA=1 cargo test --lib content::schema`"
    );
}

#[test]
fn schema_describes_every_question_kind() {
    let schema = module_schema();
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
