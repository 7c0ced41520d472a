//! From a block as read to a question or a lesson of the module: its kind's fields, its
//! explanation, its tags, and the texts conseil writes where the file is silent.

use std::collections::HashSet;

use super::parse::{self, Accepted, Block, Body, Mark};
use crate::domain::content::Lesson;
use crate::domain::question::{
    Answer, Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OpenQuestion,
    OrderQuestion, Pair, Question, ShortQuestion, TrueFalseQuestion,
};

/// The id of the single source every imported question cites: the GIFT file itself.
pub const SOURCE_ID: &str = "gift";

/// Said when the file gives no explanation: the learner must not take silence for one, and
/// nothing is made up in its place.
pub const NO_EXPLANATION: &str = "Le fichier GIFT ne donne pas d’explication pour cette question.";

/// Said for an essay whose file gives no model answer.
pub const NO_MODEL_ANSWER: &str = "Le fichier GIFT ne donne pas de réponse modèle pour cette \
                                   question : comparez votre réponse avec l’explication.";

/// How conseil writes an open question's model answer into an essay's general feedback
/// (Moodle shows it once answered), so that importing reads it back.
pub const MODEL_ANSWER_HEADING: &str = "**Réponse modèle :**";

/// Likewise for an open question's checklist, one `- ` line per point, after the model
/// answer.
pub const CHECKLIST_HEADING: &str = "**Points à vérifier :**";

/// How conseil writes the n-th step of a question to order as the left of a pair (GIFT has no
/// such question); importing takes pairs « Étape 1 », « Étape 2 »… back as steps to order.
pub const STEP_LABEL: &str = "Étape ";

/// How conseil writes a numeric question's unit at the end of its text, GIFT having no
/// place for it; importing takes it back.
pub const UNIT_LABEL: &str = "\n\nUnité : ";

/// A question or a lesson, built from a block.
pub(super) enum Built {
    Question(Question),
    Lesson(Lesson),
}

/// The question or lesson of `block`, with id `id`; `None` for a block in error.
pub(super) fn build(block: Block, id: String) -> Option<Built> {
    let Block {
        title,
        stem,
        general_feedback,
        tags,
        category,
        body,
        ..
    } = block;
    let common = Common {
        id,
        stem,
        tags: merge_tags(tags, category),
        general_feedback,
    };
    let question = match body? {
        Body::Description => return Some(Built::Lesson(common.lesson(title))),
        Body::Essay => common.essay(),
        Body::Choice { single, answers } => common.choice(single, answers),
        Body::TrueFalse {
            answer,
            wrong,
            right,
        } => common.true_false(answer, wrong, right),
        Body::Short(answers) => common.short(answers),
        Body::Numeric { answers, other } => common.numeric(answers, other),
        Body::Match { pairs, distractors } => common.matching(pairs, distractors),
    };
    Some(Built::Question(question))
}

/// What a block gives every kind: its id, text, tags and general feedback.
struct Common {
    id: String,
    stem: String,
    tags: Vec<String>,
    general_feedback: Option<String>,
}

/// The sources of an imported question or lesson: the file itself.
fn sources() -> Vec<String> {
    vec![SOURCE_ID.to_owned()]
}

impl Common {
    /// The general feedback explains; failing it, the right answers' own feedback; failing
    /// that, an honest sentence.
    fn explain(&self, right_feedback: Vec<&String>) -> String {
        self.general_feedback
            .clone()
            .or_else(|| {
                let mut seen = HashSet::new();
                let parts: Vec<&str> = right_feedback
                    .into_iter()
                    .map(String::as_str)
                    .filter(|f| seen.insert(*f))
                    .collect();
                (!parts.is_empty()).then(|| parts.join("\n\n"))
            })
            .unwrap_or_else(|| NO_EXPLANATION.to_owned())
    }

    fn lesson(self, title: Option<String>) -> Lesson {
        Lesson {
            id: self.id,
            title: title
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| excerpt(&self.stem)),
            body: self.stem,
            sources: sources(),
        }
    }

    fn essay(self) -> Question {
        let (explanation, model_answer, checklist) =
            split_essay_feedback(self.general_feedback.as_deref());
        Question::Open(OpenQuestion {
            id: self.id,
            prompt: self.stem,
            explanation,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            model_answer,
            checklist,
        })
    }

    fn choice(self, single: bool, answers: Vec<parse::ChoiceAnswer>) -> Question {
        let (choices, correct) = if single {
            single_choices(answers)
        } else {
            multiple_choices(answers)
        };
        let explanation = self.explain(
            correct
                .iter()
                .filter_map(|&i| choices.get(i).and_then(|c| c.feedback.as_ref()))
                .collect(),
        );
        let q = ChoiceQuestion {
            id: self.id,
            prompt: self.stem,
            explanation,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            choices,
            correct,
        };
        if single {
            Question::Single(q)
        } else {
            Question::Multiple(q)
        }
    }

    fn true_false(self, answer: bool, wrong: Option<String>, right: Option<String>) -> Question {
        let explanation = self.explain(right.iter().collect());
        let (feedback_true, feedback_false) = if answer {
            (right, wrong)
        } else {
            (wrong, right)
        };
        Question::TrueFalse(TrueFalseQuestion {
            id: self.id,
            prompt: self.stem,
            explanation,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            answer,
            feedback_true,
            feedback_false,
        })
    }

    fn short(self, answers: Vec<parse::ShortAnswer>) -> Question {
        let explanation = self.explain(
            answers
                .iter()
                .filter(|a| a.weight.is_none_or(|w| w >= 100.0))
                .filter_map(|a| a.feedback.as_ref())
                .collect(),
        );
        Question::Short(ShortQuestion {
            id: self.id,
            prompt: self.stem,
            explanation,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            accepted: answers
                .into_iter()
                .map(|a| Answer {
                    text: a.text,
                    weight: a.weight,
                    feedback: a.feedback,
                })
                .collect(),
        })
    }

    fn numeric(self, answers: Vec<parse::NumericAnswer>, other: Option<String>) -> Question {
        let explanation = self.explain(
            answers
                .iter()
                .filter(|a| a.weight.is_none_or(|w| w >= 100.0))
                .filter_map(|a| a.feedback.as_ref())
                .collect(),
        );
        let (prompt, unit) = match self.stem.rsplit_once(UNIT_LABEL) {
            Some((prompt, unit)) if !unit.is_empty() && !unit.contains('\n') => {
                (prompt.to_owned(), Some(unit.to_owned()))
            }
            _ => (self.stem, None),
        };
        Question::Numeric(NumericQuestion {
            id: self.id,
            prompt,
            explanation,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            answers: answers.into_iter().map(numeric_answer).collect(),
            unit,
            feedback_other: other,
        })
    }

    fn matching(self, pairs: Vec<(String, String)>, distractors: Vec<String>) -> Question {
        if is_order(&pairs, &distractors) {
            return Question::Order(OrderQuestion {
                explanation: self.explain(Vec::new()),
                id: self.id,
                prompt: self.stem,
                sources: sources(),
                tags: self.tags,
                difficulty: None,
                items: pairs.into_iter().map(|(_, step)| step).collect(),
            });
        }
        Question::Match(MatchQuestion {
            explanation: self.explain(Vec::new()),
            id: self.id,
            prompt: self.stem,
            sources: sources(),
            tags: self.tags,
            difficulty: None,
            pairs: pairs
                .into_iter()
                .map(|(left, right)| Pair { left, right })
                .collect(),
            distractors,
        })
    }
}

/// True for pairs « Étape 1 -> … », « Étape 2 -> … »… in that order and nothing else: how
/// conseil's export writes a question to order, read back as one. Pairing step numbers with
/// steps is ordering them, whoever wrote the file.
fn is_order(pairs: &[(String, String)], distractors: &[String]) -> bool {
    pairs.len() >= 2
        && distractors.is_empty()
        && pairs.iter().enumerate().all(|(i, (left, _))| {
            left.strip_prefix(STEP_LABEL)
                .is_some_and(|n| n == (i + 1).to_string())
        })
}

/// A numerical answer as the module writes it: a value and its tolerance, or a range.
fn numeric_answer(a: parse::NumericAnswer) -> NumericAnswer {
    let mut n = NumericAnswer {
        weight: a.weight,
        feedback: a.feedback,
        ..NumericAnswer::default()
    };
    match a.accepted {
        Accepted::Value { value, tolerance } => {
            n.value = Some(value);
            n.tolerance = tolerance;
        }
        Accepted::Range { min, max } => {
            n.min = Some(min);
            n.max = Some(max);
        }
    }
    n
}

/// The block's `[tag:…]`, then its category, each once.
fn merge_tags(tags: Vec<String>, category: Option<String>) -> Vec<String> {
    let mut merged: Vec<String> = Vec::with_capacity(tags.len() + 1);
    for t in tags.into_iter().chain(category) {
        if !merged.contains(&t) {
            merged.push(t);
        }
    }
    merged
}

/// The first line of a description, short enough for a lesson title.
fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(MAX).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |p| &cut[..p]);
    format!("{}…", cut.trim_end())
}

/// Choices of a radio-button question: the first `=` is the right one; another `=` keeps
/// its full credit as a weight.
fn single_choices(answers: Vec<parse::ChoiceAnswer>) -> (Vec<Choice>, Vec<usize>) {
    let right = answers.iter().position(|a| a.mark == Mark::Equals);
    let choices = answers
        .into_iter()
        .enumerate()
        .map(|(i, a)| Choice {
            text: a.text,
            feedback: a.feedback,
            weight: match a.mark {
                Mark::Equals if Some(i) == right => None,
                Mark::Equals => Some(100.0),
                Mark::Percent(w) => Some(w),
                Mark::Bare => None,
            },
            ..Choice::default()
        })
        .collect();
    (choices, right.into_iter().collect())
}

/// Choices of a check-box question: those worth more than 0 % are right. Moodle's
/// percentages map to conseil's scoring so:
/// - +100/n on each of the n right answers, and on each wrong one −100/n or −100: the shape
///   conseil's export writes for a question scored by mismatches (the EDN's table). The
///   weights stay implicit, and a wrong answer at −100 % where −100/n is not −100 (n ≥ 2)
///   is `inacceptable`: in Moodle too, ticking it brings the mark to 0.
/// - any other shape (unequal shares, wrong answers at 0 %, partial penalties): the weights
///   are kept, and conseil adds them up as Moodle does.
fn multiple_choices(answers: Vec<parse::ChoiceAnswer>) -> (Vec<Choice>, Vec<usize>) {
    let weight = |a: &parse::ChoiceAnswer| match a.mark {
        Mark::Percent(w) => Some(w),
        Mark::Equals => Some(100.0),
        Mark::Bare => None,
    };
    let correct: Vec<usize> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| weight(a).is_some_and(|w| w > 0.0))
        .map(|(i, _)| i)
        .collect();
    let share = 100.0 / correct.len().max(1) as f64;
    let close = |w: Option<f64>, target: f64| {
        w.is_some_and(|w| (w - target).abs() < parse::GRADE_TOLERANCE)
    };
    let implicit = !correct.is_empty()
        && answers.iter().enumerate().all(|(i, a)| {
            if correct.contains(&i) {
                close(weight(a), share)
            } else {
                close(weight(a), -share) || close(weight(a), -100.0)
            }
        });
    let fatal =
        |a: &parse::ChoiceAnswer| implicit && correct.len() >= 2 && close(weight(a), -100.0);
    let choices = answers
        .into_iter()
        .map(|a| Choice {
            weight: if implicit { None } else { weight(&a) },
            inacceptable: fatal(&a),
            text: a.text,
            feedback: a.feedback,
            indispensable: false,
        })
        .collect();
    (choices, correct)
}

/// An essay's general feedback as (explanation, model answer, checklist). conseil's export
/// writes the model answer and the checklist under their headings after the explanation;
/// another file's essay has none, said as much rather than made up.
fn split_essay_feedback(feedback: Option<&str>) -> (String, String, Vec<String>) {
    let Some(feedback) = feedback else {
        return (
            NO_EXPLANATION.to_owned(),
            NO_MODEL_ANSWER.to_owned(),
            Vec::new(),
        );
    };
    let model_mark = format!("\n\n{MODEL_ANSWER_HEADING}\n");
    let (explanation, model) = match feedback.rfind(&model_mark) {
        Some(p) => (&feedback[..p], Some(&feedback[p + model_mark.len()..])),
        None => match feedback.strip_prefix(&model_mark[2..]) {
            Some(model) => ("", Some(model)),
            None => (feedback, None),
        },
    };
    let explanation = if explanation.trim().is_empty() {
        NO_EXPLANATION.to_owned()
    } else {
        explanation.to_owned()
    };
    let Some(model) = model else {
        return (explanation, NO_MODEL_ANSWER.to_owned(), Vec::new());
    };
    let list_mark = format!("\n\n{CHECKLIST_HEADING}\n");
    if let Some(p) = model.rfind(&list_mark) {
        let items: Option<Vec<String>> = model[p + list_mark.len()..]
            .split('\n')
            .map(|l| l.strip_prefix("- ").map(str::to_owned))
            .collect();
        if let Some(items) = items.filter(|i| !i.is_empty()) {
            return (explanation, model[..p].to_owned(), items);
        }
    }
    let model = if model.trim().is_empty() {
        NO_MODEL_ANSWER.to_owned()
    } else {
        model.to_owned()
    };
    (explanation, model, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn essay_feedback_round_trip() {
        let gf = format!(
            "Parce que.\n\n{MODEL_ANSWER_HEADING}\nJe refuse.\n\n{CHECKLIST_HEADING}\n- secret\n- refus"
        );
        assert_eq!(
            split_essay_feedback(Some(&gf)),
            (
                "Parce que.".to_owned(),
                "Je refuse.".to_owned(),
                vec!["secret".to_owned(), "refus".to_owned()]
            )
        );
        let (e, m, c) = split_essay_feedback(Some("Seulement une explication."));
        assert_eq!(e, "Seulement une explication.");
        assert_eq!(m, NO_MODEL_ANSWER);
        assert!(c.is_empty());
        let (e, m, _) = split_essay_feedback(None);
        assert_eq!((e.as_str(), m.as_str()), (NO_EXPLANATION, NO_MODEL_ANSWER));
    }

    fn pairs(lefts: &[&str]) -> Vec<(String, String)> {
        lefts
            .iter()
            .map(|l| ((*l).to_owned(), format!("suite de {l}")))
            .collect()
    }

    #[test]
    fn numbered_steps_are_an_order() {
        assert!(is_order(&pairs(&["Étape 1", "Étape 2", "Étape 3"]), &[]));
        // Out of order, a distractor, a single pair or another label: a real matching.
        assert!(!is_order(&pairs(&["Étape 2", "Étape 1"]), &[]));
        assert!(!is_order(
            &pairs(&["Étape 1", "Étape 2"]),
            &["x".to_owned()]
        ));
        assert!(!is_order(&pairs(&["Étape 1"]), &[]));
        assert!(!is_order(&pairs(&["Étape 1", "Étape 02"]), &[]));
        assert!(!is_order(&pairs(&["Etape 1", "Etape 2"]), &[]));
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("Court.\nSuite"), "Court.");
        let long = excerpt(&"mot ".repeat(30));
        assert!(long.ends_with('…') && long.chars().count() <= 61, "{long}");
    }
}
