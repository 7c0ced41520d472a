//! `conseil check` as a user runs it: exit codes, positions, snippets, JSON, stale modules.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

mod support;

fn conseil() -> Command {
    support::conseil()
}

#[test]
fn builtin_content_is_clean() {
    conseil()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 erreur, 0 avertissement"));
}

#[test]
fn valid_file_passes() {
    conseil()
        .arg("check")
        .arg(fixture("valid.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("✓ 1 fichier vérifié : 0 erreur"));
}

#[test]
fn every_rule_is_reported_at_its_value() {
    let file = fixture("rules.json");
    let out = conseil().arg("check").arg(&file).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let f = file.display().to_string();
    for expected in [
        format!(
            "{f}:9:60: erreur : une question « single » a exactement une bonne réponse (ici 2)"
        ),
        format!("{f}:11:61: erreur : indice de bonne réponse hors limites : 3"),
        format!("{f}:13:15: erreur : une question « match » demande au moins 2 paires (ici 1)"),
        format!("{f}:15:15: erreur : une question « order » demande au moins 2 étapes (ici 1)"),
        format!("{f}:16:5: erreur : la question « r.e » n'a pas d'explication"),
        format!("{f}:17:5: erreur : la question « r.f » ne cite aucune source"),
        format!("{f}:18:88: erreur : source non déclarée : « absente »"),
        format!("{f}:19:34: erreur : identifiant de question en double : « r.g »"),
        format!("{f}:19:51: erreur : l'énoncé est vide"),
        format!("{f}:21:26: erreur : intervalle inversé : min 10 est plus grand que max 1"),
        format!(
            "{f}:22:56: erreur : « jean.martin@exemple.fr » ressemble à une adresse électronique"
        ),
        format!("{f}:23:27: erreur : « 1 85 05 75 123 456 73 » ressemble à un NIR"),
        format!(
            "{f}:6:54: avertissement : la source « inutile » n'est citée par aucune leçon ni question"
        ),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    // The offending line is shown under each message, rustc style.
    assert!(stdout.contains(r#""correct": [0, 1]},"#), "{stdout}");
    assert!(stdout.contains("^^^^^^"), "{stdout}");
}

#[test]
fn json_output_for_tools() {
    let out = conseil()
        .args(["check", "--json"])
        .arg(fixture("rules.json"))
        .assert()
        .code(1);
    let list: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("stdout is JSON");
    let items = list.as_array().expect("an array");
    assert_eq!(items.len(), 13);
    // In file order: the unused source (line 6) comes first.
    assert_eq!(items[0]["severity"], "warning");
    assert_eq!(items[0]["line"], 6);
    let second = &items[1];
    assert_eq!(second["severity"], "error");
    assert_eq!(second["line"], 9);
    assert_eq!(second["column"], 60);
    assert_eq!(second["path"], "questions[0].correct");
    // Every diagnostic has its stable code, errors included.
    assert_eq!(items[0]["code"], "unused-source");
    assert_eq!(second["code"], "single-key-count");
    assert!(
        items
            .iter()
            .all(|d| d["code"].as_str().is_some_and(|c| !c.is_empty()))
    );
}

#[test]
fn builtin_content_passes_with_warnings_denied() {
    conseil()
        .args(["check", "--deny-warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 erreur, 0 avertissement"));
}

/// A GIFT file conseil has never seen, with one flaw per question but the last: each warning
/// stands at the line where its question starts.
#[test]
fn item_writing_flaws_of_a_new_gift_file() {
    let file = fixture("defauts.gift");
    let f = file.display().to_string();
    let out = conseil().arg("check").arg(&file).assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for expected in [
        format!("{f}:5:1: avertissement : la bonne réponse est de loin l’option la plus longue"),
        format!(
            "{f}:12:1: avertissement : affirmation fausse qui porte le mot absolu « toujours »"
        ),
        format!("{f}:14:1: avertissement : option « Toutes les réponses ci-dessus »"),
        format!("{f}:14:1: avertissement : mot absolu « Toutes » dans une mauvaise réponse"),
        format!("{f}:20:1: avertissement : énoncé négatif (« ne … pas »)"),
        format!("{f}:26:1: avertissement : mot vague « Souvent » dans une option"),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    assert!(
        !stdout.contains(&format!("{f}:32:")),
        "the last question is well written:\n{stdout}"
    );
    assert!(stdout.contains("0 erreur, 6 avertissements."), "{stdout}");

    let out = conseil()
        .args(["check", "--json", "--deny-warnings"])
        .arg(&file)
        .assert()
        .code(1);
    let list: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("stdout is JSON");
    let codes: Vec<&str> = list
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "longest-option",
            "absolute-word",
            "absolute-word",
            "all-of-the-above",
            "negative-stem",
            "vague-word"
        ]
    );
}

#[test]
fn deny_warnings_fails_on_a_warning_and_lint_allow_is_summed_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.json");
    let module = |allow: &str| {
        format!(
            r#"{{"format_version": 1, "id": "m", "title": "M", "summary": "S",
  "sources": [{{"id": "s", "label": "Source"}}],
  "questions": [
    {{"kind": "true_false", "id": "m.jamais", "prompt": "Le médecin du travail reçoit toujours le diagnostic.",
      "explanation": "Non : secret médical.", "sources": ["s"], "answer": false,
      "lint_allow": [{allow}]}}
  ]}}"#
        )
    };
    std::fs::write(&path, module("")).expect("write");
    conseil().arg("check").arg(&path).assert().code(0);
    conseil()
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "0 erreur, 1 avertissement (refusé : --deny-warnings).",
        ));
    let allow = r#"{"code": "absolute-word", "reason": "L’idée reçue, mot pour mot."}"#;
    std::fs::write(&path, module(allow)).expect("write");
    conseil()
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 erreur, 0 avertissement."))
        .stdout(predicate::str::contains(
            "1 exception admise par « lint_allow » :",
        ))
        .stdout(predicate::str::contains(format!(
            "  {}:6 « m.jamais » absolute-word : L’idée reçue, mot pour mot.",
            path.display()
        )));
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("casse.json");
    std::fs::write(&path, "{\n  \"format_version\": 1,\n  \"id\": \"x\",,\n}").expect("write");
    conseil()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:3:13: erreur : un nom de champ doit être une chaîne entre guillemets",
            path.display()
        )))
        .stdout(predicate::str::contains("\"id\": \"x\",,"));
}

#[test]
fn type_error_is_french() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("type.json");
    std::fs::write(&path, r#"{"format_version": "un", "id": "x"}"#).expect("write");
    conseil()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "type inattendu : la chaîne \"un\" trouvé, un entier positif attendu",
        ));
}

#[test]
fn a_folder_is_checked_file_by_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("valid.json"), dir.path().join("a.json")).expect("copy");
    std::fs::write(dir.path().join("b.json"), [0xff, 0xfe, 0x00]).expect("write");
    std::fs::write(dir.path().join("notes.txt"), "pas du contenu").expect("write");
    conseil()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "b.json:1:1: erreur : le fichier n’est pas en UTF-8 valide (octet 0xFF)",
        ))
        .stdout(predicate::str::contains("2 fichiers vérifiés : 1 erreur"));
}

#[test]
fn duplicate_ids_across_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("valid.json"), dir.path().join("a.json")).expect("copy");
    let text = std::fs::read_to_string(fixture("valid.json"))
        .expect("read")
        .replace("\"id\": \"essai\"", "\"id\": \"essai-2\"");
    std::fs::write(dir.path().join("b.json"), text).expect("write");
    conseil()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "identifiant de question « essai.amende » déjà utilisé dans",
        ));
}

#[test]
fn newer_format_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("futur.json");
    let text = r#"{"format_version": 9, "id": "futur", "champ_nouveau": true}"#;
    std::fs::write(&path, text).expect("write");
    conseil()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("format 9, plus récent"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn huge_garbage_and_deep_nesting_fail_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let garbage = dir.path().join("garbage.json");
    let bytes: Vec<u8> = (0..50 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&garbage, bytes).expect("write");
    let deep = dir.path().join("deep.json");
    std::fs::write(
        &deep,
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .expect("write");
    let deep_obj = dir.path().join("deep-obj.json");
    std::fs::write(
        &deep_obj,
        format!(
            "{{\"format_version\": 1, \"id\": {}1{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    )
    .expect("write");
    conseil()
        .arg("check")
        .args([&garbage, &deep, &deep_obj])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("fichier trop volumineux (50 Mo)"))
        .stdout(predicate::str::contains(
            "deep.json:1:1: erreur : type inattendu : une liste",
        ))
        .stdout(predicate::str::contains("3 fichiers vérifiés : 3 erreurs"));
}

#[test]
fn stale_modules_are_listed() {
    // On 8 December 2026 (support::NOW), a module reviewed on 15 January is 327 days old.
    conseil()
        .args(["check", "--stale", "30"])
        .arg(fixture("valid.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "avertissement : module « essai » à relire : dernière relecture le 2026-01-15, il y a 327 jours (seuil : 30)",
        ));
    // Thirty days after the review it is not stale yet; a second after midnight it is.
    for (now, stale) in [
        ("2026-02-14T23:59:59+01:00", false),
        ("2026-02-15T00:00:01+01:00", true),
    ] {
        let out = conseil()
            .env("CONSEIL_NOW", now)
            .args(["check", "--stale", "30"])
            .arg(fixture("valid.json"))
            .assert()
            .code(0);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert_eq!(stdout.contains("à relire"), stale, "at {now}: {stdout}");
    }
}

#[test]
fn usage_errors_exit_2() {
    conseil()
        .args(["check", "/nulle/part.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chemin introuvable"));
    conseil().args(["check", "--stale", "abc"]).assert().code(2);
}

/// Characters that drive a terminal or change how a line reads.
fn steers(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
}

#[test]
fn hostile_content_never_drives_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A module whose text would retitle the window, write the clipboard and reverse a line.
    let file = dir.path().join("piège\u{1b}]0;x\u{7}.json");
    std::fs::write(
        &file,
        "{\"format_version\": 1, \"id\": \"piege\", \"title\": \"T\u{1b}]52;c;cGF5bG9hZA==\u{7}\u{202e}itre\", \"questions\": [}",
    )
    .expect("write");
    for json in [false, true] {
        let mut cmd = conseil();
        cmd.arg("check").arg(&file);
        if json {
            cmd.arg("--json");
        }
        let output = cmd.output().expect("runs");
        assert_eq!(output.status.code(), Some(1));
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.chars().any(steers), "{text:?}");
        }
    }
}

#[test]
fn hidden_characters_and_huge_texts_are_refused_where_they_stand() {
    let valid = std::fs::read_to_string(fixture("valid.json")).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    // The valid module with a direction override in its title and a 6,000-character prompt.
    let title_at = valid.find("\"title\"").expect("a title");
    let value_at = title_at + valid[title_at..].find(": \"").expect("its value") + 3;
    let mut hostile = valid.clone();
    hostile.insert(value_at, '\u{202e}');
    let prompt_at = hostile.find("\"prompt\": \"").expect("a prompt") + "\"prompt\": \"".len();
    hostile.insert_str(prompt_at, &"long ".repeat(1_200));
    let file = dir.path().join("piege.json");
    std::fs::write(&file, &hostile).expect("write");
    let output = conseil().arg("check").arg(&file).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains(
            "caractère interdit dans le texte : contrôle de direction d’écriture (U+202E)"
        ),
        "{out}"
    );
    assert!(out.contains("texte trop long pour « prompt »"), "{out}");
    // Where the override stands, so that the author finds what cannot be seen.
    let line = hostile[..value_at].matches('\n').count() + 1;
    assert!(out.contains(&format!("piege.json:{line}:")), "{out}");
    assert!(!out.chars().any(steers), "{out:?}");
}
