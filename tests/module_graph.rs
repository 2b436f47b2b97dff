//! The module graph of `src/` at top-level-module granularity has no cycle:
//! each stage and room depends only on lower ones (docs/architecture.md).
//! Reads every `crate::<module>` path in production code (comments, strings
//! and `#[cfg(test)] mod …` blocks left out) and checks the graph is acyclic.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Edges still allowed although they close a cycle, each with its reason.
/// Remove an entry once the edge is gone; never add one without an issue.
const KNOWN: &[(&str, &str, &str)] = &[(
    "rules",
    "config",
    "rules::Context carries the loaded Config (configured rules live there)",
)];

/// Source text without comments, string and char literals.
fn strip(t: &str) -> String {
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i = t[i + 2..].find("*/").map_or(b.len(), |j| i + 2 + j + 2);
        } else if b[i] == b'r'
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && matches!(b.get(i + 1), Some(b'"' | b'#'))
        {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            i = t[start..]
                .find(&close)
                .map_or(b.len(), |j| start + j + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let rest = &t[i + 1..];
            let len = if rest.starts_with('\\') {
                rest.find('\'').map(|j| j + 1)
            } else {
                rest.chars()
                    .next()
                    .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                    .map(|c| c.len_utf8() + 1)
            };
            match len {
                Some(n) => i += 1 + n,
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = t[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Production code only: test modules sit at the end of their files.
fn production(t: &str) -> &str {
    let mut from = 0;
    while let Some(j) = t[from..].find("#[cfg(test)]") {
        let at = from + j;
        let after = t[at + "#[cfg(test)]".len()..].trim_start();
        if after.starts_with("mod ") || after.starts_with("pub(crate) mod ") {
            return &t[..at];
        }
        from = at + 1;
    }
    t
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module → the top-level modules its production code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = first.trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" || rel.file_name().unwrap() == "tests.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let code = strip(production(&text));
        let deps = edges.entry(top.clone()).or_default();
        let mut rest = code.as_str();
        while let Some(j) = rest.find("crate::") {
            let before = rest[..j].chars().last();
            rest = &rest[j + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `mcpward_crate::`, not ours
            }
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .filter_map(|p| p.trim().split("::").next())
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")]
            };
            for n in names {
                let n = n.trim();
                if !n.is_empty()
                    && n != "self"
                    && n != top
                    && n.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                {
                    deps.insert(n.to_string());
                }
            }
        }
    }
    edges
}

/// A cycle through the graph, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|s| s == m).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, edges, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_form_no_cycle() {
    let mut edges = graph();
    // The walk found the modules we know are there.
    for m in [
        "scan", "rules", "config", "suppress", "report", "parse", "mask", "secrets",
    ] {
        assert!(edges.contains_key(m), "module {m} not found: {edges:?}");
    }
    assert!(edges["scan"].contains("rules"), "{:?}", edges["scan"]);
    for (from, to, _why) in KNOWN {
        if let Some(d) = edges.get_mut(*from) {
            d.remove(*to);
        }
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!("import cycle in src/: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    // Comments, strings and test modules are not imports.
    let code = "use crate::x; // crate::y\nlet s = \"crate::z\"; let c = '\"'; fn f<'a>() { crate::{p, q::r}; }\n#[cfg(test)]\nmod tests { use crate::t; }\n";
    let s = strip(production(code));
    assert!(
        s.contains("crate::x") && s.contains("crate::{p, q::r}"),
        "{s}"
    );
    assert!(
        !s.contains("crate::y") && !s.contains("crate::z") && !s.contains("crate::t"),
        "{s}"
    );
}
