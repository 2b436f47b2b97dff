//! Generated documentation stays in sync with its sources: `docs/rules.md`
//! and the README's rule and client tables come from the rules' own docs and
//! `known-clients/`. When a rule or client changes, run
//! `MCPWARD_BLESS=1 cargo test --test docs` to rewrite them.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mcpward::docs;
use mcpward::rules::RULES;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("MCPWARD_BLESS").is_some()
}

fn check_file(path: PathBuf, want: &str) {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        panic!(
            "{} is stale (a rule or client changed): run `{}` to regenerate it",
            path.display(),
            docs::BLESS_HINT
        );
    }
}

#[test]
fn rules_md_is_generated_from_rule_docs() {
    check_file(root().join("docs/rules.md"), &docs::rules_markdown());
}

#[test]
fn configuration_option_table_is_generated() {
    let path = root().join("docs/configuration.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let want = docs::refresh_configuration(&doc).unwrap_or_else(|| {
        panic!(
            "docs/configuration.md must hold <!-- options:start -->/<!-- options:end --> markers"
        )
    });
    check_file(path, &want);
    for r in RULES {
        for o in r.meta().options {
            assert!(want.contains(&format!("| `{}` |", o.name)), "{}", o.name);
        }
    }
}

#[test]
fn readme_tables_are_generated() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let want = docs::refresh_readme(&readme)
        .and_then(|r| docs::splice(&r, "sample", &sample_output()))
        .unwrap_or_else(|| {
            panic!(
                "README.md must hold <!-- NAME:start -->/<!-- NAME:end --> markers \
                 for NAME = rules, clients and sample"
            )
        });
    check_file(path, &want);
}

/// The command shown in the README's sample, run from the repository root.
const SAMPLE_ARGS: &[&str] = &["examples/claude-desktop/claude_desktop_config.json"];

/// Real output of the binary on an example, for the README.
fn sample_output() -> String {
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .arg("--no-color")
        .args(SAMPLE_ARGS)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.trim().is_empty() && out.status.code() == Some(1),
        "the sample example should have findings:\n{text}"
    );
    format!(
        "```text\n$ mcpward {}\n{}```\n",
        SAMPLE_ARGS.join(" "),
        text.trim_end_matches('\n').to_string() + "\n"
    )
}

#[test]
fn every_rule_and_client_is_in_the_generated_docs() {
    let rules_md = docs::rules_markdown();
    let table = docs::rules_table("docs/rules.md");
    for r in RULES {
        let m = r.meta();
        // The heading is the anchor help_uri points at.
        assert!(rules_md.contains(&format!("\n## {}\n", m.id)), "{}", m.id);
        assert!(m.help_uri().ends_with(&format!("docs/rules.md#{}", m.id)));
        assert!(table.contains(&format!("[`{0}`](docs/rules.md#{0})", m.id)));
        // Rule docs have the sections the design asks for.
        for section in [
            "## What it does",
            "## Why it matters",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            assert!(m.docs.contains(section), "{}: missing {section}", m.id);
        }
    }
    let clients = docs::clients_table();
    for c in mcpward::clients::all().iter().filter(|c| c.id != "generic") {
        assert!(
            clients.contains(&format!("| {} | `{}` |", c.name, c.id)),
            "{}",
            c.id
        );
    }
}

#[test]
fn rules_command_lists_every_rule() {
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for r in RULES {
        let m = r.meta();
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{} ", m.id)))
            .unwrap_or_else(|| panic!("{} not listed:\n{text}", m.id));
        assert!(line.contains(m.default_severity.name()), "{line}");
        assert!(line.contains(m.summary), "{line}");
    }
}

/// `mcpward rules --format json` prints JSON (it printed the text table
/// before); formats with no meaning for a rule list are refused.
#[test]
fn rules_command_prints_json() {
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), RULES.len());
    for (r, j) in RULES.iter().zip(list) {
        let m = r.meta();
        assert_eq!(j["id"], m.id);
        assert_eq!(j["default_severity"], m.default_severity.name());
        assert_eq!(j["summary"], m.summary);
        assert_eq!(j["precision"], m.precision);
        assert_eq!(j["help_uri"], m.help_uri());
    }
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .args(["rules", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_full_docs_and_suggests_on_typos() {
    for r in RULES {
        let m = r.meta();
        let out = Command::cargo_bin("mcpward")
            .unwrap()
            .args(["explain", m.id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(&format!("# {}\n", m.id)), "{text}");
        assert!(text.contains(m.docs.trim()), "{}: docs not printed", m.id);
        assert!(text.contains(&m.help_uri()));
    }
    let first = RULES[0].meta().id;
    let typo = format!("{}x", first);
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .args(["explain", &typo])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("did you mean `{first}`")), "{err}");
    assert!(out.stdout.is_empty());
}

/// The README's two first-run commands stay exactly these, and CI runs the
/// same test command.
#[test]
fn readme_commands_match_ci() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or("").trim())
        .collect();
    assert_eq!(
        &blocks[..2],
        ["cargo install --locked --path . && mcpward", "cargo test"],
        "the first two sh blocks of README.md are the fresh-machine commands"
    );
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == blocks[1]),
        ".ci/run must run the README's test command `{}`",
        blocks[1]
    );
}
