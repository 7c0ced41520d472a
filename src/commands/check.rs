//! `conseil check`: validates content files and prints diagnostics.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::cli::CheckArgs;
use crate::content::code::Code;
use crate::content::diag::Finding;
use crate::content::diag::{Diagnostic, Severity};
use crate::content::jsonpos::JsonPath;
use crate::content::lint::{self, Allowed};
use crate::content::load::{
    BUILTIN, Document, FileReport, content_files, cross_file_checks, read_document, read_file,
};
use crate::error::Failure;
use crate::term;
use crate::words;

use super::strings;

/// Exit codes: 0 clean (warnings allowed, unless `--deny-warnings`), 1 an error in the
/// content (or a warning denied), 2 a usage error.
pub fn run(args: &CheckArgs, today: Date) -> Result<(), Failure> {
    let mut reports = gather(&args.paths).map_err(Failure::Usage)?;
    cross_file_checks(&mut reports);
    if let Some(days) = args.stale {
        stale(&mut reports, today, days);
    }
    let allowed = item_writing(&mut reports);
    let diagnostics: Vec<(&FileReport, &Diagnostic)> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();
    let errors = diagnostics
        .iter()
        .filter(|(_, d)| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    // The content checked may hold anything: what is shown goes through term.
    if args.json {
        let list: Vec<&Diagnostic> = diagnostics.iter().map(|(_, d)| *d).collect();
        let json = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
        term::println(&term::json(&json));
    } else {
        // One write for the whole report: standard output is line-buffered, and ten thousand
        // diagnostics would otherwise cost twenty thousand writes.
        let mut text = String::new();
        for (report, d) in &diagnostics {
            text.push_str(&d.render(report.source.as_deref()));
            text.push('\n');
        }
        text.push_str(&strings::check_summary(
            reports.len(),
            errors,
            warnings,
            args.deny_warnings,
        ));
        if !allowed.is_empty() {
            text.push('\n');
            text.push_str(&strings::check_allowed(allowed.len()));
            for a in &allowed {
                text.push('\n');
                text.push_str(&strings::allowed_line(
                    &a.file,
                    a.line,
                    &a.question,
                    a.code.as_str(),
                    &a.reason,
                ));
            }
        }
        term::println(&text);
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// Runs the item-writing rules on every module read without error, adds their warnings to
/// its report (in file order with the others), and returns the ones kept by a `lint_allow`.
fn item_writing(reports: &mut [FileReport]) -> Vec<Allowed> {
    let mut allowed = Vec::new();
    for report in reports.iter_mut() {
        let checked = lint::check(report);
        if !checked.diagnostics.is_empty() {
            report.diagnostics.extend(checked.diagnostics);
            report.diagnostics.sort_by_key(|d| (d.line, d.column));
        }
        allowed.extend(checked.allowed);
    }
    allowed
}

/// Reads the built-in content (no path), or every given file and the content files of every
/// given folder.
fn gather(paths: &[PathBuf]) -> Result<Vec<FileReport>, String> {
    if paths.is_empty() {
        return Ok(BUILTIN
            .iter()
            .map(|(name, text)| read_document(&format!("quizzes/{name}"), text.as_bytes()))
            .collect());
    }
    let mut reports = Vec::new();
    for path in paths {
        if path.is_dir() {
            let files = content_files(path)
                .map_err(|e| format!("{} : {}", path.display(), words::io_error(&e)))?;
            reports.extend(files.iter().map(|f| read_file(f)));
        } else if path.exists() {
            reports.push(read_file(path));
        } else {
            return Err(strings::no_such_path(path));
        }
    }
    Ok(reports)
}

/// Adds a warning to every module not reviewed within `days` days of `today`.
fn stale(reports: &mut [FileReport], today: Date, days: u32) {
    for report in reports.iter_mut() {
        let (Some(Document::Module(m)), Some(src)) = (&report.document, &report.source) else {
            continue;
        };
        let (code, message) = match m.reviewed {
            None => (Code::NeverReviewed, strings::never_reviewed(&m.id)),
            Some(date) => {
                let age = (today - date).get_days();
                if age <= i32::try_from(days).unwrap_or(i32::MAX) {
                    continue;
                }
                (
                    Code::StaleModule,
                    strings::stale_module(&m.id, date, age, days),
                )
            }
        };
        let finding = Finding::warning(code, JsonPath::root().key("reviewed"), message);
        let d = finding.locate(&report.file, src);
        report.diagnostics.push(d);
    }
}
