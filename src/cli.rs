//! Command line: options and subcommands. Help texts are for users, so they are in French.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Vérifie des modules : syntaxe, règles, données personnelles.
    Check(CheckArgs),
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
