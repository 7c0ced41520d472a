//! From a read GIFT file to a module: ids, the blocks built (see `build`), then the content rules
//! and the personal-data lint, each problem placed at its line and column.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::build::{Built, SOURCE_ID, build};
use super::flags;
use super::parse::{self, Block, Body, GiftError, GiftWarning, Issue, Problem};
use crate::content::code::Code;
use crate::content::diag::{Diagnostic, Severity};
use crate::content::jsonpos::Seg;
use crate::content::load::{Document, FileReport, decode};
use crate::content::pii;
use crate::content::validate::validate_module;
use crate::domain::content::{FORMAT_VERSION, Module, Source};

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
        code: Code,
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
            code,
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

impl<'a> Report<'a> {
    fn new(file: &'a str, text: &'a str, blocks: usize) -> Self {
        Report {
            file,
            lines: Lines::new(text),
            diagnostics: Vec::new(),
            bad: vec![false; blocks],
            fatal: false,
        }
    }

    fn push(
        &mut self,
        block: Option<usize>,
        code: Code,
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
            .diagnostic(self.file, code, severity, span, message, help);
        self.diagnostics.push(d);
    }

    /// The reader's errors and warnings, in French with their help.
    fn issues(&mut self, issues: Vec<Issue>) {
        for issue in issues {
            let (code, severity, message, help) = match &issue.problem {
                Problem::Error(e) => (
                    e.code(),
                    Severity::Error,
                    e.to_string(),
                    Some(e.help().to_owned()),
                ),
                Problem::Warning(w) => (
                    w.code(),
                    Severity::Warning,
                    w.to_string(),
                    w.help().map(str::to_owned),
                ),
            };
            self.push(issue.block, code, severity, issue.span, message, help);
        }
    }

    /// Refuses a file without any block, as Moodle does.
    fn no_question(&mut self) {
        self.push(
            None,
            Code::GiftNoQuestion,
            Severity::Error,
            0..0,
            "aucune question dans ce fichier : Moodle refuse un fichier GIFT sans question".into(),
            Some(
                "une question s’écrit Énoncé{réponses}, et les questions se séparent par une ligne vide"
                    .into(),
            ),
        );
    }

    /// The content rules, as `conseil check` applies them to the JSON this import writes,
    /// each finding placed at the block its question or lesson comes from.
    fn rules(&mut self, module: &Module, origins: &Origins, places: &[(usize, Range<usize>)]) {
        if origins.questions.is_empty() && origins.lessons.is_empty() {
            return;
        }
        for finding in validate_module(module, "") {
            let block = match (finding.path.0.first(), finding.path.0.get(1)) {
                (Some(Seg::Key("questions")), Some(Seg::Index(i))) => origins.questions.get(*i),
                (Some(Seg::Key("lessons")), Some(Seg::Index(i))) => origins.lessons.get(*i),
                _ => None,
            }
            .copied();
            let span = block.map_or(0..0, |k| places[k].0..places[k].0 + 1);
            self.push(
                block,
                finding.code,
                finding.severity,
                span,
                finding.message,
                finding.help,
            );
        }
    }
}

/// The block each question and each lesson of the module comes from.
#[derive(Default)]
struct Origins {
    questions: Vec<usize>,
    lessons: Vec<usize>,
}

fn import_text(file: &str, text: String, options: &ImportOptions) -> Imported {
    let parse::Parsed {
        mut blocks,
        first_category,
        fictive_ok,
        mut issues,
    } = parse::parse(&text);
    // A category becomes a tag only where it tells questions apart. The one category of a
    // file names the module (its title) and would only add the same tag everywhere; and
    // conseil's export writes one category and every tag, so that a round trip keeps the tags.
    if blocks.windows(2).all(|w| w[0].category == w[1].category) {
        for block in &mut blocks {
            block.category = None;
        }
    }
    let mut report = Report::new(file, &text, blocks.len());
    let ids = assign_ids(&blocks, &options.module_id, &mut issues, &report.lines);
    report.issues(issues);
    if blocks.is_empty() && !report.fatal {
        report.no_question();
    }
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let title = first_category.unwrap_or_else(|| {
        Path::new(file)
            .file_stem()
            .map_or_else(|| file_name.clone(), |s| s.to_string_lossy().into_owned())
    });
    let mut module = empty_module(&options.module_id, title, &file_name, fictive_ok);
    // Where each block stands, kept to place what the rules find once the blocks are built.
    let places: Vec<(usize, Range<usize>)> =
        blocks.iter().map(|b| (b.start, b.full.clone())).collect();
    let origins = add_blocks(&mut module, blocks, ids, &report.bad);
    flag_answers(&text, &mut module, &origins, &places, &mut report);
    module.summary = summary(&file_name, &module, 0);
    report.rules(&module, &origins, &places);
    // The personal-data lint reads the GIFT text itself, to point at the value in it.
    personal_data(&text, &places, &module.fictive_ok, &mut report);
    report.diagnostics.sort_by_key(|d| d.span.start);

    let skipped = report.bad.iter().filter(|b| **b).count();
    let has_errors = report.fatal || skipped > 0;
    let module = if report.fatal || (has_errors && !options.skip_invalid) {
        None
    } else {
        if has_errors {
            keep_valid(&mut module, &origins, &report.bad);
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

/// The module of a file, before its blocks are added: its id, its title, and the file as
/// its one source.
fn empty_module(id: &str, title: String, file_name: &str, fictive_ok: Vec<String>) -> Module {
    Module {
        format_version: FORMAT_VERSION,
        id: id.to_owned(),
        title,
        summary: String::new(),
        audience: Vec::new(),
        reviewed: None,
        valid_as_of: None,
        sources: vec![Source {
            id: SOURCE_ID.to_owned(),
            label: file_name.to_owned(),
            reference: None,
        }],
        lessons: Vec::new(),
        questions: Vec::new(),
        cases: Vec::new(),
        fictive_ok,
    }
}

/// Builds every block not already in error (the rules would only repeat its error) into
/// `module`, and tells where each question and lesson comes from.
fn add_blocks(module: &mut Module, blocks: Vec<Block>, ids: Vec<String>, bad: &[bool]) -> Origins {
    let mut origins = Origins::default();
    for ((k, block), id) in blocks.into_iter().enumerate().zip(ids) {
        if bad[k] {
            continue;
        }
        match build(block, id) {
            Some(Built::Question(q)) => {
                module.questions.push(q);
                origins.questions.push(k);
            }
            Some(Built::Lesson(l)) => {
                module.lessons.push(l);
                origins.lessons.push(k);
            }
            None => {}
        }
    }
    origins
}

/// Sets the `[indispensable:N]` and `[inacceptable:N]` of each question's comments, and
/// warns of those that name no answer.
fn flag_answers(
    text: &str,
    module: &mut Module,
    origins: &Origins,
    places: &[(usize, Range<usize>)],
    report: &mut Report,
) {
    for (q, &k) in module.questions.iter_mut().zip(&origins.questions) {
        let tokens = flags::tokens(text, places[k].1.clone());
        if tokens.is_empty() {
            continue;
        }
        for token in flags::apply(q, tokens) {
            report.push(
                Some(k),
                Code::GiftFlag,
                Severity::Warning,
                token.span,
                format!(
                    "[{}:{}] ne désigne aucune réponse de cette question : commentaire ignoré",
                    token.flag.name(),
                    token.value
                ),
                Some(
                    "N est le rang de la réponse dans le bloc, à partir de 1 : [inacceptable:3] \
                     pour la troisième"
                        .into(),
                ),
            );
        }
    }
}

/// Drops the questions and lessons whose block has an error (found by the rules once built).
fn keep_valid(module: &mut Module, origins: &Origins, bad: &[bool]) {
    let keep = |list: &[usize], k: usize| list.get(k).is_some_and(|&b| !bad[b]);
    let mut k = 0;
    module.questions.retain(|_| {
        k += 1;
        keep(&origins.questions, k - 1)
    });
    let mut k = 0;
    module.lessons.retain(|_| {
        k += 1;
        keep(&origins.lessons, k - 1)
    });
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
            Code::PersonalData,
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
    // The next suffix to try for each base: a bank of untitled questions that open alike gives
    // thousands the same base, and trying `-2`, `-3`… again for each was quadratic. Every id
    // skipped stays taken, so starting where the last search ended finds the same id.
    let mut next: HashMap<String, usize> = HashMap::new();
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
                let n = next.entry(base.clone()).or_insert(2);
                if *n == 2 && used.insert(base.clone()) {
                    return base;
                }
                loop {
                    let candidate = format!("{base}-{n}");
                    *n += 1;
                    if used.insert(candidate.clone()) {
                        return candidate;
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_take_the_next_free_suffix() {
        let text = "::A::x{T}\n\n::A::x{T}\n\n::A 2::x{T}\n\n// [id:m.a-4]\n::B::x{T}\n\n\
                    ::A::x{T}\n\n::A::x{T}\n";
        let options = ImportOptions {
            module_id: "m".into(),
            skip_invalid: false,
        };
        let imported = import("m.gift", text.as_bytes(), &options);
        let ids: Vec<String> = imported
            .module
            .expect("a module")
            .questions
            .iter()
            .map(|q| q.id().to_owned())
            .collect();
        // A suffix taken by another title's id, or by an explicit one, is skipped.
        assert_eq!(ids, ["m.a", "m.a-2", "m.a-2-2", "m.a-4", "m.a-3", "m.a-5"]);
    }

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
}
