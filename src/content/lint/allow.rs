//! `lint_allow`: an item-writing warning kept on purpose, on its question, with its reason;
//! and the linter's part of `conseil check` for one file.
//!
//! The entries are authoring notes for `conseil check`: the app never reads them, so the
//! domain's question types skip them (see `domain::question`), and the check reads them here,
//! from the file's text, with their positions.

use std::path::Path;

use serde::Deserialize;

use super::Lint;
use crate::content::code::Code;
use crate::content::diag::{Diagnostic, Finding, Severity, french_json_message};
use crate::content::gift;
use crate::content::jsonpos::{JsonPath, Seg, line_col, locate, offset_of};
use crate::content::load::{Document, FileReport, question_paths};

/// One entry of a question's `lint_allow`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The code of the item-writing warning kept, e.g. `absolute-word`.
    pub code: String,
    /// Why the question is right as written: the text it follows, with its article.
    #[serde(default)]
    pub reason: String,
}

/// The `lint_allow` entries of a module file, as laid out in it.
#[derive(Deserialize)]
struct Notes {
    #[serde(default)]
    questions: Vec<QuestionNotes>,
    #[serde(default)]
    cases: Vec<CaseNotes>,
}

#[derive(Deserialize)]
struct CaseNotes {
    #[serde(default)]
    steps: Vec<StepNotes>,
}

#[derive(Deserialize)]
struct StepNotes {
    #[serde(default)]
    questions: Vec<QuestionNotes>,
}

#[derive(Deserialize)]
struct QuestionNotes {
    #[serde(default)]
    lint_allow: Vec<Allow>,
}

/// A warning kept by a `lint_allow`, for the summary of `conseil check`.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed {
    pub file: String,
    /// Line of the `lint_allow` entry.
    pub line: usize,
    /// The question's id.
    pub question: String,
    pub code: Code,
    pub reason: String,
}

/// What the linter adds to one file's report.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub allowed: Vec<Allowed>,
}

/// Lints the module of `report`, if it has one (a file with errors has none), keeps what its
/// `lint_allow` entries allow, and reports the entries that do not hold.
pub fn check(report: &FileReport) -> Checked {
    let (Some(Document::Module(module)), Some(src)) = (&report.document, report.source.as_deref())
    else {
        return Checked::default();
    };
    let file = report.file.as_str();
    let lints = super::module(module);
    let is_gift = Path::new(file)
        .extension()
        .is_some_and(|e| e == gift::EXTENSION);
    if is_gift {
        return Checked {
            diagnostics: in_gift(file, src, lints),
            allowed: Vec::new(),
        };
    }
    let mut checked = Checked::default();
    let entries = match notes(src) {
        Ok(entries) => entries,
        Err(err) => {
            let at = offset_of(src, err.line(), err.column());
            let d = Diagnostic::at(
                Code::LintAllowInvalid,
                Severity::Warning,
                file,
                src,
                at..at + 1,
                format!("« lint_allow » illisible : {}", french_json_message(&err)),
            )
            .with_help("« lint_allow » est une liste d’objets { \"code\": …, \"reason\": … }");
            checked.diagnostics.push(d);
            Vec::new()
        }
    };
    let ids = question_paths(module);
    let mut kept = vec![true; lints.len()];
    let mut findings = Vec::new();
    for (question, allows) in &entries {
        let id = ids
            .iter()
            .find(|(_, p)| p == question)
            .map_or("", |(id, _)| id);
        for (j, allow) in allows.iter().enumerate() {
            let at = question.key("lint_allow").index(j);
            match judge(allow, &at, question, id, &lints) {
                Ok((code, matching)) => {
                    for m in matching {
                        kept[m] = false;
                    }
                    let (line, _) = line_col(src, locate(src, &at).start);
                    checked.allowed.push(Allowed {
                        file: file.to_owned(),
                        line,
                        question: id.to_owned(),
                        code,
                        reason: allow.reason.trim().to_owned(),
                    });
                }
                Err(finding) => findings.push(finding),
            }
        }
    }
    let remaining = lints
        .into_iter()
        .zip(kept)
        .filter(|(_, keep)| *keep)
        .map(|(lint, _)| lint.finding);
    checked.diagnostics.extend(
        remaining
            .chain(findings)
            .map(|finding| finding.locate(file, src)),
    );
    checked
}

/// What a `lint_allow` entry keeps: its code and the lints it silences; or what is wrong
/// with it.
fn judge(
    allow: &Allow,
    at: &JsonPath,
    question: &JsonPath,
    id: &str,
    lints: &[Lint],
) -> Result<(Code, Vec<usize>), Finding> {
    let name = allow.code.trim();
    let Some(code) = Code::named(name).filter(|c| Code::ALLOWABLE.contains(c)) else {
        let possible: Vec<&str> = Code::ALLOWABLE.iter().map(|c| c.as_str()).collect();
        return Err(Finding::warning(
            Code::LintAllowUnknown,
            at.key("code"),
            format!("« {name} » n’est pas un avertissement qu’une question peut garder"),
        )
        .with_help(format!("codes possibles : {}", possible.join(", "))));
    };
    if allow.reason.trim().is_empty() {
        return Err(Finding::warning(
            Code::LintAllowReason,
            at.clone(),
            format!("exception « {name} » sans raison : elle n’est pas retenue"),
        )
        .with_help("ajoutez « reason » : le texte qui impose cette formulation, avec l’article"));
    }
    let matching: Vec<usize> = lints
        .iter()
        .enumerate()
        .filter(|(_, l)| l.finding.code == code && l.question.as_ref() == Some(question))
        .map(|(i, _)| i)
        .collect();
    if matching.is_empty() {
        return Err(Finding::warning(
            Code::LintAllowUnused,
            at.key("code"),
            format!("exception « {name} » sans objet : la question « {id} » n’a pas ce défaut"),
        )
        .with_help("retirez cette entrée de « lint_allow »"));
    }
    Ok((code, matching))
}

/// Every question's `lint_allow` entries, with the question's path; only questions that have
/// some.
fn notes(src: &str) -> Result<Vec<(JsonPath, Vec<Allow>)>, serde_json::Error> {
    let notes: Notes = serde_json::from_str(src)?;
    let root = JsonPath::root();
    let mut out = Vec::new();
    for (i, q) in notes.questions.into_iter().enumerate() {
        out.push((root.key("questions").index(i), q.lint_allow));
    }
    for (c, case) in notes.cases.into_iter().enumerate() {
        for (s, step) in case.steps.into_iter().enumerate() {
            for (k, q) in step.questions.into_iter().enumerate() {
                let at = root
                    .key("cases")
                    .index(c)
                    .key("steps")
                    .index(s)
                    .key("questions")
                    .index(k);
                out.push((at, q.lint_allow));
            }
        }
    }
    out.retain(|(_, allows)| !allows.is_empty());
    Ok(out)
}

/// The lints of a GIFT file, each at the start of its question's block (the module-wide
/// ones at the top of the file).
fn in_gift(file: &str, src: &str, lints: Vec<Lint>) -> Vec<Diagnostic> {
    let starts = gift::question_starts(src);
    lints
        .into_iter()
        .map(|lint| {
            let at = match lint.question.as_ref().and_then(|p| p.0.get(1)) {
                Some(Seg::Index(i)) => starts.get(*i).copied(),
                _ => None,
            }
            .unwrap_or(0);
            let Finding {
                code,
                severity,
                message,
                help,
                ..
            } = lint.finding;
            let mut d = Diagnostic::at(code, severity, file, src, at..at + 1, message);
            d.help = help;
            d
        })
        .collect()
}
