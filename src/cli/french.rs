//! The command line in French: clap writes its help headings and its mistakes in English, so
//! the help flags, the headings and every parse error are given French words here.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// How the help reads: the description, then « Utilisation », then the arguments.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// What the command line asks for: a run, or a text to print before stopping.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Cli>),
    /// The help or the version: printed on standard output, exit code 0.
    Shown(String),
    /// A mistake, in French: printed on standard error, exit code 2.
    Mistake(String),
    /// A subcommand is missing: its help, printed on standard error, exit code 2.
    Incomplete(String),
}

/// Reads `args` (the program's name first) as conseil's command line.
pub fn parse<I, T>(args: I) -> Parsed
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = frenchify(Cli::command(), true);
    match command.try_get_matches_from_mut(args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => Parsed::Run(Box::new(cli)),
            Err(e) => Parsed::Mistake(mistake(&e)),
        },
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Shown(e.to_string()),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Incomplete(e.to_string())
            }
            _ => Parsed::Mistake(mistake(&e)),
        },
    }
}

/// `command` and its subcommands with French help flags, headings and template; defaults and
/// possible values are said in each option's own French help.
fn frenchify(command: Command, top: bool) -> Command {
    let mut command = command
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "Arguments "
            } else {
                "Options "
            };
            let arg = arg.help_heading(heading);
            if arg.get_action().takes_values() {
                arg.hide_default_value(true).hide_possible_values(true)
            } else {
                arg
            }
        })
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        // clap glues the colon to the heading; French sets a space before it.
        .subcommand_help_heading("Commandes ")
        .subcommand_value_name("COMMANDE")
        .arg(
            Arg::new("aide")
                .help_heading("Options ")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        );
    if top {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .help_heading("Options ")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    }
    command.mut_subcommands(|sub| frenchify(sub, false))
}

/// A parse error in French, with what to type instead when clap knows it.
fn mistake(e: &clap::Error) -> String {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let invalid_arg = context(ContextKind::InvalidArg);
    let invalid_value = context(ContextKind::InvalidValue);
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => format!("argument inattendu « {invalid_arg} »"),
        ErrorKind::InvalidSubcommand => format!("sous-commande inconnue « {invalid_arg} »"),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("valeur invalide « {invalid_value} » pour {invalid_arg}")
            } else {
                format!(
                    "valeur invalide « {invalid_value} » pour {invalid_arg} (valeurs possibles : {valid})"
                )
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers say why in French (a stage date); clap's own (a number out of
            // range) say it in English: then only the value and the option are given.
            let why = e
                .source()
                .map(ToString::to_string)
                .filter(|why| why.chars().any(|c| "éèàçù«’".contains(c)));
            match why {
                Some(why) => format!("{invalid_arg} : {why}"),
                None => format!("valeur invalide « {invalid_value} » pour {invalid_arg}"),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {invalid_arg}")
        }
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg);
            format!("{invalid_arg} ne peut pas servir avec {other}")
        }
        ErrorKind::NoEquals => format!("{invalid_arg} attend une valeur après « = »"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {invalid_arg}")
        }
        ErrorKind::InvalidUtf8 => "un argument n’est pas du texte UTF-8".to_owned(),
        ErrorKind::MissingSubcommand => format!(
            "il manque la sous-commande après « {} »",
            context(ContextKind::InvalidSubcommand)
        ),
        _ => "ligne de commande incomprise".to_owned(),
    };
    let suggested = context(ContextKind::SuggestedArg);
    let suggested_sub = context(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        message.push_str(&format!(" ; vouliez-vous dire « {suggested} » ?"));
    } else if !suggested_sub.is_empty() {
        message.push_str(&format!(" ; vouliez-vous dire « {suggested_sub} » ?"));
    }
    message.push_str(" (aide : conseil --help)");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(args: &[&str]) -> String {
        match parse(std::iter::once("conseil").chain(args.iter().copied())) {
            Parsed::Shown(text) => text,
            other => panic!("{other:?}"),
        }
    }

    fn mistake_of(args: &[&str]) -> String {
        match parse(std::iter::once("conseil").chain(args.iter().copied())) {
            Parsed::Mistake(text) => text,
            other => panic!("{other:?}"),
        }
    }

    /// Words clap would write in English, which must not reach a French user.
    const ENGLISH: [&str; 8] = [
        "Usage",
        "Print",
        "error:",
        "default:",
        "possible values",
        "Commands:",
        "For more",
        "unexpected",
    ];

    #[test]
    fn help_is_french_everywhere() {
        for args in [
            &["--help"][..],
            &["-h"],
            &["exam", "--help"],
            &["progress", "export", "--help"],
            &["group", "-h"],
        ] {
            let help = shown(args);
            assert!(help.contains("Utilisation : conseil"), "{help}");
            assert!(help.contains("Options :"), "{help}");
            assert!(help.contains("Affiche cette aide"), "{help}");
            for word in ENGLISH {
                assert!(!help.contains(word), "« {word} » in {args:?}:\n{help}");
            }
        }
        assert!(shown(&["--help"]).contains("Commandes :"));
        assert!(shown(&["--version"]).starts_with("conseil "));
    }

    #[test]
    fn mistakes_are_french() {
        let m = mistake_of(&["--bogus"]);
        assert!(m.starts_with("argument inattendu « --bogus »"), "{m}");
        let m = mistake_of(&["quiz"]);
        assert!(
            m.contains("argument obligatoire manquant : <MODULE>"),
            "{m}"
        );
        let m = mistake_of(&["exam", "--questions", "0"]);
        assert!(m.contains("valeur invalide « 0 » pour --questions"), "{m}");
        let m = mistake_of(&["--theme", "rose"]);
        assert!(m.contains("valeurs possibles : default, contrast"), "{m}");
        let m = mistake_of(&["--stage-date", "31/04/2026", "stats"]);
        assert!(
            m.contains(" : le 31 avril 2026 n’existe pas : avril 2026 a 30 jours (aide"),
            "{m}"
        );
        let m = mistake_of(&["--stage-date", "demain"]);
        assert!(m.contains("date non comprise « demain »"), "{m}");
        assert!(
            m.contains("(2026-05-04), ou « aucune » pour l’effacer"),
            "{m}"
        );
        match parse(["conseil", "progress"]) {
            Parsed::Incomplete(help) => {
                assert!(help.contains("Utilisation : conseil progress"), "{help}");
            }
            other => panic!("{other:?}"),
        }
        let m = mistake_of(&["exma"]);
        assert!(m.contains("« exam »"), "{m}");
        for m in [m, mistake_of(&["exam", "--untimed", "--minutes", "5"])] {
            for word in ENGLISH {
                assert!(!m.contains(word), "« {word} » in {m}");
            }
        }
    }
}
