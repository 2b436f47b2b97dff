//! `insecure-transport`: a remote server reached over `http://` or `ws://`
//! to a host other than this machine's loopback, directly (`url`,
//! `serverUrl`, `httpUrl`) or through a stdio bridge (`npx mcp-remote
//! http://...`). The host is parsed properly: userinfo, ports, IPv6
//! brackets, and the numeric IPv4 forms URL parsers accept. Also an `env`
//! that turns off certificate checks (`NODE_TLS_REJECT_UNAUTHORIZED=0`).

use std::net::Ipv6Addr;

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, Str};
use crate::packages;
use crate::rules::{Context, Rule, RuleMeta};

pub struct InsecureTransport;

static META: RuleMeta = RuleMeta {
    id: "insecure-transport",
    summary: "A remote server is reached over unencrypted http:// or ws://, or a server turns off certificate checks",
    default_severity: Severity::High,
    family: "transport",
    precision: "very-high",
    docs: r#"## What it does

Reports a remote MCP server whose URL (`url`, `serverUrl`, `httpUrl`) uses
`http://` or `ws://` to any host other than the loopback interface
(`localhost`, `127.0.0.0/8`, `[::1]`). The same check applies to the URL given
to a stdio bridge (`npx mcp-remote http://…`, `supergateway --sse http://…`,
`uvx mcp-proxy http://…`). The host is parsed, not pattern-matched:
`http://localhost.evil.com` and `http://localhost@evil.com` are remote.

It also reports, at medium severity, a server environment that turns off
TLS certificate checks for the whole server process:
`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`,
`GIT_SSL_NO_VERIFY=1` (a corporate-proxy workaround that makes every
`https://` call of that server as readable as `http://` to whoever sits on
the path).

## Why it matters

Everything the client sends to the server travels in clear text: the
`Authorization` header or token, every tool call with its arguments (file
contents, queries, messages) and every result. Anyone on the same network,
Wi-Fi or path can read it and can also change the answers the model receives,
which is a direct route to prompt injection. A URL that also carries a
credential is reported by the secret rules as well.

## Example

```json
{
  "mcpServers": {
    "tickets": { "type": "http", "url": "http://mcp.example.com/mcp" }
  }
}
```

## Use instead

```json
{
  "mcpServers": {
    "tickets": { "type": "http", "url": "https://mcp.example.com/mcp" }
  }
}
```

For a server on this machine, `http://localhost:PORT` or
`http://127.0.0.1:PORT` is fine and not reported.

## References

- MCP specification: [Transports, security warning](https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning)
- OWASP: [Transport Layer Security cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html)
"#,
    options: &[],
};

/// Stdio bridges whose URL argument names the remote server.
const BRIDGES: &[&str] = &["mcp-remote", "supergateway", "mcp-proxy"];

impl Rule for InsecureTransport {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        for server in &file.servers {
            if let Some(url) = &server.url {
                if let Some(f) = check_url(url, &server.name, !server.headers.is_empty()) {
                    out.push(f);
                }
            }
            packages::for_each_launch(server, &file.source.text, &mut |launch| {
                let Some(spec) = launch.package_spec() else {
                    return;
                };
                if !BRIDGES.contains(&packages::package_name(&spec)) {
                    return;
                }
                for arg in &launch.server_args {
                    if let Some(f) = check_url(arg, &server.name, false) {
                        out.push(f);
                    }
                }
            });
            for kv in &server.env {
                if let Some(f) = check_tls_env(kv, &server.name) {
                    out.push(f);
                }
            }
        }
    }
}

/// Environment variables that turn off certificate verification for the
/// whole server process (Node, Python, git), with the values that do it.
/// Corporate-proxy workarounds copied into MCP configs.
const NO_VERIFY_ENV: &[(&str, &[&str], &str)] = &[
    (
        "NODE_TLS_REJECT_UNAUTHORIZED",
        &["0"],
        "give Node the proxy's CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem",
    ),
    (
        "PYTHONHTTPSVERIFY",
        &["0"],
        "give Python the proxy's CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE",
    ),
    (
        "GIT_SSL_NO_VERIFY",
        &["1", "true", "yes"],
        "give git the proxy's CA with GIT_SSL_CAINFO",
    ),
];

fn check_tls_env(kv: &crate::model::KeyValue, server: &str) -> Option<Finding> {
    let (name, values, fix) = NO_VERIFY_ENV
        .iter()
        .find(|(n, _, _)| kv.key.eq_ignore_ascii_case(n))?;
    let v = kv.value.value.trim().to_ascii_lowercase();
    if !values.contains(&v.as_str()) {
        return None;
    }
    Some(
        Finding::new(
            META.id,
            Severity::Medium,
            kv.value.span.clone(),
            kv.value.pointer.clone(),
            format!(
                "`{name}={}` turns off TLS certificate checks for every connection server `{}` makes: anyone on the path can read and change its traffic, tokens included",
                kv.value.value.trim(),
                crate::mask::short_key(server)
            ),
        )
        .label("certificate checks off")
        .help(format!("remove it and {fix}"))
        .server(Some(server)),
    )
}

fn check_url(url: &Str, server: &str, has_headers: bool) -> Option<Finding> {
    let parts = parse_url(url.value.trim())?;
    let secure = match parts.scheme.as_str() {
        "http" => "https",
        "ws" => "wss",
        _ => return None,
    };
    // A host written as a variable cannot be judged offline.
    if parts.host.is_empty() || parts.host.contains(['$', '{', '%']) || is_loopback(parts.host) {
        return None;
    }
    let what = if has_headers {
        "its headers, tool calls and results"
    } else {
        "tokens, tool calls and results"
    };
    Some(
        Finding::new(
            META.id,
            META.default_severity,
            url.span.clone(),
            url.pointer.clone(),
            format!(
                "server `{}` connects to `{}` over unencrypted `{}://`: {what} travel in clear text",
                crate::mask::short_key(server),
                parts.host,
                parts.scheme
            ),
        )
        .label("plain-text transport")
        .help(format!(
            "use `{secure}://{}`; plain `{}://` is only safe to localhost",
            parts.host, parts.scheme
        ))
        .server(Some(server)),
    )
}

/// The parts of a URL this rule needs.
#[derive(Debug, PartialEq)]
struct UrlParts<'a> {
    /// Lower-cased.
    scheme: String,
    /// Without userinfo and port; IPv6 keeps its brackets.
    host: &'a str,
}

fn parse_url(s: &str) -> Option<UrlParts<'_>> {
    let (scheme, rest) = s.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        &host_port[..host_port.find(']').map_or(host_port.len(), |i| i + 1)]
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    Some(UrlParts {
        scheme: scheme.to_ascii_lowercase(),
        host,
    })
}

/// `localhost`, `127.0.0.0/8` (in any numeric form a URL parser accepts),
/// `[::1]` and IPv4-mapped loopback.
fn is_loopback(host: &str) -> bool {
    let lower = host.to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    if lower == "localhost" {
        return true;
    }
    if let Some(inner) = lower.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let inner = inner.split('%').next().unwrap_or(inner);
        return inner.parse::<Ipv6Addr>().is_ok_and(|ip| {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        });
    }
    ipv4_number(lower).is_some_and(|n| n >> 24 == 127)
}

/// The WHATWG URL IPv4 parser: 1 to 4 parts, each decimal, `0x` hex or
/// leading-zero octal; the last part fills the remaining bytes
/// (`127.1`, `2130706433`, `0x7f.0.0.1` are all 127.0.0.1).
fn ipv4_number(host: &str) -> Option<u32> {
    let parts: Vec<&str> = host.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut nums = Vec::with_capacity(parts.len());
    for p in &parts {
        let n = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            if h.is_empty() {
                0
            } else {
                u64::from_str_radix(h, 16).ok()?
            }
        } else if p.len() > 1 && p.starts_with('0') {
            u64::from_str_radix(&p[1..], 8).ok()?
        } else {
            p.parse::<u64>().ok()?
        };
        nums.push(n);
    }
    let (last, init) = nums.split_last()?;
    if init.iter().any(|&n| n > 255) || *last >= 256u64.pow(5 - nums.len() as u32) {
        return None;
    }
    let mut ip = *last;
    for (i, &n) in init.iter().enumerate() {
        ip += n << (8 * (3 - i));
    }
    u32::try_from(ip).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for (url, host) in [
            ("http://example.com/mcp", "example.com"),
            ("http://user:pw@example.com:8080/x", "example.com"),
            ("http://localhost@evil.com/", "evil.com"),
            ("http://[::1]:3000/mcp", "[::1]"),
            ("HTTP://Example.COM", "Example.COM"),
            ("ws://h?x=1", "h"),
            ("http://h#frag", "h"),
        ] {
            assert_eq!(parse_url(url).map(|p| p.host), Some(host), "{url}");
        }
        assert_eq!(parse_url("example.com"), None);
    }

    #[test]
    fn loopback() {
        for h in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "127.0.0.1",
            "127.1.2.3",
            "127.1",
            "2130706433",
            "0x7f.0.0.1",
            "0177.0.0.1",
            "[::1]",
            "[0:0:0:0:0:0:0:1]",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "localhost.evil.com",
            "evil-localhost",
            "128.0.0.1",
            "10.0.0.1",
            "0.0.0.0",
            "[::2]",
            "127.0.0.1.nip.io",
            "1.2.3.4.5",
            "example.com",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    fn run(json: &str) -> Vec<(String, String)> {
        let (_, out) = crate::rules::run_rule(&InsecureTransport, ".cursor/mcp.json", json);
        out.into_iter()
            .map(|f| (json[f.span].to_string(), f.pointer))
            .collect()
    }

    #[test]
    fn certificate_checks_turned_off_in_env() {
        let json = r#"{"mcpServers": {
            "a": {"command": "node", "args": ["s.js"], "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}},
            "b": {"command": "node", "args": ["s.js"], "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "1"}},
            "c": {"command": "uvx", "args": ["x==1.0.0"], "env": {"PYTHONHTTPSVERIFY": "0", "GIT_SSL_NO_VERIFY": "true", "SSL_VERIFY": "false"}}
        }}"#;
        assert_eq!(
            run(json),
            vec![
                (
                    "\"0\"".into(),
                    "/mcpServers/a/env/NODE_TLS_REJECT_UNAUTHORIZED".into()
                ),
                ("\"0\"".into(), "/mcpServers/c/env/PYTHONHTTPSVERIFY".into()),
                (
                    "\"true\"".into(),
                    "/mcpServers/c/env/GIT_SSL_NO_VERIFY".into()
                ),
            ]
        );
    }

    #[test]
    fn reports_remote_plain_urls_only() {
        let json = r#"{"mcpServers": {
            "a": {"url": "http://mcp.example.com/mcp"},
            "b": {"url": "https://mcp.example.com/mcp"},
            "c": {"url": "http://localhost:3000/mcp"},
            "d": {"url": "ws://10.0.0.5/ws"},
            "e": {"url": "http://${HOST}/mcp"},
            "f": {"command": "npx", "args": ["-y", "mcp-remote@0.1.0", "http://remote.example/sse"]},
            "g": {"command": "npx", "args": ["-y", "mcp-remote@0.1.0", "http://127.0.0.1:8080/sse"]},
            "h": {"command": "npx", "args": ["-y", "other@1.0.0", "http://docs.example/"]}
        }}"#;
        assert_eq!(
            run(json),
            vec![
                (
                    "\"http://mcp.example.com/mcp\"".into(),
                    "/mcpServers/a/url".into()
                ),
                ("\"ws://10.0.0.5/ws\"".into(), "/mcpServers/d/url".into()),
                (
                    "\"http://remote.example/sse\"".into(),
                    "/mcpServers/f/args/2".into()
                ),
            ]
        );
    }
}
