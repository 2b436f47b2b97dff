//! `invalid-config`: the file, or a server entry in it, is not what the client
//! reads. Syntax errors, dialect violations (a comment in strict JSON), wrong
//! shapes and types, entries the client skips, and misspelled keys: a typo can
//! silently switch off a safety setting.

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, Transport};
use crate::parse::{Node, SyntaxKind};
use crate::rules::{Context, Rule, RuleMeta};

pub struct InvalidConfig;

static META: RuleMeta = RuleMeta {
    id: "invalid-config",
    summary: "The file or a server entry is malformed, mistyped or silently ignored by the client",
    default_severity: Severity::Medium,
    family: "configuration",
    precision: "very-high",
    docs: r#"## What it does

Checks that each MCP config file is something its client will actually read:
syntax errors (with the exact line and column), comments or trailing commas in
files the client parses as strict JSON, a top level that is not an object, a
servers map of the wrong type, server entries with neither `command` nor
`url`, values of the wrong type (`args` not an array of strings, `env` not an
object of strings), duplicate keys, and unknown or misspelled keys
(`mcpServer`, `arg`, `evn`, `autoapprove`) with a did-you-mean.

## Why it matters

A client that cannot parse its file usually drops every server in it without a
clear error, and a misspelled key is silently ignored: `"autoapprove"` or
`"evn"` looks right in review but does nothing, and a misspelled safety
setting is a safety setting that is off. Duplicate keys are worse: the client
uses the last one while a reviewer may read the first. Claude Code treats an
entry with `url` but no `type` as a stdio server and skips it.

## Example

```json
{
  "mcpServers": {
    "github": { "command": "npx", "arg": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] }
  }
}
```

## Use instead

```json
{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] }
  }
}
```

## References

- Each client's configuration reference, listed in `known-clients/<client>.toml`.
"#,
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
                    issue.message.clone(),
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
        let Some(root) = file.root() else { return };
        check_top_keys(file, root, out);
        for s in &file.servers {
            let Some(node) = file.server_node(s) else {
                continue;
            };
            if let (Some(keys), Some(members)) = (&spec.server_keys, node.as_object()) {
                for m in members {
                    if !keys.iter().any(|k| k == &m.key) {
                        out.push(
                            unknown_key(
                                &m.key,
                                m.key_span.clone(),
                                &m.value.pointer,
                                keys,
                                client,
                                "server entry",
                            )
                            .server(Some(&s.name)),
                        );
                    }
                }
            }
            let zed_extension = node.get("settings").is_some();
            if s.transport == Transport::Unknown && !zed_extension && !s.disabled {
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

/// Unknown top-level keys for MCP-only files; a near miss of the servers key
/// in any file.
fn check_top_keys(file: &ConfigFile, root: &Node, out: &mut Vec<Finding>) {
    let spec = file.kind.file;
    let Some(members) = root.as_object() else {
        return;
    };
    let client = &file.kind.client.name;
    let server_roots: Vec<String> = spec
        .servers
        .iter()
        .filter_map(|p| {
            p.trim_start_matches('/')
                .split('/')
                .next()
                .map(str::to_string)
        })
        .collect();
    for m in members {
        match &spec.top_keys {
            Some(keys) if !keys.iter().any(|k| k == &m.key) => {
                out.push(unknown_key(
                    &m.key,
                    m.key_span.clone(),
                    &m.value.pointer,
                    keys,
                    client,
                    "top level",
                ));
            }
            None if !server_roots.contains(&m.key) => {
                if let Some(near) = suggestion(&m.key, &server_roots) {
                    out.push(
                        Finding::new(META.id, Severity::High, m.key_span.clone(), m.value.pointer.clone(), format!("`{}` is not a key {client} reads; did you mean `{near}`? The servers under it are ignored", crate::mask::short_key(&m.key)))
                            .label("misspelled key")
                            .help(format!("rename the key to \"{near}\"")),
                    );
                }
            }
            _ => {}
        }
    }
}

fn unknown_key(
    key: &str,
    span: crate::parse::Span,
    pointer: &str,
    known: &[String],
    client: &str,
    place: &str,
) -> Finding {
    let shown = crate::mask::short_key(key);
    match suggestion(key, known) {
        Some(near) => Finding::new(META.id, Severity::Medium, span, pointer, format!("unknown key `{shown}` in the {place}; did you mean `{near}`? {client} ignores `{shown}`"))
            .label("misspelled key")
            .help(format!("rename the key to \"{near}\"")),
        None => Finding::new(META.id, Severity::Low, span, pointer, format!("unknown key `{shown}` in the {place}; {client} ignores it"))
            .label("unknown key")
            .help(format!("known keys here: {}", known.join(", "))),
    }
}

/// The closest known key, when close enough to be a typo: equal ignoring
/// case, `_`/`-`; or within a small edit distance.
fn suggestion(key: &str, known: &[String]) -> Option<String> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let nk = norm(key);
    if let Some(k) = known.iter().find(|k| norm(k) == nk) {
        return Some(k.clone());
    }
    let limit = if key.len() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&nk, &norm(k)), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn suggestions() {
        let k = known(&["command", "args", "env", "autoApprove", "mcpServers"]);
        assert_eq!(suggestion("arg", &k).as_deref(), Some("args"));
        assert_eq!(suggestion("evn", &k).as_deref(), Some("env"));
        assert_eq!(
            suggestion("autoapprove", &k).as_deref(),
            Some("autoApprove")
        );
        assert_eq!(suggestion("mcpServer", &k).as_deref(), Some("mcpServers"));
        assert_eq!(suggestion("description", &k), None);
    }
}
