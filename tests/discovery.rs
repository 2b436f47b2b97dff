//! Discovery end to end, through the CLI with fake home folders (never the
//! real one): every client's user-level files are found at their place in
//! the Linux, macOS and Windows layouts and their servers show up in
//! `--format json` with the right pointers and lines; project files are
//! found by a walk (hidden folders included, `.gitignore` respected, dotfiles
//! recognised by path suffix); explicit files get their client from the
//! path, then the content, or `--client`; `mcpward locations` lists every
//! location and whether it exists. The fixtures are realistic and clean, so
//! every run must also come back free of findings.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clients")
        .join(rel)
}

fn install(fixture_rel: &str, dest: &Path) {
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(fixture(fixture_rel), dest).unwrap();
}

fn mcpward(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mcpward").unwrap();
    cmd.current_dir(cwd).env("NO_COLOR", "1");
    // The variables that move client folders (CODEX_HOME, ...) must not leak
    // in from the machine running the tests.
    for name in mcpward::clients::env_var_names() {
        cmd.env_remove(name);
    }
    cmd
}

/// Run and parse the JSON report; the run must exit 0 (no finding at all).
fn scan_json(cwd: &Path, args: &[&str]) -> Value {
    let out = mcpward(cwd).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(
        json["findings"],
        Value::Array(vec![]),
        "clean fixtures must have no findings:\n{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    json
}

/// Expected servers of a file: (name, pointer, line of the name).
type Servers = &'static [(&'static str, &'static str, usize)];

/// A user-level fixture and where it lives per OS layout (`""`: not on that
/// OS), relative to the home folder.
struct UserCase {
    client: &'static str,
    fixture: &'static str,
    /// Linux, macOS, Windows.
    dest: [&'static str; 3],
    servers: Servers,
}

const LINUX: usize = 0;
const MACOS: usize = 1;
const WINDOWS: usize = 2;
const PLATFORMS: [&str; 3] = ["linux", "macos", "windows"];

const USER_CASES: &[UserCase] = &[
    UserCase {
        client: "claude-desktop",
        fixture: "claude-desktop/claude_desktop_config.json",
        dest: [
            ".config/Claude/claude_desktop_config.json",
            "Library/Application Support/Claude/claude_desktop_config.json",
            "AppData/Roaming/Claude/claude_desktop_config.json",
        ],
        servers: &[
            ("filesystem", "/mcpServers/filesystem", 3),
            ("sqlite", "/mcpServers/sqlite", 11),
        ],
    },
    UserCase {
        client: "claude-code",
        fixture: "claude-code/home/.claude.json",
        dest: [".claude.json", ".claude.json", ".claude.json"],
        servers: &[
            ("sentry", "/mcpServers/sentry", 5),
            (
                "postgres",
                "/projects/~1home~1dev~1shop/mcpServers/postgres",
                15,
            ),
        ],
    },
    UserCase {
        client: "claude-code",
        fixture: "claude-code/home/settings.json",
        dest: [
            ".claude/settings.json",
            ".claude/settings.json",
            ".claude/settings.json",
        ],
        servers: &[],
    },
    UserCase {
        client: "cursor",
        fixture: "cursor/home/mcp.json",
        dest: [".cursor/mcp.json", ".cursor/mcp.json", ".cursor/mcp.json"],
        servers: &[
            ("github", "/mcpServers/github", 3),
            ("linear", "/mcpServers/linear", 10),
        ],
    },
    UserCase {
        client: "vscode",
        fixture: "vscode/user/mcp.json",
        dest: [
            ".config/Code/User/mcp.json",
            "Library/Application Support/Code/User/mcp.json",
            "AppData/Roaming/Code/User/mcp.json",
        ],
        servers: &[("memory", "/servers/memory", 3)],
    },
    UserCase {
        client: "vscode",
        fixture: "vscode/user/profile-mcp.json",
        dest: [
            ".config/Code/User/profiles/5a1e2b3c/mcp.json",
            "Library/Application Support/Code/User/profiles/5a1e2b3c/mcp.json",
            "AppData/Roaming/Code/User/profiles/5a1e2b3c/mcp.json",
        ],
        servers: &[("time", "/servers/time", 3)],
    },
    UserCase {
        client: "vscode",
        fixture: "vscode/user/settings.json",
        dest: [
            ".config/Code/User/settings.json",
            "Library/Application Support/Code/User/settings.json",
            "AppData/Roaming/Code/User/settings.json",
        ],
        servers: &[("everything", "/mcp/servers/everything", 7)],
    },
    UserCase {
        client: "windsurf",
        fixture: "windsurf/mcp_config.json",
        dest: [
            ".codeium/windsurf/mcp_config.json",
            ".codeium/windsurf/mcp_config.json",
            ".codeium/windsurf/mcp_config.json",
        ],
        servers: &[
            ("context7", "/mcpServers/context7", 3),
            ("puppeteer", "/mcpServers/puppeteer", 9),
        ],
    },
    UserCase {
        client: "cline",
        fixture: "cline/cline_mcp_settings.json",
        dest: [
            ".config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "AppData/Roaming/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
        ],
        servers: &[
            ("brave-search", "/mcpServers/brave-search", 3),
            ("remote-notes", "/mcpServers/remote-notes", 14),
        ],
    },
    UserCase {
        client: "roo-code",
        fixture: "roo-code/user/mcp_settings.json",
        dest: [
            ".config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "AppData/Roaming/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
        ],
        servers: &[("sequential-thinking", "/mcpServers/sequential-thinking", 3)],
    },
    UserCase {
        client: "gemini-cli",
        fixture: "gemini-cli/user/settings.json",
        dest: [
            ".gemini/settings.json",
            ".gemini/settings.json",
            ".gemini/settings.json",
        ],
        servers: &[
            ("cloud-run", "/mcpServers/cloud-run", 7),
            ("git", "/mcpServers/git", 14),
        ],
    },
    UserCase {
        client: "kiro",
        fixture: "kiro/user/mcp.json",
        dest: [
            ".kiro/settings/mcp.json",
            ".kiro/settings/mcp.json",
            ".kiro/settings/mcp.json",
        ],
        servers: &[("aws-docs", "/mcpServers/aws-docs", 3)],
    },
    UserCase {
        client: "zed",
        fixture: "zed/user/settings.json",
        dest: [
            ".config/zed/settings.json",
            ".config/zed/settings.json",
            "AppData/Roaming/Zed/settings.json",
        ],
        servers: &[
            ("postgres", "/context_servers/postgres", 6),
            ("legacy-shape", "/context_servers/legacy-shape", 12),
        ],
    },
    UserCase {
        client: "codex",
        fixture: "codex/user/config.toml",
        dest: [
            ".codex/config.toml",
            ".codex/config.toml",
            ".codex/config.toml",
        ],
        servers: &[
            ("docs", "/mcp_servers/docs", 5),
            ("figma", "/mcp_servers/figma", 13),
        ],
    },
    UserCase {
        client: "opencode",
        fixture: "opencode/user/opencode.json",
        dest: [
            ".config/opencode/opencode.json",
            ".config/opencode/opencode.json",
            ".config/opencode/opencode.json",
        ],
        servers: &[
            ("everything", "/mcp/everything", 6),
            ("context7", "/mcp/context7", 14),
        ],
    },
    UserCase {
        client: "amazon-q",
        fixture: "amazon-q/user/mcp.json",
        dest: [
            ".aws/amazonq/mcp.json",
            ".aws/amazonq/mcp.json",
            ".aws/amazonq/mcp.json",
        ],
        servers: &[("aws-pricing", "/mcpServers/aws-pricing", 3)],
    },
    UserCase {
        client: "amazon-q",
        fixture: "amazon-q/agents/aws-reviewer.json",
        dest: [
            ".aws/amazonq/cli-agents/aws-reviewer.json",
            ".aws/amazonq/cli-agents/aws-reviewer.json",
            ".aws/amazonq/cli-agents/aws-reviewer.json",
        ],
        servers: &[("aws-docs", "/mcpServers/aws-docs", 7)],
    },
    UserCase {
        client: "kiro",
        fixture: "kiro/agents/ops.json",
        dest: [
            ".kiro/agents/ops.json",
            ".kiro/agents/ops.json",
            ".kiro/agents/ops.json",
        ],
        servers: &[("aws-api", "/mcpServers/aws-api", 4)],
    },
    // Claude Code plugins: `.mcp.json` at each installed plugin's root, in
    // either shape (wrapped in `mcpServers`, or a bare server map).
    UserCase {
        client: "claude-code",
        fixture: "claude-code/plugins/wrapped.mcp.json",
        dest: [
            ".claude/plugins/cache/acme/db-tools/1.4.0/.mcp.json",
            ".claude/plugins/cache/acme/db-tools/1.4.0/.mcp.json",
            ".claude/plugins/cache/acme/db-tools/1.4.0/.mcp.json",
        ],
        servers: &[("plugin-db", "/mcpServers/plugin-db", 3)],
    },
    UserCase {
        client: "claude-code",
        fixture: "claude-code/plugins/bare.mcp.json",
        dest: [
            ".claude/plugins/cache/official/github/0.3.0/.mcp.json",
            ".claude/plugins/cache/official/github/0.3.0/.mcp.json",
            ".claude/plugins/cache/official/github/0.3.0/.mcp.json",
        ],
        servers: &[("github", "/github", 2), ("search", "/search", 9)],
    },
    UserCase {
        client: "lm-studio",
        fixture: "lm-studio/mcp.json",
        dest: [
            ".lmstudio/mcp.json",
            ".lmstudio/mcp.json",
            ".lmstudio/mcp.json",
        ],
        servers: &[
            ("hf-mcp-server", "/mcpServers/hf-mcp-server", 3),
            ("calculator", "/mcpServers/calculator", 6),
        ],
    },
    UserCase {
        client: "copilot-cli",
        fixture: "copilot-cli/mcp-config.json",
        dest: [
            ".copilot/mcp-config.json",
            ".copilot/mcp-config.json",
            ".copilot/mcp-config.json",
        ],
        servers: &[("playwright", "/mcpServers/playwright", 3)],
    },
    UserCase {
        client: "visual-studio",
        fixture: "visual-studio/user/.mcp.json",
        dest: ["", "", ".mcp.json"],
        servers: &[("nuget", "/servers/nuget", 3)],
    },
];

fn file_entry<'a>(json: &'a Value, path: &str) -> &'a Value {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in files: {:#}", json["files"]))
}

fn assert_servers(entry: &Value, want: Servers, what: &str) {
    let got: Vec<(String, String, u64)> = entry["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["pointer"].as_str().unwrap().to_string(),
                s["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = want
        .iter()
        .map(|(n, p, l)| (n.to_string(), p.to_string(), *l as u64))
        .collect();
    assert_eq!(got, want, "servers of {what}");
}

fn user_level_discovery(os: usize) {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let mut expected = 0;
    for case in USER_CASES {
        if !case.dest[os].is_empty() {
            install(case.fixture, &home.path().join(case.dest[os]));
            expected += 1;
        }
    }
    let home_arg = home.path().to_str().unwrap();
    let json = scan_json(
        cwd.path(),
        &[
            "--home",
            home_arg,
            "--platform",
            PLATFORMS[os],
            "--format",
            "json",
        ],
    );
    assert_eq!(json["errors"], Value::Array(vec![]), "{json:#}");
    let in_home: Vec<&Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().starts_with(home_arg))
        .collect();
    assert_eq!(in_home.len(), expected, "{:#}", json["files"]);
    for case in USER_CASES {
        if case.dest[os].is_empty() {
            continue;
        }
        let path = home.path().join(case.dest[os]);
        let path = path.to_str().unwrap();
        let entry = file_entry(&json, path);
        assert_eq!(entry["client"], case.client, "{path}");
        assert_eq!(entry["scope"], "user", "{path}");
        assert_servers(entry, case.servers, path);
    }
}

#[test]
fn every_client_user_file_is_found_in_a_linux_home() {
    user_level_discovery(LINUX);
}

#[test]
fn every_client_user_file_is_found_in_a_macos_home() {
    user_level_discovery(MACOS);
}

#[test]
fn every_client_user_file_is_found_in_a_windows_home() {
    user_level_discovery(WINDOWS);
}

#[test]
fn every_client_has_a_user_level_case_except_the_generic_fallback() {
    for client in mcpward::clients::all() {
        if client.id == "generic" {
            continue;
        }
        assert!(
            USER_CASES.iter().any(|c| c.client == client.id),
            "{} has no user-level discovery case",
            client.id
        );
    }
}

/// Project files at their place in a repository: (fixture, path in the
/// project, client, scope, servers).
const PROJECT_CASES: &[(&str, &str, &str, &str, Servers)] = &[
    (
        "claude-code/project/.mcp.json",
        ".mcp.json",
        "claude-code",
        "project",
        &[
            ("playwright", "/mcpServers/playwright", 3),
            ("docs", "/mcpServers/docs", 7),
        ],
    ),
    (
        "claude-code/project/.claude/settings.json",
        ".claude/settings.json",
        "claude-code",
        "project",
        &[],
    ),
    (
        "claude-code/project/.claude/settings.json",
        ".claude/settings.local.json",
        "claude-code",
        "project",
        &[],
    ),
    (
        "cursor/project/mcp.json",
        ".cursor/mcp.json",
        "cursor",
        "project",
        &[("project-tools", "/mcpServers/project-tools", 3)],
    ),
    (
        "vscode/project/mcp.json",
        ".vscode/mcp.json",
        "vscode",
        "project",
        &[
            ("github", "/servers/github", 12),
            ("fetch", "/servers/fetch", 19),
        ],
    ),
    (
        "vscode/user/settings.json",
        ".vscode/settings.json",
        "vscode",
        "project",
        &[("everything", "/mcp/servers/everything", 7)],
    ),
    (
        "roo-code/project/mcp.json",
        ".roo/mcp.json",
        "roo-code",
        "project",
        &[("repo-index", "/mcpServers/repo-index", 3)],
    ),
    (
        "gemini-cli/project/settings.json",
        ".gemini/settings.json",
        "gemini-cli",
        "project",
        &[("schema", "/mcpServers/schema", 3)],
    ),
    (
        "kiro/project/mcp.json",
        ".kiro/settings/mcp.json",
        "kiro",
        "project",
        &[("tickets", "/mcpServers/tickets", 3)],
    ),
    (
        "zed/project/settings.json",
        ".zed/settings.json",
        "zed",
        "project",
        &[("remote-docs", "/context_servers/remote-docs", 3)],
    ),
    (
        "codex/project/config.toml",
        ".codex/config.toml",
        "codex",
        "project",
        &[("repo", "/mcp_servers/repo", 1)],
    ),
    (
        "opencode/project/opencode.jsonc",
        "opencode.jsonc",
        "opencode",
        "project",
        &[("sentry", "/mcp/sentry", 4)],
    ),
    (
        "opencode/project/agents-mcp.json",
        ".agents/mcp.json",
        "opencode",
        "project",
        &[("jira", "/jira", 2), ("lint", "/lint", 7)],
    ),
    (
        "amazon-q/project/mcp.json",
        ".amazonq/mcp.json",
        "amazon-q",
        "project",
        &[("internal-api", "/mcpServers/internal-api", 3)],
    ),
    (
        "amazon-q/agents/project-helper.json",
        ".amazonq/cli-agents/project-helper.json",
        "amazon-q",
        "project",
        &[("git", "/mcpServers/git", 5)],
    ),
    (
        "kiro/agents/docs.json",
        ".kiro/agents/docs.json",
        "kiro",
        "project",
        &[("fetch", "/mcpServers/fetch", 6)],
    ),
    (
        "vscode/workspace/team.code-workspace",
        "team.code-workspace",
        "vscode",
        "project",
        &[("sentry", "/settings/mcp/servers/sentry", 14)],
    ),
    (
        "vscode/workspace/team.code-workspace",
        "tools/ci.code-workspace",
        "vscode",
        "project",
        &[("sentry", "/settings/mcp/servers/sentry", 14)],
    ),
    (
        "visual-studio/project/mcp.json",
        ".vs/mcp.json",
        "visual-studio",
        "project",
        &[("azure-devops", "/servers/azure-devops", 11)],
    ),
    // A dotfiles repository: user-level files recognised by path suffix.
    (
        "vscode/user/settings.json",
        "dotfiles/.config/Code/User/settings.json",
        "vscode",
        "user",
        &[("everything", "/mcp/servers/everything", 7)],
    ),
    (
        "claude-desktop/claude_desktop_config.json",
        "dotfiles/Library/Application Support/Claude/claude_desktop_config.json",
        "claude-desktop",
        "user",
        &[
            ("filesystem", "/mcpServers/filesystem", 3),
            ("sqlite", "/mcpServers/sqlite", 11),
        ],
    ),
    (
        "windsurf/mcp_config.json",
        "dotfiles/.codeium/windsurf/mcp_config.json",
        "windsurf",
        "user",
        &[
            ("context7", "/mcpServers/context7", 3),
            ("puppeteer", "/mcpServers/puppeteer", 9),
        ],
    ),
    (
        "claude-code/plugins/bare.mcp.json",
        "dotfiles/.claude/plugins/cache/official/github/0.3.0/.mcp.json",
        "claude-code",
        "user",
        &[("github", "/github", 2), ("search", "/search", 9)],
    ),
    (
        "claude-code/home/.claude.json",
        "dotfiles/.claude.json",
        "claude-code",
        "user",
        &[
            ("sentry", "/mcpServers/sentry", 5),
            (
                "postgres",
                "/projects/~1home~1dev~1shop/mcpServers/postgres",
                15,
            ),
        ],
    ),
];

/// A project with every project-level file, files the walk must skip
/// (ignored by `.gitignore`, or a bare `settings.json`), and a dotfiles folder.
fn make_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (fixture_rel, dest, ..) in PROJECT_CASES {
        install(fixture_rel, &dir.path().join(dest));
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    install(
        "cursor/project/mcp.json",
        &dir.path().join("ignored/.cursor/mcp.json"),
    );
    install(
        "vscode/user/settings.json",
        &dir.path().join("settings.json"),
    );
    install(
        "vscode/user/settings.json",
        &dir.path().join("app/config/settings.json"),
    );
    install("cursor/project/mcp.json", &dir.path().join("app/mcp.json"));
    // Globs match within one folder: agent files in a subfolder, or files
    // that only look like a pattern, are not configs.
    install(
        "kiro/agents/docs.json",
        &dir.path().join(".kiro/agents/archive/old.json"),
    );
    install(
        "kiro/agents/docs.json",
        &dir.path().join(".kiro/agents/prompt.json.md"),
    );
    install(
        "vscode/workspace/team.code-workspace",
        &dir.path().join("team.code-workspace.json"),
    );
    dir
}

fn assert_project_files(json: &Value) {
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), PROJECT_CASES.len(), "{files:#?}");
    for (_, dest, client, scope, servers) in PROJECT_CASES {
        let entry = file_entry(json, dest);
        assert_eq!(entry["client"], *client, "{dest}");
        assert_eq!(entry["scope"], *scope, "{dest}");
        assert_servers(entry, servers, dest);
    }
}

#[test]
fn walk_finds_project_files_in_hidden_folders_and_respects_gitignore() {
    let project = make_project();
    let json = scan_json(project.path(), &["--format", "json", "."]);
    assert_project_files(&json);
}

#[test]
fn machine_scan_walks_the_current_project() {
    let project = make_project();
    let home = tempfile::tempdir().unwrap();
    let json = scan_json(
        project.path(),
        &["--home", home.path().to_str().unwrap(), "--format", "json"],
    );
    assert_project_files(&json);
}

#[test]
fn explicit_file_at_a_known_location_takes_its_scope() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let dest = home.path().join(".cursor/mcp.json");
    install("cursor/home/mcp.json", &dest);
    let json = scan_json(
        cwd.path(),
        &[
            "--home",
            home.path().to_str().unwrap(),
            "--format",
            "json",
            dest.to_str().unwrap(),
        ],
    );
    let entry = file_entry(&json, dest.to_str().unwrap());
    assert_eq!(entry["client"], "cursor");
    assert_eq!(entry["scope"], "user");
}

#[test]
fn explicit_files_get_their_client_from_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("cursor/home/mcp.json", "a.json", "generic", 2),
        ("vscode/project/mcp.json", "b.json", "vscode", 2),
        ("vscode/user/profile-mcp.json", "c.json", "vscode", 1),
        ("vscode/user/settings.json", "d.json", "vscode", 1),
        ("zed/user/settings.json", "e.json", "zed", 2),
        ("codex/user/config.toml", "f.toml", "codex", 2),
        ("opencode/user/opencode.json", "g.json", "opencode", 2),
        (
            "vscode/workspace/team.code-workspace",
            "h.json",
            "vscode",
            1,
        ),
    ];
    for (fixture_rel, name, ..) in cases {
        install(fixture_rel, &dir.path().join(name));
    }
    let names: Vec<&str> = cases.iter().map(|c| c.1).collect();
    let mut args = vec!["--format", "json"];
    args.extend(names);
    let json = scan_json(dir.path(), &args);
    for (_, name, client, servers) in cases {
        let entry = file_entry(&json, name);
        assert_eq!(entry["client"], client, "{name}");
        assert_eq!(
            entry["servers"].as_array().unwrap().len(),
            servers,
            "{name}"
        );
    }
}

#[test]
fn client_flag_forces_the_dialect() {
    let dir = tempfile::tempdir().unwrap();
    install(
        "cline/cline_mcp_settings.json",
        &dir.path().join("servers.json"),
    );
    let json = scan_json(
        dir.path(),
        &["--format", "json", "--client", "cline", "servers.json"],
    );
    let entry = file_entry(&json, "servers.json");
    assert_eq!(entry["client"], "cline");
    assert_eq!(entry["servers"].as_array().unwrap().len(), 2);
}

#[test]
fn strict_json_client_reports_a_comment_that_a_jsonc_client_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\n  // a note\n  \"mcpServers\": {}\n}\n";
    for dest in [
        "Library/Application Support/Claude/claude_desktop_config.json",
        ".gemini/settings.json",
    ] {
        let p = dir.path().join(dest);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let out = mcpward(dir.path())
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["client"], "claude-desktop");
    assert_eq!(findings[0]["line"], 2);
    assert_eq!(out.status.code(), Some(1));
}

fn locations(home: &Path, os: &str) -> Vec<Value> {
    let cwd = tempfile::tempdir().unwrap();
    let out = mcpward(cwd.path())
        .args([
            "locations",
            "--home",
            home.to_str().unwrap(),
            "--platform",
            os,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn locations_lists_every_client_per_scope_and_whether_each_exists() {
    for (os, platform) in PLATFORMS.iter().enumerate() {
        let home = tempfile::tempdir().unwrap();
        // One file per client, at its place in this layout.
        let mut placed = Vec::new();
        for case in USER_CASES {
            if !case.dest[os].is_empty() && !placed.iter().any(|(c, _)| *c == case.client) {
                install(case.fixture, &home.path().join(case.dest[os]));
                placed.push((case.client, home.path().join(case.dest[os])));
            }
        }
        let locs = locations(home.path(), platform);
        for client in mcpward::clients::all() {
            if client.id == "generic" {
                continue;
            }
            let user_here = USER_CASES
                .iter()
                .any(|c| c.client == client.id && !c.dest[os].is_empty());
            assert_eq!(
                locs.iter()
                    .any(|l| l["client"] == client.id.as_str() && l["scope"] == "user"),
                user_here,
                "{platform}: user locations of {}",
                client.id
            );
        }
        for (client, path) in &placed {
            let l = locs
                .iter()
                .find(|l| l["path"] == path.to_str().unwrap())
                .unwrap_or_else(|| panic!("{platform}: {} not listed", path.display()));
            assert_eq!(l["client"], *client);
            assert_eq!(l["exists"], true, "{platform}: {}", path.display());
        }
        let existing = locs.iter().filter(|l| l["exists"] == true).count();
        let system_existing = locs
            .iter()
            .filter(|l| l["exists"] == true && l["scope"] == "system")
            .count();
        assert_eq!(existing - system_existing, placed.len(), "{platform}");
        for scope in ["user", "project", "system"] {
            assert!(
                locs.iter().any(|l| l["scope"] == scope),
                "{platform}: no {scope} location"
            );
        }
    }
}

#[test]
fn locations_use_each_os_layout() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_str().unwrap();
    let has = |locs: &[Value], client: &str, rel: &str| {
        let want = format!("{h}/{rel}");
        locs.iter()
            .any(|l| l["client"] == client && l["path"].as_str() == Some(want.as_str()))
    };
    let linux = locations(home.path(), "linux");
    assert!(has(
        &linux,
        "claude-desktop",
        ".config/Claude/claude_desktop_config.json"
    ));
    assert!(has(&linux, "vscode", ".config/Code/User/mcp.json"));
    assert!(has(&linux, "zed", ".config/zed/settings.json"));
    let mac = locations(home.path(), "macos");
    assert!(has(
        &mac,
        "claude-desktop",
        "Library/Application Support/Claude/claude_desktop_config.json"
    ));
    assert!(has(
        &mac,
        "vscode",
        "Library/Application Support/Code/User/mcp.json"
    ));
    assert!(has(&mac, "zed", ".config/zed/settings.json"));
    assert!(mac.iter().any(|l| l["scope"] == "system"
        && l["path"] == "/Library/Application Support/ClaudeCode/managed-mcp.json"
        && l["checked"] == (cfg!(target_os = "macos"))));
    let win = locations(home.path(), "windows");
    assert!(has(
        &win,
        "claude-desktop",
        "AppData/Roaming/Claude/claude_desktop_config.json"
    ));
    assert!(has(&win, "zed", "AppData/Roaming/Zed/settings.json"));
    assert!(has(&win, "visual-studio", ".mcp.json"));
    assert!(!has(&linux, "visual-studio", ".mcp.json"));
    assert!(win
        .iter()
        .any(|l| l["scope"] == "system"
            && l["path"] == "C:/Program Files/ClaudeCode/managed-mcp.json"));
}

#[test]
fn locations_human_output_names_clients_and_states() {
    let home = tempfile::tempdir().unwrap();
    install(
        "cursor/home/mcp.json",
        &home.path().join(".cursor/mcp.json"),
    );
    let out = mcpward(home.path())
        .args([
            "--home",
            home.path().to_str().unwrap(),
            "--platform",
            "linux",
            "locations",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Cursor (cursor)"), "{text}");
    let cursor_line = format!(
        "found   user    {}",
        home.path().join(".cursor/mcp.json").display()
    );
    assert!(text.contains(&cursor_line), "{text}");
    assert!(text.contains("missing user"), "{text}");
}

#[test]
fn system_files_are_recognised_by_path_suffix_in_a_copied_tree() {
    let dir = tempfile::tempdir().unwrap();
    install(
        "claude-code/project/.mcp.json",
        &dir.path().join("image/etc/claude-code/managed-mcp.json"),
    );
    let json = scan_json(dir.path(), &["--format", "json", "image"]);
    let entry = file_entry(&json, "image/etc/claude-code/managed-mcp.json");
    assert_eq!(entry["client"], "claude-code");
    assert_eq!(entry["scope"], "system");
    assert_eq!(entry["servers"].as_array().unwrap().len(), 2);
}

#[test]
fn argv_commands_and_nested_zed_commands_are_stdio_servers() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    install(
        "zed/user/settings.json",
        &home.path().join(".config/zed/settings.json"),
    );
    install(
        "opencode/user/opencode.json",
        &home.path().join(".config/opencode/opencode.json"),
    );
    let json = scan_json(
        cwd.path(),
        &[
            "--home",
            home.path().to_str().unwrap(),
            "--platform",
            "linux",
            "--format",
            "json",
        ],
    );
    let transports = |rel: &str| -> Vec<(String, String)> {
        let p = home.path().join(rel);
        file_entry(&json, p.to_str().unwrap())["servers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["name"].as_str().unwrap().to_string(),
                    s["transport"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        transports(".config/zed/settings.json"),
        [
            ("postgres".into(), "stdio".into()),
            ("legacy-shape".into(), "stdio".into())
        ]
    );
    assert_eq!(
        transports(".config/opencode/opencode.json"),
        [
            ("everything".into(), "stdio".into()),
            ("context7".into(), "remote".into())
        ]
    );
}

/// Run with a fake `HOME` and the given variables, without `--home` or
/// `--platform` (those switch the environment off); the variables point
/// into temporary folders, so nothing of the real home is read.
#[cfg(unix)]
fn mcpward_with_env(home: &Path, cwd: &Path, vars: &[(&str, &Path)]) -> Command {
    let mut cmd = mcpward(cwd);
    cmd.env("HOME", home).env_remove("XDG_CONFIG_HOME");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

#[cfg(unix)]
#[test]
fn environment_variables_move_user_and_system_files() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let e = elsewhere.path();
    // Where each variable points, and the file placed there.
    let codex = e.join("codex-home");
    let claude = e.join("claude-config");
    let copilot = e.join("copilot-home");
    let cline = e.join("cline");
    let opencode = e.join("oc/custom-opencode.json");
    let gemini_system = e.join("gemini-system.json");
    let placed = [
        (
            "codex/user/config.toml",
            codex.join("config.toml"),
            "codex",
            "user",
        ),
        (
            "claude-code/home/.claude.json",
            claude.join(".claude.json"),
            "claude-code",
            "user",
        ),
        (
            "claude-code/home/settings.json",
            claude.join("settings.json"),
            "claude-code",
            "user",
        ),
        (
            "claude-code/plugins/bare.mcp.json",
            claude.join("plugins/cache/official/github/0.3.0/.mcp.json"),
            "claude-code",
            "user",
        ),
        (
            "copilot-cli/mcp-config.json",
            copilot.join("mcp-config.json"),
            "copilot-cli",
            "user",
        ),
        (
            "cline/cline_mcp_settings.json",
            cline.join("data/settings/cline_mcp_settings.json"),
            "cline",
            "user",
        ),
        (
            "opencode/user/opencode.json",
            opencode.clone(),
            "opencode",
            "user",
        ),
        (
            "gemini-cli/project/settings.json",
            gemini_system.clone(),
            "gemini-cli",
            "system",
        ),
    ];
    for (fixture_rel, dest, ..) in &placed {
        install(fixture_rel, dest);
    }
    // The default places hold other files, which the variables hide.
    install(
        "codex/user/config.toml",
        &home.path().join(".codex/config.toml"),
    );
    install(
        "claude-code/home/.claude.json",
        &home.path().join(".claude.json"),
    );
    let vars: [(&str, &Path); 6] = [
        ("CODEX_HOME", &codex),
        ("CLAUDE_CONFIG_DIR", &claude),
        ("COPILOT_HOME", &copilot),
        ("CLINE_DIR", &cline),
        ("OPENCODE_CONFIG", &opencode),
        ("GEMINI_CLI_SYSTEM_SETTINGS_PATH", &gemini_system),
    ];

    let out = mcpward_with_env(home.path(), cwd.path(), &vars)
        .args(["locations", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let locs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_path = |p: &Path| {
        locs.iter()
            .find(|l| l["path"] == p.to_str().unwrap())
            .unwrap_or_else(|| panic!("{} not listed: {locs:#?}", p.display()))
    };
    for (name, path) in [
        ("CODEX_HOME", codex.join("config.toml")),
        ("CLAUDE_CONFIG_DIR", claude.join(".claude.json")),
        ("CLAUDE_CONFIG_DIR", claude.join("settings.json")),
        (
            "CLAUDE_CONFIG_DIR",
            claude.join("plugins/cache/official/github/0.3.0/.mcp.json"),
        ),
        ("COPILOT_HOME", copilot.join("mcp-config.json")),
        (
            "CLINE_DIR",
            cline.join("data/settings/cline_mcp_settings.json"),
        ),
        ("OPENCODE_CONFIG", opencode.clone()),
        ("GEMINI_CLI_SYSTEM_SETTINGS_PATH", gemini_system.clone()),
    ] {
        let l = by_path(&path);
        assert_eq!(l["env_var"], name, "{l:#}");
        assert_eq!(l["exists"], true, "{l:#}");
    }
    // The default places are not checked any more.
    for hidden in [".codex/config.toml", ".claude.json"] {
        let p = home.path().join(hidden);
        assert!(
            !locs.iter().any(|l| l["path"] == p.to_str().unwrap()),
            "{hidden}"
        );
    }
    // Unmoved locations say so.
    let cursor = by_path(&home.path().join(".cursor/mcp.json"));
    assert_eq!(cursor["env_var"], Value::Null);

    let text = mcpward_with_env(home.path(), cwd.path(), &vars)
        .arg("locations")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let line = format!(
        "found   user    {}  (from $CODEX_HOME)",
        codex.join("config.toml").display()
    );
    assert!(text.contains(&line), "{text}");
    assert!(text.contains("Set in the environment: "), "{text}");

    // The machine scan reads the moved files, with their scope.
    let out = mcpward_with_env(home.path(), cwd.path(), &vars)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"], Value::Array(vec![]), "{json:#}");
    let files = json["files"].as_array().unwrap();
    for (_, dest, client, scope) in &placed {
        let entry = file_entry(&json, dest.to_str().unwrap());
        assert_eq!(entry["client"], *client, "{}", dest.display());
        assert_eq!(entry["scope"], *scope, "{}", dest.display());
    }
    let in_home = files
        .iter()
        .filter(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .starts_with(home.path().to_str().unwrap())
        })
        .count();
    assert_eq!(in_home, 0, "{files:#?}");
}

#[cfg(unix)]
#[test]
fn a_fake_home_ignores_this_machines_variables() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let codex = elsewhere.path().join("codex");
    install("codex/user/config.toml", &codex.join("config.toml"));
    install(
        "codex/user/config.toml",
        &home.path().join(".codex/config.toml"),
    );
    let vars: [(&str, &Path); 1] = [("CODEX_HOME", &codex)];
    let args = [
        "--home",
        home.path().to_str().unwrap(),
        "--platform",
        "linux",
    ];
    let out = mcpward_with_env(home.path(), cwd.path(), &vars)
        .args(["locations", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let locs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codex_locs: Vec<&Value> = locs
        .iter()
        .filter(|l| l["client"] == "codex" && l["scope"] == "user")
        .collect();
    assert_eq!(codex_locs.len(), 1);
    let want = home.path().join(".codex/config.toml");
    assert_eq!(codex_locs[0]["path"], want.to_str().unwrap());
    assert_eq!(codex_locs[0]["env_var"], Value::Null);
    let json = scan_json(
        cwd.path(),
        &["--format", "json", args[0], args[1], args[2], args[3]],
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 1, "{json:#}");
}

#[test]
fn unmatched_globs_are_listed_as_patterns() {
    let home = tempfile::tempdir().unwrap();
    let locs = locations(home.path(), "linux");
    let want = home.path().join(".aws/amazonq/cli-agents/*.json");
    let l = locs
        .iter()
        .find(|l| l["path"] == want.to_str().unwrap())
        .unwrap_or_else(|| panic!("{locs:#?}"));
    assert_eq!(l["pattern"], true);
    assert_eq!(l["exists"], false);
    assert_eq!(l["role"], "agent");
    // Once a file matches, the match is listed instead of the pattern.
    install(
        "amazon-q/agents/aws-reviewer.json",
        &home
            .path()
            .join(".aws/amazonq/cli-agents/aws-reviewer.json"),
    );
    let locs = locations(home.path(), "linux");
    assert!(!locs.iter().any(|l| l["path"] == want.to_str().unwrap()));
    let l = locs
        .iter()
        .find(|l| l["client"] == "amazon-q" && l["role"] == "agent" && l["scope"] == "user")
        .unwrap();
    assert_eq!(l["pattern"], false);
    assert_eq!(l["exists"], true);
}

#[test]
fn agent_and_workspace_approvals_reach_the_approval_rule() {
    let dir = tempfile::tempdir().unwrap();
    let agent = r#"{
  "name": "ops",
  "mcpServers": {
    "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "./src"]}
  },
  "allowedTools": ["fs_read", "@fs/write_file", "execute_bash"],
  "autoApprove": ["@fs"]
}
"#;
    for rel in [".kiro/agents/ops.json", ".amazonq/cli-agents/ops.json"] {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, agent).unwrap();
    }
    let workspace = r#"{
  "folders": [{"path": "."}],
  "settings": {"chat.tools.global.autoApprove": true}
}
"#;
    std::fs::write(dir.path().join("app.code-workspace"), workspace).unwrap();
    let out = mcpward(dir.path())
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["client"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, String, String, String)> = Vec::new();
    for (path, client) in [
        (".amazonq/cli-agents/ops.json", "amazon-q"),
        (".kiro/agents/ops.json", "kiro"),
    ] {
        for (rule, pointer) in [
            ("auto-approve-destructive", "/allowedTools/1"),
            ("auto-approve-destructive", "/allowedTools/2"),
            // Not an agent key: the agent ignores it.
            ("invalid-config", "/autoApprove"),
        ] {
            want.push((path.into(), client.into(), rule.into(), pointer.into()));
        }
    }
    want.push((
        "app.code-workspace".into(),
        "vscode".into(),
        "auto-approve-destructive".into(),
        "/settings/chat.tools.global.autoApprove".into(),
    ));
    want.sort();
    assert_eq!(got, want);
}

/// `--home .` run from that folder is the same machine scan as `--home`
/// with its absolute path: the home folder is not walked as a project, and
/// its user files are found.
#[test]
fn relative_home_is_the_same_as_absolute() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    std::fs::create_dir_all(home.join("some/project/.cursor")).unwrap();
    std::fs::write(
        home.join("some/project/.cursor/mcp.json"),
        "{\"mcpServers\": {}}\n",
    )
    .unwrap();
    std::fs::create_dir_all(home.join(".cursor")).unwrap();
    std::fs::write(home.join(".cursor/mcp.json"), "{\"mcpServers\": {}}\n").unwrap();
    let files = |home_arg: &str| {
        let v = scan_json(
            home,
            &[
                "--home",
                home_arg,
                "--platform",
                "linux",
                "--format",
                "json",
            ],
        );
        let mut f: Vec<(String, String)> = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let path = f["path"].as_str().unwrap().to_string();
                (path, f["scope"].as_str().unwrap().to_string())
            })
            .collect();
        f.sort();
        f
    };
    let absolute = files(home.to_str().unwrap());
    assert_eq!(
        absolute,
        vec![(".cursor/mcp.json".to_string(), "user".to_string())]
    );
    assert_eq!(files("."), absolute);
}

/// A walk reports files in path order, whatever order the file system
/// lists them in, so reports and snapshots are the same on every machine.
#[test]
fn walk_order_is_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["zeta", "alpha", "mid", "beta", "omega", "gamma", "Upper"];
    for n in names {
        let p = dir.path().join(n).join(".cursor");
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("mcp.json"), "{\"mcpServers\": {}}\n").unwrap();
    }
    std::fs::create_dir(dir.path().join("home")).unwrap();
    let v = scan_json(
        dir.path(),
        &[
            "--home",
            "home",
            "--platform",
            "linux",
            "--format",
            "json",
            ".",
        ],
    );
    let got: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut want = got.clone();
    want.sort();
    assert_eq!(got.len(), names.len());
    assert_eq!(got, want);
}

/// Every location that `known-clients/` lists (project, user for every OS
/// layout, system), as a concrete path relative to a folder: globs filled
/// in (`*` → `x`, a `**` segment → one folder), no duplicates.
fn every_known_location() -> Vec<String> {
    let mut out: Vec<String> = mcpward::clients::all()
        .iter()
        .flat_map(|c| c.files.iter())
        .flat_map(|f| f.suffixes())
        .map(|s| {
            s.split('/')
                .map(|seg| {
                    if seg == "**" {
                        "x".into()
                    } else {
                        seg.replace('*', "x")
                    }
                })
                .collect::<Vec<String>>()
                .join("/")
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Naming a client folder scans the config in it: `mcpward .cursor`,
/// `mcpward ~/.codeium/windsurf`, `mcpward some/project/.kiro/settings`.
/// For every known location, the folder holding the file and each of its
/// parents is named relative to the current folder and as an absolute path;
/// the folder is also walked as `.` from inside it, and the file is named
/// by its bare name from its own folder. Each run finds the file as the
/// same client and scope as the location's suffix says.
#[test]
fn naming_any_folder_on_the_way_to_a_known_location_finds_it() {
    let locations = every_known_location();
    assert!(locations.len() > 50, "{locations:?}");
    let home = tempfile::tempdir().unwrap();
    let base = tempfile::tempdir().unwrap();
    let want: Vec<(String, String)> = locations
        .iter()
        .map(|rel| {
            let k = mcpward::clients::kind_for_path(Path::new(rel))
                .unwrap_or_else(|| panic!("{rel} is not recognised by its own suffix"));
            (k.client.id.clone(), k.file.scope.name().to_string())
        })
        .collect();
    // Location i lives under `base/i/`.
    for (i, rel) in locations.iter().enumerate() {
        let file = base.path().join(i.to_string()).join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let text = if rel.ends_with(".toml") { "" } else { "{}\n" };
        std::fs::write(&file, text).unwrap();
    }
    // One run: (cwd, arguments); each argument reaches one location.
    let run = |cwd: &Path, args: &[(usize, String)]| -> Vec<String> {
        let mut cmd = mcpward(cwd);
        cmd.args(["--home", home.path().to_str().unwrap()]).args([
            "--platform",
            "linux",
            "--format",
            "json",
            "--",
        ]);
        cmd.args(args.iter().map(|(_, a)| a));
        let out = cmd.output().unwrap();
        let v: Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => return vec![format!("{args:?}: no JSON ({e})")],
        };
        let files = v["files"].as_array().unwrap();
        let mut failures = Vec::new();
        for (i, arg) in args {
            // The files reported under this location's folder.
            let rel = &locations[*i];
            let own = base.path().join(i.to_string());
            let got: Vec<(String, String)> = files
                .iter()
                .filter(|f| {
                    cwd.join(f["path"].as_str().unwrap_or_default())
                        .starts_with(&own)
                })
                .map(|f| {
                    (
                        f["client"].as_str().unwrap_or_default().to_string(),
                        f["scope"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            if got != [want[*i].clone()] {
                failures.push(format!("{rel} via {arg}: {got:?}, want {:?}", want[*i]));
            }
        }
        failures
    };
    let mut failures = Vec::new();
    let mut runs = 0;
    // Level k: every location's k-th parent folder, in one run, relative
    // to `base` and absolute.
    for level in 0.. {
        let mut rel_args = Vec::new();
        let mut abs_args = Vec::new();
        for (i, rel) in locations.iter().enumerate() {
            let Some(folder) = Path::new(rel).ancestors().nth(level + 1) else {
                continue;
            };
            let named = Path::new(&i.to_string()).join(folder);
            let named = named.to_str().unwrap().trim_end_matches('/').to_string();
            abs_args.push((i, format!("{}/{named}", base.path().display())));
            rel_args.push((i, named));
        }
        if rel_args.is_empty() {
            break;
        }
        failures.extend(run(base.path(), &rel_args));
        failures.extend(run(base.path(), &abs_args));
        runs += 2;
    }
    // From inside the file's folder: `.` and the bare file name.
    for (i, rel) in locations.iter().enumerate() {
        let file = base.path().join(i.to_string()).join(rel);
        let dir = file.parent().unwrap();
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        failures.extend(run(dir, &[(i, ".".to_string())]));
        failures.extend(run(dir, &[(i, name)]));
        runs += 2;
    }
    assert!(
        failures.is_empty(),
        "{} failures in {runs} runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Named paths that hold no MCP configuration exit 2 and say what was
/// looked for; `--allow-empty` accepts it. A named file with no MCP content
/// at all is a warning, never "Scanned 1 file … No findings". A file at a
/// known client path without servers (what pre-commit passes) is checked
/// as usual.
#[test]
fn named_paths_with_nothing_to_scan_exit_2_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("home")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/main.rs"), "fn main() {}\n").unwrap();
    std::fs::write(root.join("package.json"), "{\"name\":\"x\"}\n").unwrap();
    std::fs::create_dir_all(root.join(".vscode")).unwrap();
    std::fs::write(
        root.join(".vscode/settings.json"),
        "{\"editor.tabSize\": 2}\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = mcpward(root)
            .args(["--home", "home", "--platform", "linux"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    // A folder with no config.
    let (code, _, err) = run(&["src"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no MCP configuration in src"), "{err}");
    assert!(
        err.contains(".cursor/mcp.json") && err.contains("--allow-empty"),
        "{err}"
    );
    let (code, _, err) = run(&["--allow-empty", "src"]);
    assert_eq!(code, Some(0), "{err}");
    // A named file with no MCP content: a warning, and nothing scanned.
    let (code, out, err) = run(&["package.json"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(
        out.contains("warning: skipped package.json: holds no MCP configuration"),
        "{out}"
    );
    assert!(!out.contains("Scanned 1 file"), "{out}");
    let (code, out, _) = run(&["--allow-empty", "--format", "json", "package.json"]);
    assert_eq!(code, Some(0), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"], Value::Array(vec![]), "{v}");
    assert_eq!(v["errors"][0]["kind"], "no-mcp-content", "{v}");
    // `--client` says what it is: checked as that client's file.
    let (code, out, _) = run(&["--client", "cursor", "package.json"]);
    assert_ne!(code, Some(2), "{out}");
    // A client file without servers, as pre-commit passes it: checked, exit 0.
    let (code, out, err) = run(&[".vscode/settings.json"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Scanned 1 file"), "{out}");
    // With a config next to the empty file, the run is not empty.
    std::fs::write(root.join(".mcp.json"), "{\"mcpServers\": {}}\n").unwrap();
    let (code, out, _) = run(&["src", ".mcp.json"]);
    assert_eq!(code, Some(0), "{out}");
}
