//! `unexpanded-variable`: a variable reference written in a syntax the file's
//! client does not expand (`${GITHUB_TOKEN}` in Claude Desktop, `${env:X}` in
//! Claude Code), so the server receives the literal text. Which syntaxes a
//! client expands comes from `variables` in `known-clients/<client>.toml`.

use crate::finding::{Finding, Severity};
use crate::model::ConfigFile;
use crate::parse::Node;
use crate::rules::{Context, Rule, RuleMeta};
use crate::secrets::refs::{self, Reference, Syntax};

pub struct UnexpandedVariable;

static META: RuleMeta = RuleMeta {
    id: "unexpanded-variable",
    summary: "A variable reference in a syntax the client does not expand is passed to the server literally",
    default_severity: Severity::Medium,
    family: "configuration",
    precision: "high",
    docs: r#"## What it does

Finds variable references in server entries written in a syntax that the
file's client does not expand: `${GITHUB_TOKEN}` in Claude Desktop (which
expands nothing), `${env:TOKEN}` in Claude Code (which expands `${TOKEN}`),
`$TOKEN` in Cursor, `${input:id}` outside VS Code, `${workspaceFolder}` in a
client without predefined variables. It says which syntax that client does
support. In VS Code and Visual Studio it also reports an `${input:id}` whose
`id` is not declared in the file's `inputs`, which the client cannot
resolve. Secret-manager references (`op://...`) are left alone: a wrapper
such as `op run` resolves them, not the client. Arguments of an explicit
shell (`sh -c`, `bash -c`, `cmd /c`) are left alone too, since the shell
expands them, and so are `${NAME}` references in the `--header` values of
`mcp-remote`, which substitutes them from its own environment.

## Why it matters

The server receives the literal text `${GITHUB_TOKEN}` as its token. At best
authentication fails with a confusing error; at worst the server falls back
to anonymous access or a different credential, or a path such as
`${workspaceFolder}/data` is created literally. A reference copied from
another client's documentation looks right in review and silently does
nothing.

## Example

```json
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_TOKEN}" }
    }
  }
}
```

in `.mcp.json` (Claude Code).

## Use instead

```json
{ "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" } }
```

Claude Code, Gemini CLI, Kiro: `${NAME}` (Gemini also `$NAME`). Cursor,
Windsurf, Cline, Roo Code: `${env:NAME}`. VS Code: `${input:id}` or
`${env:NAME}`. Claude Desktop, Zed and Codex expand nothing: use a Desktop
Extension or `op run` (Claude Desktop), the environment Zed starts in, or
Codex's `env_vars` / `bearer_token_env_var`.

## References

- Claude Code MCP docs: environment variable expansion in `.mcp.json`.
- VS Code variables reference; Cursor, Windsurf and Cline MCP docs.
"#,
    options: &[],
};

impl Rule for UnexpandedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Nothing is expanded until the server starts.
    fn when_disabled(&self) -> crate::rules::WhenDisabled {
        crate::rules::WhenDisabled::Drop
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let client = file.kind.client;
        // Nobody knows which client reads a file of unknown kind.
        if client.stands_in {
            return;
        }
        let supported: Vec<Syntax> = client
            .variables
            .iter()
            .filter_map(|v| Syntax::from_id(v))
            .collect();
        let declared = declared_inputs(file);
        for server in &file.servers {
            let Some(node) = file.server_node(server) else {
                continue;
            };
            let shell = shell_of(server);
            let own = self_expanded_args(server);
            let args_ptr = format!("{}/args/", server.pointer);
            node.walk(&mut |n: &Node| {
                let Some(text) = n.as_str() else { return };
                let in_args = n.pointer.starts_with(&args_ptr) || n.pointer.ends_with("/command");
                for r in refs::find(text) {
                    if r.syntax == Syntax::Input && supported.contains(&r.syntax) {
                        if let Some(ids) = &declared {
                            if !ids.iter().any(|id| *id == r.name) {
                                out.push(undeclared_input(file, n, text, &r, ids, &server.name));
                            }
                        }
                        continue;
                    }
                    if r.syntax == Syntax::Manager || supported.contains(&r.syntax) {
                        continue;
                    }
                    if in_args && shell.is_some_and(|s| s.contains(&r.syntax)) {
                        continue;
                    }
                    if r.syntax == Syntax::DollarBrace && own.contains(&n.pointer.as_str()) {
                        continue;
                    }
                    out.push(finding(file, n, text, &r, &supported, &server.name));
                }
            });
        }
    }
}

/// The ids declared in the file's `inputs` (VS Code, Visual Studio; the
/// legacy settings.json form keeps them in `mcp.inputs`). `None` when the
/// file is not a servers file of such a client, so nothing is judged.
fn declared_inputs(file: &ConfigFile) -> Option<Vec<&str>> {
    let root = file.root()?;
    let servers_at = file.kind.file.servers.first()?;
    let base: &[&str] = match servers_at.as_str() {
        "/servers" => &[],
        "/mcp/servers" => &["mcp"],
        _ => return None,
    };
    let mut path = base.to_vec();
    path.push("inputs");
    let ids = root
        .get_path(&path)
        .and_then(|n| n.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("id").and_then(|n| n.as_str()))
                .collect()
        })
        .unwrap_or_default();
    Some(ids)
}

fn undeclared_input(
    file: &ConfigFile,
    node: &Node,
    text: &str,
    r: &Reference,
    ids: &[&str],
    server: &str,
) -> Finding {
    let shown = &text[r.range.clone()];
    let span = match inner_offset(&file.source.text, node, text) {
        Some(o) => o + r.range.start..o + r.range.end,
        None => node.span.clone(),
    };
    let declared = if ids.is_empty() {
        "the file declares no `inputs`".to_string()
    } else {
        let list: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
        format!("`inputs` declares {}", list.join(", "))
    };
    Finding::new(
        META.id,
        META.default_severity,
        span,
        node.pointer.clone(),
        format!(
            "`{shown}` names no input: {declared}, so {} cannot resolve it",
            file.kind.client.name
        ),
    )
    .label("undeclared input")
    .help(format!(
        "add {{\"type\": \"promptString\", \"id\": \"{}\", \"password\": true}} to \"inputs\", or use the id already declared",
        r.name
    ))
    .server(Some(server))
}

/// Arguments that the server program expands itself, whatever the client:
/// `mcp-remote` replaces `${NAME}` in each `--header` value with the
/// variable from its own environment (its README's way to keep a token in
/// `env`: `"--header", "Authorization:${AUTH_HEADER}"`).
fn self_expanded_args(server: &crate::model::ServerEntry) -> Vec<&str> {
    let Some(launch) = crate::packages::parse_launch(server) else {
        return Vec::new();
    };
    let is_mcp_remote = match launch.package_spec() {
        Some(spec) => {
            launch.launcher.ecosystem() == crate::packages::Ecosystem::Npm
                && crate::packages::package_name(&spec) == "mcp-remote"
        }
        None => crate::model::program_name(&launch.program.value) == "mcp-remote",
    };
    if !is_mcp_remote {
        return Vec::new();
    }
    let args = &launch.server_args;
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if a.value == "--header" {
            if let Some(v) = args.get(i + 1) {
                out.push(v.pointer.as_str());
            }
        } else if a.value.starts_with("--header=") {
            out.push(a.pointer.as_str());
        }
    }
    out
}

/// Syntaxes an explicit shell expands in its script argument.
fn shell_of(server: &crate::model::ServerEntry) -> Option<&'static [Syntax]> {
    let program = server.program()?;
    let has = |flag: &str| {
        server
            .args
            .iter()
            .any(|a| a.value.eq_ignore_ascii_case(flag))
    };
    match program.as_str() {
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "fish" | "env"
            if has("-c") || program == "env" =>
        {
            Some(&[Syntax::Dollar, Syntax::DollarBrace])
        }
        "cmd" if has("/c") || has("/k") => Some(&[Syntax::Percent]),
        "powershell" | "pwsh" => Some(&[Syntax::Dollar, Syntax::DollarBrace]),
        _ => None,
    }
}

fn finding(
    file: &ConfigFile,
    node: &Node,
    text: &str,
    r: &Reference,
    supported: &[Syntax],
    server: &str,
) -> Finding {
    let client = file.kind.client;
    let shown = &text[r.range.clone()];
    let span = match inner_offset(&file.source.text, node, text) {
        Some(o) => o + r.range.start..o + r.range.end,
        None => node.span.clone(),
    };
    let message = format!(
        "`{shown}` is passed to the server literally: {} does not expand {} references",
        client.name,
        r.syntax.shape()
    );
    Finding::new(
        META.id,
        META.default_severity,
        span,
        node.pointer.clone(),
        message,
    )
    .label("not expanded by this client")
    .help(advice(client, r, supported))
    .server(Some(server))
}

/// What to write instead, in a syntax this client expands.
fn advice(client: &crate::clients::Client, r: &Reference, supported: &[Syntax]) -> String {
    let var = match r.syntax {
        Syntax::Input => r.name.to_ascii_uppercase().replace('-', "_"),
        Syntax::Predefined | Syntax::FileColon => String::new(),
        _ => r.name.clone(),
    };
    if r.syntax == Syntax::Predefined {
        return match &client.workspace_variable {
            Some(w) => format!("{} writes the project folder as `{w}`", client.name),
            None => format!(
                "{} has no predefined variables: write the absolute path",
                client.name
            ),
        };
    }
    let mut ways: Vec<String> = supported
        .iter()
        .filter_map(|s| s.env_example(&var).map(|e| format!("`{e}`")))
        .collect();
    ways.dedup();
    if !var.is_empty() && !ways.is_empty() {
        return format!(
            "write {} instead: {} expands {}",
            ways.join(" or "),
            client.name,
            shapes(supported)
        );
    }
    match crate::secrets::names::classify(&var) {
        // The name alone cannot tell whether the value is secret
        // (`AUTH_HEADER`, `CONN`): never advise pasting it without a caveat.
        crate::secrets::NameClass::Other => format!(
            "{} expands no variables here: write the value itself if it is not a secret (for a secret: {})",
            client.name, client.secret_advice
        ),
        _ => client.secret_advice.clone(),
    }
}

fn shapes(supported: &[Syntax]) -> String {
    let v: Vec<&str> = supported.iter().map(|s| s.shape()).collect();
    v.join(", ")
}

fn inner_offset(src: &str, node: &Node, value: &str) -> Option<usize> {
    let raw = src.get(node.span.clone())?;
    (0..=3)
        .find(|q| raw.len() == value.len() + 2 * q && raw.get(*q..q + value.len()) == Some(value))
        .map(|q| node.span.start + q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, text: &str) -> Vec<Finding> {
        crate::rules::run_rule(&UnexpandedVariable, path, text).1
    }

    #[test]
    fn claude_desktop_expands_nothing() {
        let t = r#"{"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}}"#;
        let f = check(
            "/h/Library/Application Support/Claude/claude_desktop_config.json",
            t,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].span.clone()], "${GITHUB_TOKEN}");
        assert_eq!(f[0].pointer, "/mcpServers/gh/env/GITHUB_TOKEN");
        assert!(f[0].help.as_deref().unwrap_or("").contains("op run"));
    }

    #[test]
    fn claude_code_wants_dollar_brace() {
        let t = r#"{"mcpServers": {"gh": {"command": "npx", "args": ["--dir", "${workspaceFolder}"], "env": {"A": "${env:GITHUB_TOKEN}", "B": "${GITHUB_TOKEN}", "C": "$HOME_DIR"}}}}"#;
        let f = check("/p/.mcp.json", t);
        let shown: Vec<&str> = f.iter().map(|f| &t[f.span.clone()]).collect();
        assert_eq!(
            shown,
            ["${workspaceFolder}", "${env:GITHUB_TOKEN}", "$HOME_DIR"]
        );
        assert!(f[1]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`${GITHUB_TOKEN}`"));
    }

    #[test]
    fn cursor_and_vscode() {
        let t = r#"{"mcpServers": {"x": {"command": "x", "env": {"A": "${env:TOKEN}", "B": "${TOKEN}", "C": "${input:tok}"}}}}"#;
        let f = check("/p/.cursor/mcp.json", t);
        assert_eq!(f.len(), 2);
        assert!(f[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`${env:TOKEN}`"));
        let v = r#"{"servers": {"x": {"command": "x", "env": {"A": "${env:TOKEN}", "C": "${input:tok}", "D": "${workspaceFolder}"}}}, "inputs": [{"id": "tok", "type": "promptString"}]}"#;
        assert!(check("/p/.vscode/mcp.json", v).is_empty());
    }

    #[test]
    fn shells_and_managers_are_left_alone() {
        let t = r#"{"mcpServers": {"x": {"command": "bash", "args": ["-c", "exec srv --token $TOKEN"], "env": {"T": "op://Private/x/token"}}}}"#;
        assert!(check("/h/.config/Claude/claude_desktop_config.json", t).is_empty());
    }

    #[test]
    fn mcp_remote_expands_its_own_header_values() {
        // mcp-remote substitutes ${NAME} in --header values from its env,
        // in every client; elsewhere in the same entry the client's rules hold.
        let t = r#"{"mcpServers": {"api": {"command": "npx", "args": ["-y", "mcp-remote@0.1.29", "https://mcp.example.com/mcp", "--header", "Authorization:${AUTH_HEADER}", "--resource", "${RESOURCE}"], "env": {"AUTH_HEADER": "Bearer x"}}}}"#;
        let f = check(
            "/h/Library/Application Support/Claude/claude_desktop_config.json",
            t,
        );
        let shown: Vec<&str> = f.iter().map(|f| &t[f.span.clone()]).collect();
        assert_eq!(shown, ["${RESOURCE}"]);
        let global = r#"{"mcpServers": {"api": {"command": "mcp-remote", "args": ["https://mcp.example.com/mcp", "--header=X-Key:${KEY}"]}}}"#;
        assert!(check("/h/.cursor/mcp.json", global).is_empty());
        // Another package's --header gets no such pass.
        let other = r#"{"mcpServers": {"api": {"command": "npx", "args": ["-y", "other-proxy@1.0.0", "--header", "Authorization:${AUTH_HEADER}"]}}}"#;
        assert_eq!(check("/h/.cursor/mcp.json", other).len(), 1);
    }

    #[test]
    fn no_expansion_advice_never_says_paste_a_secret() {
        let t =
            r#"{"mcpServers": {"api": {"command": "srv", "args": ["--auth", "${AUTH_HEADER}"]}}}"#;
        let f = check(
            "/h/Library/Application Support/Claude/claude_desktop_config.json",
            t,
        );
        assert_eq!(f.len(), 1);
        let help = f[0].help.as_deref().unwrap_or("");
        assert!(help.contains("if it is not a secret"), "{help}");
        assert!(help.contains("Desktop Extension"), "{help}");
    }

    #[test]
    fn vscode_inputs_must_be_declared() {
        let t = r#"{"inputs": [{"type": "promptString", "id": "api-key", "password": true}],
            "servers": {"x": {"type": "http", "url": "https://m.example.com/mcp",
                "headers": {"Authorization": "Bearer ${input:apiKey}", "X-Other": "${input:api-key}"}}}}"#;
        let f = check("/p/.vscode/mcp.json", t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].span.clone()], "${input:apiKey}");
        assert!(f[0].message.contains("`api-key`"), "{}", f[0].message);
        let none = r#"{"servers": {"x": {"command": "s", "env": {"K": "${input:key}"}}}}"#;
        let f = check("/p/.vscode/mcp.json", none);
        assert!(
            f[0].message.contains("declares no `inputs`"),
            "{}",
            f[0].message
        );
        let legacy = r#"{"mcp": {"inputs": [{"id": "k", "type": "promptString"}], "servers": {"x": {"command": "s", "env": {"K": "${input:k}"}}}}}"#;
        assert!(check("/p/.vscode/settings.json", legacy).is_empty());
    }

    #[test]
    fn codex_toml() {
        let t = "[mcp_servers.x]\ncommand = \"srv\"\nenv = { TOKEN = \"${TOKEN}\" }\n";
        let f = check("/h/.codex/config.toml", t);
        assert_eq!(f.len(), 1);
        assert!(f[0].help.as_deref().unwrap_or("").contains("env_vars"));
    }
}
