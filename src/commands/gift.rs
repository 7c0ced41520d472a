//! `conseil import` and `conseil export`: modules in and out of Moodle, in GIFT.
//!
//! Exit codes, as for `conseil check`: 0 done, 1 an error in the content (or a file that
//! could not be written), 2 a usage error (no such file or module, a bad id); `main` picks
//! them from the [`Failure`] returned.

use std::path::{Path, PathBuf};

use crate::cli::{ExportArgs, ImportArgs};
use crate::content::diag::Severity;
use crate::content::gift::{self, ImportOptions};
use crate::content::load::{Catalog, Document, read_file};
use crate::domain::content::Module;
use crate::error::Failure;
use crate::store::files;
use crate::term;
use crate::words;

use super::strings;

/// `conseil import FILE.gift`: writes the module as JSON, or says why not.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    let file = args.file.display().to_string();
    if !args.file.is_file() {
        return Err(Failure::usage(strings::not_a_file(
            &file,
            args.file.is_dir(),
        )));
    }
    let module_id = match &args.id {
        Some(id) if gift::is_module_id(id) => id.clone(),
        Some(id) => {
            return Err(Failure::usage(strings::bad_module_id(id)));
        }
        None => gift::module_id_for(&file),
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Err(Failure::failed(strings::unreadable(
                &file,
                &words::io_error(&e),
            )));
        }
    };
    let options = ImportOptions {
        module_id,
        skip_invalid: args.skip_invalid,
    };
    let imported = gift::import(&file, &bytes, &options);
    for d in &imported.diagnostics {
        term::eprintln(&d.render(imported.source.as_deref()));
    }
    let errors = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let Some(module) = &imported.module else {
        let hint = !args.skip_invalid && errors > 0;
        term::eprintln(&strings::nothing_imported(&file, errors, hint));
        return Err(Failure::Reported);
    };
    let mut json = match serde_json::to_string_pretty(module) {
        Ok(json) => json,
        Err(e) => {
            return Err(Failure::failed(strings::json_failed(&e)));
        }
    };
    json.push('\n');
    write_output(args.output.as_deref(), &json)?;
    let line = strings::imported(
        &file,
        module.questions.len(),
        module.lessons.len(),
        (imported.skipped, errors),
        args.output.as_deref(),
    );
    term::eprintln(&line);
    if errors > 0 {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// `conseil export MODULE --gift`: writes the module in GIFT, and lists on stderr what GIFT
/// could not say as is.
pub fn export(args: &ExportArgs, folders: &[PathBuf]) -> Result<(), Failure> {
    let module = resolve(&args.module, folders)?;
    let exported = gift::export(&module);
    for c in &exported.conversions {
        term::eprintln(&strings::conversion(c));
    }
    write_output(args.output.as_deref(), &exported.text)?;
    let line = strings::exported_gift(
        &module.id,
        exported.questions,
        module.lessons.len(),
        exported.conversions.len(),
        args.output.as_deref(),
    );
    term::eprintln(&line);
    Ok(())
}

/// The module named on the command line: a file when it is one (or looks like one), else a
/// module id among the built-in modules and the content folders.
fn resolve(arg: &str, folders: &[PathBuf]) -> Result<Module, Failure> {
    let path = Path::new(arg);
    let looks_like_file = path
        .extension()
        .is_some_and(|e| e == "json" || e == gift::EXTENSION);
    if path.is_file() || looks_like_file {
        if !path.is_file() {
            return Err(Failure::usage(strings::not_a_file(arg, false)));
        }
        let report = read_file(path);
        if report.has_errors() {
            for d in &report.diagnostics {
                term::eprintln(&d.render(report.source.as_deref()));
            }
            term::eprintln(&strings::fix_before_export(arg));
            return Err(Failure::Reported);
        }
        return match report.document {
            Some(Document::Module(m)) => Ok(*m),
            Some(Document::Glossary(_)) => Err(Failure::usage(strings::glossary_not_module(arg))),
            None => Err(Failure::Reported),
        };
    }
    let mut catalog = Catalog::load(folders);
    if let Some(i) = catalog.modules.iter().position(|m| m.id == arg) {
        Ok(catalog.modules.swap_remove(i))
    } else {
        let mut ids: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        Err(Failure::usage(strings::no_such_module(arg, &ids)))
    }
}

/// Writes `text` to `path` (whole or not at all: an interrupted export never leaves half a
/// module), or to stdout.
fn write_output(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    if let Some(path) = path {
        Ok(files::write(path, text.as_bytes())?)
    } else {
        term::print(text);
        Ok(())
    }
}
