//! TOML (Codex) through the `toml` crate's spanned document parser, mapped
//! into the same tree: tables become objects, so `[mcp_servers.x.env]` keys
//! get pointers such as `/mcp_servers/x/env/TOKEN`.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{push_pointer, Kind, Member, Node, Parsed, SyntaxIssue, SyntaxKind, MAX_DEPTH};

/// Parse TOML text into the spanned tree. Comments are legal TOML and are
/// not recorded; duplicate keys are a TOML syntax error.
pub fn parse_toml(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if let Some(span) = too_deep(text.as_bytes()) {
        parsed.issues.push(SyntaxIssue {
            kind: SyntaxKind::TooDeep,
            span,
            message: format!("nesting deeper than {MAX_DEPTH} levels; not parsed"),
            pointer: None,
        });
        return parsed;
    }
    match DeTable::parse(text) {
        Ok(table) => {
            let span = 0..text.len();
            parsed.root = Some(table_node(table.get_ref(), span, String::new()));
        }
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            parsed.issues.push(SyntaxIssue {
                kind: SyntaxKind::Error,
                span,
                message: format!("syntax error: {}", first_line(err.message())),
                pointer: None,
            });
        }
    }
    parsed
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

fn table_node(table: &DeTable<'_>, span: std::ops::Range<usize>, pointer: String) -> Node {
    let mut members: Vec<Member> = table
        .iter()
        .map(|(k, v)| {
            let key = k.get_ref().to_string();
            let child = push_pointer(&pointer, &key);
            Member {
                key_span: k.span(),
                value: value_node(v, child),
                key,
            }
        })
        .collect();
    members.sort_by_key(|m| m.key_span.start);
    Node {
        span,
        pointer,
        kind: Kind::Object(members),
    }
}

fn value_node(v: &Spanned<DeValue<'_>>, pointer: String) -> Node {
    let span = v.span();
    let kind = match v.get_ref() {
        DeValue::String(s) => Kind::String(s.to_string()),
        DeValue::Integer(i) => Kind::Number(i.to_string()),
        DeValue::Float(f) => Kind::Number(f.to_string()),
        DeValue::Boolean(b) => Kind::Bool(*b),
        DeValue::Datetime(d) => Kind::String(d.to_string()),
        DeValue::Array(items) => Kind::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| value_node(item, push_pointer(&pointer, &i.to_string())))
                .collect(),
        ),
        DeValue::Table(t) => return table_node(t, span, pointer),
    };
    Node {
        span,
        pointer,
        kind,
    }
}

/// Inline-table/array depth outside strings and comments.
fn too_deep(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => {
                let q = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != q && bytes[i] != b'\n' {
                    if q == b'"' && bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            // `[table]` headers at line start are not nesting.
            b'[' if line_start => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i..i + 1);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        line_start = bytes[i] == b'\n' || (line_start && bytes[i].is_ascii_whitespace());
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_map_to_pointers_with_spans() {
        let text = "model = \"o3\"\n[mcp_servers.github]\ncommand = \"npx\"\nargs = [\"-y\", \"pkg\"]\n[mcp_servers.github.env]\nTOKEN = \"abc\"\n";
        let p = parse_toml(text);
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        let root = p.root.unwrap();
        let tok = root
            .get_path(&["mcp_servers", "github", "env", "TOKEN"])
            .unwrap();
        assert_eq!(tok.pointer, "/mcp_servers/github/env/TOKEN");
        assert_eq!(&text[tok.span.clone()], "\"abc\"");
        let arg = &root
            .get_path(&["mcp_servers", "github", "args"])
            .unwrap()
            .as_array()
            .unwrap()[1];
        assert_eq!(arg.pointer, "/mcp_servers/github/args/1");
        assert_eq!(&text[arg.span.clone()], "\"pkg\"");
        let server = root.get_path(&["mcp_servers", "github"]).unwrap();
        let keys: Vec<_> = server
            .as_object()
            .unwrap()
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(keys, vec!["command", "args", "env"]);
    }

    #[test]
    fn syntax_error_has_span() {
        let p = parse_toml("[mcp_servers.x]\ncommand = \n");
        assert!(p.root.is_none());
        assert_eq!(p.issues[0].kind, SyntaxKind::Error);
    }

    #[test]
    fn deep_inline_nesting_refused() {
        let text = format!("a = {}", "[".repeat(10_000));
        assert_eq!(parse_toml(&text).issues[0].kind, SyntaxKind::TooDeep);
    }
}
