//! The one error every command carries up to `main`, which alone prints it and picks the exit
//! code: 0 done, 1 failed, 2 misused.

use std::fmt::Display;

use crate::store::profiles::{AmbiguousProfile, ProfileNameError};

/// Why a command stopped before its end.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// A mistake on the command line (a bad option value, an unknown module or profile):
    /// exit code 2.
    Usage(String),
    /// Something that could not be done (a file unreadable, a save refused): exit code 1.
    Failed(String),
    /// Already told in full on the way (the findings of `conseil check`, an import's errors):
    /// exit code 1 and nothing more to print.
    Reported,
}

impl Failure {
    pub fn usage(message: impl Display) -> Failure {
        Failure::Usage(message.to_string())
    }

    pub fn failed(message: impl Display) -> Failure {
        Failure::Failed(message.to_string())
    }

    /// The process's exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Failed(_) | Failure::Reported => 1,
        }
    }

    /// What to print, if anything is left to say.
    pub fn message(&self) -> Option<&str> {
        match self {
            Failure::Usage(m) | Failure::Failed(m) => Some(m),
            Failure::Reported => None,
        }
    }
}

/// A usage mistake found deep in a command, where an `anyhow` chain carries it up.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// An error with its whole chain of causes, in French; the mistakes of the user's own making
/// (a bad profile name, a profile to choose among several) are usage errors.
impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        let message = format!("{e:#}");
        if e.is::<UsageError>() || e.is::<ProfileNameError>() || e.is::<AmbiguousProfile>() {
            Failure::Usage(message)
        } else {
            Failure::Failed(message)
        }
    }
}

impl From<ProfileNameError> for Failure {
    fn from(e: ProfileNameError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(Failure::usage("x").exit_code(), 2);
        assert_eq!(Failure::failed("x").exit_code(), 1);
        assert_eq!(Failure::Reported.exit_code(), 1);
        assert_eq!(Failure::Reported.message(), None);
    }

    #[test]
    fn user_mistakes_in_a_chain_are_usage_errors() {
        let e = anyhow::Error::from(UsageError("pas de profil « Zoé »".into())).context("stats");
        assert_eq!(
            Failure::from(e),
            Failure::Usage("stats: pas de profil « Zoé »".into())
        );
        let e = anyhow::anyhow!("disque plein");
        assert_eq!(Failure::from(e), Failure::Failed("disque plein".into()));
    }
}
