//! Content files: loading (built-in and user folders), positions, rules and diagnostics.

pub mod diag;
pub mod gift;
pub mod jsonpos;
pub mod load;
pub mod pii;
pub mod validate;

use crate::domain::content::Module;

/// The JSON Schema of the module format, as written to `quizzes/schema.json`, so that
/// editors offer completion and checks to trainers writing modules.
pub fn module_schema() -> String {
    let schema = schemars::schema_for!(Module);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
