//! `mcpward inventory`: what every configured server is, built from a scan.
//!
//! Per file (a client and scope), every server: transport, what runs,
//! identity and status from the catalogue, scopes and read-only mode, how
//! it gets credentials (never the value), which tools it may run without
//! confirmation, a one-line summary. Per client, the union of the servers
//! it loads together. The structs here are the wire format of the JSON
//! output (schema `mcpward-inventory/1`, docs/inventory.md): renaming a
//! field is a schema change.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::matching::{self, Identity, ReadOnlyMode, Runs};
use crate::catalogue::{Entry, Status};
use crate::clients::{env_ref, Scope as ClientScope};
use crate::mask::Mask;
use crate::model::{ServerEntry, Transport};
use crate::parse::Node;
use crate::scan::{Checked, ScanResult};

pub const SCHEMA: &str = "mcpward-inventory/1";

#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    pub schema: &'static str,
    pub mcpward_version: &'static str,
    /// Entries in the compiled-in catalogue.
    pub catalogue_entries: usize,
    pub files: Vec<FileInventory>,
    pub clients: Vec<ClientUnion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileInventory {
    pub path: String,
    pub client: String,
    pub client_name: String,
    pub scope: &'static str,
    pub servers: Vec<ServerRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServerRow {
    pub name: String,
    pub pointer: String,
    /// 1-based line of the entry.
    pub line: usize,
    /// `stdio`, `remote` or `unknown`.
    pub transport: &'static str,
    pub disabled: bool,
    pub runs: RunsOut,
    pub identity: IdentityOut,
    /// The entry's scopes (empty when unknown or not recorded).
    pub scopes: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    /// `always`, `on`, `off`, `not-offered`; absent for an unknown server.
    pub read_only: Option<ReadOnlyOut>,
    /// The overall way it gets credentials: `hardcoded`, `env-reference`,
    /// `input-prompt`, `oauth`, `placeholder` or `none` (the weakest
    /// present wins).
    pub credentials: &'static str,
    /// Each credential-carrying setting, by name only.
    pub credential_settings: Vec<CredentialOut>,
    /// Tools that run without confirmation: names, or `*` for all.
    pub auto_approved: Vec<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunsOut {
    /// `package`, `image`, `remote`, `bridge`, `command` or `none`.
    pub kind: &'static str,
    /// One line: `npx @playwright/mcp@0.0.41`, `docker mcp/git:1`, a URL.
    pub display: String,
    pub ecosystem: Option<&'static str>,
    pub package: Option<String>,
    pub version: Option<String>,
    /// Scheme, host and path only.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityOut {
    /// `known` (what runs is a catalogue entry's), `name-hint` (only the
    /// configured name matches an entry id) or `unknown`.
    pub r#match: &'static str,
    /// What tied it: `package`, `image`, `remote-url`, `bridged-url`,
    /// `binary`; absent unless `known`.
    pub by: Option<&'static str>,
    pub id: Option<String>,
    pub name: Option<String>,
    pub publisher: Option<String>,
    pub status: Option<&'static str>,
    pub successor: Option<String>,
    pub status_date: Option<String>,
    pub sources: Vec<String>,
    pub snapshot: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadOnlyOut {
    pub mode: &'static str,
    /// The switch that is set (`on`) or offered (`off`).
    pub switch: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CredentialOut {
    /// `env`, `header`, `arg` or `url`.
    pub place: &'static str,
    /// The setting's name (env variable, header); never its value.
    pub name: String,
    /// `hardcoded`, `env-reference`, `input-prompt` or `placeholder`
    /// (`<your-token>`).
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClientUnion {
    pub client: String,
    pub client_name: String,
    /// Enabled servers the client loads together, by name; where one name
    /// is defined in several scopes the more specific one wins
    /// (local/project over user over system).
    pub servers: Vec<UnionServer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionServer {
    pub name: String,
    pub scope: &'static str,
    pub path: String,
    pub id: Option<String>,
    pub status: Option<&'static str>,
    pub summary: String,
}

/// Build the inventory of a scan. `display_path` turns a config path into
/// what is shown.
pub fn build(result: &ScanResult, display_path: &dyn Fn(&std::path::Path) -> String) -> Inventory {
    let mut files = Vec::new();
    for c in &result.files {
        let mask = c.mask.covering(&c.file.source.text, &c.findings);
        let servers = c
            .file
            .servers
            .iter()
            .map(|s| server_row(c, s, &mask))
            .collect();
        files.push(FileInventory {
            path: display_path(&c.file.source.path),
            client: c.file.client_id().to_string(),
            client_name: c.file.kind.client.name.clone(),
            scope: c.scope.name(),
            servers,
        });
    }
    let clients = unions(result, &files);
    Inventory {
        schema: SCHEMA,
        mcpward_version: env!("CARGO_PKG_VERSION"),
        catalogue_entries: crate::catalogue::all().count(),
        files,
        clients,
    }
}

fn scope_rank(s: ClientScope) -> u8 {
    match s {
        ClientScope::System => 0,
        ClientScope::User => 1,
        ClientScope::Project => 2,
    }
}

fn unions(result: &ScanResult, files: &[FileInventory]) -> Vec<ClientUnion> {
    /// Per client: its display name and, per server name, the winning
    /// scope's rank and row.
    type Merged = (String, BTreeMap<String, (u8, UnionServer)>);
    let mut by_client: BTreeMap<String, Merged> = BTreeMap::new();
    for (c, f) in result.files.iter().zip(files) {
        let rank = scope_rank(c.scope);
        let slot = by_client
            .entry(f.client.clone())
            .or_insert_with(|| (f.client_name.clone(), BTreeMap::new()));
        for s in f.servers.iter().filter(|s| !s.disabled) {
            let u = UnionServer {
                name: s.name.clone(),
                scope: f.scope,
                path: f.path.clone(),
                id: s
                    .identity
                    .id
                    .clone()
                    .filter(|_| s.identity.r#match == "known"),
                status: s.identity.status.filter(|_| s.identity.r#match == "known"),
                summary: s.summary.clone(),
            };
            match slot.1.get(&s.name) {
                Some((r, _)) if *r > rank => {}
                _ => {
                    slot.1.insert(s.name.clone(), (rank, u));
                }
            }
        }
    }
    by_client
        .into_iter()
        .map(|(client, (client_name, servers))| ClientUnion {
            client,
            client_name,
            servers: servers.into_values().map(|(_, u)| u).collect(),
        })
        .collect()
}

fn server_row(c: &Checked, s: &ServerEntry, mask: &Mask) -> ServerRow {
    let text = &c.file.source.text;
    let runs = matching::runs(s, text);
    let identity = matching::identify_runs(&s.name, &runs);
    let entry = identity.entry();
    let read_only = entry.map(|e| {
        let m = matching::read_only_mode(e, s, text);
        let switch = match &m {
            ReadOnlyMode::On(w) => Some(w.clone()),
            ReadOnlyMode::Off { offers } => Some(offers.clone()),
            _ => None,
        };
        ReadOnlyOut {
            mode: m.as_str(),
            switch,
        }
    });
    let settings = credential_settings(c, s, entry, mask);
    let credentials = overall(&settings, s, entry);
    let auto_approved = approvals(c, s, mask);
    let runs_out = runs_out(&runs, mask);
    let identity_out = identity_out(&identity);
    let scopes: Vec<&'static str> = entry
        .map(|e| e.scopes.iter().map(|x| x.as_str()).collect())
        .unwrap_or_default();
    let roles = entry
        .map(|e| e.roles.iter().map(|x| x.as_str()).collect())
        .unwrap_or_default();
    let name = crate::mask::short_key(&mask.redact(&s.name));
    let summary = summary(
        &identity,
        &runs_out,
        &scopes,
        read_only.as_ref(),
        credentials,
        &auto_approved,
    );
    ServerRow {
        name,
        pointer: mask.redact(&s.pointer),
        line: c.file.source.line_col(s.span.start).0,
        transport: match s.transport {
            Transport::Stdio => "stdio",
            Transport::Remote => "remote",
            Transport::Unknown => "unknown",
        },
        disabled: s.disabled,
        runs: runs_out,
        identity: identity_out,
        scopes,
        roles,
        read_only,
        credentials,
        credential_settings: settings,
        auto_approved,
        summary,
    }
}

fn runs_out(r: &Runs, mask: &Mask) -> RunsOut {
    let display = mask.redact(&r.display());
    let mut out = RunsOut {
        kind: "none",
        display,
        ecosystem: None,
        package: None,
        version: None,
        url: None,
    };
    match r {
        Runs::Package {
            ecosystem,
            name,
            version,
            ..
        } => {
            out.kind = "package";
            out.ecosystem = Some(ecosystem);
            out.package = Some(mask.redact(name));
            out.version = version.as_deref().map(|v| mask.redact(v));
        }
        Runs::Image { name, tag, .. } => {
            out.kind = "image";
            out.ecosystem = Some("oci");
            out.package = Some(mask.redact(name));
            out.version = tag.as_deref().map(|v| mask.redact(v));
        }
        Runs::Remote { url } => {
            out.kind = "remote";
            out.url = Some(mask.redact(url));
        }
        Runs::Bridge { package, url } => {
            out.kind = "bridge";
            out.package = Some(package.clone());
            out.url = Some(mask.redact(url));
        }
        Runs::Command { .. } => out.kind = "command",
        Runs::Nothing => {}
    }
    out
}

fn identity_out(id: &Identity) -> IdentityOut {
    let (m, by, e): (&'static str, Option<&'static str>, Option<&Entry>) = match id {
        Identity::Known { entry, evidence } => ("known", Some(evidence.as_str()), Some(entry)),
        Identity::NameHint { entry } => ("name-hint", None, Some(entry)),
        Identity::Unknown => ("unknown", None, None),
    };
    IdentityOut {
        r#match: m,
        by,
        id: e.map(|e| e.id.clone()),
        name: e.map(|e| e.name.clone()),
        publisher: e.and_then(|e| e.publisher.clone()),
        status: e.and_then(|e| e.status).map(Status::as_str),
        successor: e.and_then(|e| e.successor.clone()),
        status_date: e.and_then(|e| e.status_date.clone()),
        sources: e.map(|e| e.sources.clone()).unwrap_or_default(),
        snapshot: e.map(|e| e.snapshot.clone()),
    }
}

/// Words that make a setting's name a credential (upper-cased compare).
const CREDENTIAL_WORDS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
    "AUTH",
    "_PAT",
    "_KEY",
];

fn is_credential_name(name: &str, entry: Option<&Entry>) -> bool {
    let up = name.to_ascii_uppercase().replace('-', "_");
    entry.is_some_and(|e| e.auth.env.iter().any(|n| n.eq_ignore_ascii_case(name)))
        || CREDENTIAL_WORDS.iter().any(|w| up.contains(w))
        || up == "X_API_KEY"
}

/// How a value is supplied: a reference to the environment, an input
/// prompt, or written in the file.
fn value_kind(v: &str) -> Option<&'static str> {
    let t = v.trim();
    if t.is_empty() {
        return None;
    }
    if t.starts_with('<') && t.ends_with('>') {
        // `<your-token>`: the example's placeholder, not a credential.
        Some("placeholder")
    } else if t.contains("${input:") {
        Some("input-prompt")
    } else if env_ref(t).is_some() || t.contains("${") || t.contains("{env:") || t.starts_with('$')
    {
        Some("env-reference")
    } else {
        let bearer = t
            .strip_prefix("Bearer ")
            .or_else(|| t.strip_prefix("bearer "))
            .unwrap_or(t);
        if bearer.contains("${") {
            Some("env-reference")
        } else {
            Some("hardcoded")
        }
    }
}

fn credential_settings(
    c: &Checked,
    s: &ServerEntry,
    entry: Option<&Entry>,
    mask: &Mask,
) -> Vec<CredentialOut> {
    let mut out = Vec::new();
    let secret_here = |span: &crate::parse::Span| {
        c.findings.iter().any(|f| {
            f.rule == "hardcoded-secret" && f.span.start >= span.start && f.span.end <= span.end
        })
    };
    for kv in &s.env {
        if is_credential_name(&kv.key, entry) || secret_here(&kv.value.span) {
            if let Some(kind) = value_kind(&kv.value.value) {
                out.push(CredentialOut {
                    place: "env",
                    name: crate::mask::short_key(&mask.redact(&kv.key)),
                    kind,
                });
            }
        }
    }
    for kv in &s.headers {
        let k = kv.key.to_ascii_lowercase();
        if k == "authorization"
            || k.contains("token")
            || k.contains("key")
            || k.contains("secret")
            || secret_here(&kv.value.span)
        {
            if let Some(kind) = value_kind(&kv.value.value) {
                out.push(CredentialOut {
                    place: "header",
                    name: crate::mask::short_key(&mask.redact(&kv.key)),
                    kind,
                });
            }
        }
    }
    // `docker run -e NAME` passes NAME from the environment; `-e NAME=v`
    // writes it in the file.
    crate::packages::for_each_launch(s, &c.file.source.text, &mut |l| {
        if let Some(ct) = &l.container {
            for e in &ct.env {
                let (name, value) = match e.value.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (e.value.as_str(), None),
                };
                if !is_credential_name(name, entry) && !secret_here(&e.span) {
                    continue;
                }
                let kind = match value {
                    None => Some("env-reference"),
                    Some(v) => value_kind(v),
                };
                if let Some(kind) = kind {
                    if !out.iter().any(|o| o.name == name) {
                        out.push(CredentialOut {
                            place: "arg",
                            name: crate::mask::short_key(&mask.redact(name)),
                            kind,
                        });
                    }
                }
            }
        }
    });
    if let Some(u) = &s.url {
        if secret_here(&u.span) {
            out.push(CredentialOut {
                place: "url",
                name: "url".into(),
                kind: "hardcoded",
            });
        }
    }
    for a in &s.args {
        if secret_here(&a.span) && !out.iter().any(|o| o.place == "arg") {
            out.push(CredentialOut {
                place: "arg",
                name: "argument".into(),
                kind: "hardcoded",
            });
        }
    }
    out
}

fn overall(settings: &[CredentialOut], s: &ServerEntry, entry: Option<&Entry>) -> &'static str {
    for kind in ["hardcoded", "input-prompt", "env-reference", "placeholder"] {
        if settings.iter().any(|c| c.kind == kind) {
            return kind;
        }
    }
    if s.transport == Transport::Remote && entry.is_some_and(|e| e.auth.oauth == Some(true)) {
        return "oauth";
    }
    "none"
}

/// Per-server approval settings of the client (lists and `true`), and
/// whole-file switches reported by `auto-approve-destructive`.
fn approvals(c: &Checked, s: &ServerEntry, mask: &Mask) -> Vec<String> {
    let mut out = Vec::new();
    let spec = c.file.kind.file;
    if let Some(node) = c.file.server_node(s) {
        let mut keys: Vec<&str> = spec.approval_keys.iter().map(String::as_str).collect();
        if c.file.client_id() == "generic" {
            keys.extend(["autoApprove", "alwaysAllow", "allowedTools", "trust"]);
        }
        for key in keys {
            match node.get(key) {
                Some(v) if v.as_bool() == Some(true) && key != "disabled" => {
                    out.push("*".to_string())
                }
                Some(Node {
                    kind: crate::parse::Kind::Array(items),
                    ..
                }) => {
                    for i in items {
                        if let Some(t) = i.as_str() {
                            out.push(crate::mask::short_key(&mask.redact(t)));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let global = c.findings.iter().any(|f| {
        f.rule == "auto-approve-destructive"
            && f.server.is_none()
            && f.label.starts_with("every tool")
    });
    if global && !out.iter().any(|t| t == "*") {
        out.push("*".to_string());
    }
    out.dedup();
    out
}

fn summary(
    id: &Identity,
    runs: &RunsOut,
    scopes: &[&str],
    ro: Option<&ReadOnlyOut>,
    creds: &str,
    approved: &[String],
) -> String {
    let who = match id {
        Identity::Known { entry, .. } => {
            let status = entry.status.map_or("status not recorded", Status::as_str);
            let mut w = format!("{} [{status}", entry.name);
            if let Some(s) = &entry.successor {
                w.push_str(&format!(", replaced by {s}"));
            }
            w.push(']');
            w
        }
        Identity::NameHint { entry } => format!(
            "unknown: {} (only the name suggests {})",
            runs.display, entry.id
        ),
        Identity::Unknown => format!("unknown: {}", runs.display),
    };
    let mut parts = vec![who];
    if !scopes.is_empty() {
        parts.push(scopes.join("+"));
    }
    if let Some(ro) = ro {
        parts.push(match (ro.mode, &ro.switch) {
            ("always", _) => "only reads".to_string(),
            ("on", Some(s)) => format!("read-only via {s}"),
            ("off", Some(s)) => format!("read-write (offers {s})"),
            _ => "no read-only switch".to_string(),
        });
    }
    parts.push(format!("credentials: {creds}"));
    if approved.iter().any(|t| t == "*") {
        parts.push("every tool auto-approved".into());
    } else if !approved.is_empty() {
        parts.push(format!("{} tool(s) auto-approved", approved.len()));
    }
    parts.join("; ")
}
