//! Dogfood corpus: realistic MCP configs of every supported client, written
//! after the shapes found in server READMEs and public repositories
//! (`tests/fixtures/real-world/<client>/<case>/<the client's own path>`).
//! Every secret in them is a placeholder or a variable reference.
//!
//! - `findings` snapshots every finding over the whole corpus (sorted, one
//!   line each, with pointer and message), so any change in what mcpward
//!   reports on real configs shows up in review;
//! - `counts` snapshots the findings per rule;
//! - `clean_fixtures_stay_clean` is the precision check: well-pinned,
//!   secret-free configs must produce no finding at all;
//! - `every_fixture_is_recognised` fails when a fixture is not read as the
//!   client its folder names (a fixture that silently scans as nothing
//!   would make the other tests pass for the wrong reason).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const CORPUS: &str = "tests/fixtures/real-world";

/// Case folders (`<client>/<case>`) that must produce zero findings.
const CLEAN: &[&str] = &[
    "amazon-q/project",
    "claude-code/env-defaults",
    "claude-code/plugin",
    "claude-code/remote-http",
    "claude-desktop/pinned-clean",
    "claude-desktop/windows-paths",
    "claude-desktop/with-preferences",
    "cursor/context7-remote",
    "cursor/database-urls",
    "cursor/env-file",
    "gemini-cli/extension",
    "lm-studio/user",
    "vscode/github-remote",
    "windsurf/remote",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON report of one run over `path` (relative to the crate root),
/// with an empty fake home and no user configuration.
fn scan(path: &str) -> Value {
    let home = tempfile::tempdir().expect("temp home");
    let out = Command::new(env!("CARGO_BIN_EXE_mcpward"))
        .current_dir(root())
        .arg("--home")
        .arg(home.path())
        .args(["--format", "json", path])
        .env_remove("MCPWARD_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run mcpward");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(
        v["errors"].as_array().map(Vec::len),
        Some(0),
        "errors: {}",
        v["errors"]
    );
    v
}

fn findings_of(v: &Value) -> &[Value] {
    v["findings"].as_array().map_or(&[], Vec::as_slice)
}

fn rel(path: &str) -> String {
    path.replace('\\', "/")
        .trim_start_matches(&format!("{CORPUS}/"))
        .to_string()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read fixture dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_is_recognised() {
    let v = scan(CORPUS);
    let scanned: BTreeMap<String, String> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                rel(f["path"].as_str().expect("path")),
                f["client"].as_str().expect("client").to_string(),
            )
        })
        .collect();
    let mut on_disk = Vec::new();
    files_under(&root().join(CORPUS), &mut on_disk);
    assert!(on_disk.len() >= 40, "corpus too small: {}", on_disk.len());
    for p in on_disk {
        let r = p
            .strip_prefix(root().join(CORPUS))
            .expect("inside corpus")
            .to_string_lossy()
            .replace('\\', "/");
        let folder = r.split('/').next().expect("client folder");
        assert_eq!(
            scanned.get(&r).map(String::as_str),
            Some(folder),
            "{r} is not read as a {folder} file"
        );
    }
}

#[test]
fn findings() {
    let v = scan(CORPUS);
    let mut lines: Vec<String> = findings_of(&v)
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}[{}] {} | {}",
                rel(f["path"].as_str().unwrap_or("")),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or(""),
                f["pointer"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    lines.sort();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn counts() {
    let v = scan(CORPUS);
    let mut per_rule: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for f in findings_of(&v) {
        *per_rule
            .entry(f["rule"].as_str().unwrap_or("").to_string())
            .or_default()
            .entry(f["severity"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let files = v["files"].as_array().map_or(0, Vec::len);
    let servers: usize = v["files"].as_array().map_or(0, |fs| {
        fs.iter()
            .map(|f| f["servers"].as_array().map_or(0, Vec::len))
            .sum()
    });
    let mut out = format!(
        "{files} files, {servers} servers, {} findings\n",
        findings_of(&v).len()
    );
    for (rule, sev) in per_rule {
        let total: usize = sev.values().sum();
        let detail: Vec<String> = sev.iter().map(|(s, n)| format!("{s} {n}")).collect();
        out.push_str(&format!("{rule}: {total} ({})\n", detail.join(", ")));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn clean_fixtures_stay_clean() {
    for case in CLEAN {
        let path = format!("{CORPUS}/{case}");
        assert!(root().join(&path).is_dir(), "missing clean fixture {path}");
        let v = scan(&path);
        assert!(
            v["files"].as_array().is_some_and(|f| !f.is_empty()),
            "{case}: nothing scanned"
        );
        let got: Vec<String> = findings_of(&v)
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["message"]))
            .collect();
        assert!(got.is_empty(), "{case} should be clean: {got:#?}");
    }
}
