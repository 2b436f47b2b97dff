//! The client-agnostic model: a parsed config file and its server entries,
//! extracted through the client's dialect from `known-clients/`. One
//! malformed server never hides its siblings: shape problems are recorded as
//! [`Problem`]s (reported by the `invalid-config` rule) and extraction goes on.

use crate::clients::{self, Format, Kind};
use crate::parse::{self, Node, Parsed, Span};
use crate::source::Source;

/// A string value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Str {
    pub value: String,
    pub span: Span,
    pub pointer: String,
}

/// A `key: "value"` pair (env, headers).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    pub key: String,
    pub key_span: Span,
    pub value: Str,
}

/// How the server is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Stdio,
    Remote,
    /// Neither a command nor a URL (reported by `invalid-config`).
    Unknown,
}

/// One server entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerEntry {
    pub name: String,
    pub name_span: Span,
    /// Pointer of the entry object.
    pub pointer: String,
    /// Span of the entry object.
    pub span: Span,
    /// Child indices from the root to the entry node, for O(depth) access
    /// through [`ConfigFile::server_node`].
    pub path: Vec<usize>,
    pub transport: Transport,
    /// The `type` field, if any.
    pub kind: Option<Str>,
    pub command: Option<Str>,
    /// Arguments; when the command was written as one string, the split
    /// words, each pointing into the command string.
    pub args: Vec<Str>,
    /// The command was one string holding several words (`"npx -y pkg"`).
    pub command_was_split: bool,
    pub env: Vec<KeyValue>,
    pub cwd: Option<Str>,
    pub url: Option<Str>,
    pub headers: Vec<KeyValue>,
    /// The client's own switch turns the entry off (`disabled: true` in
    /// Cline, `enabled = false` in Codex, ...: `disabled_key` and
    /// `enabled_key` in `known-clients/`): the client does not start it.
    pub disabled: bool,
}

impl ServerEntry {
    /// The command's program name without directory or `.exe`/`.cmd`
    /// suffix, lower-cased (`/usr/bin/npx` → `npx`, `NPX.CMD` → `npx`).
    pub fn program(&self) -> Option<String> {
        self.command.as_ref().map(|c| program_name(&c.value))
    }
}

/// `/usr/local/bin/npx.cmd` → `npx`.
pub fn program_name(command: &str) -> String {
    let base = command.rsplit(['/', '\\']).next().unwrap_or(command);
    let lower = base.to_ascii_lowercase();
    for ext in [".exe", ".cmd", ".bat", ".ps1"] {
        if let Some(s) = lower.strip_suffix(ext) {
            return s.to_string();
        }
    }
    lower
}

/// A shape problem found while building the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Span,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
    pub server: Option<String>,
    pub severity: crate::finding::Severity,
}

/// How the file's client was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    Path,
    Content,
    Forced,
}

/// A parsed config file with its servers.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub source: Source,
    pub kind: Kind,
    pub kind_source: KindSource,
    pub parsed: Parsed,
    pub servers: Vec<ServerEntry>,
    pub problems: Vec<Problem>,
}

impl ConfigFile {
    pub fn root(&self) -> Option<&Node> {
        self.parsed.root.as_ref()
    }

    /// The entry object of a server.
    pub fn server_node(&self, server: &ServerEntry) -> Option<&Node> {
        let mut n = self.root()?;
        for &i in &server.path {
            n = match &n.kind {
                parse::Kind::Object(m) => &m.get(i)?.value,
                parse::Kind::Array(a) => a.get(i)?,
                _ => return None,
            };
        }
        Some(n)
    }

    pub fn client_id(&self) -> &'static str {
        &self.kind.client.id
    }
}

/// Parse a source as the given format.
pub fn parse_source(source: &Source, format: Format) -> Parsed {
    match format {
        Format::Toml => parse::parse_toml(&source.text),
        Format::Json | Format::Jsonc => parse::parse_json(&source.text),
    }
}

/// Format guess from the file name, for files whose client is unknown.
pub fn format_for_path(path: &std::path::Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Format::Toml,
        Some("jsonc") => Format::Jsonc,
        _ => Format::Json,
    }
}

/// Decide the client, parse, and extract servers. `forced` comes from
/// `--client`; otherwise the path decides, then the content.
pub fn build(
    source: Source,
    exact: Option<Kind>,
    forced: Option<&'static clients::Client>,
    scope_hint: Option<clients::Scope>,
) -> ConfigFile {
    let by_path = exact.or_else(|| clients::kind_for_path(&source.path));
    let (kind, kind_source, parsed) = match (forced, by_path) {
        (Some(client), by_path) => {
            // Prefer the file spec of the forced client that matches the path,
            // else the first spec of the right scope, else its first spec.
            let file = by_path
                .filter(|k| std::ptr::eq(k.client, client))
                .map(|k| k.file)
                .or_else(|| scope_hint.and_then(|s| client.files.iter().find(|f| f.scope == s)))
                .unwrap_or(&client.files[0]);
            let parsed = parse_source(&source, file.format);
            (Kind { client, file }, KindSource::Forced, parsed)
        }
        (None, Some(kind)) => {
            let parsed = parse_source(&source, kind.file.format);
            (kind, KindSource::Path, parsed)
        }
        (None, None) => {
            let format = format_for_path(&source.path);
            let parsed = parse_source(&source, format);
            let kind = parsed
                .root
                .as_ref()
                .and_then(|r| clients::kind_for_content(r, format))
                .unwrap_or_else(|| generic_kind(format));
            (kind, KindSource::Content, parsed)
        }
    };
    let mut file = ConfigFile {
        source,
        kind,
        kind_source,
        parsed,
        servers: Vec::new(),
        problems: Vec::new(),
    };
    extract(&mut file);
    file
}

fn generic_kind(format: Format) -> Kind {
    let want = if format == Format::Toml {
        "codex"
    } else {
        "generic"
    };
    let client = clients::by_id(want).unwrap_or(&clients::all()[0]);
    Kind {
        client,
        file: &client.files[0],
    }
}

fn extract(file: &mut ConfigFile) {
    let Some(root) = file.parsed.root.as_ref() else {
        return;
    };
    let spec = file.kind.file;
    let mut problems = Vec::new();
    let mut servers = Vec::new();
    if !matches!(root.kind, parse::Kind::Object(_)) {
        problems.push(Problem {
            span: root.span.clone(),
            pointer: String::new(),
            message: format!(
                "the file holds {}, but {} expects an object at the top level",
                root.type_name(),
                file.kind.client.name
            ),
            help: None,
            server: None,
            severity: crate::finding::Severity::High,
        });
    }
    let tokens_of =
        |p: &'static str| -> Vec<&'static str> { p.split('/').filter(|t| !t.is_empty()).collect() };
    let mut patterns: Vec<&'static str> = spec.servers.iter().map(String::as_str).collect();
    if spec.servers_or_root
        && patterns.iter().all(|p| {
            let mut found = Vec::new();
            find_maps(root, &tokens_of(p), &mut Vec::new(), &mut found);
            found.is_empty()
        })
    {
        patterns = vec![""];
    }
    for pattern in patterns {
        // "" (or "/") names the root: a file that is a bare server map.
        let tokens = tokens_of(pattern);
        let mut maps = Vec::new();
        find_maps(root, &tokens, &mut Vec::new(), &mut maps);
        for (map, path) in maps {
            match &map.kind {
                parse::Kind::Object(members) => {
                    for (i, m) in members.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(i);
                        if let Some(s) = server_entry(m, p, spec, &mut problems) {
                            servers.push(s);
                        }
                    }
                }
                _ => problems.push(Problem {
                    span: map.span.clone(),
                    pointer: map.pointer.clone(),
                    message: format!("`{}` must be an object mapping server names to server entries, but it is {}", last_token(&map.pointer), map.type_name()),
                    help: Some("write { \"server-name\": { \"command\": \"...\", \"args\": [...] } }".into()),
                    server: None,
                    severity: crate::finding::Severity::High,
                }),
            }
        }
    }
    file.servers = servers;
    file.problems = problems;
}

fn last_token(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Resolve a pointer pattern with `*` wildcards to the nodes it names,
/// keeping the child-index path of each.
fn find_maps<'a>(
    node: &'a Node,
    tokens: &[&str],
    path: &mut Vec<usize>,
    out: &mut Vec<(&'a Node, Vec<usize>)>,
) {
    let Some((first, rest)) = tokens.split_first() else {
        out.push((node, path.clone()));
        return;
    };
    let Some(members) = node.as_object() else {
        return;
    };
    for (i, m) in members.iter().enumerate() {
        if *first == "*" || m.key == *first {
            // With duplicate keys only the last one counts, as in the client.
            if *first != "*" && members[i + 1..].iter().any(|later| later.key == m.key) {
                continue;
            }
            path.push(i);
            find_maps(&m.value, rest, path, out);
            path.pop();
        }
    }
}

fn problem(node: &Node, server: &str, message: String) -> Problem {
    Problem {
        span: node.span.clone(),
        pointer: node.pointer.clone(),
        message,
        help: None,
        server: Some(server.to_string()),
        severity: crate::finding::Severity::Medium,
    }
}

fn str_of(node: &Node) -> Option<Str> {
    node.as_str().map(|s| Str {
        value: s.to_string(),
        span: node.span.clone(),
        pointer: node.pointer.clone(),
    })
}

fn first_key<'a>(node: &'a Node, keys: &[String]) -> Option<&'a Node> {
    keys.iter().find_map(|k| node.get(k))
}

fn server_entry(
    member: &parse::Member,
    path: Vec<usize>,
    spec: &clients::FileSpec,
    problems: &mut Vec<Problem>,
) -> Option<ServerEntry> {
    let name = member.key.clone();
    let entry = &member.value;
    if entry.as_object().is_none() {
        problems.push(Problem {
            span: entry.span.clone(),
            pointer: entry.pointer.clone(),
            message: format!(
                "server `{}` must be an object, but it is {}",
                crate::mask::short_key(&name),
                entry.type_name()
            ),
            help: None,
            server: Some(name),
            severity: crate::finding::Severity::High,
        });
        return None;
    }
    // Cline CLI writes a nested `transport` object holding the launch fields.
    let fields = entry
        .get("transport")
        .filter(|t| t.as_object().is_some())
        .unwrap_or(entry);

    let mut s = ServerEntry {
        name: name.clone(),
        name_span: member.key_span.clone(),
        pointer: entry.pointer.clone(),
        span: entry.span.clone(),
        path,
        transport: Transport::Unknown,
        kind: fields.get("type").and_then(str_of),
        command: None,
        args: Vec::new(),
        command_was_split: false,
        env: Vec::new(),
        cwd: fields.get("cwd").and_then(str_of),
        url: None,
        headers: Vec::new(),
        disabled: is_switched_off(entry, spec),
    };

    check_scalar_types(entry, fields, spec, &name, problems);
    // Zed before the flat form: `"command": {"path", "args", "env"}`.
    let nested = first_key(fields, &spec.command_keys).filter(|c| c.as_object().is_some());
    let launch = nested.unwrap_or(fields);
    let command_node = match nested {
        Some(n) => n.get("path"),
        None => first_key(fields, &spec.command_keys),
    };
    if let Some(cmd) = command_node {
        read_command(cmd, spec, &name, &mut s, problems);
    }
    if let Some(args) = first_key(launch, &spec.args_keys) {
        read_args(args, &name, &mut s, problems);
    }
    s.env = key_values(launch, &spec.env_keys, &name, problems);
    s.headers = key_values(fields, &spec.headers_keys, &name, problems);
    if let Some(url) = first_key(fields, &spec.url_keys) {
        match str_of(url) {
            Some(u) => s.url = Some(u),
            None => problems.push(problem(
                url,
                &name,
                format!("the URL must be a string, but it is {}", url.type_name()),
            )),
        }
    }
    if let Some(cwd) = fields.get("cwd") {
        if cwd.as_str().is_none() {
            problems.push(problem(
                cwd,
                &name,
                format!("`cwd` must be a string, but it is {}", cwd.type_name()),
            ));
        }
    }
    s.transport = if s.url.is_some() {
        Transport::Remote
    } else if s.command.is_some() {
        Transport::Stdio
    } else {
        Transport::Unknown
    };
    Some(s)
}

/// The command field: a string (split when it is a command line), or an argv
/// array (opencode); anything else is a shape problem.
fn read_command(
    cmd: &Node,
    spec: &clients::FileSpec,
    name: &str,
    s: &mut ServerEntry,
    problems: &mut Vec<Problem>,
) {
    match &cmd.kind {
        // A switched-off placeholder entry is not started, so an empty
        // command breaks nothing.
        parse::Kind::String(text) if text.trim().is_empty() && s.disabled => {}
        parse::Kind::String(text) if text.trim().is_empty() => {
            let mut p = problem(cmd, name, "`command` is empty".into());
            p.help = Some("write the program to run, e.g. \"command\": \"npx\"".into());
            problems.push(p);
        }
        parse::Kind::String(text) => {
            s.command = str_of(cmd);
            if (text.trim() != text.as_str() || text.split_whitespace().count() > 1)
                && !is_single_program_path(text)
            {
                split_command(cmd, text, s);
            }
        }
        // opencode: the command is an argv array. A client that has an
        // `args` key wants a string command.
        parse::Kind::Array(items) => {
            let has_args_key = spec
                .server_keys
                .as_ref()
                .is_some_and(|k| spec.args_keys.iter().any(|a| k.contains(a)));
            if has_args_key {
                let mut p = problem(
                    cmd,
                    name,
                    "`command` must be a string, but it is an array".into(),
                );
                p.help =
                    Some("write the program in \"command\" and its arguments in \"args\"".into());
                problems.push(p);
            }
            let mut it = items.iter();
            if let Some(first) = it.next() {
                s.command = str_of(first);
            }
            for a in it {
                match str_of(a) {
                    Some(v) => s.args.push(v),
                    None => problems.push(problem(
                        a,
                        name,
                        format!(
                            "command arguments must be strings, but this is {}",
                            a.type_name()
                        ),
                    )),
                }
            }
            if items.iter().any(|i| i.as_str().is_none()) && s.command.is_none() {
                problems.push(problem(
                    cmd,
                    name,
                    "the command array must start with a string".into(),
                ));
            }
        }
        _ => problems.push(problem(
            cmd,
            name,
            format!("`command` must be a string, but it is {}", cmd.type_name()),
        )),
    }
}

/// The args field: an array of strings.
fn read_args(args: &Node, name: &str, s: &mut ServerEntry, problems: &mut Vec<Problem>) {
    match args.as_array() {
        Some(items) => {
            for a in items {
                match str_of(a) {
                    Some(v) => s.args.push(v),
                    None => problems.push(problem(
                        a,
                        name,
                        format!(
                            "every element of `args` must be a string, but this one is {}",
                            a.type_name()
                        ),
                    )),
                }
            }
        }
        None => {
            let mut p = problem(
                args,
                name,
                format!(
                    "`args` must be an array of strings, but it is {}",
                    args.type_name()
                ),
            );
            p.help = Some("write \"args\": [\"--flag\", \"value\"]".into());
            problems.push(p);
        }
    }
}

/// Whether the client's own switch turns the entry off (`disabled: true`,
/// `enabled = false`), by the keys `known-clients/` says the client reads.
fn is_switched_off(entry: &Node, spec: &clients::FileSpec) -> bool {
    let flag = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| entry.get(k))
            .and_then(Node::as_bool)
    };
    flag(&spec.disabled_key) == Some(true) || flag(&spec.enabled_key) == Some(false)
}

/// Type checks of the scalar fields the model reads: `type` must be a
/// string, the client's on/off switch a boolean (a quoted `"false"` is
/// truthy in JavaScript clients, so the server stays on or off against
/// intent).
fn check_scalar_types(
    entry: &Node,
    fields: &Node,
    spec: &clients::FileSpec,
    name: &str,
    problems: &mut Vec<Problem>,
) {
    if let Some(t) = fields.get("type") {
        if t.as_str().is_none() {
            problems.push(problem(
                t,
                name,
                format!("`type` must be a string, but it is {}", t.type_name()),
            ));
        }
    }
    for key in [&spec.disabled_key, &spec.enabled_key]
        .into_iter()
        .flatten()
    {
        if let Some(v) = entry.get(key) {
            if v.as_bool().is_none() {
                let mut p = problem(
                    v,
                    name,
                    format!("`{key}` must be true or false, but it is {}", v.type_name()),
                );
                let word = v.as_str().map(|t| t.trim().to_ascii_lowercase());
                if let Some(word @ ("true" | "false")) = word.as_deref() {
                    p.help = Some(format!("write \"{key}\": {word} without quotes"));
                }
                problems.push(p);
            }
        }
    }
}

/// A command that is one program path with spaces in it (`C:\\Program
/// Files\\nodejs\\npx.cmd`, `/Applications/My App.app/...`), not a command
/// line: absolute, ends in an executable extension or an app bundle path, and
/// holds no option-looking word.
fn is_single_program_path(text: &str) -> bool {
    let t = text.trim();
    let b = t.as_bytes();
    let absolute = t.starts_with('/')
        || t.starts_with("\\\\")
        || (b.len() > 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/'));
    if !absolute || t.split_whitespace().any(|w| w.starts_with('-')) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    [".exe", ".cmd", ".bat", ".com", ".ps1"]
        .iter()
        .any(|e| lower.ends_with(e))
        || lower.contains(".app/contents/macos/")
}

/// Split a one-string command into program and words. Word spans point into
/// the string literal when it holds no escapes, else at the whole literal.
fn split_command(node: &Node, text: &str, s: &mut ServerEntry) {
    let words = crate::shellwords::split(text);
    if words.is_empty() {
        return;
    }
    // Offset of the string's contents in the source: after the opening quote.
    let inner = node.span.start + 1;
    let raw_len = node.span.len().saturating_sub(2);
    let exact = raw_len == text.len();
    let mut out = words.into_iter().map(|(w, range)| Str {
        value: w,
        span: if exact {
            inner + range.start..inner + range.end
        } else {
            node.span.clone()
        },
        pointer: node.pointer.clone(),
    });
    s.command = out.next();
    let mut rest: Vec<Str> = out.collect();
    rest.append(&mut s.args);
    s.args = rest;
    s.command_was_split = true;
}

fn key_values(
    fields: &Node,
    keys: &[String],
    server: &str,
    problems: &mut Vec<Problem>,
) -> Vec<KeyValue> {
    let Some((what, node)) = keys
        .iter()
        .find_map(|k| fields.get(k).map(|n| (k.as_str(), n)))
    else {
        return Vec::new();
    };
    let Some(members) = node.as_object() else {
        problems.push(problem(
            node,
            server,
            format!(
                "`{what}` must be an object of strings, but it is {}",
                node.type_name()
            ),
        ));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        match str_of(&m.value) {
            Some(v) => out.push(KeyValue {
                key: m.key.clone(),
                key_span: m.key_span.clone(),
                value: v,
            }),
            None => problems.push(problem(
                &m.value,
                server,
                format!(
                    "`{what}` values must be strings, but `{}` is {}",
                    crate::mask::short_key(&m.key),
                    m.value.type_name()
                ),
            )),
        }
    }
    out
}

#[cfg(test)]
mod program_path_tests {
    use super::*;

    #[test]
    fn program_paths_with_spaces_are_not_split() {
        assert!(is_single_program_path(r"C:\Program Files\nodejs\npx.cmd"));
        assert!(is_single_program_path("C:/Program Files/Docker/docker.exe"));
        assert!(is_single_program_path(
            "/Applications/My Server.app/Contents/MacOS/my-server"
        ));
        assert!(!is_single_program_path("npx -y pkg"));
        assert!(!is_single_program_path(
            r"C:\Program Files\nodejs\npx.cmd -y pkg"
        ));
        assert!(!is_single_program_path("/usr/bin/node server.js"));
    }

    #[test]
    fn one_string_command_with_program_path_keeps_the_path() {
        let text = r#"{"mcpServers": {"fs": {"command": "C:\\Program Files\\nodejs\\npx.cmd", "args": ["-y", "pkg@1.0.0"]}}}"#;
        let f = build(
            Source::from_text("claude_desktop_config.json", text),
            None,
            None,
            None,
        );
        let s = &f.servers[0];
        assert_eq!(
            s.command.as_ref().unwrap().value,
            r"C:\Program Files\nodejs\npx.cmd"
        );
        assert_eq!(s.program().as_deref(), Some("npx"));
        assert_eq!(s.args.len(), 2);
    }
}

#[cfg(test)]
mod disabled_tests {
    use super::*;
    use crate::finding::{Finding, Severity};
    use crate::rules::{check_file, Context};

    fn token() -> String {
        let p = crate::secrets::PROVIDERS
            .iter()
            .find(|p| p.id == "github-pat")
            .unwrap();
        crate::secrets::corpus::sample(p, &mut crate::secrets::corpus::Rng::new(7))
    }

    fn scan(path: &str, text: &str) -> (ConfigFile, Vec<Finding>) {
        let file = build(Source::from_text(path, text), None, None, None);
        let out = check_file(&Context::default(), &file);
        (file, out)
    }

    /// One entry per client whose switch `known-clients/` records, switched
    /// off in the client's own spelling.
    fn switched_off_entries(tok: &str) -> Vec<(&'static str, String)> {
        let json = |off: &str| {
            format!(
                r#"{{"mcpServers": {{"gh": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"], "env": {{"GITHUB_TOKEN": "{tok}"}}, "autoApprove": ["write_file"], {off}}}}}}}"#
            )
        };
        vec![
            ("/h/.cline/data/settings/cline_mcp_settings.json", json(r#""disabled": true"#)),
            ("/r/.roo/mcp.json", json(r#""disabled": true"#)),
            ("/r/.kiro/settings/mcp.json", json(r#""disabled": true"#)),
            ("/r/.amazonq/mcp.json", json(r#""disabled": true"#)),
            ("/h/.codeium/windsurf/mcp_config.json", json(r#""disabled": true"#)),
            ("/r/servers.json", json(r#""disabled": true"#)),
            (
                "/r/.codex/config.toml",
                format!("[mcp_servers.gh]\ncommand = \"npx\"\nargs = [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/\"]\nenabled = false\nenv = {{ GITHUB_TOKEN = \"{tok}\" }}\n"),
            ),
            (
                "/r/opencode.json",
                format!(r#"{{"mcp": {{"gh": {{"type": "local", "command": ["npx", "-y", "@modelcontextprotocol/server-filesystem", "/"], "environment": {{"GITHUB_TOKEN": "{tok}"}}, "enabled": false}}}}}}"#),
            ),
            (
                "/r/.zed/settings.json",
                format!(r#"{{"context_servers": {{"gh": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"], "env": {{"GITHUB_TOKEN": "{tok}"}}, "enabled": false}}}}}}"#),
            ),
        ]
    }

    #[test]
    fn switched_off_servers_keep_secrets_and_lower_the_rest() {
        let tok = token();
        for (path, text) in switched_off_entries(&tok) {
            let (file, out) = scan(path, &text);
            assert!(file.servers[0].disabled, "{path}");
            let secret = out
                .iter()
                .find(|f| f.rule == "hardcoded-secret")
                .unwrap_or_else(|| panic!("{path}: {out:#?}"));
            assert!(secret.severity >= Severity::High, "{path}");
            assert!(secret.message.ends_with("(server is disabled)"), "{path}");
            let fs = out
                .iter()
                .find(|f| f.rule == "broad-filesystem-access")
                .unwrap_or_else(|| panic!("{path}: {out:#?}"));
            assert_eq!(fs.severity, Severity::Low, "{path}");
            assert!(fs.message.ends_with("(server is disabled)"), "{path}");
            assert!(
                !out.iter().any(|f| f.rule == "unpinned-package"),
                "{path}: {out:#?}"
            );
            for f in &out {
                assert!(f.message.ends_with("(server is disabled)"), "{path}: {f:?}");
                if f.rule != "hardcoded-secret" {
                    assert_eq!(f.severity, Severity::Low, "{path}: {f:?}");
                }
            }
        }
    }

    #[test]
    fn the_same_entries_switched_on_are_full_severity() {
        let tok = token();
        for (path, text) in switched_off_entries(&tok) {
            let on = text
                .replace(r#""disabled": true"#, r#""disabled": false"#)
                .replace("enabled = false", "enabled = true")
                .replace(r#""enabled": false"#, r#""enabled": true"#);
            let (file, out) = scan(path, &on);
            assert!(!file.servers[0].disabled, "{path}");
            assert!(out.iter().any(|f| f.rule == "unpinned-package"), "{path}");
            let fs = out
                .iter()
                .find(|f| f.rule == "broad-filesystem-access")
                .unwrap();
            assert_eq!(fs.severity, Severity::Critical, "{path}");
            assert!(
                !out.iter().any(|f| f.message.contains("disabled")),
                "{path}"
            );
        }
    }

    #[test]
    fn only_the_clients_own_switch_counts() {
        // Codex reads `enabled`, not `disabled`; Cline reads `disabled`.
        let codex = "[mcp_servers.a]\ncommand = \"x\"\ndisabled = true\n";
        assert!(!scan("/r/.codex/config.toml", codex).0.servers[0].disabled);
        let cline = r#"{"mcpServers": {"a": {"command": "x", "enabled": false}}}"#;
        let p = "/h/.cline/data/settings/cline_mcp_settings.json";
        assert!(!scan(p, cline).0.servers[0].disabled);
        // Claude Desktop has no switch at all.
        let cd = r#"{"mcpServers": {"a": {"command": "x", "disabled": true}}}"#;
        assert!(!scan("claude_desktop_config.json", cd).0.servers[0].disabled);
    }

    #[test]
    fn an_empty_command_of_a_disabled_placeholder_is_not_an_error() {
        let text = r#"{"mcpServers": {"later": {"command": "", "disabled": true}, "now": {"command": ""}}}"#;
        let (_, out) = scan("/r/.roo/mcp.json", text);
        let empty: Vec<&str> = out
            .iter()
            .filter(|f| f.message.contains("is empty"))
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(empty, ["/mcpServers/now/command"]);
    }

    #[test]
    fn a_switch_the_client_ignores_is_reported() {
        let text = r#"{"mcpServers": {"a": {"command": "npx", "args": ["-y", "x@1.0.0"], "disabled": true}}}"#;
        for path in ["/r/.cursor/mcp.json", "/h/.copilot/mcp-config.json"] {
            let (file, out) = scan(path, text);
            assert!(!file.servers[0].disabled, "{path}");
            let f = out
                .iter()
                .find(|f| f.pointer == "/mcpServers/a/disabled")
                .unwrap_or_else(|| panic!("{path}: {out:#?}"));
            assert_eq!((f.rule, f.severity), ("invalid-config", Severity::Medium));
            assert!(
                f.message.contains("ignores the key and starts it"),
                "{}",
                f.message
            );
        }
        // A client that obeys it: no such finding.
        let (_, out) = scan("/r/.roo/mcp.json", text);
        assert!(!out.iter().any(|f| f.label == "ignored switch"));
    }
}
