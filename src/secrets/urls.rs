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

use super::names;

// No regex here: these scanners run on every string of every config, and
// compiling the four patterns they replaced cost about 1 ms of a one-file
// run, mostly for values that could not match.

/// Each `scheme://` in `text`: the byte offset just after `://`.
fn authorities(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    text.match_indices("://").filter_map(move |(i, _)| {
        // A scheme: `[a-z][a-z0-9+.-]*` (any case) starting a word.
        let mut s = i;
        while s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'+' | b'.' | b'-'))
        {
            s -= 1;
        }
        while s < i && !b[s].is_ascii_alphabetic() {
            s += 1;
        }
        let word_start = s == 0 || !(b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'_');
        (s < i && word_start).then_some(i + 3)
    })
}

fn run(b: &[u8], from: usize, ok: impl Fn(u8) -> bool) -> usize {
    let mut e = from;
    while e < b.len() && ok(b[e]) {
        e += 1;
    }
    e
}

/// End of a host at `at`: `[v6:addr]` or a run of non-separator bytes.
fn host_end(b: &[u8], at: usize) -> Option<usize> {
    if b.get(at) == Some(&b'[') {
        let e = run(b, at + 1, |c| c.is_ascii_hexdigit() || c == b':');
        return (e > at + 1 && b.get(e) == Some(&b']')).then_some(e + 1);
    }
    let e = run(b, at, |c| {
        !(c.is_ascii_whitespace() || matches!(c, b'/' | b'?' | b'#' | b':' | b'@' | b'\\'))
    });
    (e > at).then_some(e)
}

/// Byte ranges of (user, password, host).
type UserInfo = (Range<usize>, Range<usize>, Range<usize>);

/// `user:password@host` after `://` at `a`.
fn userinfo(text: &str, a: usize) -> Option<UserInfo> {
    let b = text.as_bytes();
    let user_end = run(b, a, |c| {
        !(c.is_ascii_whitespace() || matches!(c, b'/' | b'?' | b'#' | b'@' | b':'))
    });
    if b.get(user_end) != Some(&b':') {
        return None;
    }
    let p = user_end + 1;
    // Strict: the password holds no `/`, `?` or `#`; it ends at the last
    // `@` that a host follows.
    let strict_end = run(b, p, |c| {
        !(c.is_ascii_whitespace() || matches!(c, b'/' | b'?' | b'#'))
    });
    let mut at = strict_end;
    while at > p {
        at -= 1;
        if b[at] == b'@' {
            if let Some(h) = host_end(b, at + 1) {
                return Some((a..user_end, p..at, at + 1..h));
            }
        }
    }
    // Unencoded `/`, `?` or `#` in the password (`user:pa#ss@host`): the
    // first `@` that a host name follows, unless what precedes the first
    // separator is a port (`host:8080/path@x` is a path, not a password).
    let loose_end = run(b, p, |c| !c.is_ascii_whitespace());
    let sep = b[p..loose_end]
        .iter()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))?
        + p;
    if b[p..sep].iter().all(u8::is_ascii_digit) || text[p..loose_end].contains("://") {
        return None;
    }
    let at = b[sep..loose_end].iter().position(|&c| c == b'@')? + sep;
    if at - p > 128 {
        return None;
    }
    let h = host_end(b, at + 1)?;
    let host = &text[at + 1..h];
    let hostlike = host
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'[' | b']' | b':'))
        && matches!(
            b.get(h),
            None | Some(b'/' | b':' | b'?' | b'"' | b'\'' | b' ')
        );
    hostlike.then_some((a..user_end, p..at, at + 1..h))
}

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
    let mut out = Vec::new();
    if !text.contains("://") || !text.contains('@') {
        return out;
    }
    let mut after = 0;
    for a in authorities(text) {
        if a < after {
            continue;
        }
        let Some((user, pass, host)) = userinfo(text, a) else {
            continue;
        };
        after = host.end;
        if pass.is_empty() {
            continue;
        }
        let user = &text[user];
        let host = text[host].to_ascii_lowercase();
        let local = is_local_host(&host);
        let p = text[pass.clone()].to_ascii_lowercase();
        let trivial =
            names::TRIVIAL_PASSWORDS.contains(&p.as_str()) || p == user.to_ascii_lowercase();
        out.push(UrlPassword {
            range: pass,
            local,
            trivial,
        });
    }
    out
}

/// Byte ranges of the user names of `scheme://user[:password]@` URLs in
/// `text`. A token sent as the user name (`https://TOKEN@github.com`,
/// `https://TOKEN:x-oauth-basic@github.com`) is as much a credential as a
/// password.
pub fn users(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !text.contains("://") || !text.contains('@') {
        return out;
    }
    let b = text.as_bytes();
    for a in authorities(text) {
        let not_user = |c: u8| c.is_ascii_whitespace() || matches!(c, b'/' | b'?' | b'#' | b'@');
        let user_end = run(b, a, |c| !(not_user(c) || c == b':'));
        if user_end == a {
            continue;
        }
        let mut at = user_end;
        if b.get(at) == Some(&b':') {
            at = run(b, at + 1, |c| !not_user(c));
        }
        if b.get(at) == Some(&b'@') && !sentry_dsn_key(&text[a..user_end], &text[at + 1..]) {
            out.push(a..user_end);
        }
    }
    out
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

/// `Key=Value` pairs of a semicolon-separated connection string (ADO.NET,
/// ODBC: `Server=…;User ID=…;Password=…;`): (name, byte range of the
/// value).
pub fn connection_pairs(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    if !text.contains(';') || !text.contains('=') {
        return out;
    }
    let b = text.as_bytes();
    let mut seg = 0;
    loop {
        let end = text[seg..].find(';').map_or(text.len(), |i| seg + i);
        let k = run(b, seg, |c| c == b' ' || c == b'\t');
        if let Some(eq) = text[k..end].find('=').map(|i| k + i) {
            let key = text[k..eq].trim_end_matches([' ', '\t']);
            let ok = key.len() <= 41
                && key.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && key
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'_' | b'.' | b'-'));
            if ok {
                out.push((key.to_string(), eq + 1..end));
            }
        }
        if end >= text.len() {
            break;
        }
        seg = end + 1;
    }
    out
}

/// Query parameters of URLs in `text`: (name, byte range of the value).
pub fn query_params(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    if !text.contains('=') || !(text.contains("://") || text.starts_with('?')) {
        return out;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'?' | b'&' | b';') {
            let k = i + 1;
            let ke = run(b, k, |c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'[' | b']')
            });
            if ke > k && ke - k <= 64 && b.get(ke) == Some(&b'=') {
                let ve = run(b, ke + 1, |c| {
                    !(c.is_ascii_whitespace() || matches!(c, b'&' | b'#' | b';'))
                });
                out.push((text[k..ke].to_string(), ke + 1..ve));
                i = ve;
                continue;
            }
        }
        i += 1;
    }
    out
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
    fn unencoded_separators_in_passwords() {
        for (t, want) in [
            ("postgresql://user:pa#ss9Kq@db.example.com/db", "pa#ss9Kq"),
            (
                "postgresql://user:pa?ss9Kq@db.example.com:5432/db",
                "pa?ss9Kq",
            ),
            ("mysql://app:Zq8/mV2kLp@db.example.com/app", "Zq8/mV2kLp"),
            ("redis://:k9#Qz/x@cache.example.net:6379", "k9#Qz/x"),
        ] {
            let p = passwords(t);
            assert_eq!(p.len(), 1, "{t}");
            assert_eq!(&t[p[0].range.clone()], want, "{t}");
        }
        // A port then a path holding `@` is not a password.
        for t in [
            "https://registry.example.com:443/@scope/pkg",
            "https://host.example.com:8080/login?next=/me@example.com",
            "https://example.com/a:b@c",
        ] {
            assert!(passwords(t).is_empty(), "{t}");
        }
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
