//! The group quiz in a real pseudo-terminal: a session of ten questions of every kind played
//! through to its results and report, a stop and `conseil group --resume` in the middle of
//! another, an unfinished session kept aside rather than overwritten, and a second window
//! kept off by the lock. What to answer is worked out from the saved session (which
//! question, which letters), since big letters cannot be read back from the screen.

use std::path::{Path, PathBuf};

mod support;

use conseil::content::load::{Catalog, read_document};
use conseil::domain::group::GroupSession;
use conseil::domain::question::Question;
use support::Pty;

const DOWN: &str = "\x1b[B";
const LEFT: &str = "\x1b[D";
const END: &str = "\x1b[F";
const ENTER: &str = "\r";
const TAB: &str = "\t";

/// `conseil --content FOLDER --seed 4 ARGS` on the data folder `data`.
fn start(content: &str, args: &[&str], data: &Path) -> Pty {
    let mut all = vec!["--content", content, "--seed", "4"];
    all.extend_from_slice(args);
    Pty::start(&all, data)
}

/// The questions of the module files in `folder`.
fn questions(folder: &str) -> Vec<Question> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let reports = files
        .iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("module");
            read_document(name, &std::fs::read(p).expect("fixture readable"))
        })
        .collect();
    let catalog = Catalog::from_reports(reports);
    catalog
        .modules
        .iter()
        .flat_map(|m| m.all_questions().cloned())
        .collect()
}

/// The session saved in `data`, and where its results go.
fn saved(data: &Path) -> GroupSession {
    let text = std::fs::read_to_string(data.join("group/session.json")).expect("session saved");
    serde_json::from_str(&text).expect("session readable")
}

/// What a team says to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Right,
    Wrong,
    Nothing,
}

/// The keys that give `says` to the question on screen (`order`: its options as shown), or
/// `None` when the team says nothing. A wrong answer is the same for every team that gives
/// it, except for a short answer, where each team gets its own (`team`).
fn keys_for(question: &Question, order: &[usize], says: Says, team: usize) -> Option<String> {
    let shown = |i: usize| {
        let d = order.iter().position(|&o| o == i).expect("option shown");
        conseil::domain::group::letter(d).to_lowercase()
    };
    let right = says == Says::Right;
    let keys = match (question, says) {
        (_, Says::Nothing) | (Question::Open(_), _) => return None,
        (Question::Single(c), _) => {
            let pick = if right {
                c.correct[0]
            } else {
                (0..c.choices.len())
                    .find(|i| !c.correct.contains(i))
                    .expect("a wrong choice")
            };
            shown(pick)
        }
        (Question::Multiple(c), _) => {
            let picked: Vec<usize> = if right {
                c.correct.clone()
            } else {
                vec![c.correct[0]]
            };
            format!(
                "{}{ENTER}",
                picked.into_iter().map(shown).collect::<String>()
            )
        }
        (Question::TrueFalse(tf), _) => (if tf.answer == right { "v" } else { "f" }).to_owned(),
        (Question::Numeric(n), _) => {
            let value = n.answers[0].value.expect("a value");
            format!("{}{ENTER}", if right { value } else { value + 1.0 })
        }
        (Question::Short(s), _) => {
            let wrong = ["DRSM", "CNAM", "ARS"][team];
            format!(
                "{}{ENTER}",
                if right {
                    s.accepted[0].text.as_str()
                } else {
                    wrong
                }
            )
        }
        (Question::Order(o), _) => {
            let mut items: Vec<usize> = (0..o.items.len()).collect();
            if !right {
                items.reverse();
            }
            format!(
                "{}{ENTER}",
                items.into_iter().map(shown).collect::<String>()
            )
        }
        (Question::Match(m), _) => {
            let rights = m.right_options();
            let code: String = m
                .pairs
                .iter()
                .map(|p| {
                    if right {
                        shown(rights.iter().position(|r| *r == p.right).expect("partner"))
                    } else {
                        "a".to_owned()
                    }
                })
                .collect();
            format!("{code}{ENTER}")
        }
    };
    Some(format!("{}{keys}", team + 1))
}

/// Plays the question on screen, number `number` of `total`: the teams say `says` (in team
/// order), then it is revealed and the scoreboard shown.
fn play(
    s: &mut Pty,
    data: &Path,
    all: &[Question],
    number: usize,
    total: usize,
    says: &dyn Fn(&str) -> [Says; 3],
) {
    let question_line = format!("Question {number} sur {total}");
    let shown = s.wait_for_any(&[&question_line, "Cas fictif"]);
    if !shown.contains(&question_line) {
        // A case step is told before its question: the trainer goes on to the question.
        s.send(ENTER);
        s.wait_for(&question_line);
    }
    let session = saved(data);
    let id = &session.current().expect("a question").question_id;
    let question = all
        .iter()
        .find(|q| q.id() == id)
        .expect("question of the fixture");
    let order = session.display_order(session.position(), question);
    let mut answered = 0;
    for (team, say) in says(id).into_iter().enumerate() {
        if let Some(keys) = keys_for(question, &order, say, team) {
            s.send(&keys);
            answered += 1;
            s.wait_for(&format!("Réponses {answered}/3"));
        }
    }
    s.send("r");
    s.wait_for("Entrée classement");
    s.send(ENTER);
    s.wait_for(&format!("Classement après la question {number}/{total}"));
}

/// The results and report files of `folder`, by extension.
fn written(folder: &Path, ext: &str) -> String {
    let path = std::fs::read_dir(folder)
        .expect("group folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == ext)
                && p.to_string_lossy().contains("resultats-groupe-")
        })
        .unwrap_or_else(|| panic!("a .{ext} file written"));
    std::fs::read_to_string(path).expect("readable")
}

/// What each team says to each question of the ten, worked out by hand in
/// `ten_questions_played_through_give_the_results_and_the_report`.
fn room(id: &str) -> [Says; 3] {
    use Says::{Nothing as N, Right as R, Wrong as W};
    match id {
        "salle.echelon" => [R, R, W],
        "salle.secret" => [R, W, W],
        "salle.convocation" => [R, R, R],
        "salle.peine" => [W, R, N],
        "salle.sigle" => [W, R, W],
        "salle.etapes" => [R, W, N],
        "salle.sigles" => [W, W, R],
        "salle.cas.demarche" => [R, W, W],
        "salle.cas.avis" => [N, R, R],
        // The open question is discussed, nobody answers it.
        _ => [N, N, N],
    }
}

#[test]
fn ten_questions_played_through_give_the_results_and_the_report() {
    let content = "tests/fixtures/group/salle";
    let all = questions(content);
    let data = tempfile::tempdir().expect("temp dir");
    let mut s = start(content, &["group"], data.path());
    s.wait_for("préparation");
    // The fictive module, last of the list, picked whole.
    s.send(TAB);
    s.send(END);
    s.send(" ");
    s.wait_for("Questions cochées : 10");
    // Untimed, with the speed bonus, for the group « FIPC Lyon ».
    s.send(TAB);
    s.send(DOWN);
    for _ in 0..6 {
        s.send(LEFT);
    }
    s.wait_for("sans limite");
    s.send(DOWN);
    s.send(" ");
    s.wait_for("[x] Bonus");
    for _ in 0..3 {
        s.send(DOWN);
    }
    s.send(ENTER);
    s.send("FIPC Lyon");
    s.send(ENTER);
    s.wait_for("Groupe : FIPC Lyon");
    s.send("l");
    for number in 1..=10 {
        play(&mut s, data.path(), &all, number, 10, &room);
        s.send(ENTER);
    }
    s.wait_for("Résultats et bilan enregistrés");

    let folder = data.path().join("group");
    // The report, against the numbers worked out by hand. Points, with one more for the
    // first right answer: Hiboux 2 (échelon) + 2 (secret) + 2 (convocation) + 2 (étapes)
    // + 2 (démarche) = 10; Renards 1 + 1 + 2 (peine) + 2 (sigle) + 2 (avis) = 8; Loutres
    // 1 (convocation) + 2 (sigles) + 1 (avis) = 4. Right answers out of the nine scored:
    // 5, 5 and 3, so 13 of 27 in all (48 %).
    let md = written(&folder, "md");
    for row in [
        "| 1er | Hiboux | 10 | 5 sur 9 |",
        "| 2e | Renards | 8 | 5 sur 9 |",
        "| 3e | Loutres | 4 | 3 sur 9 |",
        "| Que couvre le secret médical ? | 1 sur 3 (33 %) |",
        "| Le médecin-conseil peut convoquer l’assuré. | 3 sur 3 (100 %) |  |",
        "| La caisse suit l’avis du médecin-conseil pour décider. | 2 sur 3 (67 %) | pas de réponse : Hiboux |",
        "| Comment expliquer à un assuré le rôle du médecin-conseil ? | discutée, sans points |",
        "| Quel sigle désigne l’échelon local du service médical ? | 1 sur 3 (33 %) | « DRSM » : Hiboux ; « ARS » : Loutres |",
        "| Combien d’années d’emprisonnement au plus punissent la violation du secret ? | 1 sur 3 (33 %) | « 2 » : Hiboux ; pas de réponse : Loutres |",
        "## Totaux du groupe « FIPC Lyon »",
        "1 séance, 9 questions posées, 48 % de réponses justes.",
        "| Hiboux | 1 | 10 | 5 sur 9 |",
    ] {
        assert!(md.contains(row), "« {row} » missing from the report:\n{md}");
    }
    // The wrong answer two teams gave, in the option's own words, with both teams.
    assert!(md.contains(" — Le diagnostic » : Renards, Loutres"), "{md}");
    let html = written(&folder, "html");
    assert!(
        html.contains("<td>Hiboux</td><td>10</td><td>5 sur 9</td>"),
        "{html}"
    );
    // The CSV and the JSON hold the options' texts and whether each answer was right.
    let csv = written(&folder, "csv");
    assert_eq!(csv.lines().count(), 1 + 30, "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.contains(";Loutres;") && l.contains(" — La direction régionale;non;0;0;")),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains(";Hiboux;DRSM;DRSM;non;0;0;")),
        "{csv}"
    );
    assert_eq!(
        csv.lines().filter(|l| l.contains(";non notée;")).count(),
        3,
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&written(&folder, "json")).expect("JSON");
    let points: Vec<u64> = json["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .map(|t| t["points"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(points, vec![10, 8, 4]);
    let echelon = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["id"] == "salle.echelon")
        .expect("asked");
    assert_eq!(echelon["answers"][2]["right"], false);
    assert!(
        echelon["answers"][2]["answer_text"]
            .as_str()
            .is_some_and(|t| t.ends_with("La direction régionale")),
        "{echelon}"
    );
    // The group's totals are kept in the data folder for its next sessions.
    assert!(folder.join("groupes/fipc-lyon.json").is_file());
    s.send(ENTER);
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0);
}

/// Team 1 right and first, team 2 right on the last question, team 3 wrong.
fn three_teams(number: usize) -> [Says; 3] {
    use Says::{Right as R, Wrong as W};
    [R, if number == 4 { R } else { W }, W]
}

#[test]
fn a_session_stopped_resumes_and_a_new_one_keeps_it_aside() {
    let content = "tests/fixtures/group";
    let all = questions(content);
    let data = tempfile::tempdir().expect("temp dir");
    let mut s = start(content, &["group"], data.path());
    s.wait_for("préparation");
    s.send(TAB);
    s.send(END);
    s.send(" ");
    s.wait_for("Questions cochées : 4");
    s.send("l");
    let number = std::cell::Cell::new(1);
    let says = |_: &str| three_teams(number.get());
    play(&mut s, data.path(), &all, 1, 4, &says);

    // Leaving asks first; the session is saved.
    s.send("q");
    s.wait_for("Quitter le quiz de groupe ?");
    s.send("n");
    s.send("q");
    s.wait_for("Quitter le quiz de groupe ?");
    s.send("o");
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0, "the alternate screen was left");

    // `--resume` takes it back where it stood.
    let mut s = start(content, &["group", "--resume"], data.path());
    s.wait_for("Classement après la question 1/4");
    s.send(ENTER);
    number.set(2);
    play(&mut s, data.path(), &all, 2, 4, &says);
    s.send("q");
    s.send("o");
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0);

    // `conseil group` again asks before anything: a new session keeps the old one aside.
    let mut s = start(content, &["group"], data.path());
    s.wait_for("Session non terminée");
    s.send("n");
    s.wait_for("sera gardée à part");
    s.send(TAB);
    s.send(END);
    s.send(" ");
    s.send("l");
    s.wait_for("gardée sous");
    let kept: Vec<PathBuf> = std::fs::read_dir(data.path().join("group"))
        .expect("group folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("/session-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let old: GroupSession =
        serde_json::from_str(&std::fs::read_to_string(&kept[0]).expect("kept")).expect("whole");
    assert_eq!(old.rounds.len(), 2, "the old session, two questions in");
    assert_eq!(saved(data.path()).rounds.len(), 1, "the new one");
    s.send("q");
    s.send("o");
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0);

    // And once more: this time the trainer resumes the new one.
    let mut s = start(content, &["group"], data.path());
    s.wait_for("Session non terminée");
    s.send("r");
    s.wait_for("Question 1 sur 4");
    s.send("q");
    s.send("o");
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0);
}

#[test]
fn a_second_window_is_kept_off_the_group_quiz() {
    let data = tempfile::tempdir().expect("temp dir");
    // Two trainers' profiles, one data folder: the group session is one, and locked.
    let group = |profile| ["--profile", profile, "group"];
    let mut first = start("tests/fixtures/group", &group("un"), data.path());
    first.wait_for("préparation");
    let second = start("tests/fixtures/group", &group("deux"), data.path());
    second.wait_for("le quiz de groupe est déjà ouvert dans une autre fenêtre");
    first.send("q");
    first.wait_for("Modules");
    // Left, the group quiz opens in another window.
    let mut third = start("tests/fixtures/group", &group("deux"), data.path());
    third.wait_for("préparation");
    third.send("q");
    third.wait_for("Modules");
    third.send("q");
    assert!(!third.finish().0);
    first.send("q");
    assert!(!first.finish().0);
}

#[test]
fn nothing_to_resume_is_said_before_the_screen_is_taken() {
    let data = tempfile::tempdir().expect("temp dir");
    let s = Pty::start(&["group", "--resume"], data.path());
    let (code, shown) = s.exit_code();
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("Aucune session de groupe à reprendre"),
        "{shown}"
    );
}

#[test]
fn without_a_terminal_the_group_quiz_says_so() {
    let data = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
        .args(["group", "--data-dir"])
        .arg(data.path())
        .output()
        .expect("run conseil");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("a besoin d’un terminal interactif"), "{err}");
}

#[test]
fn an_unknown_quiz_set_is_said_before_the_screen_is_taken() {
    let data = tempfile::tempdir().expect("temp dir");
    let s = Pty::start(&["group", "--set", "Semaine 9"], data.path());
    let (code, shown) = s.exit_code();
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("série « Semaine 9 » introuvable"), "{shown}");
}

/// `conseil group --gain` on two room sessions of the same three questions (the fixtures),
/// the numbers worked by hand: before, A 1/3, B 2/3, C 2/3, D 0; after, a (A again, the case
/// aside) 3/3, B 3/3, C 2/3, D 1/3, and E alone. g = (post − pre) / (100 − pre): A 66.67 /
/// 66.67 = 1, B 33.33 / 33.33 = 1, C 0, D 33.33 / 100 = 0.33; the means 41.67 and 75 give
/// the group 33.33 / 58.33 = 0.57.
#[test]
fn the_gain_of_two_sessions_is_printed_with_the_numbers_worked_by_hand() {
    let folder = Path::new("tests/fixtures/group/gain");
    let output = support::conseil()
        .args(["group", "--gain"])
        .arg(folder.join("avant.json"))
        .arg(folder.join("apres.json"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let report = String::from_utf8(output.stdout).expect("UTF-8");
    for line in [
        "moyenne 41,67 % avant, 75 % après ; gain du groupe g = 0,57.",
        "| a | 33,33 % | 100 % | 1 |",
        "| B | 66,67 % | 100 % | 1 |",
        "| C | 66,67 % | 66,67 % | 0 |",
        "| D | 0 % | 33,33 % | 0,33 |",
        "Présents à une seule des deux sessions (non comptés) : E.",
    ] {
        assert!(report.contains(line), "{line}\n{report}");
    }
    // One file, or two of different sets: a usage error said in French.
    let one = support::conseil()
        .args(["group", "--gain"])
        .arg(folder.join("avant.json"))
        .output()
        .expect("runs");
    assert!(!one.status.success());
    assert!(
        String::from_utf8_lossy(&one.stderr).contains("--gain <AVANT> <APRÈS>"),
        "{one:?}"
    );
    let other_set = Path::new("target/tmp/gain-other-set.json");
    let before = std::fs::read_to_string(folder.join("avant.json")).expect("fixture");
    std::fs::create_dir_all("target/tmp").expect("tmp folder");
    std::fs::write(other_set, before.replace("\"q3\"", "\"q4\"")).expect("written");
    let other = support::conseil()
        .args(["group", "--gain"])
        .arg(folder.join("avant.json"))
        .arg(other_set)
        .output()
        .expect("runs");
    assert!(!other.status.success());
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("mêmes questions"),
        "{other:?}"
    );
}
