//! The progress's unit tests: recording, sessions, migration, the review queue.

use super::*;
use crate::domain::question::Response;
use crate::domain::review::due_questions;
use crate::domain::testing::{answer, module, tf};
use jiff::civil::date;

pub(super) fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).expect("valid timestamp")
}

/// `hour` o'clock on `date`, in UTC.
fn at(date: Date, hour: i8) -> Timestamp {
    date.at(hour, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .expect("valid date")
        .timestamp()
}

pub(super) fn module_session(module: &str, ids: &[&str], start: Timestamp) -> QuizSession {
    QuizSession::new(
        SessionKind::Module {
            module_id: module.into(),
        },
        ids.iter().map(|s| (*s).to_owned()).collect(),
        7,
        start,
    )
}

#[test]
fn records_answers_once_and_in_time_order() {
    let mut p = Progress::new();
    let tz = TimeZone::UTC;
    // Sub-millisecond precision is cut, so the same answer read back is the same answer.
    let precise = t(20) + jiff::SignedDuration::from_nanos(123_456);
    assert!(p.record_answer("m", &answer("q", true, precise), &tz));
    assert!(!p.record_answer("m", &answer("q", true, precise), &tz));
    assert!(p.record_answer("m", &answer("q", false, t(10)), &tz));
    let q = p.question("q").expect("recorded");
    let times: Vec<Timestamp> = q.attempts.iter().map(|a| a.at).collect();
    assert_eq!(times, vec![t(10), to_millis(precise)]);
    // The older answer came late: the review still reflects the latest one.
    let review = q.review.expect("scheduled");
    assert_eq!(review.last_review, to_millis(precise));
    assert_eq!(review.reps, 1);
    assert_eq!(p.answer_count(), 2);
}

#[test]
fn finishing_a_module_quiz_keeps_best_and_last() {
    let mut p = Progress::new();
    let tz = TimeZone::UTC;
    let (a, b) = (tf("a", true), tf("b", true));
    let mut s1 = module_session("m", &["a", "b"], t(0));
    for (q, right) in [(&a, true), (&b, true)] {
        let outcome = s1.answer(q, Response::Bool(right), t(5), 100);
        assert!(outcome.is_some());
        let record = s1.answers.last().expect("answered").clone();
        p.record_answer("m", &record, &tz);
        p.keep_session(&s1);
    }
    assert_eq!(p.session(&s1.kind), Some(&s1));
    assert!(p.finish_session(&s1, t(10)));
    assert!(p.session(&s1.kind).is_none());
    let mut s2 = module_session("m", &["a", "b"], t(100));
    s2.answer(&a, Response::Bool(false), t(105), 100);
    assert!(p.finish_session(&s2, t(110)));
    let m = p.module("m").expect("scored");
    assert_eq!(m.best.map(|b| b.ratio()), Some(1.0));
    assert_eq!(m.last.map(|l| (l.ratio(), l.at)), Some((0.0, t(110))));
    // A quiz left without a single answer leaves no score.
    let s3 = module_session("m", &["a"], t(200));
    assert!(!p.finish_session(&s3, t(210)));
}

#[test]
fn lessons_settings_and_unfinished_report_changes() {
    let mut p = Progress::new();
    assert!(p.mark_lesson_read("m", "l1", t(0)));
    assert!(!p.mark_lesson_read("m", "l1", t(0)));
    assert!(p.is_lesson_read("m", "l1"));
    assert!(!p.is_lesson_read("m", "l2"));
    assert!(p.set_stage_date(Some(date(2026, 5, 4)), t(0)));
    assert!(!p.set_stage_date(Some(date(2026, 5, 4)), t(1)));
    assert_eq!(p.settings().changed_at, Some(t(0)));
    assert!(
        p.settings().stage_covers("n"),
        "no module listed: the stage covers all"
    );
    let stage = Settings {
        stage_modules: vec!["m".into()],
        ..Settings::default()
    };
    assert!(stage.stage_covers("m"));
    assert!(!stage.stage_covers("n"));
    assert!(p.set_stage_modules(vec!["m".into()], t(2)));
    assert!(!p.set_stage_modules(vec!["m".into()], t(3)));
    assert_eq!(p.settings().changed_at, Some(t(2)));
    assert!(!p.settings().stage_covers("n"));
    let s = module_session("m", &["a"], t(0));
    assert!(p.keep_session(&s));
    assert!(!p.keep_session(&s));
    assert!(p.drop_session(&s.kind));
    assert!(!p.drop_session(&s.kind));
}

#[test]
fn one_session_is_kept_per_activity() {
    let mut p = Progress::new();
    let quiz_m = module_session("m", &["a", "b"], t(0));
    let quiz_n = module_session("n", &["c"], t(10));
    let case = QuizSession::new(
        SessionKind::Case {
            module_id: "m".into(),
            case_id: "c1".into(),
        },
        vec!["s1".into()],
        3,
        t(20),
    );
    for s in [&quiz_m, &quiz_n, &case] {
        assert!(p.keep_session(s));
    }
    // A new quiz of module m takes the place of m's only.
    let again_m = module_session("m", &["b", "a"], t(30));
    assert!(p.keep_session(&again_m));
    let listed: Vec<&QuizSession> = p.sessions();
    assert_eq!(
        listed,
        vec![&again_m, &case, &quiz_n],
        "last worked on first"
    );
    // Finishing the old m quiz (another window's) leaves the new one alone.
    p.finish_session(&quiz_m, t(40));
    assert_eq!(p.session(&again_m.kind), Some(&again_m));
    let json = serde_json::to_string(&p).expect("serializes");
    assert!(json.contains(r#""case:m/c1":"#), "{json}");
}

#[test]
fn the_single_unfinished_quiz_of_older_files_joins_the_sessions() {
    let old = module_session("m", &["a", "b"], t(0));
    let mut value = serde_json::to_value(Progress::new()).expect("serializes");
    value["unfinished"] = serde_json::to_value(&old).expect("serializes");
    // A session stored under a wrong key is filed under its activity.
    let review = QuizSession::new(SessionKind::Review, vec!["q".into()], 1, t(5));
    value["sessions"] = serde_json::json!({ "nimporte": review });
    let p: Progress = serde_json::from_value(value.clone()).expect("reads");
    assert_eq!(p.session(&old.kind), Some(&old));
    assert_eq!(p.session(&SessionKind::Review), Some(&review));
    let json = serde_json::to_string(&p).expect("serializes");
    assert!(!json.contains("unfinished"), "{json}");
    let (salvaged, bad) = salvage(value).expect("salvages");
    assert!(bad.is_empty());
    assert_eq!(salvaged, p);
}

#[test]
fn a_round_trip_keeps_everything() {
    let mut p = Progress::new();
    let tz = TimeZone::UTC;
    p.record_answer("m", &answer("q1", true, t(1)), &tz);
    let mut partial = answer("q2", false, t(2));
    partial.score = 0.5;
    partial.verdict = Verdict::Partial;
    p.record_answer("m", &partial, &tz);
    p.mark_lesson_read("m", "l1", t(0));
    p.set_stage_date(Some(date(2026, 5, 4)), t(3));
    p.keep_session(&module_session("m", &["q1", "q2"], t(4)));
    let json = serde_json::to_string(&p).expect("serializes");
    assert!(
        json.contains(&format!(
            r#""attempts":"{} 0.5 1 1500""#,
            t(2).as_millisecond()
        )),
        "{json}"
    );
    let mut back = migrate(serde_json::from_str(&json).expect("json")).expect("reads");
    // The module quiz is kept by its seed: its questions come back from the content.
    back.draw_sessions(|_, _| Some(vec!["q1".into(), "q2".into()]));
    assert_eq!(back, p);
}

#[test]
fn a_format_1_document_reads_as_the_same_progress_in_format_2() {
    let mut p = Progress::new();
    let tz = TimeZone::UTC;
    p.record_answer("m", &answer("q1", true, t(1)), &tz);
    p.record_answer("m", &answer("q1", false, t(2)), &tz);
    let mut v1 = serde_json::to_value(&p).expect("serializes");
    v1["format_version"] = 1.into();
    v1["questions"]["q1"]["attempts"] = serde_json::json!([
        [t(1).as_millisecond(), 1.0, 2, 1500],
        [t(2).as_millisecond(), 0.0, 0, 1500]
    ]);
    let upgraded = upgrade(v1.clone()).expect("upgrades");
    assert_eq!(upgraded["format_version"], 2);
    assert_eq!(migrate(v1).expect("reads"), p);
    // One bad answer in a format 2 string is set aside alone, with where it stood.
    let mut damaged = serde_json::to_value(&p).expect("serializes");
    damaged["questions"]["q1"]["attempts"] = format!(
        "{} 1 2 1500;{} 7 0 1500",
        t(1).as_millisecond(),
        t(2).as_millisecond()
    )
    .into();
    let (kept, bad) = salvage(damaged).expect("salvages");
    assert_eq!(kept.answer_count(), 1);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].0, "questions.q1.attempts[1]");
    assert_eq!(
        bad[0].1,
        serde_json::json!(format!("{} 7 0 1500", t(2).as_millisecond()))
    );
}

#[test]
fn migrate_refuses_newer_and_non_progress_documents() {
    let newer = serde_json::json!({"format_version": 3, "anything": true});
    assert!(matches!(
        migrate(newer),
        Err(MigrateError::Newer { found: 3 })
    ));
    assert!(matches!(
        migrate(serde_json::json!([1, 2])),
        Err(MigrateError::NoVersion)
    ));
    assert!(matches!(
        migrate(serde_json::json!({"format_version": 0})),
        Err(MigrateError::NoVersion)
    ));
    let bad = serde_json::json!({"format_version": 1, "questions": {"q": {
        "module_id": "m", "attempts": [[0, 1.5, 2, 0]]}}});
    let err = migrate(bad).expect_err("score out of range");
    assert!(err.to_string().contains("score hors de 0 à 1"), "{err}");
    let bad = serde_json::json!({"format_version": 1, "questions": {"q": {
        "module_id": "m", "attempts": [[0, 1.0, 7, 0]]}}});
    assert!(migrate(bad).is_err());
    assert!(
        migrate(serde_json::json!({"format_version": 1}))
            .expect("minimal")
            .questions()
            .is_empty()
    );
}

#[test]
fn due_questions_most_overdue_first_across_modules() {
    let modules = vec![module("a", &["a1", "a2"]), module("b", &["b1", "b2"])];
    let mut p = Progress::new();
    let tz = TimeZone::UTC;
    p.record_answer("a", &answer("a1", true, at(date(2026, 3, 1), 10)), &tz);
    p.record_answer("b", &answer("b1", false, at(date(2026, 3, 1), 11)), &tz);
    p.record_answer("a", &answer("a2", true, at(date(2026, 3, 5), 10)), &tz);
    // A question gone from the content is never due.
    p.record_answer("a", &answer("gone", false, at(date(2026, 3, 1), 9)), &tz);
    let now = at(date(2026, 3, 4), 12).to_zoned(tz.clone());
    let due = due_questions(&p, &modules, &now);
    let ids: Vec<&str> = due.iter().map(|d| d.question.id()).collect();
    // b1 missed on the 1st is due the next day; a1 right on the 1st, two days later.
    assert_eq!(ids, vec!["b1", "a1"]);
    assert_eq!(due[0].module.id, "b");
    assert!(due.iter().all(|d| !d.new));
    assert!(due_questions(&p, &modules, &at(date(2026, 3, 1), 11).to_zoned(tz)).is_empty());
}

#[test]
fn the_stage_plan_spreads_unseen_questions_over_the_days_left() {
    let ids: Vec<String> = (0..10).map(|i| format!("s{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let modules = vec![module("stage", &id_refs), module("hors", &["h1"])];
    let tz = TimeZone::UTC;
    let mut p = Progress::new();
    let t0 = at(date(2026, 3, 2), 8);
    p.settings = Settings {
        stage_date: Some(date(2026, 3, 9)),
        stage_modules: vec!["stage".into()],
        changed_at: Some(t0),
        ..Settings::default()
    };
    // 10 unseen, 7 days left, the last 2 kept for reviews: 2 a day, from the start of the
    // day, in content order.
    let now = at(date(2026, 3, 2), 9).to_zoned(tz.clone());
    let due = due_questions(&p, &modules, &now);
    let ids: Vec<&str> = due.iter().map(|d| d.question.id()).collect();
    assert_eq!(ids, vec!["s0", "s1"]);
    assert!(
        due.iter()
            .all(|d| d.new && d.due == at(date(2026, 3, 2), 0))
    );
    // Once today's share is met, no more new ones today.
    p.record_answer("stage", &answer("s0", true, at(date(2026, 3, 2), 9)), &tz);
    p.record_answer("stage", &answer("s1", true, at(date(2026, 3, 2), 10)), &tz);
    let later = at(date(2026, 3, 2), 11).to_zoned(tz.clone());
    assert!(due_questions(&p, &modules, &later).is_empty());
    // Skipping days raises the share: 8 left over 2 days.
    let later_day = at(date(2026, 3, 5), 9).to_zoned(tz.clone());
    let due = due_questions(&p, &modules, &later_day);
    let new: Vec<&str> = due
        .iter()
        .filter(|d| d.new)
        .map(|d| d.question.id())
        .collect();
    assert_eq!(new, vec!["s2", "s3", "s4", "s5"]);
    // Reviews due earlier come first.
    assert!(!due[0].new);
    // In the last two days, and on the day itself, every unseen question is due.
    let eve = at(date(2026, 3, 8), 9).to_zoned(tz.clone());
    assert_eq!(
        due_questions(&p, &modules, &eve)
            .iter()
            .filter(|d| d.new)
            .count(),
        8
    );
    let day = at(date(2026, 3, 9), 9).to_zoned(tz.clone());
    assert_eq!(
        due_questions(&p, &modules, &day)
            .iter()
            .filter(|d| d.new)
            .count(),
        8
    );
    // After the stage, the plan stops.
    let after = at(date(2026, 3, 10), 9).to_zoned(tz);
    assert!(due_questions(&p, &modules, &after).iter().all(|d| !d.new));
}
