//! TOML (Codex) through the `toml` crate's spanned document parser, mapped
//! into the same tree: tables become objects, so `[mcp_servers.x.env]` keys
//! get pointers such as `/mcp_servers/x/env/TOKEN`.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{push_pointer, Kind, Member, Node, Parsed, SyntaxIssue, SyntaxKind, MAX_DEPTH};

/// Parse TOML text into the spanned tree. Comments are legal TOML: they
/// are recorded in [`Parsed::comments`] (also when the document has a
/// syntax error); duplicate keys are a TOML syntax error.
pub fn parse_toml(text: &str) -> Parsed {
    let lexed = lex(text.as_bytes());
    if let Some(span) = lexed.too_deep {
        return Parsed::too_deep(span);
    }
    let mut parsed = Parsed {
        comments: lexed.comments,
        ..Parsed::default()
    };
    match DeTable::parse(text) {
        Ok(table) => {
            let span = 0..text.len();
            parsed.root = Some(table_node(
                table.get_ref(),
                span,
                String::new(),
                &mut parsed.issues,
            ));
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

fn table_node(
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
    pointer: String,
    issues: &mut Vec<SyntaxIssue>,
) -> Node {
    let mut members: Vec<Member> = table
        .iter()
        .map(|(k, v)| {
            let key = k.get_ref().to_string();
            let child = push_pointer(&pointer, &key);
            Member {
                key_span: k.span(),
                value: value_node(v, child, issues),
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

fn value_node(v: &Spanned<DeValue<'_>>, pointer: String, issues: &mut Vec<SyntaxIssue>) -> Node {
    let span = v.span();
    let kind = match v.get_ref() {
        DeValue::String(s) => Kind::String(s.to_string()),
        DeValue::Integer(i) => {
            // The document parser keeps numbers as text; TOML requires an
            // error for an integer outside 64 bits, and Codex fails on it.
            if i64::from_str_radix(i.as_str(), i.radix()).is_err() {
                issues.push(number_error(
                    span.clone(),
                    "integer outside the 64-bit range",
                ));
            }
            Kind::Number(i.to_string())
        }
        DeValue::Float(f) => {
            let overflow = f
                .as_str()
                .parse::<f64>()
                .map_or(true, |x| x.is_infinite() && !f.as_str().contains("inf"));
            if overflow {
                issues.push(number_error(
                    span.clone(),
                    "floating-point number out of range",
                ));
            }
            Kind::Number(f.to_string())
        }
        DeValue::Boolean(b) => Kind::Bool(*b),
        DeValue::Datetime(d) => Kind::String(d.to_string()),
        DeValue::Array(items) => Kind::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| value_node(item, push_pointer(&pointer, &i.to_string()), issues))
                .collect(),
        ),
        DeValue::Table(t) => return table_node(t, span, pointer, issues),
    };
    Node {
        span,
        pointer,
        kind,
    }
}

fn number_error(span: std::ops::Range<usize>, what: &str) -> SyntaxIssue {
    SyntaxIssue {
        kind: SyntaxKind::Error,
        span,
        message: format!("syntax error: {what}"),
        pointer: None,
    }
}

/// What the lexical pre-scan found.
struct Lexed {
    /// The first bracket nesting deeper than [`MAX_DEPTH`].
    too_deep: Option<std::ops::Range<usize>>,
    /// Every `#` comment outside strings, up to the end of its line.
    comments: Vec<std::ops::Range<usize>>,
}

/// The one TOML lexer: comments, and inline-table/array depth outside
/// strings and comments. Dotted keys and table headers nest too, but the
/// `toml` parser bounds those itself (it reports a recursion-limit error),
/// so only brackets are counted here. Stops at the first bracket too deep.
fn lex(bytes: &[u8]) -> Lexed {
    let mut out = Lexed {
        too_deep: None,
        comments: Vec::new(),
    };
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    // Inside a `[table]` header: brackets there are not nesting.
    let mut header = false;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
                continue;
            }
            b'#' => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                out.comments.push(start..i);
                continue;
            }
            b'\n' => header = false,
            b'[' if line_start => header = true,
            _ if header => {}
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    out.too_deep = Some(i..i + 1);
                    return out;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        line_start = b == b'\n' || (line_start && b.is_ascii_whitespace());
        i += 1;
    }
    out
}

/// Index just past the string that starts at `start` (a quote): basic or
/// literal, single-line or triple-quoted. Never past the end of `bytes`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let q = bytes[start];
    let triple = bytes.get(start..start + 3) == Some(&[q, q, q][..]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if q == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == q && !triple {
            return i + 1;
        }
        if b == q && bytes.get(i..i + 3) == Some(&[q, q, q][..]) {
            // Up to two quotes right before the delimiter are content
            // (`"""a""""` is `a"`).
            let mut end = i + 3;
            while end < bytes.len() && end < i + 5 && bytes[end] == q {
                end += 1;
            }
            return end;
        }
        if b == b'\n' && !triple {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_skip_strings() {
        let text = "a = \"x # no\" # yes\nb = '''\n# no\n''' # yes2\nc = \"\"\"q\\\"\"\"\"\" # yes3\n#yes4\n[t] # yes5\n[\"k#no\"] #yes6\r\n";
        let got: Vec<&str> = lex(text.as_bytes())
            .comments
            .into_iter()
            .map(|s| &text[s])
            .collect();
        assert_eq!(
            got,
            vec!["# yes", "# yes2", "# yes3", "#yes4", "# yes5", "#yes6"]
        );
        // Also recorded when the document does not parse.
        let p = parse_toml("x = = 1 # c\n");
        assert!(p.root.is_none());
        assert_eq!(p.comments, vec![8..11]);
    }

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
    fn depth_scan_survives_unterminated_strings() {
        for text in [
            "a = \"x\\",
            "a = 'x",
            "a = \"\"\"x\\",
            "a = [\"",
            "\"",
            "'''",
            "a = 1 \"",
        ] {
            assert!(lex(text.as_bytes()).too_deep.is_none(), "{text:?}");
            let _ = parse_toml(text);
        }
    }

    #[test]
    fn brackets_inside_multiline_strings_are_not_nesting() {
        let text = format!(
            "a = \"\"\"\n{}\n\"\"\"\nb = '''\n{}\n'''\n",
            "[".repeat(500),
            "{".repeat(500)
        );
        let p = parse_toml(&text);
        assert!(p.issues.is_empty(), "{:?}", p.issues);
    }

    #[test]
    fn deep_dotted_keys_and_headers_are_reported() {
        for text in [
            format!("[{}]\nx = 1\n", vec!["a"; 100_000].join(".")),
            format!("{} = 1\n", vec!["a"; 100_000].join(".")),
            format!("x = {{ {} = 1 }}\n", vec!["a"; 100_000].join(".")),
        ] {
            let p = parse_toml(&text);
            assert!(p.root.is_none());
            assert_eq!(p.issues[0].kind, SyntaxKind::Error);
        }
    }

    #[test]
    fn out_of_range_numbers_are_errors() {
        let text = "a = -11000000000000000000\nb = 1e999\nc = 0xFFFFFFFFFFFFFFFFFF\nok = [9223372036854775807, -9223372036854775808, inf, 1.5]\n";
        let p = parse_toml(text);
        let spans: Vec<&str> = p.issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(
            spans,
            ["-11000000000000000000", "1e999", "0xFFFFFFFFFFFFFFFFFF"]
        );
        assert!(p.root.is_some());
    }

    #[test]
    fn deep_inline_nesting_refused() {
        let text = format!("a = {}", "[".repeat(10_000));
        assert_eq!(parse_toml(&text).issues[0].kind, SyntaxKind::TooDeep);
    }
}
