//! Rendering `mcpward inventory`: a terminal table, JSON (schema
//! `mcpward-inventory/1`, docs/inventory.md) and Markdown. Every string
//! comes from [`crate::report::inventory_data`], already redacted.

use crate::report::inventory_data::{Inventory, ServerRow};

/// Cut `s` to `w` characters, marking a cut with `…`.
fn fit(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        format!("{s:<w$}")
    } else {
        let mut out: String = s.chars().take(w.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn identity_cell(s: &ServerRow) -> String {
    let id = &s.identity;
    match id.r#match {
        "known" => format!(
            "{} ({})",
            id.id.as_deref().unwrap_or("?"),
            id.status.unwrap_or("status n/a")
        ),
        "name-hint" => format!("unknown (name ~ {})", id.id.as_deref().unwrap_or("?")),
        _ => "unknown".into(),
    }
}

fn read_only_cell(s: &ServerRow) -> String {
    match &s.read_only {
        Some(r) => r.mode.to_string(),
        None => "-".into(),
    }
}

fn approved_cell(s: &ServerRow) -> String {
    if s.auto_approved.is_empty() {
        "-".into()
    } else {
        s.auto_approved.join(",")
    }
}

fn list_or_dash(v: &[&str]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.join("+")
    }
}

const COLS: [(&str, usize); 8] = [
    ("SERVER", 18),
    ("TRANSPORT", 9),
    ("RUNS", 38),
    ("IDENTITY", 30),
    ("SCOPES", 24),
    ("READ-ONLY", 11),
    ("CREDENTIALS", 13),
    ("AUTO-APPROVED", 20),
];

fn row(cells: [String; 8]) -> String {
    let mut line = String::from(" ");
    for (i, c) in cells.iter().enumerate() {
        line.push(' ');
        if i + 1 == cells.len() {
            line.push_str(c);
        } else {
            line.push_str(&fit(c, COLS[i].1));
        }
    }
    line.trim_end().to_string()
}

/// The terminal table.
pub fn table(inv: &Inventory) -> String {
    let mut out = String::new();
    let (mut known, mut hints, mut unknown, mut total) = (0, 0, 0, 0);
    for f in &inv.files {
        out.push_str(&format!("{} ({}): {}\n", f.client_name, f.scope, f.path));
        if f.servers.is_empty() {
            out.push_str("  (no servers)\n\n");
            continue;
        }
        out.push_str(&row(COLS.map(|(h, _)| h.to_string())));
        out.push('\n');
        for s in &f.servers {
            total += 1;
            match s.identity.r#match {
                "known" => known += 1,
                "name-hint" => hints += 1,
                _ => unknown += 1,
            }
            let name = if s.disabled {
                format!("{} (disabled)", s.name)
            } else {
                s.name.clone()
            };
            out.push_str(&row([
                name,
                s.transport.to_string(),
                s.runs.display.clone(),
                identity_cell(s),
                list_or_dash(&s.scopes),
                read_only_cell(s),
                s.credentials.to_string(),
                approved_cell(s),
            ]));
            out.push('\n');
        }
        out.push('\n');
    }
    for c in &inv.clients {
        if c.servers.is_empty() {
            continue;
        }
        out.push_str(&format!("{} loads together:\n", c.client_name));
        for s in &c.servers {
            out.push_str(&format!("  - {} [{}]: {}\n", s.name, s.scope, s.summary));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{total} server(s) in {} file(s): {known} known, {hints} name hint(s), {unknown} unknown; catalogue of {} entries.\n",
        inv.files.len(),
        inv.catalogue_entries
    ));
    out
}

/// The JSON document.
pub fn json(inv: &Inventory) -> String {
    let mut s = serde_json::to_string_pretty(inv).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown, for an audit or a pull-request description.
pub fn markdown(inv: &Inventory) -> String {
    let mut out = String::from("# MCP server inventory\n\n");
    for f in &inv.files {
        out.push_str(&format!(
            "## {} ({}): `{}`\n\n",
            md_escape(&f.client_name),
            f.scope,
            md_escape(&f.path)
        ));
        if f.servers.is_empty() {
            out.push_str("No servers.\n\n");
            continue;
        }
        out.push_str("| Server | Transport | Runs | Identity | Scopes | Read-only | Credentials | Auto-approved |\n");
        out.push_str("|---|---|---|---|---|---|---|---|\n");
        for s in &f.servers {
            let name = if s.disabled {
                format!("{} (disabled)", s.name)
            } else {
                s.name.clone()
            };
            out.push_str(&format!(
                "| `{}` | {} | `{}` | {} | {} | {} | {} | {} |\n",
                md_escape(&name),
                s.transport,
                md_escape(&s.runs.display),
                md_escape(&identity_cell(s)),
                list_or_dash(&s.scopes),
                read_only_cell(s),
                s.credentials,
                md_escape(&approved_cell(s)),
            ));
        }
        out.push('\n');
    }
    for c in &inv.clients {
        if c.servers.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "## {} loads together\n\n",
            md_escape(&c.client_name)
        ));
        for s in &c.servers {
            out.push_str(&format!(
                "- `{}` ({}): {}\n",
                md_escape(&s.name),
                s.scope,
                md_escape(&s.summary)
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "Catalogue: {} entries compiled into mcpward {}.\n",
        inv.catalogue_entries, inv.mcpward_version
    ));
    out
}
