//! Command line: options and subcommands. Help texts are for users, so they are in French.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::theme::ThemeName;
use jiff::civil::Date;

/// conseil — compagnon de formation du Service médical de l'Assurance Maladie.
///
/// Sans sous-commande, ouvre l'application plein écran sur les modules intégrés.
#[derive(Debug, Parser)]
#[command(name = "conseil", version)]
pub struct Cli {
    /// Dossier de modules supplémentaires (répétable). La variable CONSEIL_CONTENT en ajoute
    /// d'autres, séparés par « : ».
    #[arg(long = "content", value_name = "DOSSIER", global = true)]
    pub content: Vec<PathBuf>,

    /// Dossier des données (profils et progression). Par défaut : la variable
    /// CONSEIL_DATA_DIR, sinon le dossier de données de l’utilisateur.
    #[arg(long = "data-dir", value_name = "DOSSIER", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Profil à utiliser (un prénom ou un pseudonyme). Par défaut : le seul profil existant,
    /// sinon « défaut ».
    #[arg(long, value_name = "NOM", global = true)]
    pub profile: Option<String>,

    /// Date de début du stage (AAAA-MM-JJ), enregistrée dans le profil : les révisions
    /// s’organisent pour ce jour-là. « aucune » l’efface.
    #[arg(long = "stage-date", value_name = "AAAA-MM-JJ", global = true, value_parser = parse_stage_date)]
    pub stage_date: Option<StageDate>,

    /// Thème de l'interface : « default », ou « contrast » pour un vidéoprojecteur ou une vue
    /// basse. La variable NO_COLOR retire toutes les couleurs.
    #[arg(long, value_enum, default_value_t = ThemeName::Default, global = true)]
    pub theme: ThemeName,

    /// Graine du hasard : avec la même graine, l'ordre des questions et des choix est le même.
    #[arg(long, value_name = "N", global = true)]
    pub seed: Option<u64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Vérifie des modules : syntaxe, règles, données personnelles.
    Check(CheckArgs),
    /// Importe un fichier GIFT (Moodle) en module JSON de conseil.
    Import(ImportArgs),
    /// Exporte un module au format GIFT, pour l’importer dans Moodle.
    Export(ExportArgs),
    /// Affiche les statistiques du profil : maîtrise, activité, réussite, points faibles.
    Stats(StatsArgs),
    /// Exporte ou importe la progression, pour la retrouver sur un autre poste.
    Progress(ProgressArgs),
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Écrit les statistiques en JSON sur la sortie standard.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    pub command: ProgressCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    /// Écrit toute la progression du profil dans un fichier JSON.
    Export {
        /// Fichier à écrire.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Ajoute au profil la progression d’un fichier exporté, sans rien perdre de part et
    /// d’autre.
    Import {
        /// Fichier exporté à lire.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
}

/// The value of `--stage-date`: a date, or `None` to clear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDate(pub Option<Date>);

fn parse_stage_date(text: &str) -> Result<StageDate, String> {
    if text.trim().eq_ignore_ascii_case("aucune") {
        return Ok(StageDate(None));
    }
    text.trim()
        .parse::<Date>()
        .map(|d| StageDate(Some(d)))
        .map_err(|_| {
            format!("date invalide « {text} » : attendu AAAA-MM-JJ (par exemple 2026-05-04) ou « aucune »")
        })
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Fichier GIFT à importer (tel que Moodle l’exporte, en .gift ou .txt).
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Fichier JSON à écrire (par défaut : la sortie standard).
    #[arg(short, long, value_name = "SORTIE")]
    pub output: Option<PathBuf>,

    /// Identifiant du module, préfixe des identifiants de questions (par défaut : tiré du nom
    /// du fichier).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Importe les questions valides d’un fichier qui a des erreurs ; les erreurs restent
    /// affichées et le code de sortie reste 1.
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Identifiant d’un module (intégré ou d’un dossier --content), ou fichier JSON de module.
    #[arg(value_name = "MODULE")]
    pub module: String,

    /// Écrit au format GIFT de Moodle (le seul format d’export pour l’instant).
    #[arg(long, required = true)]
    pub gift: bool,

    /// Fichier à écrire (par défaut : la sortie standard).
    #[arg(short, long, value_name = "SORTIE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fichiers ou dossiers à vérifier (par défaut : les modules intégrés).
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,

    /// Écrit les diagnostics en JSON sur la sortie standard.
    #[arg(long)]
    pub json: bool,

    /// Liste aussi les modules relus il y a plus de JOURS jours (ou jamais).
    #[arg(long, value_name = "JOURS")]
    pub stale: Option<u32>,
}

impl Cli {
    /// The content folders: `--content` first, then `CONSEIL_CONTENT`.
    pub fn content_folders(&self) -> Vec<PathBuf> {
        let mut folders = self.content.clone();
        if let Some(env) = std::env::var_os("CONSEIL_CONTENT") {
            folders.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
        }
        folders
    }
}
