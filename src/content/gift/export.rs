//! From a module to GIFT, for upload to Moodle.
//!
//! Every text is written so that Moodle, and conseil's own import, read it back unchanged:
//! special characters escaped, line breaks as `\n`, and the question text in `[markdown]`, the
//! format conseil writes in. What GIFT cannot say is converted to its nearest form, with a
//! `//` comment in the file and a line in `Export::conversions`.

use std::fmt::Write as _;

use super::build::{
    CHECKLIST_HEADING, MODEL_ANSWER_HEADING, NO_MODEL_ANSWER, STEP_LABEL, UNIT_LABEL,
};
use super::parse::{GRADES, on_grade_list};
use super::text::{escape, php_trim};
use crate::domain::content::{Lesson, Module};
use crate::domain::question::{
    ChoiceQuestion, MatchQuestion, NumericQuestion, OpenQuestion, OrderQuestion, Question,
    ShortQuestion, TrueFalseQuestion,
};
use crate::words;

/// Said once per file with check-box questions scored by mismatches, which Moodle cannot
/// score so: it adds up per-answer percentages, and ±100/n is the nearest it has.
const EDN_NOTE: &str = "conseil note les choix multiples au barème de l’EDN (aucune \
    discordance : 1 ; une : 0,5 ; deux : 0,2 ; plus : 0) ; Moodle additionne des pourcentages, \
    ils y valent +100/n par bonne réponse cochée et −100/n par mauvaise (−100 % pour une réponse \
    inacceptable).";

/// The order `c`'s choices are written in: their own, unless that puts a right one first.
/// Moodle shuffles the choices (its default, which GIFT cannot change), but a quiz may have
/// shuffling off and other tools read the file in order: then the choices are turned round so
/// that a wrong one leads, which one picked from the question's id, so that the key does not
/// always land at the same place.
fn written_order(c: &ChoiceQuestion) -> Vec<usize> {
    let n = c.choices.len();
    let wrong: Vec<usize> = (0..n).filter(|i| !c.correct.contains(i)).collect();
    if !c.correct.contains(&0) || wrong.is_empty() {
        return (0..n).collect();
    }
    let pick = u64::try_from(wrong.len())
        .ok()
        .and_then(|len| usize::try_from(fnv1a(c.id.as_bytes()) % len).ok())
        .unwrap_or(0);
    let lead = wrong[pick];
    (0..n).map(|i| (lead + i) % n).collect()
}

/// FNV-1a: a hash that stays the same from one Rust version to the next, so that an export is
/// reproducible.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A module in GIFT.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub text: String,
    /// What had to change on the way, in French, one line each.
    pub conversions: Vec<String>,
    /// Questions written (lessons not counted).
    pub questions: usize,
}

/// Writes `module` in GIFT: its title as the category, lessons as descriptions, then its
/// questions, then the questions of its cases. Importing the text gives back the same
/// questions, and exporting them again the same text.
pub fn export(module: &Module) -> Export {
    let category = one_line(&module.title).replace('/', "//");
    let mut w = Writer {
        out: String::with_capacity(256 * (module.question_count() + module.lessons.len() + 1)),
        conversions: Vec::new(),
        questions: 0,
    };
    w.comment(&format!(
        "Module « {} » ({}), exporté par conseil {}.",
        module.title,
        module.id,
        env!("CARGO_PKG_VERSION")
    ));
    w.comment("À importer dans Moodle : Banque de questions › Importer › format GIFT.");
    let mismatch_scored = module
        .all_questions()
        .filter(|q| matches!(q, Question::Multiple(c) if c.choices.iter().all(|ch| ch.weight.is_none())))
        .count();
    if mismatch_scored > 0 {
        w.comment(EDN_NOTE);
        w.conversions.push(format!(
            "{} : barème de l’EDN écrit pour Moodle en +100/n par bonne réponse et −100/n par \
             mauvaise (−100 % pour une réponse inacceptable), sa notation la plus proche",
            words::plural(
                mismatch_scored,
                "question à choix multiple",
                "questions à choix multiple"
            )
        ));
    }
    for value in &module.fictive_ok {
        if let Some(token) = token(value, |_| false) {
            w.comment(&format!("[fictive_ok:{token}]"));
        }
    }
    w.out.push('\n');
    // Moodle reads the category raw (no escapes); `/` would nest, `//` is a slash.
    let _ = writeln!(w.out, "$CATEGORY: {category}\n");
    for lesson in &module.lessons {
        w.lesson(lesson);
    }
    for q in &module.questions {
        w.question(q, None);
    }
    for case in &module.cases {
        for (s, step) in case.steps.iter().enumerate() {
            for q in &step.questions {
                w.conversions.push(format!(
                    "question « {} » du cas « {} », étape {} « {} » : exportée comme question seule avec l’étiquette « {} », GIFT n’ayant pas de cas",
                    q.id(),
                    one_line(&case.title),
                    s + 1,
                    one_line(&step.title),
                    case.id
                ));
                // A tag rather than a comment: Moodle keeps it, so the case's questions can
                // be found together there, and importing the file keeps it too.
                w.question(q, Some(&case.id));
            }
        }
    }
    Export {
        text: w.out,
        conversions: w.conversions,
        questions: w.questions,
    }
}

struct Writer {
    out: String,
    conversions: Vec<String>,
    questions: usize,
}

/// Line breaks as spaces, for comments and the category line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The value of a `[name:…]` comment token, trimmed as reading trims it, `]` escaped; `None`
/// when Moodle's pattern could not read it back: blank, a control character or a `forbidden`
/// one, or a backslash before a `]` or at the end (read as an escape).
fn token(value: &str, forbidden: impl Fn(char) -> bool) -> Option<String> {
    let value = php_trim(value);
    if value.is_empty()
        || value.chars().any(|c| c.is_control() || forbidden(c))
        || value.ends_with('\\')
        || value.contains("\\]")
    {
        return None;
    }
    Some(value.replace(']', "\\]"))
}

/// A formatted part (answer text, feedback, general feedback). One starting with `[` gets an
/// explicit `[markdown]`, or Moodle would take its start for a format prefix.
fn part(text: &str) -> String {
    let escaped = escape(text);
    if text.starts_with('[') {
        format!("[markdown]{escaped}")
    } else {
        escaped
    }
}

/// A part right after `~` or `=`: a leading `%` would be read as a weight, so it is guarded
/// the same way.
fn answer(text: &str) -> String {
    if text.starts_with('%') {
        format!("[markdown]{}", escape(text))
    } else {
        part(text)
    }
}

fn number(x: f64) -> String {
    // Display gives the shortest text that reads back to the same f64, never an exponent.
    format!("{x}")
}

/// `TRUE` or `FALSE`, then the feedback for a wrong answer and for a right one.
fn true_false(t: &TrueFalseQuestion, body: &mut String) {
    let (right, wrong) = if t.answer {
        (&t.feedback_true, &t.feedback_false)
    } else {
        (&t.feedback_false, &t.feedback_true)
    };
    body.push('\t');
    body.push_str(if t.answer { "TRUE" } else { "FALSE" });
    match (wrong, right) {
        (Some(wrong), _) => {
            body.push('#');
            body.push_str(&part(wrong));
        }
        (None, Some(_)) => body.push('#'),
        (None, None) => {}
    }
    if let Some(right) = right {
        body.push('#');
        body.push_str(&part(right));
    }
    body.push('\n');
}

impl Writer {
    fn comment(&mut self, text: &str) {
        for line in text.lines() {
            let _ = writeln!(self.out, "// {line}");
        }
    }

    fn lesson(&mut self, lesson: &Lesson) {
        match token(&lesson.id, |c| c == '[') {
            Some(id) => self.comment(&format!("[id:{id}]")),
            None => self.conversions.push(format!(
                "leçon « {} » : identifiant impossible à écrire en [id:…] ; Moodle gardera le titre",
                lesson.id
            )),
        }
        let _ = writeln!(
            self.out,
            "::{}::[markdown]{}\n",
            escape(&lesson.title),
            escape(&lesson.body)
        );
    }

    /// A weight Moodle accepts: `w` itself when it is on the grade list, otherwise the
    /// nearest grade, said in the conversions.
    fn weight(&mut self, id: &str, w: f64) -> String {
        if on_grade_list(w).is_some() {
            return number(w);
        }
        let nearest = GRADES
            .iter()
            .map(|g| g.copysign(w))
            .min_by(|a, b| (a - w).abs().total_cmp(&(b - w).abs()))
            .unwrap_or(0.0);
        self.conversions.push(format!(
            "question « {id} » : poids de {} % ramené à {} %, le plus proche de la liste de notes de Moodle",
            number(w),
            number(nearest)
        ));
        number(nearest)
    }

    /// `text` with `->` made `→`, said in the conversions: in a short answer or on the left
    /// of a pair, Moodle would read the arrow as a matching question's.
    fn no_arrow(&mut self, id: &str, text: &str) -> String {
        if !text.contains("->") {
            return text.to_owned();
        }
        self.conversions.push(format!(
            "question « {id} » : « -> » remplacé par « → » dans « {} » (GIFT y lirait un appariement)",
            one_line(text)
        ));
        text.replace("->", "→")
    }

    fn question(&mut self, q: &Question, case: Option<&str>) {
        self.questions += 1;
        self.question_comments(q, case);
        let id = q.id();
        let body = self.answers(q);
        let mut prompt = q.prompt().to_owned();
        if let Question::Numeric(n) = q
            && let Some(unit) = &n.unit
        {
            // GIFT has no unit: the learner in Moodle reads it in the question.
            let _ = write!(prompt, "{UNIT_LABEL}{}", one_line(unit));
        }
        let _ = write!(
            self.out,
            "::{}::[markdown]{}{{",
            escape(id),
            escape(&prompt)
        );
        if !body.starts_with('#') {
            self.out.push('\n');
        }
        self.out.push_str(&body);
        self.out.push_str("}\n\n");
    }

    /// The `[id:…]` and `[tag:…]` comments of `q`: each of its tags once, then its case's id
    /// for a question of a case.
    fn question_comments(&mut self, q: &Question, case: Option<&str>) {
        let id = q.id();
        match token(id, |c| c == '[') {
            Some(token) => self.comment(&format!("[id:{token}]")),
            None => self.conversions.push(format!(
                "question « {id} » : identifiant impossible à écrire en [id:…] ; Moodle gardera le titre"
            )),
        }
        let mut written: Vec<String> = Vec::with_capacity(q.tags().len() + 1);
        for tag in q.tags().iter().map(String::as_str).chain(case) {
            match token(tag, |c| c == '<' || c == '>') {
                // Importing keeps a tag once: written twice, it would not come back the same.
                Some(token) if written.contains(&token) => {}
                Some(token) => {
                    self.comment(&format!("[tag:{token}]"));
                    written.push(token);
                }
                None => self.conversions.push(format!(
                    "question « {id} » : étiquette « {tag} » impossible à écrire en [tag:…], omise"
                )),
            }
        }
        if let Question::Single(c) | Question::Multiple(c) = q {
            self.flag_comments(c);
        }
    }

    /// `[indispensable:N]` and `[inacceptable:N]` for the flagged choices of `c`, N their rank
    /// as written: Moodle ignores them, conseil's import reads them back (see `flags`).
    fn flag_comments(&mut self, c: &ChoiceQuestion) {
        for (rank, i) in written_order(c)
            .into_iter()
            .enumerate()
            .map(|(r, i)| (r + 1, i))
        {
            let choice = &c.choices[i];
            if choice.indispensable {
                self.comment(&format!(
                    "[indispensable:{rank}] conseil : ne pas cocher la réponse {rank} donne 0 à la question."
                ));
                self.conversions.push(format!(
                    "question « {} » : la réponse indispensable « {} » compte dans Moodle comme les autres bonnes réponses (Moodle n’a pas cette règle)",
                    c.id,
                    one_line(&choice.text)
                ));
            }
            if choice.inacceptable {
                self.comment(&format!(
                    "[inacceptable:{rank}] conseil : cocher la réponse {rank} donne 0 à la question."
                ));
            }
        }
    }

    /// What goes between the braces of `q`: its answers, then its general feedback.
    fn answers(&mut self, q: &Question) -> String {
        let mut body = String::new();
        match q {
            Question::Single(c) => self.choices(c, true, &mut body),
            Question::Multiple(c) => self.choices(c, false, &mut body),
            Question::TrueFalse(t) => true_false(t, &mut body),
            Question::Short(s) => self.short(s, &mut body),
            Question::Numeric(n) => self.numeric(n, &mut body),
            Question::Match(m) => self.matching(m, &mut body),
            Question::Order(o) => self.order(o, &mut body),
            Question::Open(o) => self.open(o, &mut body),
        }
        if !matches!(q, Question::Open(_)) && !q.explanation().trim().is_empty() {
            let _ = writeln!(body, "\t####{}", part(q.explanation()));
        }
        body
    }

    fn short(&mut self, s: &ShortQuestion, body: &mut String) {
        let id = s.id.as_str();
        for a in &s.accepted {
            body.push_str("\t=");
            if let Some(w) = a.weight {
                let w = self.weight(id, w);
                let _ = write!(body, "%{w}%");
            }
            let text = self.no_arrow(id, &a.text);
            body.push_str(&answer(&text));
            if let Some(f) = &a.feedback {
                let f = self.no_arrow(id, f);
                body.push('#');
                body.push_str(&part(&f));
            }
            body.push('\n');
        }
    }

    fn numeric(&mut self, n: &NumericQuestion, body: &mut String) {
        body.push_str("#\n");
        for a in &n.answers {
            let accepted = match (a.value, a.min, a.max) {
                (Some(v), _, _) => match a.tolerance {
                    Some(t) => format!("{}:{}", number(v), number(t)),
                    None => number(v),
                },
                (None, Some(lo), Some(hi)) => format!("{}..{}", number(lo), number(hi)),
                _ => continue,
            };
            body.push_str("\t=");
            if let Some(w) = a.weight {
                let w = self.weight(&n.id, w);
                let _ = write!(body, "%{w}%");
            }
            body.push_str(&accepted);
            if let Some(f) = &a.feedback {
                body.push('#');
                body.push_str(&part(f));
            }
            body.push('\n');
        }
        if let Some(f) = &n.feedback_other {
            let _ = writeln!(body, "\t~#{}", part(f));
        }
    }

    fn matching(&mut self, m: &MatchQuestion, body: &mut String) {
        for pair in &m.pairs {
            let left = self.no_arrow(&m.id, &pair.left);
            let _ = writeln!(body, "\t={} -> {}", part(&left), escape(&pair.right));
        }
        for d in &m.distractors {
            let _ = writeln!(body, "\t= -> {}", escape(d));
        }
    }

    /// Steps to order, as pairs « Étape n -> step »: GIFT has no such question.
    fn order(&mut self, o: &OrderQuestion, body: &mut String) {
        self.comment(
            "conseil : question à ordonner, exportée en appariement « Étape n -> … » (GIFT n’a pas de question à ordonner).",
        );
        self.conversions.push(format!(
            "question « {} » (à ordonner) : exportée en appariement « Étape n -> … », GIFT n’ayant pas de question à ordonner",
            o.id
        ));
        for (i, item) in o.items.iter().enumerate() {
            let _ = writeln!(body, "\t={STEP_LABEL}{} -> {}", i + 1, escape(item));
        }
    }

    /// An essay whose general feedback carries the explanation, the model answer and the
    /// checklist.
    fn open(&mut self, o: &OpenQuestion, body: &mut String) {
        // Moodle has no model answer in GIFT: it goes after the explanation, where Moodle
        // shows it once answered and where conseil's import finds it again.
        let mut feedback = o.explanation.clone();
        if o.model_answer != NO_MODEL_ANSWER {
            let _ = write!(feedback, "\n\n{MODEL_ANSWER_HEADING}\n{}", o.model_answer);
        }
        if !o.checklist.is_empty() {
            let _ = write!(feedback, "\n\n{CHECKLIST_HEADING}");
            for item in &o.checklist {
                if item.contains(['\n', '\r']) {
                    self.conversions.push(format!(
                        "question « {} » : point à vérifier sur plusieurs lignes, mis sur une seule",
                        o.id
                    ));
                }
                let _ = write!(feedback, "\n- {}", one_line(item));
            }
        }
        let _ = writeln!(body, "\t####{}", part(&feedback));
    }

    fn choices(&mut self, c: &ChoiceQuestion, single: bool, body: &mut String) {
        let id = c.id.as_str();
        let weighted = c.choices.iter().any(|ch| ch.weight.is_some());
        let n = c.correct.len().max(1);
        // conseil scores several right answers by mismatches (EDN), which Moodle cannot say;
        // its nearest is ±100/n on every choice (see `EDN_NOTE`), which the import reads back
        // as a question scored by mismatches.
        let share = 100.0 / n as f64;
        let share_text = if single {
            String::new()
        } else if let Some(g) = on_grade_list(share) {
            number(g)
        } else {
            let g = GRADES
                .iter()
                .copied()
                .filter(|g| *g >= share)
                .fold(100.0, f64::min);
            self.conversions.push(format!(
                "question « {id} » : {n} bonnes réponses à {} % chacune, hors de la liste de notes de Moodle ; {} % chacune",
                number((share * 1000.0).round() / 1000.0),
                number(g)
            ));
            number(g)
        };
        for i in written_order(c) {
            let choice = &c.choices[i];
            let right = c.correct.contains(&i);
            body.push('\t');
            if single && right {
                if choice.weight.is_some_and(|w| (w - 100.0).abs() >= 1e-9) {
                    self.conversions.push(format!(
                        "question « {id} » : la bonne réponse vaut 100 % dans Moodle (son poids est ignoré)"
                    ));
                }
                body.push('=');
            } else {
                body.push('~');
                match choice.weight {
                    Some(w) => {
                        let w = self.weight(id, w);
                        let _ = write!(body, "%{w}%");
                    }
                    None if single => {}
                    None if weighted => {
                        if right {
                            let _ = write!(body, "%{share_text}%");
                        }
                    }
                    None if right => {
                        let _ = write!(body, "%{share_text}%");
                    }
                    // Moodle's mark cannot go below 0: −100 % brings it there, as the rule.
                    None if choice.inacceptable => body.push_str("%-100%"),
                    None => {
                        let _ = write!(body, "%-{share_text}%");
                    }
                }
            }
            body.push_str(&answer(&choice.text));
            if let Some(f) = &choice.feedback {
                body.push('#');
                body.push_str(&part(f));
            }
            body.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_guarded() {
        assert_eq!(part("[html] x"), "[markdown][html] x");
        assert_eq!(answer("%50% x"), "[markdown]%50% x");
        assert_eq!(answer("a:b"), "a\\:b");
        assert_eq!(token("a]b", |_| false).as_deref(), Some("a\\]b"));
        assert_eq!(token("a\nb", |_| false), None);
        assert_eq!(token(" a ", |_| false).as_deref(), Some("a"));
        assert_eq!(token("a\\", |_| false), None);
        assert_eq!(token("a\\]b", |_| false), None);
        assert_eq!(token("a<b", |c| c == '<'), None);
    }

    fn module(questions: &str) -> Module {
        let json = format!(
            r#"{{"format_version": 1, "id": "m", "title": "Titre/sous-titre", "summary": "s",
                "questions": [{questions}]}}"#
        );
        serde_json::from_str(&json).expect("a module")
    }

    #[test]
    fn lossy_forms_are_converted_and_listed() {
        let m = module(
            r#"{"kind": "short", "id": "q1", "prompt": "?", "explanation": "e",
                "accepted": ["a -> b", {"text": "c", "weight": 37}]},
               {"kind": "multiple", "id": "q2", "prompt": "?", "explanation": "e",
                "choices": [{"text": "1"}, {"text": "2"}, {"text": "3"}, {"text": "4"},
                            {"text": "5"}, {"text": "6"}, {"text": "7"}, {"text": "8"},
                            {"text": "9"}, {"text": "10"}, {"text": "11"}, {"text": "12"}],
                "correct": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}"#,
        );
        let out = export(&m);
        // A slash in the title is a literal one for Moodle.
        assert!(
            out.text.contains("$CATEGORY: Titre//sous-titre\n"),
            "{}",
            out.text
        );
        assert!(out.text.contains("\t=a → b\n"), "{}", out.text);
        assert!(out.text.contains("\t=%40%c\n"), "{}", out.text);
        // Eleven right answers: 9.09 % each is not a Moodle grade; 10 % is the nearest that
        // still gives full marks.
        assert!(out.text.contains("\t~%10%1\n") && out.text.contains("\t~%-10%12\n"));
        assert_eq!(out.conversions.len(), 4, "{:#?}", out.conversions);
        assert!(out.conversions[0].contains("barème de l’EDN"));
        assert!(out.conversions[1].contains("« -> » remplacé par « → »"));
        assert!(out.conversions[2].contains("poids de 37 % ramené à 40 %"));
        assert!(out.conversions[3].contains("11 bonnes réponses"));
        assert_eq!(out.questions, 2);
    }

    /// The first answer written in the block of question `id`.
    fn first_answer<'t>(text: &'t str, id: &str) -> &'t str {
        let block = text
            .split(&format!("::{id}::"))
            .nth(1)
            .expect("the question is written");
        block
            .lines()
            .nth(1)
            .expect("an answer line")
            .trim_start_matches('\t')
    }

    #[test]
    fn a_right_answer_is_never_written_first() {
        let m = module(
            r#"{"kind": "single", "id": "q1", "prompt": "?", "explanation": "e",
                "choices": [{"text": "juste"}, {"text": "a"}, {"text": "b"}], "correct": [0]},
               {"kind": "single", "id": "q2", "prompt": "?", "explanation": "e",
                "choices": [{"text": "a"}, {"text": "juste"}], "correct": [1]},
               {"kind": "multiple", "id": "q3", "prompt": "?", "explanation": "e",
                "choices": [{"text": "oui"}, {"text": "aussi"}, {"text": "non"}],
                "correct": [0, 1]}"#,
        );
        let text = export(&m).text;
        assert!(first_answer(&text, "q1").starts_with('~'), "{text}");
        // Stored order is kept when it does not lead with a key.
        assert_eq!(first_answer(&text, "q2"), "~a");
        // The choices are turned round, not shuffled: « non » then « oui », « aussi ».
        assert!(
            text.contains("\t~%-50%non\n\t~%50%oui\n\t~%50%aussi\n"),
            "{text}"
        );
        assert_eq!(export(&m).text, text, "the same file every time");
    }

    #[test]
    fn flags_go_to_moodle_as_weights_and_back_as_comments() {
        let m = module(
            r#"{"kind": "multiple", "id": "q", "prompt": "?", "explanation": "e",
                "choices": [{"text": "non", "inacceptable": true}, {"text": "oui", "indispensable": true},
                            {"text": "aussi"}, {"text": "bof"}],
                "correct": [1, 2]}"#,
        );
        let out = export(&m);
        assert!(
            out.text
                .contains("\t~%-100%non\n\t~%50%oui\n\t~%50%aussi\n\t~%-50%bof\n")
        );
        assert!(
            out.text
                .contains("// [inacceptable:1] conseil : cocher la réponse 1 donne 0")
        );
        assert!(
            out.text
                .contains("// [indispensable:2] conseil : ne pas cocher la réponse 2 donne 0")
        );
        assert!(out.text.contains("barème de l’EDN"), "said in the file");
        assert_eq!(out.conversions.len(), 2, "{:#?}", out.conversions);
        assert!(out.conversions[0].starts_with("1 question à choix multiple : barème de l’EDN"));
        assert!(out.conversions[1].contains("la réponse indispensable « oui » compte dans Moodle"));
        let back = crate::content::gift::import(
            "m.gift",
            out.text.as_bytes(),
            &crate::content::gift::ImportOptions::for_file("m.gift"),
        );
        let back = back.module.expect("imported");
        let (Question::Multiple(b), Question::Multiple(o)) = (&back.questions[0], &m.questions[0])
        else {
            panic!("multiple expected")
        };
        assert_eq!((&b.choices, &b.correct), (&o.choices, &o.correct));
    }
}
