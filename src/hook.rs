//! The pre-commit hook's `files:` pattern, generated from `known-clients/` so
//! the hook and the walker recognise the same paths (a test checks that
//! `.pre-commit-hooks.yaml` holds exactly this pattern).

use crate::clients;

pub use crate::clients::BACKUP_SUFFIXES;

/// Every path suffix any client file is recognised by, as regex
/// alternatives, sorted and deduplicated: a `*` segment becomes `[^/]+`, a
/// `*` inside a segment `[^/]*` (`*.json` → `[^/]*\.json`), and a `**`
/// segment up to [`clients::GLOB_DEPTH`] folders.
pub fn path_alternatives() -> Vec<String> {
    let mut alts: Vec<String> = clients::all()
        .iter()
        .flat_map(|c| c.files.iter())
        .flat_map(|f| f.suffixes())
        .map(|s| suffix_regex(&s))
        .collect();
    alts.sort();
    alts.dedup();
    alts
}

/// One path suffix as a regex (see [`path_alternatives`]).
pub fn suffix_regex(suffix: &str) -> String {
    let mut out = String::new();
    let segments: Vec<&str> = suffix.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if *seg == "**" {
            // Folders with their slashes; nothing else follows a `/` here.
            out.push_str(&format!("(?:[^/]+/){{0,{}}}", clients::GLOB_DEPTH));
            continue;
        }
        if *seg == "*" {
            out.push_str("[^/]+");
        } else {
            let parts: Vec<String> = seg.split('*').map(regex::escape).collect();
            out.push_str(&parts.join("[^/]*"));
        }
        if !last {
            out.push('/');
        }
    }
    out
}

/// The verbose (`(?x)`) regex for the hook's `files:` key, with Python `re`
/// and Rust `regex` semantics alike. In `(?x)` mode spaces are insignificant,
/// so literal spaces in paths are written as `\ `.
pub fn precommit_files_regex() -> String {
    let mut s = String::from("(?x)(^|/)(\n");
    for (i, alt) in path_alternatives().iter().enumerate() {
        let sep = if i == 0 { "  " } else { "| " };
        s.push_str(&format!("    {sep}{}\n", alt.replace(' ', "\\ ")));
    }
    let backups: Vec<String> = BACKUP_SUFFIXES.iter().map(|b| regex::escape(b)).collect();
    s.push_str(&format!(")({})?$\n", backups.join("|")));
    s
}

/// The whole `.pre-commit-hooks.yaml`.
pub fn precommit_hooks_yaml() -> String {
    let mut files = String::new();
    for line in precommit_files_regex().lines() {
        files.push_str("    ");
        files.push_str(line);
        files.push('\n');
    }
    format!(
        "# Generated from known-clients/ by `MCPWARD_BLESS=1 cargo test --test precommit`; do not edit by hand.\n\
- id: mcpward\n  \
name: mcpward\n  \
description: Lint MCP client configuration files for secrets and risky settings\n  \
entry: mcpward\n  \
language: rust\n  \
files: |\n{files}  \
require_serial: true\n  \
minimum_pre_commit_version: \"3.0.0\"\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_segments_become_regexes() {
        assert_eq!(suffix_regex(".cursor/mcp.json"), r"\.cursor/mcp\.json");
        assert_eq!(
            suffix_regex(".kiro/agents/*.json"),
            r"\.kiro/agents/[^/]*\.json"
        );
        assert_eq!(
            suffix_regex(".config/Code/User/profiles/*/mcp.json"),
            r"\.config/Code/User/profiles/[^/]+/mcp\.json"
        );
        assert_eq!(
            suffix_regex(".claude/plugins/cache/**/.mcp.json"),
            r"\.claude/plugins/cache/(?:[^/]+/){0,5}\.mcp\.json"
        );
        assert_eq!(suffix_regex("*.code-workspace"), r"[^/]*\.code\-workspace");
    }

    #[test]
    fn hook_pattern_agrees_with_the_walker() {
        let re = regex::Regex::new(&precommit_files_regex()).unwrap();
        for path in [
            ".kiro/agents/dev.json",
            "sub/.amazonq/cli-agents/reviewer.json",
            "team.code-workspace",
            "dotfiles/.claude/plugins/cache/mkt/p/1.0.0/.mcp.json",
            "dotfiles/.aws/amazonq/cli-agents/a.json",
        ] {
            assert!(re.is_match(path), "{path}");
            assert!(
                clients::kind_for_path(std::path::Path::new(path)).is_some(),
                "{path}"
            );
        }
        for path in [
            ".kiro/agents/prompts/a.md",
            ".kiro/agents/sub/a.json",
            "team.code-workspace.json",
        ] {
            assert!(!re.is_match(path), "{path}");
            assert!(
                clients::kind_for_path(std::path::Path::new(path)).is_none(),
                "{path}"
            );
        }
    }
}
