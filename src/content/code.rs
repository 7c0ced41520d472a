//! The stable code of every diagnostic, as `conseil check --json` gives it.
//!
//! Tools and CI scripts match on these strings, and a `lint_allow` names one: once published,
//! a code keeps its spelling. A new problem gets a new code; a message may be reworded freely.

use serde::Serialize;

/// Declares the codes once: the enum, its kebab-case names and the list of all of them.
macro_rules! codes {
    ($($(#[$meta:meta])* $variant:ident = $name:literal,)*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$meta])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of this file.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in JSON and in a `lint_allow`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // --- Reading a file ---
    /// Over the size limit of a content file.
    FileTooBig = "file-too-big",
    /// Not valid UTF-8.
    NotUtf8 = "not-utf8",
    /// The file or the folder could not be read.
    Unreadable = "unreadable",
    /// Not valid JSON.
    JsonSyntax = "json-syntax",
    /// Valid JSON that is not the module format: unknown or missing field, wrong type.
    JsonFormat = "json-format",
    /// Written for a newer conseil.
    NewerFormat = "newer-format",
    /// `format_version` is 0.
    FormatVersion = "format-version",

    // --- Ids ---
    /// A module id already loaded from another file.
    DuplicateModule = "duplicate-module",
    /// A question id used twice, in one file or across files.
    DuplicateQuestionId = "duplicate-question-id",
    /// An id that is empty or has characters ids may not have.
    InvalidId = "invalid-id",
    DuplicateSource = "duplicate-source",
    DuplicateLesson = "duplicate-lesson",
    DuplicateCase = "duplicate-case",
    /// A glossary term listed twice.
    DuplicateTerm = "duplicate-term",

    // --- Fields ---
    /// A text that must say something is empty.
    EmptyField = "empty-field",
    NoExplanation = "no-explanation",
    /// A question that cites no source.
    NoSource = "no-source",
    /// A citation of a source the module does not declare.
    UndeclaredSource = "undeclared-source",
    /// A declared source that nothing cites (warning).
    UnusedSource = "unused-source",
    CaseWithoutSteps = "case-without-steps",
    StepWithoutQuestions = "step-without-questions",
    /// What looks like a real NIR, e-mail address, phone number or IBAN.
    PersonalData = "personal-data",
    /// A character that could drive a terminal or hide text: control, direction override,
    /// invisible.
    HiddenCharacter = "hidden-character",
    /// A text longer than what it is (a prompt, an option, a lesson) may hold.
    TextTooLong = "text-too-long",

    // --- Answers ---
    TooFewChoices = "too-few-choices",
    /// A `correct` index past the last choice.
    KeyOutOfRange = "key-out-of-range",
    /// The same index twice in `correct`.
    KeyTwice = "key-twice",
    /// A `single` question without exactly one right choice.
    SingleKeyCount = "single-key-count",
    /// A choice question with no right choice.
    NoKey = "no-key",
    /// `indispensable` or `inacceptable` where it cannot apply.
    ChoiceFlag = "choice-flag",
    /// A weight outside −100 to 100.
    WeightOutOfRange = "weight-out-of-range",
    /// A `short` question with no accepted answer.
    NoAcceptedAnswer = "no-accepted-answer",
    /// No accepted answer worth 100 %.
    NoFullMark = "no-full-mark",
    NoNumericAnswer = "no-numeric-answer",
    /// A numeric answer with neither `value` nor `min` and `max`.
    NumericAnswerShape = "numeric-answer-shape",
    ReversedRange = "reversed-range",
    NegativeTolerance = "negative-tolerance",
    /// An `order` question with fewer than two steps.
    TooFewSteps = "too-few-steps",
    /// A `match` question with fewer than two pairs.
    TooFewPairs = "too-few-pairs",

    // --- Reviews (`--stale`) ---
    NeverReviewed = "never-reviewed",
    StaleModule = "stale-module",

    // --- GIFT ---
    GiftUnclosedBrace = "gift-unclosed-brace",
    GiftUnopenedBrace = "gift-unopened-brace",
    GiftBraceOrder = "gift-brace-order",
    /// A weight Moodle's grade list does not have.
    GiftWeightOffList = "gift-weight-off-list",
    GiftPairWithoutArrow = "gift-pair-without-arrow",
    GiftNotANumber = "gift-not-a-number",
    GiftCategoryNotAlone = "gift-category-not-alone",
    /// A file with no question at all.
    GiftNoQuestion = "gift-no-question",
    GiftUnclosedTitle = "gift-unclosed-title",
    GiftEmptyAnswer = "gift-empty-answer",
    /// Moodle's `*` wildcard, which conseil does not read.
    GiftWildcard = "gift-wildcard",
    GiftStrayBrace = "gift-stray-brace",
    GiftIdWithSpaces = "gift-id-with-spaces",
    /// An `[indispensable:N]` or `[inacceptable:N]` comment that names no answer.
    GiftFlag = "gift-flag",
    /// An image in a GIFT text, which conseil cannot show.
    GiftImage = "gift-image",

    // --- Item writing (warnings of `conseil check`, see content::lint) ---
    /// The key of a `single` question is much longer than every wrong option.
    LongestOption = "longest-option",
    /// An absolute word (toujours, jamais…) only where the answer is wrong.
    AbsoluteWord = "absolute-word",
    /// « Toutes les réponses… », « aucune des propositions… ».
    AllOfTheAbove = "all-of-the-above",
    /// « sauf », « ne … pas », « inexact » in a stem, not in capitals.
    NegativeStem = "negative-stem",
    /// A vague frequency word (souvent, parfois…) in an option.
    VagueWord = "vague-word",
    /// A module whose true/false statements are not 40–60 % true.
    TrueFalseBalance = "true-false-balance",
    /// A module whose multiple-answer items mostly have the same number of keys.
    KeyCount = "key-count",
    /// A module whose `single` keys are the longest option well above chance.
    LongestKeyRate = "longest-key-rate",
    /// A module whose `single` keys are mostly stored first.
    KeyFirst = "key-first",
    /// A `lint_allow` entry without a reason.
    LintAllowReason = "lint-allow-reason",
    /// A `lint_allow` entry whose warning does not fire on its question.
    LintAllowUnused = "lint-allow-unused",
    /// A `lint_allow` entry naming a code that cannot be allowed per question.
    LintAllowUnknown = "lint-allow-unknown",
    /// A `lint_allow` that is not a list of `{code, reason}`.
    LintAllowInvalid = "lint-allow-invalid",
}

impl Code {
    /// The item-writing warnings that a question may keep with a `lint_allow` entry.
    pub const ALLOWABLE: &'static [Code] = &[
        Code::LongestOption,
        Code::AbsoluteWord,
        Code::AllOfTheAbove,
        Code::NegativeStem,
        Code::VagueWord,
    ];

    /// The code written `name`, if there is one.
    pub fn named(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(Code::named(name), Some(*code));
        }
        assert_eq!(Code::named("absolute-words"), None);
        assert_eq!(
            serde_json::to_string(&Code::DuplicateQuestionId)
                .ok()
                .as_deref(),
            Some("\"duplicate-question-id\"")
        );
    }
}
