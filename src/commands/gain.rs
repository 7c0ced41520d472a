//! `conseil group --gain AVANT APRÈS`: the pre-test / post-test report of two room sessions
//! of the same set, in Markdown on the standard output.

use std::path::PathBuf;

use super::strings;
use crate::domain::group::GroupSession;
use crate::domain::group::items::gain;
use crate::error::Failure;
use crate::store::group::read_session;
use crate::tui::screens::group::report::Doc;
use crate::tui::screens::group::room_report::gain_blocks;

/// Reads the two sessions and prints their normalised gain, participant by participant.
pub fn group_gain(paths: Option<&[PathBuf]>) -> Result<(), Failure> {
    let [pre, post] = paths.unwrap_or_default() else {
        return Err(Failure::usage(strings::GAIN_TWO_FILES));
    };
    let pre = read_session(pre).map_err(Failure::from)?;
    let post = read_session(post).map_err(Failure::from)?;
    let questions = |s: &GroupSession| {
        let mut ids = s.question_ids.clone();
        ids.sort();
        ids
    };
    if questions(&pre) != questions(&post) {
        return Err(Failure::usage(strings::GAIN_NOT_THE_SAME_SET));
    }
    print!("{}", Doc(gain_blocks(&gain(&pre, &post))).markdown());
    Ok(())
}
