//! `invalid-config`: the file, or a server entry in it, is not what the client
//! reads. Syntax errors, dialect violations (a comment in strict JSON), wrong
//! shapes and types, entries the client skips, and misspelled keys: a typo can
//! silently switch off a safety setting.

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, ServerEntry, Transport};
use crate::parse::SyntaxKind;
use crate::rules::{Context, Rule, RuleMeta};

mod keys;
use keys::{check_top_keys, other_client_hint, suggestion, unknown_key};

pub struct InvalidConfig;

static META: RuleMeta = RuleMeta {
    id: "invalid-config",
    summary: "The file or a server entry is malformed, mistyped or silently ignored by the client",
    default_severity: Severity::Medium,
    family: "configuration",
    precision: "very-high",
    docs: r#"## What it does

Checks that each MCP config file is something its client will actually read:

- syntax errors, at the exact line and column;
- the client's JSON dialect: a comment, a trailing comma or a UTF-8 byte
  order mark in a file the client parses as strict JSON (Claude Desktop), a
  trailing comma where only comments are allowed (Gemini CLI); JSONC files
  (VS Code, Zed) may have both;
- a top level that is not an object, a servers map that is not an object, a
  server entry that is not an object;
- values of the wrong type: `command` not a string (or empty), `args` not an
  array of strings, `env` or `headers` not an object of strings, `url` or
  `cwd` not a string, `disabled`/`enabled` not a boolean, `type` not a string
  or not one of the transports the client accepts;
- a server with neither `command` nor `url`, a URL with no scheme, and a
  Claude Code entry with `url` but no `type`;
- duplicate keys;
- unknown or misspelled keys, with a did-you-mean (`mcpServer`, `arg`, `evn`,
  `autoapprove`), including keys that belong to another client (named with
  each client's own spelling, from `known-clients/`). Notes written as keys
  (`_comment`, `//`, `$comment`) are a JSON convention, never a typo: low,
  with no did-you-mean; so is another client's harmless key
  (`description`), while another client's launch, approval or on/off key
  (`autoApprove` pasted into Claude Desktop) is medium;
- a `"disabled": true` that the client accepts but does not obey (Cursor,
  Copilot CLI): the server still starts.

On a server that the client's own switch turns off (`disabled: true` in
Cline, Roo Code, Kiro, Amazon Q and Windsurf; `enabled = false` in Codex,
opencode and Zed) these findings are low and say "(server is disabled)",
and an empty `command` is not reported. The same holds for the other rules,
except that `hardcoded-secret` keeps its severity (the secret is in the file
either way) and `unpinned-package` and `unexpanded-variable` say nothing
(they describe what starting the server would do).

One malformed server never hides its siblings: every entry is checked.

Severity is high when the client cannot load the file at all (syntax,
dialect, top-level shape, a misspelled servers key), medium for a server or
key the client ignores or rejects, and low for an unknown key with no near
match.

## Why it matters

A client that cannot parse its file usually drops every server in it without a
clear error, and a misspelled key is silently ignored: `"autoapprove"` or
`"evn"` looks right in review but does nothing, and a misspelled safety
setting is a safety setting that is off. A quoted `"disabled": "false"` is a
non-empty string, which JavaScript clients read as true. Duplicate keys are
worse: the client uses the last one while a reviewer may read the first.
Claude Code treats an entry with `url` but no `type` as a stdio server and
skips it.

## Example

```json
{
  "mcpServers": {
    "github": { "command": "npx", "arg": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], },
    "search": { "url": "https://mcp.example.com/mcp" }
  }
}
```

In `.mcp.json` (Claude Code) this has a trailing comma, an `arg` key that is
ignored, and a remote server without `"type"` that is skipped.

## Use instead

```json
{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] },
    "search": { "type": "http", "url": "https://mcp.example.com/mcp" }
  }
}
```

## References

- Claude Code MCP configuration: https://code.claude.com/docs/en/mcp
- VS Code MCP configuration reference: https://code.visualstudio.com/docs/copilot/reference/mcp-configuration
- Each client's configuration reference, listed in `known-clients/<client>.toml`.
"#,
    options: &[],
};

impl Rule for InvalidConfig {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let spec = file.kind.file;
        let client = &file.kind.client.name;
        for issue in &file.parsed.issues {
            let f = match issue.kind {
                SyntaxKind::Error | SyntaxKind::TooDeep => Finding::new(
                    META.id,
                    Severity::High,
                    issue.span.clone(),
                    "",
                    format!("{}; {client} cannot load this file", issue.message),
                )
                .label("here"),
                SyntaxKind::Comment if !spec.allows_comments() => Finding::new(
                    META.id,
                    Severity::High,
                    issue.span.clone(),
                    "",
                    format!(
                        "{client} reads this file as strict JSON: a comment makes it fail to load"
                    ),
                )
                .label("comment")
                .help("remove the comment"),
                SyntaxKind::NonJsonWhitespace if !spec.allows_comments() => Finding::new(
                    META.id,
                    Severity::High,
                    issue.span.clone(),
                    "",
                    format!(
                        "{client} reads this file as strict JSON: {}, so the file fails to load",
                        issue.message
                    ),
                )
                .label("not JSON whitespace")
                .help("replace it with a plain space"),
                SyntaxKind::TrailingComma if !spec.allows_trailing_commas() => Finding::new(
                    META.id,
                    Severity::High,
                    issue.span.clone(),
                    "",
                    format!("{client} does not accept trailing commas: this file fails to load"),
                )
                .label("trailing comma")
                .help("remove the comma before the closing bracket"),
                SyntaxKind::DuplicateKey => Finding::new(
                    META.id,
                    Severity::Medium,
                    issue.span.clone(),
                    issue.pointer.clone().unwrap_or_default(),
                    format!(
                        "key {:?} appears more than once in this object; the client uses the last one, a reviewer may read the first",
                        crate::mask::short_key(&last_token(issue.pointer.as_deref().unwrap_or("")))
                    ),
                )
                .label("duplicate key")
                .help("keep one definition of the key"),
                _ => continue,
            };
            out.push(f);
        }
        for p in &file.problems {
            let mut f = Finding::new(
                META.id,
                p.severity,
                p.span.clone(),
                p.pointer.clone(),
                p.message.clone(),
            )
            .label("wrong shape")
            .server(p.server.as_deref());
            f.help = p.help.clone();
            out.push(f);
        }
        if file.source.had_bom && spec.comments == Some(false) {
            out.push(
                Finding::new(META.id, Severity::High, 0..0, "", format!("the file starts with a UTF-8 byte order mark; {client} parses it as strict JSON (JSON.parse), which rejects it"))
                    .label("byte order mark")
                    .help("re-save the file as UTF-8 without a BOM (PowerShell 5.1's `Set-Content -Encoding utf8` adds one; PowerShell 7 has `-Encoding utf8NoBOM`)"),
            );
        }
        let Some(root) = file.root() else { return };
        check_top_keys(file, root, out);
        for s in &file.servers {
            let Some(node) = file.server_node(s) else {
                continue;
            };
            if let (Some(keys), Some(members)) = (&spec.server_keys, node.as_object()) {
                for m in members {
                    if !keys.iter().any(|k| k == &m.key) {
                        let f = unknown_key(
                            &m.key,
                            m.key_span.clone(),
                            &m.value.pointer,
                            keys,
                            client,
                            "server entry",
                        );
                        out.push(
                            other_client_hint(f, &m.key, file.kind.client).server(Some(&s.name)),
                        );
                    }
                }
            }
            check_values(file, s, out);
            check_ignored_switch(file, s, node, out);
            let zed_extension = node.get("settings").is_some();
            // A server whose command or URL was already reported as malformed
            // gets one finding, not two.
            let reported = file
                .problems
                .iter()
                .any(|p| p.pointer.starts_with(&s.pointer) && p.server.as_deref() == Some(&s.name));
            if s.transport == Transport::Unknown && !zed_extension && !s.disabled && !reported {
                out.push(
                    Finding::new(META.id, Severity::Medium, s.name_span.clone(), s.pointer.clone(), format!("server `{}` has neither a command nor a URL; {client} cannot start it", crate::mask::short_key(&s.name)))
                        .label("this server")
                        .server(Some(&s.name))
                        .help("add \"command\" (and \"args\") for a local server, or \"url\" for a remote one"),
                );
            }
            if spec.url_requires_type && s.url.is_some() && s.kind.is_none() {
                let url = s
                    .url
                    .as_ref()
                    .map(|u| u.span.clone())
                    .unwrap_or(s.name_span.clone());
                out.push(
                    Finding::new(META.id, Severity::Medium, url, s.pointer.clone(), format!("server `{}` has a `url` but no `type`: {client} treats it as a stdio server and skips it", crate::mask::short_key(&s.name)))
                        .label("url without type")
                        .server(Some(&s.name))
                        .help("add \"type\": \"http\" (or \"sse\") next to the url"),
                );
            }
        }
    }
}

/// `disabled: true` (or `enabled: false`) in a client that accepts the key
/// but does not obey it: the author believes the server is off, and the
/// client starts it.
fn check_ignored_switch(
    file: &ConfigFile,
    s: &ServerEntry,
    node: &crate::parse::Node,
    out: &mut Vec<Finding>,
) {
    let client = &file.kind.client.name;
    for key in &file.kind.file.ignored_switches {
        let off = !key.starts_with("enable");
        let Some(v) = node.get(key).filter(|v| v.as_bool() == Some(off)) else {
            continue;
        };
        out.push(
            Finding::new(
                META.id,
                Severity::Medium,
                v.span.clone(),
                v.pointer.clone(),
                format!(
                    "`\"{key}\": {off}` does not switch server `{}` off: {client} ignores the key and starts it",
                    crate::mask::short_key(&s.name)
                ),
            )
            .label("ignored switch")
            .server(Some(&s.name))
            .help(format!(
                "remove the server from the file to stop {client} from starting it (or turn it off in {client}'s own MCP settings)"
            )),
        );
    }
}

/// Values the client rejects although their type is right: a `type` outside
/// the client's set, a URL without a scheme.
fn check_values(file: &ConfigFile, s: &ServerEntry, out: &mut Vec<Finding>) {
    let client = &file.kind.client.name;
    if let (Some(kind), Some(allowed)) = (&s.kind, &file.kind.file.type_values) {
        if !allowed.contains(&kind.value) {
            let shown = crate::mask::short_key(&kind.value);
            let mut f = Finding::new(
                META.id,
                Severity::Medium,
                kind.span.clone(),
                kind.pointer.clone(),
                format!(
                    "`type` \"{shown}\" is not one of the transports {client} accepts ({})",
                    allowed.join(", ")
                ),
            )
            .label("unknown type")
            .server(Some(&s.name));
            f = match suggestion(&kind.value, allowed) {
                Some(near) => f.help(format!("did you mean \"{near}\"?")),
                None => f.help(format!("use one of: {}", allowed.join(", "))),
            };
            out.push(f);
        }
    }
    if let Some(url) = &s.url {
        let v = url.value.trim();
        let has_variable = v.contains('$') || v.contains("{env:");
        if !v.contains("://") && !has_variable {
            out.push(
                Finding::new(
                    META.id,
                    Severity::Medium,
                    url.span.clone(),
                    url.pointer.clone(),
                    format!("the URL has no scheme; {client} cannot connect to it"),
                )
                .label("not an absolute URL")
                .server(Some(&s.name))
                .help("write the full URL, e.g. \"https://example.com/mcp\""),
            );
        }
    }
}

/// The last reference token of a JSON pointer, unescaped: the key it names.
fn last_token(pointer: &str) -> String {
    let token = pointer.rsplit('/').next().unwrap_or("");
    token.replace("~1", "/").replace("~0", "~")
}
