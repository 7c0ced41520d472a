//! Content files: loading (built-in and user folders), positions, rules and diagnostics.

pub mod code;
pub mod diag;
pub mod gift;
pub mod jsonpos;
pub mod lint;
pub mod load;
pub mod pii;
#[cfg(test)]
mod schema;
mod text_rules;
pub mod validate;
