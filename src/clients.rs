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
    ("opencode", include_str!("../known-clients/opencode.toml")),
    ("amazon-q", include_str!("../known-clients/amazon-q.toml")),
    ("lm-studio", include_str!("../known-clients/lm-studio.toml")),
    (
        "copilot-cli",
        include_str!("../known-clients/copilot-cli.toml"),
    ),
    (
        "visual-studio",
        include_str!("../known-clients/visual-studio.toml"),
    ),
    ("generic", include_str!("../known-clients/generic.toml")),
];

/// The same files compiled to JSON by `build.rs` (what a run deserialises).
const CLIENT_JSON: &[(&str, &str)] = &[
    (
        "claude-code",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/claude-code.json")),
    ),
    (
        "claude-desktop",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/known-clients/claude-desktop.json"
        )),
    ),
    (
        "cursor",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/cursor.json")),
    ),
    (
        "vscode",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/vscode.json")),
    ),
    (
        "windsurf",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/windsurf.json")),
    ),
    (
        "cline",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/cline.json")),
    ),
    (
        "roo-code",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/roo-code.json")),
    ),
    (
        "gemini-cli",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/gemini-cli.json")),
    ),
    (
        "kiro",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/kiro.json")),
    ),
    (
        "zed",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/zed.json")),
    ),
    (
        "codex",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/codex.json")),
    ),
    (
        "opencode",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/opencode.json")),
    ),
    (
        "amazon-q",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/amazon-q.json")),
    ),
    (
        "lm-studio",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/lm-studio.json")),
    ),
    (
        "copilot-cli",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/copilot-cli.json")),
    ),
    (
        "visual-studio",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/known-clients/visual-studio.json"
        )),
    ),
    (
        "generic",
        include_str!(concat!(env!("OUT_DIR"), "/known-clients/generic.json")),
    ),
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
    /// `brace-file` `{file:path}`, `predefined` (`${workspaceFolder}`,
    /// `${userHome}`, ...).
    #[serde(default)]
    pub variables: Vec<String>,
    /// How to reference a secret instead of pasting it, in this client.
    pub secret_advice: String,
    /// This entry stands for files of unknown origin (`generic`): nothing is
    /// known about what the reading client expands.
    #[serde(default)]
    pub stands_in: bool,
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
    /// User-level locations: `~/…` or `{config}/…`, or an environment
    /// variable the client reads with its default, `{env:NAME|default}/…`
    /// (`{env:CODEX_HOME|~/.codex}/config.toml`; defaults nest, and
    /// `{env:NAME}` alone has no default). A `*` in a segment matches within
    /// one segment (`*.json`, `profiles/*/mcp.json`); a `**` segment matches
    /// up to [`GLOB_DEPTH`] folders, never through a symbolic link.
    #[serde(default)]
    pub user_paths: Vec<String>,
    /// Machine-wide absolute locations, per OS via `os` (the OS is told by
    /// the default path); `{env:NAME|/default/path}` as in `user_paths`.
    #[serde(default)]
    pub system_paths: Vec<String>,
    /// Project-relative locations (`.cursor/mcp.json`), with `*` and `**`
    /// as in `user_paths` (`.kiro/agents/*.json`, `*.code-workspace`).
    #[serde(default)]
    pub project_paths: Vec<String>,
    /// File names distinctive enough to recognise anywhere in a walk
    /// (`claude_desktop_config.json`).
    #[serde(default)]
    pub file_names: Vec<String>,
    /// Pointers (`/mcpServers`) to the objects holding server entries; a
    /// `*` token matches every key at that level, and `""` is the root (a
    /// file that is a bare server map).
    #[serde(default)]
    pub servers: Vec<String>,
    /// When none of the `servers` maps is present, the root itself is the
    /// server map (Claude Code plugin `.mcp.json` files come in both shapes).
    #[serde(default)]
    pub servers_or_root: bool,
    /// Top-level keys (or `/a/b` pointers) that must all be present for a
    /// file of unknown path to be taken as this kind (content inference).
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
    /// Server-entry key that switches the server off when `true` (Cline,
    /// Roo Code, Kiro, Amazon Q, Windsurf: `disabled`). A client that
    /// tolerates the key but still starts the server has none.
    #[serde(default)]
    pub disabled_key: Option<String>,
    /// Server-entry key that switches the server off when `false` (Codex,
    /// opencode, Zed: `enabled`).
    #[serde(default)]
    pub enabled_key: Option<String>,
    /// Switch keys the client accepts in an entry but does not obey
    /// (`disabled` in Cursor and Copilot CLI): a server "switched off" so
    /// still starts, which `invalid-config` reports.
    #[serde(default)]
    pub ignored_switches: Vec<String>,
    /// File-level lists of approved tools (`permissions.allow`,
    /// `mcpAllowlist`, `allowedTools`), each entry judged by
    /// `auto-approve-destructive` in the list's own naming.
    #[serde(default)]
    pub approval_lists: Vec<ApprovalList>,
    /// File-level approval settings of a known shape (global switches,
    /// permission maps), read by `auto-approve-destructive`.
    #[serde(default)]
    pub approval_settings: Vec<ApprovalSettings>,
    /// Lists of folders the client grants (`permissions.additionalDirectories`,
    /// `writable_roots`), read by `broad-filesystem-access`.
    #[serde(default)]
    pub trusted_dirs: Vec<TrustedDirs>,
    /// Maps keyed by folder whose entry marks the folder trusted (Codex
    /// `[projects."<path>"] trust_level = "trusted"`).
    #[serde(default)]
    pub trusted_dir_maps: Vec<TrustedDirMap>,
    /// Arrays of npm package specs the client installs and loads at start
    /// (opencode `plugin`): each string element, or the `package` of an
    /// object element, is judged by `unpinned-package`. `*` matches every
    /// key at its level.
    #[serde(default)]
    pub npm_plugins: Vec<String>,
    /// Whether an entry with `url` but no `type` is skipped by the client.
    #[serde(default)]
    pub url_requires_type: bool,
    /// If set, the complete list of values the client accepts in a server
    /// entry's `type` field; others are reported by `invalid-config`.
    #[serde(default)]
    pub type_values: Option<Vec<String>>,
}

/// How the entries of an approval list name their tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStyle {
    /// Bare tool names of one server (`autoApprove`).
    Bare,
    /// `server:tool` (Cursor `mcpAllowlist`).
    Cursor,
    /// `@server`, `@server/tool` or a built-in name (Amazon Q, Kiro agents).
    AmazonQ,
    /// Tool names, shell tools as `run_shell_command(git status)` (Gemini CLI).
    Gemini,
    /// `mcp__server__tool` (Claude Code).
    Claude,
}

/// A file-level approval list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalList {
    /// Pointer to the array; `*` matches every key at its level.
    pub pointer: String,
    pub entries: EntryStyle,
}

/// The approval settings shapes `auto-approve-destructive` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SettingsStyle {
    /// `permissions.defaultMode`, `enableAllProjectMcpServers`,
    /// `enabledMcpjsonServers` (Claude Code settings).
    ClaudeSettings,
    /// `chat.tools.global.autoApprove` (VS Code settings).
    VscodeSettings,
    /// `agent.always_allow_tool_actions`, `agent.tool_permissions` (Zed).
    ZedSettings,
    /// `approval_policy` and `sandbox_mode`, also per profile (Codex).
    CodexPolicy,
    /// `permission` (opencode).
    OpencodePermission,
}

/// Approval settings of one shape, at a place in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalSettings {
    pub style: SettingsStyle,
    /// Pointer of the object holding the settings (`""`: the root; a VS
    /// Code workspace file keeps them under `/settings`).
    #[serde(default)]
    pub at: String,
}

/// A list of folders the client grants.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedDirs {
    pub pointer: String,
    /// Sentence start for the finding: "Claude Code may read and edit files in".
    pub says: String,
}

/// A map keyed by folder; a member whose `key` equals `equals` is trusted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedDirMap {
    pub pointer: String,
    pub key: String,
    pub equals: String,
    pub says: String,
}

/// The nodes a pointer with `*` wildcards names.
pub fn nodes_at<'a>(root: &'a crate::parse::Node, pointer: &str) -> Vec<&'a crate::parse::Node> {
    let mut out = vec![root];
    for token in pointer.split('/').filter(|t| !t.is_empty()) {
        out = out
            .into_iter()
            .flat_map(|n| n.as_object().unwrap_or(&[]))
            .filter(|m| token == "*" || m.key == token)
            .map(|m| &m.value)
            .collect();
    }
    out
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

    /// Path suffixes (with `/` separators and the globs of the templates) by
    /// which a walked file is recognised as this kind, longest first: project
    /// paths, user paths relative to home for every OS layout (at their
    /// default place when an environment variable can move them), and system
    /// paths.
    pub fn suffixes(&self) -> Vec<String> {
        let mut out: Vec<String> = self.project_paths.clone();
        out.extend(self.file_names.iter().cloned());
        for p in self.user_paths.iter().filter_map(|p| default_template(p)) {
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
        for p in self.system_paths.iter().filter_map(|p| default_template(p)) {
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
        CLIENT_JSON
            .iter()
            .map(|(id, json)| match load_compiled(id, json) {
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
    check(id, client)
}

fn check(id: &str, client: Client) -> Result<Client, String> {
    if client.id != id {
        return Err(format!("id is {:?}, file name says {:?}", client.id, id));
    }
    if client.files.is_empty() {
        return Err("no [[files]] entries".into());
    }
    Ok(client)
}

/// Deserialise one client from the JSON `build.rs` made of its file.
fn load_compiled(id: &str, json: &str) -> Result<Client, String> {
    let client: Client = serde_json::from_str(json).map_err(|e| e.to_string())?;
    check(id, client)
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

/// Backup suffixes people leave next to configs; recognised by
/// [`kind_for_path`] and by the pre-commit hook pattern.
pub const BACKUP_SUFFIXES: &[&str] = &[".bak", ".orig", ".old", "~"];

/// How many folders a `**` segment of a location template may span.
pub const GLOB_DEPTH: usize = 5;

/// Folders a `**` never descends into.
pub const GLOB_SKIP: &[&str] = &[".git", "node_modules"];

/// An `{env:NAME|default}` prefix of a location template, split up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvRef<'a> {
    /// The variable (`CODEX_HOME`).
    pub name: &'a str,
    /// The template used when the variable is unset (`~/.codex`), itself
    /// possibly an `{env:…}` template; `None` for `{env:NAME}` alone.
    pub default: Option<&'a str>,
    /// What follows the closing brace, without its leading `/`.
    pub rest: &'a str,
}

/// Split a template that starts with `{env:NAME|default}`.
pub fn env_ref(template: &str) -> Option<EnvRef<'_>> {
    let inner = template.strip_prefix("{env:")?;
    let mut depth = 1;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let body = &inner[..i];
                    let rest = &inner[i + 1..];
                    let (name, default) = match body.split_once('|') {
                        Some((n, d)) => (n, Some(d)),
                        None => (body, None),
                    };
                    return Some(EnvRef {
                        name,
                        default,
                        rest: rest.strip_prefix('/').unwrap_or(rest),
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// `base/rest`, or `base` when `rest` is empty.
pub fn join_template(base: &str, rest: &str) -> String {
    if rest.is_empty() {
        base.to_string()
    } else {
        format!("{}/{rest}", base.trim_end_matches('/'))
    }
}

/// The template with every variable at its default
/// (`{env:CODEX_HOME|~/.codex}/config.toml` → `~/.codex/config.toml`);
/// `None` when a variable has no default.
pub fn default_template(template: &str) -> Option<String> {
    match env_ref(template) {
        None => Some(template.to_string()),
        Some(r) => Some(join_template(&default_template(r.default?)?, r.rest)),
    }
}

/// The variables a template reads, outermost first.
pub fn env_names(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut t = Some(template);
    while let Some(r) = t.and_then(env_ref) {
        out.push(r.name);
        t = r.default;
    }
    out
}

/// Every environment variable that moves a location of some client, sorted.
pub fn env_var_names() -> Vec<String> {
    let mut out: Vec<String> = all()
        .iter()
        .flat_map(|c| c.files.iter())
        .flat_map(|f| f.user_paths.iter().chain(f.system_paths.iter()))
        .flat_map(|t| env_names(t))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Does one path segment match a template segment (`*` matches any run of
/// characters within the segment)?
pub fn segment_matches(pattern: &str, name: &str) -> bool {
    // No allocation: a walk asks this for nearly every file it sees.
    let Some((first, rest)) = pattern.split_once('*') else {
        return pattern == name;
    };
    let Some(tail) = name.strip_prefix(first) else {
        return false;
    };
    let (inner, last) = rest.rsplit_once('*').unwrap_or(("", rest));
    let Some(mut middle) = tail.strip_suffix(last) else {
        return false;
    };
    for part in inner.split('*').filter(|p| !p.is_empty()) {
        match middle.find(part) {
            Some(i) => middle = &middle[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// Does `path` (with `/` separators) end with `suffix`? A `*` in a suffix
/// segment matches within one path segment, a `**` segment up to
/// [`GLOB_DEPTH`] whole segments.
pub fn path_matches_suffix(path: &str, suffix: &str) -> bool {
    if suffix.contains("**") {
        let path: Vec<&str> = path.split('/').collect();
        let suffix: Vec<&str> = suffix.split('/').collect();
        return ends_with_segments(&path, &suffix);
    }
    // The common case, without allocating: a walk asks for every file.
    let mut p = path.rsplit('/');
    suffix
        .rsplit('/')
        .all(|want| p.next().is_some_and(|got| segment_matches(want, got)))
}

fn ends_with_segments(path: &[&str], pattern: &[&str]) -> bool {
    match pattern.split_last() {
        None => true,
        Some((&"**", rest)) => (0..=GLOB_DEPTH.min(path.len()))
            .any(|k| ends_with_segments(&path[..path.len() - k], rest)),
        Some((want, rest)) => match path.split_last() {
            Some((got, path_rest)) if segment_matches(want, got) => {
                ends_with_segments(path_rest, rest)
            }
            _ => false,
        },
    }
}

/// Every (suffix, kind) pair in priority order, indexed by the suffix's file
/// name, built once: a walk asks for each file it sees.
struct SuffixTable {
    entries: Vec<(String, Kind)>,
    /// Exact last segment → positions in `entries`.
    by_name: std::collections::HashMap<String, Vec<usize>>,
    /// (last segment with a `*`, position in `entries`).
    globs: Vec<(String, usize)>,
}

fn suffix_table() -> &'static SuffixTable {
    static TABLE: OnceLock<SuffixTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let entries: Vec<(String, Kind)> = all()
            .iter()
            .flat_map(|client| {
                client.files.iter().flat_map(move |file| {
                    file.suffixes()
                        .into_iter()
                        .map(move |s| (s, Kind { client, file }))
                })
            })
            .collect();
        let mut by_name: std::collections::HashMap<String, Vec<usize>> = Default::default();
        let mut globs = Vec::new();
        for (i, (suf, _)) in entries.iter().enumerate() {
            let last = suf.rsplit('/').next().unwrap_or(suf);
            if last.contains('*') {
                globs.push((last.to_string(), i));
            } else {
                by_name.entry(last.to_string()).or_default().push(i);
            }
        }
        SuffixTable {
            entries,
            by_name,
            globs,
        }
    })
}

/// Recognise a file by its path: the longest matching suffix over all clients
/// wins; ties go to the earlier client in [`CLIENT_FILES`].
pub fn kind_for_path(path: &std::path::Path) -> Option<Kind> {
    let full = path.to_string_lossy().replace('\\', "/");
    // A backup next to a config (`.mcp.json~`, `.mcp.json.bak`) is read as the
    // config it copies: it leaks just as much when committed.
    let s = BACKUP_SUFFIXES
        .iter()
        .find_map(|b| {
            full.strip_suffix(b)
                .filter(|rest| !rest.ends_with('/') && !rest.is_empty())
        })
        .unwrap_or(&full)
        .to_string();
    let name = s.rsplit('/').next().unwrap_or(&s);
    let table = suffix_table();
    // Only the suffixes that can end in this file name, in table order.
    let mut candidates: Vec<usize> = table.by_name.get(name).cloned().unwrap_or_default();
    let exact = candidates.len();
    candidates.extend(
        table
            .globs
            .iter()
            .filter(|(last, _)| segment_matches(last, name))
            .map(|(_, i)| *i),
    );
    if candidates.len() > exact {
        candidates.sort_unstable();
    }
    let mut best: Option<(usize, Kind)> = None;
    for i in candidates {
        let (suf, kind) = &table.entries[i];
        // Longer suffix wins; on a tie a project spec beats a user one (a
        // walked `.cursor/mcp.json` is a project file).
        let better = best.as_ref().is_none_or(|(len, k)| {
            suf.len() > *len
                || (suf.len() == *len
                    && kind.file.scope == Scope::Project
                    && k.file.scope != Scope::Project)
        });
        if better && path_matches_suffix(&s, suf) {
            best = Some((suf.len(), *kind));
        }
    }
    best.map(|(_, k)| k)
}

/// Infer the kind from a parsed document: every `detect` entry of a file spec
/// must be present (a top-level key, or a `/a/b` pointer whose parents are
/// objects). The most specific spec wins: the most key segments in total
/// (`/mcp/servers` counts two and beats opencode's bare `mcp`); ties go to
/// the earlier client in [`CLIENT_FILES`].
pub fn kind_for_content(root: &crate::parse::Node, format: Format) -> Option<Kind> {
    let mut best: Option<(usize, Kind)> = None;
    for client in all() {
        for file in &client.files {
            let same_family = (file.format == Format::Toml) == (format == Format::Toml);
            if file.detect.is_empty() || !same_family {
                continue;
            }
            let mut score = 0;
            let all_present = file.detect.iter().all(|d| {
                let keys: Vec<&str> = d.split('/').filter(|k| !k.is_empty()).collect();
                score += keys.len();
                root.get_path(&keys).is_some()
            });
            if all_present && best.as_ref().is_none_or(|(n, _)| score > *n) {
                best = Some((score, Kind { client, file }));
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
        // The compiled form is the same list and reads the same.
        let compiled: Vec<&str> = CLIENT_JSON.iter().map(|(id, _)| *id).collect();
        let listed: Vec<&str> = CLIENT_FILES.iter().map(|(id, _)| *id).collect();
        assert_eq!(compiled, listed);
        for ((id, text), (_, json)) in CLIENT_FILES.iter().zip(CLIENT_JSON) {
            let a = load(id, text).unwrap();
            let b = load_compiled(id, json).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{id}");
        }
        assert_eq!(all().len(), CLIENT_FILES.len());
    }

    fn path_kind(p: &str) -> Option<(&'static str, &'static str, Scope)> {
        kind_for_path(std::path::Path::new(p))
            .map(|k| (k.client.id.as_str(), k.file.role.as_str(), k.file.scope))
    }

    #[test]
    fn kind_for_path_per_client() {
        use Scope::*;
        let cases: &[(&str, &str, &str, Scope)] = &[
            // Claude Desktop, every OS layout and a bare copy of the file.
            ("/Users/a/Library/Application Support/Claude/claude_desktop_config.json", "claude-desktop", "desktop-config", User),
            ("C:\\Users\\a\\AppData\\Roaming\\Claude\\claude_desktop_config.json", "claude-desktop", "desktop-config", User),
            ("/home/a/.config/Claude/claude_desktop_config.json", "claude-desktop", "desktop-config", User),
            ("backup/claude_desktop_config.json", "claude-desktop", "desktop-config", User),
            // Claude Code.
            ("/r/.mcp.json", "claude-code", "mcp", Project),
            ("/home/a/.claude.json", "claude-code", "state", User),
            ("/r/.claude/settings.json", "claude-code", "settings", Project),
            ("/r/.claude/settings.local.json", "claude-code", "settings", Project),
            ("/etc/claude-code/managed-mcp.json", "claude-code", "managed-mcp", System),
            ("/Library/Application Support/ClaudeCode/managed-settings.json", "claude-code", "managed-settings", System),
            ("C:/Program Files/ClaudeCode/managed-mcp.json", "claude-code", "managed-mcp", System),
            // Cursor.
            ("/r/.cursor/mcp.json", "cursor", "mcp", Project),
            ("/home/a/.cursor/permissions.json", "cursor", "permissions", User),
            // VS Code.
            ("/r/.vscode/mcp.json", "vscode", "mcp", Project),
            ("/r/.vscode/settings.json", "vscode", "settings", Project),
            ("/home/a/.config/Code/User/mcp.json", "vscode", "mcp", User),
            ("/home/a/.config/Code/User/profiles/-4f1e/mcp.json", "vscode", "mcp", User),
            ("/Users/a/Library/Application Support/Code - Insiders/User/mcp.json", "vscode", "mcp", User),
            ("dotfiles/.config/Code/User/settings.json", "vscode", "settings", User),
            ("C:/Users/a/AppData/Roaming/Code/User/settings.json", "vscode", "settings", User),
            // Windsurf.
            ("/home/a/.codeium/windsurf/mcp_config.json", "windsurf", "mcp", User),
            ("/home/a/.codeium/mcp_config.json", "windsurf", "mcp", User),
            // Cline.
            ("/home/a/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", "cline", "mcp", User),
            ("/home/a/.cline/data/settings/cline_mcp_settings.json", "cline", "mcp", User),
            ("somewhere/cline_mcp_settings.json", "cline", "mcp", User),
            // Roo Code.
            ("/r/.roo/mcp.json", "roo-code", "mcp", Project),
            ("/Users/a/Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json", "roo-code", "mcp", User),
            // Gemini CLI.
            ("/r/.gemini/settings.json", "gemini-cli", "settings", Project),
            ("/etc/gemini-cli/settings.json", "gemini-cli", "system-settings", System),
            ("/home/a/.gemini/extensions/db/gemini-extension.json", "gemini-cli", "extension", User),
            // Kiro.
            ("/r/.kiro/settings/mcp.json", "kiro", "mcp", Project),
            // Zed.
            ("/r/.zed/settings.json", "zed", "settings", Project),
            ("/home/a/.config/zed/settings.json", "zed", "settings", User),
            ("C:/Users/a/AppData/Roaming/Zed/settings.json", "zed", "settings", User),
            // Codex.
            ("/r/.codex/config.toml", "codex", "config", Project),
            // opencode.
            ("/r/opencode.json", "opencode", "config", Project),
            ("/r/opencode.jsonc", "opencode", "config", Project),
            ("/home/a/.config/opencode/opencode.json", "opencode", "config", User),
            ("/r/.agents/mcp.json", "opencode", "mcp", Project),
            ("/etc/opencode/opencode.json", "opencode", "managed-config", System),
            // Amazon Q.
            ("/r/.amazonq/mcp.json", "amazon-q", "mcp", Project),
            ("/home/a/.aws/amazonq/mcp.json", "amazon-q", "mcp", User),
            // LM Studio, Copilot CLI, Visual Studio.
            ("/home/a/.lmstudio/mcp.json", "lm-studio", "mcp", User),
            ("/home/a/.copilot/mcp-config.json", "copilot-cli", "mcp", User),
            ("C:/src/app/.vs/mcp.json", "visual-studio", "mcp", Project),
            // Agent files, plugins and workspace files (globs).
            ("/home/a/.aws/amazonq/cli-agents/reviewer.json", "amazon-q", "agent", User),
            ("/r/.amazonq/cli-agents/dev-agent.json", "amazon-q", "agent", Project),
            // The same suffix as the project file: a tie goes to the project
            // (the scan gives a known location its user scope).
            ("/home/a/.kiro/agents/ops.json", "kiro", "agent", Project),
            ("/r/.kiro/agents/docs.json", "kiro", "agent", Project),
            ("/home/a/.claude/plugins/cache/mkt/github/1.2.0/.mcp.json", "claude-code", "plugin-mcp", User),
            ("/r/app.code-workspace", "vscode", "workspace", Project),
            ("/r/sub/team.code-workspace.bak", "vscode", "workspace", Project),
        ];
        for (path, client, role, scope) in cases {
            assert_eq!(path_kind(path), Some((*client, *role, *scope)), "{path}");
        }
        for path in [
            "settings.json",
            "/r/app/settings.json",
            "/r/mcp.json",
            "/r/config.toml",
            "/r/.vscode/launch.json",
            "/r/cursor/mcp.json",
            "/r/User/settings.json",
            "/r/opencode.json.md",
            "/r/.kiro/agents/prompts/x.md",
            "/r/.kiro/agents/sub/x.json",
            "/r/.amazonq/cli-agents/readme.md",
            "/r/app.code-workspace.json",
            "/r/package.json",
        ] {
            assert_eq!(path_kind(path), None, "{path}");
        }
    }

    fn content_kind(text: &str, format: Format) -> Option<(&'static str, &'static str)> {
        let parsed = match format {
            Format::Toml => crate::parse::parse_toml(text),
            _ => crate::parse::parse_json(text),
        };
        kind_for_content(parsed.root.as_ref()?, format)
            .map(|k| (k.client.id.as_str(), k.file.role.as_str()))
    }

    #[test]
    fn kind_for_content_per_shape() {
        let j = Format::Json;
        assert_eq!(
            content_kind(r#"{"mcpServers": {}}"#, j),
            Some(("generic", "mcp"))
        );
        assert_eq!(
            content_kind(r#"{"servers": {}, "inputs": []}"#, j),
            Some(("vscode", "mcp"))
        );
        assert_eq!(
            content_kind(r#"{"servers": {}}"#, j),
            Some(("vscode", "mcp"))
        );
        assert_eq!(
            content_kind(r#"{"editor.fontSize": 12, "mcp": {"servers": {}}}"#, j),
            Some(("vscode", "settings"))
        );
        assert_eq!(
            content_kind(r#"{"mcp": {"x": {"type": "local", "command": ["a"]}}}"#, j),
            Some(("opencode", "config"))
        );
        assert_eq!(
            content_kind(r#"{"context_servers": {}}"#, j),
            Some(("zed", "settings"))
        );
        assert_eq!(
            content_kind(r#"{"permissions": {"allow": []}}"#, j),
            Some(("claude-code", "settings"))
        );
        assert_eq!(
            content_kind("[mcp_servers.x]\ncommand = \"a\"\n", Format::Toml),
            Some(("codex", "config"))
        );
        // A TOML document never takes a JSON client's kind, and vice versa.
        assert_eq!(
            content_kind("[servers.x]\ncommand = \"a\"\n", Format::Toml),
            None
        );
        assert_eq!(content_kind(r#"{"mcp_servers": {}}"#, j), None);
        assert_eq!(content_kind(r#"{"name": "x"}"#, j), None);
    }

    #[test]
    fn approval_keys_per_client() {
        let keys = |id: &str| -> Vec<String> {
            let mut v: Vec<String> = by_id(id)
                .unwrap()
                .files
                .iter()
                .flat_map(|f| f.approval_keys.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(keys("cline"), ["alwaysAllow", "autoApprove"]);
        assert_eq!(keys("roo-code"), ["alwaysAllow", "autoApprove"]);
        assert_eq!(keys("kiro"), ["autoApprove"]);
        assert_eq!(keys("gemini-cli"), ["trust"]);
        assert_eq!(keys("vscode"), ["sandboxEnabled"]);
        // Every approval key is also a valid server key, so it is never
        // reported as unknown.
        for c in all() {
            for f in &c.files {
                if let Some(server_keys) = &f.server_keys {
                    for k in &f.approval_keys {
                        assert!(server_keys.contains(k), "{}: {k}", c.id);
                    }
                }
            }
        }
    }

    #[test]
    fn dialects_follow_the_clients() {
        let spec = |id: &str, role: &str| {
            by_id(id)
                .unwrap()
                .files
                .iter()
                .find(|f| f.role == role)
                .unwrap()
        };
        let cd = spec("claude-desktop", "desktop-config");
        assert!(!cd.allows_comments() && !cd.allows_trailing_commas());
        let gem = spec("gemini-cli", "settings");
        assert!(gem.allows_comments() && !gem.allows_trailing_commas());
        for (id, role) in [
            ("vscode", "mcp"),
            ("zed", "settings"),
            ("opencode", "config"),
        ] {
            let s = spec(id, role);
            assert!(s.allows_comments() && s.allows_trailing_commas(), "{id}");
        }
    }

    #[test]
    fn every_location_is_well_formed() {
        for c in all() {
            assert!(!c.docs.is_empty(), "{}", c.id);
            for f in &c.files {
                for p in &f.user_paths {
                    // At its default, or a variable with no default.
                    match default_template(p) {
                        Some(d) => assert!(
                            d.starts_with("~/") || d.starts_with("{config}/"),
                            "{}: {p}",
                            c.id
                        ),
                        None => assert!(env_ref(p).is_some_and(|r| r.rest.is_empty())),
                    }
                    for name in env_names(p) {
                        assert!(
                            !name.is_empty()
                                && name.bytes().all(|b| b.is_ascii_uppercase()
                                    || b.is_ascii_digit()
                                    || b == b'_'),
                            "{}: {p}",
                            c.id
                        );
                    }
                }
                for p in &f.project_paths {
                    assert!(!p.starts_with('/') && !p.starts_with('~'), "{}: {p}", c.id);
                    assert!(!p.contains("{env:"), "{}: {p}", c.id);
                }
                for p in &f.system_paths {
                    let d = default_template(p).unwrap_or_default();
                    assert!(
                        d.starts_with('/') || d.as_bytes().get(1) == Some(&b':'),
                        "{}: {p}",
                        c.id
                    );
                }
                // A bare common file name would make the walk claim
                // unrelated files.
                for s in f.suffixes() {
                    assert!(
                        !["settings.json", "mcp.json", "config.toml", "config.json"]
                            .contains(&s.as_str()),
                        "{}: suffix {s} is too generic",
                        c.id
                    );
                }
            }
        }
    }

    #[test]
    fn env_templates() {
        let t = "{env:CODEX_HOME|~/.codex}/config.toml";
        assert_eq!(
            env_ref(t),
            Some(EnvRef {
                name: "CODEX_HOME",
                default: Some("~/.codex"),
                rest: "config.toml"
            })
        );
        assert_eq!(default_template(t).as_deref(), Some("~/.codex/config.toml"));
        let nested = "{env:A|{env:B|~/.b}/data}/settings/x.json";
        assert_eq!(env_names(nested), ["A", "B"]);
        assert_eq!(
            default_template(nested).as_deref(),
            Some("~/.b/data/settings/x.json")
        );
        assert_eq!(
            default_template("{env:CLAUDE_CONFIG_DIR|~}/.claude.json").as_deref(),
            Some("~/.claude.json")
        );
        assert_eq!(default_template("{env:OPENCODE_CONFIG}"), None);
        assert_eq!(env_ref("{env:OPENCODE_CONFIG}").unwrap().rest, "");
        assert_eq!(
            default_template("~/.cursor/mcp.json").as_deref(),
            Some("~/.cursor/mcp.json")
        );
        assert_eq!(env_ref("{env:BROKEN"), None);
        // Every variable some client file names, once.
        let names = env_var_names();
        for want in [
            "CLAUDE_CONFIG_DIR",
            "CLINE_DATA_DIR",
            "CLINE_DIR",
            "CODEX_HOME",
            "COPILOT_HOME",
            "GEMINI_CLI_SYSTEM_DEFAULTS_PATH",
            "GEMINI_CLI_SYSTEM_SETTINGS_PATH",
            "OPENCODE_CONFIG",
        ] {
            assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
        }
    }

    #[test]
    fn segment_globs() {
        assert!(segment_matches("*.json", "dev-agent.json"));
        assert!(segment_matches("*.json", ".json"));
        assert!(!segment_matches("*.json", "agent.jsonc"));
        assert!(!segment_matches("*.json", "agent.json.md"));
        assert!(segment_matches("*.code-workspace", "app.code-workspace"));
        assert!(segment_matches("*", "anything"));
        assert!(segment_matches("a*b*c", "a-x-b-y-c"));
        assert!(!segment_matches("a*b*c", "a-x-c-y-b"));
        assert!(segment_matches("mcp.json", "mcp.json"));
        assert!(!segment_matches("mcp.json", "mcp.jsonx"));
    }

    #[test]
    fn recursive_suffixes() {
        let s = ".claude/plugins/cache/**/.mcp.json";
        assert!(path_matches_suffix("/h/.claude/plugins/cache/.mcp.json", s));
        assert!(path_matches_suffix(
            "/h/.claude/plugins/cache/mkt/plug/1.0.0/.mcp.json",
            s
        ));
        assert!(!path_matches_suffix(
            "/h/.claude/plugins/marketplaces/m/p/.mcp.json",
            s
        ));
        // Deeper than GLOB_DEPTH folders is not a plugin root.
        let deep = format!(
            "/h/.claude/plugins/cache/{}.mcp.json",
            "d/".repeat(GLOB_DEPTH + 1)
        );
        assert!(!path_matches_suffix(&deep, s));
        assert!(path_matches_suffix(
            "/r/.kiro/agents/dev.json",
            ".kiro/agents/*.json"
        ));
        assert!(!path_matches_suffix(
            "/r/.kiro/agents/sub/dev.json",
            ".kiro/agents/*.json"
        ));
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

#[cfg(test)]
mod data_tests {
    /// Client knowledge is data: no rule matches on a client id or a file
    /// role; adding a client is a `known-clients/` file plus fixtures.
    #[test]
    fn no_rule_matches_on_a_client_id_or_role() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        walk(&rules, &mut files);
        assert!(files.len() > 10);
        let ids: Vec<String> = super::all()
            .iter()
            .map(|c| format!("\"{}\"", c.id))
            .collect();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let at = format!("{}:{}", f.display(), n + 1);
                assert!(!code.contains("client_id()"), "{at}: {line}");
                assert!(!code.contains(".role"), "{at}: {line}");
                assert!(!code.contains("client.id"), "{at}: {line}");
                for id in &ids {
                    // Test fixtures name clients by path, never by id.
                    assert!(
                        !(code.contains(id.as_str()) && code.contains("==")),
                        "{at}: {line}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod backup_tests {
    use super::*;

    #[test]
    fn backups_are_read_as_the_config_they_copy() {
        for p in [
            ".mcp.json~",
            "sub/.mcp.json.bak",
            ".cursor/mcp.json.orig",
            "claude_desktop_config.json.old",
        ] {
            let k = kind_for_path(std::path::Path::new(p)).unwrap_or_else(|| panic!("{p}"));
            let plain = kind_for_path(std::path::Path::new(
                p.trim_end_matches('~')
                    .trim_end_matches(".bak")
                    .trim_end_matches(".orig")
                    .trim_end_matches(".old"),
            ))
            .unwrap();
            assert_eq!(k.client.id, plain.client.id, "{p}");
        }
        assert!(kind_for_path(std::path::Path::new("~")).is_none());
        assert!(kind_for_path(std::path::Path::new("notes.bak")).is_none());
    }
}
