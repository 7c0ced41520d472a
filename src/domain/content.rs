//! Content types: modules, lessons, sources, cases and the glossary.
//!
//! These types are the JSON format of `quizzes/*.json` (and of user content folders). They are
//! plain data: loading, positions and validation rules live in `crate::content`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::question::Question;

/// The newest module format this binary understands.
///
/// A module with a higher `format_version` was written for a newer conseil and is refused,
/// rather than half-read.
pub const FORMAT_VERSION: u32 = 1;

/// A module of lessons, questions and cases on one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Version of the module format (currently 1).
    pub format_version: u32,
    /// Stable identifier of the module (letters, digits and dashes), e.g. `secret-medical`.
    pub id: String,
    /// Title shown in lists.
    pub title: String,
    /// One-line summary shown on the home screen.
    pub summary: String,
    /// Who the module is written for.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// Date of the last review of the module's content by its authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Date>,
    /// Date at which the legal content was checked to be in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_as_of: Option<Date>,
    /// Sources that lessons and questions cite by id.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Lessons, in reading order.
    #[serde(default)]
    pub lessons: Vec<Lesson>,
    /// Questions of the module's quiz.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Fictive cases told step by step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case>,
    /// Values that look like personal data (NIR, e-mail, phone, IBAN) but are known to be
    /// fictive, so that the personal-data lint lets them through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fictive_ok: Vec<String>,
}

impl Module {
    /// Every question of the module: its quiz first, then the questions of its cases in order.
    pub fn all_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().chain(
            self.cases
                .iter()
                .flat_map(|c| c.steps.iter().flat_map(|s| s.questions.iter())),
        )
    }

    /// Number of questions, case questions included.
    pub fn question_count(&self) -> usize {
        self.questions.len()
            + self
                .cases
                .iter()
                .map(|c| c.steps.iter().map(|s| s.questions.len()).sum::<usize>())
                .sum::<usize>()
    }
}

/// The public a module is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Interns (internes de médecine générale) on their ELSM stage.
    Interne,
    /// Newly hired praticiens-conseils in their initial training.
    Fipc,
    /// Trainers.
    Formateur,
}

/// A document a lesson or a question relies on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier cited by lessons and questions of the same module.
    pub id: String,
    /// Human-readable name, e.g. « Code pénal ».
    pub label: String,
    /// Precise reference: a law article, a seed document and its page, a web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A lesson: a titled markdown text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Stable identifier, unique in the module (progress remembers lessons read by it).
    pub id: String,
    /// Title of the lesson.
    pub title: String,
    /// Markdown text (headings, lists, bold, quotes for law articles).
    pub body: String,
    /// Ids of the module's sources this lesson relies on.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A fictive scenario told in steps, each step followed by its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable identifier, unique across all content.
    pub id: String,
    /// Title of the case.
    pub title: String,
    /// Short presentation of the situation, shown before the first step.
    #[serde(default)]
    pub summary: String,
    /// Steps, in order; a step stays hidden until the previous one is answered.
    pub steps: Vec<CaseStep>,
    /// Ids of the module's sources the case relies on.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Case {
    /// The step of each of the case's questions, in the order they are asked.
    pub fn step_of(&self) -> Vec<usize> {
        self.steps
            .iter()
            .enumerate()
            .flat_map(|(s, step)| std::iter::repeat_n(s, step.questions.len()))
            .collect()
    }
}

/// One step of a case: what happens, the documents at hand, then the questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseStep {
    /// Title of the step.
    pub title: String,
    /// Markdown narrative of the step.
    pub narrative: String,
    /// Documents shown with the step (fictive letters, statements, tables).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exhibits: Vec<Exhibit>,
    /// Questions asked at the end of the step.
    pub questions: Vec<Question>,
}

/// A document shown in a case step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// Title of the document.
    pub title: String,
    /// Markdown text of the document.
    pub body: String,
}

/// The glossary file: every acronym and term of the curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// Version of the format (currently 1).
    pub format_version: u32,
    /// Sources the entries cite by id.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The entries, in any order (they are shown sorted).
    pub entries: Vec<GlossaryEntry>,
}

/// One acronym or term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The acronym or term, e.g. `ELSM`.
    pub term: String,
    /// What it stands for, e.g. « Échelon local du service médical ».
    pub expansion: String,
    /// One-line explanation.
    pub definition: String,
    /// True when the expansion is probable but not confirmed by an official source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    /// Ids of the glossary's sources.
    #[serde(default)]
    pub sources: Vec<String>,
}
