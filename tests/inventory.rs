//! `mcpward inventory`: snapshots of the table, JSON and Markdown over
//! examples/ and the real-world corpus (reviewed entry by entry), and the
//! CLI contract (formats, exit codes, no secret in any output).

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn inventory(args: &[&str]) -> (String, i32) {
    let home = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .arg("--home")
        .arg(home.path())
        .arg("inventory")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn examples_table() {
    let (out, code) = inventory(&["examples"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn examples_json() {
    let (out, code) = inventory(&["--format", "json", "examples"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "mcpward-inventory/1");
    insta::assert_snapshot!(out);
}

#[test]
fn examples_markdown() {
    let (out, code) = inventory(&["--markdown", "examples"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# MCP server inventory"));
    insta::assert_snapshot!(out);
}

#[test]
fn real_world_table() {
    let (out, code) = inventory(&["tests/fixtures/real-world"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn real_world_json() {
    let (out, _) = inventory(&["--format", "json", "tests/fixtures/real-world"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert!(files.len() >= 40);
    // Every known server names its sources and snapshot.
    for f in files {
        for s in f["servers"].as_array().unwrap() {
            if s["identity"]["match"] == "known" {
                assert!(!s["identity"]["sources"].as_array().unwrap().is_empty());
                assert!(s["identity"]["snapshot"].is_string());
            }
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn other_formats_are_usage_errors() {
    let (_, code) = inventory(&["--format", "sarif", "examples"]);
    assert_eq!(code, 2);
}

#[test]
fn a_missing_path_exits_2() {
    let (_, code) = inventory(&["no/such/path.json"]);
    assert_eq!(code, 2);
}

#[test]
fn credentials_are_named_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let token = format!("ghp_{}", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
    let cfg = dir.path().join(".cursor");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("mcp.json"),
        format!(
            r#"{{"mcpServers": {{
              "gh": {{"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server:v1.0.0"]}},
              "gh2": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": {{"GITHUB_PERSONAL_ACCESS_TOKEN": "{token}"}}}},
              "remote": {{"url": "https://api.githubcopilot.com/mcp/", "headers": {{"Authorization": "Bearer {token}"}}}},
              "ask": {{"url": "https://mcp.stripe.com", "headers": {{"Authorization": "Bearer ${{input:stripe}}"}}}},
              "oauth": {{"url": "https://mcp.linear.app/mcp"}}
            }}}}"#
        ),
    )
    .unwrap();
    let path = cfg.join("mcp.json");
    for args in [vec![], vec!["--format", "json"], vec!["--markdown"]] {
        let mut a: Vec<&str> = args.clone();
        a.push(path.to_str().unwrap());
        let (out, code) = inventory(&a);
        assert_eq!(code, 0);
        assert!(!out.contains(&token), "{args:?} leaked the token");
        assert!(
            !out.contains(&token[4..20]),
            "{args:?} leaked part of the token"
        );
    }
    let (out, _) = inventory(&["--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let servers = v["files"][0]["servers"].as_array().unwrap();
    let by = |n: &str| servers.iter().find(|s| s["name"] == n).unwrap().clone();
    let gh = by("gh");
    assert_eq!(gh["identity"]["id"], "github");
    assert_eq!(gh["identity"]["by"], "image");
    assert_eq!(gh["runs"]["version"], "v1.0.0");
    assert_eq!(gh["read_only"]["mode"], "on");
    assert_eq!(gh["credentials"], "env-reference");
    let gh2 = by("gh2");
    assert_eq!(gh2["identity"]["status"], "archived");
    assert_eq!(gh2["credentials"], "hardcoded");
    assert_eq!(
        gh2["credential_settings"][0]["name"],
        "GITHUB_PERSONAL_ACCESS_TOKEN"
    );
    assert_eq!(by("remote")["credentials"], "hardcoded");
    assert_eq!(by("remote")["read_only"]["mode"], "off");
    assert_eq!(by("ask")["credentials"], "input-prompt");
    assert_eq!(by("oauth")["credentials"], "oauth");
}

#[test]
fn union_prefers_the_project_over_the_user_and_keeps_what_the_client_starts() {
    let home = tempfile::tempdir().unwrap();
    let proj = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join(".claude.json"),
        r#"{"mcpServers": {"shared": {"command": "uvx", "args": ["mcp-server-time"]}, "mine": {"command": "uvx", "args": ["mcp-server-git"]}}}"#,
    )
    .unwrap();
    std::fs::write(
        proj.path().join(".mcp.json"),
        r#"{"mcpServers": {"shared": {"command": "uvx", "args": ["mcp-server-fetch"]}, "off": {"command": "uvx", "args": ["mcp-server-git"], "disabled": true}}}"#,
    )
    .unwrap();
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .current_dir(proj.path())
        .arg("--home")
        .arg(home.path())
        .args(["inventory", "--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claude = v["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client"] == "claude-code")
        .unwrap()
        .clone();
    let servers = claude["servers"].as_array().unwrap();
    let shared = servers.iter().find(|s| s["name"] == "shared").unwrap();
    assert_eq!(shared["scope"], "project");
    assert_eq!(shared["id"], "fetch");
    assert!(servers
        .iter()
        .any(|s| s["name"] == "mine" && s["scope"] == "user"));
    // Claude Code has no per-entry switch (known-clients/claude-code.toml:
    // servers are turned off with disabledMcpjsonServers or /mcp), so a
    // `"disabled": true` in .mcp.json does not keep the server from starting.
    assert!(servers.iter().any(|s| s["name"] == "off"));
    let listed = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["servers"].as_array().unwrap().clone())
        .find(|s| s["name"] == "off")
        .unwrap();
    assert_eq!(listed["disabled"], false);
}
