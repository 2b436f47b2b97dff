//! `broad-filesystem-access`: a filesystem-capable server, a container mount
//! or a client setting that grants the root, a whole home directory or a
//! credential store. Paths are judged lexically by [`crate::paths`]; launches
//! are read by [`crate::packages`].

use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, ServerEntry, Str};
use crate::packages::{self, Launch, Launcher};
use crate::parse::{Node, Span};
use crate::paths::{self, Breadth, Exposure, NormPath};
use crate::rules::options::{OptionDoc, OptionError, RuleTable};
use crate::rules::{Context, Rule, RuleMeta};

/// The rule, with the folders of `allowed-dirs` normalised.
pub struct BroadFilesystemAccess {
    allowed: Vec<NormPath>,
}

impl BroadFilesystemAccess {
    /// The rule with no allowed folders.
    pub const DEFAULT: BroadFilesystemAccess = BroadFilesystemAccess {
        allowed: Vec::new(),
    };
}

const OPTIONS: &[OptionDoc] = &[OptionDoc {
    name: "allowed-dirs",
    ty: "array of paths",
    meaning: "folders that may be exposed without a finding, with everything below them (`~` is the home folder; written in any form the rule reads, `$HOME/.kube` and `/home/me/.kube` alike)",
}];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    allowed_dirs: Option<Vec<String>>,
}

static META: RuleMeta = RuleMeta {
    id: "broad-filesystem-access",
    summary: "A server or setting grants the root, the whole home directory or a credential store",
    default_severity: Severity::High,
    family: "blast-radius",
    precision: "high",
    docs: r#"## What it does

Reports each path that gives an MCP server, a container or the client itself
the root of a disk, a whole home directory, or a credential store:

- the directories passed to the official `@modelcontextprotocol/server-filesystem`
  (any version, any launcher: `npx`, `bunx`, `pnpm dlx`, a shell wrapper) and
  to the servers in a small table: `mcp-filesystem-server` (mark3labs, also by
  `go run`), `rust-mcp-filesystem` and `mcp-server-git --repository`;
- bind mounts of a `docker run` / `podman run` server, whatever the image
  (`-v SRC:DST`, `--volume`, `--mount type=bind,src=...`), including the
  official `mcp/filesystem` image;
- directory allowlists in a server's environment, by name:
  `ALLOWED_DIRECTORIES`, `ALLOWED_DIRS`, `ALLOWED_PATHS`, `ALLOWED_ROOTS`,
  `ALLOWED_FOLDERS`, `FS_ALLOWLIST` (with any prefix, comma, semicolon or
  colon separated), as read by many filesystem servers;
- client settings: Claude Code `permissions.additionalDirectories`, Codex
  `[projects."<path>"] trust_level = "trusted"` and
  `[sandbox_workspace_write] writable_roots`, VS Code
  `sandbox.filesystem.allowWrite`, Claude Desktop
  `preferences.localAgentModeTrustedFolders`.

Paths are normalised before they are judged, without touching the disk:
`~`, `$HOME`, `${HOME}`, `${env:HOME}`, `${userHome}`, `%USERPROFILE%`,
`/Users/<name>`, `/home/<name>`, `/root` and `C:\Users\<name>` (either slash,
any drive, any case) are a home directory; `/`, `C:\`, `/Users` and `/home`
are the root; `.` and `..` are resolved and trailing slashes ignored.
Credential stores are `.ssh`, `.aws`, `.gnupg`, `.config/gcloud`, `.kube`,
`.docker`, `Library/Keychains`, `.azure`, `.config/gh`, `.netrc`,
`.git-credentials` and `.env` files, and home folders that contain one
(`~/.config`, `~/Library`). Severity: root (critical) > home (high) >
credential store (medium). A project folder (`/Users/alice/code/app`,
`${workspaceFolder}`) is not reported.

## Why it matters

A server's reach is what a prompt-injected model can reach. With the home
directory it can read SSH and cloud keys, browser profiles and every other
project, and write to shell start-up files, which run on your next login.

## Example

```json
{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/alice"]
    }
  }
}
```

## Use instead

Pass only the project directories the workflow needs; in clients that expand
it, use the workspace variable:

```json
"args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "${workspaceFolder}"]
```

## References

- modelcontextprotocol/servers, `src/filesystem/README.md` (allowed directories).
- Docker: bind mounts (`docs.docker.com/engine/storage/bind-mounts`).
- Claude Code `permissions.additionalDirectories`; Codex `projects` and
  `sandbox_workspace_write`.
"#,
    options: OPTIONS,
};

/// Servers whose own arguments name the directories they may use:
/// (package or program name, option that precedes a path, or `None` when
/// every positional argument is a path). A name also matches the last
/// segment of a Go module path.
const PATH_SERVERS: &[(&str, Option<&str>)] = &[
    ("@modelcontextprotocol/server-filesystem", None),
    ("mcp-filesystem-server", None),
    ("rust-mcp-filesystem", None),
    ("mcp-server-git", Some("--repository")),
];

/// Environment variable names (suffixes) that hold a directory allowlist.
const ENV_ALLOWLISTS: &[&str] = &[
    "ALLOWED_DIRECTORIES",
    "ALLOWED_DIRS",
    "ALLOWED_PATHS",
    "ALLOWED_ROOTS",
    "ALLOWED_FOLDERS",
    "FS_ALLOWLIST",
];

impl Rule for BroadFilesystemAccess {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn configure(&self, options: &RuleTable) -> Result<Box<dyn Rule>, OptionError> {
        let o: Options = options.deserialize()?;
        let allowed = o.allowed_dirs.unwrap_or_default();
        Ok(Box::new(BroadFilesystemAccess {
            allowed: allowed.iter().map(|d| paths::normalize(d)).collect(),
        }))
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let mut cx = Cx {
            file,
            out,
            allowed: &self.allowed,
        };
        for s in &file.servers {
            cx.server(s);
        }
        let Some(root) = file.root() else { return };
        // Which settings grant folders is `known-clients/` data.
        let spec = file.kind.file;
        for t in &spec.trusted_dirs {
            for dirs in crate::clients::nodes_at(root, &t.pointer) {
                cx.list(Some(dirs), &t.says);
            }
        }
        for m in &spec.trusted_dir_maps {
            for map in crate::clients::nodes_at(root, &m.pointer) {
                cx.trusted_map(map, m);
            }
        }
    }
}

struct Cx<'a, 'o> {
    file: &'a ConfigFile,
    out: &'o mut Vec<Finding>,
    /// `allowed-dirs`: never reported, nor anything below them.
    allowed: &'a [NormPath],
}

fn severity(b: Breadth) -> Severity {
    match b {
        Breadth::Root => Severity::Critical,
        Breadth::Home => Severity::High,
        Breadth::Credential => Severity::Medium,
    }
}

impl Cx<'_, '_> {
    /// `e.g. "${workspaceFolder}"` in clients that have one, else a project
    /// folder below the reported one.
    fn example(&self, raw: &str, e: &Exposure) -> String {
        match (&self.file.kind.client.workspace_variable, e.breadth) {
            (Some(v), _) => format!("\"{v}\""),
            (None, Breadth::Home) if !raw.contains("..") => {
                let sep = if raw.contains('\\') { "\\" } else { "/" };
                let base = raw.trim().trim_end_matches(['/', '\\']);
                format!("\"{base}{sep}code{sep}my-project\"")
            }
            (None, Breadth::Credential) => "the project folder alone".into(),
            (None, _) => "\"/path/to/project\"".into(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        span: Span,
        pointer: &str,
        raw: &str,
        e: &Exposure,
        lead: &str,
        help: String,
        server: Option<&str>,
    ) {
        let norm = paths::normalize(raw);
        if self
            .allowed
            .iter()
            .any(|a| a.base == norm.base && norm.segments.starts_with(&a.segments))
        {
            return;
        }
        let shown = crate::mask::short_key(raw);
        let what = if raw.trim().is_empty() {
            String::new()
        } else {
            format!(" (`{shown}`)")
        };
        let label = match e.breadth {
            Breadth::Root => "root directory",
            Breadth::Home => "whole home directory",
            Breadth::Credential => "credential store",
        };
        self.out.push(
            Finding::new(
                META.id,
                severity(e.breadth),
                span,
                pointer,
                format!("{lead} {}{what}", e.what),
            )
            .label(label)
            .help(help)
            .server(server),
        );
    }

    fn server(&mut self, s: &ServerEntry) {
        let text = &self.file.source.text;
        // (argument, the path in it, exposure, how it is given).
        let mut hits: Vec<(Str, String, Exposure, &'static str)> = Vec::new();
        packages::for_each_launch(s, text, &mut |l: &Launch<'_>| {
            for m in l.container.iter().flat_map(|c| &c.mounts) {
                if let Some(e) = m.bind.then(|| paths::classify(&m.source)).flatten() {
                    let how = if m.read_only { "mount-ro" } else { "mount" };
                    hits.push((m.arg.clone(), m.source.clone(), e, how));
                }
            }
            for arg in path_args(l) {
                if let Some(e) = paths::classify(&arg.value) {
                    hits.push((arg.clone(), arg.value.clone(), e, "arg"));
                }
            }
        });
        let name = crate::mask::short_key(&s.name);
        for (arg, raw, e, how) in hits {
            let example = self.example(&raw, &e);
            let (lead, help) = if how == "arg" {
                (
                    format!("server `{name}` can read and write"),
                    format!("pass only the project directories the workflow needs, e.g. {example}"),
                )
            } else {
                let ro = if how == "mount-ro" {
                    " (read-only)"
                } else {
                    ""
                };
                (
                    format!("the container of server `{name}` mounts{ro}"),
                    format!("mount only the project folder the server needs, e.g. {example}, and never a credential folder"),
                )
            };
            self.report(
                arg.span.clone(),
                &arg.pointer,
                &raw,
                &e,
                &lead,
                help,
                Some(&s.name),
            );
        }
        for kv in &s.env {
            let key = kv.key.to_ascii_uppercase();
            if !ENV_ALLOWLISTS.iter().any(|k| key.ends_with(k)) {
                continue;
            }
            for (piece, range) in split_list(&kv.value.value) {
                let Some(e) = paths::classify(piece) else {
                    continue;
                };
                let span = sub_span(text, &kv.value, range);
                let help = format!(
                    "list only the project directories in {}, e.g. {}",
                    kv.key,
                    self.example(piece, &e)
                );
                self.report(
                    span,
                    &kv.value.pointer,
                    piece,
                    &e,
                    &format!("`{}` lets server `{name}` use", kv.key),
                    help,
                    Some(&s.name),
                );
            }
        }
        if let Some(node) = self.file.server_node(s) {
            let dirs = node.get_path(&["sandbox", "filesystem", "allowWrite"]);
            self.list(
                dirs,
                &format!("the sandbox of server `{name}` may write to"),
            );
        }
    }

    /// Each string of an array of paths.
    fn list(&mut self, node: Option<&Node>, lead: &str) {
        for item in node.and_then(Node::as_array).unwrap_or(&[]) {
            let Some(raw) = item.as_str() else { continue };
            if let Some(e) = paths::classify(raw) {
                let help = format!(
                    "list only the project directories that are needed, e.g. {}",
                    self.example(raw, &e)
                );
                self.report(item.span.clone(), &item.pointer, raw, &e, lead, help, None);
            }
        }
    }

    /// Folders a map marks trusted, each judged by its key.
    fn trusted_map(&mut self, map: &Node, m: &crate::clients::TrustedDirMap) {
        for p in map.as_object().unwrap_or(&[]) {
            let trusted = p.value.get(&m.key).and_then(Node::as_str) == Some(m.equals.as_str());
            match paths::classify(&p.key) {
                Some(e) if trusted => {
                    let help = format!("trust each project folder on its own, e.g. {}, never a folder that holds them all", self.example(&p.key, &e));
                    self.report(
                        p.key_span.clone(),
                        &p.value.pointer,
                        &p.key,
                        &e,
                        &m.says,
                        help,
                        None,
                    );
                }
                _ => {}
            }
        }
    }
}

/// The arguments of a launch that are directories the server may use.
fn path_args<'a>(l: &Launch<'a>) -> Vec<&'a Str> {
    let name = match (l.launcher, l.package) {
        (Launcher::Docker | Launcher::Podman, _) => return Vec::new(),
        (_, Some(p)) => packages::package_name(&packages::spec_text(p)).to_string(),
        (_, None) => crate::model::program_name(&l.program.value),
    };
    let Some((_, flag)) = PATH_SERVERS
        .iter()
        .find(|(n, _)| name == *n || name.ends_with(&format!("/{n}")))
    else {
        return Vec::new();
    };
    let args = &l.server_args;
    match flag {
        None => args
            .iter()
            .copied()
            .filter(|a| !a.value.starts_with('-'))
            .collect(),
        Some(flag) => args
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                if a.value == *flag {
                    args.get(i + 1).copied()
                } else {
                    None
                }
            })
            .collect(),
    }
}

/// Split an allowlist value on `,` and `;`, and on `:` between POSIX paths
/// (never inside a `${...}` reference such as `${env:HOME}`); each piece with
/// its byte range in the value.
fn split_list(value: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = value.as_bytes();
    for (i, b) in crate::paths::bytes_outside_refs(value) {
        // `C:\x` and `C:/x` keep their colon; `/a:/b` is split.
        let lead = bytes[start..i]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        let drive_colon =
            b == b':' && i == start + lead + 1 && bytes[start + lead].is_ascii_alphabetic();
        if b == b',' || b == b';' || (b == b':' && !drive_colon) {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, value.len()));
    out.into_iter()
        .filter_map(|(s, e)| {
            let piece = &value[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let t = piece.trim();
            (!t.is_empty()).then(|| (t, s + lead..s + lead + t.len()))
        })
        .collect()
}

/// The span of `range` (bytes of the decoded value) inside the string
/// literal `s`, when the literal holds the value verbatim; else the whole
/// literal.
fn sub_span(text: &str, s: &Str, range: std::ops::Range<usize>) -> Span {
    let lit = text.get(s.span.clone()).unwrap_or("");
    let quote = lit.len().saturating_sub(s.value.len()) / 2;
    if lit.len() == s.value.len() + 2 * quote
        && lit.get(quote..quote + s.value.len()) == Some(s.value.as_str())
    {
        s.span.start + quote + range.start..s.span.start + quote + range.end
    } else {
        s.span.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlist_values_split_without_breaking_drives() {
        let got: Vec<&str> = split_list("/a:/b, C:\\Users\\x ;D:/y")
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(got, ["/a", "/b", "C:\\Users\\x", "D:/y"]);
        let v = " ~ ,/srv";
        let (p, r) = split_list(v).remove(0);
        assert_eq!((p, &v[r]), ("~", "~"));
    }

    #[test]
    fn allowlist_values_keep_references_whole() {
        let got: Vec<&str> = split_list("${env:HOME}:/srv,${workspaceFolder}/a;${env:HOME}/.ssh")
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            got,
            [
                "${env:HOME}",
                "/srv",
                "${workspaceFolder}/a",
                "${env:HOME}/.ssh"
            ]
        );
    }

    #[test]
    fn severities_follow_breadth() {
        assert!(severity(Breadth::Root) > severity(Breadth::Home));
        assert!(severity(Breadth::Home) > severity(Breadth::Credential));
    }

    fn run(path: &str, text: &str) -> Vec<(String, Severity, String)> {
        let (file, out) = crate::rules::run_rule(&BroadFilesystemAccess::DEFAULT, path, text);
        out.into_iter()
            .map(|f| (f.pointer, f.severity, file.source.text[f.span].to_string()))
            .collect()
    }

    #[test]
    fn env_allowlist_points_at_the_path_inside_the_value() {
        let text = r#"{"mcpServers": {"f": {"command": "files-mcp", "env": {"MCP_ALLOWED_PATHS": "/srv/data:/home/bob"}}}}"#;
        assert_eq!(
            run("/p/.cursor/mcp.json", text),
            [(
                "/mcpServers/f/env/MCP_ALLOWED_PATHS".to_string(),
                Severity::High,
                "/home/bob".to_string()
            )]
        );
    }

    #[test]
    fn only_filesystem_servers_take_positional_paths() {
        let text = r#"{"mcpServers": {
            "a": {"command": "npx", "args": ["-y", "@acme/other-mcp@1.0.0", "/"]},
            "b": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "--verbose", "~"]}
        }}"#;
        let got = run("/p/.cursor/mcp.json", text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "/mcpServers/b/args/3");
    }

    #[test]
    fn codex_untrusted_home_is_silent() {
        let text = "[projects.\"/Users/alice\"]\ntrust_level = \"untrusted\"\n";
        assert!(run("/p/.codex/config.toml", text).is_empty());
    }
}
