//! The full-screen app with a real data folder: answers are saved as they are given, an
//! unfinished quiz resumes exactly where it stopped, the stage date and profiles work.

use std::cell::Cell;
use std::rc::Rc;

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::store::profiles::DataDir;
use conseil::tui::app::App;
use conseil::tui::screens::Screen;
use conseil::tui::theme::Theme;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MODULE: &str = include_str!("fixtures/ui/module.json");

fn catalog() -> Catalog {
    Catalog::from_reports(vec![read_document("module.json", MODULE.as_bytes())])
}

/// A clock that tests can move forward, in UTC.
fn clock(now: &Rc<Cell<Timestamp>>) -> Clock {
    let now = Rc::clone(now);
    Clock::new(move || now.get(), TimeZone::UTC)
}

/// A data folder in `dir` on the clock `now`.
fn data_dir(dir: &tempfile::TempDir, now: &Rc<Cell<Timestamp>>) -> DataDir {
    DataDir::at(dir.path(), &clock(now))
}

fn start(data: &DataDir, now: &Rc<Cell<Timestamp>>, profile: &str) -> App {
    let opened = data.open(profile).expect("profile opens");
    App::new(catalog(), Theme::monochrome(), Some(5), clock(now))
        .with_learner(data.clone(), Some(opened))
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    terminal.backend().to_string()
}

fn current(app: &App) -> Option<(String, usize)> {
    match app.screen() {
        Screen::Quiz(_) => {
            let session = app.playing()?;
            Some((session.current_id()?.to_owned(), session.position()))
        }
        _ => None,
    }
}

fn t0() -> Rc<Cell<Timestamp>> {
    Rc::new(Cell::new(
        Timestamp::from_second(1_795_000_000).expect("valid"),
    ))
}

/// Resumes the session worked on last: the first « Reprendre », right after « Continuer ».
fn resume_last(app: &mut App) {
    key(app, KeyCode::Down);
    assert!(screen(app).contains("▶ Reprendre"), "{}", screen(app));
    key(app, KeyCode::Enter);
}

/// Answers the question on screen with the first key that makes sense for its kind.
fn answer_anything(app: &mut App) {
    let shown = screen(app);
    if shown.contains("Votre réponse") {
        // « 1 » is a valid short answer and a valid number.
        key(app, KeyCode::Char('1'));
        if shown.contains("Ctrl-S") {
            // An open answer is sent with Ctrl-S, then graded by the learner herself.
            app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
            key(app, KeyCode::Char('3'));
        } else {
            key(app, KeyCode::Enter);
        }
    } else if shown.contains("V vrai") {
        key(app, KeyCode::Char('v'));
    } else {
        key(app, KeyCode::Char('a'));
        key(app, KeyCode::Enter);
    }
}

#[test]
fn answers_are_saved_and_the_quiz_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Alice");
    keys_open_quiz(&mut app);
    answer_anything(&mut app);
    key(&mut app, KeyCode::Enter);
    answer_anything(&mut app);
    let (next, position) = {
        key(&mut app, KeyCode::Enter);
        current(&app).expect("in the quiz")
    };
    assert_eq!(position, 2);
    let order_before = screen(&app);
    // The window is closed mid-quiz (no clean exit): drop the app.
    drop(app);

    let mut saved = data.open_read_only("Alice").expect("readable");
    conseil::study::practice::draw_sessions(&mut saved.progress, &catalog());
    assert_eq!(saved.progress.answer_count(), 2);
    assert_eq!(
        saved
            .progress
            .sessions()
            .first()
            .copied()
            .map(|s| s.answers.len()),
        Some(2)
    );

    let mut app = start(&data, &now, "Alice");
    assert!(screen(&app).contains("Reprendre"), "{}", screen(&app));
    resume_last(&mut app);
    assert_eq!(current(&app), Some((next, 2)));
    // Same question, same shuffled choices.
    assert_eq!(screen(&app), order_before);
}

/// Opens the module (second on the home screen, after « Continuer »), then its quiz.
fn keys_open_quiz(app: &mut App) {
    key(app, KeyCode::Down);
    key(app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Module(_)));
    key(app, KeyCode::Char('z'));
    assert!(current(app).is_some());
}

#[test]
fn finishing_records_the_score_and_clears_the_unfinished_quiz() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Bea");
    keys_open_quiz(&mut app);
    // Eight questions, and those missed asked again (twice at most).
    for _ in 0..24 {
        if current(&app).is_none() {
            break;
        }
        answer_anything(&mut app);
        key(&mut app, KeyCode::Enter);
    }
    assert!(matches!(app.screen(), Screen::Results(_)));
    assert!(app.progress().sessions().first().copied().is_none());
    assert!(
        app.progress()
            .module("essai-ui")
            .and_then(|m| m.last.as_ref())
            .is_some()
    );
    key(&mut app, KeyCode::Enter);
    let home = screen(&app);
    assert!(home.contains("dernier score"), "{home}");
    assert!(!home.contains("Reprendre"), "{home}");

    // Weeks later, the answered questions are due for review.
    now.set(now.get() + SignedDuration::from_hours(24 * 60));
    drop(app);
    let mut app = start(&data, &now, "Bea");
    let home = screen(&app);
    assert!(home.contains("Révision"), "{home}");
    // The reviews due come first in « Continuer » too.
    assert!(
        home.contains("▶ Continuer : réviser 8 questions (≈ 10 min) (c)"),
        "{home}"
    );
    key(&mut app, KeyCode::Char('r'));
    let quiz = screen(&app);
    assert!(quiz.contains("Révision — Question 1/"), "{quiz}");
    answer_anything(&mut app);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app);
    assert!(
        home.contains("Continuer : reprendre la révision (≈ "),
        "{home}"
    );
    // A missed question comes back later in the session, so the count may have grown.
    assert!(home.contains("en cours, question 2/"), "{home}");
    key(&mut app, KeyCode::Char('c'));
    assert!(
        screen(&app).contains("Révision — Question 2/"),
        "{}",
        screen(&app)
    );
}

#[test]
fn stage_date_is_set_from_the_settings_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Chloé");
    let today = now.get().to_zoned(jiff::tz::TimeZone::UTC).date();
    let stage = today.checked_add(jiff::Span::new().days(5)).expect("date");
    // Home: the settings entry comes before « Profil » and « Aide », the last two.
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen(), Screen::Settings(_)),
        "{}",
        screen(&app)
    );
    for c in stage.strftime("%d/%m/%Y").to_string().chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("stage J-5"), "{}", screen(&app));
    let saved = data.open_read_only("Chloé").expect("readable");
    assert_eq!(saved.progress.settings().stage_date, Some(stage));
}

#[test]
fn a_bad_date_is_refused_in_french() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Dan");
    app.apply(conseil::tui::action::Action::OpenSettings);
    for c in "31/02/2026".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    assert!(
        shown.contains("le 31 février 2026 n’existe pas : février 2026 a 28 jours"),
        "{shown}"
    );
    assert!(app.progress().settings().stage_date.is_none());
}

/// Types `text` into the date field of the settings screen, emptied first, and saves.
fn type_date(app: &mut App, text: &str) {
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
}

#[test]
fn a_past_stage_date_is_refused_but_a_saved_one_may_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Eve");
    let today = now.get().to_zoned(TimeZone::UTC).date();
    let yesterday = today.yesterday().expect("date");
    app.apply(conseil::tui::action::Action::OpenSettings);
    type_date(&mut app, &yesterday.to_string());
    let shown = screen(&app);
    assert!(shown.contains("est passé"), "{shown}");
    assert!(matches!(app.screen(), Screen::Settings(_)));
    assert!(app.progress().settings().stage_date.is_none());
    // Today is the stage's first day: fine, in either order.
    type_date(&mut app, &today.strftime("%d/%m/%Y").to_string());
    assert!(screen(&app).contains("stage jour J"), "{}", screen(&app));
    assert_eq!(app.progress().settings().stage_date, Some(today));
    // A day later the date is past; saving the settings as they are keeps it.
    now.set(now.get() + SignedDuration::from_hours(24));
    app.apply(conseil::tui::action::Action::OpenSettings);
    let shown = screen(&app);
    assert!(shown.contains("(date passée)"), "{shown}");
    key(&mut app, KeyCode::Enter);
    assert!(!matches!(app.screen(), Screen::Settings(_)));
    assert_eq!(app.progress().settings().stage_date, Some(today));
}

#[test]
fn profiles_are_created_and_switched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Emma");
    key(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.screen(), Screen::Profile(_)));
    for c in "Farid".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Profil : Farid"), "{}", screen(&app));
    assert_eq!(
        data.profiles().expect("listed"),
        vec!["Emma".to_string(), "Farid".to_string()]
    );
    // Emma's lock was released: another window may open her profile now.
    assert!(data.open("Emma").is_ok());
}

#[test]
fn a_profile_open_elsewhere_is_read_only_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let _other_window = data.open("Gaël").expect("first window");
    let opened = data.open_read_only("Gaël").expect("read-only");
    let mut app = App::new(catalog(), Theme::monochrome(), Some(5), clock(&now))
        .with_learner(data.clone(), Some(opened));
    assert!(screen(&app).contains("Lecture seule"), "{}", screen(&app));
    keys_open_quiz(&mut app);
    // Where answers would be saved, the screen says they are not.
    assert!(screen(&app).contains("⚠ Lecture seule"), "{}", screen(&app));
    answer_anything(&mut app);
    drop(app);
    let saved = data.open_read_only("Gaël").expect("readable");
    assert_eq!(saved.progress.answer_count(), 0, "nothing was written");
}

#[test]
fn an_exam_hides_feedback_then_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Hugo");
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.screen(), Screen::ExamSetup(_)));
    // The setup's « Commencer » row is last; Entrée there starts.
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Enter);
    let first = screen(&app);
    assert!(first.contains("Examen blanc — Question 1/"), "{first}");
    assert!(first.contains("⏱ 20 min 00 s"), "{first}");
    answer_anything(&mut app);
    let second = screen(&app);
    assert!(
        !second.contains("Correct"),
        "no feedback during an exam: {second}"
    );
    assert!(second.contains("Question 2/"), "{second}");
    // Time runs out: the exam ends on its own and counts the rest as wrong.
    now.set(now.get() + SignedDuration::from_mins(21));
    app.tick();
    assert!(
        matches!(app.screen(), Screen::ExamResults(_)),
        "{}",
        screen(&app)
    );
    // An exam over is no longer one to resume.
    assert!(app.progress().sessions().is_empty());
    assert_eq!(app.progress().answer_count(), 1);
}

#[test]
fn statistics_screen_opens_from_home() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Inès");
    key(&mut app, KeyCode::Char('s'));
    assert!(matches!(app.screen(), Screen::Stats(_)));
    key(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn a_failed_save_stops_the_learner_keeps_the_answers_and_retries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Jade");
    keys_open_quiz(&mut app);
    // The progress file cannot be replaced any more: a folder stands in its way (a
    // permission would not stop the tests when they run as root).
    let file = dir.path().join("profiles/Jade/progress.json");
    std::fs::remove_file(&file).expect("the quiz was saved when it started");
    std::fs::create_dir_all(file.join("bloque")).expect("a folder in the way");
    answer_anything(&mut app);
    let shown = screen(&app);
    assert!(shown.contains("Enregistrement impossible"), "{shown}");
    assert!(shown.contains("gardées en mémoire"), "{shown}");
    assert!(app.unsaved().is_some());
    // Nothing else happens until the save succeeds or the learner leaves.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('p'));
    assert!(screen(&app).contains("Enregistrement impossible"));
    assert_eq!(
        app.progress().answer_count(),
        1,
        "the answer is kept in memory"
    );
    // The way is clear again: r saves everything.
    std::fs::remove_dir_all(&file).expect("folder removed");
    key(&mut app, KeyCode::Char('r'));
    assert!(app.unsaved().is_none());
    assert!(!screen(&app).contains("Enregistrement impossible"));
    let saved = data.open_read_only("Jade").expect("readable");
    assert_eq!(saved.progress.answer_count(), 1);
    assert!(!app.quit);
}

/// The quiz screen's question and position, and the screen as drawn.
fn where_in_quiz(app: &App) -> ((String, usize), String) {
    (current(app).expect("in a quiz"), screen(app))
}

#[test]
fn two_interleaved_activities_each_resume_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Lina");
    // The module's quiz: two answers, then back to the module.
    keys_open_quiz(&mut app);
    for _ in 0..2 {
        answer_anything(&mut app);
        key(&mut app, KeyCode::Enter);
    }
    let (quiz_at, quiz_screen) = where_in_quiz(&app);
    assert_eq!(quiz_at.1, 2);
    key(&mut app, KeyCode::Esc);
    let module = screen(&app);
    assert!(
        // Eight questions, and any missed so far to be asked again.
        module.contains("en cours, question 3/")
            && module.contains(" : Entrée reprend, n recommence"),
        "{module}"
    );
    // The case (last entry of the module), a minute later: one step, then home.
    now.set(now.get() + SignedDuration::from_mins(1));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    answer_anything(&mut app);
    key(&mut app, KeyCode::Enter);
    let (case_at, _) = where_in_quiz(&app);
    assert_eq!(case_at.1, 1);
    now.set(now.get() + SignedDuration::from_mins(5));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app);
    let case_row = home
        .find("Reprendre : Cas fictif")
        .expect("the case listed");
    let quiz_row = home.find("Reprendre : Module d").expect("the quiz listed");
    assert!(
        case_row < quiz_row,
        "the case, worked on last, first: {home}"
    );
    drop(app);

    // Another day, another window: each activity resumes where it stopped.
    now.set(now.get() + SignedDuration::from_hours(20));
    let mut app = start(&data, &now, "Lina");
    resume_last(&mut app);
    let (resumed, shown) = where_in_quiz(&app);
    assert_eq!(resumed, case_at);
    // The story so far is told again, at the step where it stopped.
    assert!(shown.contains("Étape 2/2 : La suite"), "{shown}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    // The second entry of the home list is the quiz.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(where_in_quiz(&app), (quiz_at, quiz_screen));
    assert_eq!(app.progress().answer_count(), 3);
}

#[test]
fn reopening_a_quiz_resumes_it_and_n_starts_it_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Malo");
    keys_open_quiz(&mut app);
    answer_anything(&mut app);
    key(&mut app, KeyCode::Enter);
    let left = where_in_quiz(&app);
    key(&mut app, KeyCode::Esc);
    // Entrée in a lesson goes to the quiz: the one left, not a new one.
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Lesson(_)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(where_in_quiz(&app), left);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    // n on the quiz entry starts again from the first question.
    for _ in 0..2 {
        key(&mut app, KeyCode::Down);
    }
    assert!(screen(&app).contains("n recommencer"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('n'));
    let (fresh, _) = where_in_quiz(&app);
    assert_eq!(fresh.1, 0);
    // The answer given before stays in the history.
    assert_eq!(app.progress().answer_count(), 1);
    assert_eq!(app.progress().sessions().len(), 1);
}

#[test]
fn leaving_an_exam_asks_first_then_shows_the_correction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Nora");
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Enter);
    answer_anything(&mut app);
    key(&mut app, KeyCode::Esc);
    let asked = screen(&app);
    assert!(asked.contains("Abandonner l’examen ?"), "{asked}");
    assert!(asked.contains("o : abandonner"), "{asked}");
    // Échap: the exam goes on where it was.
    key(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Question 2/"), "{}", screen(&app));
    assert!(!screen(&app).contains("Abandonner"));
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('o'));
    assert!(
        matches!(app.screen(), Screen::ExamResults(_)),
        "{}",
        screen(&app)
    );
    assert!(app.progress().sessions().is_empty());
    assert_eq!(app.progress().answer_count(), 1);
    // « r » asks again the questions missed or left unanswered, with feedback this time.
    let (missed, drawn) = match app.screen() {
        Screen::ExamResults(results) => (
            results.session.mistakes(),
            results.session.question_ids.len(),
        ),
        _ => unreachable!("checked above"),
    };
    assert!(missed.len() >= drawn - 1, "{missed:?}");
    key(&mut app, KeyCode::Char('r'));
    let retry = app.playing().expect("the mistakes again").clone();
    assert_eq!(
        retry.kind,
        conseil::domain::session::SessionKind::Retry { module_id: None }
    );
    let mut asked = retry.question_ids.clone();
    asked.sort();
    let mut expected = missed;
    expected.sort();
    assert_eq!(asked, expected);
    assert!(
        screen(&app).contains("Questions à refaire"),
        "{}",
        screen(&app)
    );
}

#[test]
fn an_exam_left_open_resumes_with_its_clock_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Oscar");
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Enter);
    answer_anything(&mut app);
    let (at, _) = where_in_quiz(&app);
    // The window closes without a word (a crash, a power cut).
    drop(app);
    now.set(now.get() + SignedDuration::from_mins(5));
    let mut app = start(&data, &now, "Oscar");
    assert!(
        screen(&app).contains("Reprendre : Examen blanc"),
        "{}",
        screen(&app)
    );
    resume_last(&mut app);
    let (resumed, shown) = where_in_quiz(&app);
    assert_eq!(resumed, at);
    assert!(shown.contains("⏱ 15 min 00 s"), "{shown}");
    // Closed again past its time: reopening it shows the correction.
    drop(app);
    now.set(now.get() + SignedDuration::from_mins(30));
    let mut app = start(&data, &now, "Oscar");
    resume_last(&mut app);
    app.tick();
    assert!(
        matches!(app.screen(), Screen::ExamResults(_)),
        "{}",
        screen(&app)
    );
    assert!(app.progress().sessions().is_empty());
}

#[test]
fn profile_names_may_start_with_any_letter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Emma");
    key(&mut app, KeyCode::Char('p'));
    // Emma is selected; q, j and k are letters of the new name, not keys.
    for c in "qjk Quentin".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(matches!(app.screen(), Screen::Profile(_)));
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("Profil : qjk Que"),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_remark_on_a_question_is_saved_in_the_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Chloé");
    keys_open_quiz(&mut app);
    let (question, _) = current(&app).expect("a question");
    // F3 reports whatever the question, even while an answer is typed.
    key(&mut app, KeyCode::F(3));
    for c in "Coquille dans l’énoncé.".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    assert!(shown.contains("✓ Remarque enregistrée"), "{shown}");
    // The window is closed without a clean exit: the remark was saved at once.
    drop(app);
    let saved = data.open_read_only("Chloé").expect("readable").progress;
    let remarks = saved.remarks();
    assert_eq!(remarks.len(), 1, "{remarks:?}");
    assert_eq!(remarks[0].question_id, question);
    assert_eq!(remarks[0].module_id, "essai-ui");
    assert_eq!(remarks[0].text, "Coquille dans l’énoncé.");
    assert_eq!(remarks[0].at, now.get());
    assert_eq!(saved.answer_count(), 0, "a remark is no answer");
}

#[test]
fn the_home_header_shows_todays_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let today = now.get().to_zoned(TimeZone::UTC).date();
    let stage = today.checked_add(jiff::Span::new().days(5)).expect("date");
    let mut opened = data.open("Inès").expect("opens");
    opened.progress.set_stage_date(Some(stage), now.get());
    opened.store.save(&opened.progress).expect("saves");
    drop(opened);
    let mut app = start(&data, &now, "Inès");
    let plan = |app: &App| {
        conseil::domain::plan::DailyPlan::compute(
            app.progress(),
            &app.catalog.modules,
            &now.get().to_zoned(TimeZone::UTC),
        )
    };
    // Five days left, the last two for reviews: a third of the module's questions and
    // lessons today.
    let first = plan(&app);
    assert_eq!(first.goal.questions, 4);
    assert_eq!(first.goal.lessons, 1);
    let home = screen(&app);
    let header = home.lines().next().expect("a header");
    assert!(
        header.contains(&conseil::tui::strings::home_plan(&first)),
        "{home}"
    );
    assert!(header.contains("aujourd’hui 0/5 ("), "{home}");
    assert!(header.contains("min) : dans les temps"), "{home}");
    // The day's questions are the review's: one answered, one done.
    key(&mut app, KeyCode::Char('r'));
    now.set(now.get() + SignedDuration::from_secs(30));
    answer_anything(&mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app);
    assert!(
        home.lines()
            .next()
            .is_some_and(|h| h.contains("aujourd’hui 1/5 (")),
        "{home}"
    );
}

#[test]
fn the_weakest_questions_are_asked_again_from_the_statistics_and_resume() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Yanis");
    // A quiz, some answers wrong (« vrai » to the true/false question is).
    keys_open_quiz(&mut app);
    for _ in 0..24 {
        if current(&app).is_none() {
            break;
        }
        now.set(now.get() + SignedDuration::from_secs(20));
        answer_anything(&mut app);
        key(&mut app, KeyCode::Enter);
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('s'));
    let weak: Vec<String> = match app.screen() {
        Screen::Stats(stats) => stats
            .stats
            .weakest
            .iter()
            .map(|w| w.question_id.clone())
            .collect(),
        _ => panic!("the statistics"),
    };
    assert!(weak.contains(&"ui.tf".to_owned()), "{weak:?}");
    key(&mut app, KeyCode::Enter);
    let playing = app
        .playing()
        .expect("a session on the weakest questions")
        .clone();
    assert_eq!(
        playing.kind,
        conseil::domain::session::SessionKind::Retry { module_id: None }
    );
    let mut asked = playing.question_ids.clone();
    asked.sort();
    let mut expected = weak.clone();
    expected.sort();
    assert_eq!(asked, expected);
    // One answer, then away: it is kept to resume like any activity.
    answer_anything(&mut app);
    key(&mut app, KeyCode::Enter);
    let at = current(&app).expect("in the session");
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen(), Screen::Home(_)),
        "the statistics were left"
    );
    drop(app);
    let mut app = start(&data, &now, "Yanis");
    let home = screen(&app);
    assert!(home.contains("Reprendre : Questions à refaire"), "{home}");
    resume_last(&mut app);
    assert_eq!(current(&app), Some(at));
}

#[test]
fn a_short_answer_marked_wrong_can_be_counted_right_by_the_learner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = t0();
    let data = data_dir(&dir, &now);
    let mut app = start(&data, &now, "Jade");
    keys_open_quiz(&mut app);
    while current(&app).is_some_and(|(id, _)| id != "ui.short") {
        now.set(now.get() + SignedDuration::from_secs(20));
        answer_anything(&mut app);
        key(&mut app, KeyCode::Enter);
    }
    assert!(current(&app).is_some(), "the short question is asked");
    now.set(now.get() + SignedDuration::from_secs(20));
    // Three typos in « médecin traitant » are more than the two forgiven at that length.
    for c in "medcen trraitnt".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let wrong = screen(&app);
    assert!(wrong.contains("= j’avais juste"), "{wrong}");
    assert!(
        app.playing()
            .is_some_and(conseil::domain::session::QuizSession::last_comes_back)
    );
    key(&mut app, KeyCode::Char('='));
    let accepted = screen(&app);
    assert!(accepted.contains("Réponse comptée juste"), "{accepted}");
    assert!(!accepted.contains("= j’avais juste"), "{accepted}");
    let session = app.playing().expect("playing").clone();
    assert!(!session.last_comes_back());
    assert_eq!(
        session.answers.last().map(|a| a.verdict),
        Some(conseil::domain::question::Verdict::Correct)
    );
    // Saved at once: the history holds the answer as right.
    drop(app);
    let saved = data.open_read_only("Jade").expect("readable").progress;
    let attempts = &saved.question("ui.short").expect("answered").attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(
        attempts[0].verdict,
        conseil::domain::question::Verdict::Correct
    );
    assert!((attempts[0].score - 1.0).abs() < f64::EPSILON);
}
