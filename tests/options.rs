//! Every documented rule option changes a result. For each option that a
//! rule declares (`mcpward rules` / docs/configuration.md), the fixture
//! `tests/fixtures/options/<rule-id>/<option>/` holds a project with a
//! `mcpward.toml` that sets only that option, and `expect.txt`: the
//! findings (`rule pointer`) the option removes (`-`) or adds (`+`). The
//! CLI runs over the project without and with its `mcpward.toml` and the
//! difference must be exactly that. A new option without such a fixture,
//! or a fixture for an option no rule declares, fails here.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/options")
}

/// Copy a fixture into a temporary project (with `.git`, so the search for
/// mcpward.toml stops there, and a fake home); `with_config` decides
/// whether its mcpward.toml comes along.
fn project(fixture: &Path, with_config: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    copy(fixture, dir.path(), with_config);
    dir
}

fn copy(from: &Path, to: &Path, with_config: bool) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        let target = to.join(&name);
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&e.path(), &target, with_config);
        } else if name != "expect.txt" && (with_config || name != "mcpward.toml") {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// (rule, pointer) of every finding of a `--format json` run in `dir`.
fn findings(dir: &Path) -> BTreeSet<(String, String)> {
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("--home")
        .arg(dir.join("home"))
        .args(["--platform", "linux", "--format", "json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `expect.txt`: (`+` or `-`, rule, pointer) per line; `#` comments.
fn expected(path: &Path) -> BTreeSet<(char, String, String)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (every option needs one)", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut w = l.split_whitespace();
            let (Some(sign), Some(rule), Some(pointer), None) =
                (w.next(), w.next(), w.next(), w.next())
            else {
                panic!("{}: bad line {l:?}", path.display())
            };
            let sign = match sign {
                "+" => '+',
                "-" => '-',
                _ => panic!("{}: bad line {l:?}", path.display()),
            };
            (sign, rule.to_string(), pointer.to_string())
        })
        .collect()
}

/// The fixture's mcpward.toml must set this option and nothing else, so
/// the difference is the option's doing.
fn check_config_sets_only(dir: &Path, rule: &str, option: &str) {
    let text = std::fs::read_to_string(dir.join("mcpward.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let keys: Vec<&String> = doc.keys().collect();
    assert_eq!(keys, ["rules"], "{}", dir.display());
    let rules = doc["rules"].as_table().unwrap();
    let ids: Vec<&String> = rules.keys().collect();
    assert_eq!(ids, [rule], "{}", dir.display());
    let set: Vec<&String> = rules[rule].as_table().unwrap().keys().collect();
    assert_eq!(set, [option], "{}", dir.display());
}

#[test]
fn every_documented_option_changes_a_result() {
    let mut covered = BTreeSet::new();
    for rule in mcpward::rules::RULES {
        let meta = rule.meta();
        for option in meta.options {
            let dir = root().join(meta.id).join(option.name);
            assert!(
                dir.is_dir(),
                "option `{}` of `{}` has no fixture {}",
                option.name,
                meta.id,
                dir.display()
            );
            check_config_sets_only(&dir, meta.id, option.name);
            let want = expected(&dir.join("expect.txt"));
            assert!(!want.is_empty(), "{}: expects no change", dir.display());
            let without = findings(project(&dir, false).path());
            let with = findings(project(&dir, true).path());
            let got: BTreeSet<(char, String, String)> = without
                .difference(&with)
                .map(|(r, p)| ('-', r.clone(), p.clone()))
                .chain(
                    with.difference(&without)
                        .map(|(r, p)| ('+', r.clone(), p.clone())),
                )
                .collect();
            assert_eq!(
                got,
                want,
                "{}: difference made by the option (without: {without:?})",
                dir.display()
            );
            // The rule still reports something the option does not cover
            // (or the option added findings): the option is not a switch.
            assert!(
                with.iter().any(|(r, _)| r == meta.id),
                "{}: no finding of {} left with the option",
                dir.display(),
                meta.id
            );
            covered.insert(format!("{}/{}", meta.id, option.name));
        }
    }
    // No fixture for an option that no rule declares.
    for rule_dir in std::fs::read_dir(root()).unwrap() {
        let rule_dir = rule_dir.unwrap();
        for opt in std::fs::read_dir(rule_dir.path()).unwrap() {
            let name = format!(
                "{}/{}",
                rule_dir.file_name().to_string_lossy(),
                opt.unwrap().file_name().to_string_lossy()
            );
            assert!(
                covered.contains(&name),
                "fixture {name} is for no documented option"
            );
        }
    }
}

/// A wrongly written option is an error that points into mcpward.toml.
#[test]
fn option_errors_point_into_the_file() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "[rules.hardcoded-secret]\nallow-regex = [\"(\"]\n",
            "invalid regular expression",
            "mcpward.toml:2:",
        ),
        (
            "[rules.hardcoded-secret]\nallow-sha256 = [\"abc\"]\n",
            "not a SHA-256 digest",
            "mcpward.toml:2:",
        ),
        (
            "[rules.hardcoded-secret]\nallowed-dirs = [\"~/x\"]\n",
            "`allowed-dirs` is an option of rule `broad-filesystem-access`, not of `hardcoded-secret`",
            "move it under [rules.broad-filesystem-access]",
        ),
        (
            "[rules.hardcoded-secret]\nignore-envs = [\"X\"]\n",
            "unknown field `ignore-envs`",
            "did you mean `ignore-env`?",
        ),
        (
            "[rules.auto-approve-destructive]\nallowed-dir = [\"~/x\"]\n",
            "unknown field `allowed-dir`",
            "did you mean `allowed-dirs`? (an option of rule `broad-filesystem-access`)",
        ),
        (
            "[rules.hardcoded-secret]\nextra-patterns = [{ name = \"x\", regex = \"a\", flags = \"i\" }]\n",
            "unknown field `flags`",
            "mcpward.toml:2:",
        ),
        (
            "[rules.unpinned-package]\npins = { \"@acme/*\" = \"loose\" }\n",
            "unknown pin policy `loose`",
            "use one of: exact, digest, any",
        ),
        (
            "[rules.shell-wrapper]\npins = {}\n",
            "`pins` is an option of rule `unpinned-package`",
            "move it under [rules.unpinned-package]",
        ),
        (
            "[rules.broad-filesystem-access]\nallowed-dirs = \"~/x\"\n",
            "invalid type",
            "mcpward.toml:2:",
        ),
    ];
    for (toml, message, detail) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join("mcpward.toml"), toml).unwrap();
        let out = Command::cargo_bin("mcpward")
            .unwrap()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .arg("--home")
            .arg(dir.path())
            .arg(".")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{toml}: {err}");
        assert!(err.contains(message), "{toml}: {err}");
        assert!(err.contains(detail), "{toml}: {err}");
    }
}
