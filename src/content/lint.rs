//! Item-writing rules (issue 16): the cues that let a learner who does not know find the key
//! from the wording alone, found by `conseil check` and reported as warnings.
//!
//! Per item: `longest-option`, `absolute-word`, `all-of-the-above`, `negative-stem`,
//! `vague-word`. Per module (or GIFT file): `true-false-balance`, `key-count`,
//! `longest-key-rate`, `key-first`. The thresholds are those of issue 16, and the rules and
//! their sources are in the project's `item-writing.md`. A question keeps a justified exception
//! with a `lint_allow` entry (see `allow`).
//!
//! The rules run in `conseil check` only, not when the app loads its content: they judge how
//! a question is written, which matters to its author, not to a learner.

mod allow;
#[cfg(test)]
mod tests;
mod words;

pub use allow::{Allow, Allowed, Checked, check};

use super::code::Code;
use super::diag::Finding;
use super::jsonpos::JsonPath;
use super::load::question_paths;
use crate::domain::content::Module;
use crate::domain::question::{ChoiceQuestion, Question};
use crate::words::{percent, plural};

use self::words::{ABSOLUTE, Word};

/// The key of a `single` question is suspect when the longest wrong option is shorter than
/// this share of it…
const LONGEST_OPTION_RATIO: f64 = 0.75;
/// …and the key has at least this many words (a short key may well be the longest).
const LONGEST_OPTION_MIN_WORDS: usize = 4;
/// True/false balance: checked from this many statements, within 40–60 % true.
const TRUE_FALSE_MIN_ITEMS: usize = 5;
/// Key counts: checked from this many multiple-answer items.
const KEY_COUNT_MIN_ITEMS: usize = 4;
/// Longest key and key first: checked from this many single-answer items.
const SINGLE_MIN_ITEMS: usize = 6;
/// How far above chance (1/k) the key may be the single longest option.
const LONGEST_KEY_MARGIN: f64 = 0.15;

/// One flaw found.
#[derive(Debug, Clone, PartialEq)]
pub struct Lint {
    /// A warning, placed by its JSON path in the module.
    pub finding: Finding,
    /// The path of the question it is about; `None` for a rule on the whole module.
    pub question: Option<JsonPath>,
}

/// Every flaw of `module`: its questions' (quiz, then cases), then the module's own.
pub fn module(module: &Module) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (q, (_, at)) in module.all_questions().zip(question_paths(module)) {
        item(q, &at, &mut lints);
    }
    module_rules(module, &mut lints);
    lints
}

/// Collects the flaws of one question, all about the question at `at`.
struct Item<'a> {
    at: &'a JsonPath,
    lints: &'a mut Vec<Lint>,
}

impl Item<'_> {
    fn push(&mut self, code: Code, path: JsonPath, message: String, help: &str) {
        self.lints.push(Lint {
            finding: Finding::warning(code, path, message).with_help(help),
            question: Some(self.at.clone()),
        });
    }

    fn choice_text(&self, i: usize) -> JsonPath {
        self.at.key("choices").index(i).key("text")
    }
}

fn item(q: &Question, at: &JsonPath, lints: &mut Vec<Lint>) {
    let mut item = Item { at, lints };
    let stem = words::words(q.prompt());
    if let Some(negation) = words::negation(&stem) {
        item.push(
            Code::NegativeStem,
            at.key("prompt"),
            format!("énoncé négatif (« {negation} ») : on le lit facilement à l’envers"),
            "posez la question à l’affirmative ; si la négation est voulue, écrivez-la en \
             capitales (« SAUF », « NE … PAS »)",
        );
    }
    match q {
        Question::TrueFalse(t) if !t.answer => {
            if let Some(&family) = words::absolute_families(&stem).first() {
                item.push(
                    Code::AbsoluteWord,
                    at.key("prompt"),
                    format!(
                        "affirmation fausse qui porte le mot absolu « {} » : un candidat \
                         devine qu’elle est fausse",
                        spelled(&stem, family)
                    ),
                    "nuancez-la, ou faites porter ce mot à une affirmation vraie ; si la loi dit \
                     vraiment « jamais », gardez-la avec un « lint_allow » qui cite le texte",
                );
            }
        }
        Question::Single(c) => {
            longest_option(c, &mut item);
            options(c, &mut item);
        }
        Question::Multiple(c) => options(c, &mut item),
        _ => {}
    }
}

/// The spelling of the absolute-word family `family` in `words` (its first spelling when absent).
fn spelled<'a>(words: &[Word<'a>], family: usize) -> &'a str {
    words
        .iter()
        .find(|w| ABSOLUTE[family].contains(&w.folded.as_str()))
        .map_or(ABSOLUTE[family][0], |w| w.raw)
}

/// `longest-option`: the key of a `single` question stands out by its length.
fn longest_option(c: &ChoiceQuestion, item: &mut Item) {
    let Some(key) = c.correct.first().and_then(|&k| c.choices.get(k)) else {
        return;
    };
    let length = |text: &str| text.trim().chars().count();
    let key_length = length(&key.text);
    let longest_wrong = c
        .choices
        .iter()
        .enumerate()
        .filter(|(i, _)| !c.correct.contains(i))
        .map(|(_, choice)| length(&choice.text))
        .max();
    let Some(longest_wrong) = longest_wrong else {
        return;
    };
    if key.text.split_whitespace().count() >= LONGEST_OPTION_MIN_WORDS
        && (longest_wrong as f64) < LONGEST_OPTION_RATIO * key_length as f64
    {
        item.push(
            Code::LongestOption,
            item.choice_text(c.correct[0]),
            format!(
                "la bonne réponse est de loin l’option la plus longue ({key_length} caractères, \
                 la plus longue des autres {longest_wrong}) : elle se devine sans rien savoir"
            ),
            "donnez aux options la même longueur, la même grammaire et le même niveau de détail",
        );
    }
}

/// The rules on the options of a choice question: `absolute-word`, `all-of-the-above`,
/// `vague-word`.
fn options(c: &ChoiceQuestion, item: &mut Item) {
    let texts: Vec<Vec<Word>> = c.choices.iter().map(|ch| words::words(&ch.text)).collect();
    let is_key = |i: &usize| c.correct.contains(i);
    let in_keys: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(i, _)| is_key(i))
        .flat_map(|(_, w)| words::absolute_families(w))
        .collect();
    let wrong_only = texts
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_key(i))
        .find_map(|(i, w)| {
            let families = words::absolute_families(w);
            let family = families.into_iter().find(|f| !in_keys.contains(f))?;
            Some((i, spelled(w, family)))
        });
    if let Some((i, word)) = wrong_only {
        item.push(
            Code::AbsoluteWord,
            item.choice_text(i),
            format!(
                "mot absolu « {word} » dans une mauvaise réponse et dans aucune bonne : un \
                 candidat l’écarte sans rien savoir"
            ),
            "nuancez l’option, ou donnez à une bonne réponse un mot aussi absolu ; si la loi \
             dit vraiment « jamais », gardez-la avec un « lint_allow » qui cite le texte",
        );
    }
    for (i, w) in texts.iter().enumerate() {
        if words::all_or_none(w).is_some() {
            item.push(
                Code::AllOfTheAbove,
                item.choice_text(i),
                format!(
                    "option « {} » : elle renvoie aux autres options et se devine",
                    c.choices[i].text.trim()
                ),
                "remplacez-la par une option de même nature que les autres",
            );
        }
        if let Some(vague) = words::vague(w) {
            item.push(
                Code::VagueWord,
                item.choice_text(i),
                format!("mot vague « {vague} » dans une option : dites ce que dit le texte"),
                "écrivez la règle et son exception, le délai ou le taux, tels que le texte les \
                 donne",
            );
        }
    }
}

/// The rules on the whole module: `true-false-balance`, `key-count`, `longest-key-rate`,
/// `key-first`. Each is placed at the module's `questions`.
fn module_rules(module: &Module, lints: &mut Vec<Lint>) {
    let mut push = |code: Code, message: String, help: &str| {
        lints.push(Lint {
            finding: Finding::warning(code, JsonPath::root().key("questions"), message)
                .with_help(help),
            question: None,
        });
    };
    let questions: Vec<&Question> = module.all_questions().collect();
    if let Some(message) = true_false_balance(&questions) {
        push(
            Code::TrueFalseBalance,
            message,
            "réécrivez des affirmations pour que 40 à 60 % soient vraies",
        );
    }
    if let Some(message) = key_count(&questions) {
        push(
            Code::KeyCount,
            message,
            "variez le nombre de bonnes réponses, d’une à toutes sauf une",
        );
    }
    let singles: Vec<&ChoiceQuestion> = questions
        .iter()
        .filter_map(|q| match q {
            Question::Single(c) => Some(c),
            _ => None,
        })
        .collect();
    if let Some(message) = longest_key_rate(&singles) {
        push(
            Code::LongestKeyRate,
            message,
            "allongez des distracteurs plausibles ou resserrez les bonnes réponses",
        );
    }
    if let Some(message) = key_first(&singles) {
        push(
            Code::KeyFirst,
            message,
            "rangez les bonnes réponses à des places variées : l’export GIFT garde l’ordre",
        );
    }
}

/// With 5 or more true/false statements, fewer than 40 % or more than 60 % true.
fn true_false_balance(questions: &[&Question]) -> Option<String> {
    let answers: Vec<bool> = questions
        .iter()
        .filter_map(|q| match q {
            Question::TrueFalse(t) => Some(t.answer),
            _ => None,
        })
        .collect();
    let n = answers.len();
    let t = answers.iter().filter(|a| **a).count();
    // 40 % and 60 % as fifths, so that a boundary count is exactly on it.
    (n >= TRUE_FALSE_MIN_ITEMS && (5 * t < 2 * n || 5 * t > 3 * n)).then(|| {
        let always = if 2 * t > n { "vrai" } else { "faux" };
        format!(
            "{} sur {n} ({}) : hors de 40 à 60 %, répondre toujours « {always} » rapporte",
            plural(t, "affirmation vraie", "affirmations vraies"),
            percent(t as f64 / n as f64)
        )
    })
}

/// With 4 or more multiple-answer items, more than half with the same number of keys.
fn key_count(questions: &[&Question]) -> Option<String> {
    let counts: Vec<usize> = questions
        .iter()
        .filter_map(|q| match q {
            Question::Multiple(c) => Some(c.correct.len()),
            _ => None,
        })
        .collect();
    let n = counts.len();
    if n < KEY_COUNT_MIN_ITEMS {
        return None;
    }
    let (keys, same) = counts
        .iter()
        .map(|k| (*k, counts.iter().filter(|c| *c == k).count()))
        .max_by_key(|(k, same)| (*same, usize::MAX - k))?;
    (2 * same > n).then(|| {
        format!(
            "{same} questions à choix multiple sur {n} ont {} : plus de la moitié, le nombre de \
             cases à cocher se devine",
            plural(keys, "bonne réponse", "bonnes réponses")
        )
    })
}

/// With 6 or more single-answer items, the key is the single longest option more often than
/// chance (the mean of 1/k) plus 15 points.
fn longest_key_rate(singles: &[&ChoiceQuestion]) -> Option<String> {
    let n = singles.len();
    if n < SINGLE_MIN_ITEMS {
        return None;
    }
    let longest = singles.iter().filter(|c| key_is_longest(c)).count();
    let chance = singles
        .iter()
        .map(|c| 1.0 / c.choices.len().max(1) as f64)
        .sum::<f64>()
        / n as f64;
    let rate = longest as f64 / n as f64;
    (rate > chance + LONGEST_KEY_MARGIN).then(|| {
        format!(
            "la bonne réponse est l’option la plus longue dans {longest} questions à choix \
             unique sur {n} ({}), quand le hasard en donnerait {} : plus de 15 points au-dessus",
            percent(rate),
            percent(chance)
        )
    })
}

/// The key is longer than every other option (a tie is no cue).
fn key_is_longest(c: &ChoiceQuestion) -> bool {
    let length = |i: usize| c.choices[i].text.trim().chars().count();
    let Some(&key) = c.correct.first().filter(|&&k| k < c.choices.len()) else {
        return false;
    };
    (0..c.choices.len()).all(|i| i == key || length(i) < length(key))
}

/// With 6 or more single-answer items, the key stored first in more than half.
fn key_first(singles: &[&ChoiceQuestion]) -> Option<String> {
    let n = singles.len();
    let first = singles
        .iter()
        .filter(|c| c.correct.first() == Some(&0))
        .count();
    (n >= SINGLE_MIN_ITEMS && 2 * first > n).then(|| {
        format!(
            "la bonne réponse est rangée en premier dans {first} questions à choix unique sur \
             {n} : un outil qui ne mélange pas les choix la montrerait"
        )
    })
}
