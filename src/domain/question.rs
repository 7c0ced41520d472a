//! Questions, the learner's responses, and grading (in `grade`).
//!
//! A question is an enum tagged by `kind` in JSON. Every kind carries the same common fields
//! (id, prompt, explanation, sources, tags, difficulty), declared once by `question_kind!`.

use serde::{Deserialize, Serialize};

mod grade;
mod notes;

pub use grade::{
    Decisive, Outcome, Response, SelfGrade, TYPO_TOLERANCE_MIN_CHARS, Verdict, grade,
    mismatch_credit, text_matches,
};
pub use notes::AUTHORING_FIELDS;

/// How hard a question is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// Declares the struct of one question kind with the common fields first.
macro_rules! question_kind {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(test, derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Stable identifier, unique across all content: progress is keyed by it.
            pub id: String,
            /// The question as asked (markdown).
            pub prompt: String,
            /// Shown after answering: why the right answer is right and the tempting one wrong.
            #[serde(default)]
            pub explanation: String,
            /// Ids of the module's sources.
            #[serde(default)]
            pub sources: Vec<String>,
            /// Free tags (topics), used for filtering and statistics.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub tags: Vec<String>,
            /// Intended difficulty.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub difficulty: Option<Difficulty>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

question_kind!(
    /// Choices of which some are right: `single` (exactly one) or `multiple`.
    ChoiceQuestion {
        /// The choices, shown shuffled.
        choices: Vec<Choice>,
        /// Indices (from 0) of the right choices.
        correct: Vec<usize>,
    }
);

question_kind!(
    /// A statement to judge true or false.
    TrueFalseQuestion {
        /// Whether the statement is true.
        answer: bool,
        /// Feedback shown when the learner answered « vrai ».
        #[serde(default, skip_serializing_if = "Option::is_none")]
        feedback_true: Option<String>,
        /// Feedback shown when the learner answered « faux ».
        #[serde(default, skip_serializing_if = "Option::is_none")]
        feedback_false: Option<String>,
    }
);

question_kind!(
    /// Free text compared with accepted answers, French-aware.
    ShortQuestion {
        /// Accepted answers: a string, or an object with a weight (percent) and a feedback.
        accepted: Vec<Answer>,
    }
);

question_kind!(
    /// A number, within a tolerance or a range.
    NumericQuestion {
        /// Accepted values or ranges; the best match counts.
        answers: Vec<NumericAnswer>,
        /// Unit shown beside the field, e.g. « € » or « jours ».
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        /// Feedback shown when the answer matches none of `answers` (Moodle's catch-all).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        feedback_other: Option<String>,
    }
);

question_kind!(
    /// Steps to put in order.
    OrderQuestion {
        /// The steps, in the right order (they are shown shuffled).
        items: Vec<String>,
    }
);

question_kind!(
    /// Left items to pair with right items.
    MatchQuestion {
        /// The right pairs.
        pairs: Vec<Pair>,
        /// Extra right items that match nothing.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        distractors: Vec<String>,
    }
);

question_kind!(
    /// A free answer, then a model answer; the learner grades herself.
    OpenQuestion {
        /// The answer an expert would give.
        model_answer: String,
        /// Points the learner checks her answer against.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        checklist: Vec<String>,
    }
);

/// One choice of a `single` or `multiple` question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Text of the choice.
    pub text: String,
    /// Feedback shown when this choice was picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Credit in percent (−100 to 100) when picked, overriding the default scoring
    /// (Moodle weights, added up as Moodle does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// A right choice of a `multiple` question that must be ticked: leaving it gives the
    /// question 0, whatever else is right (EDN « indispensable »).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub indispensable: bool,
    /// A wrong choice of a `multiple` question that must not be ticked: ticking it gives the
    /// question 0 (EDN « inacceptable »), for a gesture that breaks the secret médical, the
    /// security rules or the law.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inacceptable: bool,
}

impl Choice {
    /// A choice with this text, and no feedback, weight or flag.
    pub fn new(text: impl Into<String>) -> Self {
        Choice {
            text: text.into(),
            ..Choice::default()
        }
    }
}

/// An accepted answer of a `short` question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(from = "AnswerRepr", into = "AnswerRepr")]
pub struct Answer {
    pub text: String,
    /// Credit in percent (default 100).
    pub weight: Option<f64>,
    pub feedback: Option<String>,
}

/// JSON form of [`Answer`]: a bare string for the common case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged)]
enum AnswerRepr {
    Text(String),
    Full {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weight: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        feedback: Option<String>,
    },
}

impl From<AnswerRepr> for Answer {
    fn from(repr: AnswerRepr) -> Self {
        match repr {
            AnswerRepr::Text(text) => Answer {
                text,
                weight: None,
                feedback: None,
            },
            AnswerRepr::Full {
                text,
                weight,
                feedback,
            } => Answer {
                text,
                weight,
                feedback,
            },
        }
    }
}

impl From<Answer> for AnswerRepr {
    fn from(a: Answer) -> Self {
        if a.weight.is_none() && a.feedback.is_none() {
            AnswerRepr::Text(a.text)
        } else {
            AnswerRepr::Full {
                text: a.text,
                weight: a.weight,
                feedback: a.feedback,
            }
        }
    }
}

impl Answer {
    pub fn new(text: impl Into<String>) -> Self {
        Answer {
            text: text.into(),
            weight: None,
            feedback: None,
        }
    }
}

/// An accepted value of a `numeric` question: `value` ± `tolerance`, or `min` to `max`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NumericAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Accepted distance from `value` (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Credit in percent (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

impl NumericAnswer {
    /// The accepted interval, or `None` when neither a value nor a full range is given.
    pub fn bounds(&self) -> Option<(f64, f64)> {
        match (self.value, self.min, self.max) {
            (Some(v), _, _) => {
                let t = self.tolerance.unwrap_or(0.0).abs();
                Some((v - t, v + t))
            }
            (None, Some(lo), Some(hi)) => Some((lo, hi)),
            _ => None,
        }
    }
}

/// A left item and its right partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub left: String,
    pub right: String,
}

/// A question of any kind.
///
/// Serialized with `kind` first; read by hand (below) so that the common case, `kind` first,
/// streams straight into the variant without buffering the object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Question {
    /// One right choice.
    Single(ChoiceQuestion),
    /// Several right choices, scored by mismatches as the EDN does (see `grade`).
    Multiple(ChoiceQuestion),
    TrueFalse(TrueFalseQuestion),
    Short(ShortQuestion),
    Numeric(NumericQuestion),
    Order(OrderQuestion),
    Match(MatchQuestion),
    Open(OpenQuestion),
}

/// The `kind` tag of a question.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Single,
    Multiple,
    TrueFalse,
    Short,
    Numeric,
    Order,
    Match,
    Open,
}

impl Kind {
    /// Reads the question of this kind from `de`, which holds the object's other fields.
    fn read<'de, D: serde::Deserializer<'de>>(self, de: D) -> Result<Question, D::Error> {
        Ok(match self {
            Kind::Single => Question::Single(ChoiceQuestion::deserialize(de)?),
            Kind::Multiple => Question::Multiple(ChoiceQuestion::deserialize(de)?),
            Kind::TrueFalse => Question::TrueFalse(TrueFalseQuestion::deserialize(de)?),
            Kind::Short => Question::Short(ShortQuestion::deserialize(de)?),
            Kind::Numeric => Question::Numeric(NumericQuestion::deserialize(de)?),
            Kind::Order => Question::Order(OrderQuestion::deserialize(de)?),
            Kind::Match => Question::Match(MatchQuestion::deserialize(de)?),
            Kind::Open => Question::Open(OpenQuestion::deserialize(de)?),
        })
    }
}

impl<'de> Deserialize<'de> for Question {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(QuestionVisitor)
    }
}

struct QuestionVisitor;

impl<'de> serde::de::Visitor<'de> for QuestionVisitor {
    type Value = Question;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a question object with a `kind` field")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Question, A::Error> {
        use serde::de::value::MapAccessDeserializer;
        use serde::de::{Error, IntoDeserializer};

        let Some(first) = map.next_key::<std::borrow::Cow<'de, str>>()? else {
            return Err(A::Error::missing_field("kind"));
        };
        if first == "kind" {
            // The usual order: the rest of the object goes straight to the variant's struct,
            // which still refuses unknown fields and reports their position.
            let kind: Kind = map.next_value()?;
            return kind.read(MapAccessDeserializer::new(notes::WithoutNotes(map)));
        }
        // `kind` comes later: keep the fields read so far, then read the variant from them.
        let mut fields = serde_json::Map::new();
        fields.insert(first.into_owned(), map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            let value: serde_json::Value = map.next_value()?;
            fields.insert(key, value);
        }
        for note in AUTHORING_FIELDS {
            fields.remove(*note);
        }
        let kind = fields
            .remove("kind")
            .ok_or_else(|| A::Error::missing_field("kind"))?;
        let kind: Kind = Kind::deserialize(kind).map_err(A::Error::custom)?;
        kind.read(serde_json::Value::Object(fields).into_deserializer())
            .map_err(A::Error::custom)
    }
}

/// Evaluates `$body` with `$q` bound to the inner struct, whatever the kind.
macro_rules! each_kind {
    ($question:expr, $q:ident => $body:expr) => {
        match $question {
            Question::Single($q) | Question::Multiple($q) => $body,
            Question::TrueFalse($q) => $body,
            Question::Short($q) => $body,
            Question::Numeric($q) => $body,
            Question::Order($q) => $body,
            Question::Match($q) => $body,
            Question::Open($q) => $body,
        }
    };
}

impl Question {
    pub fn id(&self) -> &str {
        each_kind!(self, q => &q.id)
    }
    pub fn prompt(&self) -> &str {
        each_kind!(self, q => &q.prompt)
    }
    pub fn explanation(&self) -> &str {
        each_kind!(self, q => &q.explanation)
    }
    pub fn sources(&self) -> &[String] {
        each_kind!(self, q => &q.sources)
    }
    pub fn tags(&self) -> &[String] {
        each_kind!(self, q => &q.tags)
    }
    pub fn difficulty(&self) -> Option<Difficulty> {
        each_kind!(self, q => q.difficulty)
    }

    /// The `kind` tag as written in JSON.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Question::Single(_) => "single",
            Question::Multiple(_) => "multiple",
            Question::TrueFalse(_) => "true_false",
            Question::Short(_) => "short",
            Question::Numeric(_) => "numeric",
            Question::Order(_) => "order",
            Question::Match(_) => "match",
            Question::Open(_) => "open",
        }
    }
}

impl MatchQuestion {
    /// The right-hand options offered: every pair's right item, then the distractors, each
    /// text once (two left items may share a partner, like « non partagé »).
    pub fn right_options(&self) -> Vec<&str> {
        let mut options: Vec<&str> = Vec::new();
        for text in self
            .pairs
            .iter()
            .map(|p| p.right.as_str())
            .chain(self.distractors.iter().map(String::as_str))
        {
            if !options.contains(&text) {
                options.push(text);
            }
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_flat_and_tagged() {
        let json = r#"{"kind":"short","id":"x","prompt":"?","explanation":"e","sources":["s"],
            "accepted":["un", {"text":"deux","weight":50}]}"#;
        let q: Question = serde_json::from_str(json).expect("valid question");
        assert_eq!(q.id(), "x");
        assert_eq!(q.kind_name(), "short");
        let Question::Short(s) = &q else {
            panic!("short expected")
        };
        assert_eq!(s.accepted[1].weight, Some(50.0));
        let back: Question =
            serde_json::from_str(&serde_json::to_string(&q).expect("serializes")).expect("parses");
        assert_eq!(back, q);
    }

    #[test]
    fn kind_may_come_anywhere() {
        let late = r#"{"id":"x","prompt":"?","explanation":"e","sources":["s"],"answer":true,"kind":"true_false"}"#;
        let q: Question = serde_json::from_str(late).expect("kind last is fine");
        assert_eq!(q.kind_name(), "true_false");
        let unknown = r#"{"kind":"essay","id":"x","prompt":"?"}"#;
        let err = serde_json::from_str::<Question>(unknown).expect_err("unknown kind");
        assert!(err.to_string().contains("unknown variant `essay`"), "{err}");
        let none = r#"{"id":"x","prompt":"?"}"#;
        let err = serde_json::from_str::<Question>(none).expect_err("no kind");
        assert!(err.to_string().contains("kind"), "{err}");
        let late_typo = r#"{"id":"x","prompt":"?","answr":true,"kind":"true_false"}"#;
        let err = serde_json::from_str::<Question>(late_typo).expect_err("typo");
        assert!(err.to_string().contains("answr"), "{err}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"kind":"true_false","id":"x","prompt":"?","explenation":"e","answer":true}"#;
        let err = serde_json::from_str::<Question>(json).expect_err("typo must be caught");
        assert!(err.to_string().contains("explenation"), "{err}");
    }

    #[test]
    fn authoring_notes_are_skipped_and_typos_still_caught() {
        let note = r#""lint_allow":[{"code":"absolute-word","reason":"La loi dit « jamais »."}]"#;
        let first =
            format!(r#"{{"kind":"true_false","id":"x","prompt":"?",{note},"answer":false}}"#);
        let late =
            format!(r#"{{"id":"x","prompt":"?",{note},"answer":false,"kind":"true_false"}}"#);
        for json in [&first, &late] {
            let q: Question = serde_json::from_str(json).expect("notes are skipped");
            assert_eq!(q.id(), "x");
            // The notes are not the question's: writing it back leaves them out.
            let back = serde_json::to_string(&q).expect("serializes");
            assert!(!back.contains("lint_allow"), "{back}");
        }
        let typo = format!(r#"{{"kind":"true_false","id":"x",{note},"answr":false}}"#);
        let err = serde_json::from_str::<Question>(&typo).expect_err("typo after a note");
        assert!(err.to_string().contains("answr"), "{err}");
        assert!(err.line() > 0, "the error keeps its position: {err:?}");
    }

    #[test]
    fn choice_flags_are_optional_booleans() {
        let json = r#"{"kind":"multiple","id":"x","prompt":"?","correct":[0],
            "choices":[{"text":"a","indispensable":true},{"text":"b","inacceptable":true},{"text":"c"}]}"#;
        let q: Question = serde_json::from_str(json).expect("flags read");
        let Question::Multiple(c) = &q else {
            panic!("multiple expected")
        };
        assert!(c.choices[0].indispensable && !c.choices[0].inacceptable);
        assert!(c.choices[1].inacceptable && !c.choices[1].indispensable);
        assert_eq!(c.choices[2], Choice::new("c"));
        let back = serde_json::to_string(&q).expect("serializes");
        assert_eq!(back.matches("indispensable").count(), 1, "{back}");
        assert_eq!(back.matches("inacceptable").count(), 1, "{back}");
    }
}
