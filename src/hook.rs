//! The pre-commit hook's `files:` pattern, generated from `known-clients/` so
//! the hook and the walker recognise the same paths (a test checks that
//! `.pre-commit-hooks.yaml` holds exactly this pattern).

use crate::clients;

pub use crate::clients::BACKUP_SUFFIXES;

/// Every path suffix any client file is recognised by, as regex
/// alternatives (`*` segments become `[^/]+`), sorted and deduplicated.
pub fn path_alternatives() -> Vec<String> {
    let mut alts: Vec<String> = clients::all()
        .iter()
        .flat_map(|c| c.files.iter())
        .flat_map(|f| f.suffixes())
        .map(|s| {
            s.split('/')
                .map(|seg| {
                    if seg == "*" {
                        "[^/]+".to_string()
                    } else {
                        regex::escape(seg)
                    }
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    alts.sort();
    alts.dedup();
    alts
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
