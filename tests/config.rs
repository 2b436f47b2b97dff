//! Configuration, suppressions and baselines through the CLI, in temporary
//! projects (each with a `.git` folder so the upward search for
//! mcpward.toml stops at the project root) and a fake home.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        Project { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("mcpward")
            .unwrap()
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .arg("--home")
            .arg(self.root().join("home"))
            .args(["--platform", "linux"])
            .args(args)
            .assert()
    }

    /// Run with `--format json`; returns (exit code, parsed output).
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let out = self.cmd(&all).get_output().clone();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().unwrap_or(-1), v)
    }
}

/// (rule, pointer) of every reported finding.
fn found(v: &Value) -> Vec<(String, String)> {
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

fn pair(rule: &str, pointer: &str) -> (String, String) {
    (rule.to_string(), pointer.to_string())
}

/// Two Cursor servers, each with a misspelled key (`arg` → invalid-config).
const CURSOR_TWO_TYPOS: &str = r#"{
  "mcpServers": {
    "a": { "command": "npx", "arg": ["x"] },
    "ab": { "command": "npx", "arg": ["y"] }
  }
}
"#;

#[test]
fn rule_severity_override_and_disable() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    let (code, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["severity"], "medium");

    p.write(
        "mcpward.toml",
        "[rules.invalid-config]\nseverity = \"critical\"\n",
    );
    let (code, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["critical"], 2);
    assert_eq!(v["findings"][1]["severity"], "critical");
    // --fail-on compares the configured severity.
    p.write(
        "mcpward.toml",
        "[rules.invalid-config]\nseverity = \"low\"\n",
    );
    let (code, v) = p.json(&["--fail-on", "medium", ".cursor/mcp.json"]);
    assert_eq!((code, v["summary"]["low"].as_u64()), (0, Some(2)));

    p.write("mcpward.toml", "[rules.invalid-config]\nenabled = false\n");
    let (code, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(code, 0);
    assert!(found(&v).is_empty());
}

#[test]
fn unknown_key_is_an_error_with_line_and_column() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        "# project settings\n[rules.invalid-config]\n  enabeld = false\n",
    );
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown field `enabeld`"), "{err}");
    assert!(err.contains("mcpward.toml:3:3"), "{err}");
    assert!(err.contains("did you mean `enabled`?"), "{err}");
    assert!(out.stdout.is_empty());
    // stderr is not a terminal: plain text, like the human report.
    assert!(!err.contains('╭') && !err.contains('─'), "{err}");
    assert!(err.contains(",-[mcpward.toml:3:3]"), "{err}");

    // Unknown keys at the top level and in [[ignore]] too.
    p.write("mcpward.toml", "[rule.invalid-config]\nenabled = false\n");
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown field `rule`") && err.contains("mcpward.toml:1:2"),
        "{err}"
    );
    p.write(
        "mcpward.toml",
        "[[ignore]]\npath = \"x\"\nline = 4\nrules = [\"invalid-config\"]\nreason = \"r\"\n",
    );
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown field `line`") && err.contains("mcpward.toml:3:1"),
        "{err}"
    );
}

#[test]
fn unknown_rule_id_is_an_error_with_suggestion() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write("mcpward.toml", "[rules.invalid-confg]\nenabled = false\n");
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown rule `invalid-confg`"), "{err}");
    assert!(err.contains("mcpward.toml:1:8"), "{err}");
    assert!(err.contains("did you mean `invalid-config`?"), "{err}");

    p.write(
        "mcpward.toml",
        "[[ignore]]\npath = \"*\"\nrules = [\"invalid-config\", \"unused-ignor\"]\nreason = \"r\"\n",
    );
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown rule `unused-ignor`"), "{err}");
    assert!(err.contains("did you mean `unused-ignore`?"), "{err}");
}

#[test]
fn missing_reason_in_config_is_an_error() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        "[[ignore]]\npath = \".cursor/mcp.json\"\nrules = [\"invalid-config\"]\n",
    );
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing field `reason`"), "{err}");
}

#[test]
fn ignore_by_path_glob_and_pointer_prefix() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        r#"
[[ignore]]
path = ".cursor/*.json"
pointer = "/mcpServers/a"
rules = ["invalid-config"]
reason = "server a is a test fixture"
"#,
    );
    let (code, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(code, 1);
    // `/mcpServers/a` covers `/mcpServers/a/arg`, not `/mcpServers/ab/arg`.
    assert_eq!(
        found(&v),
        vec![pair("invalid-config", "/mcpServers/ab/arg")]
    );
    assert_eq!(v["summary"]["suppressed"], 1);
    let out = p.cmd(&[".cursor/mcp.json"]).get_output().clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Not shown: 1 suppressed."), "{text}");

    // Exact pointer, and a glob that does not match the file.
    p.write(
        "mcpward.toml",
        r#"
[[ignore]]
path = "**/mcp.json"
pointer = "/mcpServers/ab/arg"
rules = ["invalid-config"]
reason = "fixture"

[[ignore]]
path = "mcp.json"
rules = ["invalid-config"]
reason = "only the root-level mcp.json"
"#,
    );
    let (_, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(found(&v), vec![pair("invalid-config", "/mcpServers/a/arg")]);
}

#[test]
fn ignore_by_server_and_config_found_from_the_file_upwards() {
    let p = Project::new();
    p.write("sub/.cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        r#"
[[ignore]]
path = "sub/.cursor/mcp.json"
server = "ab"
rules = ["invalid-config"]
reason = "vendored"
"#,
    );
    // Run from inside the sub folder: the config is found upwards and its
    // paths stay relative to its own folder.
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .current_dir(p.root().join("sub"))
        .args(["--format", "json", ".cursor/mcp.json"])
        .args(["--home", p.root().join("home").to_str().unwrap()])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found(&v), vec![pair("invalid-config", "/mcpServers/a/arg")]);

    // --config takes a file anywhere, and paths are relative to its folder.
    let other = p.write(
        "elsewhere/team.toml",
        "[[ignore]]\npath = \"../sub/.cursor/mcp.json\"\nserver = \"a\"\nrules = [\"invalid-config\"]\nreason = \"r\"\n",
    );
    let (_, v) = p.json(&["--config", other.to_str().unwrap(), "sub/.cursor/mcp.json"]);
    assert_eq!(
        found(&v),
        vec![pair("invalid-config", "/mcpServers/ab/arg")]
    );
    p.cmd(&["--config", "missing.toml", "sub"]).code(2);
}

#[test]
fn inline_jsonc_same_line_and_line_before() {
    let p = Project::new();
    p.write(
        ".vscode/mcp.json",
        r#"{
  "servers": {
    "a": { "command": "npx", "arg": ["x"] }, // mcpward-ignore: invalid-config -- same line
    // mcpward-ignore: unused-ignore, invalid-config -- line before
    // (a second comment line between is fine)
    "b": { "command": "npx", "arg": ["y"] },
    "c": { "command": "npx", "arg": ["z"] }
  }
}
"#,
    );
    let (code, v) = p.json(&[".vscode/mcp.json"]);
    assert_eq!(code, 1);
    // `unused-ignore` named on line 4 matched nothing: reported at its id.
    assert_eq!(
        found(&v),
        vec![
            pair("unused-ignore", ""),
            pair("invalid-config", "/servers/c/arg")
        ]
    );
    assert_eq!(v["findings"][0]["line"], 4);
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn inline_toml_same_line_and_line_before() {
    let p = Project::new();
    p.write(
        ".codex/config.toml",
        r#"[mcp_servers.a]
command = "npx"
arg = ["x"] # mcpward-ignore: invalid-config -- same line

[mcp_servers.b]
command = "npx # mcpward-ignore: invalid-config -- inside a string, not a comment"
# mcpward-ignore: invalid-config -- line before
evn = { A = "1" }
cwdd = "x"
"#,
    );
    let (_, v) = p.json(&[".codex/config.toml"]);
    assert_eq!(
        found(&v),
        vec![pair("invalid-config", "/mcp_servers/b/cwdd")]
    );
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn inline_ignore_without_reason_is_reported_and_not_applied() {
    let p = Project::new();
    p.write(
        ".vscode/mcp.json",
        r#"{
  "servers": {
    // mcpward-ignore: invalid-config
    "a": { "command": "npx", "arg": ["x"] },
    "b": { "command": "npx", "arg": ["y"] } // mcpward-ignore: invalid-confg -- typo
  }
}
"#,
    );
    let (_, v) = p.json(&[".vscode/mcp.json"]);
    let got = found(&v);
    assert_eq!(
        got,
        vec![
            pair("unused-ignore", ""),
            pair("invalid-config", "/servers/a/arg"),
            pair("invalid-config", "/servers/b/arg"),
            pair("unused-ignore", ""),
        ]
    );
    let msgs: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(msgs[0].contains("without a reason"), "{msgs:?}");
    assert!(msgs[3].contains("unknown rule `invalid-confg`"), "{msgs:?}");
}

#[test]
fn strict_json_comments_are_not_suppressions() {
    let p = Project::new();
    p.write(
        ".cursor/mcp.json",
        "{\n  \"mcpServers\": {\n    // mcpward-ignore: invalid-config -- not read in strict JSON\n    \"a\": { \"command\": \"npx\", \"arg\": [\"x\"] }\n  }\n}\n",
    );
    let (_, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!(
        found(&v),
        vec![
            pair("invalid-config", ""),
            pair("invalid-config", "/mcpServers/a/arg")
        ]
    );
}

#[test]
fn unused_config_ignores_are_reported_in_mcpward_toml() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        r#"# ignores
[[ignore]]
path = ".cursor/mcp.json"
server = "gone"
rules = ["invalid-config"]
reason = "server was removed"

[[ignore]]
path = ".vscode/mcp.json"
rules = ["invalid-config"]
reason = "file was removed"

[[ignore]]
path = ".cursor/mcp.json"
rules = ["invalid-config"]
reason = "in use"
"#,
    );
    // A walk of the project judges every entry.
    let (code, v) = p.json(&["."]);
    assert_eq!(code, 1);
    let stale: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused-ignore")
        .collect();
    assert_eq!(stale.len(), 2, "{v:#}");
    assert_eq!(stale[0]["path"], "mcpward.toml");
    assert_eq!(stale[0]["line"], 2);
    assert_eq!(stale[0]["pointer"], "/ignore/0");
    assert!(stale[0]["message"]
        .as_str()
        .unwrap()
        .contains("matched no finding"));
    assert_eq!(stale[1]["line"], 8);
    assert!(stale[1]["message"]
        .as_str()
        .unwrap()
        .contains("matched no scanned file"));
    assert_eq!(v["summary"]["suppressed"], 2);

    // Linting one file (pre-commit): entries for other files are not judged.
    let (_, v) = p.json(&[".cursor/mcp.json"]);
    let stale: Vec<_> = found(&v)
        .into_iter()
        .filter(|(r, _)| r == "unused-ignore")
        .collect();
    assert_eq!(stale, vec![pair("unused-ignore", "/ignore/0")]);

    // unused-ignore can itself be switched off.
    let toml = std::fs::read_to_string(p.root().join("mcpward.toml")).unwrap();
    p.write(
        "mcpward.toml",
        &format!("[rules.unused-ignore]\nenabled = false\n{toml}"),
    );
    let (code, v) = p.json(&["."]);
    assert_eq!((code, found(&v)), (0, vec![]));
}

#[test]
fn no_ignore_shows_everything() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        "[[ignore]]\npath = \".cursor/mcp.json\"\nrules = [\"invalid-config\"]\nreason = \"r\"\n",
    );
    let (code, v) = p.json(&[".cursor/mcp.json"]);
    assert_eq!((code, found(&v).len()), (0, 0));
    let (code, v) = p.json(&["--no-ignore", ".cursor/mcp.json"]);
    assert_eq!(code, 1);
    assert_eq!(found(&v).len(), 2);
    assert_eq!(v["summary"]["suppressed"], 0);
}

#[test]
fn baseline_reports_only_new_findings() {
    let p = Project::new();
    p.write(
        ".cursor/mcp.json",
        "{\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\", \"arg\": [\"x\"] }\n  }\n}\n",
    );
    p.cmd(&["--write-baseline", "baseline.json", "."]).code(0);
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(p.root().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(base["version"], 1);
    assert_eq!(base["findings"].as_array().unwrap().len(), 1);

    // The old finding moves down a few lines; a new one appears.
    p.write(
        ".cursor/mcp.json",
        "{\n  \"mcpServers\": {\n    \"new\": {\n      \"command\": \"npx\",\n      \"evn\": {}\n    },\n    \"a\": { \"command\": \"npx\", \"arg\": [\"x\"] }\n  }\n}\n",
    );
    let (code, v) = p.json(&["--baseline", "baseline.json", "."]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&v),
        vec![pair("invalid-config", "/mcpServers/new/evn")]
    );
    assert_eq!(v["summary"]["baselined"], 1);
    let out = p
        .cmd(&["--baseline", "baseline.json", "."])
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Not shown: 1 in the baseline."), "{text}");

    // Fixing the baselined finding: nothing to report, exit 0 once the new
    // one is fixed too.
    p.write(
        ".cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"x@1.0.0\"] } } }\n",
    );
    let (code, v) = p.json(&["--baseline", "baseline.json", "."]);
    assert_eq!((code, v["summary"]["baselined"].as_u64()), (0, Some(0)));

    // Errors: missing file, wrong version.
    p.cmd(&["--baseline", "nope.json", "."]).code(2);
    p.write(
        "old.json",
        "{\"version\": 99, \"tool\": \"x\", \"findings\": []}",
    );
    let out = p
        .cmd(&["--baseline", "old.json", "."])
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 99"));
}

#[test]
fn baseline_counts_identical_fingerprints() {
    let p = Project::new();
    // Two syntax observations at the same (empty) pointer.
    p.write(
        ".cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"x@1.0.0\",] }, } }\n",
    );
    let (_, v) = p.json(&["."]);
    assert_eq!(found(&v).len(), 2);
    p.cmd(&["--write-baseline", "b.json", "."]).code(0);
    let (code, v) = p.json(&["--baseline", "b.json", "."]);
    assert_eq!((code, found(&v).len()), (0, 0));
    // A third trailing comma is new even though it fingerprints the same.
    p.write(
        ".cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"x@1.0.0\",], }, } }\n",
    );
    let (code, v) = p.json(&["--baseline", "b.json", "."]);
    assert_eq!((code, found(&v).len()), (1, 1));
}

/// A baseline used from another folder than the one that wrote it (its
/// paths are relative to that folder) matches nothing: the run says so and
/// names the folder, instead of silently showing every finding again.
#[test]
fn a_baseline_that_matches_no_scanned_file_warns() {
    let p = Project::new();
    p.write(
        "repo/.cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"arg\": [\"x\"], \"evn\": {} } } }\n",
    );
    p.write("repo/sub/.keep", "");
    let root = p.root().canonicalize().unwrap();
    let repo = root.join("repo");
    let bin = || {
        let mut c = Command::cargo_bin("mcpward").unwrap();
        c.env("NO_COLOR", "1")
            .arg("--home")
            .arg(p.root().join("home"))
            .args(["--platform", "linux", "--format", "json"]);
        c
    };
    bin()
        .current_dir(&repo)
        .args(["--write-baseline", "baseline.json", "."])
        .assert()
        .code(0);
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(base["written_from"], repo.display().to_string());
    // From the repository: it matches, no warning.
    let out = bin()
        .current_dir(&repo)
        .args(["--baseline", "baseline.json", "."])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    // From its parent: every path differs (repo/.cursor/... vs .cursor/...).
    let out = bin()
        .current_dir(&root)
        .args(["--baseline", "repo/baseline.json", "repo"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "baseline repo/baseline.json has 2 entries, none matched a scanned file; it was written from {}",
            repo.display()
        )),
        "{err}"
    );
    // A baseline whose findings were all fixed still names the file: quiet.
    p.write(
        "repo/.cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"x@1.0.0\"] } } }\n",
    );
    let out = bin()
        .current_dir(&repo)
        .args(["--baseline", "baseline.json", "."])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    // An older baseline without the folder says it does not know it.
    p.write(
        "old.json",
        "{\"version\": 1, \"tool\": \"x\", \"findings\": [{\"path\": \"gone.json\", \"rule\": \"invalid-config\", \"fingerprint\": \"00\"}]}",
    );
    let out = p.cmd(&["--baseline", "old.json", "."]).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("has 1 entry, none matched a scanned file; it does not record the folder it was written from"),
        "{err}"
    );
}

/// `--baseline X --write-baseline X` refreshes X in place: fixed findings
/// leave it, new ones join, and the run says how many of each.
#[test]
fn a_baseline_refreshes_in_place() {
    let p = Project::new();
    p.write(
        ".cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"arg\": [\"x\"] } } }\n",
    );
    p.cmd(&["--write-baseline", "baseline.json", "."]).code(0);
    // The old finding is fixed, two new ones appear.
    p.write(
        ".cursor/mcp.json",
        "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"x@1.0.0\"], \"evn\": {}, \"cmd\": 1 } } }\n",
    );
    let (code, v) = p.json(&["--baseline", "baseline.json", "."]);
    assert_eq!((code, found(&v).len()), (1, 2));
    let out = p
        .cmd(&[
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
            ".",
        ])
        .code(0)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "wrote 2 finding(s) to the baseline baseline.json (0 kept, 2 added, 1 removed)"
        ),
        "{err}"
    );
    let (code, v) = p.json(&["--baseline", "baseline.json", "."]);
    assert_eq!((code, found(&v).len()), (0, 0));
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(p.root().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(base["findings"].as_array().unwrap().len(), 2);
    // Still never over a scanned file.
    p.cmd(&[
        "--baseline",
        "baseline.json",
        "--write-baseline",
        ".cursor/mcp.json",
        ".",
    ])
    .code(2);
}

/// A fake GitHub token built at run time from its public format.
fn fake_token() -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let seed = std::process::id() as usize;
    let body: String = (0..36)
        .map(|i| alphabet[(seed.wrapping_mul(31).wrapping_add(i * 17)) % alphabet.len()] as char)
        .collect();
    format!("ghp_{body}")
}

#[test]
fn baseline_file_never_contains_a_secret() {
    let p = Project::new();
    let token = fake_token();
    // The token as an env value next to a typo, and pasted as a key (so the
    // finding's pointer itself holds it).
    p.write(
        ".cursor/mcp.json",
        &format!(
            "{{\n  \"mcpServers\": {{\n    \"gh\": {{ \"command\": \"npx\", \"evn\": {{ \"GITHUB_TOKEN\": \"{token}\" }}, \"{token}\": \"x\" }}\n  }}\n}}\n"
        ),
    );
    let (_, v) = p.json(&["."]);
    assert!(found(&v).len() >= 2, "{v:#}");
    p.cmd(&["--write-baseline", "baseline.json", "."]).code(0);
    let text = std::fs::read_to_string(p.root().join("baseline.json")).unwrap();
    assert!(!text.contains(&token), "{text}");
    assert!(!text.contains(&token[4..16]), "{text}");
    assert!(!text.contains("GITHUB_TOKEN"), "{text}");
    // And it still matches.
    let (code, v) = p.json(&["--baseline", "baseline.json", "."]);
    assert_eq!((code, found(&v).len()), (0, 0));
}

/// One typo, every place that takes a rule id: the same suggestion (before
/// one shared `suggest()`, `explain` used another distance rule and found
/// nothing for this typo while `mcpward.toml` suggested `invalid-config`).
#[test]
fn one_typo_gets_one_suggestion_everywhere() {
    const TYPO: &str = "Invalid_Confg";
    const HINT: &str = "did you mean `invalid-config`?";
    let p = Project::new();
    let out = p.cmd(&["explain", TYPO]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(HINT), "explain: {err}");

    p.write(".cursor/mcp.json", CURSOR_TWO_TYPOS);
    p.write(
        "mcpward.toml",
        &format!("[rules.{TYPO}]\nenabled = false\n"),
    );
    let out = p.cmd(&[".cursor/mcp.json"]).code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(HINT), "mcpward.toml: {err}");
    std::fs::remove_file(p.root().join("mcpward.toml")).unwrap();

    p.write(
        ".vscode/mcp.json",
        &format!("{{\n  // mcpward-ignore: {TYPO} -- r\n  \"servers\": {{}}\n}}\n"),
    );
    let (_, v) = p.json(&[".vscode/mcp.json"]);
    let help: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused-ignore")
        .filter_map(|f| f["help"].as_str())
        .collect();
    assert!(help.iter().any(|h| h.contains(HINT)), "mcpward-ignore: {v}");
}

/// Three rules, three severities, two precisions: insecure-transport (high,
/// very-high precision), unpinned-package (medium, high) and invalid-config
/// (medium, very-high).
const CURSOR_THREE_RULES: &str = r#"{
  "mcpServers": {
    "remote": { "url": "http://example.com/mcp" },
    "pkg": { "command": "npx", "args": ["-y", "some-mcp-server"] },
    "typo": { "command": "node", "arg": ["x.js"] }
  }
}
"#;

fn rules_of(v: &Value) -> Vec<String> {
    let mut r: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    r.sort();
    r
}

#[test]
fn selection_flags_change_the_report_and_the_exit_code() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_THREE_RULES);
    let f = ".cursor/mcp.json";
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push(f);
        let (code, v) = p.json(&all);
        (code, rules_of(&v))
    };
    let all3 = vec![
        "insecure-transport".to_string(),
        "invalid-config".into(),
        "unpinned-package".into(),
    ];
    assert_eq!(run(&[]), (1, all3.clone()));

    // --min-severity
    assert_eq!(
        run(&["--min-severity", "high"]),
        (1, vec!["insecure-transport".to_string()])
    );
    assert_eq!(run(&["--min-severity", "critical"]), (0, vec![]));

    // --select, comma-separated and repeated
    assert_eq!(
        run(&["--select", "invalid-config"]),
        (1, vec!["invalid-config".to_string()])
    );
    assert_eq!(
        run(&["--select", "invalid-config,unpinned-package"]),
        run(&["--select", "invalid-config", "--select", "unpinned-package"])
    );
    assert_eq!(run(&["--select", "unused-ignore"]), (0, vec![]));

    // --ignore
    assert_eq!(
        run(&["--ignore", "insecure-transport,unpinned-package"]),
        (1, vec!["invalid-config".to_string()])
    );
    assert_eq!(
        run(&[
            "--ignore",
            "insecure-transport",
            "--ignore",
            "invalid-config,unpinned-package"
        ]),
        (0, vec![])
    );

    // --min-confidence: unpinned-package declares "high" precision only.
    assert_eq!(
        run(&["--min-confidence", "very-high"]),
        (
            1,
            vec!["insecure-transport".to_string(), "invalid-config".into()]
        )
    );
    assert_eq!(run(&["--min-confidence", "high"]), (1, all3.clone()));

    // --fail-on keeps its meaning: findings shown, the run passes.
    assert_eq!(
        run(&["--min-severity", "medium", "--fail-on", "critical"]),
        (0, all3.clone())
    );

    // The human output narrows too.
    let out = p
        .cmd(&["--select", "invalid-config", f])
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("invalid-config"), "{text}");
    assert!(
        !text.contains("insecure-transport") && !text.contains("unpinned-package"),
        "{text}"
    );
}

#[test]
fn selection_flags_validate_rule_ids_like_the_config() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_THREE_RULES);
    for flag in ["--select", "--ignore"] {
        let out = p
            .cmd(&[flag, "invalid-config,Unpinned_Packages", ".cursor/mcp.json"])
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("unknown rule `Unpinned_Packages`")
                && err.contains("did you mean `unpinned-package`?"),
            "{flag}: {err}"
        );
        assert!(out.stdout.is_empty(), "{flag}: nothing is scanned");
    }
    let out = p
        .cmd(&["--min-confidence", "certain", ".cursor/mcp.json"])
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("very-high"));
}

/// The selection narrows after mcpward.toml and the ignores: a disabled rule
/// stays disabled, `--min-severity` sees the configured severity, and an
/// ignore whose finding is merely not shown is not `unused-ignore`.
#[test]
fn selection_applies_after_config_and_ignores() {
    let p = Project::new();
    p.write(".cursor/mcp.json", CURSOR_THREE_RULES);
    p.write(
        "mcpward.toml",
        "[rules.insecure-transport]\nenabled = false\n\n[rules.unpinned-package]\nseverity = \"critical\"\n\n[[ignore]]\npath = \".cursor/mcp.json\"\nrules = [\"invalid-config\"]\nreason = \"r\"\n",
    );
    let (code, v) = p.json(&["--select", "insecure-transport", ".cursor/mcp.json"]);
    assert_eq!((code, rules_of(&v)), (0, vec![]));
    let (code, v) = p.json(&["--min-severity", "critical", ".cursor/mcp.json"]);
    assert_eq!(
        (code, rules_of(&v)),
        (1, vec!["unpinned-package".to_string()])
    );
    // The ignore silenced invalid-config: not reported as unused although
    // the run does not show invalid-config at all.
    let (code, v) = p.json(&["--ignore", "invalid-config", ".cursor/mcp.json"]);
    assert_eq!(
        (code, rules_of(&v)),
        (1, vec!["unpinned-package".to_string()])
    );
    assert_eq!(v["summary"]["suppressed"], 1, "{v}");
}
