//! Credentials carried by URLs and HTTP auth values: the password of a
//! `scheme://user:password@host` connection string, query parameters such as
//! `?api_key=`, `Basic <base64(user:password)>`, and the JWT exception for
//! tokens that are public by design.
//!
//! Connection strings: a URL without a password, or with a reference as the
//! password, is clean. A password on a local host (`localhost`, `127.0.0.1`,
//! `::1`, `0.0.0.0`, `host.docker.internal`, or a one-label docker-compose
//! service name such as `db`) that is a well-known dev default (`postgres`,
//! `password`, `root`, ... or equal to the user name) is clean; any other
//! password on a local host is reported at medium severity; everywhere else
//! it is a hardcoded credential like any token.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::names;

static USERINFO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z][a-z0-9+.\-]*://(?P<user>[^\s/?#@:]*):(?P<pass>[^\s/?#]*)@(?P<host>\[[0-9a-f:]+\]|[^\s/?#:@\\]+)").ok()
});

static USER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z][a-z0-9+.\-]*://(?P<user>[^\s/?#@:]+)(?::[^\s/?#@]*)?@").ok()
});

static QUERY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[?&;](?P<k>[A-Za-z0-9_.\-\[\]]{1,64})=(?P<v>[^&#\s;]*)").ok());

/// A password found in a URL's user-info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPassword {
    pub range: Range<usize>,
    /// The host is this machine or a local container network.
    pub local: bool,
    /// A dev default or the user name repeated.
    pub trivial: bool,
}

/// Every `user:password@` password in `text`.
pub fn passwords(text: &str) -> Vec<UrlPassword> {
    let Some(re) = USERINFO.as_ref() else {
        return Vec::new();
    };
    if !text.contains("://") {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| {
            let pass = c.name("pass")?;
            if pass.as_str().is_empty() {
                return None;
            }
            let user = c.name("user").map_or("", |m| m.as_str());
            let host = c
                .name("host")
                .map_or("", |m| m.as_str())
                .to_ascii_lowercase();
            let local = is_local_host(&host);
            let p = pass.as_str().to_ascii_lowercase();
            let trivial =
                names::TRIVIAL_PASSWORDS.contains(&p.as_str()) || p == user.to_ascii_lowercase();
            Some(UrlPassword {
                range: pass.range(),
                local,
                trivial,
            })
        })
        .collect()
}

/// Byte ranges of the user names of `scheme://user[:password]@` URLs in
/// `text`. A token sent as the user name (`https://TOKEN@github.com`,
/// `https://TOKEN:x-oauth-basic@github.com`) is as much a credential as a
/// password.
pub fn users(text: &str) -> Vec<Range<usize>> {
    let Some(re) = USER.as_ref() else {
        return Vec::new();
    };
    if !text.contains("://") {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| {
            let user = c.name("user")?;
            (!sentry_dsn_key(user.as_str(), &text[c.get(0)?.end()..])).then(|| user.range())
        })
        .collect()
}

/// A Sentry DSN (`https://<32 hex>@host/<project id>`): its key is public by
/// design.
fn sentry_dsn_key(user: &str, after_at: &str) -> bool {
    let rest = after_at.split(char::is_whitespace).next().unwrap_or("");
    let project = rest.split_once('/').map_or("", |(_, p)| p);
    user.len() == 32
        && user.bytes().all(|b| b.is_ascii_hexdigit())
        && !project.is_empty()
        && project.bytes().all(|b| b.is_ascii_digit())
}

fn is_local_host(host: &str) -> bool {
    matches!(
        host,
        "localhost" | "0.0.0.0" | "[::1]" | "host.docker.internal" | "host.containers.internal"
    ) || host.starts_with("127.")
        || host.ends_with(".localhost")
        || (!host.contains('.') && !host.starts_with('['))
}

static KEY_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|;)[ \t]*(?P<k>[A-Za-z][A-Za-z0-9 _.\-]{0,40}?)[ \t]*=(?P<v>[^;]*)").ok()
});

/// `Key=Value` pairs of a semicolon-separated connection string (ADO.NET,
/// ODBC: `Server=…;User ID=…;Password=…;`): (name, byte range of the
/// value).
pub fn connection_pairs(text: &str) -> Vec<(String, Range<usize>)> {
    let Some(re) = KEY_VALUE.as_ref() else {
        return Vec::new();
    };
    if !text.contains(';') || !text.contains('=') {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| Some((c.name("k")?.as_str().to_string(), c.name("v")?.range())))
        .collect()
}

/// Query parameters of URLs in `text`: (name, byte range of the value).
pub fn query_params(text: &str) -> Vec<(String, Range<usize>)> {
    let Some(re) = QUERY.as_ref() else {
        return Vec::new();
    };
    if !text.contains('=') || !(text.contains("://") || text.starts_with('?')) {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| Some((c.name("k")?.as_str().to_string(), c.name("v")?.range())))
        .collect()
}

/// Decode standard or URL-safe base64 (padding optional). `None` when the
/// text is not base64.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// `Basic <base64>`: whether the decoded credentials hold a real password
/// (`user:password` with a non-placeholder password).
pub fn basic_has_password(b64: &str) -> bool {
    let Some(bytes) = base64_decode(b64.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return false;
    };
    match text.split_once(':') {
        Some((_, pass)) => !pass.is_empty() && !names::is_placeholder(pass),
        None => false,
    }
}

/// Keys that are public by design, meant to ship in browsers: a Stripe
/// publishable key (`pk_live_`, `pk_test_`) or a Supabase `anon` JWT.
pub fn public_by_design(token: &str) -> bool {
    token.starts_with("pk_live_") || token.starts_with("pk_test_") || jwt_is_public(token)
}

/// JWTs that are public by design: a Supabase `anon` key (`"role":"anon"`)
/// is meant to ship in browsers.
pub fn jwt_is_public(token: &str) -> bool {
    let Some(payload) = token.split('.').nth(1) else {
        return false;
    };
    let Some(bytes) = base64_decode(payload) else {
        return false;
    };
    let text: String = String::from_utf8_lossy(&bytes)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    text.contains("\"role\":\"anon\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_url_passwords() {
        let t = "postgresql://app:S3cr3tPw9x@db.example.net:5432/app";
        let p = passwords(t);
        assert_eq!(p.len(), 1);
        assert_eq!(&t[p[0].range.clone()], "S3cr3tPw9x");
        assert!(!p[0].local);
        let l = passwords("redis://:postgres@localhost:6379");
        assert!(l[0].local && l[0].trivial);
        // README defaults on a local host are trivial; on a remote host the
        // same password is reported (trivial only matters when local).
        let z = passwords("postgresql://myuser:mypassword@localhost:5432/mydatabase");
        assert!(z[0].local && z[0].trivial);
        let r = passwords("postgresql://myuser:mypassword@db.example.net/app");
        assert!(!r[0].local);
        assert!(passwords("https://api.example.com/v1?x=1").is_empty());
        assert!(passwords("mongodb://user@host/db").is_empty());
        assert!(passwords("mysql://root:@127.0.0.1/db").is_empty());
    }

    #[test]
    fn finds_query_params() {
        let t = "https://x.io/sse?apiKey=abc&mode=1";
        let q = query_params(t);
        assert_eq!(q[0].0, "apiKey");
        assert_eq!(&t[q[0].1.clone()], "abc");
        assert!(query_params("a=b").is_empty());
    }

    #[test]
    fn base64_and_basic() {
        assert_eq!(
            base64_decode("dXNlcjpwYXNz").as_deref(),
            Some(&b"user:pass"[..])
        );
        assert!(basic_has_password("dXNlcjpodW50ZXIy")); // user:hunter2
        assert!(!basic_has_password("dXNlcjo=")); // user:
        assert!(base64_decode("not base64!").is_none());
    }
}
