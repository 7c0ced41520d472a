//! scripts/dist builds the release archives only from a committed tree. Run here in a small
//! repository of its own holding the script and Cargo.toml, with a `.ci/cross-setup` that
//! stops the run where the builds would start: the tests never build for other targets.
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Stands in for the real one, the first step after the checks: reaching it means the script
/// would have built.
const CROSS_SETUP: &str = "echo 'cross-setup reached' >&2\nexit 3\n";

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A repository with the script, Cargo.toml and the stand-in, all committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(root.join("scripts")).expect("scripts/");
    fs::create_dir_all(root.join(".ci")).expect(".ci/");
    fs::create_dir_all(root.join("quizzes")).expect("quizzes/");
    fs::copy(here.join("scripts/dist"), root.join("scripts/dist")).expect("the script");
    fs::copy(here.join("Cargo.toml"), root.join("Cargo.toml")).expect("Cargo.toml");
    fs::write(root.join(".ci/cross-setup"), CROSS_SETUP).expect("the stand-in");
    fs::write(root.join(".gitignore"), "target/\n").expect(".gitignore");
    fs::write(root.join("quizzes/module.json"), "{}\n").expect("a module");
    git(root, &["init", "--quiet"]);
    git(root, &["add", "."]);
    git(root, &["commit", "--quiet", "-m", "release"]);
    dir
}

fn dist(repo: &Path) -> Output {
    Command::new("bash")
        .arg(repo.join("scripts/dist"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("CARGO_TARGET_DIR")
        // The temp folder may sit inside a repository: git must not look above it.
        .env("GIT_CEILING_DIRECTORIES", repo.parent().expect("parent"))
        .output()
        .expect("bash runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const REFUSED: &str = "scripts/dist : des fichiers ne sont pas enregistrés dans un commit";

#[test]
fn a_committed_tree_goes_on_to_the_builds() {
    let repo = repo();
    // Ignored files (the build's) do not count.
    fs::create_dir_all(repo.path().join("target")).expect("target/");
    fs::write(repo.path().join("target/old"), "x").expect("ignored");
    let output = dist(repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{err}");
    assert!(err.contains("cross-setup reached"), "{err}");
    assert!(!err.contains(REFUSED), "{err}");
}

#[test]
fn a_modified_or_untracked_file_is_refused_before_anything_is_built() {
    for (what, change) in [
        ("modified", "quizzes/module.json"),
        ("untracked", "quizzes/nouveau.json"),
    ] {
        let repo = repo();
        fs::write(repo.path().join(change), "{\"changé\": true}\n").expect("a change");
        let output = dist(repo.path());
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(REFUSED), "{what}: {err}");
        assert!(err.contains(change), "{what}: the file is named: {err}");
        assert!(
            err.contains("git commit") && err.contains("git stash"),
            "{err}"
        );
        assert!(!err.contains("cross-setup reached"), "{what}: {err}");
        assert!(!repo.path().join("target/dist").exists(), "{what}");
    }
}

#[test]
fn outside_a_git_repository_nothing_is_built() {
    let repo = repo();
    fs::remove_dir_all(repo.path().join(".git")).expect("no repository");
    let output = dist(repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("scripts/dist : l’état du dépôt git est illisible"),
        "{err}"
    );
    assert!(!err.contains("cross-setup reached"), "{err}");
}
