//! `hardcoded-secret`: a credential written into a server entry. Every string
//! of every entry is scanned (env values, args with their flags, docker
//! `-e NAME=VALUE`, headers, URLs, cwd, client-specific places such as Zed
//! `settings` or Codex `http_headers` and `bearer_token`), and key names for
//! provider formats. The detection knowledge lives in [`crate::secrets`].

use crate::clients::Scope;
use crate::finding::{Finding, Severity};
use crate::mask::short_key;
use crate::model::{ConfigFile, ServerEntry};
use crate::parse::{self, Node, Span};
use crate::rules::options::{self, OptionDoc, OptionError, RuleTable};
use crate::rules::{Context, Rule, RuleMeta};
use crate::secrets::{self, Hit, NameClass};

/// The rule, with its options compiled.
pub struct HardcodedSecret {
    /// `extra-patterns`: (name shown in messages, compiled pattern).
    extra: Vec<(String, regex::Regex)>,
    /// `allow-sha256`: lower-case hex digests.
    allow_sha256: Vec<String>,
    allow_regex: Vec<regex::Regex>,
    /// `ignore-env`: exact names.
    ignore_env: Vec<String>,
}

impl HardcodedSecret {
    /// The rule with the built-in catalog only.
    pub const DEFAULT: HardcodedSecret = HardcodedSecret {
        extra: Vec::new(),
        allow_sha256: Vec::new(),
        allow_regex: Vec::new(),
        ignore_env: Vec::new(),
    };

    /// Whether a value is allowlisted (by regex or by hash).
    fn allowed(&self, value: &str) -> bool {
        self.allow_regex.iter().any(|r| r.is_match(value))
            || (!self.allow_sha256.is_empty()
                && self
                    .allow_sha256
                    .contains(&crate::fingerprint::sha256_hex(value)))
    }
}

const OPTIONS: &[OptionDoc] = &[
    OptionDoc {
        name: "extra-patterns",
        ty: "array of `{ name, regex }`",
        meaning: "extra secret formats, matched in env, arg, header and URL values besides the built-in catalog; `name` appears in messages",
    },
    OptionDoc {
        name: "allow-sha256",
        ty: "array of 64-hex strings (optional `sha256:` prefix)",
        meaning: "values that are not secrets, by the SHA-256 of the secret or of the whole string (`printf %s 'VALUE' | sha256sum`), so the value itself is never written down",
    },
    OptionDoc {
        name: "allow-regex",
        ty: "array of regexes",
        meaning: "values that are not secrets: a secret, or the whole string holding it, that matches one is not reported",
    },
    OptionDoc {
        name: "ignore-env",
        ty: "array of names",
        meaning: "variables whose values are never reported (exact, case-sensitive): `env` entries, docker `-e NAME=VALUE` and `NAME=VALUE` arguments",
    },
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    extra_patterns: Option<Vec<Pattern>>,
    allow_sha256: Option<Vec<toml::Spanned<String>>>,
    allow_regex: Option<Vec<toml::Spanned<String>>>,
    ignore_env: Option<Vec<String>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Pattern {
    name: String,
    regex: toml::Spanned<String>,
}

fn digest(h: &toml::Spanned<String>) -> Result<String, OptionError> {
    let v = h.get_ref().trim().to_ascii_lowercase();
    let v = v.strip_prefix("sha256:").unwrap_or(&v).to_string();
    if v.len() != 64 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(OptionError::at(
            h,
            "not a SHA-256 digest: expected 64 hex digits",
            "bad digest",
        )
        .help("compute it with `printf %s 'VALUE' | sha256sum`"));
    }
    Ok(v)
}

static META: RuleMeta = RuleMeta {
    id: "hardcoded-secret",
    summary: "A credential (API key, token, password, private key) is written into an MCP config",
    default_severity: Severity::Critical,
    family: "secrets",
    precision: "high",
    docs: r#"## What it does

Finds credentials pasted into MCP server entries: `env` values, `args`
(`--api-key VALUE`, `--token=VALUE`, docker `-e NAME=VALUE`, the words of a
`bash -c` script), `headers` (`Authorization: Bearer ...`, `Basic <base64>`,
`X-API-Key`), URLs (`user:password@`, a token as the user name, `?api_key=`
query parameters), `Password=` in a `;`-separated connection string, `cwd`, and
client-specific places (Zed `settings`, Codex `env`, `http_headers` and
`bearer_token`). A value is reported when it has the format of a known
provider (GitHub, GitLab, OpenAI, Anthropic, AWS, Google, Azure, Slack,
Stripe, Hugging Face and about 80 more, with checksums where the provider
publishes one), when it looks random under a secret-sounding name
(`*_API_KEY`, `*_TOKEN`, `*SECRET*`, `*PASSWORD*`, `Authorization`,
`--api-key`), or when it is the password of a connection string.

Never reported: variable references in any client's syntax (`${env:NAME}`,
`${input:id}`, `${NAME}`, `$NAME`, `{env:NAME}`, `${{ secrets.NAME }}`), also
after a literal (`Bearer ${env:TOKEN}`); secret-manager references
(`op://...`, `keychain:`, `vault:`); keys public by design (a Stripe
publishable key `pk_live_...`, `NEXT_PUBLIC_*` and `*_PUBLIC` values, a
Sentry DSN, a Supabase `anon` key); placeholders (`YOUR_API_KEY_HERE`,
`<your-token>`, `[REDACTED]`, `sk-xxxx`, `changeme`); ordinary values.
A connection string to a local host (`localhost`, `127.0.0.1`, a compose
service such as `db`) with a well-known dev password (`postgres`,
`password`, the user name) is not reported; a local one with another password
is reported at medium severity.

Severity is critical in a project file (`.mcp.json`, `.vscode/mcp.json`,
`.cursor/mcp.json`: meant to be committed) and high in a user file.
Messages show the provider, at most the public prefix and the length
(`ghp_…, 40 chars`); every output masks the value.

## Why it matters

A key in a committed config is a key in the repository's history, in every
clone and fork, and in whatever indexes public code; automated scrapers find
and use leaked keys within minutes. A key in a user file is copied into
dotfile repositories, backups and screenshots.

## Example

```json
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…" }
    }
  }
}
```

## Use instead

Rotate the credential first: it has been exposed. Then reference it in the
syntax your client expands, e.g. for Claude Code:

```json
{ "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_PERSONAL_ACCESS_TOKEN}" } }
```

Cursor, Windsurf, Cline and Roo Code: `${env:NAME}`. VS Code: an `inputs`
entry with `"password": true` and `${input:id}`. Codex:
`bearer_token_env_var`, `env_http_headers` or `env_vars`. Claude Desktop
expands nothing: use a Desktop Extension (keychain storage) or wrap the
command with a secret manager such as `op run`.

## References

- GitHub, "Behind GitHub's new authentication token formats" (checksums).
- OWASP Secrets Management Cheat Sheet.
- Each client's variable syntax: `mcpward explain unexpanded-variable`.
"#,
    options: OPTIONS,
};

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn configure(&self, table: &RuleTable) -> Result<Box<dyn Rule>, OptionError> {
        let o: Options = table.deserialize()?;
        let mut rule = HardcodedSecret::DEFAULT;
        for p in o.extra_patterns.unwrap_or_default() {
            rule.extra.push((p.name, options::regex(&p.regex)?));
        }
        for h in o.allow_sha256.unwrap_or_default() {
            rule.allow_sha256.push(digest(&h)?);
        }
        for r in o.allow_regex.unwrap_or_default() {
            rule.allow_regex.push(options::regex(&r)?);
        }
        rule.ignore_env = o.ignore_env.unwrap_or_default();
        Ok(Box::new(rule))
    }

    /// A secret in the file is leaked whether or not the server starts.
    fn when_disabled(&self) -> crate::rules::WhenDisabled {
        crate::rules::WhenDisabled::Keep
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let base = if file.kind.scope() == Scope::Project {
            Severity::Critical
        } else {
            Severity::High
        };
        for server in &file.servers {
            let Some(node) = file.server_node(server) else {
                continue;
            };
            let mut w = Walker {
                rule: self,
                file,
                server,
                base,
                out,
                seen: Vec::new(),
            };
            w.node(node, None);
        }
    }
}

/// A string to scan and where its bytes are in the source.
struct Val<'a> {
    text: &'a str,
    /// Span of the whole string literal (or word).
    span: Span,
    pointer: &'a str,
    /// Source offset of `text[0]` when the literal holds no escapes.
    inner: Option<usize>,
}

impl Val<'_> {
    fn map(&self, r: &std::ops::Range<usize>) -> Span {
        match self.inner {
            Some(o) => o + r.start..o + r.end,
            None => self.span.clone(),
        }
    }
}

/// Source offset of a string node's contents, when they are byte-identical
/// to the decoded value (no escapes): after a `"`, `'`, or `"""`.
fn inner_offset(src: &str, span: &Span, value: &str) -> Option<usize> {
    let raw = src.get(span.clone())?;
    (0..=3)
        .find(|q| raw.len() == value.len() + 2 * q && raw.get(*q..q + value.len()) == Some(value))
        .map(|q| span.start + q)
}

/// Keys whose values name environment variables rather than hold secrets.
const NAME_ONLY_KEYS: &[&str] = &[
    "env_vars",
    "env_http_headers",
    "bearer_token_env_var",
    "envFile",
];

struct Walker<'a> {
    rule: &'a HardcodedSecret,
    file: &'a ConfigFile,
    server: &'a ServerEntry,
    base: Severity,
    out: &'a mut Vec<Finding>,
    /// Secret ranges already reported: a value read twice (as an element
    /// and as words of a script) gives one finding.
    seen: Vec<Span>,
}

impl Walker<'_> {
    fn node(&mut self, node: &Node, name: Option<&str>) {
        match &node.kind {
            parse::Kind::Object(members) => {
                for m in members {
                    for hit in secrets::scan_key(&m.key) {
                        let v = Val {
                            text: &m.key,
                            span: m.key_span.clone(),
                            pointer: &m.value.pointer,
                            inner: inner_offset(&self.file.source.text, &m.key_span, &m.key),
                        };
                        self.report(&v, &Secret::from(&hit), true);
                    }
                    let names_only = NAME_ONLY_KEYS.contains(&m.key.as_str());
                    let key = (!names_only).then_some(m.key.as_str());
                    match (&m.value.kind, m.key.as_str()) {
                        (parse::Kind::Array(items), k) if self.is_argv_key(k) => {
                            let vals: Vec<Val> = items.iter().filter_map(|n| self.val(n)).collect();
                            self.args(&vals);
                            for n in items {
                                match n.as_str() {
                                    // A script (`bash -c "API_KEY=… npx …"`):
                                    // its words are judged like split argv.
                                    Some(s) if s.split_whitespace().nth(1).is_some() => {
                                        self.command_words(n, s);
                                    }
                                    Some(_) => {}
                                    // Mistyped elements (objects, arrays) are still read.
                                    None => self.node(n, None),
                                }
                            }
                        }
                        (parse::Kind::String(s), k)
                            if self.is_command_key(k) && s.split_whitespace().nth(1).is_some() =>
                        {
                            self.command_words(&m.value, s);
                        }
                        _ => self.node(&m.value, key),
                    }
                }
            }
            parse::Kind::Array(items) => items.iter().for_each(|n| self.node(n, name)),
            parse::Kind::String(_) => {
                if let Some(v) = self.val(node) {
                    self.judge(name, &v, 0);
                }
            }
            _ => {}
        }
    }

    /// `args`, or a command written as an argv array (opencode).
    fn is_argv_key(&self, key: &str) -> bool {
        key == "args"
            || self.file.kind.file.args_keys.iter().any(|k| k == key)
            || self.is_command_key(key)
    }

    fn is_command_key(&self, key: &str) -> bool {
        key == "command" || self.file.kind.file.command_keys.iter().any(|k| k == key)
    }

    fn val<'n>(&self, node: &'n Node) -> Option<Val<'n>> {
        let text = node.as_str()?;
        Some(Val {
            text,
            span: node.span.clone(),
            pointer: &node.pointer,
            inner: inner_offset(&self.file.source.text, &node.span, text),
        })
    }

    /// A one-string command: split into words like the model does.
    fn command_words(&mut self, node: &Node, text: &str) {
        let inner = inner_offset(&self.file.source.text, &node.span, text);
        let words = crate::shellwords::split(text);
        let vals: Vec<Val> = words
            .iter()
            .map(|(w, r)| {
                let exact = text.get(r.clone()) == Some(w.as_str());
                Val {
                    text: w,
                    span: inner.map_or(node.span.clone(), |o| o + r.start..o + r.end),
                    pointer: &node.pointer,
                    inner: inner.filter(|_| exact).map(|o| o + r.start),
                }
            })
            .collect();
        self.args(&vals);
    }

    /// Arguments: `--flag=value`, `--secret-flag value`, `-e NAME=VALUE`,
    /// `-H "Name: value"`, `NAME=VALUE`, or a bare value.
    fn args(&mut self, vals: &[Val]) {
        let mut i = 0;
        while i < vals.len() {
            let v = &vals[i];
            let t = v.text;
            let next = vals.get(i + 1);
            if t.starts_with('-') {
                if let Some((flag, _)) = t.split_once('=') {
                    self.judge_part(Some(flag), v, flag.len() + 1);
                    i += 1;
                    continue;
                }
                if let Some(n) = next {
                    let pair = matches!(t, "-e" | "--env" | "-H" | "--header" | "--headers");
                    if pair
                        || (!n.text.starts_with('-')
                            && secrets::names::classify(t) != NameClass::Other)
                    {
                        self.judge(None, v, 0);
                        if pair {
                            self.assignment(n);
                        } else {
                            self.judge(Some(t), n, 0);
                        }
                        i += 2;
                        continue;
                    }
                }
            }
            self.assignment(v);
            i += 1;
        }
    }

    /// `NAME=VALUE` or `Name: value` judged under its name; else bare.
    fn assignment(&mut self, v: &Val) {
        let t = v.text;
        let ident = |k: &str| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                && !k.starts_with('-')
        };
        if let Some((k, _)) = t.split_once('=').filter(|(k, _)| ident(k)) {
            self.judge_part(Some(k), v, k.len() + 1);
        } else if let Some((k, _)) = t
            .split_once(':')
            // `Name: value`, or `Authorization:Bearer …` with no space
            // (mcp-remote's documented form) when the name is a secret's.
            .filter(|(k, rest)| {
                ident(k)
                    && (rest.starts_with(' ') || secrets::names::classify(k) != NameClass::Other)
            })
        {
            self.judge_part(Some(k), v, k.len() + 1);
        } else {
            self.judge(None, v, 0);
        }
    }

    /// Judge `v.text[from..]` under `name`, and the whole text bare.
    fn judge_part(&mut self, name: Option<&str>, v: &Val, from: usize) {
        if self.env_ignored(name) {
            // `NAME=VALUE` of an ignored variable: neither part is judged.
            return;
        }
        self.judge(name, v, from);
        self.judge(None, v, 0);
    }

    fn env_ignored(&self, name: Option<&str>) -> bool {
        name.is_some_and(|n| self.rule.ignore_env.iter().any(|i| i == n))
    }

    fn judge(&mut self, name: Option<&str>, v: &Val, from: usize) {
        let Some(text) = v.text.get(from..) else {
            return;
        };
        if self.env_ignored(name) {
            return;
        }
        for hit in secrets::scan_value(name, text) {
            let mut s = Secret::from(&hit);
            s.range = hit.range.start + from..hit.range.end + from;
            self.report(v, &s, false);
        }
        for (what, re) in &self.rule.extra {
            for m in re.find_iter(text).filter(|m| !m.is_empty()) {
                let s = Secret {
                    range: m.start() + from..m.end() + from,
                    what,
                    id: "extra-pattern",
                    public: 0,
                    local: false,
                };
                self.report(v, &s, false);
            }
        }
    }

    fn report(&mut self, v: &Val, hit: &Secret, in_key: bool) {
        let value = v.text.get(hit.range.clone()).unwrap_or("");
        if self.rule.allowed(value) || self.rule.allowed(v.text) {
            return;
        }
        let secret = v.map(&hit.range);
        if self
            .seen
            .iter()
            .any(|s| s.start < secret.end && secret.start < s.end)
        {
            return;
        }
        self.seen.push(secret.clone());
        let severity = if hit.local {
            Severity::Medium
        } else {
            self.base
        };
        let client = self.file.kind.client;
        let shown = crate::secrets::describe(value, hit.public);
        // A key hit is placed at its parent: the key itself is the secret.
        let at = match v.pointer.rsplit_once('/') {
            Some((parent, _)) if in_key => parent,
            _ => v.pointer,
        };
        let where_ = field(&self.server.pointer, at);
        let place = if in_key { "as a key name " } else { "" };
        let message = format!(
            "{} hardcoded {place}at `{where_}` of server `{}` ({shown})",
            capitalise(hit.what),
            short_key(&self.server.name),
        );
        let help = if hit.local {
            format!(
                "this looks like a local dev database; still, keep the password out of the file: {}",
                client.secret_advice
            )
        } else {
            format!(
                "rotate this credential now: it has been exposed. Then keep it out of the file: {}",
                client.secret_advice
            )
        };
        let mut f = Finding::new(META.id, severity, v.span.clone(), v.pointer, message)
            .label(hit.what)
            .help(help)
            .server(Some(&self.server.name))
            .secret(secret);
        f.fingerprint_extra = Some(hit.id.to_string());
        self.out.push(f);
    }
}

/// A secret found in a value: by the engine or by an `extra-patterns` entry.
struct Secret<'h> {
    /// Byte range inside the scanned string.
    range: std::ops::Range<usize>,
    /// What to call it ("GitHub personal access token", a pattern's name).
    what: &'h str,
    /// Stable kind id, part of the fingerprint.
    id: &'h str,
    /// Length of the public prefix that messages may show.
    public: usize,
    /// A local dev connection string: one severity lower.
    local: bool,
}

impl From<&Hit> for Secret<'static> {
    fn from(hit: &Hit) -> Self {
        Secret {
            range: hit.range.clone(),
            what: hit.what(),
            id: hit.id(),
            public: match hit.kind {
                secrets::HitKind::Provider(p) => p.public_len(),
                _ => 0,
            },
            local: hit.is_local(),
        }
    }
}

/// `env.GITHUB_TOKEN`, `args[3]`, `headers.Authorization`: the value's
/// place inside the server entry, with key names shortened or described.
fn field(server_pointer: &str, pointer: &str) -> String {
    let rel = pointer.strip_prefix(server_pointer).unwrap_or(pointer);
    let mut out = String::new();
    for tok in rel.split('/').filter(|t| !t.is_empty()) {
        let tok = tok.replace("~1", "/").replace("~0", "~");
        if tok.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{tok}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&short_key(&tok));
        }
    }
    if out.is_empty() {
        "the entry".into()
    } else {
        out
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
