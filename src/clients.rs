//! The known-clients registry. Each supported client is described by one TOML
//! file under `known-clients/`, embedded at build time through the explicit
//! list in [`CLIENT_FILES`]. A client file names where the client's config
//! files live per OS and scope, their format and dialect, the pointers that
//! hold server maps, the keys a server entry may carry, the variable syntaxes
//! the client expands, and how to reference a secret in that client. Adding a
//! client is a data change: write the file and add it to the list.

use serde::Deserialize;
use std::sync::OnceLock;

/// Every embedded client file, in priority order (earlier wins a tie when two
/// clients claim the same path). A test checks this list against the folder.
pub const CLIENT_FILES: &[(&str, &str)] = &[
    (
        "claude-code",
        include_str!("../known-clients/claude-code.toml"),
    ),
    (
        "claude-desktop",
        include_str!("../known-clients/claude-desktop.toml"),
    ),
    ("cursor", include_str!("../known-clients/cursor.toml")),
    ("vscode", include_str!("../known-clients/vscode.toml")),
    ("windsurf", include_str!("../known-clients/windsurf.toml")),
    ("cline", include_str!("../known-clients/cline.toml")),
    ("roo-code", include_str!("../known-clients/roo-code.toml")),
    (
        "gemini-cli",
        include_str!("../known-clients/gemini-cli.toml"),
    ),
    ("kiro", include_str!("../known-clients/kiro.toml")),
    ("zed", include_str!("../known-clients/zed.toml")),
    ("codex", include_str!("../known-clients/codex.toml")),
    ("generic", include_str!("../known-clients/generic.toml")),
];

/// Operating-system layouts mcpward knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
#[value(rename_all = "lowercase")]
pub enum Os {
    Linux,
    Macos,
    Windows,
}

impl Os {
    /// The OS this binary runs on.
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::Macos
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Linux
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Macos => "macos",
            Os::Windows => "windows",
        }
    }

    /// The per-user config folder relative to home: what `{config}` means in
    /// a client file (`~/.config`, `~/Library/Application Support`,
    /// `%APPDATA%` = `~/AppData/Roaming`).
    pub fn config_rel(self) -> &'static str {
        match self {
            Os::Linux => ".config",
            Os::Macos => "Library/Application Support",
            Os::Windows => "AppData/Roaming",
        }
    }

    pub const ALL: [Os; 3] = [Os::Linux, Os::Macos, Os::Windows];
}

/// Where a file sits: in a user's home, in a project, or machine-wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    User,
    Project,
    System,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::User => "user",
            Scope::Project => "project",
            Scope::System => "system",
        }
    }
}

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Jsonc,
    Toml,
}

/// One client, as read from `known-clients/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub id: String,
    pub name: String,
    /// Documentation pages the facts in the file come from.
    pub docs: Vec<String>,
    /// Variable syntaxes the client expands in server fields. Vocabulary:
    /// `env-colon` `${env:NAME}`, `dollar-brace` `${NAME}` (and
    /// `${NAME:-default}`), `dollar` `$NAME`, `percent` `%NAME%`, `input`
    /// `${input:id}`, `file-colon` `${file:path}`, `brace-env` `{env:NAME}`,
    /// `predefined` (`${workspaceFolder}`, `${userHome}`, ...).
    #[serde(default)]
    pub variables: Vec<String>,
    /// How to reference a secret instead of pasting it, in this client.
    pub secret_advice: String,
    /// Variable for "the project folder", if the client has one.
    #[serde(default)]
    pub workspace_variable: Option<String>,
    pub files: Vec<FileSpec>,
}

/// One kind of config file of a client.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Short label, e.g. `mcp`, `settings`, `state`.
    pub role: String,
    pub scope: Scope,
    pub format: Format,
    /// Whether the client accepts `//` and `/* */` comments in this file.
    #[serde(default)]
    pub comments: Option<bool>,
    /// Whether the client accepts trailing commas in this file.
    #[serde(default)]
    pub trailing_commas: Option<bool>,
    /// Restrict `user_paths`/`system_paths` to these OSes (default: all).
    #[serde(default)]
    pub os: Option<Vec<Os>>,
    /// User-level locations: `~/…` or `{config}/…`; `*` matches one path
    /// segment.
    #[serde(default)]
    pub user_paths: Vec<String>,
    /// Machine-wide absolute locations, per OS via `os`.
    #[serde(default)]
    pub system_paths: Vec<String>,
    /// Project-relative locations (`.cursor/mcp.json`).
    #[serde(default)]
    pub project_paths: Vec<String>,
    /// File names distinctive enough to recognise anywhere in a walk
    /// (`claude_desktop_config.json`).
    #[serde(default)]
    pub file_names: Vec<String>,
    /// Pointers (`/mcpServers`) to the objects holding server entries; a
    /// `*` token matches every key at that level.
    #[serde(default)]
    pub servers: Vec<String>,
    /// Top-level keys that must all be present for a file of unknown path to
    /// be taken as this kind (content inference).
    #[serde(default)]
    pub detect: Vec<String>,
    /// If set, the complete list of valid top-level keys; others are
    /// reported as unknown (only for files dedicated to MCP).
    #[serde(default)]
    pub top_keys: Option<Vec<String>>,
    /// If set, the complete list of valid keys in a server entry.
    #[serde(default)]
    pub server_keys: Option<Vec<String>>,
    /// Keys of a server entry that carry the command (string, or argv array).
    #[serde(default = "default_command_keys")]
    pub command_keys: Vec<String>,
    #[serde(default = "default_args_keys")]
    pub args_keys: Vec<String>,
    #[serde(default = "default_env_keys")]
    pub env_keys: Vec<String>,
    #[serde(default = "default_url_keys")]
    pub url_keys: Vec<String>,
    #[serde(default = "default_headers_keys")]
    pub headers_keys: Vec<String>,
    /// Per-server keys that auto-approve tools (lists) or trust the server.
    #[serde(default)]
    pub approval_keys: Vec<String>,
    /// Whether an entry with `url` but no `type` is skipped by the client.
    #[serde(default)]
    pub url_requires_type: bool,
    /// If set, the complete list of values the client accepts in a server
    /// entry's `type` field; others are reported by `invalid-config`.
    #[serde(default)]
    pub type_values: Option<Vec<String>>,
}

fn default_command_keys() -> Vec<String> {
    vec!["command".into()]
}
fn default_args_keys() -> Vec<String> {
    vec!["args".into()]
}
fn default_env_keys() -> Vec<String> {
    vec!["env".into()]
}
fn default_url_keys() -> Vec<String> {
    vec!["url".into()]
}
fn default_headers_keys() -> Vec<String> {
    vec!["headers".into()]
}

impl FileSpec {
    /// Whether the client accepts comments in this file.
    pub fn allows_comments(&self) -> bool {
        self.comments.unwrap_or(self.format != Format::Json)
    }

    /// Whether the client accepts trailing commas in this file.
    pub fn allows_trailing_commas(&self) -> bool {
        self.trailing_commas.unwrap_or(self.format == Format::Jsonc)
    }

    /// Whether the file's locations apply on `os`.
    pub fn on(&self, os: Os) -> bool {
        self.os.as_ref().is_none_or(|v| v.contains(&os))
    }

    /// Path suffixes (with `/` separators, `*` = one segment) by which a
    /// walked file is recognised as this kind, longest first: project paths,
    /// user paths relative to home for every OS layout, and system paths.
    pub fn suffixes(&self) -> Vec<String> {
        let mut out: Vec<String> = self.project_paths.clone();
        out.extend(self.file_names.iter().cloned());
        for p in &self.user_paths {
            for os in Os::ALL {
                if !self.on(os) {
                    continue;
                }
                if let Some(rest) = p.strip_prefix("~/") {
                    out.push(rest.to_string());
                } else if let Some(rest) = p.strip_prefix("{config}/") {
                    out.push(format!("{}/{}", os.config_rel(), rest));
                }
            }
        }
        for p in &self.system_paths {
            let p = p.replace('\\', "/");
            let rest = p.split_once(":/").map(|(_, r)| r.to_string()).unwrap_or(p);
            out.push(rest.trim_start_matches('/').to_string());
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.len()));
        out.dedup();
        out
    }
}

/// The registry: every client, loaded once.
pub fn all() -> &'static [Client] {
    static CLIENTS: OnceLock<Vec<Client>> = OnceLock::new();
    CLIENTS.get_or_init(|| {
        CLIENT_FILES
            .iter()
            .map(|(id, text)| match load(id, text) {
                Ok(c) => c,
                // The files are embedded and checked by tests; a broken one is
                // a build defect, not a user error.
                Err(e) => panic!("known-clients/{id}.toml is invalid: {e}"),
            })
            .collect()
    })
}

/// Parse one client file and check it names itself correctly.
pub fn load(id: &str, text: &str) -> Result<Client, String> {
    let client: Client = toml::from_str(text).map_err(|e| e.to_string())?;
    if client.id != id {
        return Err(format!("id is {:?}, file name says {:?}", client.id, id));
    }
    if client.files.is_empty() {
        return Err("no [[files]] entries".into());
    }
    Ok(client)
}

/// Look a client up by id.
pub fn by_id(id: &str) -> Option<&'static Client> {
    all().iter().find(|c| c.id == id)
}

/// A client and one of its file kinds.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub client: &'static Client,
    pub file: &'static FileSpec,
}

impl Kind {
    pub fn scope(&self) -> Scope {
        self.file.scope
    }
}

/// Does `path` (with `/` separators) end with `suffix` (`*` = one segment)?
pub fn path_matches_suffix(path: &str, suffix: &str) -> bool {
    let mut p = path.rsplit('/');
    for want in suffix.rsplit('/') {
        match p.next() {
            Some(got) if want == "*" || got == want => {}
            _ => return false,
        }
    }
    true
}

/// Recognise a file by its path: the longest matching suffix over all clients
/// wins; ties go to the earlier client in [`CLIENT_FILES`].
pub fn kind_for_path(path: &std::path::Path) -> Option<Kind> {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut best: Option<(usize, Kind)> = None;
    for client in all() {
        for file in &client.files {
            for suf in file.suffixes() {
                // Longer suffix wins; on a tie a project spec beats a user
                // one (a walked `.cursor/mcp.json` is a project file).
                let better = best.as_ref().is_none_or(|(len, k)| {
                    suf.len() > *len
                        || (suf.len() == *len
                            && file.scope == Scope::Project
                            && k.file.scope != Scope::Project)
                });
                if path_matches_suffix(&s, &suf) && better {
                    best = Some((suf.len(), Kind { client, file }));
                }
            }
        }
    }
    best.map(|(_, k)| k)
}

/// Infer the kind from a parsed document's top-level keys: the file spec with
/// the most `detect` keys, all present, wins.
pub fn kind_for_content(root: &crate::parse::Node, format: Format) -> Option<Kind> {
    let mut best: Option<(usize, Kind)> = None;
    for client in all() {
        for file in &client.files {
            let same_family = (file.format == Format::Toml) == (format == Format::Toml);
            if file.detect.is_empty() || !same_family {
                continue;
            }
            if file.detect.iter().all(|k| root.get(k).is_some())
                && best.as_ref().is_none_or(|(n, _)| file.detect.len() > *n)
            {
                best = Some((file.detect.len(), Kind { client, file }));
            }
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_client_file_loads_and_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("known-clients");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| n.trim_end_matches(".toml").to_string())
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = CLIENT_FILES.iter().map(|(id, _)| id.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "known-clients/ and CLIENT_FILES differ");
        for (id, text) in CLIENT_FILES {
            load(id, text).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
        assert_eq!(all().len(), CLIENT_FILES.len());
    }

    #[test]
    fn suffix_matching() {
        assert!(path_matches_suffix(
            "/r/.cursor/mcp.json",
            ".cursor/mcp.json"
        ));
        assert!(path_matches_suffix(".cursor/mcp.json", ".cursor/mcp.json"));
        assert!(!path_matches_suffix(
            "/r/cursor/mcp.json",
            ".cursor/mcp.json"
        ));
        assert!(path_matches_suffix(
            "/h/.config/Code/User/profiles/ab1/mcp.json",
            ".config/Code/User/profiles/*/mcp.json"
        ));
    }
}
