//! Parser table tests: for each dialect (JSON, JSONC, TOML), the byte range
//! of every key and value named in the table, its JSON pointer (with `/` and
//! `~` escaped per RFC 6901), and the syntax observations (comments, trailing
//! commas, duplicate keys, errors) with their exact ranges, including CRLF
//! text.

use mcpward::parse::{parse_json, parse_toml, Kind, Member, Node, Parsed, SyntaxKind};

#[derive(Clone, Copy, Debug)]
enum Dialect {
    /// JSON and JSONC share one parser; the client's dialect decides later
    /// whether a comment or trailing comma is an error.
    Json,
    Toml,
}

struct Case {
    name: &'static str,
    dialect: Dialect,
    text: &'static str,
    /// (pointer, source text of the key or "" for array elements and the
    /// root, source text of the value).
    nodes: &'static [(&'static str, &'static str, &'static str)],
    /// (kind, source text of the range) of every syntax observation, in order.
    issues: &'static [(SyntaxKind, &'static str)],
}

fn parse(case: &Case, text: &str) -> Parsed {
    match case.dialect {
        Dialect::Json => parse_json(text),
        Dialect::Toml => parse_toml(text),
    }
}

/// Every node with its member (None for the root and array elements).
fn index(root: &Node) -> Vec<(Option<&Member>, &Node)> {
    fn go<'a>(n: &'a Node, m: Option<&'a Member>, out: &mut Vec<(Option<&'a Member>, &'a Node)>) {
        out.push((m, n));
        match &n.kind {
            Kind::Object(ms) => ms.iter().for_each(|x| go(&x.value, Some(x), out)),
            Kind::Array(items) => items.iter().for_each(|x| go(x, None, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    go(root, None, &mut out);
    out
}

fn check(case: &Case, text: &str) {
    let parsed = parse(case, text);
    let issues: Vec<(SyntaxKind, &str)> = parsed
        .issues
        .iter()
        .map(|i| (i.kind, &text[i.span.clone()]))
        .collect();
    assert_eq!(issues, case.issues, "{}: issues", case.name);
    if case.nodes.is_empty() {
        return;
    }
    let root = parsed
        .root
        .as_ref()
        .unwrap_or_else(|| panic!("{}: no tree", case.name));
    let all = index(root);
    for (pointer, key, value) in case.nodes {
        let matches: Vec<_> = all.iter().filter(|(_, n)| n.pointer == *pointer).collect();
        // With duplicate keys two nodes share a pointer: check the last one,
        // the one the client uses.
        let (member, node) = matches
            .last()
            .unwrap_or_else(|| panic!("{}: no node at {pointer:?}", case.name));
        assert_eq!(
            &text[node.span.clone()],
            *value,
            "{}: value at {pointer}",
            case.name
        );
        let key_src = member.map(|m| &text[m.key_span.clone()]).unwrap_or("");
        assert_eq!(key_src, *key, "{}: key at {pointer}", case.name);
    }
}

use SyntaxKind::{Comment, DuplicateKey, Error, TrailingComma};

const CASES: &[Case] = &[
    Case {
        name: "json keys, values, arrays",
        dialect: Dialect::Json,
        text: r#"{"mcpServers": {"github": {"command": "npx", "args": ["-y", "pkg@1", 3], "env": {"GITHUB_TOKEN": "${env:T}"}, "disabled": false, "timeout": 1.50e3, "x": null}}}"#,
        nodes: &[
            ("", "", r#"{"mcpServers": {"github": {"command": "npx", "args": ["-y", "pkg@1", 3], "env": {"GITHUB_TOKEN": "${env:T}"}, "disabled": false, "timeout": 1.50e3, "x": null}}}"#),
            ("/mcpServers/github/command", r#""command""#, r#""npx""#),
            ("/mcpServers/github/args", r#""args""#, r#"["-y", "pkg@1", 3]"#),
            ("/mcpServers/github/args/0", "", r#""-y""#),
            ("/mcpServers/github/args/2", "", "3"),
            ("/mcpServers/github/env/GITHUB_TOKEN", r#""GITHUB_TOKEN""#, r#""${env:T}""#),
            ("/mcpServers/github/disabled", r#""disabled""#, "false"),
            ("/mcpServers/github/timeout", r#""timeout""#, "1.50e3"),
            ("/mcpServers/github/x", r#""x""#, "null"),
        ],
        issues: &[],
    },
    Case {
        name: "json pointer escaping of / and ~",
        dialect: Dialect::Json,
        text: r#"{"a/b": {"c~d": {"~1": 1, "": 2, "e\/f": 3}}}"#,
        nodes: &[
            ("/a~1b", r#""a/b""#, r#"{"c~d": {"~1": 1, "": 2, "e\/f": 3}}"#),
            ("/a~1b/c~0d", r#""c~d""#, r#"{"~1": 1, "": 2, "e\/f": 3}"#),
            ("/a~1b/c~0d/~01", r#""~1""#, "1"),
            ("/a~1b/c~0d/", r#""""#, "2"),
            ("/a~1b/c~0d/e~1f", r#""e\/f""#, "3"),
        ],
        issues: &[],
    },
    Case {
        name: "json escapes and non-ASCII keep raw byte ranges",
        dialect: Dialect::Json,
        text: "{\"clé\": \"\\u00e9\\\"x\", \"emoji 😀\": [\"😀\"]}",
        nodes: &[
            ("/clé", "\"clé\"", "\"\\u00e9\\\"x\""),
            ("/emoji 😀/0", "", "\"😀\""),
        ],
        issues: &[],
    },
    Case {
        name: "jsonc comments and trailing commas are recorded, tree kept",
        dialect: Dialect::Json,
        text: "{\n  // line comment, with {braces},\n  \"a\": [1, 2,], /* block */\n  \"u\": \"https://example.com//x\",\n  \"b\": {\"c\": 1, // after comma\n  },\n}",
        nodes: &[
            ("/a/1", "", "2"),
            ("/u", "\"u\"", "\"https://example.com//x\""),
            ("/b/c", "\"c\"", "1"),
        ],
        issues: &[
            (Comment, "// line comment, with {braces},"),
            (TrailingComma, ","),
            (Comment, "/* block */"),
            (Comment, "// after comma"),
            (TrailingComma, ","),
            (TrailingComma, ","),
        ],
    },
    Case {
        name: "no false trailing comma inside strings or comments",
        dialect: Dialect::Json,
        text: "{\"a\": \"x,}\", \"b\": 1 /* , */ }",
        nodes: &[("/a", "\"a\"", "\"x,}\""), ("/b", "\"b\"", "1")],
        issues: &[(Comment, "/* , */")],
    },
    Case {
        name: "json duplicate keys: last wins, second key reported",
        dialect: Dialect::Json,
        text: r#"{"s": {"command": "a", "command": "b"}}"#,
        nodes: &[("/s/command", r#""command""#, r#""b""#)],
        issues: &[(DuplicateKey, r#""command""#)],
    },
    Case {
        name: "json syntax error: missing comma",
        dialect: Dialect::Json,
        text: "{\"a\": 1 \"b\": 2}",
        nodes: &[],
        issues: &[(Error, "")],
    },
    Case {
        name: "json syntax error: single-quoted string",
        dialect: Dialect::Json,
        text: "{\"a\": 'x'}",
        nodes: &[],
        issues: &[(Error, "'")],
    },
    Case {
        name: "json syntax error: trailing data",
        dialect: Dialect::Json,
        text: "{} {}",
        nodes: &[],
        issues: &[(Error, "{")],
    },
    Case {
        name: "toml tables, dotted and quoted keys, arrays of tables",
        dialect: Dialect::Toml,
        text: "# comment\n[mcp_servers.gh]\ncommand = \"npx\"\nargs = ['-y', \"pkg@1\"]\nenv = { \"A/B\" = 'x', C.D = 1 }\n\"x~y\".z = true\n\n[mcp_servers.gh.headers]\nAuthorization = \"\"\"Bearer\nmulti\"\"\"\n\n[[profiles]]\nname = \"p\"\n",
        nodes: &[
            ("/mcp_servers/gh", "gh", "[mcp_servers.gh]"),
            ("/mcp_servers/gh/command", "command", "\"npx\""),
            ("/mcp_servers/gh/args/0", "", "'-y'"),
            ("/mcp_servers/gh/args/1", "", "\"pkg@1\""),
            ("/mcp_servers/gh/env/A~1B", "\"A/B\"", "'x'"),
            ("/mcp_servers/gh/env/C/D", "D", "1"),
            ("/mcp_servers/gh/x~0y/z", "z", "true"),
            ("/mcp_servers/gh/headers/Authorization", "Authorization", "\"\"\"Bearer\nmulti\"\"\""),
            ("/profiles/0/name", "name", "\"p\""),
        ],
        issues: &[],
    },
    Case {
        name: "toml duplicate key is a syntax error",
        dialect: Dialect::Toml,
        text: "[mcp_servers.a]\ncommand = \"x\"\ncommand = \"y\"\n",
        nodes: &[],
        issues: &[(Error, "command")],
    },
    Case {
        name: "toml syntax error: missing value",
        dialect: Dialect::Toml,
        text: "[mcp_servers.a]\ncommand = \n",
        nodes: &[],
        issues: &[(Error, "")],
    },
];

#[test]
fn table() {
    for case in CASES {
        check(case, case.text);
    }
}

/// The same table with CRLF line endings: ranges still cover exactly the
/// same source text (line comments stop before `\r`).
#[test]
fn table_with_crlf() {
    for case in CASES.iter().filter(|c| c.text.contains('\n')) {
        let text = case.text.replace('\n', "\r\n");
        let crlf = Case {
            name: case.name,
            dialect: case.dialect,
            text: "",
            nodes: &[],
            issues: &[],
        };
        let parsed = parse(&crlf, &text);
        // Issues: same kinds, same source text (comments end before CR).
        let got: Vec<(SyntaxKind, String)> = parsed
            .issues
            .iter()
            .map(|i| (i.kind, text[i.span.clone()].to_string()))
            .collect();
        let want: Vec<(SyntaxKind, String)> = case
            .issues
            .iter()
            .map(|(k, s)| (*k, s.replace('\n', "\r\n")))
            .collect();
        assert_eq!(got, want, "{} (CRLF): issues", case.name);
        if let Some(root) = &parsed.root {
            let all = index(root);
            for (pointer, key, value) in case.nodes {
                let (member, node) = all
                    .iter()
                    .rev()
                    .find(|(_, n)| n.pointer == *pointer)
                    .unwrap_or_else(|| panic!("{} (CRLF): no node {pointer}", case.name));
                assert_eq!(
                    text[node.span.clone()],
                    value.replace('\n', "\r\n"),
                    "{} (CRLF) {pointer}",
                    case.name
                );
                assert_eq!(
                    member.map(|m| &text[m.key_span.clone()]).unwrap_or(""),
                    *key
                );
            }
        }
    }
}

#[test]
fn syntax_error_offsets() {
    // Missing comma: reported right after the value that lacks it.
    let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
    let p = parse_json(text);
    assert_eq!(p.issues[0].span.start, text.find("1\n").unwrap() + 1);
    // Unterminated string: reported at the string.
    let text = "{\"a\": \"open}";
    let p = parse_json(text);
    assert_eq!(p.issues[0].kind, Error);
    assert_eq!(p.issues[0].span.start, 6);
    // TOML: at the bad token, on the right line.
    let text = "[mcp_servers.a]\r\ncommand = \r\nargs = []\r\n";
    let p = parse_toml(text);
    assert_eq!(p.issues[0].kind, Error);
    assert!(p.issues[0].span.start >= text.find("command").unwrap());
    assert!(p.issues[0].span.start <= text.find("args").unwrap());
}

#[test]
fn empty_documents() {
    assert_eq!(parse_json("").issues[0].kind, Error);
    assert_eq!(
        parse_json("// only a comment\n")
            .issues
            .last()
            .unwrap()
            .kind,
        Error
    );
    // An empty TOML file is an empty table.
    let p = parse_toml("");
    assert_eq!(p.root.unwrap().as_object().map(<[_]>::len), Some(0));
}
