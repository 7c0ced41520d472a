//! `conseil import` and `conseil export`: modules in and out of Moodle, in GIFT.
//!
//! Exit codes, as for `conseil check`: 0 done, 1 an error in the content (or a file that
//! could not be written), 2 a usage error (no such file or module, a bad id).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{ExportArgs, ImportArgs};
use crate::content::diag::Severity;
use crate::content::gift::{self, ImportOptions};
use crate::content::load::{Catalog, Document, io_french, read_file};
use crate::domain::content::Module;

/// `conseil import FILE.gift`: writes the module as JSON, or says why not.
pub fn import(args: &ImportArgs) -> ExitCode {
    let file = args.file.display().to_string();
    if !args.file.is_file() {
        let why = if args.file.is_dir() {
            "c’est un dossier, pas un fichier"
        } else {
            "fichier introuvable"
        };
        eprintln!("conseil import : {file} : {why}");
        return ExitCode::from(2);
    }
    let module_id = match &args.id {
        Some(id) if gift::is_module_id(id) => id.clone(),
        Some(id) => {
            eprintln!(
                "conseil import : identifiant de module invalide : « {id} » (lettres sans accent, chiffres, tirets et soulignés seulement, ex. « secret-medical »)"
            );
            return ExitCode::from(2);
        }
        None => gift::module_id_for(&file),
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!(
                "conseil import : {file} : lecture impossible : {}",
                io_french(&e)
            );
            return ExitCode::from(1);
        }
    };
    let options = ImportOptions {
        module_id,
        skip_invalid: args.skip_invalid,
    };
    let imported = gift::import(&file, &bytes, &options);
    let mut err = std::io::stderr().lock();
    // Messages are best effort: a closed stderr is no reason to panic.
    for d in &imported.diagnostics {
        let _ = writeln!(err, "{}", d.render(imported.source.as_deref()));
    }
    let errors = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let Some(module) = &imported.module else {
        let hint = if args.skip_invalid || errors == 0 {
            ""
        } else {
            " (--skip-invalid importe les questions valides)"
        };
        let _ = writeln!(
            err,
            "✗ rien n’a été importé de {file} : {}{hint}.",
            plural(errors, "erreur")
        );
        return ExitCode::from(1);
    };
    let mut json = match serde_json::to_string_pretty(module) {
        Ok(json) => json,
        Err(e) => {
            let _ = writeln!(err, "conseil import : écriture du JSON impossible : {e}");
            return ExitCode::from(1);
        }
    };
    json.push('\n');
    if let Err(message) = write_output(args.output.as_deref(), &json) {
        let _ = writeln!(err, "conseil import : {message}");
        return ExitCode::from(1);
    }
    let mut line = format!(
        "{} {} et {} importées de {file}",
        if errors == 0 { "✓" } else { "✗" },
        plural(module.questions.len(), "question"),
        plural(module.lessons.len(), "leçon"),
    );
    if imported.skipped > 0 {
        line.push_str(&format!(
            " ; {} ignoré{} pour {}",
            plural(imported.skipped, "bloc"),
            if imported.skipped > 1 { "s" } else { "" },
            plural(errors, "erreur")
        ));
    }
    if let Some(out) = &args.output {
        line.push_str(&format!(" → {}", out.display()));
    }
    let _ = writeln!(err, "{line}.");
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `conseil export MODULE --gift`: writes the module in GIFT, and lists on stderr what GIFT
/// could not say as is.
pub fn export(args: &ExportArgs, folders: &[PathBuf]) -> ExitCode {
    let module = match resolve(&args.module, folders) {
        Ok(module) => module,
        Err(code) => return ExitCode::from(code),
    };
    let exported = gift::export(&module);
    let mut err = std::io::stderr().lock();
    for c in &exported.conversions {
        let _ = writeln!(err, "conversion : {c}");
    }
    if let Err(message) = write_output(args.output.as_deref(), &exported.text) {
        let _ = writeln!(err, "conseil export : {message}");
        return ExitCode::from(1);
    }
    let mut line = format!(
        "✓ module « {} » : {} exportée{} en GIFT",
        module.id,
        plural(exported.questions, "question"),
        if exported.questions > 1 { "s" } else { "" },
    );
    if !module.lessons.is_empty() {
        line.push_str(&format!(
            " avec {} (en descriptions)",
            plural(module.lessons.len(), "leçon")
        ));
    }
    if !exported.conversions.is_empty() {
        line.push_str(&format!(
            ", {}",
            plural(exported.conversions.len(), "conversion")
        ));
    }
    if let Some(out) = &args.output {
        line.push_str(&format!(" → {}", out.display()));
    }
    let _ = writeln!(err, "{line}.");
    ExitCode::SUCCESS
}

/// The module named on the command line: a file when it is one (or looks like one), else a
/// module id among the built-in modules and the content folders. `Err` holds the exit code,
/// the reason already printed.
fn resolve(arg: &str, folders: &[PathBuf]) -> Result<Module, u8> {
    let path = Path::new(arg);
    let looks_like_file = path
        .extension()
        .is_some_and(|e| e == "json" || e == gift::EXTENSION);
    if path.is_file() || looks_like_file {
        if !path.is_file() {
            eprintln!("conseil export : {arg} : fichier introuvable");
            return Err(2);
        }
        let report = read_file(path);
        if report.has_errors() {
            for d in &report.diagnostics {
                eprintln!("{}", d.render(report.source.as_deref()));
            }
            eprintln!(
                "✗ {arg} a des erreurs : corrigez-les (conseil check {arg}) avant d’exporter."
            );
            return Err(1);
        }
        return match report.document {
            Some(Document::Module(m)) => Ok(*m),
            Some(Document::Glossary(_)) => {
                eprintln!("conseil export : {arg} est le glossaire, pas un module");
                Err(2)
            }
            None => Err(1),
        };
    }
    let mut catalog = Catalog::load(folders);
    match catalog.modules.iter().position(|m| m.id == arg) {
        Some(i) => Ok(catalog.modules.swap_remove(i)),
        None => {
            let mut ids: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
            ids.sort_unstable();
            let known = if ids.is_empty() {
                "aucun module chargé".to_owned()
            } else {
                format!("modules disponibles : {}", ids.join(", "))
            };
            eprintln!("conseil export : module « {arg} » introuvable ({known})");
            Err(2)
        }
    }
}

/// Writes `text` to `path`, or to stdout. A file is written whole or not at all (a temporary
/// file renamed), so that an interrupted export never leaves half a module.
fn write_output(path: Option<&Path>, text: &str) -> Result<(), String> {
    let Some(path) = path else {
        // A closed pipe (| head) is the reader's choice, not an error.
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
        return Ok(());
    };
    let shown = path.display();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("{shown} : écriture impossible : {}", io_french(&e)))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown} : écriture impossible : {}", io_french(&e)))?;
    tmp.persist(path)
        .map_err(|e| format!("{shown} : écriture impossible : {}", io_french(&e.error)))?;
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n > 1 {
        format!("{n} {word}s")
    } else {
        format!("{n} {word}")
    }
}
