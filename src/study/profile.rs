//! Opening the learner's profile: which one, what to do when another window has it, the
//! damaged file set aside, and `--stage-date` and `--stage-modules` applied. Every front end
//! and command opens a profile through here.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::{Failure, UsageError};
use crate::store::profiles::{AmbiguousProfile, DataDir, OpenError, Opened, validate_profile_name};

/// What to do when another conseil has the profile open for writing.
pub enum WhenBusy<'a> {
    /// Refuse, saying what else the learner can do (`hint`).
    Refuse { hint: &'a str },
    /// Open it read-only: nothing is saved, and the front end says so.
    ReadOnly,
    /// Ask the learner (`true`: read-only); a refusal is a failure.
    Ask(&'a mut dyn FnMut(&str) -> bool),
}

/// How the profile is to be opened.
pub struct Request<'a> {
    /// `--profile`, or `None` for the default one.
    pub name: Option<&'a str>,
    /// Read only, whatever happens (`--read-only`, or a command that only reads).
    pub read_only: bool,
    /// Open only a profile that exists (a command that reads must not create one); a missing
    /// default profile is read as an empty one, a missing named one is a usage error.
    pub existing_only: bool,
    pub when_busy: WhenBusy<'a>,
    /// `--stage-date` and `--stage-modules`. Never applied to a read-only profile.
    pub stage: StageChange,
}

/// What `--stage-date` and `--stage-modules` ask of the profile, checked by
/// `Cli::stage_change` (no past date, no unknown module).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageChange {
    /// `Some(None)` clears the date.
    pub date: Option<Option<Date>>,
    /// `Some(vec![])`: the stage covers every module.
    pub modules: Option<Vec<String>>,
}

impl StageChange {
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.modules.is_none()
    }
}

/// The profile to open: the one named (checked), else the default one. Several profiles and
/// none named is a usage error ([`AmbiguousProfile`]).
pub fn name(data: &DataDir, named: Option<&str>) -> Result<String, Failure> {
    match named {
        Some(name) => Ok(validate_profile_name(name)?),
        None => Ok(data.default_profile()?),
    }
}

/// As [`name`], but `None` when several profiles exist and none was named: the full-screen
/// app then lets the learner choose.
pub fn choose(data: &DataDir, named: Option<&str>) -> Result<Option<String>, Failure> {
    if named.is_some() {
        return name(data, named).map(Some);
    }
    match data.default_profile() {
        Ok(name) => Ok(Some(name)),
        Err(e) if e.is::<AmbiguousProfile>() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Opens the profile `request` asks for. A damaged progress file is set aside and the
/// learner told (see [`Opened::notice`]).
pub fn open(data: &DataDir, mut request: Request<'_>) -> Result<Opened, Failure> {
    let name = name(data, request.name)?;
    if request.existing_only && request.stage.is_empty() {
        let profiles = data.profiles()?;
        if !profiles.contains(&name) {
            if request.name.is_some() {
                let known = if profiles.is_empty() {
                    "aucun profil pour l’instant".to_owned()
                } else {
                    format!("profils existants : {}", profiles.join(", "))
                };
                return Err(anyhow::Error::from(UsageError(format!(
                    "pas de profil « {name} » dans {} ({known})",
                    data.root().display()
                )))
                .into());
            }
            // Nothing is created by reading.
            return Ok(data.open_read_only(&name)?);
        }
    }
    let mut opened = if request.read_only {
        data.open_read_only(&name)?
    } else {
        match data.open(&name) {
            Ok(opened) => opened,
            Err(OpenError::Busy { profile }) => match &mut request.when_busy {
                WhenBusy::Refuse { hint } => {
                    return Err(Failure::failed(format!(
                        "le profil « {profile} » est déjà ouvert dans une autre fenêtre de conseil : {hint}"
                    )));
                }
                WhenBusy::ReadOnly => data.open_read_only(&profile)?,
                WhenBusy::Ask(ask) => {
                    if !ask(&profile) {
                        return Err(Failure::failed(OpenError::Busy { profile }.to_string()));
                    }
                    data.open_read_only(&profile)?
                }
            },
            Err(OpenError::Failed(e)) => return Err(e.into()),
        }
    };
    apply_stage(&mut opened, request.stage, data.now())?;
    Ok(opened)
}

/// Keeps `stage` (checked already) in the profile `opened`, and saves it if it changed; a
/// read-only profile is left as it is.
pub fn apply_stage(opened: &mut Opened, stage: StageChange, now: Timestamp) -> Result<(), Failure> {
    if opened.store.is_read_only() {
        return Ok(());
    }
    let StageChange { date, modules } = stage;
    let date_changed = date.is_some_and(|d| opened.progress.set_stage_date(d, now));
    let modules_changed = modules.is_some_and(|m| opened.progress.set_stage_modules(m, now));
    if date_changed || modules_changed {
        opened.store.save(&opened.progress)?;
    }
    Ok(())
}
