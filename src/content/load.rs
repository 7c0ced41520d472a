//! Reading content files: the built-in modules embedded at compile time, and user folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::code::Code;
use super::diag::{Diagnostic, Finding, Severity, french_json_message, locate_all};
use super::jsonpos::{JsonPath, offset_of};
use super::validate::{validate_glossary, validate_module};
use crate::domain::content::{FORMAT_VERSION, Glossary, GlossaryEntry, Module};

/// Larger files are refused before parsing: no module comes near it, and a runaway file
/// (a log, a dump) must not eat the memory of a trainer's laptop.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The file name that holds the glossary rather than a module.
pub const GLOSSARY_FILE: &str = "glossary.json";

/// Files of a content folder that are not content.
const NOT_CONTENT: &[&str] = &["schema.json"];

/// The modules of `quizzes/`, embedded by build.rs as (file name, text).
pub static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// What a content file holds once parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Module(Box<Module>),
    Glossary(Glossary),
}

/// One file read: its diagnostics and, when it has no error, its document.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub file: String,
    /// The text, when it could be read as UTF-8, for showing snippets.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub document: Option<Document>,
}

impl FileReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    fn failed(file: &str, source: Option<String>, diagnostic: Diagnostic) -> Self {
        FileReport {
            file: file.to_owned(),
            source,
            diagnostics: vec![diagnostic],
            document: None,
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: Option<u64>,
}

fn is_glossary(file: &str) -> bool {
    Path::new(file)
        .file_name()
        .is_some_and(|n| n == GLOSSARY_FILE)
}

fn is_gift(file: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e == super::gift::EXTENSION)
}

/// The text of a content file, its BOM dropped; or, when it is too big or not UTF-8, the
/// diagnostic to show with the text as it can be shown. `what` names the kind of file in the
/// size message (« un module », « un fichier GIFT »).
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    what: &str,
) -> Result<&'a str, Box<(Option<String>, Diagnostic)>> {
    if bytes.len() > MAX_FILE_BYTES {
        let message = format!(
            "fichier trop volumineux ({} Mo) : {what} ne dépasse pas {} Mo",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        );
        return Err(Box::new((
            None,
            Diagnostic::whole_file(Code::FileTooBig, file, message),
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let shown = String::from_utf8_lossy(bytes).into_owned();
            // The lossy text has the same lines up to the bad byte.
            let offset = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).len();
            let d = Diagnostic::at(
                Code::NotUtf8,
                Severity::Error,
                file,
                &shown,
                offset..offset + 1,
                format!(
                    "le fichier n’est pas en UTF-8 valide (octet 0x{:02X})",
                    bytes[e.valid_up_to()]
                ),
            )
            .with_help(
                "enregistrez le fichier en UTF-8 (c’est le choix par défaut des éditeurs récents)",
            );
            Err(Box::new((Some(shown), d)))
        }
    }
}

/// Parses and validates one file's bytes. Never panics, whatever the bytes.
pub fn read_document(file: &str, bytes: &[u8]) -> FileReport {
    if is_gift(file) {
        return super::gift::read(file, bytes);
    }
    let text = match decode(file, bytes, "un module") {
        Ok(text) => text,
        Err(failure) => {
            let (shown, d) = *failure;
            return FileReport::failed(file, shown, d);
        }
    };
    let glossary = is_glossary(file);
    let parsed = if glossary {
        serde_json::from_str::<Glossary>(text).map(Document::Glossary)
    } else {
        serde_json::from_str::<Module>(text).map(|m| Document::Module(Box::new(m)))
    };
    let document = match parsed {
        Ok(doc) => doc,
        Err(err) => {
            let diagnostic = newer_version(file, text).unwrap_or_else(|| {
                let at = offset_of(text, err.line(), err.column());
                let code = if err.is_data() {
                    Code::JsonFormat
                } else {
                    Code::JsonSyntax
                };
                Diagnostic::at(
                    code,
                    Severity::Error,
                    file,
                    text,
                    at..at + 1,
                    french_json_message(&err),
                )
            });
            return FileReport::failed(file, Some(text.to_owned()), diagnostic);
        }
    };
    let version = match &document {
        Document::Module(m) => m.format_version,
        Document::Glossary(g) => g.format_version,
    };
    if let Some(d) = newer_version(file, text).filter(|_| version > FORMAT_VERSION) {
        return FileReport::failed(file, Some(text.to_owned()), d);
    }
    let findings = match &document {
        Document::Module(m) => validate_module(m, text),
        Document::Glossary(g) => validate_glossary(g, text),
    };
    let mut diagnostics = locate_all(findings, file, text);
    // In file order, as a reader goes through the file to fix it.
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    FileReport {
        file: file.to_owned(),
        source: Some(text.to_owned()),
        diagnostics,
        document: ok.then_some(document),
    }
}

/// The refusal of a file written for a newer format, if it is one.
fn newer_version(file: &str, text: &str) -> Option<Diagnostic> {
    let probe: VersionProbe = serde_json::from_str(text).ok()?;
    let version = probe.format_version?;
    (version > u64::from(FORMAT_VERSION)).then(|| {
        Finding::error(
            Code::NewerFormat,
            JsonPath::root().key("format_version"),
            format!(
                "ce fichier est au format {version}, plus récent que celui que cette version de conseil sait lire ({FORMAT_VERSION})"
            ),
        )
        .with_help("mettez conseil à jour pour ouvrir ce module ; il n'a pas été modifié")
        .locate(file, text)
    })
}

/// Reads one file from disk.
pub fn read_file(path: &Path) -> FileReport {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read_document(&file, &bytes),
        Err(e) => FileReport::failed(
            &file,
            None,
            Diagnostic::whole_file(
                Code::Unreadable,
                &file,
                format!("lecture impossible : {}", crate::words::io_error(&e)),
            ),
        ),
    }
}

/// The content files of a folder, sorted by name so that loading is reproducible.
pub fn content_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e == "json" || e == super::gift::EXTENSION)
                && !p
                    .file_name()
                    .is_some_and(|n| NOT_CONTENT.iter().any(|x| n == *x))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Every module and the glossary, from the built-in content and the user's folders.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub modules: Vec<Module>,
    pub glossary: Vec<GlossaryEntry>,
    /// Files that had errors (and were skipped) or warnings.
    pub problems: Vec<FileReport>,
}

impl Catalog {
    /// What to tell of the files left out for errors, if any.
    pub fn skipped_notice(&self) -> Option<String> {
        let broken = self.problems.iter().filter(|p| p.has_errors()).count();
        (broken > 0).then(|| {
            format!("fichiers de contenu ignorés pour erreurs : {broken} (détail : conseil check)")
        })
    }

    /// Loads the built-in content, then each folder in turn. A file with errors is reported
    /// and skipped; the others still load.
    pub fn load(folders: &[PathBuf]) -> Catalog {
        let mut reports: Vec<FileReport> = BUILTIN
            .iter()
            .map(|(name, text)| read_document(&format!("quizzes/{name}"), text.as_bytes()))
            .collect();
        for folder in folders {
            match content_files(folder) {
                Ok(files) => reports.extend(files.iter().map(|f| read_file(f))),
                Err(e) => reports.push(FileReport::failed(
                    &folder.display().to_string(),
                    None,
                    Diagnostic::whole_file(
                        Code::Unreadable,
                        &folder.display().to_string(),
                        format!(
                            "dossier de contenu illisible : {}",
                            crate::words::io_error(&e)
                        ),
                    ),
                )),
            }
        }
        Catalog::from_reports(reports)
    }

    /// Assembles reports into a catalog, refusing modules whose question ids or module id are
    /// already taken by an earlier file (progress is keyed by them).
    pub fn from_reports(mut reports: Vec<FileReport>) -> Catalog {
        cross_file_checks(&mut reports);
        let mut catalog = Catalog::default();
        for mut report in reports {
            match report.document.take() {
                Some(Document::Module(m)) => catalog.modules.push(*m),
                Some(Document::Glossary(g)) => catalog.glossary.extend(g.entries),
                None => {}
            }
            if !report.diagnostics.is_empty() {
                catalog.problems.push(report);
            }
        }
        catalog
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }
}

/// Checks ids across files: a module id or a question id already used by an earlier file
/// makes the later file fail, with the error at the clashing id.
pub fn cross_file_checks(reports: &mut [FileReport]) {
    let mut modules: HashMap<String, String> = HashMap::new();
    let mut questions: HashMap<String, String> = HashMap::new();
    for report in reports.iter_mut() {
        let Some(Document::Module(module)) = &report.document else {
            continue;
        };
        let Some(src) = report.source.as_deref() else {
            continue;
        };
        let mut found = Vec::new();
        if let Some(first) = modules.get(&module.id) {
            found.push(Finding::error(
                Code::DuplicateModule,
                JsonPath::root().key("id"),
                format!("module « {} » déjà chargé depuis {first}", module.id),
            ));
        }
        // Paths are only worked out for a clash: the common case pays for a lookup per id.
        let clash = module
            .all_questions()
            .any(|q| questions.contains_key(q.id()));
        for (id, path) in question_paths(module).into_iter().filter(|_| clash) {
            if let Some(first) = questions.get(id) {
                found.push(
                    Finding::error(
                        Code::DuplicateQuestionId,
                        path.key("id"),
                        format!("identifiant de question « {id} » déjà utilisé dans {first}"),
                    )
                    .with_help("la progression est rangée par identifiant : chacun doit être unique dans tout le contenu"),
                );
            }
        }
        if found.is_empty() {
            modules.insert(module.id.clone(), report.file.clone());
            for q in module.all_questions() {
                questions.insert(q.id().to_owned(), report.file.clone());
            }
        } else {
            let file = report.file.clone();
            report.diagnostics.extend(locate_all(found, &file, src));
            report.document = None;
        }
    }
}

/// Every question of a module with its JSON path.
pub fn question_paths(module: &Module) -> Vec<(&str, JsonPath)> {
    let root = JsonPath::root();
    let mut out: Vec<(&str, JsonPath)> = module
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id(), root.key("questions").index(i)))
        .collect();
    for (c, case) in module.cases.iter().enumerate() {
        for (s, step) in case.steps.iter().enumerate() {
            for (k, q) in step.questions.iter().enumerate() {
                let p = root
                    .key("cases")
                    .index(c)
                    .key("steps")
                    .index(s)
                    .key("questions")
                    .index(k);
                out.push((q.id(), p));
            }
        }
    }
    out
}
