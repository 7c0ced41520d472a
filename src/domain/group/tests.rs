//! The session's own tests; `session`, `settings` and `t` serve the tests of its parts.

use super::*;
use crate::domain::question::OpenQuestion;
use crate::domain::testing::{numeric, single, tf};

pub(super) fn t(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_800_000_000_000 + ms).expect("valid timestamp")
}

pub(super) fn settings(teams: &[&str], ids: &[&str], scoring: Scoring) -> GroupSettings {
    GroupSettings {
        teams: teams.iter().map(|t| (*t).to_owned()).collect(),
        question_ids: ids.iter().map(|t| (*t).to_owned()).collect(),
        timer_secs: Some(30),
        scoring,
        seed: 5,
        group_name: None,
        high_contrast: true,
    }
}

pub(super) fn session(scoring: Scoring) -> GroupSession {
    GroupSession::new(
        settings(&["Hiboux", "Renards", "Loutres"], &["a", "b", "c"], scoring),
        t(0),
    )
    .expect("valid settings")
}

fn points(s: &GroupSession) -> Vec<u32> {
    let mut by_team = vec![0; s.teams.len()];
    for st in s.standings() {
        by_team[st.team] = st.points;
    }
    by_team
}

#[test]
fn setup_is_checked() {
    let one_team = settings(&["Seuls"], &["a"], Scoring::default());
    assert_eq!(
        GroupSession::new(one_team, t(0)),
        Err(SetupError::TeamCount(1))
    );
    // With the room, phones are the players: no team at all is fine, and so is one.
    for teams in [&[][..], &["Seuls"][..]] {
        let room = settings(teams, &["a"], Scoring::default());
        assert_eq!(
            GroupSession::new(room.clone(), t(0)),
            Err(SetupError::TeamCount(teams.len()))
        );
        let s = GroupSession::for_room(room, t(0)).expect("a room needs no team");
        assert_eq!(s.teams.len(), teams.len());
        assert!(s.is_consistent());
    }
    let nine: Vec<String> = (0..9).map(|i| format!("É{i}")).collect();
    let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
    assert_eq!(
        GroupSession::new(settings(&nine, &["a"], Scoring::default()), t(0)),
        Err(SetupError::TeamCount(9))
    );
    assert_eq!(
        GroupSession::new(
            settings(&["Hiboux", " hiboux "], &["a"], Scoring::default()),
            t(0)
        ),
        Err(SetupError::TeamName(1, TeamNameError::Duplicate))
    );
    assert_eq!(
        GroupSession::new(settings(&["A", "B"], &[], Scoring::default()), t(0)),
        Err(SetupError::NoQuestion)
    );
    assert_eq!(check_team_name("  ", &[]), Err(TeamNameError::Empty));
    assert_eq!(
        check_team_name(&"x".repeat(25), &[]),
        Err(TeamNameError::TooLong)
    );
    assert_eq!(check_team_name(" Lynx ", &["Hiboux"]), Ok("Lynx".into()));
    // A name that would read otherwise than it is written, on the board or in a report.
    for (name, code) in [
        ("Lynx\u{202e}xnyL", 0x202e),
        ("Hi\u{200b}boux", 0x200b),
        ("Chou\u{1b}[2Jettes", 0x1b),
        ("Deux\nlignes", 0x0a),
    ] {
        assert_eq!(
            check_team_name(name, &[]),
            Err(TeamNameError::Unreadable(code)),
            "{name:?}"
        );
    }
}

#[test]
fn one_point_a_right_answer_and_no_answer_is_wrong() {
    let mut s = session(Scoring::default());
    assert!(s.enter(0, Response::Bool(true), t(1_000)));
    assert!(s.enter(1, Response::Bool(false), t(2_000)));
    assert!(!s.enter(7, Response::Bool(true), t(2_000)), "no team 8");
    assert!(s.reveal(&tf("a", true), t(3_000)));
    assert!(!s.enter(2, Response::Bool(true), t(4_000)), "revealed");
    assert_eq!(points(&s), vec![1, 0, 0]);
    let awards = s.rounds[0].awards.clone().expect("revealed");
    assert_eq!(awards[1].verdict, Some(Verdict::Incorrect));
    assert_eq!(awards[2].verdict, None);
    // Revealing another question than the current one does nothing.
    assert_eq!(s.next(t(5_000)), Advance::Question);
    assert!(!s.reveal(&tf("a", true), t(6_000)));
}

#[test]
fn speed_bonus_goes_to_the_first_right_last_answer() {
    let mut s = session(Scoring {
        speed_bonus: true,
        double_last: false,
    });
    let q = single("a", 4, 2);
    assert!(s.enter(1, Response::Choices(vec![2]), t(1_000))); // first, right
    assert!(s.enter(2, Response::Choices(vec![2]), t(2_000))); // second, right
    assert!(s.enter(0, Response::Choices(vec![0]), t(3_000))); // third, wrong
    // The same card shown again is not a new answer: team 2 keeps its place.
    assert!(!s.enter(1, Response::Choices(vec![2]), t(3_500)));
    // Team 2 (index 1) changes its mind and back: its last answer comes after team 3's.
    assert!(s.enter(1, Response::Choices(vec![1]), t(4_000)));
    assert!(s.enter(1, Response::Choices(vec![2]), t(5_000)));
    s.reveal(&q, t(6_000));
    assert_eq!(points(&s), vec![0, 1, 2]);
    let awards = s.rounds[0].awards.clone().expect("revealed");
    assert_eq!(awards[2].bonus, 1);
    assert_eq!(awards[1].bonus, 0);
    let entry = s.rounds[0].entries[1].clone().expect("answered");
    assert_eq!(entry.elapsed_ms, 5_000, "the time of its last answer");
}

#[test]
fn open_questions_are_discussed_unscored() {
    let mut s = session(Scoring {
        speed_bonus: true,
        double_last: false,
    });
    let open = Question::Open(OpenQuestion {
        id: "a".into(),
        prompt: "Que répondre ?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        model_answer: "Ceci.".into(),
        checklist: vec![],
    });
    assert!(s.reveal(&open, t(1_000)));
    let round = &s.rounds[0];
    assert!(round.unscored);
    assert!(
        round
            .awards
            .as_ref()
            .is_some_and(|a| a.iter().all(|a| a.points == 0 && a.verdict.is_none()))
    );
    assert!(s.debrief().is_empty(), "nobody missed a discussion");
    assert!(s.undo_last_scoring(t(2_000)));
    assert!(!s.rounds[0].unscored);
}

#[test]
fn last_question_counts_double_bonus_included() {
    let mut s = session(Scoring {
        speed_bonus: true,
        double_last: true,
    });
    for (i, q) in [tf("a", true), tf("b", false), numeric("c", 15000.0)]
        .iter()
        .enumerate()
    {
        assert_eq!(s.multiplier(i), if i == 2 { 2 } else { 1 });
        let right = match q {
            Question::TrueFalse(t) => Response::Bool(t.answer),
            _ => Response::Text("15 000".into()),
        };
        s.enter(0, right.clone(), t(1_000));
        s.enter(1, right, t(2_000));
        s.reveal(q, t(3_000));
        let _ = s.next(t(4_000));
    }
    assert!(s.is_finished());
    // Team 1: (1+1) + (1+1) + (1+1)×2; team 2: 1 + 1 + 1×2.
    assert_eq!(points(&s), vec![8, 4, 0]);
}

#[test]
fn undo_takes_back_the_last_scoring_even_from_the_next_question() {
    let mut s = session(Scoring::default());
    let q = tf("a", true);
    assert!(!s.undo_last_scoring(t(0)), "nothing revealed yet");
    s.enter(0, Response::Bool(false), t(1_000));
    s.reveal(&q, t(2_000));
    assert_eq!(points(&s), vec![0, 0, 0]);
    assert!(s.undo_last_scoring(t(3_000)));
    assert!(!s.current().expect("round").is_revealed());
    assert!(s.is_paused(), "the clock waits for the correction");
    s.enter(0, Response::Bool(true), t(4_000));
    s.reveal(&q, t(5_000));
    assert_eq!(points(&s), vec![1, 0, 0]);
    // Already on the next question, nobody has answered it: back to the first one.
    assert_eq!(s.next(t(6_000)), Advance::Question);
    assert_eq!(s.position(), 1);
    assert!(s.undo_last_scoring(t(7_000)));
    assert_eq!(s.position(), 0);
    assert_eq!(points(&s), vec![0, 0, 0]);
    // Once a team answered the next question, its entries are not thrown away.
    s.reveal(&q, t(8_000));
    let _ = s.next(t(9_000));
    s.enter(2, Response::Bool(true), t(9_500));
    assert!(!s.undo_last_scoring(t(10_000)));
}

#[test]
fn resume_after_a_crash_keeps_everything_and_gives_the_lost_time_back() {
    let mut s = session(Scoring {
        speed_bonus: true,
        double_last: true,
    });
    s.enter(0, Response::Bool(true), t(1_000));
    s.reveal(&tf("a", true), t(2_000));
    let _ = s.next(t(3_000));
    s.enter(1, Response::Bool(false), t(8_000));
    let json = serde_json::to_string(&s).expect("serializes");
    let mut back: GroupSession = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, s);
    assert!(back.is_consistent());
    // The laptop was closed an hour: the clock stopped at the last change.
    back.interrupt();
    assert!(back.is_paused());
    assert_eq!(back.time_left_ms(t(3_600_000)), Some(25_000));
    assert!(back.resume(t(3_600_000)));
    back.reveal(&tf("b", false), t(3_601_000));
    assert_eq!(points(&back), vec![2, 2, 0]);
    assert_eq!(
        back.display_order(0, &single("a", 4, 0)),
        s.display_order(0, &single("a", 4, 0))
    );
}

#[test]
fn inconsistent_files_are_caught() {
    let mut s = session(Scoring::default());
    assert!(s.is_consistent());
    s.rounds[0].entries.pop();
    assert!(!s.is_consistent());
    let mut s = session(Scoring::default());
    s.rounds.clear();
    assert!(!s.is_consistent());
    let mut s = session(Scoring::default());
    s.rounds[0].question_id = "z".into();
    assert!(!s.is_consistent());
}

#[test]
fn finishing_early_and_after_the_last_question() {
    let mut s = session(Scoring::default());
    assert!(!s.finish_early(t(1_000)), "the question is still open");
    assert_eq!(s.next(t(1_000)), Advance::NotRevealed);
    s.reveal(&tf("a", true), t(2_000));
    assert!(s.finish_early(t(3_000)));
    assert!(s.is_finished());
    assert!(!s.undo_last_scoring(t(4_000)));
    assert_eq!(s.next(t(4_000)), Advance::Finished);
}

#[test]
fn questions_are_drawn_from_the_pool() {
    assert_eq!(
        draw_questions(&["a".into(), "b".into(), "c".into()], 2, 1).len(),
        2
    );
    assert_eq!(
        draw_questions(&["a".into(), "b".into()], 5, 1).len(),
        2,
        "never more than the pool"
    );
}
