//! Key checks of `invalid-config`: unknown and misspelled keys with a
//! did-you-mean, and keys that belong to another client.

use super::META;
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

/// When a key unknown to this client is (nearly) a key of another client,
/// say so: configs are copied between clients, and a setting such as
/// `autoApprove` that works in Cline does nothing in Claude Desktop.
pub(super) fn other_client_hint(f: Finding, key: &str, client: &str) -> Finding {
    if f.help.as_deref().is_some_and(|h| h.starts_with("rename")) {
        return f;
    }
    let mut owners: Vec<&str> = Vec::new();
    let mut spelled = String::new();
    for c in crate::clients::all().iter().filter(|c| c.name != client) {
        let keys: Vec<String> = c
            .files
            .iter()
            .filter_map(|f| f.server_keys.clone())
            .flatten()
            .collect();
        if let Some(k) = suggestion(key, &keys) {
            owners.push(&c.name);
            spelled = k;
        }
    }
    if owners.is_empty() {
        return f;
    }
    let shown = crate::mask::short_key(key);
    let mut f = f;
    f.severity = Severity::Medium;
    f.message = if spelled == key {
        format!(
            "`{shown}` is a server key of {}, not of {client}; {client} ignores it",
            owners.join(", ")
        )
    } else {
        format!("unknown key `{shown}` ({} spell a similar setting `{spelled}`, {client} has none); {client} ignores it", owners.join(", "))
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
    match suggestion(key, known) {
        Some(near) => Finding::new(META.id, Severity::Medium, span, pointer, format!("unknown key `{shown}` in the {place}; did you mean `{near}`? {client} ignores `{shown}`"))
            .label("misspelled key")
            .help(format!("rename the key to \"{near}\"")),
        None => Finding::new(META.id, Severity::Low, span, pointer, format!("unknown key `{shown}` in the {place}; {client} ignores it"))
            .label("unknown key")
            .help(format!("known keys here: {}", known.join(", "))),
    }
}

/// The closest known key, when close enough to be a typo (see
/// [`crate::suggest`]).
pub(super) fn suggestion(key: &str, known: &[String]) -> Option<String> {
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
}
