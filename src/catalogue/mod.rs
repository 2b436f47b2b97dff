//! The server catalogue: what a configured MCP server *is*.
//!
//! `known-servers/*.toml` are data files, one per publisher or group, each
//! entry citing its sources and the date they were read. They are compiled
//! into the binary ([`FILES`]) but parsed lazily: a lookup first searches
//! the raw text of each file for the identifier it wants (a package name, an
//! image, a host) and parses only the files that contain it, once. The
//! plain one-file scan therefore pays nothing unless a rule asks, and then
//! only for the files that can answer.
//!
//! Matching a configured server to an entry lives in [`matching`]: it goes by
//! what actually runs (package, image, remote URL, binary), never by the
//! server's name alone.

pub mod matching;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use matching::{identify, Evidence, Identity, ReadOnlyMode};

/// The catalogue files, embedded at build time. A test fails when a file of
/// `known-servers/` is missing here or does not load.
pub const FILES: &[(&str, &str)] = &[
    (
        "reference",
        include_str!("../../known-servers/reference.toml"),
    ),
    ("vendors", include_str!("../../known-servers/vendors.toml")),
    (
        "community",
        include_str!("../../known-servers/community.toml"),
    ),
    ("aws", include_str!("../../known-servers/aws.toml")),
    (
        "registry-seed",
        include_str!("../../known-servers/registry-seed.toml"),
    ),
];

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Published by the service's own vendor.
    Official,
    /// A reference server of the MCP project (modelcontextprotocol/servers).
    Reference,
    /// Maintained by someone other than the service's vendor.
    Community,
    /// No longer maintained by its publisher (repository archived).
    Archived,
    /// Replaced by its publisher with another package or server.
    Deprecated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Official => "official",
            Status::Reference => "reference",
            Status::Community => "community",
            Status::Archived => "archived",
            Status::Deprecated => "deprecated",
        }
    }
}

/// The guide's four scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every tool only reads.
    ReadOnly,
    /// Some tool creates, changes or deletes data.
    ReadWrite,
    /// Reaches hosts beyond this machine.
    Network,
    /// Runs code or commands chosen by the model.
    Exec,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReadOnly => "read-only",
            Scope::ReadWrite => "read-write",
            Scope::Network => "network",
            Scope::Exec => "exec",
        }
    }
}

/// Data roles for flow analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Feeds the model content written by others: web pages, email,
    /// issues, chat, search results.
    UntrustedContent,
    /// Reaches private data: files, databases, mail, repositories, documents.
    PrivateData,
    /// Can carry data out: post, email, push, arbitrary HTTP.
    SendsOut,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::UntrustedContent => "untrusted-content",
            Role::PrivateData => "private-data",
            Role::SendsOut => "sends-out",
        }
    }
}

/// What one published tool does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToolEffect {
    Read,
    Write,
    Delete,
    Send,
    Publish,
    Execute,
    Pay,
    Browse,
}

impl ToolEffect {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolEffect::Read => "read",
            ToolEffect::Write => "write",
            ToolEffect::Delete => "delete",
            ToolEffect::Send => "send",
            ToolEffect::Publish => "publish",
            ToolEffect::Execute => "execute",
            ToolEffect::Pay => "pay",
            ToolEffect::Browse => "browse",
        }
    }

    /// The tool classifier's effect, `None` for a read.
    pub fn destructive(self) -> Option<crate::tools::Effect> {
        use crate::tools::Effect;
        Some(match self {
            ToolEffect::Read => return None,
            ToolEffect::Write => Effect::Writes,
            ToolEffect::Delete => Effect::Deletes,
            ToolEffect::Send => Effect::Sends,
            ToolEffect::Publish => Effect::Publishes,
            ToolEffect::Execute => Effect::Executes,
            ToolEffect::Pay => Effect::Pays,
            ToolEffect::Browse => Effect::Browses,
        })
    }
}

/// A published tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub effect: ToolEffect,
}

/// The switches that put a server in its read-only mode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadOnlySwitches {
    /// Server arguments: `--read-only` (also matches `--read-only=true`).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Environment settings `NAME=VALUE`; a truthy VALUE (`1`, `true`)
    /// accepts any truthy value.
    #[serde(default)]
    pub env: Vec<String>,
    /// Query parameters of a remote URL `name=value` (`read_only=true`).
    #[serde(default)]
    pub url_query: Vec<String>,
    /// Remote endpoints (host + path) that serve only read tools.
    #[serde(default)]
    pub urls: Vec<String>,
    /// Path endings of a remote URL that select read-only mode
    /// (`/readonly`).
    #[serde(default)]
    pub path_suffix: Vec<String>,
    /// Request headers `Name: value` that select read-only mode on a remote.
    #[serde(default)]
    pub headers: Vec<String>,
    /// How to choose toolsets (a narrower set of tools), as documented.
    #[serde(default)]
    pub toolsets: Vec<String>,
}

impl ReadOnlySwitches {
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
            && self.env.is_empty()
            && self.url_query.is_empty()
            && self.urls.is_empty()
            && self.path_suffix.is_empty()
            && self.headers.is_empty()
    }
}

/// How the server authenticates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Auth {
    /// The remote endpoint supports the MCP authorization flow (OAuth 2.1),
    /// so a pasted static token is unnecessary.
    pub oauth: Option<bool>,
    /// Environment variables a local server reads its credentials from.
    #[serde(default)]
    pub env: Vec<String>,
}

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Entry {
    /// Unique, kebab-case.
    pub id: String,
    pub name: String,
    pub publisher: Option<String>,
    pub homepage: Option<String>,
    pub repository: Option<String>,
    /// Name in the official MCP registry, when listed there.
    pub registry_name: Option<String>,
    /// Where every fact of this entry was read (at least one URL).
    pub sources: Vec<String>,
    /// When the sources were read (YYYY-MM-DD).
    pub snapshot: String,
    pub status: Option<Status>,
    /// Entry id (or URL) that replaces an archived or deprecated one.
    pub successor: Option<String>,
    /// When it was archived or deprecated (YYYY-MM-DD).
    pub status_date: Option<String>,

    #[serde(default)]
    pub npm: Vec<String>,
    /// PyPI names, normalised (PEP 503: lower case, `-` for runs of `-_.`).
    #[serde(default)]
    pub pypi: Vec<String>,
    /// NuGet package ids, lower case (NuGet ids are case-insensitive).
    #[serde(default)]
    pub nuget: Vec<String>,
    /// OCI images without tag; Docker Hub images without `docker.io/`.
    #[serde(default)]
    pub oci: Vec<String>,
    /// Go package paths (`go run` targets and the modules holding them).
    #[serde(default)]
    pub go: Vec<String>,
    #[serde(default)]
    pub cargo: Vec<String>,
    /// Remote endpoints: `https://host/path`; a configured URL matches when
    /// its host is this host and its path is this path or below it.
    /// A host may start with `*.` for any one-label subdomain.
    #[serde(default)]
    pub remotes: Vec<String>,
    /// Names of the executables it installs.
    #[serde(default)]
    pub binaries: Vec<String>,

    #[serde(default)]
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub read_only: ReadOnlySwitches,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub auth: Auth,
    #[serde(default)]
    pub tools: Vec<Tool>,
}

impl Entry {
    pub fn has(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    pub fn plays(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The published effect of a tool, by exact name (case-insensitive,
    /// `-` and `_` alike).
    pub fn tool_effect(&self, name: &str) -> Option<ToolEffect> {
        let want = name.to_ascii_lowercase().replace('-', "_");
        self.tools
            .iter()
            .find(|t| t.name.to_ascii_lowercase().replace('-', "_") == want)
            .map(|t| t.effect)
    }

    /// Whether any identifier says how a config refers to it.
    pub fn has_identifier(&self) -> bool {
        !(self.npm.is_empty()
            && self.pypi.is_empty()
            && self.nuget.is_empty()
            && self.oci.is_empty()
            && self.go.is_empty()
            && self.cargo.is_empty()
            && self.remotes.is_empty()
            && self.binaries.is_empty())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    #[serde(default)]
    server: Vec<Entry>,
}

/// Parse one catalogue file.
pub fn load(text: &str) -> Result<Vec<Entry>, String> {
    let data: FileData = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(data.server)
}

fn cells() -> &'static [OnceLock<Vec<Entry>>] {
    static CELLS: OnceLock<Vec<OnceLock<Vec<Entry>>>> = OnceLock::new();
    CELLS.get_or_init(|| FILES.iter().map(|_| OnceLock::new()).collect())
}

/// The parsed entries of file `i` of [`FILES`].
fn file(i: usize) -> &'static [Entry] {
    cells()[i].get_or_init(|| match load(FILES[i].1) {
        Ok(v) => v,
        // The files are embedded and validated by tests; a broken one is a
        // build defect, not a user error.
        Err(e) => panic!("known-servers/{}.toml is invalid: {e}", FILES[i].0),
    })
}

/// Entries of the files whose text contains `needle` (lower-cased), parsing
/// only those files. The needle must be an identifier as written in the
/// data (a package name, an image, a host).
pub fn candidates(needle: &str) -> impl Iterator<Item = &'static Entry> {
    files_containing(needle)
        .into_iter()
        .flat_map(|i| file(i).iter())
}

/// Indices into [`FILES`] of the files whose raw text holds `needle`
/// (lower-cased): the only files a lookup parses. Identifiers are stored in
/// lower case (a test checks), so a plain substring search finds every file
/// that can hold one.
pub fn files_containing(needle: &str) -> Vec<usize> {
    let needle = needle.to_ascii_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    FILES
        .iter()
        .enumerate()
        .filter(|(_, (_, text))| text.contains(needle.as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// Every entry (parses every file): for listings, validation and inventory.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    (0..FILES.len()).flat_map(|i| file(i).iter())
}

/// Look an entry up by id.
pub fn by_id(id: &str) -> Option<&'static Entry> {
    candidates(id).find(|e| e.id == id)
}

/// How many files have been parsed so far (for tests of laziness).
pub fn parsed_files() -> usize {
    cells().iter().filter(|c| c.get().is_some()).count()
}

/// PEP 503 name normalisation.
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// An OCI image reference without tag or digest, normalised: lower case,
/// Docker Hub's `docker.io/`, `index.docker.io/`, `registry-1.docker.io/`
/// and `library/` dropped.
pub fn normalize_image(image: &str) -> String {
    let mut s = crate::packages::package_name(image).to_ascii_lowercase();
    for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix("library/") {
        s = rest.to_string();
    }
    s
}

#[cfg(test)]
mod tests;
