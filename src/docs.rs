//! Generated documentation: `docs/rules.md`, the README's rule and client
//! tables, and the text of `mcpward rules` / `mcpward explain`, all from the
//! same sources ([`crate::rules::RuleMeta`] and `known-clients/`). A test
//! (`tests/docs.rs`) fails when a checked-in copy is stale;
//! `MCPWARD_BLESS=1 cargo test --test docs` rewrites them.

use std::fmt::Write as _;

use crate::clients::{self, Client, FileSpec, Format, Os, Scope};
use crate::rules::{self, RuleMeta};

/// How to refresh every generated file.
pub const BLESS_HINT: &str = "MCPWARD_BLESS=1 cargo test --test docs";

/// `mcpward rules --format json`: one object per rule, in registry order.
pub fn rules_json() -> String {
    let list: Vec<serde_json::Value> = rules::RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "summary": m.summary,
                "default_severity": m.default_severity.name(),
                "family": m.family,
                "precision": m.precision,
                "help_uri": m.help_uri(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// `mcpward rules`: one line per rule (id, default severity, summary).
pub fn rules_list() -> String {
    let width = rules::RULES
        .iter()
        .map(|r| r.meta().id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "{:<width$}  {:<8}  SUMMARY", "RULE", "SEVERITY");
    for r in rules::RULES {
        let m = r.meta();
        let _ = writeln!(
            out,
            "{:<width$}  {:<8}  {}",
            m.id,
            m.default_severity.name(),
            m.summary
        );
    }
    let _ = writeln!(
        out,
        "\n{} rule(s). `mcpward explain <rule>` prints a rule's full documentation.",
        rules::RULES.len()
    );
    out
}

/// `mcpward explain <id>`: the rule's header and full docs.
pub fn explain(meta: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", meta.id);
    let _ = writeln!(out, "{}\n", meta.summary);
    let _ = writeln!(
        out,
        "Default severity: {}. Family: {}. Precision: {}.\n",
        meta.default_severity.name(),
        meta.family,
        meta.precision
    );
    out.push_str(meta.docs.trim_end());
    out.push_str(&options_section(meta, "##"));
    let _ = writeln!(out, "\n\nOnline: {}", meta.help_uri());
    out
}

/// "Options" after a rule's docs: each option of its `[rules.<id>]` table.
fn options_section(meta: &RuleMeta, heading: &str) -> String {
    if meta.options.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n\n{heading} Options\n\nIn `[rules.{}]` of `mcpward.toml` (see docs/configuration.md):\n",
        meta.id
    );
    for o in meta.options {
        let _ = write!(out, "\n- `{}` ({}): {}", o.name, o.ty, o.meaning);
    }
    out
}

/// Raise every Markdown heading by one level, outside code fences.
fn demote_headings(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 64);
    let mut in_fence = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The whole of `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# mcpward rules\n");
    let _ = writeln!(
        out,
        "<!-- Generated from the rules' own docs (src/rules/). Do not edit: run `{BLESS_HINT}`. -->\n"
    );
    let _ = writeln!(
        out,
        "Every rule, its default severity and its full documentation. `mcpward rules` \
         lists them and `mcpward explain <rule>` prints one in the terminal.\n"
    );
    out.push_str(&rules_table(""));
    for r in rules::RULES {
        let m = r.meta();
        let _ = writeln!(out, "\n## {}\n", m.id);
        let _ = writeln!(out, "{}\n", m.summary);
        let _ = writeln!(
            out,
            "Default severity: **{}**. Family: `{}`. Precision: {}.\n",
            m.default_severity.name(),
            m.family,
            m.precision
        );
        out.push_str(demote_headings(m.docs.trim()).as_str());
        let options = options_section(m, "###");
        if let Some(o) = options.strip_prefix('\n') {
            out.push_str(o);
            out.push('\n');
        }
    }
    out
}

/// The rule table; `link_base` prefixes the `#id` anchors (`docs/rules.md`
/// from the README, empty inside rules.md).
pub fn rules_table(link_base: &str) -> String {
    let mut out = String::from("| Rule | Default severity | What it finds |\n|---|---|---|\n");
    for r in rules::RULES {
        let m = r.meta();
        let _ = writeln!(
            out,
            "| [`{id}`]({link_base}#{id}) | {} | {} |",
            m.default_severity.name(),
            m.summary.replace('|', "\\|"),
            id = m.id,
        );
    }
    out
}

/// The table of every rule's options, for docs/configuration.md.
pub fn options_table() -> String {
    let mut out = String::from("| rule | option | type | meaning |\n| --- | --- | --- | --- |\n");
    for r in rules::RULES {
        let m = r.meta();
        for (i, o) in m.options.iter().enumerate() {
            let rule = if i == 0 {
                format!("[`{0}`](rules.md#{0})", m.id)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {rule} | `{}` | {} | {} |",
                o.name,
                o.ty.replace('|', "\\|"),
                o.meaning.replace('|', "\\|")
            );
        }
    }
    out
}

/// docs/configuration.md with its generated option table refreshed.
pub fn refresh_configuration(doc: &str) -> Option<String> {
    splice(doc, "options", &options_table())
}

fn os_note(file: &FileSpec) -> String {
    match &file.os {
        Some(list) if list.len() < Os::ALL.len() => {
            let names: Vec<&str> = list
                .iter()
                .map(|o| match o {
                    Os::Linux => "Linux",
                    Os::Macos => "macOS",
                    Os::Windows => "Windows",
                })
                .collect();
            format!(" ({})", names.join(", "))
        }
        _ => String::new(),
    }
}

fn dialect(file: &FileSpec) -> &'static str {
    match (
        file.format,
        file.allows_comments(),
        file.allows_trailing_commas(),
    ) {
        (Format::Toml, _, _) => "TOML",
        (_, true, true) => "JSONC",
        (_, true, false) => "JSON + comments",
        (_, false, _) => "JSON",
    }
}

/// A location template for the README: the default path in backticks, and
/// the variables that move it (`~/.codex/config.toml` (`$CODEX_HOME`)).
fn shown_template(t: &str) -> String {
    let vars: Vec<String> = clients::env_names(t)
        .iter()
        .map(|v| format!("`${v}`"))
        .collect();
    match clients::default_template(t) {
        Some(d) if vars.is_empty() => format!("`{}`", d.replace("{config}", "<config>")),
        Some(d) => format!(
            "`{}` ({})",
            d.replace("{config}", "<config>"),
            vars.join(", ")
        ),
        None => format!("the file named by {}", vars.join(", ")),
    }
}

fn client_row(c: &Client) -> String {
    let mut places: Vec<String> = Vec::new();
    for scope in [Scope::User, Scope::Project, Scope::System] {
        let mut paths: Vec<String> = Vec::new();
        for f in c.files.iter().filter(|f| f.scope == scope) {
            let list = match scope {
                Scope::User => &f.user_paths,
                Scope::Project => &f.project_paths,
                Scope::System => &f.system_paths,
            };
            for p in list {
                let shown = format!("{}{}", shown_template(p), os_note(f));
                if !paths.contains(&shown) {
                    paths.push(shown);
                }
            }
        }
        if !paths.is_empty() {
            places.push(format!("{}: {}", scope.name(), paths.join(", ")));
        }
    }
    let mut dialects: Vec<&str> = c.files.iter().map(dialect).collect();
    dialects.dedup();
    let docs = c
        .docs
        .first()
        .map(|d| format!("[docs]({d})"))
        .unwrap_or_default();
    format!(
        "| {} | `{}` | {} | {} | {} |",
        c.name,
        c.id,
        places.join("<br>"),
        dialects.join(", "),
        docs
    )
}

/// The supported-clients table for the README, from `known-clients/`.
/// The catch-all `generic` entry is described under the table instead.
pub fn clients_table() -> String {
    let mut out = String::from(
        "| Client | `--client` | Files checked | Format | Source |\n|---|---|---|---|---|\n",
    );
    for c in clients::all().iter().filter(|c| c.id != "generic") {
        out.push_str(&client_row(c));
        out.push('\n');
    }
    out.push_str(
        "\n`<config>` is `~/.config` on Linux, `~/Library/Application Support` on macOS and \
         `%APPDATA%` on Windows. Project paths are found anywhere under a scanned folder; \
         any other file with an `mcpServers` map is linted as `generic`.\n",
    );
    out
}

/// Replace the text between `<!-- {name}:start -->` and `<!-- {name}:end -->`
/// with `content`. `None` when the markers are missing or out of order.
pub fn splice(doc: &str, name: &str, content: &str) -> Option<String> {
    let start = format!("<!-- {name}:start -->");
    let end = format!("<!-- {name}:end -->");
    let s = doc.find(&start)? + start.len();
    let e = s + doc[s..].find(&end)?;
    Some(format!("{}\n{}{}", &doc[..s], content, &doc[e..]))
}

/// The README with its generated tables refreshed.
pub fn refresh_readme(readme: &str) -> Option<String> {
    let r = splice(readme, "rules", &rules_table("docs/rules.md"))?;
    splice(&r, "clients", &clients_table())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_replaces_between_markers_only() {
        let doc = "a\n<!-- x:start -->\nold\n<!-- x:end -->\nb\n";
        assert_eq!(
            splice(doc, "x", "new\n").unwrap(),
            "a\n<!-- x:start -->\nnew\n<!-- x:end -->\nb\n"
        );
        assert!(splice("no markers", "x", "y").is_none());
        assert!(splice("<!-- x:end --> <!-- x:start -->", "x", "y").is_none());
    }

    #[test]
    fn headings_demoted_outside_fences() {
        assert_eq!(
            demote_headings("## A\n```sh\n# comment\n```\n"),
            "### A\n```sh\n# comment\n```\n"
        );
    }
}
