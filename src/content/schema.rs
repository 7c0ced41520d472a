//! The JSON Schema of the module format, as written to `quizzes/schema.json`, so that editors
//! offer completion and checks to trainers writing modules.
//!
//! The file must match the Rust types, or editors would check modules against a stale format.
//! It is generated here, in a unit test, so that schemars stays a dev-dependency: run
//! `UPDATE_SCHEMA=1 cargo test --lib content::schema` after changing the format.

use std::path::Path;

use serde_json::json;

use super::code::Code;
use crate::domain::content::Module;

/// The schema of a module, pretty-printed, with a final newline.
fn module_schema() -> String {
    let mut schema = schemars::schema_for!(Module);
    add_lint_allow(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Adds `lint_allow` to every kind of question. The app never reads it, so the question
/// types do not declare it (see `domain::question::notes`); `conseil check` does, and editors
/// should complete it.
fn add_lint_allow(schema: &mut schemars::Schema) {
    let codes: Vec<&str> = Code::ALLOWABLE.iter().map(|c| c.as_str()).collect();
    if let Some(defs) = schema.get_mut("$defs").and_then(|d| d.as_object_mut()) {
        defs.insert(
            "LintAllow".into(),
            json!({
                "description": "An item-writing warning of `conseil check` kept on purpose on \
                    this question, with the reason (the text the wording follows, its article).",
                "type": "object",
                "properties": {
                    "code": {"description": "The warning's code.", "enum": codes},
                    "reason": {"description": "Why the question is right as written.", "type": "string"}
                },
                "additionalProperties": false,
                "required": ["code", "reason"]
            }),
        );
    }
    let kinds = schema
        .pointer_mut("/$defs/Question/oneOf")
        .and_then(|k| k.as_array_mut());
    for kind in kinds.into_iter().flatten() {
        if let Some(properties) = kind.get_mut("properties").and_then(|p| p.as_object_mut()) {
            properties.insert(
                "lint_allow".into(),
                json!({
                    "description": "Item-writing warnings of `conseil check` kept on purpose.",
                    "type": "array",
                    "items": {"$ref": "#/$defs/LintAllow"}
                }),
            );
        }
    }
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
    assert_eq!(schema.matches("\"lint_allow\"").count(), 8, "one per kind");
    assert!(schema.contains("\"inacceptable\"") && schema.contains("\"indispensable\""));
}
