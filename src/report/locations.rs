//! `mcpward locations`: every place mcpward looks for client configs on
//! this OS, per client and scope, as text or JSON.

use crate::clients;
use crate::discover::Env;

/// `mcpward locations --format json`: one object per location.
pub fn json(env: &Env) -> String {
    #[derive(serde::Serialize)]
    struct WireLocation<'a> {
        client: &'a str,
        client_name: &'a str,
        role: &'a str,
        scope: &'a str,
        format: &'static str,
        path: String,
        template: &'a str,
        exists: bool,
        checked: bool,
        /// The environment variable that set the path (`CODEX_HOME`).
        env_var: Option<&'a str>,
        /// The path is a glob that matched no file.
        pattern: bool,
    }
    let locs = crate::discover::known_locations(env, Some(&env.cwd));
    let wire: Vec<WireLocation> = locs
        .iter()
        .map(|l| WireLocation {
            client: &l.kind.client.id,
            client_name: &l.kind.client.name,
            role: &l.kind.file.role,
            scope: l.scope.name(),
            format: match l.kind.file.format {
                clients::Format::Json => "json",
                clients::Format::Jsonc => "jsonc",
                clients::Format::Toml => "toml",
            },
            path: l.path.display().to_string(),
            template: &l.template,
            exists: l.exists(),
            checked: l.checkable,
            env_var: l.env_var.as_deref(),
            pattern: l.pattern,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&wire).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// `mcpward locations`: every location per client, and whether it exists.
pub fn text(env: &Env) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let home = env
        .home
        .as_ref()
        .map(|h| h.display().to_string())
        .unwrap_or_else(|| "(unknown)".into());
    let _ = writeln!(
        out,
        "Locations checked on {} (home: {home}); project paths are relative to {}\n",
        env.os.name(),
        env.cwd.display()
    );
    if !env.env_vars.is_empty() {
        let names: Vec<String> = env
            .env_vars
            .iter()
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect();
        let _ = writeln!(out, "Set in the environment: {}\n", names.join(", "));
    }
    let all = crate::discover::known_locations(env, Some(&env.cwd));
    for client in clients::all() {
        let locs: Vec<_> = all
            .iter()
            .filter(|l| std::ptr::eq(l.kind.client, client))
            .collect();
        if locs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} ({})", client.name, client.id);
        for l in locs {
            let state = if !l.checkable {
                "n/a    "
            } else if l.exists() {
                "found  "
            } else {
                "missing"
            };
            let from = l
                .env_var
                .as_ref()
                .map(|v| format!("  (from ${v})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {state} {:<7} {}{from}",
                l.scope.name(),
                l.path.display()
            );
        }
    }
    let _ = writeln!(
        out,
        "\nProject files are also found anywhere under the scanned folder, by the path endings above \
         (.gitignore respected, hidden folders included). n/a: a system path of another OS layout. \
         `*` matches within a name, `**` up to {} folders. With --home or --platform, variables such as \
         CODEX_HOME are not read from this machine's environment.",
        clients::GLOB_DEPTH
    );
    out
}
