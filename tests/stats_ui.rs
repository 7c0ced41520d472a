//! The statistics screen on ratatui's TestBackend, from a hand-built progress with fixed dates.

use conseil::content::load::{Catalog, read_document};
use conseil::domain::progress::Progress;
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::AnswerRecord;
use conseil::domain::stats::Stats;
use conseil::tui::action::Action;
use conseil::tui::screens::Screen;
use conseil::tui::screens::stats::StatsScreen;
use insta::assert_snapshot;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan, Zoned};
use ratatui::crossterm::event::KeyCode;

const MODULE: &str = include_str!("fixtures/ui/module.json");
const STATS_MODULE: &str = include_str!("fixtures/stats/essai-stats.json");

fn catalog() -> Catalog {
    Catalog::from_reports(vec![
        read_document("module.json", MODULE.as_bytes()),
        read_document("essai-stats.json", STATS_MODULE.as_bytes()),
    ])
}

/// Wednesday 4 March 2026, noon, in UTC so that days do not depend on the machine.
fn now() -> Zoned {
    date(2026, 3, 4)
        .at(12, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .expect("valid date")
}

fn at(day: Date, minutes: i64) -> Timestamp {
    day.at(9, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .expect("valid date")
        .timestamp()
        + SignedDuration::from_mins(minutes)
}

fn record(progress: &mut Progress, module: &str, id: &str, right: bool, when: Timestamp) {
    let answer = support::true_false_answer(id, right, when, 4000);
    progress.record_answer(module, &answer, &TimeZone::UTC);
}

/// Twelve weeks of practice, lighter at first and steadier lately, with a few questions
/// always missed and a week off.
fn progress() -> Progress {
    let ui = [
        "ui.single",
        "ui.multiple",
        "ui.tf",
        "ui.short",
        "ui.numeric",
        "ui.order",
        "ui.match",
        "ui.open",
    ];
    let stats = ["stats.q1", "stats.q2", "stats.q3"];
    let mut p = Progress::new();
    let first = date(2025, 12, 15);
    for d in 0..80_i64 {
        let day = first.checked_add(d.days()).expect("valid date");
        // No answer in the week of 5 January: the curve shows a gap there.
        if (21..28).contains(&d) {
            continue;
        }
        let weekday = usize::try_from((d * 5 + d / 7) % 7).expect("not negative");
        let count = [0, 2, 6, 11, 3, 0, 1][weekday];
        for k in 0..count {
            let i = usize::try_from(d + k).expect("not negative");
            let (module, id) = if i.is_multiple_of(3) {
                ("essai-stats", stats[i % stats.len()])
            } else {
                ("essai-ui", ui[i % ui.len()])
            };
            // The match question and stats.q2 are always missed; the others mostly right,
            // better as the weeks go by.
            let right = !matches!(id, "ui.match" | "stats.q2") && (d + k) % (2 + d / 20) != 0;
            record(&mut p, module, id, right, at(day, k));
        }
    }
    p
}

mod support;

use support::ScreenFixture as Fixture;

fn fixture() -> Fixture {
    Fixture::new(catalog())
}

/// The statistics screen of `progress`.
fn stats_screen(f: &Fixture, progress: &Progress) -> Screen {
    Screen::Stats(StatsScreen::new(Stats::compute(
        progress,
        &f.catalog.modules,
        &now(),
    )))
}

#[test]
fn stats_at_80x24_scroll_through_every_section() {
    let f = fixture();
    let mut screen = stats_screen(&f, &progress());
    let top = f.draw(&screen, 80, 24);
    for words in [
        "Maîtrise par module",
        "5/10",
        "50 %",
        "lun.",
        "dim.",
        "10+ réponses",
    ] {
        assert!(top.contains(words), "« {words} » missing:\n{top}");
    }
    assert_snapshot!("stats_80x24", top);

    f.key(&mut screen, KeyCode::Down);
    let down = f.draw(&screen, 80, 24);
    assert!(!down.contains("239 réponses ·"), "one line up: {down}");

    f.key(&mut screen, KeyCode::PageDown);
    f.key(&mut screen, KeyCode::End);
    let end = f.draw(&screen, 80, 24);
    for words in [
        "Réussite par semaine",
        "semaine du 02/03 : 89 % sur 9 réponses (8 justes)",
        "Questions les plus fragiles",
        "0 % sur 18 réponses · Associez chaque interlocuteur",
    ] {
        assert!(end.contains(words), "« {words} » missing:\n{end}");
    }
    assert_snapshot!("stats_80x24_end", end);

    // Past the end nothing moves; back to the top with Home.
    f.key(&mut screen, KeyCode::Down);
    f.key(&mut screen, KeyCode::PageDown);
    assert_eq!(f.draw(&screen, 80, 24), end);
    f.key(&mut screen, KeyCode::Home);
    assert_eq!(f.draw(&screen, 80, 24), top);
    assert_eq!(f.key(&mut screen, KeyCode::Char('q')), Some(Action::Back));
    assert_eq!(f.key(&mut screen, KeyCode::Esc), Some(Action::Back));
}

#[test]
fn stats_at_140x45_in_two_columns() {
    let f = fixture();
    let screen = stats_screen(&f, &progress());
    let shown = f.draw(&screen, 140, 45);
    for words in [
        "Maîtrise par module",
        "Activité des 12 dernières semaines",
        "░ 0 · ▒ 1–4 · ▓ 5–9 · █ 10+ réponses par jour",
        "Réussite par semaine",
        "semaine du 02/03",
        "Questions les plus fragiles",
    ] {
        assert!(shown.contains(words), "« {words} » missing:\n{shown}");
    }
    let border = shown.lines().nth(43).expect("bottom border");
    assert!(
        !border.contains('%'),
        "everything fits: no scroll position\n{shown}"
    );
    assert_snapshot!("stats_140x45", shown);
}

#[test]
fn stats_without_any_answer_say_so() {
    let f = fixture();
    let shown = f.draw(&stats_screen(&f, &Progress::new()), 80, 24);
    assert!(shown.contains("Aucune réponse pour l’instant"), "{shown}");
    assert!(shown.contains("0/10"), "{shown}");
    assert!(shown.contains("0 %"), "{shown}");
    let wide = f.draw(&stats_screen(&f, &Progress::new()), 140, 45);
    assert!(wide.contains("Rien pour l’instant."), "{wide}");
}

/// The whole numbers written just before each `marker` in `text` (« 64 » in « 64 % de
/// réussite »), in order.
fn numbers_before(text: &str, marker: &str) -> Vec<u32> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let before = text[..i].trim_end();
            let digits: String = before
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// The part of `text` from `from` to the next `to`.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).expect("the start");
    let end = text[start..].find(to).map_or(text.len(), |e| start + e);
    &text[start..end]
}

/// The statistics screen in one column with the whole page in view: every figure at once.
fn whole_screen(f: &Fixture, stats: Stats) -> String {
    let shown = f.draw(&Screen::Stats(StatsScreen::new(stats)), 99, 160);
    // Lines wrapped by the screen are joined again, borders aside.
    shown
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == '│').trim_end())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_screen_and_conseil_stats_give_the_same_numbers() {
    // Partly right answers too, and a stage ahead: every kind of figure.
    let mut p = progress();
    for (minutes, score) in [(0, 0.5), (1, 0.25), (2, 0.75)] {
        let answer = AnswerRecord {
            question_id: "ui.multiple".into(),
            response: Response::Choices(vec![0]),
            score,
            verdict: Verdict::Partial,
            answered_at: at(date(2026, 3, 3), minutes),
            duration_ms: 5000,
        };
        p.record_answer("essai-ui", &answer, &TimeZone::UTC);
    }
    p.set_stage_date(Some(date(2026, 3, 20)), at(date(2026, 2, 1), 0));
    let tmp = tempfile::tempdir().expect("temp dir");
    let clock = conseil::clock::Clock::fixed(now().timestamp(), TimeZone::UTC);
    let mut opened = conseil::store::profiles::DataDir::at(tmp.path(), &clock)
        .open("défaut")
        .expect("opens");
    opened.progress = p.clone();
    opened.store.save(&p).expect("saves");
    drop(opened);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let output = support::conseil()
        .env("CONSEIL_NOW", "2026-03-04T12:00:00Z")
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("--content")
        .arg(fixtures.join("ui"))
        .arg("--content")
        .arg(fixtures.join("stats"))
        .arg("stats")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let command = String::from_utf8(output.stdout).expect("UTF-8");

    let catalog = Catalog::load(&[fixtures.join("ui"), fixtures.join("stats")]);
    let stats = Stats::compute(&p, &catalog.modules, &now());
    let f = Fixture::new(catalog);
    let screen = whole_screen(&f, stats.clone());

    // Success: once, the mean credit, the same in both.
    let success = numbers_before(&command, "% de réussite (");
    assert_eq!(success, numbers_before(&screen, "% de réussite ("));
    assert_eq!(
        format!("{} %", success[0]),
        conseil::words::percent(stats.success)
    );
    // This week's success, the same as the overall one would be over the same answers.
    let week = stats.weeks.last().expect("this week");
    let this_week = format!(
        "{} sur {} réponses",
        conseil::words::percent(week.success().expect("answers")),
        week.answers
    );
    assert!(screen.contains(&this_week), "{this_week}\n{screen}");
    assert!(
        command.contains(&format!(
            "{} réponses, {} de réussite",
            week.answers,
            conseil::words::percent(week.success().expect("answers"))
        )),
        "{command}"
    );
    // Mastery and predicted recall on the stage day, module by module, in the same order.
    let mastery = numbers_before(
        between(&command, "Maîtrise par module", "(maîtrisée :"),
        "%),",
    );
    assert_eq!(mastery.len(), stats.modules.len());
    assert_eq!(
        mastery,
        numbers_before(
            between(&screen, "Maîtrise par module", "Souvenir prévu"),
            "%"
        )
    );
    let recall_command = numbers_before(&command, "% retenu");
    assert_eq!(recall_command, numbers_before(&screen, "% retenu"));
    assert_eq!(recall_command.len(), stats.stage_recall.len());
    assert!(stats.stage_recall.iter().any(|m| m.recall > 0.0));
    // Today's plan, in the same words.
    let plan = conseil::words::plan_sentences(&stats.plan);
    assert!(command.contains(&plan), "{plan}\n{command}");
    assert!(screen.contains(&plan), "{plan}\n{screen}");
}

#[test]
fn the_stage_date_is_written_in_full() {
    let f = fixture();
    let mut progress = progress();
    // Monday 9 March 2026, five days after `now`.
    progress.set_stage_date(Some(date(2026, 3, 9)), now().timestamp());
    let shown = f.draw(&stats_screen(&f, &progress), 120, 40);
    assert!(
        shown.contains("stage ou examen le lundi 9 mars 2026, dans 5 jours (J-5)"),
        "{shown}"
    );
}
