//! GIFT, the plain-text quiz format of Moodle: import into modules, export from them.
//!
//! Trainers move questions between conseil and Moodle in GIFT, and no crate reads it, hence
//! this reader. It follows Moodle's own importer rule by rule (the project's `gift.md` sums
//! it up), so that a file Moodle accepts reads the same here, and a file Moodle refuses is
//! refused with Moodle's reason, in French, at its line and column.

mod build;
mod export;
mod flags;
mod import;
mod parse;
mod text;

pub use build::{
    CHECKLIST_HEADING, MODEL_ANSWER_HEADING, NO_EXPLANATION, NO_MODEL_ANSWER, SOURCE_ID,
    STEP_LABEL, UNIT_LABEL,
};
pub use export::{Export, export};
pub use import::{ImportOptions, Imported, import, is_module_id, module_id_for, read};

/// The extension of GIFT files in a content folder.
pub const EXTENSION: &str = "gift";

/// Where each question of a GIFT text starts (its block's first line after the comments), in
/// the order the import adds them to the module: what `conseil check` finds on the module is
/// shown there. `text` is the text `read` kept, of a file without errors.
pub fn question_starts(text: &str) -> Vec<usize> {
    parse::parse(text)
        .blocks
        .iter()
        .filter(|b| {
            b.body
                .as_ref()
                .is_some_and(|body| !matches!(body, parse::Body::Description))
        })
        .map(|b| b.start)
        .collect()
}
