//! What the server tells a phone, in French (the page's own texts are in `page.html`).

use crate::content::pii::PiiKind;
use crate::domain::group::room::{
    JoinError, MAX_PARTICIPANTS, MAX_PSEUDONYM_CHARS, PseudonymError,
};

pub const JOIN_FIRST: &str = "Entrez d’abord le code de la salle et un pseudonyme.";
pub const WRONG_CODE: &str = "Ce n’est pas le code de la salle : vérifiez-le à l’écran.";
/// After too many wrong codes from one address (a whole room may share it).
pub fn too_many_codes(wait_secs: u64) -> String {
    format!(
        "Trop de codes erronés depuis ce réseau : réessayez dans {wait_secs} s, ou demandez de l’aide au formateur."
    )
}
pub const REMOVED: &str = "Le formateur vous a retiré de la salle.";
pub const ALREADY_JOINED: &str = "Vous êtes déjà dans la salle.";
pub const TOO_LATE: &str =
    "Trop tard : cette question est close, votre réponse n’est pas prise en compte.";
pub const BAD_ANSWER: &str = "Cette réponse ne correspond pas à la question posée.";
pub const NOT_UNDERSTOOD: &str = "Message incompris : rechargez la page.";
pub const FLOOD: &str = "Trop de messages : la connexion est coupée, rechargez la page.";
pub const TOO_LONG: &str = "Message trop long : la connexion est coupée, rechargez la page.";

/// Why a participant could not join.
pub fn join_error(e: JoinError) -> String {
    match e {
        JoinError::Full => format!("La salle est pleine ({MAX_PARTICIPANTS} participants)."),
        JoinError::NoSuchTeam => "Cette équipe n’existe pas : choisissez-en une autre.".into(),
        JoinError::Pseudonym(p) => pseudonym_error(p),
    }
}

fn pseudonym_error(e: PseudonymError) -> String {
    match e {
        PseudonymError::Empty => "Choisissez un pseudonyme.".into(),
        PseudonymError::TooLong => {
            format!("Un pseudonyme a au plus {MAX_PSEUDONYM_CHARS} caractères.")
        }
        PseudonymError::Taken => "Ce pseudonyme est déjà pris : choisissez-en un autre.".into(),
        PseudonymError::Unreadable(_) => {
            "Ce pseudonyme contient un caractère invisible ou de contrôle.".into()
        }
        PseudonymError::Personal(kind) => {
            let what = match kind {
                PiiKind::Email => "une adresse électronique",
                PiiKind::Phone => "un numéro de téléphone",
                PiiKind::Nir => "un numéro de sécurité sociale",
                PiiKind::Iban => "des coordonnées bancaires",
            };
            format!(
                "Ce pseudonyme ressemble à {what} : choisissez un pseudonyme, pas une donnée personnelle."
            )
        }
    }
}
