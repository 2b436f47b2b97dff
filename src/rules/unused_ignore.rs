//! `unused-ignore`: a suppression that has no effect. The one producer of
//! this rule's findings: [`UnusedIgnore::check`] reports the inline
//! `mcpward-ignore` comments that cannot apply (no reason, unknown rule id,
//! unreadable); [`unused_inline`] and [`stale_entries`] report, from the
//! usage table the filter stage fills ([`crate::suppress::FileUsage`],
//! [`crate::suppress::ConfigUsage`]), the well-formed inline comments and
//! `[[ignore]]` entries that silenced nothing in this run.

use crate::finding::{Finding, Severity};
use crate::model::ConfigFile;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suppress::{self, ConfigUsage, FileUsage, Ignore, IgnoreTarget, MARKER};

/// The rule id, shared with the filter stage.
pub const ID: &str = "unused-ignore";

pub struct UnusedIgnore;

static META: RuleMeta = RuleMeta {
    id: ID,
    summary: "A suppression that silences nothing: stale, misspelled, or missing its reason",
    default_severity: Severity::Low,
    family: "configuration",
    precision: "very-high",
    docs: r#"## What it does

Reports suppressions that do nothing:

- an `[[ignore]]` entry in `mcpward.toml` whose path, pointer or server
  matched no finding of its rules in this run (entries for files outside the
  run, such as files not passed to a pre-commit invocation, are not judged);
- an inline `mcpward-ignore` comment (JSONC and TOML files) that silenced no
  finding on its line;
- an inline comment without a reason (`-- why`), naming an unknown rule, or
  that cannot be read. Such a comment is not applied.

## Why it matters

A suppression outlives the problem it was written for. Once the finding is
fixed, a stale ignore silences nothing today and then silently hides the next
finding that lands on the same file, pointer or line, which is exactly when a
reviewer is not looking. A suppression without a reason cannot be reviewed:
nobody can tell later whether the exception still holds. A misspelled rule id
looks like a suppression in review and does nothing.

## Example

```jsonc
{
  "servers": {
    // mcpward-ignore: hardcoded-secrets
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] }
  }
}
```

The rule id is misspelled (`hardcoded-secrets`) and there is no reason.

## Use instead

```jsonc
{
  "servers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {
        // mcpward-ignore: hardcoded-secret -- public read-only demo token, rotated daily
        "DEMO_API_TOKEN": "dmo_8Kx2Vq9LmT4rW7zN3pY6"
      }
    }
  }
}
```

Or delete the suppression once the finding is gone.

## References

- mcpward configuration and suppressions: `docs/configuration.md`.
- The same idea in other linters: ruff `RUF100` (unused `noqa`), ESLint
  `--report-unused-disable-directives`.
"#,
    options: &[],
};

impl Rule for UnusedIgnore {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let prefix = suppress::comment_prefix(file);
        for ig in suppress::inline_ignores(file) {
            let extra = crate::fingerprint::sha256_hex(&file.source.text[ig.span.clone()]);
            let mut push = |f: Finding| {
                let mut f = f;
                f.fingerprint_extra = Some(extra.clone());
                out.push(f);
            };
            if let Some(why) = &ig.malformed {
                push(
                    Finding::new(
                        ID,
                        Severity::Low,
                        ig.span.clone(),
                        "",
                        format!("unreadable `{MARKER}` comment ({why}); it is not applied"),
                    )
                    .label("not applied")
                    .help(format!(
                        "write `{prefix} {MARKER}: <rule-id>[, <rule-id>] -- <reason>`"
                    )),
                );
                continue;
            }
            if ig.reason.is_none() {
                push(
                    Finding::new(
                        ID,
                        Severity::Low,
                        ig.span.clone(),
                        "",
                        format!("`{MARKER}` comment without a reason; it is not applied"),
                    )
                    .label("no reason")
                    .help(format!(
                        "say why the finding is acceptable: `{prefix} {MARKER}: {} -- <reason>`",
                        ig.rules
                            .iter()
                            .map(|(r, _)| r.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
            let known: Vec<&str> = crate::rules::RULES.iter().map(|r| r.meta().id).collect();
            for (id, span) in &ig.rules {
                if known.contains(&id.as_str()) {
                    continue;
                }
                let help = match crate::suggest::suggest(id, &known) {
                    Some(s) => format!("did you mean `{s}`? `mcpward rules` lists every rule"),
                    None => "`mcpward rules` lists every rule".to_string(),
                };
                push(
                    Finding::new(
                        ID,
                        Severity::Low,
                        span.clone(),
                        "",
                        format!(
                            "unknown rule `{}` in `{MARKER}`; it silences nothing",
                            crate::mask::short_key(id)
                        ),
                    )
                    .label("unknown rule id")
                    .help(help),
                );
            }
        }
    }
}

/// The inline comments of `file` that silenced nothing on their line, one
/// finding per rule id that matched no finding. Ids no rule has are left to
/// [`UnusedIgnore::check`], which reports them already.
pub(crate) fn unused_inline(file: &ConfigFile, usage: &FileUsage) -> Vec<Finding> {
    let mut out = Vec::new();
    for (ig, flags) in &usage.inline {
        for ((id, span), _) in ig.rules.iter().zip(flags).filter(|(_, u)| !**u) {
            if crate::rules::by_id(id).is_none() {
                continue;
            }
            let mut f = Finding::new(
                ID,
                Severity::Low,
                span.clone(),
                "",
                format!(
                    "`{MARKER}: {id}` silences nothing: no {id} finding is on line {}",
                    ig.target_line
                ),
            )
            .label("matches no finding")
            .help("remove it, or move it to the line of the finding (or the line before)");
            f.fingerprint_extra = Some(crate::fingerprint::sha256_hex(
                &file.source.text[ig.span.clone()],
            ));
            out.push(f);
        }
    }
    out
}

/// The `[[ignore]]` entries that silenced nothing, as findings in the
/// configuration file. An entry whose path matched no scanned file is only
/// judged when `in_reach` says this run could have scanned its files (a
/// pre-commit run over two files says nothing about the others).
pub(crate) fn stale_entries(
    ignores: &[Ignore],
    usage: &ConfigUsage,
    in_reach: impl Fn(&Ignore) -> bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, ig) in ignores.iter().enumerate() {
        let hit = usage.path_hit.get(i).copied().unwrap_or(false);
        if usage.used.get(i).copied().unwrap_or(false) || !(hit || in_reach(ig)) {
            continue;
        }
        let target = match &ig.target {
            IgnoreTarget::File => String::new(),
            IgnoreTarget::Pointer(p) => format!(", pointer `{p}`"),
            IgnoreTarget::Server(s) => format!(", server `{s}`"),
        };
        let why = if hit {
            "matched no finding"
        } else {
            "matched no scanned file"
        };
        out.push(
            Finding::new(
                ID,
                Severity::Low,
                ig.span.clone(),
                format!("/ignore/{i}"),
                format!(
                    "this ignore (path `{}`{target}, rules {}) {why}",
                    ig.path,
                    ig.rules.join(", ")
                ),
            )
            .label("silences nothing")
            .help("remove the entry, or fix its path, pointer or server: a stale ignore would silently hide a future finding"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, text: &str) -> Vec<Finding> {
        crate::rules::run_rule(&UnusedIgnore, path, text).1
    }

    #[test]
    fn reports_missing_reason_unknown_rule_and_unreadable() {
        let text = "{\n  // mcpward-ignore: invalid-config\n  // mcpward-ignore: invalid-confg -- r\n  // mcpward-ignore invalid-config -- r\n  \"servers\": {}\n}\n";
        let out = check("/p/.vscode/mcp.json", text);
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(out[0].message.contains("without a reason"));
        assert!(out[1].message.contains("unknown rule `invalid-confg`"));
        assert_eq!(&text[out[1].span.clone()], "invalid-confg");
        assert_eq!(
            out[1].help.as_deref(),
            Some("did you mean `invalid-config`? `mcpward rules` lists every rule")
        );
        assert!(out[2].message.contains("unreadable"));
    }

    #[test]
    fn toml_comments_and_clean_files() {
        let text = "[mcp_servers.x] # mcpward-ignore: invalid-config\ncommand = \"a # mcpward-ignore: x\"\n";
        let out = check("/p/.codex/config.toml", text);
        assert_eq!(out.len(), 1, "{out:#?}");
        let ok = "{\n  // mcpward-ignore: invalid-config -- fine\n  \"servers\": {}\n}\n";
        assert!(check("/p/.vscode/mcp.json", ok).is_empty());
    }
}
