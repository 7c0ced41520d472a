//! Command line: options and subcommands. Help texts are for users, so they are in French.

use std::path::PathBuf;

mod french;

use clap::{Args, Parser, Subcommand};

use crate::domain::content::Module;
use crate::domain::exam::{DEFAULT_MINUTES, DEFAULT_QUESTIONS, ExamConfig};
use crate::domain::stage;
use crate::error::Failure;
use crate::study::profile::StageChange;
use crate::tui::theme::ThemeName;
use crate::words;
use jiff::civil::Date;

pub use french::{Parsed, parse};

/// conseil — compagnon de formation du Service médical de l'Assurance Maladie.
///
/// Sans sous-commande, ouvre l'application plein écran sur les modules intégrés.
#[derive(Debug, Parser)]
#[command(
    name = "conseil",
    version,
    after_help = "Date et heure : celles du système, dans le fuseau de la variable TZ. La variable \
                  CONSEIL_NOW fixe l’instant de départ, pour une démonstration ou un test \
                  (par exemple CONSEIL_NOW=2026-12-08T10:00:00+01:00)."
)]
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

    /// Date de début du stage ou de l’examen, en JJ/MM/AAAA ou AAAA-MM-JJ, enregistrée dans le
    /// profil : les révisions s’organisent pour ce jour-là. Une date passée est refusée ;
    /// « aucune » l’efface. Sans sous-commande et hors d’un terminal (un script), la date est
    /// enregistrée puis conseil s’arrête.
    #[arg(long = "stage-date", value_name = "DATE", global = true, value_parser = parse_stage_date)]
    pub stage_date: Option<StageDate>,

    /// Modules que couvre le stage, séparés par des virgules (par exemple
    /// secret-medical,ssi), enregistrés dans le profil : la révision les prépare pour la date
    /// du stage. « tous » revient à tous les modules. Un identifiant inconnu est refusé. Sans
    /// sous-commande dans un script, comme --stage-date : enregistrés puis conseil s’arrête.
    #[arg(long = "stage-modules", value_name = "MODULE,…", global = true, value_parser = parse_stage_modules)]
    pub stage_modules: Option<StageModules>,

    /// Thème de l'interface : « default » (par défaut), ou « contrast » pour un
    /// vidéoprojecteur ou une vue basse. La variable NO_COLOR retire toutes les couleurs.
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
    /// Exporte ou importe la progression, pour la retrouver sur un autre poste ; liste les
    /// remarques laissées sur des questions.
    Progress(ProgressArgs),
    /// Fait le quiz d’un module, ou l’un de ses cas fictifs (--case) ; --plain pour le mode
    /// texte.
    Quiz(QuizArgs),
    /// Affiche les leçons d’un module ; --plain pour le mode texte.
    Lesson(LessonArgs),
    /// Révise les questions à revoir aujourd’hui ; --plain pour le mode texte.
    Review(ReviewArgs),
    /// Passe un examen blanc chronométré, corrigé à la fin ; --plain pour le mode texte.
    Exam(ExamArgs),
    /// Quiz de groupe pour les formateurs : des équipes dans une salle, un seul terminal
    /// (vidéoprojecteur), les réponses saisies par le formateur.
    Group(GroupArgs),
}

#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Reprend la session de groupe sauvegardée (après une coupure, une fermeture ou une
    /// pause).
    #[arg(long, conflicts_with = "set")]
    pub resume: bool,

    /// Ouvre la préparation avec une série enregistrée (« s » dans la préparation) : ses
    /// questions, ses réglages, ses équipes et son groupe. NOM est le nom de la série, ou le
    /// chemin d’un fichier de série reçu d’un collègue.
    #[arg(long, value_name = "NOM")]
    pub set: Option<String>,

    /// Dossier où écrire les résultats (CSV et JSON) et le bilan de la session (Markdown et
    /// HTML). Par défaut : le dossier « group » du dossier des données.
    #[arg(long, value_name = "DOSSIER")]
    pub out: Option<PathBuf>,

    /// Ouvre la salle : chacun répond depuis son téléphone ou son ordinateur, sur le réseau
    /// de la salle (rien ne sort de la salle). L’écran montre l’adresse, son QR code et le
    /// code de la salle ; les équipes peuvent toujours être saisies au clavier.
    #[arg(long)]
    pub salle: bool,

    /// Adresse IP de l’interface réseau où ouvrir la salle (par défaut : toutes ; l’écran
    /// montre celle du réseau local).
    #[arg(long, value_name = "IP", requires = "salle")]
    pub interface: Option<std::net::IpAddr>,

    /// Port de la salle.
    #[arg(long, value_name = "PORT", requires = "salle", default_value_t = 8765)]
    pub port: u16,

    /// Compare un pré-test et un post-test de la même série, joués en salle : écrit le
    /// gain normalisé de chaque participant et du groupe (Markdown). AVANT et APRÈS sont
    /// les fichiers « .salle.json » écrits avec les résultats.
    #[arg(long, num_args = 2, value_names = ["AVANT", "APRÈS"], conflicts_with_all = ["resume", "set", "salle"])]
    pub gain: Option<Vec<PathBuf>>,
}

/// Options du mode texte, communes à quiz, lesson, review et exam.
#[derive(Debug, Args)]
pub struct PlainArgs {
    /// Mode texte : des lignes simples, sans couleur ni effacement d’écran, pour un lecteur
    /// d’écran, une plage braille ou un script. Choisi d’office quand TERM=dumb ou quand
    /// l’entrée ou la sortie n’est pas un terminal.
    #[arg(long)]
    pub plain: bool,

    /// Écrit chaque question et chaque résultat sur une ligne JSON, pour un outil (implique
    /// --plain).
    #[arg(long)]
    pub json: bool,

    /// Ouvre le profil en lecture seule, par exemple quand il est ouvert ailleurs : rien
    /// n’est enregistré (implique --plain).
    #[arg(long)]
    pub read_only: bool,
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Identifiant du module (par exemple secret-medical).
    #[arg(value_name = "MODULE")]
    pub module: String,

    /// Joue ce cas fictif du module, étape par étape, au lieu de son quiz.
    #[arg(long = "case", value_name = "CAS")]
    pub case: Option<String>,

    /// Recommence du début au lieu de reprendre le quiz laissé en cours (implique --plain).
    #[arg(long)]
    pub restart: bool,

    #[command(flatten)]
    pub plain: PlainArgs,
}

#[derive(Debug, Args)]
pub struct LessonArgs {
    /// Identifiant du module.
    #[arg(value_name = "MODULE")]
    pub module: String,

    #[command(flatten)]
    pub plain: PlainArgs,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Recommence une révision neuve au lieu de reprendre celle laissée en cours.
    #[arg(long)]
    pub restart: bool,

    #[command(flatten)]
    pub plain: PlainArgs,
}

#[derive(Debug, Args)]
pub struct ExamArgs {
    /// Nombre de questions, tirées au hasard parmi les modules choisis (20 par défaut).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_QUESTIONS, value_parser = clap::value_parser!(u16).range(1..))]
    pub questions: u16,

    /// Temps accordé, en minutes (20 par défaut, 1440 au plus).
    #[arg(long, value_name = "M", default_value_t = DEFAULT_MINUTES, conflicts_with = "untimed", value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: u32,

    /// Sans limite de temps.
    #[arg(long)]
    pub untimed: bool,

    /// Modules de l’examen, séparés par des virgules (par défaut : tous).
    #[arg(long, value_name = "MODULE,…", value_delimiter = ',')]
    pub modules: Vec<String>,

    /// Commence un nouvel examen au lieu de reprendre celui laissé en cours (implique --plain).
    #[arg(long)]
    pub restart: bool,

    #[command(flatten)]
    pub plain: PlainArgs,
}

impl ExamArgs {
    /// The exam these options ask for.
    pub fn config(&self) -> ExamConfig {
        ExamConfig {
            modules: self.modules.clone(),
            questions: usize::from(self.questions),
            minutes: (!self.untimed).then_some(self.minutes),
            ..ExamConfig::default()
        }
    }
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
        /// Remplace le fichier s’il existe déjà (sinon conseil le demande dans un terminal, et
        /// refuse ailleurs).
        #[arg(long)]
        force: bool,
    },
    /// Ajoute au profil la progression d’un fichier exporté, sans rien perdre de part et
    /// d’autre.
    Import {
        /// Fichier exporté à lire.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Liste les remarques laissées sur des questions (« Signaler » dans le quiz, ou une
    /// ligne « !texte » en mode texte) : celles du profil, ou celles des fichiers exportés
    /// donnés, pour le formateur qui les rassemble.
    Remarks {
        /// Fichiers exportés à lire (par défaut : le profil).
        #[arg(value_name = "FICHIER")]
        files: Vec<PathBuf>,
        /// Écrit les remarques en JSON sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
}

/// The value of `--stage-date`: a date, or `None` to clear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDate(pub Option<Date>);

fn parse_stage_date(text: &str) -> Result<StageDate, String> {
    if text.trim().eq_ignore_ascii_case("aucune") {
        return Ok(StageDate(None));
    }
    stage::parse_date(text)
        .map(|d| StageDate(Some(d)))
        .map_err(|e| match e {
            stage::DateError::Unreadable => {
                format!(
                    "{}, ou « aucune » pour l’effacer",
                    words::date_error(&e, text)
                )
            }
            _ => words::date_error(&e, text),
        })
}

/// The value of `--stage-modules`: module ids, none for every module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageModules(pub Vec<String>);

fn parse_stage_modules(text: &str) -> Result<StageModules, String> {
    if text.trim().eq_ignore_ascii_case("tous") {
        return Ok(StageModules(Vec::new()));
    }
    let ids: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(
            "liste de modules vide : donnez des identifiants séparés par des virgules, ou « tous »"
                .to_owned(),
        );
    }
    Ok(StageModules(ids))
}

impl Cli {
    /// What `--stage-date` and `--stage-modules` ask, checked on `today` against `modules`:
    /// a past date or an unknown module is a usage error, said in French.
    pub fn stage_change(&self, modules: &[Module], today: Date) -> Result<StageChange, Failure> {
        let date = match self.stage_date {
            Some(StageDate(Some(date))) => {
                Some(Some(stage::check_date(date, today).map_err(|e| {
                    Failure::usage(format!("--stage-date : {}", words::date_error(&e, "")))
                })?))
            }
            Some(StageDate(None)) => Some(None),
            None => None,
        };
        let modules = match &self.stage_modules {
            Some(StageModules(ids)) => Some(stage::check_modules(ids, modules).map_err(|e| {
                let known: Vec<&str> = modules.iter().map(|m| m.id.as_str()).collect();
                Failure::usage(format!(
                    "--stage-modules : {}",
                    words::unknown_modules(&e.0, &known)
                ))
            })?),
            None => None,
        };
        Ok(StageChange { date, modules })
    }
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

    /// Sort avec le code 1 s’il reste un avertissement (pour la CI).
    #[arg(long)]
    pub deny_warnings: bool,
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
