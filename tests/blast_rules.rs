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
        assert!(m[0].contains("verb `write`"), "{}", m[0]);
        assert!(
            m[0].contains(r#"\"autoApprove\": [\"read_file\", \"list_directory\"]"#),
            "{}",
            m[0]
        );
        assert!(m[3].contains("verb `merge`"), "{}", m[3]);
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
        // settings.local.json is personal: enableAllProjectMcpServers there
        // is the user's own answer, and the allowed tool is read-only.
        expect(
            R,
            "auto-approve-destructive/claude-local/.claude/settings.local.json",
            &[],
            &[],
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
    fn client_forced_for_an_unrecognised_path() {
        expect(
            R,
            "auto-approve-destructive/forced/approvals.json",
            &["--client", "cline"],
            &[("/mcpServers/git/autoApprove/1", 5, "high")],
        );
    }
}
