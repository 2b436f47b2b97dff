//! Key checks of `invalid-config`: unknown and misspelled keys with a
//! did-you-mean, and keys that belong to another client.

use super::META;
use crate::clients::Client;
use crate::finding::{Finding, Severity};
use crate::model::ConfigFile;
use crate::parse::Node;

/// Unknown top-level keys for MCP-only files; a near miss of the servers key
/// in any file.
pub(super) fn check_top_keys(file: &ConfigFile, root: &Node, out: &mut Vec<Finding>) {
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
        if server_roots.contains(&m.key) {
            continue;
        }
        // `_mcpServers` is a map commented out on purpose, not a typo.
        if is_comment_key(&m.key) {
            if let Some(keys) = &spec.top_keys {
                out.push(unknown_key(
                    &m.key,
                    m.key_span.clone(),
                    &m.value.pointer,
                    keys,
                    client,
                    "top level",
                ));
            }
            continue;
        }
        // A near miss of the servers key, or another client's servers key
        // (`mcpServers` pasted into `.vscode/mcp.json`), hides every server.
        let near = suggestion(&m.key, &server_roots).or_else(|| {
            let foreign = crate::clients::all()
                .iter()
                .flat_map(|c| c.files.iter())
                .flat_map(|f| f.servers.iter())
                .any(|p| p.trim_start_matches('/') == m.key);
            foreign.then(|| server_roots.first().cloned()).flatten()
        });
        if let Some(near) = near {
            out.push(
                Finding::new(META.id, Severity::High, m.key_span.clone(), m.value.pointer.clone(), format!("`{}` is not a key {client} reads; did you mean `{near}`? The servers under it are ignored", crate::mask::short_key(&m.key)))
                    .label("misspelled key")
                    .help(format!("rename the key to \"{near}\"")),
            );
        } else if let Some(keys) = &spec.top_keys {
            if !keys.iter().any(|k| k == &m.key) {
                out.push(unknown_key(
                    &m.key,
                    m.key_span.clone(),
                    &m.value.pointer,
                    keys,
                    client,
                    "top level",
                ));
            }
        }
    }
}

/// A key that JSON has no comment syntax for, so people write notes as keys:
/// `_comment`, `__note`, `//`, `// github`, `$comment`. Never a typo.
pub(super) fn is_comment_key(key: &str) -> bool {
    key.starts_with('_') || key.starts_with("//") || key.eq_ignore_ascii_case("$comment")
}

/// The clients (other than `this`) that have a server key equal or close to
/// `key`, grouped by how each spells it, from their `known-clients/` facts:
/// `[("autoApprove", [Cline, Kiro]), ("alwaysAllow", [Roo Code])]`. A client
/// appears once, under its nearest spelling.
pub(super) fn other_clients_spelling(
    key: &str,
    this: &Client,
) -> Vec<(String, Vec<&'static Client>)> {
    let mut out: Vec<(String, Vec<&'static Client>)> = Vec::new();
    for c in crate::clients::all().iter().filter(|c| c.id != this.id) {
        let keys: Vec<&String> = c
            .files
            .iter()
            .filter_map(|f| f.server_keys.as_ref())
            .flatten()
            .collect();
        if let Some(k) = suggestion(key, &keys) {
            match out.iter_mut().find(|(s, _)| *s == k) {
                Some((_, owners)) => owners.push(c),
                None => out.push((k, vec![c])),
            }
        }
    }
    out
}

/// Whether `key` changes what a server is or may do in one of `owners`: a
/// launch or transport key, an approval key or an on/off switch. Pasted
/// into a client that ignores it, such a key leaves the server other than
/// the author meant; anything else (`description`, `timeout`) is harmless.
fn meaningful_in(key: &str, owners: &[&Client]) -> bool {
    owners.iter().flat_map(|c| c.files.iter()).any(|f| {
        let has = |v: &[String]| v.iter().any(|k| k == key);
        // `cwd` is read by the model for every client that has it.
        key == "cwd"
            || has(&f.approval_keys)
            || has(&f.command_keys)
            || has(&f.args_keys)
            || has(&f.env_keys)
            || has(&f.url_keys)
            || has(&f.headers_keys)
            || f.disabled_key.as_deref() == Some(key)
            || f.enabled_key.as_deref() == Some(key)
    })
}

/// When a key unknown to this client is (nearly) a key of another client,
/// say so: configs are copied between clients, and a setting such as
/// `autoApprove` that works in Cline does nothing in Claude Desktop.
pub(super) fn other_client_hint(f: Finding, key: &str, this: &Client) -> Finding {
    if is_comment_key(key) || f.help.as_deref().is_some_and(|h| h.starts_with("rename")) {
        return f;
    }
    let groups = other_clients_spelling(key, this);
    if groups.is_empty() {
        return f;
    }
    let client = &this.name;
    let shown = crate::mask::short_key(key);
    let names = |owners: &[&Client]| {
        owners
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut f = f;
    let exact = groups.iter().find(|(k, _)| k == key);
    let meaningful = groups.iter().any(|(k, owners)| meaningful_in(k, owners));
    f.severity = if meaningful {
        Severity::Medium
    } else {
        Severity::Low
    };
    f.message = match exact {
        Some((_, owners)) if groups.len() == 1 => format!(
            "`{shown}` is a server key of {}, not of {client}; {client} ignores it",
            names(owners)
        ),
        _ => {
            let spellings: Vec<String> = groups
                .iter()
                .map(|(k, owners)| {
                    let verb = if owners.len() == 1 { "spells" } else { "spell" };
                    format!(
                        "{} {verb} a similar setting `{}`",
                        names(owners),
                        crate::mask::short_key(k)
                    )
                })
                .collect();
            format!(
                "unknown key `{shown}` ({}; {client} has none); {client} ignores it",
                spellings.join("; ")
            )
        }
    };
    f.help = Some(format!(
        "{client} has no such setting: remove the key, or use a client that supports it"
    ));
    f
}

pub(super) fn unknown_key(
    key: &str,
    span: crate::parse::Span,
    pointer: &str,
    known: &[String],
    client: &str,
    place: &str,
) -> Finding {
    let shown = crate::mask::short_key(key);
    let near = (!is_comment_key(key))
        .then(|| suggestion(key, known))
        .flatten();
    match near {
        Some(near) => Finding::new(META.id, Severity::Medium, span, pointer, format!("unknown key `{shown}` in the {place}; did you mean `{near}`? {client} ignores `{shown}`"))
            .label("misspelled key")
            .help(format!("rename the key to \"{near}\"")),
        None if is_comment_key(key) => Finding::new(META.id, Severity::Low, span, pointer, format!("unknown key `{shown}` in the {place}: a note written as a key; {client} ignores it"))
            .label("comment key")
            .help("harmless; JSON has no comments, so keep the note elsewhere (a README) if the client ever rejects unknown keys"),
        None => Finding::new(META.id, Severity::Low, span, pointer, format!("unknown key `{shown}` in the {place}; {client} ignores it"))
            .label("unknown key")
            .help(format!("known keys here: {}", known.join(", "))),
    }
}

/// The closest known key, when close enough to be a typo (see
/// [`crate::suggest`]).
pub(super) fn suggestion<S: AsRef<str>>(key: &str, known: &[S]) -> Option<String> {
    crate::suggest::suggest(key, known).map(str::to_string)
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

    fn findings(path: &str, text: &str) -> Vec<Finding> {
        crate::rules::run_rule(&super::super::InvalidConfig, path, text).1
    }

    #[test]
    fn comment_keys_are_low_and_never_a_typo() {
        for key in [
            "_comment",
            "__note",
            "//",
            "// github",
            "$comment",
            "_mcpServers",
            "_args",
        ] {
            let text = format!(
                r#"{{"{key}": "x", "mcpServers": {{"a": {{"command": "npx", "{key}": "y"}}}}}}"#
            );
            let out = findings("/r/.cursor/mcp.json", &text);
            assert_eq!(out.len(), 2, "{key}: {out:#?}");
            for f in &out {
                assert_eq!(f.severity, Severity::Low, "{key}: {f:?}");
                assert!(!f.message.contains("did you mean"), "{key}: {}", f.message);
                assert!(!f.message.contains("server key of"), "{key}: {}", f.message);
            }
        }
    }

    #[test]
    fn another_clients_key_is_low_unless_it_changes_the_server() {
        let sev = |key: &str| {
            let text = format!(r#"{{"mcpServers": {{"a": {{"command": "x", "{key}": true}}}}}}"#);
            findings("claude_desktop_config.json", &text)
                .into_iter()
                .find(|f| f.pointer.ends_with(key))
                .map(|f| f.severity)
        };
        assert_eq!(sev("description"), Some(Severity::Low));
        assert_eq!(sev("timeout"), Some(Severity::Low));
        assert_eq!(sev("autoApprove"), Some(Severity::Medium));
        assert_eq!(sev("disabled"), Some(Severity::Medium));
        assert_eq!(sev("serverUrl"), Some(Severity::Medium));
    }

    /// Every hint names each client with that client's own spelling: for
    /// every server key of every client, as written and misspelled, in every
    /// other client.
    #[test]
    fn every_hint_matches_the_facts_of_the_clients_it_names() {
        let clients = crate::clients::all();
        let mut keys: Vec<String> = clients
            .iter()
            .flat_map(|c| c.files.iter())
            .filter_map(|f| f.server_keys.clone())
            .flatten()
            .collect();
        keys.sort();
        keys.dedup();
        let mut checked = 0;
        for key in &keys {
            let variants = [key.clone(), format!("{}s", key.to_ascii_lowercase())];
            // The groups do not depend on the client the key is found in,
            // except that it is left out: check both cases.
            for this in clients
                .iter()
                .filter(|c| ["generic", "cline"].contains(&c.id.as_str()))
            {
                for v in &variants {
                    for (spelled, owners) in other_clients_spelling(v, this) {
                        for c in owners {
                            assert_ne!(c.id, this.id);
                            let has = c
                                .files
                                .iter()
                                .filter_map(|f| f.server_keys.as_ref())
                                .any(|k| k.contains(&spelled));
                            assert!(
                                has,
                                "{} does not spell `{spelled}` ({v} in {})",
                                c.id, this.id
                            );
                            let theirs: Vec<&String> = c
                                .files
                                .iter()
                                .filter_map(|f| f.server_keys.as_ref())
                                .flatten()
                                .collect();
                            assert_eq!(
                                suggestion(v, &theirs).as_deref(),
                                Some(spelled.as_str()),
                                "{} in {}: {v}",
                                c.id,
                                this.id
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 200, "{checked}");
    }

    #[test]
    fn a_hint_groups_clients_by_spelling() {
        let text = r#"{"mcpServers": {"a": {"command": "x", "alwaysallow": ["read_file"]}}}"#;
        let f = findings("claude_desktop_config.json", text)
            .into_iter()
            .find(|f| f.pointer.ends_with("alwaysallow"))
            .unwrap();
        // Roo Code and Cline spell it `alwaysAllow`; nobody is said to spell
        // it otherwise.
        assert!(
            f.message
                .contains("Cline, Roo Code spell a similar setting `alwaysAllow`"),
            "{}",
            f.message
        );
        assert_eq!(f.severity, Severity::Medium);
    }
}
