//! `action.yml` (the composite GitHub Action) stays consistent: every input
//! is documented in the README's input table and used by a step, no step
//! refers to an undefined input, inputs never appear inside `run:` scripts
//! (only through `env:`), every called action is pinned by commit, and the
//! default version is this crate's. tests/e2e/action.sh runs the steps.

use std::path::Path;

fn read(p: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p))
        .unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Input names: keys indented by two spaces under the top-level `inputs:`.
fn declared_inputs(action: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in action.lines() {
        if !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#') {
            inside = line == "inputs:";
            continue;
        }
        if inside {
            if let Some(key) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
                if !key.starts_with(' ') {
                    names.push(key.to_string());
                }
            }
        }
    }
    names
}

#[test]
fn action_inputs_are_documented_used_and_defined() {
    let action = read("action.yml");
    let readme = read("README.md");
    assert!(action.contains("\n  using: composite\n"));
    let inputs = declared_inputs(&action);
    assert!(inputs.len() >= 8, "{inputs:?}");
    let used_re = regex::Regex::new(r"inputs\.([A-Za-z0-9_-]+)").unwrap();
    let used: Vec<&str> = used_re
        .captures_iter(&action)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    for name in &inputs {
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "input `{name}` is not in the README's input table"
        );
        assert!(
            used.contains(&name.as_str()),
            "input `{name}` is never used"
        );
    }
    for name in &used {
        assert!(
            inputs.iter().any(|i| i == name),
            "action.yml refers to undefined input `{name}`"
        );
    }
    // README table rows name only real inputs.
    let section = readme.split("## GitHub Action").nth(1).unwrap();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let name = line[3..].split('`').next().unwrap();
        assert!(
            inputs.iter().any(|i| i == name),
            "README documents unknown input `{name}`"
        );
    }
}

#[test]
fn run_scripts_take_inputs_only_through_env() {
    let action = read("action.yml");
    let mut in_run = false;
    for line in action.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("run: |") {
            in_run = true;
            continue;
        }
        if in_run
            && (trimmed.starts_with("- ")
                || line.starts_with("    ") && !line.starts_with("        "))
        {
            in_run = false;
        }
        if in_run {
            assert!(
                !line.contains("${{"),
                "expression inside a run: script: {line}"
            );
        }
    }
}

#[test]
fn called_actions_are_pinned_and_version_is_ours() {
    let action = read("action.yml");
    let pinned = regex::Regex::new(r"uses: [\w./-]+@[0-9a-f]{40} # v\d").unwrap();
    for line in action
        .lines()
        .filter(|l| l.trim_start().starts_with("uses:"))
    {
        assert!(pinned.is_match(line), "not pinned by commit: {line}");
    }
    assert!(action.contains("upload-sarif@"));
    assert!(
        action.contains(&format!("    default: \"{}\"\n", env!("CARGO_PKG_VERSION"))),
        "the `version` input must default to Cargo.toml's version"
    );
    let readme = read("README.md");
    assert!(readme.contains(&format!(
        "uses: mcpward/mcpward@v{}",
        env!("CARGO_PKG_VERSION")
    )));
}
