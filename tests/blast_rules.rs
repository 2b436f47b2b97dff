//! End-to-end tests of the blast-radius rules (`broad-filesystem-access`,
//! `auto-approve-destructive`, `unsandboxed-exec-server`): the CLI runs over
//! the fixtures under `tests/fixtures/<rule-id>/` with a fake home, and each
//! test asserts the rule, JSON pointer, line and severity of every finding of
//! that rule, so both missed knobs and noise on read-only entries fail.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn mcpward(args: &[&str]) -> (Value, String) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = Command::cargo_bin("mcpward")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .arg("--home")
        .arg(home.path())
        .args(["--platform", "linux", "--format", "json"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (json, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// (pointer, line, severity) of every finding of `rule` for `fixture`
/// (relative to `tests/fixtures`), in report order.
fn found(rule: &str, fixture: &str, extra: &[&str]) -> Vec<(String, u64, String)> {
    let path = format!("tests/fixtures/{fixture}");
    assert!(
        Path::new(ROOT).join(&path).exists(),
        "missing fixture {path}"
    );
    let mut args: Vec<&str> = extra.to_vec();
    args.push(&path);
    let (json, stderr) = mcpward(&args);
    assert!(
        json["errors"].as_array().is_some_and(|e| e.is_empty()),
        "scan errors: {json} {stderr}"
    );
    json["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array"))
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["pointer"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn expect(rule: &str, fixture: &str, extra: &[&str], want: &[(&str, u64, &str)]) {
    let got = found(rule, fixture, extra);
    let want: Vec<(String, u64, String)> = want
        .iter()
        .map(|(p, l, s)| (p.to_string(), *l, s.to_string()))
        .collect();
    assert_eq!(got, want, "{rule} on {fixture}");
}

/// Every message of `rule` on `fixture`, for wording checks.
fn messages(rule: &str, fixture: &str) -> Vec<String> {
    let (json, _) = mcpward(&[&format!("tests/fixtures/{fixture}")]);
    json["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["rule"] == rule)
                .map(|f| format!("{} | {}", f["message"], f["help"]))
                .collect()
        })
        .unwrap_or_default()
}

mod auto_approve {
    use super::*;
    const R: &str = "auto-approve-destructive";

    #[test]
    fn cline_lists_with_both_names_and_a_wildcard() {
        expect(
            R,
            "auto-approve-destructive/cline/cline_mcp_settings.json",
            &[],
            &[
                ("/mcpServers/filesystem/autoApprove/2", 6, "high"),
                ("/mcpServers/filesystem/autoApprove/3", 6, "high"),
                ("/mcpServers/github/alwaysAllow/1", 11, "high"),
                ("/mcpServers/github/alwaysAllow/2", 11, "high"),
                ("/mcpServers/everything/autoApprove/0", 16, "high"),
            ],
        );
        let m = messages(R, "auto-approve-destructive/cline/cline_mcp_settings.json");
        assert!(
            m[0].contains("`write_file` of server `filesystem`"),
            "{}",
            m[0]
        );
        // The catalogue's published effect decides for a server it knows
        // (what runs is the reference filesystem server), before the verb.
        assert!(
            m[0].contains("a known tool of Filesystem reference server"),
            "{}",
            m[0]
        );
        assert!(
            m[0].contains(r#"\"autoApprove\": [\"read_file\", \"list_directory\"]"#),
            "{}",
            m[0]
        );
        assert!(
            m[3].contains("publishes or ships changes (a known tool of GitHub reference server)"),
            "{}",
            m[3]
        );
    }

    #[test]
    fn roo_reads_alwaysallow_and_autoapprove() {
        expect(
            R,
            "auto-approve-destructive/roo/.roo/mcp.json",
            &[],
            &[
                ("/mcpServers/shell/alwaysAllow/0", 6, "high"),
                ("/mcpServers/slack/autoApprove/1", 11, "high"),
            ],
        );
    }

    #[test]
    fn kiro_autoapprove_known_tool_and_star() {
        expect(
            R,
            "auto-approve-destructive/kiro/.kiro/settings/mcp.json",
            &[],
            &[
                ("/mcpServers/aws-api/autoApprove/0", 11, "high"),
                ("/mcpServers/postgres/autoApprove/0", 16, "high"),
            ],
        );
    }

    #[test]
    fn gemini_trust_and_allowed_shell() {
        expect(
            R,
            "auto-approve-destructive/gemini/.gemini/settings.json",
            &[],
            &[
                ("/tools/allowed/2", 4, "high"),
                ("/mcpServers/github/trust", 9, "high"),
            ],
        );
    }

    #[test]
    fn claude_code_settings() {
        expect(
            R,
            "auto-approve-destructive/claude/.claude/settings.json",
            &[],
            &[
                ("/permissions/allow/2", 6, "high"),
                ("/permissions/allow/3", 7, "high"),
                ("/permissions/allow/4", 8, "high"),
                ("/permissions/defaultMode", 11, "critical"),
                ("/enableAllProjectMcpServers", 14, "high"),
            ],
        );
        // settings.local.json is personal, but one found in a tree is
        // committed: enableAllProjectMcpServers there starts every project
        // server for whoever clones it. The allowed tool is read-only.
        expect(
            R,
            "auto-approve-destructive/claude-local/.claude/settings.local.json",
            &[],
            &[("/enableAllProjectMcpServers", 5, "high")],
        );
    }

    #[test]
    fn vscode_global_switches_and_sandbox() {
        expect(
            R,
            "auto-approve-destructive/vscode/.vscode/settings.json",
            &[],
            &[
                ("/chat.tools.global.autoApprove", 3, "critical"),
                ("/chat.tools.autoApprove", 4, "critical"),
            ],
        );
        expect(
            R,
            "auto-approve-destructive/vscode/.vscode/mcp.json",
            &[],
            &[("/servers/fetch/sandboxEnabled", 7, "medium")],
        );
    }

    #[test]
    fn zed_switches_and_per_tool() {
        expect(
            R,
            "auto-approve-destructive/zed/.zed/settings.json",
            &[],
            &[
                ("/agent/always_allow_tool_actions", 3, "critical"),
                ("/agent/tool_permissions/default", 5, "critical"),
                (
                    "/agent/tool_permissions/tools/mcp:github:create_issue/default",
                    7,
                    "high",
                ),
                ("/agent/tool_permissions/tools/terminal/default", 9, "high"),
            ],
        );
    }

    #[test]
    fn codex_policy_profiles_and_tools() {
        expect(
            R,
            "auto-approve-destructive/codex/.codex/config.toml",
            &[],
            &[
                ("/approval_policy", 1, "critical"),
                ("/profiles/ci/approval_policy", 5, "high"),
                (
                    "/mcp_servers/github/default_tools_approval_mode",
                    10,
                    "high",
                ),
                ("/mcp_servers/fs/tools/write_file/approval_mode", 20, "high"),
            ],
        );
    }

    #[test]
    fn cursor_permissions_allowlist() {
        expect(
            R,
            "auto-approve-destructive/cursor/.cursor/permissions.json",
            &[],
            &[
                ("/mcpAllowlist/1", 5, "high"),
                ("/mcpAllowlist/2", 6, "high"),
                ("/mcpAllowlist/3", 7, "high"),
            ],
        );
    }

    #[test]
    fn read_only_lists_stay_silent() {
        for f in [
            "safe/.roo/mcp.json",
            "safe/.kiro/settings/mcp.json",
            "safe/.claude/settings.json",
            "safe/.codex/config.toml",
            "safe/.vscode/settings.json",
            "safe/.zed/settings.json",
            "safe/.gemini/settings.json",
        ] {
            expect(R, &format!("auto-approve-destructive/{f}"), &[], &[]);
        }
    }

    #[test]
    fn opencode_permission_defaults() {
        expect(
            R,
            "auto-approve-destructive/opencode/opencode.json",
            &[],
            &[
                ("/permission/*", 4, "critical"),
                ("/permission/edit", 5, "high"),
                ("/permission/bash/*", 6, "high"),
                ("/permission/github_*", 8, "high"),
            ],
        );
    }

    #[test]
    fn amazon_q_agent_allowed_tools() {
        // Agent files have no path of their own in known-clients yet.
        expect(
            R,
            "auto-approve-destructive/amazon-q/agent.json",
            &["--client", "amazon-q"],
            &[
                ("/allowedTools/3", 7, "high"),
                ("/allowedTools/4", 7, "high"),
                ("/allowedTools/5", 7, "high"),
                ("/allowedTools/6", 7, "high"),
            ],
        );
    }

    #[test]
    fn client_forced_for_an_unrecognised_path() {
        expect(
            R,
            "auto-approve-destructive/forced/approvals.json",
            &["--client", "cline"],
            &[("/mcpServers/git/autoApprove/1", 5, "high")],
        );
    }
}

mod broad_filesystem {
    use super::*;
    const R: &str = "broad-filesystem-access";

    #[test]
    fn filesystem_server_every_posix_and_windows_spelling() {
        expect(
            R,
            "broad-filesystem-access/claude-desktop/claude_desktop_config.json",
            &[],
            &[
                ("/mcpServers/filesystem/args/2", 8, "high"),
                ("/mcpServers/filesystem/args/3", 9, "high"),
                ("/mcpServers/filesystem/args/4", 10, "critical"),
                ("/mcpServers/filesystem/args/5", 11, "medium"),
                ("/mcpServers/filesystem/args/7", 13, "high"),
                ("/mcpServers/filesystem-windows/args/2", 21, "high"),
                ("/mcpServers/filesystem-windows/args/3", 22, "high"),
                ("/mcpServers/filesystem-windows/args/4", 23, "critical"),
                ("/preferences/localAgentModeTrustedFolders/0", 29, "high"),
            ],
        );
        let m = messages(
            R,
            "broad-filesystem-access/claude-desktop/claude_desktop_config.json",
        );
        assert!(
            m[0].contains("the whole home directory (`/Users/alice`)"),
            "{}",
            m[0]
        );
        assert!(m[2].contains("the root directory"), "{}", m[2]);
        assert!(m[3].contains("the SSH keys in `~/.ssh`"), "{}", m[3]);
        assert!(m[7].contains("the whole `D:` drive"), "{}", m[7]);
        // Claude Desktop expands no variables: the help names a real folder.
        assert!(
            m[0].contains(r#"e.g. \"/Users/alice/code/my-project\""#),
            "{}",
            m[0]
        );
    }

    #[test]
    fn docker_mounts_and_workspace_variable_help() {
        expect(
            R,
            "broad-filesystem-access/cursor/.cursor/mcp.json",
            &[],
            &[
                ("/mcpServers/filesystem/args/4", 7, "high"),
                ("/mcpServers/filesystem/args/6", 8, "medium"),
                ("/mcpServers/files/args/1", 16, "high"),
            ],
        );
        let m = messages(R, "broad-filesystem-access/cursor/.cursor/mcp.json");
        assert!(m[0].contains("mounts the whole home directory"), "{}", m[0]);
        assert!(m[1].contains("mounts (read-only) the SSH keys"), "{}", m[1]);
        assert!(m[2].contains(r#"e.g. \"${workspaceFolder}\""#), "{}", m[2]);
    }

    #[test]
    fn vscode_launcher_and_sandbox_allow_write() {
        expect(
            R,
            "broad-filesystem-access/vscode/.vscode/mcp.json",
            &[],
            &[
                ("/servers/fs/args/2", 7, "high"),
                (
                    "/servers/sandboxed/sandbox/filesystem/allowWrite/1",
                    14,
                    "high",
                ),
            ],
        );
    }

    #[test]
    fn one_string_command_and_env_allowlist() {
        expect(
            R,
            "broad-filesystem-access/windsurf/.codeium/windsurf/mcp_config.json",
            &[],
            &[
                ("/mcpServers/filesystem/command", 4, "high"),
                (
                    "/mcpServers/local-files/env/ALLOWED_DIRECTORIES",
                    9,
                    "medium",
                ),
            ],
        );
        // The finding points at the one path inside the list, not the list.
        let (json, _) = mcpward(&[
            "tests/fixtures/broad-filesystem-access/windsurf/.codeium/windsurf/mcp_config.json",
        ]);
        let f = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["rule"] == R && f["pointer"] == "/mcpServers/local-files/env/ALLOWED_DIRECTORIES"
            })
            .unwrap();
        assert_eq!(
            (f["column"].as_u64(), f["end_column"].as_u64()),
            (Some(62), Some(79)),
            "{f}"
        );
    }

    #[test]
    fn claude_code_wrapper_git_repository_and_additional_directories() {
        expect(
            R,
            "broad-filesystem-access/claude-code/.mcp.json",
            &[],
            &[
                ("/mcpServers/filesystem/args/4", 5, "high"),
                ("/mcpServers/git/args/2", 9, "critical"),
            ],
        );
        expect(
            R,
            "broad-filesystem-access/claude-code/.claude/settings.json",
            &[],
            &[
                ("/permissions/additionalDirectories/0", 3, "high"),
                ("/permissions/additionalDirectories/2", 3, "critical"),
            ],
        );
    }

    #[test]
    fn codex_trusted_projects_writable_roots_and_podman() {
        expect(
            R,
            "broad-filesystem-access/codex/.codex/config.toml",
            &[],
            &[
                ("/projects/~1home~1bob", 1, "high"),
                ("/sandbox_workspace_write/writable_roots/1", 8, "high"),
                ("/mcp_servers/files/args/4", 12, "high"),
            ],
        );
    }

    #[test]
    fn go_run_and_local_binary() {
        expect(
            R,
            "broad-filesystem-access/gemini/.gemini/settings.json",
            &[],
            &[
                ("/mcpServers/fs/args/2", 5, "high"),
                ("/mcpServers/local/args/0", 9, "medium"),
            ],
        );
    }

    #[test]
    fn project_scoped_paths_stay_silent() {
        for f in [
            "safe/.cursor/mcp.json",
            "safe/.codex/config.toml",
            "safe/.claude/settings.json",
        ] {
            expect(R, &format!("broad-filesystem-access/{f}"), &[], &[]);
        }
    }
}

mod unsandboxed {
    use super::*;
    const R: &str = "unsandboxed-exec-server";

    #[test]
    fn exec_servers_on_the_host_are_low() {
        expect(
            R,
            "unsandboxed-exec-server/host/claude_desktop_config.json",
            &[],
            &[
                ("/mcpServers/desktop-commander/args/1", 5, "low"),
                ("/mcpServers/playwright/args/0", 9, "low"),
                ("/mcpServers/shell/args/0", 13, "low"),
                ("/mcpServers/code-runner/args/0", 18, "low"),
                // Inside `sh -c "..."`: the word in the script.
                ("/mcpServers/browser/args/1", 22, "low"),
                // Behind `cmd /c`.
                ("/mcpServers/devtools/args/3", 26, "low"),
            ],
        );
    }

    #[test]
    fn dangerous_container_flags() {
        expect(
            R,
            "unsandboxed-exec-server/docker/.cursor/mcp.json",
            &[],
            &[
                ("/mcpServers/tools/args/3", 7, "critical"),
                ("/mcpServers/tools/args/5", 8, "critical"),
                ("/mcpServers/tools/args/7", 9, "medium"),
                ("/mcpServers/tools/args/8", 10, "high"),
                ("/mcpServers/tools/args/10", 11, "high"),
                ("/mcpServers/tools/args/12", 12, "critical"),
                ("/mcpServers/puppeteer/args/3", 18, "high"),
                ("/mcpServers/puppeteer/args/4", 18, "medium"),
            ],
        );
        expect(
            R,
            "unsandboxed-exec-server/codex/.codex/config.toml",
            &[],
            &[
                ("/mcp_servers/shell/args/3", 3, "medium"),
                ("/mcp_servers/shell/args/5", 3, "critical"),
                ("/mcp_servers/commander/args/1", 7, "low"),
            ],
        );
    }

    #[test]
    fn isolated_containers_and_other_servers_stay_silent() {
        expect(R, "unsandboxed-exec-server/safe/.vscode/mcp.json", &[], &[]);
    }
}

mod snapshots {
    use super::*;

    fn render(format: &str, fixture: &str) -> String {
        let home = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let out = Command::cargo_bin("mcpward")
            .unwrap_or_else(|e| panic!("binary: {e}"))
            .current_dir(ROOT)
            .env("NO_COLOR", "1")
            .arg("--home")
            .arg(home.path())
            .args([
                "--platform",
                "linux",
                "--color",
                "never",
                "--format",
                format,
            ])
            .arg(format!("tests/fixtures/{fixture}"))
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn broad_filesystem_access() {
        let f = "broad-filesystem-access/cursor/.cursor/mcp.json";
        insta::assert_snapshot!("broad_filesystem_access_human", render("human", f));
        insta::assert_snapshot!("broad_filesystem_access_json", render("json", f));
    }

    #[test]
    fn auto_approve_destructive() {
        let f = "auto-approve-destructive/cline/cline_mcp_settings.json";
        insta::assert_snapshot!("auto_approve_destructive_human", render("human", f));
        insta::assert_snapshot!("auto_approve_destructive_json", render("json", f));
    }

    #[test]
    fn unsandboxed_exec_server() {
        let f = "unsandboxed-exec-server/docker/.cursor/mcp.json";
        insta::assert_snapshot!("unsandboxed_exec_server_human", render("human", f));
        insta::assert_snapshot!("unsandboxed_exec_server_json", render("json", f));
    }
}
