//! Matching a configured server to a catalogue entry by what actually runs.
//!
//! [`runs`] reads the launch line through [`crate::packages`] (every
//! launcher it knows, through `cmd /c`, `sh -c` and `env` wrappers): the
//! package and its version, the container image and its tag, the remote
//! URL, or the local program. [`identify`] then looks that up in the
//! catalogue. Names are compared exactly after each ecosystem's own
//! normalisation (npm as written, PyPI per PEP 503, Docker Hub's implicit
//! `docker.io/library/`), URLs by host and path prefix on a segment
//! boundary: a look-alike never matches. A server whose configured *name*
//! equals an entry id but whose launch says nothing is only a
//! [`Identity::NameHint`]; anything else is [`Identity::Unknown`].

use super::{candidates, normalize_image, normalize_pypi, Entry, Scope};
use crate::clients::env_ref;
use crate::model::{ServerEntry, Transport};
use crate::packages::{self, Ecosystem, Launch, Launcher};

/// What a configured server starts or connects to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runs {
    /// A package fetched by a launcher (`npx`, `uvx`, `go run`, `dnx`...).
    Package {
        launcher: String,
        ecosystem: &'static str,
        name: String,
        version: Option<String>,
    },
    /// A container image (`docker run`, `podman run`).
    Image {
        runtime: String,
        name: String,
        tag: Option<String>,
    },
    /// A remote endpoint (scheme, host and path; query and user info are
    /// never shown: they may carry a credential).
    Remote { url: String },
    /// A local bridge (`npx mcp-remote URL`) to a remote endpoint.
    Bridge { package: String, url: String },
    /// A local program (`node index.js`, `/usr/local/bin/x`, `python -m m`).
    Command { program: String },
    /// Neither a command nor a URL.
    Nothing,
}

impl Runs {
    /// One line: `npx @scope/pkg@1.2.3`, `docker mcp/git:latest`, a URL.
    pub fn display(&self) -> String {
        match self {
            Runs::Package {
                launcher,
                name,
                version,
                ..
            } => match version {
                Some(v) => format!("{launcher} {name}@{v}"),
                None => format!("{launcher} {name}"),
            },
            Runs::Image { runtime, name, tag } => match tag {
                Some(t) if t.starts_with("sha256:") => format!("{runtime} {name}@{t}"),
                Some(t) => format!("{runtime} {name}:{t}"),
                None => format!("{runtime} {name}"),
            },
            Runs::Remote { url } => url.clone(),
            Runs::Bridge { package, url } => format!("{package} -> {url}"),
            Runs::Command { program } => program.clone(),
            Runs::Nothing => "-".into(),
        }
    }
}

/// What tied a server to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    Package,
    Image,
    Remote,
    /// The remote URL given to a local bridge.
    Bridge,
    /// The program name is one of the binaries the entry installs.
    Binary,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Package => "package",
            Evidence::Image => "image",
            Evidence::Remote => "remote-url",
            Evidence::Bridge => "bridged-url",
            Evidence::Binary => "binary",
        }
    }
}

/// Who a configured server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// What runs is a catalogue entry's package, image, URL or binary.
    Known {
        entry: &'static Entry,
        evidence: Evidence,
    },
    /// Only the configured name equals an entry id: a weak hint, never
    /// used by a rule.
    NameHint {
        entry: &'static Entry,
    },
    Unknown,
}

impl Identity {
    /// The entry when matched by what runs (not by a name hint).
    pub fn entry(&self) -> Option<&'static Entry> {
        match self {
            Identity::Known { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

/// What a server runs. `text` is the file's source text (for words inside
/// a one-string shell script).
pub fn runs(server: &ServerEntry, text: &str) -> Runs {
    match server.transport {
        Transport::Remote => {
            return server.url.as_ref().map_or(Runs::Nothing, |u| Runs::Remote {
                url: display_url(&u.value),
            })
        }
        Transport::Unknown if server.command.is_none() => return Runs::Nothing,
        _ => {}
    }
    let mut found: Option<Runs> = None;
    let mut first_other: Option<Runs> = None;
    packages::for_each_launch(server, text, &mut |l| {
        if found.is_some() {
            return;
        }
        match launch_runs(l) {
            r @ Runs::Command { .. } => {
                if first_other.is_none() {
                    first_other = Some(r);
                }
            }
            r => found = Some(r),
        }
    });
    found.or(first_other).unwrap_or(Runs::Nothing)
}

fn launch_runs(l: &Launch<'_>) -> Runs {
    let eco = l.launcher.ecosystem();
    if eco == Ecosystem::Container {
        if let Some(spec) = l.package_spec() {
            let (name, tag) = image_parts(&spec);
            return Runs::Image {
                runtime: l.launcher_name.clone(),
                name,
                tag,
            };
        }
    }
    if eco != Ecosystem::None && eco != Ecosystem::Container {
        if let Some(spec) = l.package_spec() {
            let (name, mut version) = package_parts(eco, &spec);
            if version.is_none() && l.launcher == Launcher::Dnx {
                version = l.option(&["--version"]).and_then(|o| o.value.clone());
            }
            if eco == Ecosystem::Npm && BRIDGES.contains(&name.as_str()) {
                if let Some(u) = l
                    .server_args
                    .iter()
                    .find(|a| a.value.starts_with("https://") || a.value.starts_with("http://"))
                {
                    return Runs::Bridge {
                        package: name,
                        url: display_url(&u.value),
                    };
                }
            }
            return Runs::Package {
                launcher: l.launcher_name.clone(),
                ecosystem: ecosystem_name(eco),
                name,
                version,
            };
        }
    }
    // `python -m module` / `python3 -m module`: the module is what runs.
    if l.launcher == Launcher::Other {
        let prog = crate::model::program_name(&l.program.value);
        if prog.starts_with("python") {
            if let Some(i) = l.server_args.iter().position(|a| a.value == "-m") {
                if let Some(m) = l.server_args.get(i + 1) {
                    return Runs::Command {
                        program: format!("{prog} -m {}", m.value),
                    };
                }
            }
        }
        return Runs::Command { program: prog };
    }
    Runs::Command {
        program: l.launcher_name.clone(),
    }
}

/// Local bridges that connect a stdio client to a remote endpoint given as
/// their first URL argument.
const BRIDGES: &[&str] = &["mcp-remote"];

fn ecosystem_name(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::Npm => "npm",
        Ecosystem::Python => "pypi",
        Ecosystem::Container => "oci",
        Ecosystem::Go => "go",
        Ecosystem::Cargo => "cargo",
        Ecosystem::NuGet => "nuget",
        Ecosystem::None => "none",
    }
}

/// Package name and version from a spec: `@s/p@1.2.3` → (`@s/p`, `1.2.3`),
/// `pkg[cli]==0.6` → (`pkg`, `0.6`), `pkg>=1` → (`pkg`, `>=1`),
/// `golang.org/x/y@latest` → (…, `latest`).
pub fn package_parts(eco: Ecosystem, spec: &str) -> (String, Option<String>) {
    let spec = spec.trim();
    let bare = spec
        .strip_prefix("npm:")
        .or_else(|| spec.strip_prefix("jsr:"))
        .unwrap_or(spec);
    let name = packages::package_name(bare);
    let mut rest = bare.get(name.len()..).unwrap_or("").trim();
    if rest.starts_with('[') {
        rest = rest.find(']').map_or("", |i| &rest[i + 1..]).trim();
    }
    let version = if let Some(v) = rest.strip_prefix("==") {
        Some(v.trim().to_string())
    } else if let Some(v) = rest.strip_prefix('@') {
        Some(v.trim().to_string())
    } else if !rest.is_empty() && eco == Ecosystem::Python {
        Some(rest.to_string())
    } else {
        None
    };
    (name.to_string(), version.filter(|v| !v.is_empty()))
}

/// Image name and tag (or digest): `ghcr.io/o/i:1.0` → (`ghcr.io/o/i`,
/// `1.0`), `mcp/git@sha256:ab…` → (`mcp/git`, `sha256:ab…`).
pub fn image_parts(spec: &str) -> (String, Option<String>) {
    let spec = spec.trim();
    let name = packages::package_name(spec);
    let rest = spec.get(name.len()..).unwrap_or("");
    let tag = if let Some(d) = rest.split_once('@').map(|(_, d)| d) {
        Some(d.to_string())
    } else {
        rest.strip_prefix(':').map(str::to_string)
    };
    (name.to_string(), tag.filter(|t| !t.is_empty()))
}

/// A URL for display: scheme, host, port and path; user info, query and
/// fragment dropped (`?…` marks a dropped query).
pub fn display_url(url: &str) -> String {
    match parse_url(url) {
        Some(u) => {
            let port = u.port.map(|p| format!(":{p}")).unwrap_or_default();
            let q = if u.has_query { "?…" } else { "" };
            format!("{}://{}{}{}{}", u.scheme, u.host, port, u.path, q)
        }
        None => "(unparsed URL)".into(),
    }
}

/// The pieces of a URL that matching needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    pub scheme: String,
    /// Lower case, without a trailing dot.
    pub host: String,
    pub port: Option<&'a str>,
    pub path: &'a str,
    pub query: &'a str,
    pub has_query: bool,
}

/// Parse `scheme://[userinfo@]host[:port][/path][?query][#frag]`. `None`
/// for anything else, including a host that is a variable (`${HOST}`).
pub fn parse_url(url: &str) -> Option<Url<'_>> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let after = &rest[end..];
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
            if p.chars().all(|c| c.is_ascii_digit()) {
                (h, Some(p).filter(|p| !p.is_empty()))
            } else {
                return None;
            }
        }
        _ => (hostport, None),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
    {
        return None;
    }
    let frag_at = after.find('#').unwrap_or(after.len());
    let before_frag = &after[..frag_at];
    let (path, query, has_query) = match before_frag.split_once('?') {
        Some((p, q)) => (p, q, true),
        None => (before_frag, "", false),
    };
    Some(Url {
        scheme: scheme.to_ascii_lowercase(),
        host,
        port,
        path,
        query,
        has_query,
    })
}

/// Whether a configured URL is at a catalogue endpoint (`https://host/path`
/// or `https://*.host/path`): same host (or one label under a `*.` host),
/// and the path is the pattern's path or below it on a `/` boundary.
/// Scheme and port are not compared (insecure-transport judges those).
pub fn url_matches(pattern: &str, url: &Url<'_>) -> bool {
    let pattern = pattern.replace("://*.", "://wildcard-label.");
    let Some(p) = parse_url(&pattern) else {
        return false;
    };
    let host_ok = match p.host.strip_prefix("wildcard-label.") {
        Some(parent) => url
            .host
            .strip_suffix(parent)
            .and_then(|h| h.strip_suffix('.'))
            .is_some_and(|label| !label.is_empty() && !label.contains('.')),
        None => p.host == url.host,
    };
    if !host_ok {
        return false;
    }
    let want = p.path.trim_end_matches('/');
    let have = url.path.trim_end_matches('/');
    want.is_empty()
        || have.eq_ignore_ascii_case(want)
        || (have.len() > want.len()
            && have[..want.len()].eq_ignore_ascii_case(want)
            && have.as_bytes()[want.len()] == b'/')
}

/// The catalogue entry for what a server runs, or a name hint, or unknown.
pub fn identify(server: &ServerEntry, text: &str) -> Identity {
    identify_runs(&server.name, &runs(server, text))
}

/// [`identify`] from an already computed [`Runs`].
pub fn identify_runs(server_name: &str, runs: &Runs) -> Identity {
    if let Some((entry, evidence)) = lookup(runs) {
        return Identity::Known { entry, evidence };
    }
    let hint = server_name.trim().to_ascii_lowercase().replace('_', "-");
    if hint.len() >= 2 {
        if let Some(entry) = super::by_id(&hint) {
            return Identity::NameHint { entry };
        }
    }
    Identity::Unknown
}

fn lookup(runs: &Runs) -> Option<(&'static Entry, Evidence)> {
    match runs {
        Runs::Package {
            ecosystem, name, ..
        } => {
            let (needle, field): (String, fn(&Entry) -> &Vec<String>) = match *ecosystem {
                "npm" => (name.to_ascii_lowercase(), |e| &e.npm),
                "pypi" => (normalize_pypi(name), |e| &e.pypi),
                "nuget" => (name.to_ascii_lowercase(), |e| &e.nuget),
                "cargo" => (name.to_ascii_lowercase(), |e| &e.cargo),
                "go" => {
                    let n = name.to_ascii_lowercase();
                    let under = |m: &String| {
                        n == *m || (n.starts_with(m.as_str()) && n[m.len()..].starts_with('/'))
                    };
                    // The entry names a module; the launch may name a
                    // package below it: search by each leading path.
                    let segs: Vec<&str> = n.split('/').collect();
                    return (2..=segs.len()).rev().find_map(|k| {
                        candidates(&segs[..k].join("/"))
                            .find(|e| e.go.iter().any(under))
                            .map(|e| (e, Evidence::Package))
                    });
                }
                _ => return None,
            };
            candidates(&needle)
                .find(|e| field(e).contains(&needle))
                .map(|e| (e, Evidence::Package))
        }
        Runs::Image { name, .. } => {
            let n = normalize_image(name);
            candidates(&n)
                .find(|e| e.oci.contains(&n))
                .map(|e| (e, Evidence::Image))
        }
        Runs::Remote { url } => remote_entry(url).map(|e| (e, Evidence::Remote)),
        Runs::Bridge { url, .. } => remote_entry(url).map(|e| (e, Evidence::Bridge)),
        Runs::Command { program } => {
            let p = program.to_ascii_lowercase();
            if p.contains(' ') {
                return None;
            }
            candidates(&p)
                .find(|e| e.binaries.contains(&p))
                .map(|e| (e, Evidence::Binary))
        }
        Runs::Nothing => None,
    }
}

fn remote_entry(url: &str) -> Option<&'static Entry> {
    let u = parse_url(url)?;
    // Candidate files: those naming the host or one of its parents (for a
    // `*.parent` pattern).
    let labels: Vec<&str> = u.host.split('.').collect();
    let needles: Vec<String> = (0..labels.len().saturating_sub(1))
        .map(|i| labels[i..].join("."))
        .collect();
    for n in &needles {
        if let Some(e) = candidates(n).find(|e| e.remotes.iter().any(|p| url_matches(p, &u))) {
            return Some(e);
        }
    }
    None
}

/// Whether a configured instance runs in its read-only mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyMode {
    /// The entry's every tool only reads.
    Always,
    /// A read-only switch is set (which one).
    On(String),
    /// A switch exists but this config does not set it (the first one).
    Off { offers: String },
    /// The entry knows no read-only switch.
    NotOffered,
}

impl ReadOnlyMode {
    pub fn as_str(&self) -> &'static str {
        match self {
            ReadOnlyMode::Always => "always",
            ReadOnlyMode::On(_) => "on",
            ReadOnlyMode::Off { .. } => "off",
            ReadOnlyMode::NotOffered => "not-offered",
        }
    }
}

fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

fn value_is(want: &str, have: &str) -> bool {
    if truthy(want) {
        truthy(have)
    } else {
        want.eq_ignore_ascii_case(have.trim())
    }
}

/// Judge the read-only mode of `server` against its entry. Values that are
/// references (`${env:X}`) are unknown and never count as set.
pub fn read_only_mode(entry: &Entry, server: &ServerEntry, text: &str) -> ReadOnlyMode {
    if entry.has(Scope::ReadOnly) && !entry.has(Scope::ReadWrite) {
        return ReadOnlyMode::Always;
    }
    let sw = &entry.read_only;
    if sw.is_empty() {
        return ReadOnlyMode::NotOffered;
    }
    let mut args: Vec<String> = server.args.iter().map(|a| a.value.clone()).collect();
    let mut env: Vec<(String, String)> = server
        .env
        .iter()
        .map(|kv| (kv.key.clone(), kv.value.value.clone()))
        .collect();
    packages::for_each_launch(server, text, &mut |l| {
        args.extend(l.server_args.iter().map(|a| a.value.clone()));
        if let Some(c) = &l.container {
            for e in &c.env {
                if let Some((k, v)) = e.value.split_once('=') {
                    env.push((k.to_string(), v.to_string()));
                }
            }
        }
    });
    for flag in &sw.flags {
        let set = args.iter().any(|a| {
            a == flag
                || a.strip_prefix(flag.as_str())
                    .and_then(|r| r.strip_prefix('='))
                    .is_some_and(truthy)
        });
        if set {
            return ReadOnlyMode::On(flag.clone());
        }
    }
    for setting in &sw.env {
        let Some((name, want)) = setting.split_once('=') else {
            continue;
        };
        let set = env.iter().any(|(k, v)| {
            k == name && env_ref(v).is_none() && !v.contains("${") && value_is(want, v)
        });
        if set {
            return ReadOnlyMode::On(setting.clone());
        }
    }
    if let Some(url) = server.url.as_ref().and_then(|u| parse_url(&u.value)) {
        for q in &sw.url_query {
            let Some((name, want)) = q.split_once('=') else {
                continue;
            };
            let set = url.query.split('&').any(|pair| {
                pair.split_once('=')
                    .is_some_and(|(k, v)| k == name && value_is(want, v))
            });
            if set {
                return ReadOnlyMode::On(q.clone());
            }
        }
        for p in &sw.urls {
            if url_matches(p, &url) {
                return ReadOnlyMode::On(p.clone());
            }
        }
        for suffix in &sw.path_suffix {
            let path = url.path.trim_end_matches('/').to_ascii_lowercase();
            if path.ends_with(suffix.as_str()) {
                return ReadOnlyMode::On(suffix.clone());
            }
        }
        for h in &sw.headers {
            let Some((name, want)) = h.split_once(':') else {
                continue;
            };
            let set = server.headers.iter().any(|kv| {
                kv.key.eq_ignore_ascii_case(name.trim()) && value_is(want.trim(), &kv.value.value)
            });
            if set {
                return ReadOnlyMode::On(h.clone());
            }
        }
    }
    let offers = sw
        .flags
        .first()
        .or(sw.env.first())
        .or(sw.url_query.first())
        .or(sw.urls.first())
        .or(sw.path_suffix.first())
        .or(sw.headers.first())
        .cloned()
        .unwrap_or_default();
    ReadOnlyMode::Off { offers }
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
