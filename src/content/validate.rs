//! Rules beyond what serde checks: ids, indices, sources, and the personal-data lint.

use std::collections::{HashMap, HashSet};

use super::code::Code;
use super::diag::Finding;
use super::jsonpos::{self, At, JsonPath};
use super::pii;
use crate::domain::content::{Glossary, Module};
use crate::domain::question::{ChoiceQuestion, NumericQuestion, Question};

/// Weights are percents, as in Moodle.
const WEIGHT_RANGE: std::ops::RangeInclusive<f64> = -100.0..=100.0;

/// Checks a parsed module against the content rules. `src` is its JSON text, for the
/// personal-data lint, which reads every string where it stands.
pub fn validate_module(module: &Module, src: &str) -> Vec<Finding> {
    let mut v = Validator {
        findings: Vec::new(),
        declared: module.sources.iter().map(|s| s.id.as_str()).collect(),
        used: vec![false; module.sources.len()],
    };
    v.module_fields(module);
    v.declared_sources(module);
    v.lessons(module);
    let mut ids = IdRegistry::default();
    let questions_at = At::Root.key("questions");
    for (i, q) in module.questions.iter().enumerate() {
        let p = questions_at.index(i);
        ids.check(&mut v.findings, q.id(), &p);
        v.question(q, &p);
    }
    v.cases(module, &mut ids);
    v.unused_sources(module);
    let mut findings = v.findings;
    if pii::may_contain(src) {
        findings.extend(personal_data(src, &module.fictive_ok));
    }
    findings.extend(super::text_rules::check(src));
    findings
}

/// Checks the glossary file.
pub fn validate_glossary(glossary: &Glossary, src: &str) -> Vec<Finding> {
    let mut v = Validator {
        findings: Vec::new(),
        declared: glossary.sources.iter().map(|s| s.id.as_str()).collect(),
        used: vec![false; glossary.sources.len()],
    };
    let mut terms = HashMap::new();
    let root = At::Root;
    let entries_at = root.key("entries");
    for (i, e) in glossary.entries.iter().enumerate() {
        let p = entries_at.index(i);
        v.non_empty(&p.key("term"), &e.term, "le terme");
        v.non_empty(&p.key("expansion"), &e.expansion, "le développement");
        v.non_empty(&p.key("definition"), &e.definition, "la définition");
        v.sources(&p.key("sources"), &e.sources);
        if let Some(first) = terms.insert(e.term.to_lowercase(), i) {
            v.findings.push(Finding::error(
                Code::DuplicateTerm,
                p.key("term").path(),
                format!(
                    "terme en double : « {} » (déjà à l'entrée {})",
                    e.term,
                    first + 1
                ),
            ));
        }
    }
    let mut findings = v.findings;
    findings.extend(personal_data(src, &[]));
    findings.extend(super::text_rules::check(src));
    findings
}

/// Question ids seen so far in one module.
#[derive(Default)]
struct IdRegistry<'a> {
    seen: HashSet<&'a str>,
}

impl<'a> IdRegistry<'a> {
    fn check(&mut self, findings: &mut Vec<Finding>, id: &'a str, at: &At<'_>) {
        if id.trim().is_empty() {
            findings.push(Finding::error(
                Code::InvalidId,
                at.key("id").path(),
                "identifiant de question vide",
            ));
        } else if id.chars().any(char::is_whitespace) {
            findings.push(Finding::error(
                Code::InvalidId,
                at.key("id").path(),
                format!("identifiant de question avec des espaces : « {id} »"),
            ));
        } else if !self.seen.insert(id) {
            findings.push(
                Finding::error(Code::DuplicateQuestionId, at.key("id").path(), format!("identifiant de question en double : « {id} »"))
                    .with_help("la progression est rangée par identifiant : chacun doit être unique dans tout le contenu"),
            );
        }
    }
}

struct Validator<'m> {
    findings: Vec<Finding>,
    /// The module's source ids. A module cites a few dozen at most: a scan beats hashing,
    /// and this runs for every citation of every question.
    declared: Vec<&'m str>,
    /// Whether each declared source is cited, by position in `declared`.
    used: Vec<bool>,
}

impl<'m> Validator<'m> {
    /// The module's own fields: id, title, summary, format version.
    fn module_fields(&mut self, module: &Module) {
        let root = At::Root;
        self.non_empty(&root.key("id"), &module.id, "l'identifiant du module");
        if module
            .id
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            self.findings.push(
                Finding::error(Code::InvalidId, root.key("id").path(), format!("identifiant de module invalide : « {} »", module.id))
                    .with_help("lettres sans accent, chiffres, tirets et soulignés seulement (ex. « secret-medical »)"),
            );
        }
        self.non_empty(&root.key("title"), &module.title, "le titre du module");
        self.non_empty(&root.key("summary"), &module.summary, "le résumé du module");
        if module.format_version == 0 {
            self.findings.push(Finding::error(
                Code::FormatVersion,
                root.key("format_version").path(),
                "format_version doit valoir au moins 1",
            ));
        }
    }

    /// The list of sources: each with an id and a label, none twice.
    fn declared_sources(&mut self, module: &Module) {
        let mut source_ids = HashSet::new();
        let sources_at = At::Root.key("sources");
        for (i, s) in module.sources.iter().enumerate() {
            let p = sources_at.index(i);
            self.non_empty(&p.key("id"), &s.id, "l'identifiant de la source");
            self.non_empty(&p.key("label"), &s.label, "le libellé de la source");
            if !source_ids.insert(s.id.as_str()) {
                self.findings.push(Finding::error(
                    Code::DuplicateSource,
                    p.key("id").path(),
                    format!("source déclarée deux fois : « {} »", s.id),
                ));
            }
        }
    }

    fn lessons(&mut self, module: &'m Module) {
        let mut lesson_ids = HashSet::new();
        let lessons_at = At::Root.key("lessons");
        for (i, lesson) in module.lessons.iter().enumerate() {
            let p = lessons_at.index(i);
            self.non_empty(&p.key("id"), &lesson.id, "l'identifiant de la leçon");
            self.non_empty(&p.key("title"), &lesson.title, "le titre de la leçon");
            self.non_empty(&p.key("body"), &lesson.body, "le texte de la leçon");
            if !lesson_ids.insert(lesson.id.as_str()) {
                self.findings.push(Finding::error(
                    Code::DuplicateLesson,
                    p.key("id").path(),
                    format!("leçon en double : « {} »", lesson.id),
                ));
            }
            self.sources(&p.key("sources"), &lesson.sources);
        }
    }

    /// The cases, their steps and the steps' questions, whose ids join those of the quiz.
    fn cases(&mut self, module: &'m Module, ids: &mut IdRegistry<'m>) {
        let mut case_ids = HashSet::new();
        let cases_at = At::Root.key("cases");
        for (c, case) in module.cases.iter().enumerate() {
            let cp = cases_at.index(c);
            self.non_empty(&cp.key("id"), &case.id, "l'identifiant du cas");
            self.non_empty(&cp.key("title"), &case.title, "le titre du cas");
            if !case_ids.insert(case.id.as_str()) {
                self.findings.push(Finding::error(
                    Code::DuplicateCase,
                    cp.key("id").path(),
                    format!("cas en double : « {} »", case.id),
                ));
            }
            self.sources(&cp.key("sources"), &case.sources);
            if case.steps.is_empty() {
                self.findings.push(Finding::error(
                    Code::CaseWithoutSteps,
                    cp.key("steps").path(),
                    "un cas doit avoir au moins une étape",
                ));
            }
            let steps_at = cp.key("steps");
            for (s, step) in case.steps.iter().enumerate() {
                let sp = steps_at.index(s);
                self.non_empty(&sp.key("title"), &step.title, "le titre de l'étape");
                self.non_empty(&sp.key("narrative"), &step.narrative, "le récit de l'étape");
                if step.questions.is_empty() {
                    self.findings.push(Finding::error(
                        Code::StepWithoutQuestions,
                        sp.key("questions").path(),
                        "chaque étape d'un cas se termine par au moins une question",
                    ));
                }
                let step_questions_at = sp.key("questions");
                for (k, q) in step.questions.iter().enumerate() {
                    let qp = step_questions_at.index(k);
                    ids.check(&mut self.findings, q.id(), &qp);
                    self.question(q, &qp);
                }
            }
        }
    }

    /// A warning for each declared source that nothing cites.
    fn unused_sources(&mut self, module: &Module) {
        let sources_at = At::Root.key("sources");
        for (i, s) in module.sources.iter().enumerate() {
            if !self.used.get(i).copied().unwrap_or(true) {
                self.findings.push(Finding::warning(
                    Code::UnusedSource,
                    sources_at.index(i).key("id").path(),
                    format!(
                        "la source « {} » n'est citée par aucune leçon ni question",
                        s.id
                    ),
                ));
            }
        }
    }

    fn non_empty(&mut self, at: &At<'_>, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.findings.push(Finding::error(
                Code::EmptyField,
                at.clone().path(),
                format!("{what} est vide"),
            ));
        }
    }

    fn sources(&mut self, at: &At<'_>, ids: &'m [String]) {
        for (i, id) in ids.iter().enumerate() {
            if let Some(i) = self.declared.iter().position(|d| *d == id) {
                self.used[i] = true;
            } else {
                self.findings.push(
                    Finding::error(
                        Code::UndeclaredSource,
                        at.index(i).path(),
                        format!("source non déclarée : « {id} »"),
                    )
                    .with_help("déclarez-la dans la liste « sources » du module, avec son libellé"),
                );
            }
        }
    }

    fn question(&mut self, q: &'m Question, at: &At<'_>) {
        self.non_empty(&at.key("prompt"), q.prompt(), "l'énoncé");
        if q.explanation().trim().is_empty() {
            self.findings.push(
                Finding::error(Code::NoExplanation, at.key("explanation").path(), format!("la question « {} » n'a pas d'explication", q.id()))
                    .with_help("ajoutez « explanation » : pourquoi la bonne réponse est juste, et pourquoi la réponse tentante est fausse"),
            );
        }
        if q.sources().is_empty() {
            self.findings.push(
                Finding::error(
                    Code::NoSource,
                    at.key("sources").path(),
                    format!("la question « {} » ne cite aucune source", q.id()),
                )
                .with_help(
                    "ajoutez « sources » avec l'identifiant d'une source déclarée du module",
                ),
            );
        }
        self.sources(&at.key("sources"), q.sources());
        match q {
            Question::Single(c) => self.choices(c, at, true),
            Question::Multiple(c) => self.choices(c, at, false),
            Question::TrueFalse(_) => {}
            Question::Short(s) => {
                if s.accepted.is_empty() {
                    self.findings.push(Finding::error(
                        Code::NoAcceptedAnswer,
                        at.key("accepted").path(),
                        "une question « short » demande au moins une réponse acceptée",
                    ));
                }
                for (i, a) in s.accepted.iter().enumerate() {
                    self.non_empty(&at.key("accepted").index(i), &a.text, "la réponse acceptée");
                    self.weight(&at.key("accepted").index(i), a.weight);
                }
                if !s.accepted.is_empty()
                    && !s
                        .accepted
                        .iter()
                        .any(|a| a.weight.unwrap_or(100.0) >= 100.0)
                {
                    self.findings.push(Finding::error(Code::NoFullMark,
                        at.key("accepted").path(),
                        "aucune réponse acceptée ne vaut 100 % : la question ne peut pas être réussie",
                    ));
                }
            }
            Question::Numeric(n) => self.numeric(n, at),
            Question::Order(o) => {
                if o.items.len() < 2 {
                    self.findings.push(Finding::error(
                        Code::TooFewSteps,
                        at.key("items").path(),
                        format!(
                            "une question « order » demande au moins 2 étapes (ici {})",
                            o.items.len()
                        ),
                    ));
                }
                for (i, item) in o.items.iter().enumerate() {
                    self.non_empty(&at.key("items").index(i), item, "l'étape");
                }
            }
            Question::Match(m) => {
                if m.pairs.len() < 2 {
                    self.findings.push(Finding::error(
                        Code::TooFewPairs,
                        at.key("pairs").path(),
                        format!(
                            "une question « match » demande au moins 2 paires (ici {})",
                            m.pairs.len()
                        ),
                    ));
                }
                let pairs_at = at.key("pairs");
                for (i, pair) in m.pairs.iter().enumerate() {
                    let p = pairs_at.index(i);
                    self.non_empty(&p.key("left"), &pair.left, "l'élément de gauche");
                    self.non_empty(&p.key("right"), &pair.right, "l'élément de droite");
                }
            }
            Question::Open(o) => {
                self.non_empty(
                    &at.key("model_answer"),
                    &o.model_answer,
                    "la réponse modèle",
                );
            }
        }
    }

    fn weight(&mut self, at: &At<'_>, weight: Option<f64>) {
        if let Some(w) = weight.filter(|w| !WEIGHT_RANGE.contains(w)) {
            self.findings.push(Finding::error(
                Code::WeightOutOfRange,
                at.key("weight").path(),
                format!("poids hors limites : {w} (de -100 à 100, en pourcentage)"),
            ));
        }
    }

    fn choices(&mut self, c: &ChoiceQuestion, at: &At<'_>, single: bool) {
        if c.choices.len() < 2 {
            self.findings.push(Finding::error(
                Code::TooFewChoices,
                at.key("choices").path(),
                format!("il faut au moins 2 choix (ici {})", c.choices.len()),
            ));
        }
        for (i, choice) in c.choices.iter().enumerate() {
            self.non_empty(
                &at.key("choices").index(i).key("text"),
                &choice.text,
                "le texte du choix",
            );
            self.weight(&at.key("choices").index(i), choice.weight);
        }
        self.flags(c, at, single);
        let mut seen = Vec::with_capacity(c.correct.len());
        for (i, &index) in c.correct.iter().enumerate() {
            if index >= c.choices.len() {
                self.findings.push(Finding::error(
                    Code::KeyOutOfRange,
                    at.key("correct").index(i).path(),
                    format!(
                        "indice de bonne réponse hors limites : {index} (les choix vont de 0 à {})",
                        c.choices.len().saturating_sub(1)
                    ),
                ));
            } else if seen.contains(&index) {
                self.findings.push(Finding::error(
                    Code::KeyTwice,
                    at.key("correct").index(i).path(),
                    format!("bonne réponse citée deux fois : {index}"),
                ));
            } else {
                seen.push(index);
            }
        }
        if single && c.correct.len() != 1 {
            self.findings.push(
                Finding::error(
                    Code::SingleKeyCount,
                    at.key("correct").path(),
                    format!(
                        "une question « single » a exactement une bonne réponse (ici {})",
                        c.correct.len()
                    ),
                )
                .with_help("pour plusieurs bonnes réponses, utilisez « kind »: « multiple »"),
            );
        }
        if !single && c.correct.is_empty() {
            self.findings.push(Finding::error(
                Code::NoKey,
                at.key("correct").path(),
                "une question « multiple » a au moins une bonne réponse",
            ));
        }
    }

    /// `indispensable` and `inacceptable` decide the score of a `multiple` question scored
    /// by mismatches: the first on a right choice, the second on a wrong one.
    fn flags(&mut self, c: &ChoiceQuestion, at: &At<'_>, single: bool) {
        let weighted = c.choices.iter().any(|ch| ch.weight.is_some());
        let choices_at = at.key("choices");
        for (i, choice) in c.choices.iter().enumerate() {
            if !(choice.indispensable || choice.inacceptable) {
                continue;
            }
            let right = c.correct.contains(&i);
            let message = if single {
                "« indispensable » et « inacceptable » ne servent qu’aux questions « multiple » : \
                 une question « single » est déjà juste ou fausse"
            } else if weighted {
                "« indispensable » et « inacceptable » ne se mêlent pas aux poids : une question \
                 pondérée est notée comme dans Moodle"
            } else if choice.indispensable && !right {
                "« indispensable » marque une bonne réponse, or ce choix n’est pas dans « correct »"
            } else if choice.inacceptable && right {
                "« inacceptable » marque une mauvaise réponse, or ce choix est dans « correct »"
            } else {
                continue;
            };
            let flag = if choice.indispensable && (single || weighted || !right) {
                "indispensable"
            } else {
                "inacceptable"
            };
            self.findings.push(Finding::error(
                Code::ChoiceFlag,
                choices_at.index(i).key(flag).path(),
                message,
            ));
        }
    }

    fn numeric(&mut self, n: &NumericQuestion, at: &At<'_>) {
        if n.answers.is_empty() {
            self.findings.push(Finding::error(
                Code::NoNumericAnswer,
                at.key("answers").path(),
                "une question « numeric » demande au moins une valeur acceptée",
            ));
        }
        let answers_at = at.key("answers");
        for (i, a) in n.answers.iter().enumerate() {
            let p = answers_at.index(i);
            self.weight(&p, a.weight);
            match (a.value, a.min, a.max) {
                (Some(_), None, None) => {}
                (None, Some(lo), Some(hi)) if lo > hi => self.findings.push(Finding::error(Code::ReversedRange,
                    p.key("min").path(),
                    format!("intervalle inversé : min {lo} est plus grand que max {hi}"),
                )),
                (None, Some(_), Some(_)) => {}
                _ => self.findings.push(Finding::error(Code::NumericAnswerShape,
                    p.path(),
                    "une valeur acceptée donne soit « value » (avec « tolerance »), soit « min » et « max »",
                )),
            }
            if a.tolerance.is_some_and(|t| t < 0.0) {
                self.findings.push(Finding::error(
                    Code::NegativeTolerance,
                    at.key("answers").index(i).key("tolerance").path(),
                    "la tolérance ne peut pas être négative",
                ));
            }
        }
    }
}

/// Flags what looks like real personal data anywhere in the document's strings.
fn personal_data(src: &str, fictive_ok: &[String]) -> Vec<Finding> {
    let allowed: HashSet<String> = fictive_ok.iter().map(|s| compact(s)).collect();
    let mut findings = Vec::new();
    for (range, text) in jsonpos::strings(src) {
        for hit in pii::scan(&text) {
            let value = &text[hit.range.clone()];
            if allowed.contains(&compact(value)) {
                continue;
            }
            // Inside a string without escapes the hit's offsets are the file's offsets.
            let escaped = src[range.clone()].contains('\\');
            let span = if escaped {
                range.clone()
            } else {
                range.start + 1 + hit.range.start..range.start + 1 + hit.range.end
            };
            findings.push(Finding {
                span: Some(span),
                ..Finding::error(Code::PersonalData, JsonPath::root(), format!("« {value} » {}", hit.kind.explain()))
                    .with_help(format!(
                        "le contenu doit rester fictif : remplacez la valeur, ou, si elle est fictive, ajoutez « {value} » à « fictive_ok »"
                    ))
            });
        }
    }
    findings
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of the `choice-flag` errors of a module with this one question.
    fn flag_errors(question: &str) -> Vec<String> {
        let json = format!(
            r#"{{"format_version": 1, "id": "m", "title": "M", "summary": "S",
                "sources": [{{"id": "s", "label": "Source"}}], "questions": [{question}]}}"#
        );
        let module: Module = serde_json::from_str(&json).expect("a module");
        validate_module(&module, &json)
            .into_iter()
            .filter(|f| f.code == Code::ChoiceFlag)
            .map(|f| f.path.to_string())
            .collect()
    }

    fn question(kind: &str, choices: &str) -> String {
        format!(
            r#"{{"kind": "{kind}", "id": "m.q", "prompt": "?", "explanation": "e",
                "sources": ["s"], "choices": [{choices}], "correct": [0]}}"#
        )
    }

    #[test]
    fn flags_fit_a_multiple_question_scored_by_mismatches() {
        let right = question(
            "multiple",
            r#"{"text": "a", "indispensable": true}, {"text": "b", "inacceptable": true}"#,
        );
        assert_eq!(flag_errors(&right), Vec::<String>::new());
        let single = question(
            "single",
            r#"{"text": "a"}, {"text": "b", "inacceptable": true}"#,
        );
        assert_eq!(
            flag_errors(&single),
            ["questions[0].choices[1].inacceptable"]
        );
        let weighted = question(
            "multiple",
            r#"{"text": "a", "weight": 100}, {"text": "b", "inacceptable": true}"#,
        );
        assert_eq!(
            flag_errors(&weighted),
            ["questions[0].choices[1].inacceptable"]
        );
        let swapped = question(
            "multiple",
            r#"{"text": "a", "inacceptable": true}, {"text": "b", "indispensable": true}"#,
        );
        assert_eq!(
            flag_errors(&swapped),
            [
                "questions[0].choices[0].inacceptable",
                "questions[0].choices[1].indispensable"
            ]
        );
    }
}
