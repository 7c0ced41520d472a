//! The group quiz screens on ratatui's TestBackend, driven by the trainer's keys, checked
//! against insta snapshots at 80×24 and at 160×45 (a projector).

use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::domain::group::letter;
use conseil::domain::question::Question;
use conseil::store::group::GroupStore;
use conseil::store::profiles::DataDir;
use conseil::tui::app::App;
use conseil::tui::screens::Screen;
use conseil::tui::screens::group::GroupScreen;
use conseil::tui::screens::group::play::{PlayScreen, View};
use conseil::tui::theme::Theme;
use insta::assert_snapshot;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MODULE: &str = include_str!("fixtures/group/groupe.json");
/// A question of every kind, two of them in a case.
const SALLE: &str = include_str!("fixtures/group/salle/salle.json");

/// The app, its clock (moved by hand) and its data folder. The folder is relative to the
/// package so that the paths shown on the podium are the same on every machine.
struct Room {
    app: App,
    clock: Rc<Cell<Timestamp>>,
    data: PathBuf,
}

fn t0() -> Timestamp {
    Timestamp::from_second(1_795_000_000).expect("valid time")
}

fn room(name: &str) -> Room {
    room_with(name, MODULE)
}

/// The setup open on a fresh data folder, over the module `module`.
fn room_with(name: &str, module: &str) -> Room {
    let data = PathBuf::from("target/tmp/group_ui").join(name);
    let _ = std::fs::remove_dir_all(&data);
    let mut room = reopen_with(&data, t0(), module);
    room.app.open_group(false).expect("setup opens");
    room
}

/// A new app on the data folder `data`, as after a restart.
fn reopen(data: &std::path::Path, at: Timestamp) -> Room {
    reopen_with(data, at, MODULE)
}

fn reopen_with(data: &std::path::Path, at: Timestamp, module: &str) -> Room {
    let catalog = Catalog::from_reports(vec![read_document("module.json", module.as_bytes())]);
    let clock = Rc::new(Cell::new(at));
    let read = Rc::clone(&clock);
    let clock_for_app = Clock::new(move || read.get(), TimeZone::UTC);
    let data_dir = DataDir::at(data, &clock_for_app);
    let app = App::new(catalog, Theme::monochrome(), Some(11), clock_for_app)
        .with_group_store(GroupStore::new(&data_dir, None));
    Room {
        app,
        clock,
        data: data.to_owned(),
    }
}

impl Room {
    fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn keys(&mut self, codes: &[KeyCode]) {
        for code in codes {
            self.key(*code);
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Moves the clock on by `secs` seconds and lets the screen see it.
    fn wait(&mut self, secs: i64) {
        self.clock
            .set(self.clock.get() + SignedDuration::from_secs(secs));
        self.app.tick();
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal.draw(|frame| self.app.draw(frame)).expect("draw");
        terminal.backend().to_string()
    }

    fn play(&self) -> &PlayScreen {
        match self.app.screen() {
            Screen::Group(g) => match g.as_ref() {
                GroupScreen::Play(p) => p,
                GroupScreen::Setup(_) => panic!("still on the setup"),
            },
            _ => panic!("not on the group quiz"),
        }
    }

    fn question(&self) -> Question {
        let id = self
            .play()
            .session
            .current()
            .expect("a question")
            .question_id
            .clone();
        self.app.catalog.modules[0]
            .all_questions()
            .find(|q| q.id() == id)
            .cloned()
            .expect("question of the fixture")
    }

    /// The letter shown for the option at content index `i` of the question on screen.
    fn letter_of(&self, i: usize) -> String {
        let session = &self.play().session;
        let order = session.display_order(session.position(), &self.question());
        letter(order.iter().position(|&o| o == i).expect("shown"))
    }

    /// Enters `team`'s answer (1 for the first team) with the keys a trainer uses.
    fn answer(&mut self, team: u32, right: bool) {
        let question = self.question();
        self.type_text(&team.to_string());
        match &question {
            Question::Single(c) => {
                let session = &self.play().session;
                let order = session.display_order(session.position(), &question);
                let target = if right {
                    c.correct[0]
                } else {
                    c.correct[0] + 1
                };
                let shown = order.iter().position(|&i| i == target).expect("shown");
                self.type_text(&letter(shown));
            }
            Question::TrueFalse(tf) => {
                self.type_text(if tf.answer == right { "v" } else { "f" });
            }
            Question::Numeric(_) => {
                self.type_text(if right { "15 000" } else { "1500" });
                self.key(KeyCode::Enter);
            }
            Question::Short(_) => {
                self.type_text(if right {
                    "médecin traitant"
                } else {
                    "l’employeur"
                });
                self.key(KeyCode::Enter);
            }
            other => panic!("unexpected kind {}", other.kind_name()),
        }
    }

    /// From the setup: the fixture module picked, speed bonus and double last question on,
    /// then launched.
    fn launch(&mut self) {
        self.keys(&[KeyCode::Tab, KeyCode::Char(' '), KeyCode::Tab]);
        self.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Char(' ')]);
        self.keys(&[KeyCode::Down, KeyCode::Char(' ')]);
        self.key(KeyCode::Char('l'));
        assert_eq!(self.play().view(), View::Answering);
    }

    /// Plays the current question: team 1 right first, team 2 right then, team 3 wrong;
    /// then reveal and the scoreboard.
    fn play_question(&mut self) {
        self.answer(1, true);
        self.answer(2, true);
        self.answer(3, false);
        self.key(KeyCode::Char('r'));
        assert_eq!(self.play().view(), View::Revealed);
        self.key(KeyCode::Enter);
        assert_eq!(self.play().view(), View::Scoreboard);
    }
}

#[test]
fn setup_screen() {
    let mut room = room("setup");
    room.keys(&[KeyCode::Tab, KeyCode::Right, KeyCode::Char(' ')]);
    let shown = room.screen(80, 24);
    assert!(shown.contains("[x] Quiz de groupe d’essai"), "{shown}");
    assert!(shown.contains("Ctrl +"), "how to zoom: {shown}");
    assert_snapshot!("group_setup_80x24", shown);
    assert_snapshot!("group_setup_160x45", room.screen(160, 45));
}

#[test]
fn team_names_refuse_personal_data() {
    let mut room = room("names");
    // Rename the first team to an e-mail address: refused, the old name stays.
    room.key(KeyCode::Enter);
    for _ in 0..10 {
        room.key(KeyCode::Backspace);
    }
    room.type_text("jean.dupont@exemple.fr");
    room.key(KeyCode::Enter);
    let shown = room.screen(80, 24);
    assert!(shown.contains("adresse électronique"), "{shown}");
    room.key(KeyCode::Esc);
    room.keys(&[KeyCode::Enter]);
    for _ in 0..10 {
        room.key(KeyCode::Backspace);
    }
    room.type_text("06 12 34 56 78");
    room.key(KeyCode::Enter);
    assert!(room.screen(80, 24).contains("numéro de téléphone"));
    room.key(KeyCode::Esc);
    // Another team's name is refused too; a pseudonym is taken.
    room.key(KeyCode::Enter);
    for _ in 0..10 {
        room.key(KeyCode::Backspace);
    }
    room.type_text("renards");
    room.key(KeyCode::Enter);
    assert!(
        room.screen(80, 24)
            .contains("Une autre équipe porte déjà ce nom")
    );
    room.key(KeyCode::Backspace);
    room.type_text("s du désert");
    room.key(KeyCode::Enter);
    let shown = room.screen(80, 24);
    assert!(shown.contains("1 renards du désert"), "{shown}");
    // Two teams at least, eight at most.
    room.keys(&[KeyCode::Delete, KeyCode::Delete]);
    assert!(room.screen(80, 24).contains("2 équipes au moins"));
    for _ in 0..7 {
        room.key(KeyCode::Char('+'));
    }
    assert!(room.screen(80, 24).contains("8 équipes au plus"));
    // Launching without a question says so.
    room.key(KeyCode::Char('l'));
    assert!(room.screen(80, 24).contains("Cochez au moins un module"));
}

#[test]
fn presenter_and_entry() {
    let mut room = room("presenter");
    room.launch();
    room.wait(8);
    let shown = room.screen(80, 24);
    assert!(shown.contains("22 secondes restantes"), "{shown}");
    assert!(shown.contains("Question 1 sur 4"), "{shown}");
    assert_snapshot!("group_presenter_80x24", shown);
    assert_snapshot!("group_presenter_160x45", room.screen(160, 45));

    room.answer(1, true);
    room.key(KeyCode::Char('2'));
    room.wait(14);
    let shown = room.screen(80, 24);
    assert!(shown.contains("Plus que 8 secondes"), "{shown}");
    assert!(shown.contains("Réponses 1/3"), "{shown}");
    assert_snapshot!("group_entry_80x24", shown);
    assert_snapshot!("group_entry_160x45", room.screen(160, 45));
    room.key(KeyCode::Esc);
    room.wait(4);
    assert!(room.screen(80, 24).contains("Plus que 4 secondes"));
    room.wait(10);
    assert!(room.screen(80, 24).contains("Temps écoulé"));
}

#[test]
fn pause_stops_the_clock() {
    let mut room = room("pause");
    room.launch();
    room.wait(5);
    room.key(KeyCode::Char('p'));
    room.wait(60);
    let shown = room.screen(80, 24);
    assert!(shown.contains("en pause"), "{shown}");
    room.key(KeyCode::Char('p'));
    room.wait(1);
    assert!(room.screen(80, 24).contains("24 secondes restantes"));
}

#[test]
fn correction_reveal_undo_and_scoreboard() {
    let mut room = room("reveal");
    room.launch();
    room.answer(1, true);
    room.answer(2, false);
    // Team 2 had in fact answered right: the trainer types its answer again.
    room.answer(2, true);
    room.key(KeyCode::Char('r'));
    let shown = room.screen(80, 24);
    assert!(shown.contains("2 équipes sur 3 ont trouvé"), "{shown}");
    assert!(shown.contains("+2 points (dont 1 de rapidité)"), "{shown}");
    assert!(shown.contains("pas de réponse"), "{shown}");
    assert_snapshot!("group_reveal_80x24", shown);
    assert_snapshot!("group_reveal_160x45", room.screen(160, 45));

    room.key(KeyCode::Enter);
    let shown = room.screen(80, 24);
    assert!(shown.contains("1er"), "{shown}");
    assert!(shown.contains("2 points · 1 juste"), "{shown}");
    assert_snapshot!("group_scoreboard_80x24", shown);
    assert_snapshot!("group_scoreboard_160x45", room.screen(160, 45));

    // The last scoring is taken back: the question is open again, nobody has points.
    room.key(KeyCode::Char('u'));
    assert_eq!(room.play().view(), View::Answering);
    assert!(
        room.play()
            .session
            .standings()
            .iter()
            .all(|s| s.points == 0)
    );
    room.answer(3, true);
    room.key(KeyCode::Char('r'));
    assert!(room.screen(80, 24).contains("3 équipes sur 3 ont trouvé"));
    // From the next question too, as long as nobody has answered it.
    room.keys(&[KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(room.play().session.position(), 1);
    room.key(KeyCode::Char('u'));
    assert_eq!(room.play().session.position(), 0);
    assert_eq!(room.play().view(), View::Answering);
}

#[test]
fn podium_debrief_and_export() {
    let mut room = room("podium");
    room.launch();
    for _ in 0..4 {
        room.play_question();
        room.key(KeyCode::Enter);
    }
    assert_eq!(room.play().view(), View::Podium);
    let shown = room.screen(80, 24);
    assert!(shown.contains("Questions les plus manquées"), "{shown}");
    assert!(shown.contains("Résultats et bilan enregistrés"), "{shown}");
    assert_snapshot!("group_podium_80x24", shown);
    assert_snapshot!("group_podium_160x45", room.screen(160, 45));
    let written = |ext: &str| {
        let path = std::fs::read_dir(room.data.join("group"))
            .expect("group folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.extension().is_some_and(|e| e == ext)
                    && p.to_string_lossy().contains("resultats-groupe-")
            })
            .unwrap_or_else(|| panic!("a .{ext} file"));
        std::fs::read_to_string(path).expect("readable")
    };
    let csv = written("csv");
    // One row a team and a question, the answer in the room's letters and in words.
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 12, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.contains(";Hiboux;") && r.contains(" — Un an;oui;2;1;")),
        "{csv}"
    );
    assert!(
        rows.iter()
            .filter(|r| r.contains(";Loutres;"))
            .all(|r| r.contains(";non;0;0;")),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&written("json")).expect("JSON");
    // Team 1 always first and right: (1+1) × 3 + (1+1) × 2; team 2 right after it: 1 × 3 + 2.
    let points: Vec<(String, u64)> = json["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap_or("").to_owned(),
                t["points"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        points,
        vec![
            ("Hiboux".into(), 10),
            ("Renards".into(), 5),
            ("Loutres".into(), 0)
        ]
    );
    assert!(written("md").contains("| 1er | Hiboux | 10 | 4 sur 4 |"));
    assert!(written("html").contains("<td>Hiboux</td><td>10</td>"));
}

#[test]
fn a_session_resumes_where_it_stopped() {
    let mut room = room("resume");
    room.launch();
    room.play_question();
    room.key(KeyCode::Enter);
    room.wait(7);
    room.answer(1, true);
    room.wait(5);
    let position = room.play().session.position();
    // The laptop is closed: nothing but the saved file survives.
    let mut later = reopen(&room.data, room.clock.get() + SignedDuration::from_hours(1));
    drop(room);
    later.app.open_group(true).expect("resumes");
    assert_eq!(later.play().session.position(), position);
    assert_eq!(later.play().session.current().expect("round").answered(), 1);
    later.app.tick();
    let shown = later.screen(80, 24);
    assert!(shown.contains("en pause"), "{shown}");
    // The clock stopped at the last save (seven seconds in), not an hour later.
    assert!(later.play().session.is_paused());
    later.key(KeyCode::Char('p'));
    later.app.tick();
    let shown = later.screen(80, 24);
    assert!(shown.contains("23 secondes restantes"), "{shown}");
    // The window is closed; from the home screen, the setup offers the saved session.
    let data = later.data.clone();
    let at = later.clock.get();
    drop(later);
    let mut again = reopen(&data, at);
    again.app.open_group(false).expect("setup");
    let shown = again.screen(80, 24);
    assert!(
        shown.contains("Une session de groupe n’est pas terminée (question 2/4, 3 équipes)"),
        "{shown}"
    );
    again.key(KeyCode::Char('r'));
    assert_eq!(again.play().session.position(), 1);
}

#[test]
fn nothing_to_resume_is_an_error() {
    let data = PathBuf::from("target/tmp/group_ui/none");
    let _ = std::fs::remove_dir_all(&data);
    let mut room = reopen(&data, t0());
    let err = room.app.open_group(true).expect_err("nothing saved");
    assert!(err.to_string().contains("Aucune session"), "{err}");
}

#[test]
fn home_opens_the_group_setup() {
    let data = PathBuf::from("target/tmp/group_ui/home");
    let _ = std::fs::remove_dir_all(&data);
    let mut room = reopen(&data, t0());
    for _ in 0..10 {
        if room
            .screen(80, 24)
            .contains("▶ Quiz de groupe (formateurs)")
        {
            break;
        }
        room.key(KeyCode::Down);
    }
    room.key(KeyCode::Enter);
    assert!(room.screen(80, 24).contains("Quiz de groupe — préparation"));
}

#[test]
fn quitting_and_finishing_ask_first() {
    let mut room = room("confirm");
    room.launch();
    room.key(KeyCode::Char('q'));
    assert!(room.screen(80, 24).contains("Quitter le quiz de groupe ?"));
    room.key(KeyCode::Char('n'));
    assert_eq!(room.play().view(), View::Answering);
    room.play_question();
    room.key(KeyCode::Char('t'));
    let shown = room.screen(80, 24);
    assert!(shown.contains("Terminer le quiz maintenant ?"), "{shown}");
    room.key(KeyCode::Esc);
    assert_eq!(room.play().view(), View::Scoreboard);
    room.keys(&[KeyCode::Char('t'), KeyCode::Char('o')]);
    assert_eq!(room.play().view(), View::Podium);
    // Over and saved: the podium is left without a question.
    room.key(KeyCode::Char('q'));
    assert!(matches!(room.app.screen(), Screen::Home(_)));
}

#[test]
fn the_trainer_adds_time_and_ends_the_countdown() {
    let mut room = room("timer");
    room.launch();
    room.wait(10);
    assert!(room.screen(80, 24).contains("20 secondes restantes"));
    room.key(KeyCode::Char('+'));
    assert!(room.screen(80, 24).contains("35 secondes restantes"));
    room.key(KeyCode::Char('s'));
    room.wait(3);
    assert!(room.screen(80, 24).contains("Temps écoulé"));
    // The cards shown at the end of the time are still entered.
    room.answer(1, true);
    assert_eq!(room.play().session.current().expect("round").answered(), 1);
    room.key(KeyCode::Char('+'));
    room.wait(5);
    assert!(room.screen(80, 24).contains("Plus que 10 secondes"));
}

#[test]
fn the_report_is_read_from_the_podium() {
    let mut room = room("report");
    room.launch();
    for _ in 0..4 {
        room.play_question();
        room.key(KeyCode::Enter);
    }
    room.key(KeyCode::Char('b'));
    assert_eq!(room.play().view(), View::Report);
    let shown = room.screen(80, 24);
    assert!(shown.contains("Classement"), "{shown}");
    assert_snapshot!("group_report_80x24", shown);
    assert_snapshot!("group_report_160x45", room.screen(160, 45));
    room.key(KeyCode::Char('q'));
    assert_eq!(room.play().view(), View::Podium);
}

#[test]
fn tied_teams_share_the_podium_and_are_all_named() {
    let mut room = room("ties");
    // A fourth team; no bonus, so that teams right alike tie.
    room.key(KeyCode::Char('+'));
    room.keys(&[KeyCode::Tab, KeyCode::Char(' ')]);
    room.key(KeyCode::Char('l'));
    for _ in 0..4 {
        for team in 1..=4 {
            room.answer(team, team != 4);
        }
        room.keys(&[KeyCode::Char('r'), KeyCode::Enter, KeyCode::Enter]);
    }
    assert_eq!(room.play().view(), View::Podium);
    let shown = room.screen(80, 24);
    // Three teams first together, all named on the one step; the fourth is off the podium.
    for name in ["Hiboux", "Renards", "Loutres"] {
        assert!(shown.contains(name), "{name}: {shown}");
    }
    assert!(shown.contains("1er ex æquo"), "{shown}");
    assert_snapshot!("group_podium_ties_80x24", shown);
    assert_snapshot!("group_podium_ties_160x45", room.screen(160, 45));
}

#[test]
fn every_kind_plays_in_the_room() {
    let mut room = room_with("kinds", SALLE);
    room.keys(&[KeyCode::Tab, KeyCode::Char(' ')]);
    room.key(KeyCode::Char('l'));
    let mut seen = Vec::new();
    for _ in 0..10 {
        if room.play().view() == View::Narrative {
            let shown = room.screen(80, 24);
            assert!(shown.contains("Madame D."), "{shown}");
            assert!(shown.contains("Un arrêt qui se prolonge"), "{shown}");
            if !seen.contains(&"narrative") {
                assert_snapshot!("group_narrative_80x24", shown);
                assert_snapshot!("group_narrative_160x45", room.screen(160, 45));
                seen.push("narrative");
            }
            room.key(KeyCode::Enter);
        }
        let question = room.question();
        match &question {
            Question::Match(m) => {
                // The team says the letter of each numbered item's partner.
                let rights = m.right_options();
                let code: String = m
                    .pairs
                    .iter()
                    .map(|p| {
                        room.letter_of(rights.iter().position(|r| *r == p.right).expect("partner"))
                    })
                    .collect();
                assert_snapshot!("group_match_80x24", room.screen(80, 24));
                room.type_text(&format!("1{code}"));
                room.key(KeyCode::Enter);
            }
            Question::Order(o) => {
                let code: String = (0..o.items.len()).map(|i| room.letter_of(i)).collect();
                room.type_text(&format!("1{code}"));
                room.key(KeyCode::Enter);
            }
            Question::Short(_) => {
                room.type_text("1elsm");
                room.key(KeyCode::Enter);
            }
            Question::Multiple(c) => {
                let code: String = c.correct.iter().map(|&i| room.letter_of(i)).collect();
                room.type_text(&format!("1{code}"));
                room.key(KeyCode::Enter);
            }
            Question::Numeric(_) => {
                room.type_text("11 an");
                room.key(KeyCode::Enter);
            }
            Question::Single(c) => {
                let code = room.letter_of(c.correct[0]);
                room.type_text(&format!("1{code}"));
            }
            Question::TrueFalse(_) => room.type_text("1v"),
            Question::Open(_) => {
                // Nothing to enter: digits do not open an entry.
                room.type_text("1");
                assert!(!room.app.screen().takes_text());
            }
        }
        room.key(KeyCode::Char('r'));
        if let Question::Open(_) = question {
            let shown = room.screen(80, 24);
            assert!(shown.contains("Réponse modèle"), "{shown}");
            assert!(shown.contains("ne compte pas de points"), "{shown}");
            assert_snapshot!("group_open_reveal_80x24", shown);
        }
        room.keys(&[KeyCode::Enter, KeyCode::Enter]);
    }
    assert_eq!(room.play().view(), View::Podium);
    // Team 1 right on the nine scored questions (« 1 an » is read as 1), the discussion
    // scores nothing.
    let standings = room.play().session.standings();
    assert_eq!((standings[0].team, standings[0].right), (0, 9));
    assert!(seen.contains(&"narrative"));
}

#[test]
fn a_quiz_set_is_saved_and_opened_again() {
    let mut room = room("sets");
    room.keys(&[KeyCode::Tab, KeyCode::Char(' ')]);
    room.key(KeyCode::Char('s'));
    room.type_text("Semaine 1");
    room.key(KeyCode::Enter);
    let shown = room.screen(80, 24);
    assert!(shown.contains("Série « Semaine 1 » enregistrée"), "{shown}");
    let file = room.data.join("group/series/Semaine 1.json");
    let set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("set written")).expect("JSON");
    assert_eq!(set["questions"].as_array().map(Vec::len), Some(4));
    let data = room.data.clone();
    room.key(KeyCode::Esc);
    drop(room);
    // Next week: `conseil group --set "Semaine 1"`.
    let mut again = reopen(&data, t0());
    let args = |set: &str| conseil::cli::GroupArgs {
        resume: false,
        set: Some(set.to_owned()),
        out: None,
        salle: false,
        interface: None,
        port: 8765,
        gain: None,
    };
    let err = again
        .app
        .open_group(&args("Semaine 2"))
        .expect_err("unknown");
    assert!(
        err.to_string().contains("séries enregistrées : Semaine 1"),
        "{err}"
    );
    again.app.open_group(&args("Semaine 1")).expect("opens");
    let shown = again.screen(80, 24);
    assert!(shown.contains("Série « Semaine 1 » chargée"), "{shown}");
    assert!(shown.contains("Questions cochées : 4"), "{shown}");
    again.key(KeyCode::Char('l'));
    assert_eq!(again.play().session.len(), 4);
}

#[test]
fn one_window_at_a_time_and_an_unfinished_session_is_asked_about() {
    let mut room = room("lock");
    room.launch();
    let mut other = reopen(&room.data, t0());
    let err = other.app.open_group(false).expect_err("locked");
    assert!(err.to_string().contains("déjà ouvert"), "{err}");
    // From the home screen, the second window says why nothing opens.
    for _ in 0..10 {
        if other
            .screen(80, 24)
            .contains("▶ Quiz de groupe (formateurs)")
        {
            break;
        }
        other.key(KeyCode::Down);
    }
    other.key(KeyCode::Enter);
    assert!(other.screen(80, 24).contains("déjà ouvert"));
    // The first window leaves: the second one is asked about the unfinished session.
    room.keys(&[KeyCode::Char('q'), KeyCode::Char('o')]);
    other.app.open_group(false).expect("free now");
    let shown = other.screen(80, 24);
    assert!(shown.contains("Session non terminée"), "{shown}");
    other.key(KeyCode::Char('n'));
    let shown = other.screen(80, 24);
    assert!(shown.contains("sera gardée à part"), "{shown}");
    other.launch();
    let shown = other.screen(80, 24);
    assert!(shown.contains("gardée sous"), "{shown}");
}
