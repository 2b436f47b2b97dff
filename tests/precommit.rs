//! The pre-commit hook manifest stays in sync with `known-clients/`, and its
//! pattern matches every config path (and backups) but not near misses.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn manifest_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")
}

#[test]
fn manifest_is_generated_from_known_clients() {
    let want = mcpward::hook::precommit_hooks_yaml();
    let path = manifest_path();
    if std::env::var_os("MCPWARD_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        have, want,
        ".pre-commit-hooks.yaml is stale: run `MCPWARD_BLESS=1 cargo test --test precommit`"
    );
}

fn files_regex() -> regex::Regex {
    regex::Regex::new(&mcpward::hook::precommit_files_regex()).unwrap()
}

#[test]
fn pattern_matches_every_known_project_path_and_backups() {
    let re = files_regex();
    let mut checked = 0;
    for client in mcpward::clients::all() {
        for file in &client.files {
            for p in file.project_paths.iter().chain(file.file_names.iter()) {
                for prefix in ["", "sub/dir/"] {
                    for backup in ["", ".bak", ".orig", ".old", "~"] {
                        let path = format!("{prefix}{p}{backup}");
                        assert!(re.is_match(&path), "{path} ({}) should match", client.id);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 50);
    for path in [
        ".mcp.json",
        ".cursor/mcp.json",
        ".vscode/mcp.json",
        ".vscode/settings.json",
        ".roo/mcp.json",
        ".gemini/settings.json",
        ".kiro/settings/mcp.json",
        ".codex/config.toml",
        ".zed/settings.json",
        ".claude/settings.json",
        ".claude/settings.local.json",
        "claude_desktop_config.json",
        ".mcp.json.bak",
        ".mcp.json~",
        "home/.config/Code/User/settings.json",
        "Library/Application Support/Claude/claude_desktop_config.json",
        // Globbed file names and plugin trees.
        ".kiro/agents/docs.json",
        ".amazonq/cli-agents/dev-agent.json",
        "dotfiles/.aws/amazonq/cli-agents/reviewer.json",
        "team.code-workspace",
        "tools/ci.code-workspace.bak",
        "dotfiles/.claude/plugins/cache/acme/db-tools/1.4.0/.mcp.json",
        "dotfiles/.claude/plugins/cache/.mcp.json",
    ] {
        assert!(re.is_match(path), "{path} should match");
    }
}

#[test]
fn pattern_rejects_near_misses() {
    let re = files_regex();
    for path in [
        "mcp.json",
        "notmcp.json",
        ".vscode/launch.json",
        "settings.json",
        "src/config.toml",
        ".mcp.json.txt",
        "x.mcp.json",
        ".cursor/mcp.jsonx",
        "docs/claude_desktop_config.json.md",
        ".kiro/agents/archive/old.json",
        ".kiro/agents/prompt.md",
        ".amazonq/cli-agents/readme.md",
        "team.code-workspace.json",
        "code-workspace",
        "dotfiles/.claude/plugins/marketplaces/m/p/.mcp.json.txt",
        "dotfiles/.claude/plugins/cache/a/b/c/d/e/f/.mcp.json.md",
    ] {
        assert!(!re.is_match(path), "{path} should not match");
    }
}

/// The no-toolchain hook's mirror repository (`pre-commit-mirror/`, pushed to
/// `mcpward::hook::MIRROR_REPO` at release) is generated too: the same hook
/// with `language: python`, and a package that pins the wheel of this version.
#[test]
fn mirror_repository_is_generated() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pre-commit-mirror");
    for (name, want) in [
        (".pre-commit-hooks.yaml", mcpward::hook::mirror_hooks_yaml()),
        ("pyproject.toml", mcpward::hook::mirror_pyproject()),
    ] {
        let path = dir.join(name);
        if std::env::var_os("MCPWARD_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            have, want,
            "pre-commit-mirror/{name} is stale: run `MCPWARD_BLESS=1 cargo test --test precommit`"
        );
    }
    let main = mcpward::hook::precommit_hooks_yaml();
    let mirror = mcpward::hook::mirror_hooks_yaml();
    assert!(main.contains("  language: rust\n") && mirror.contains("  language: python\n"));
    // Same id, entry and files pattern: switching hook repos changes nothing else.
    let body = |y: &str| {
        y.lines()
            .filter(|l| !l.starts_with('#') && !l.contains("language:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&main), body(&mirror));
    let py: toml::Table = mcpward::hook::mirror_pyproject().parse().unwrap();
    let deps = py["project"]["dependencies"].as_array().unwrap();
    assert_eq!(
        deps[0].as_str().unwrap(),
        format!("mcpward=={}", env!("CARGO_PKG_VERSION"))
    );
}
