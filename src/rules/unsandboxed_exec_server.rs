//! `unsandboxed-exec-server`: servers that run code, shell commands or a
//! browser, started directly on the host; and container launches whose flags
//! undo the container's isolation (`--privileged`, the Docker socket, host
//! network or PID namespace, `SYS_ADMIN`, a bind of `/`).

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, ServerEntry, Str};
use crate::packages::{self, Launch, Launcher};
use crate::paths::{self, Base};
use crate::rules::{Context, Rule, RuleMeta};

pub struct UnsandboxedExecServer;

static META: RuleMeta = RuleMeta {
    id: "unsandboxed-exec-server",
    summary: "A server that runs code or drives a browser runs on the host, or its container is not isolated",
    default_severity: Severity::Low,
    family: "blast-radius",
    precision: "medium",
    docs: r#"## What it does

Finds servers whose whole job is to execute things (shell and terminal servers,
code runners, Desktop Commander, Puppeteer, Playwright and other browser
drivers) launched directly on the host (`npx`, `uvx`, a local binary) rather
than in a container, and reports them at low severity with sandboxing advice.

For every server started with `docker run` or `podman run`, it reports the
flags that undo the container's isolation: `--privileged`, a mount of the
Docker socket (`/var/run/docker.sock`), `--network host`, `--pid host`,
`--cap-add SYS_ADMIN` (or `ALL`), and a bind mount of the host's `/`.

Known execution servers: `@wonderwhy-er/desktop-commander`,
`mcp-shell-server`, `mcp-server-commands`, `iterm-mcp`,
`mcp-server-code-runner`, `jupyter-mcp-server`, `windows-mcp`,
`@modelcontextprotocol/server-puppeteer`, `puppeteer-mcp-server`,
`@playwright/mcp`, `@executeautomation/playwright-mcp-server`,
`chrome-devtools-mcp`, `@browsermcp/mcp`.

## Why it matters

These servers have the highest blast radius: one injected instruction becomes
a shell command with your user's rights, or a browser session with your
cookies and access to your local network. A container with only the mounts
the server needs and no network by default turns "anything your user can do"
into "what this folder allows". A privileged container, or one holding the
Docker socket, is no boundary at all: it is root on the host.

## Example

```json
{
  "mcpServers": {
    "shell": { "command": "uvx", "args": ["mcp-shell-server==1.0.3"] },
    "tools": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-v", "/var/run/docker.sock:/var/run/docker.sock", "ghcr.io/acme/tools:1.2"]
    }
  }
}
```

## Use instead

```json
{
  "mcpServers": {
    "shell": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "--network", "none", "-v", "/Users/alice/code/app:/workspace", "ghcr.io/acme/shell-mcp:1.0.3"]
    }
  }
}
```

## References

- Docker: "Runtime privilege and Linux capabilities", "Protect the Docker daemon socket".
- OWASP Top 10 for LLM Applications: LLM06 Excessive Agency.
"#,
    options: &[],
};

/// What an execution server does, for messages and advice.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Shell,
    Code,
    Desktop,
    Browser,
}

/// Known execution servers by package (or program) name.
const EXEC_SERVERS: &[(&str, Kind)] = &[
    ("@wonderwhy-er/desktop-commander", Kind::Desktop),
    ("desktop-commander", Kind::Desktop),
    ("windows-mcp", Kind::Desktop),
    ("mcp-shell-server", Kind::Shell),
    ("mcp-server-commands", Kind::Shell),
    ("iterm-mcp", Kind::Shell),
    ("mcp-server-code-runner", Kind::Code),
    ("jupyter-mcp-server", Kind::Code),
    ("@modelcontextprotocol/server-puppeteer", Kind::Browser),
    ("puppeteer-mcp-server", Kind::Browser),
    ("@playwright/mcp", Kind::Browser),
    ("@executeautomation/playwright-mcp-server", Kind::Browser),
    ("chrome-devtools-mcp", Kind::Browser),
    ("@browsermcp/mcp", Kind::Browser),
];

impl Rule for UnsandboxedExecServer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        for s in &file.servers {
            if s.disabled {
                continue;
            }
            let mut found = Vec::new();
            packages::for_each_launch(s, &file.source.text, &mut |l: &Launch<'_>| {
                found.extend(check_launch(s, l));
            });
            out.extend(found);
        }
    }
}

fn finding(
    s: &ServerEntry,
    at: &Str,
    sev: Severity,
    msg: String,
    label: &str,
    help: &str,
) -> Finding {
    Finding::new(META.id, sev, at.span.clone(), at.pointer.clone(), msg)
        .label(label)
        .help(help)
        .server(Some(&s.name))
}

fn check_launch(s: &ServerEntry, l: &Launch<'_>) -> Vec<Finding> {
    let name = crate::mask::short_key(&s.name);
    let Some(c) = &l.container else {
        return on_host(s, l).into_iter().collect();
    };
    let engine = if l.launcher == Launcher::Podman {
        "podman"
    } else {
        "docker"
    };
    let mut out = Vec::new();
    if let Some(a) = c.privileged {
        out.push(finding(s, a, Severity::Critical, format!("`--privileged` gives the container of server `{name}` every device and capability of the host: escaping it is one command away"), "privileged container", "remove --privileged; add only the capabilities the server needs"));
    }
    for m in &c.mounts {
        let src = m.source.replace('\\', "/");
        let socket = [
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/run/podman/podman.sock",
            "//./pipe/docker_engine",
        ]
        .iter()
        .any(|p| src.ends_with(p));
        if socket {
            out.push(finding(s, m.arg, Severity::Critical, format!("the container of server `{name}` holds the {engine} socket: whoever controls the server can start a privileged container, which is root on the host"), "container engine socket", "do not mount the engine socket; if the server must manage containers, give it a socket proxy that allows only the calls it needs"));
        } else if m.bind && is_host_root(&m.source) {
            out.push(finding(s, m.arg, Severity::Critical, format!("the container of server `{name}` mounts the host's root filesystem: the container is no boundary"), "host root mounted", "mount only the project folder the server needs"));
        }
    }
    if let Some(a) = c.network_host {
        out.push(finding(s, a, Severity::Medium, format!("`--network host` shares the host's network with server `{name}`: it reaches services on localhost and the local network"), "host network", "drop --network host; use --network none, or a user-defined network with only what the server needs"));
    }
    if let Some(a) = c.pid_host {
        out.push(finding(
            s,
            a,
            Severity::High,
            format!("`--pid host` lets server `{name}` see and signal every process on the host"),
            "host PID namespace",
            "remove --pid host",
        ));
    }
    for a in &c.cap_add {
        let cap = a
            .value
            .rsplit('=')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        let cap = cap.strip_prefix("CAP_").unwrap_or(&cap);
        if cap == "SYS_ADMIN" || cap == "ALL" {
            out.push(finding(s, a, Severity::High, format!("`--cap-add {cap}` gives the container of server `{name}` near-root power over the host kernel"), "dangerous capability", "remove the capability; most servers need none"));
        }
    }
    out
}

fn is_host_root(source: &str) -> bool {
    let p = paths::normalize(source);
    p.segments.is_empty() && matches!(p.base, Base::Root | Base::Drive(_))
}

/// An execution server started on the host.
fn on_host(s: &ServerEntry, l: &Launch<'_>) -> Option<Finding> {
    let (name, at) = match l.package {
        Some(p) => (
            packages::package_name(&packages::spec_text(p)).to_string(),
            p,
        ),
        None => (crate::model::program_name(&l.program.value), l.program),
    };
    let kind = EXEC_SERVERS
        .iter()
        .find(|(n, _)| name.eq_ignore_ascii_case(n))
        .map(|(_, k)| *k)?;
    let server = crate::mask::short_key(&s.name);
    let (does, help) = match kind {
        Kind::Shell => ("runs shell commands with your user's rights", SHELL_HELP),
        Kind::Code => ("executes code with your user's rights", SHELL_HELP),
        Kind::Desktop => (
            "runs commands and edits files anywhere your user can",
            SHELL_HELP,
        ),
        Kind::Browser => (
            "drives a browser that can act with your cookies and reach your local network",
            BROWSER_HELP,
        ),
    };
    Some(finding(
        s,
        at,
        Severity::Low,
        format!("server `{server}` runs `{name}` directly on this machine: it {does}"),
        "runs on the host",
        help,
    ))
}

const SHELL_HELP: &str = "run it in a container with only the mounts it needs and no network by default, e.g. docker run -i --rm --network none -v /path/to/project:/workspace <image>";
const BROWSER_HELP: &str = "run the browser in a container (for Playwright: the mcr.microsoft.com/playwright/mcp image) or at least with an isolated, throw-away profile, never your everyday browser profile";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_root_spellings() {
        for p in ["/", "//", "C:\\", "c:/", "/."] {
            assert!(is_host_root(p), "{p}");
        }
        for p in ["/srv", "~", "$HOME", "./data", "volume-name"] {
            assert!(!is_host_root(p), "{p}");
        }
    }

    fn run(text: &str) -> Vec<(String, Severity)> {
        // Roo Code obeys `disabled` (Cursor does not: known-clients/cursor.toml).
        let (_, out) = crate::rules::run_rule(&UnsandboxedExecServer, "/p/.roo/mcp.json", text);
        out.into_iter().map(|f| (f.pointer, f.severity)).collect()
    }

    #[test]
    fn disabled_and_containerised_exec_servers_are_silent() {
        let text = r#"{"mcpServers": {
            "off": {"command": "npx", "args": ["-y", "@playwright/mcp@0.0.41"], "disabled": true},
            "boxed": {"command": "docker", "args": ["run", "-i", "--rm", "mcp/playwright:1.0"]},
            "plain": {"command": "npx", "args": ["-y", "@upstash/context7-mcp@1.0.31"]}
        }}"#;
        assert!(run(text).is_empty());
    }

    #[test]
    fn local_binary_and_capability_spellings() {
        let text = r#"{"mcpServers": {
            "sh": {"command": "/usr/local/bin/mcp-shell-server"},
            "c": {"command": "docker", "args": ["run", "-i", "--cap-add=CAP_SYS_ADMIN", "--cap-add", "NET_ADMIN", "img:1"]}
        }}"#;
        assert_eq!(
            run(text),
            [
                ("/mcpServers/sh/command".to_string(), Severity::Low),
                ("/mcpServers/c/args/2".to_string(), Severity::High)
            ]
        );
    }
}
