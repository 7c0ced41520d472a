//! `conseil import` and `conseil export` as a trainer runs them: output, positions, exit
//! codes, and GIFT files in content folders.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gift")
        .join(name)
}

mod support;

fn conseil() -> Command {
    support::conseil()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

#[test]
fn import_writes_a_module_that_check_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("choix.json");
    conseil()
        .arg("import")
        .arg(fixture("choix.gift"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "✓ 5 questions et 0 leçon importées",
        ));
    conseil()
        .arg("check")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 erreur"));
}

#[test]
fn import_writes_to_stdout_by_default() {
    let output = conseil()
        .arg("import")
        .arg(fixture("numerique.gift"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let m = json(&output.stdout);
    assert_eq!(m["id"], "numerique");
    assert_eq!(m["format_version"], 1);
    assert_eq!(m["sources"][0]["id"], "gift");
    assert_eq!(m["sources"][0]["label"], "numerique.gift");
    assert_eq!(
        m["questions"][3]["feedback_other"],
        "Relisez les taux des IJ AT/MP."
    );
}

#[test]
fn import_id_option_names_the_module_and_prefixes_ids() {
    let output = conseil()
        .args(["import", "--id", "ij-at"])
        .arg(fixture("numerique.gift"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let m = json(&output.stdout);
    assert_eq!(m["id"], "ij-at");
    assert_eq!(m["questions"][0]["id"], "ij-at.carence");
}

#[test]
fn import_usage_errors_exit_2() {
    conseil()
        .args(["import", "--id", "pas un id"])
        .arg(fixture("numerique.gift"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("identifiant de module invalide"));
    conseil()
        .args(["import", "absent.gift"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "absent.gift : fichier introuvable",
        ));
    conseil().arg("import").assert().code(2);
}

#[test]
fn import_errors_exit_1_with_positions_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sortie.json");
    conseil()
        .arg("import")
        .arg(fixture("erreur_accolade.gift"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains(
                "erreur_accolade.gift:4:41: erreur : accolade « { » sans accolade fermante « } »",
            )
            // The rustc-style snippet of the line, and the help.
            .and(predicate::str::contains(
                "::Mauvais::Quel taux pour l’IJ maladie ?{",
            ))
            .and(predicate::str::contains("aide:"))
            .and(predicate::str::contains("rien n’a été importé")),
        );
    assert!(!out.exists());
}

#[test]
fn import_skip_invalid_writes_the_valid_questions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("melange.json");
    conseil()
        .args(["import", "--skip-invalid"])
        .arg(fixture("melange.gift"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("melange.gift:5:43: erreur")
                .and(predicate::str::contains("melange.gift:9:28: erreur"))
                .and(predicate::str::contains("2 blocs ignorés pour 3 erreurs")),
        );
    let m = json(&std::fs::read(&out).expect("written"));
    assert_eq!(m["questions"].as_array().map(Vec::len), Some(3));
    conseil().arg("check").arg(&out).assert().code(0);
}

#[test]
fn export_writes_gift_and_lists_conversions() {
    conseil()
        .args(["export", "--gift"])
        .arg(fixture("module.json"))
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("$CATEGORY: Arrêt de travail (essai GIFT)")
                .and(predicate::str::contains("// [id:essai-gift.carence]\n// [tag:carence]\n::essai-gift.carence::[markdown]Après combien"))
                .and(predicate::str::contains("\t=Étape 1 -> Consolidation"))
                // A case's question goes alone, tagged with its case.
                .and(predicate::str::contains("// [id:essai-gift.cas.delai]\n// [tag:essai-gift.cas]\n::"))
                .and(predicate::str::contains("\t~#Relisez les taux des IJ AT/MP.")),
        )
        .stderr(
            predicate::str::contains(
                "conversion : question « essai-gift.procedure-ip » (à ordonner) : exportée en appariement",
            )
            .and(predicate::str::contains(
                "conversion : question « essai-gift.cas.delai » du cas « Un arrêt qui se prolonge », étape 1 « ",
            ))
            .and(predicate::str::contains("✓ module « essai-gift » : 9 questions exportées")),
        );
}

#[test]
fn export_then_import_gives_the_questions_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gift = dir.path().join("essai.gift");
    conseil()
        .args(["export", "--gift"])
        .arg(fixture("module.json"))
        .arg("-o")
        .arg(&gift)
        .assert()
        .code(0);
    let output = conseil()
        .args(["import", "--id", "essai-gift"])
        .arg(&gift)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let back = json(&output.stdout);
    let original = json(&std::fs::read(fixture("module.json")).expect("fixture"));
    let lessons = back["lessons"].as_array().expect("lessons");
    assert_eq!(lessons[0]["id"], original["lessons"][0]["id"]);
    assert_eq!(lessons[0]["body"], original["lessons"][0]["body"]);
    let questions = back["questions"].as_array().expect("questions");
    // The quiz's 8 questions, then the case's one, as plain questions.
    assert_eq!(questions.len(), 9);
    for (q, o) in questions
        .iter()
        .zip(original["questions"].as_array().expect("questions"))
    {
        assert_eq!(q["id"], o["id"]);
        assert_eq!(q["prompt"], o["prompt"]);
        assert_eq!(q["explanation"], o["explanation"]);
        assert_eq!(q["kind"], o["kind"]);
        // Tags come back as they were: none added for the file's category.
        assert_eq!(q["tags"], o["tags"]);
    }
    assert_eq!(questions[8]["tags"], serde_json::json!(["essai-gift.cas"]));
    let numeric = &questions[4];
    assert_eq!(numeric["unit"], "%");
    assert_eq!(numeric["feedback_other"], "Relisez les taux des IJ AT/MP.");
    let open = &questions[7];
    assert_eq!(
        open["model_answer"],
        original["questions"][7]["model_answer"]
    );
    assert_eq!(open["checklist"], original["questions"][7]["checklist"]);
}

#[test]
fn export_by_id_from_a_content_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("module.json"), dir.path().join("essai.json")).expect("copy");
    conseil()
        .arg("--content")
        .arg(dir.path())
        .args(["export", "essai-gift", "--gift"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "$CATEGORY: Arrêt de travail (essai GIFT)",
        ));
}

#[test]
fn export_usage_errors_exit_2() {
    conseil()
        .args(["export", "pas-de-tel-module", "--gift"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "module « pas-de-tel-module » introuvable",
        ));
    conseil()
        .args(["export", "absent.json", "--gift"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fichier introuvable"));
    // The format must be named.
    conseil()
        .arg("export")
        .arg(fixture("module.json"))
        .assert()
        .code(2);
}

#[test]
fn export_of_a_broken_file_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("casse.json");
    std::fs::write(&broken, "{ \"id\": ").expect("write");
    conseil()
        .args(["export", "--gift"])
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("casse.json:1:"));
}

#[test]
fn gift_files_in_a_content_folder_load_as_modules() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("numerique.gift"), dir.path().join("numerique.gift")).expect("copy");
    std::fs::copy(
        fixture("erreur_poids.gift"),
        dir.path().join("erreur_poids.gift"),
    )
    .expect("copy");
    // check reads them, and reports the broken one at its place.
    conseil()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("erreur_poids.gift:2:2: erreur : poids de 33 %")
                .and(predicate::str::contains("2 fichiers vérifiés")),
        );
    // The valid one is a module of the catalog.
    conseil()
        .arg("--content")
        .arg(dir.path())
        .args(["export", "numerique", "--gift"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("::numerique.carence::"));
}
