//! Every configuration and suppression example in README.md and docs/ is
//! run, so copying one from the docs does what the docs say:
//! - a ```toml block that is a `mcpward.toml` is accepted by the CLI;
//! - a block holding `mcpward-ignore` comments (JSONC, or Codex TOML) is
//!   scanned as that client's file: every comment silences a finding of
//!   each rule it names (no `unused-ignore`, and `--no-ignore` brings the
//!   findings back), except the deliberately broken "Example" of the
//!   `unused-ignore` rule, which must be reported;
//! - an inline `// mcpward-ignore: …` shown in prose is put before a value
//!   the rule reports and must silence it.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file in docs/.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// A fenced block: its info string, text, and the headings above it
/// (`## <section>`, `### <subsection>`).
struct Block {
    lang: String,
    text: String,
    section: String,
    subsection: String,
    line: usize,
}

fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let (mut section, mut subsection) = (String::new(), String::new());
    let mut open: Option<Block> = None;
    for (i, line) in md.lines().enumerate() {
        if let Some(b) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                out.extend(open.take());
            } else {
                b.text.push_str(line);
                b.text.push('\n');
            }
            continue;
        }
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            open = Some(Block {
                lang: lang.trim().to_string(),
                text: String::new(),
                section: section.clone(),
                subsection: subsection.clone(),
                line: i + 1,
            });
        } else if let Some(h) = line.strip_prefix("### ") {
            subsection = h.trim().to_string();
        } else if let Some(h) = line.strip_prefix("## ") {
            section = h.trim().to_string();
            subsection.clear();
        }
    }
    out
}

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

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("mcpward")
            .unwrap()
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .arg("--home")
            .arg(self.dir.path().join("home"))
            .args(["--platform", "linux"])
            .args(args)
            .arg(".")
            .output()
            .unwrap()
    }

    /// Rule ids of the findings of a `--format json` run.
    fn rules(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Rule ids named by the `mcpward-ignore:` comments of a text.
fn named_rules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, rest) in text
        .match_indices("mcpward-ignore:")
        .map(|(i, _)| ((), &text[i + 15..]))
    {
        let line = rest.lines().next().unwrap_or("");
        let ids = line.split("--").next().unwrap_or("");
        out.extend(
            ids.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
    }
    out
}

fn is_ignore_example(b: &Block) -> bool {
    b.text.contains("mcpward-ignore")
}

/// A ```toml block that configures mcpward (not a Codex config).
fn is_mcpward_toml(b: &Block) -> bool {
    b.lang == "toml" && !b.text.contains("[mcp_servers") && !is_ignore_example(b)
}

#[test]
fn mcpward_toml_examples_are_accepted() {
    let mut seen = 0;
    for doc in documents() {
        let md = std::fs::read_to_string(&doc).unwrap();
        for b in blocks(&md).iter().filter(|b| is_mcpward_toml(b)) {
            let p = Project::new();
            p.write("mcpward.toml", &b.text);
            // The project holds no config: only a rejected mcpward.toml exits 2.
            let out = p.run(&["--allow-empty"]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_ne!(
                out.status.code(),
                Some(2),
                "{}:{}: example rejected:\n{}\n{err}",
                doc.display(),
                b.line,
                b.text
            );
            seen += 1;
        }
    }
    // README, configuration.md and the unpinned-package docs at least.
    assert!(seen >= 3, "only {seen} mcpward.toml examples found");
}

#[test]
fn inline_ignore_examples_silence_what_they_name() {
    let mut seen = 0;
    for doc in documents() {
        let md = std::fs::read_to_string(&doc).unwrap();
        for b in blocks(&md).iter().filter(|b| is_ignore_example(b)) {
            let at = format!("{}:{}", doc.display(), b.line);
            let file = match b.lang.as_str() {
                "jsonc" | "json" => ".vscode/mcp.json",
                "toml" => ".codex/config.toml",
                other => panic!("{at}: ignore example in a `{other}` block"),
            };
            let p = Project::new();
            p.write(file, &b.text);
            let found = p.rules(&[]);
            if b.section == "unused-ignore" && b.subsection == "Example" {
                // The rule's own example of a broken suppression.
                assert!(
                    found.iter().any(|r| r == "unused-ignore"),
                    "{at}: {found:?}"
                );
                continue;
            }
            assert!(
                !found.iter().any(|r| r == "unused-ignore"),
                "{at}: the example's suppression silences nothing ({found:?}):\n{}",
                b.text
            );
            let all = p.rules(&["--no-ignore"]);
            for rule in named_rules(&b.text) {
                assert!(
                    all.contains(&rule) && !found.contains(&rule),
                    "{at}: `{rule}` is not silenced by the example ({found:?} / {all:?})"
                );
            }
            seen += 1;
        }
    }
    assert!(seen >= 3, "only {seen} ignore examples found");
}

/// Inline code such as `// mcpward-ignore: hardcoded-secret -- reason` in
/// prose (the README's short form).
#[test]
fn inline_ignore_snippets_in_prose_work() {
    let mut seen = 0;
    for doc in documents() {
        let md = std::fs::read_to_string(&doc).unwrap();
        let mut in_fence = false;
        for line in md.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            }
            if in_fence {
                continue;
            }
            for code in line.split('`').skip(1).step_by(2) {
                let Some(comment) = code
                    .strip_prefix("// ")
                    .filter(|c| c.starts_with("mcpward-ignore:"))
                else {
                    continue;
                };
                let rules = named_rules(comment);
                assert_eq!(
                    rules,
                    ["hardcoded-secret"],
                    "{}: add a trigger for {comment:?} here",
                    doc.display()
                );
                let mut rng = mcpward::secrets::corpus::Rng::new(11);
                let token = rng.string(
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                    32,
                );
                let text = format!(
                    "{{\n  \"servers\": {{\n    \"demo\": {{\n      \"command\": \"npx\",\n      \
                     \"args\": [\"-y\", \"@acme/demo-server@1.4.0\"],\n      \"env\": {{\n        \
                     // {comment}\n        \"DEMO_TOKEN\": \"{token}\"\n      }}\n    }}\n  }}\n}}\n"
                );
                let p = Project::new();
                p.write(".vscode/mcp.json", &text);
                assert_eq!(p.rules(&["--no-ignore"]), ["hardcoded-secret"], "{text}");
                assert!(
                    p.rules(&[]).is_empty(),
                    "{}: {comment:?} does not work",
                    doc.display()
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 1, "the README shows an inline ignore");
}
