//! Secret detection: what counts as a credential in an MCP config, and what
//! never does.
//!
//! Decisions, in order:
//! 1. Provider formats ([`catalogue`]): a token with a provider's marker,
//!    charset, length and checksum, anywhere in a string (`Bearer ghp_…`,
//!    `-e KEY=sk-ant-…`, inside a URL).
//! 2. Name and shape ([`names`]): a value under a secret-sounding name
//!    (`*_API_KEY`, `*_TOKEN`, `*SECRET*`, `--api-key`, `Authorization`,
//!    `?apikey=`) that looks random, or under a password name and is not a
//!    trivial dev default. This catches vendors nobody catalogued.
//! 3. Connection strings ([`urls`]): a password in `scheme://user:pass@host`.
//! 4. Never a secret: variable and secret-manager references in any client's
//!    syntax ([`refs`]), also inside a literal (`Bearer ${env:TOKEN}`);
//!    placeholders; ordinary values.
//!
//! Nothing here prints or stores a secret: callers get byte ranges and
//! describe them with [`crate::secrets::describe`].

pub mod catalogue;
#[doc(hidden)]
pub mod corpus;
mod engine;
pub mod names;
pub mod refs;
pub mod urls;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub use catalogue::{Provider, PROVIDERS};
pub use names::NameClass;

/// A safe description of a secret: at most a short prefix and the length,
/// e.g. `ghp_…, 40 chars`. The prefix is only shown when it is a public,
/// non-secret format marker (up to 4 chars of an at-least-16-char value).
pub fn describe(secret: &str, public_prefix: usize) -> String {
    let n = secret.chars().count();
    let shown = if n >= 16 { public_prefix.min(4) } else { 0 };
    let prefix: String = secret.chars().take(shown).collect();
    if prefix.is_empty() {
        format!("{n} chars")
    } else {
        format!("{prefix}…, {n} chars")
    }
}

/// What kind of secret a [`Hit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A catalogued provider format.
    Provider(&'static Provider),
    /// The password of a `scheme://user:password@host` URL.
    UrlPassword { local: bool },
    /// `Authorization: Basic <base64(user:password)>`.
    BasicAuth,
    /// A random-looking value under a secret-sounding name.
    Named,
    /// A non-trivial value under a password name.
    Password,
}

/// One secret inside a string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the secret inside the scanned string.
    pub range: Range<usize>,
    pub kind: HitKind,
}

impl Hit {
    /// What to call it in a message.
    pub fn what(&self) -> &'static str {
        match self.kind {
            HitKind::Provider(p) => p.name,
            HitKind::UrlPassword { .. } => "password in a connection URL",
            HitKind::BasicAuth => "HTTP Basic credentials",
            HitKind::Named => "secret-looking value",
            HitKind::Password => "password",
        }
    }

    /// A stable id for the kind (provider id or a generic kind).
    pub fn id(&self) -> &'static str {
        match self.kind {
            HitKind::Provider(p) => p.id,
            HitKind::UrlPassword { .. } => "url-password",
            HitKind::BasicAuth => "basic-auth",
            HitKind::Named => "named-secret",
            HitKind::Password => "password",
        }
    }

    /// Whether the hit names its provider (as opposed to a generic kind).
    pub fn is_provider(&self) -> bool {
        matches!(self.kind, HitKind::Provider(_))
    }

    /// A local dev connection string: reported one level lower.
    pub fn is_local(&self) -> bool {
        matches!(self.kind, HitKind::UrlPassword { local: true })
    }

    /// Safe description: `ghp_…, 40 chars`.
    pub fn describe(&self, text: &str) -> String {
        let secret = text.get(self.range.clone()).unwrap_or("");
        let prefix = match self.kind {
            HitKind::Provider(p) => p.public_len(),
            _ => 0,
        };
        crate::secrets::describe(secret, prefix)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Scan one string value. `name` is what the value is stored under (env
/// variable, flag, header, query parameter, settings key), if anything.
pub fn scan_value(name: Option<&str>, value: &str) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    if value.trim().is_empty() {
        return hits;
    }
    let refs = refs::find(value);
    let in_ref = |r: &Range<usize>| refs.iter().any(|x| overlaps(&x.range, r));
    for f in engine::find(value) {
        if !in_ref(&f.range) {
            hits.push(Hit {
                range: f.range,
                kind: HitKind::Provider(f.provider),
            });
        }
    }
    for u in urls::passwords(value) {
        let pass = &value[u.range.clone()];
        let clean = (u.local && u.trivial) || names::is_placeholder(pass) || in_ref(&u.range);
        if !clean && !hits.iter().any(|h| overlaps(&h.range, &u.range)) {
            hits.push(Hit {
                range: u.range,
                kind: HitKind::UrlPassword { local: u.local },
            });
        }
    }
    for u in urls::users(value) {
        if token_like_name(&value[u.clone()])
            && !in_ref(&u)
            && !hits.iter().any(|h| overlaps(&h.range, &u))
        {
            hits.push(Hit {
                range: u,
                kind: HitKind::Named,
            });
        }
    }
    for (q, range) in urls::query_params(value)
        .into_iter()
        .chain(urls::connection_pairs(value))
    {
        judge_named(&q, value, range, &refs, &mut hits);
    }
    if let Some(name) = name {
        judge_named(name, value, 0..value.len(), &refs, &mut hits);
    }
    hits.sort_by_key(|h| h.range.start);
    hits
}

/// Auth schemes that prefix a credential in a header value.
const SCHEMES: &[&str] = &[
    "bearer ", "token ", "bot ", "apikey ", "api-key ", "key ", "sso-key ", "splunk ",
];

/// Judge `text[range]` stored under `name` by name and shape.
fn judge_named(
    name: &str,
    text: &str,
    range: Range<usize>,
    refs: &[refs::Reference],
    hits: &mut Vec<Hit>,
) {
    let words = names::words(name);
    let class = names::classify_words(&words);
    let v = &text[range.clone()];
    let lead = v.len() - v.trim_start().len();
    let mut start = range.start + lead;
    let end = range.start + v.trim_end().len();
    if start >= end {
        return;
    }
    let lower = text[start..end].to_ascii_lowercase();
    if lower.starts_with("basic ") {
        let b64 = start + 6..end;
        if urls::basic_has_password(&text[b64.clone()])
            && !hits.iter().any(|h| overlaps(&h.range, &b64))
        {
            hits.push(Hit {
                range: b64,
                kind: HitKind::BasicAuth,
            });
        }
        return;
    }
    if class != NameClass::Other {
        if let Some(s) = SCHEMES.iter().find(|s| lower.starts_with(**s)) {
            start += s.len();
            start += text[start..end].len() - text[start..end].trim_start().len();
        }
    }
    // Pieces of the value between references: `Bearer ${env:X}` leaves
    // nothing; `abc${X}` leaves `abc`.
    let mut pieces = Vec::new();
    let mut at = start;
    for r in refs.iter().filter(|r| overlaps(&r.range, &(start..end))) {
        if r.range.start > at {
            pieces.push(at..r.range.start);
        }
        at = at.max(r.range.end);
    }
    if at < end {
        pieces.push(at..end);
    }
    let whole = pieces.len() == 1 && pieces[0] == (start..end);
    for piece in pieces {
        if hits.iter().any(|h| overlaps(&h.range, &piece)) {
            continue;
        }
        let s = &text[piece.clone()];
        if urls::public_by_design(s) {
            continue;
        }
        let kind = if let Some(p) = whole.then(|| engine::named(&words, s)).flatten() {
            HitKind::Provider(p)
        } else {
            match class {
                NameClass::Secret if names::looks_random(s) => HitKind::Named,
                NameClass::Password if names::looks_password(s) => HitKind::Password,
                _ => continue,
            }
        };
        hits.push(Hit { range: piece, kind });
    }
}

/// Provider formats in a key name (a token pasted where a key belongs).
pub fn scan_key(key: &str) -> Vec<Hit> {
    engine::find(key)
        .into_iter()
        .map(|f| Hit {
            range: f.range,
            kind: HitKind::Provider(f.provider),
        })
        .collect()
}

/// A safe stand-in for a key name that holds a secret, for messages; `None`
/// when the key looks harmless.
pub fn describe_secret_key(key: &str) -> Option<String> {
    if let Some(h) = scan_key(key).first() {
        return Some(format!("‹{}: {}›", h.what(), h.describe(key)));
    }
    token_like_name(key).then(|| format!("‹secret-looking key: {} chars›", key.chars().count()))
}

/// A name (key name, URL user name) that is a generated token. Names are
/// identifiers far more often than values are: long camelCase settings
/// (`localAgentModeTrustedFolders`) and user names (`cluster0-admin-user`)
/// look random to the value heuristic, so a name also needs length and
/// several digits, as generated tokens have.
fn token_like_name(name: &str) -> bool {
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    name.chars().count() >= 20 && digits >= 3 && names::looks_random(name)
}

const RAW_PAIRS_SRC: &str = concat!(
    // "name": "value"   (JSON) and   name = "value"   (TOML)
    r#""(?P<k1>[^"\\\n]{1,100})"\s*:\s*"(?P<v1>(?:[^"\\\n]|\\.)+)""#,
    r#"|(?m:^\s*(?P<k2>[A-Za-z0-9_.\-]{1,100}|"[^"\n]{1,100}")\s*=\s*["'](?P<v2>[^"'\n]+)["'])"#,
    // "--flag", "value"   (argv arrays)
    r#"|"(?P<k3>--?[A-Za-z][A-Za-z0-9_\-]*)"\s*,\s*"(?P<v3>(?:[^"\\\n]|\\.)+)""#,
    // --flag=value, NAME=value, Name: value   (inside one string)
    r#"|(?P<k4>--?[A-Za-z][A-Za-z0-9_\-]*|\b[A-Za-z_][A-Za-z0-9_\-]*)(?:=|:\s*)(?P<v4>(?i:(?:bearer|basic|token|bot)\s+)?[^"\s&,;]+)"#,
);

static RAW_PAIRS: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(RAW_PAIRS_SRC).ok());

/// Byte ranges of everything in `text` that looks like a secret, with no
/// parsing: provider formats, URL passwords, and values next to
/// secret-sounding names. Used to mask source snippets of files that could
/// not be parsed, and of key names or mistyped positions that rules do not
/// read as values. Errs on the side of masking.
pub fn raw_secret_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = engine::find(text).into_iter().map(|f| f.range).collect();
    let all_refs = refs::find(text);
    for u in urls::passwords(text) {
        let pass = &text[u.range.clone()];
        let is_ref = all_refs.iter().any(|r| overlaps(&r.range, &u.range));
        if !names::is_placeholder(pass) && !is_ref {
            spans.push(u.range);
        }
    }
    spans.extend(
        urls::users(text)
            .into_iter()
            .filter(|u| token_like_name(&text[u.clone()])),
    );
    if let Some(re) = RAW_PAIRS.as_ref() {
        for c in re.captures_iter(text) {
            let pair = [("k1", "v1"), ("k2", "v2"), ("k3", "v3"), ("k4", "v4")]
                .iter()
                .find_map(|(k, v)| Some((c.name(k)?, c.name(v)?)));
            let Some((k, v)) = pair else { continue };
            let key = k.as_str().trim_matches('"');
            for h in scan_value(Some(key), v.as_str()) {
                spans.push(v.start() + h.range.start..v.start() + h.range.end);
            }
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn long_setting_names_are_not_secret_keys() {
        for k in [
            "additionalDirectories",
            "enableAllProjectMcpServers",
            "localAgentModeTrustedFolders",
            "skipDangerousModePermissionPrompt",
            "chat.tools.global.autoApprove",
            "default_tools_approval_mode",
        ] {
            assert_eq!(describe_secret_key(k), None, "{k}");
        }
        let fake: String = "aZ3kQ9xP2mW7vT5rL8nB4cY6".to_string();
        assert!(describe_secret_key(&fake).is_some());
    }
}
