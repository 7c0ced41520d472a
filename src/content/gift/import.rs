//! From a read GIFT file to a module: ids, explanations, tags, then the content rules.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::parse::{self, Accepted, Block, Body, GiftError, GiftWarning, Issue, Mark, Problem};
use crate::content::diag::{Diagnostic, Severity};
use crate::content::jsonpos::Seg;
use crate::content::load::{Document, FileReport, decode};
use crate::content::pii;
use crate::content::validate::validate_module;
use crate::domain::content::{FORMAT_VERSION, Lesson, Module, Source};
use crate::domain::question::{
    Answer, Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OpenQuestion,
    Pair, Question, ShortQuestion, TrueFalseQuestion,
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

/// How conseil writes a numeric question's unit at the end of its text, GIFT having no
/// place for it; importing takes it back.
pub const UNIT_LABEL: &str = "\n\nUnité : ";

/// Longest slug of a title or a question text in a derived id.
const SLUG_MAX: usize = 48;

/// Options of an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Id of the module, the prefix of derived question ids.
    pub module_id: String,
    /// Imports the valid questions of a file that has errors.
    pub skip_invalid: bool,
}

impl ImportOptions {
    /// The options of a GIFT file found in a content folder: the module id from the file name,
    /// and nothing imported from a file with errors.
    pub fn for_file(file: &str) -> Self {
        ImportOptions {
            module_id: module_id_for(file),
            skip_invalid: false,
        }
    }
}

/// What an import gives.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The module, unless the file has errors (and `skip_invalid` is off) or nothing valid.
    pub module: Option<Module>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text as read (UTF-8, BOM dropped), for snippets.
    pub source: Option<String>,
    /// Questions and descriptions left out because of their errors.
    pub skipped: usize,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// True for an id conseil accepts as a module id: ASCII letters, digits, `-` and `_`.
pub fn is_module_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The module id of a file: the slug of its name without extension.
pub fn module_id_for(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = slug(&stem, SLUG_MAX);
    if id.is_empty() { "gift".to_owned() } else { id }
}

/// Reads a GIFT file of a content folder, as `load` reads a JSON module.
pub fn read(file: &str, bytes: &[u8]) -> FileReport {
    let imported = import(file, bytes, &ImportOptions::for_file(file));
    FileReport {
        file: file.to_owned(),
        source: imported.source,
        diagnostics: imported.diagnostics,
        document: imported.module.map(|m| Document::Module(Box::new(m))),
    }
}

/// Imports a GIFT file's bytes. Never panics, whatever the bytes.
pub fn import(file: &str, bytes: &[u8], options: &ImportOptions) -> Imported {
    let failed = |source: Option<String>, d: Diagnostic| Imported {
        module: None,
        diagnostics: vec![d],
        source,
        skipped: 0,
    };
    let text = match decode(file, bytes, "un fichier GIFT") {
        Ok(text) => text,
        Err(failure) => {
            let (shown, d) = *failure;
            return failed(shown, d);
        }
    };
    // A file with no LF is split on CR, as Moodle does; CR and LF have the same length, so
    // every offset stays right, and line numbers count CRs.
    let text = if !text.contains('\n') && text.contains('\r') {
        text.replace('\r', "\n")
    } else {
        text.to_owned()
    };
    import_text(file, text, options)
}

/// Position finder: line starts, computed once, so that a file with many errors is not read
/// once per error.
struct Lines<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines { src, starts }
    }

    fn diagnostic(
        &self,
        file: &str,
        severity: Severity,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let mut at = span.start.min(self.src.len());
        while !self.src.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at);
        let line_start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self.src[line_start.min(at)..at].chars().count() + 1;
        Diagnostic {
            severity,
            file: file.to_owned(),
            line,
            column,
            message,
            help,
            path: None,
            span: at..span.end.max(at),
        }
    }

    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at)
    }
}

/// The problems found so far, and what they rule out: a block with an error, or the whole
/// file for an error that belongs to no block (a broken category would mislabel everything
/// after it, so even `skip_invalid` does not pass it).
struct Report<'a> {
    file: &'a str,
    lines: Lines<'a>,
    diagnostics: Vec<Diagnostic>,
    bad: Vec<bool>,
    fatal: bool,
}

impl Report<'_> {
    fn push(
        &mut self,
        block: Option<usize>,
        severity: Severity,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        if severity == Severity::Error {
            match block.and_then(|k| self.bad.get_mut(k)) {
                Some(bad) => *bad = true,
                None => self.fatal = true,
            }
        }
        let d = self
            .lines
            .diagnostic(self.file, severity, span, message, help);
        self.diagnostics.push(d);
    }
}

fn import_text(file: &str, text: String, options: &ImportOptions) -> Imported {
    let parsed = parse::parse(&text);
    let blocks = parsed.blocks;
    let mut issues = parsed.issues;
    let mut report = Report {
        file,
        lines: Lines::new(&text),
        diagnostics: Vec::new(),
        bad: vec![false; blocks.len()],
        fatal: false,
    };
    let ids = assign_ids(&blocks, &options.module_id, &mut issues, &report.lines);
    for issue in issues {
        let (severity, message, help) = match &issue.problem {
            Problem::Error(e) => (Severity::Error, e.to_string(), Some(e.help().to_owned())),
            Problem::Warning(w) => (
                Severity::Warning,
                w.to_string(),
                w.help().map(str::to_owned),
            ),
        };
        report.push(issue.block, severity, issue.span, message, help);
    }
    if blocks.is_empty() && !report.fatal {
        report.push(
            None,
            Severity::Error,
            0..0,
            "aucune question dans ce fichier : Moodle refuse un fichier GIFT sans question".into(),
            Some(
                "une question s’écrit Énoncé{réponses}, et les questions se séparent par une ligne vide"
                    .into(),
            ),
        );
    }

    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let title = parsed.first_category.clone().unwrap_or_else(|| {
        Path::new(file)
            .file_stem()
            .map_or_else(|| file_name.clone(), |s| s.to_string_lossy().into_owned())
    });
    let mut module = Module {
        format_version: FORMAT_VERSION,
        id: options.module_id.clone(),
        title,
        summary: String::new(),
        audience: Vec::new(),
        reviewed: None,
        valid_as_of: None,
        sources: vec![Source {
            id: SOURCE_ID.to_owned(),
            label: file_name.clone(),
            reference: None,
        }],
        lessons: Vec::new(),
        questions: Vec::new(),
        cases: Vec::new(),
        fictive_ok: parsed.fictive_ok,
    };
    // The block each question and lesson comes from, to place the rules' findings.
    let mut question_blocks = Vec::new();
    let mut lesson_blocks = Vec::new();
    // Where each block stands, kept to place what the rules find once the blocks are built.
    let places: Vec<(usize, Range<usize>)> =
        blocks.iter().map(|b| (b.start, b.full.clone())).collect();
    for ((k, block), id) in blocks.into_iter().enumerate().zip(ids) {
        // A block already in error is not built: the rules would only repeat its error.
        if report.bad[k] {
            continue;
        }
        match build(block, id) {
            Some(Built::Question(q)) => {
                module.questions.push(q);
                question_blocks.push(k);
            }
            Some(Built::Lesson(l)) => {
                module.lessons.push(l);
                lesson_blocks.push(k);
            }
            None => {}
        }
    }
    module.summary = summary(&file_name, &module, 0);

    // The content rules, as `conseil check` applies them to the JSON this import writes. The
    // personal-data lint reads the GIFT text itself, to point at the value in it.
    if !question_blocks.is_empty() || !lesson_blocks.is_empty() {
        for finding in validate_module(&module, "") {
            let block = match (finding.path.0.first(), finding.path.0.get(1)) {
                (Some(Seg::Key("questions")), Some(Seg::Index(i))) => question_blocks.get(*i),
                (Some(Seg::Key("lessons")), Some(Seg::Index(i))) => lesson_blocks.get(*i),
                _ => None,
            }
            .copied();
            let span = block.map_or(0..0, |k| places[k].0..places[k].0 + 1);
            report.push(block, finding.severity, span, finding.message, finding.help);
        }
    }
    personal_data(&text, &places, &module.fictive_ok, &mut report);
    report.diagnostics.sort_by_key(|d| d.span.start);

    let skipped = report.bad.iter().filter(|b| **b).count();
    let has_errors = report.fatal || skipped > 0;
    let module = if report.fatal || (has_errors && !options.skip_invalid) {
        None
    } else {
        if has_errors {
            let keep = |list: &[usize], k: usize| list.get(k).is_some_and(|&b| !report.bad[b]);
            let mut k = 0;
            module.questions.retain(|_| {
                k += 1;
                keep(&question_blocks, k - 1)
            });
            let mut k = 0;
            module.lessons.retain(|_| {
                k += 1;
                keep(&lesson_blocks, k - 1)
            });
            module.summary = summary(&file_name, &module, skipped);
        }
        Some(module).filter(|m| !m.questions.is_empty() || !m.lessons.is_empty())
    };
    Imported {
        module,
        diagnostics: report.diagnostics,
        source: Some(text),
        skipped,
    }
}

/// Flags what looks like real personal data anywhere in the file, comments included.
fn personal_data(
    text: &str,
    places: &[(usize, Range<usize>)],
    fictive_ok: &[String],
    report: &mut Report,
) {
    let allowed: HashSet<String> = fictive_ok.iter().map(|s| compact(s)).collect();
    for hit in pii::scan(text) {
        let value = &text[hit.range.clone()];
        if allowed.contains(&compact(value)) {
            continue;
        }
        let k = places.partition_point(|(_, full)| full.start <= hit.range.start);
        let block = k
            .checked_sub(1)
            .filter(|&k| places[k].1.contains(&hit.range.start));
        report.push(
            block,
            Severity::Error,
            hit.range.clone(),
            format!("« {value} » {}", hit.kind.explain()),
            Some(format!(
                "le contenu doit rester fictif : remplacez la valeur, ou, si elle est fictive, \
                 ajoutez le commentaire « // [fictive_ok:{value}] »"
            )),
        );
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn summary(file_name: &str, module: &Module, skipped: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n > 1 { "s" } else { "" });
    let mut summary = format!(
        "Importé du fichier GIFT « {file_name} » (Moodle) : {}, {}.",
        plural(module.questions.len(), "question"),
        plural(module.lessons.len(), "leçon")
    );
    if skipped > 0 {
        summary.push_str(&format!(
            " {} non importé{} pour erreur.",
            plural(skipped, "bloc"),
            if skipped > 1 { "s" } else { "" }
        ));
    }
    summary
}

/// A question or a lesson, built from a block.
enum Built {
    Question(Question),
    Lesson(Lesson),
}

/// The id of every block: its `[id:…]` when it has one, otherwise the module id and the slug
/// of its title (or text), with `-2`, `-3`… when taken. Explicit ids are reserved first, so
/// that a derived id never takes one that comes later in the file.
fn assign_ids(
    blocks: &[Block],
    module_id: &str,
    issues: &mut Vec<Issue>,
    lines: &Lines,
) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    // Lessons and questions are apart in a module: the same id may name one of each.
    let mut explicit: [HashMap<String, usize>; 2] = Default::default();
    let mut ids: Vec<Option<String>> = Vec::with_capacity(blocks.len());
    for (k, block) in blocks.iter().enumerate() {
        let Some((raw, span)) = &block.id else {
            ids.push(None);
            continue;
        };
        let id: String = raw.split_whitespace().collect::<Vec<_>>().join("-");
        if id != *raw {
            issues.push(Issue {
                span: span.clone(),
                problem: Problem::Warning(GiftWarning::IdWithSpaces(raw.clone())),
                block: Some(k),
            });
        }
        let lesson = usize::from(matches!(block.body, Some(Body::Description)));
        if let Some(&first) = explicit[lesson].get(&id) {
            issues.push(Issue {
                span: span.clone(),
                problem: Problem::Error(GiftError::DuplicateId {
                    id: id.clone(),
                    line: lines.line_of(first),
                }),
                block: Some(k),
            });
        } else {
            explicit[lesson].insert(id.clone(), span.start);
        }
        used.insert(id.clone());
        ids.push(Some(id));
    }
    ids.into_iter()
        .zip(blocks)
        .map(|(id, block)| {
            id.unwrap_or_else(|| {
                let base = block.title.as_deref().unwrap_or(&block.stem);
                let slugged = slug(base, SLUG_MAX);
                let s = if slugged.is_empty() {
                    "question"
                } else {
                    &slugged
                };
                let base = format!("{module_id}.{s}");
                let mut candidate = base.clone();
                let mut n = 2;
                while !used.insert(candidate.clone()) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                candidate
            })
        })
        .collect()
}

/// Lower-case ASCII letters and digits joined by single dashes: « Délai de carence (IJ) » is
/// `delai-de-carence-ij`. At most `max` bytes, cut at a dash.
pub(super) fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        let mut push = |ch: char| {
            if ch.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(ch.to_ascii_lowercase());
            } else {
                dash = true;
            }
        };
        if mapped.is_empty() {
            push(c);
        } else {
            mapped.chars().for_each(&mut push);
        }
        if out.len() >= max {
            break;
        }
    }
    if out.len() > max {
        out.truncate(max);
    }
    if out.len() == max
        && let Some(cut) = out.rfind('-')
    {
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_owned()
}

fn build(block: Block, id: String) -> Option<Built> {
    let Block {
        title,
        stem,
        general_feedback,
        tags,
        category,
        body,
        ..
    } = block;
    let tags = merge_tags(tags, category);
    let sources = || vec![SOURCE_ID.to_owned()];
    // The general feedback explains; failing it, the right answers' own feedback; failing
    // that, an honest sentence.
    let explain = |right_feedback: Vec<&String>| {
        general_feedback
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
    };
    let q = match body? {
        Body::Description => {
            return Some(Built::Lesson(Lesson {
                id,
                title: title
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| excerpt(&stem)),
                body: stem,
                sources: sources(),
            }));
        }
        Body::Essay => {
            let (explanation, model_answer, checklist) =
                split_essay_feedback(general_feedback.as_deref());
            Question::Open(OpenQuestion {
                id,
                prompt: stem,
                explanation,
                sources: sources(),
                tags,
                difficulty: None,
                model_answer,
                checklist,
            })
        }
        Body::Choice { single, answers } => {
            let (choices, correct) = if single {
                single_choices(answers)
            } else {
                multiple_choices(answers)
            };
            let explanation = explain(
                correct
                    .iter()
                    .filter_map(|&i| choices.get(i).and_then(|c| c.feedback.as_ref()))
                    .collect(),
            );
            let q = ChoiceQuestion {
                id,
                prompt: stem,
                explanation,
                sources: sources(),
                tags,
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
        Body::TrueFalse {
            answer,
            wrong,
            right,
        } => {
            let explanation = explain(right.iter().collect());
            let (feedback_true, feedback_false) = if answer {
                (right, wrong)
            } else {
                (wrong, right)
            };
            Question::TrueFalse(TrueFalseQuestion {
                id,
                prompt: stem,
                explanation,
                sources: sources(),
                tags,
                difficulty: None,
                answer,
                feedback_true,
                feedback_false,
            })
        }
        Body::Short(answers) => {
            let explanation = explain(
                answers
                    .iter()
                    .filter(|a| a.weight.is_none_or(|w| w >= 100.0))
                    .filter_map(|a| a.feedback.as_ref())
                    .collect(),
            );
            Question::Short(ShortQuestion {
                id,
                prompt: stem,
                explanation,
                sources: sources(),
                tags,
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
        Body::Numeric { answers, other } => {
            let explanation = explain(
                answers
                    .iter()
                    .filter(|a| a.weight.is_none_or(|w| w >= 100.0))
                    .filter_map(|a| a.feedback.as_ref())
                    .collect(),
            );
            let (prompt, unit) = match stem.rsplit_once(UNIT_LABEL) {
                Some((prompt, unit)) if !unit.is_empty() && !unit.contains('\n') => {
                    (prompt.to_owned(), Some(unit.to_owned()))
                }
                _ => (stem, None),
            };
            Question::Numeric(NumericQuestion {
                id,
                prompt,
                explanation,
                sources: sources(),
                tags,
                difficulty: None,
                answers: answers
                    .into_iter()
                    .map(|a| {
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
                    })
                    .collect(),
                unit,
                feedback_other: other,
            })
        }
        Body::Match { pairs, distractors } => Question::Match(MatchQuestion {
            id,
            prompt: stem,
            explanation: explain(Vec::new()),
            sources: sources(),
            tags,
            difficulty: None,
            pairs: pairs
                .into_iter()
                .map(|(left, right)| Pair { left, right })
                .collect(),
            distractors,
        }),
    };
    Some(Built::Question(q))
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
        })
        .collect();
    (choices, right.into_iter().collect())
}

/// Choices of a check-box question: those worth more than 0 % are right. Weights of exactly
/// +100/n on the n right ones and −100/n on every other are conseil's own default scoring
/// (a wrong tick cancels a right one), so they are left implicit.
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
                close(weight(a), -share)
            }
        });
    let choices = answers
        .into_iter()
        .map(|a| Choice {
            weight: if implicit { None } else { weight(&a) },
            text: a.text,
            feedback: a.feedback,
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
    fn slugs() {
        assert_eq!(slug("Délai de carence (IJ)", 48), "delai-de-carence-ij");
        assert_eq!(slug("  Œdème — l’État !", 48), "oedeme-l-etat");
        assert_eq!(slug("???", 48), "");
        let long = slug(&"mot ".repeat(40), 48);
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
        assert_eq!(
            module_id_for("dossier/Secret médical.gift"),
            "secret-medical"
        );
        assert_eq!(module_id_for("???.gift"), "gift");
    }

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

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("Court.\nSuite"), "Court.");
        let long = excerpt(&"mot ".repeat(30));
        assert!(long.ends_with('…') && long.chars().count() <= 61, "{long}");
    }
}
