//! Property tests: random JSON, JSONC and TOML configs (valid structures with
//! random keys and values, unicode, CRLF / CR / mixed line endings, comments)
//! and random mutations and truncations of them, through parse → model →
//! rules. Properties: no panic; every span lies inside the file on character
//! boundaries with line and column in range; every pointer resolves in the
//! tree; a valid document has no syntax finding and all its servers are
//! modelled; a document the client's own parser rejects (serde_json for the
//! strict-JSON clients, the toml crate for Codex) yields an invalid-config
//! finding. Case counts stay modest so `cargo test` stays fast.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use mcpward::clients;
use mcpward::discover::Target;
use mcpward::parse::{self, Node};
use mcpward::rules::Context;
use mcpward::scan::{self, Checked};
use mcpward::source::Source;
use proptest::prelude::*;

const CASES: u32 = 96;

/// `PROPTEST_CASES=5000 cargo test --test props` for a deeper run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES)
}

#[derive(Debug, Clone)]
enum V {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<V>),
    Obj(Vec<(String, V)>),
}

/// Keys: the ones the model looks at, pointer-hostile ones, and anything.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "command", "args", "env", "url", "headers", "cwd", "type", "disabled",
            "mcpServers", "servers", "transport", "autoApprove", "alwaysAllow",
        ])
        .prop_map(str::to_string),
        2 => "[a-zA-Z0-9_/~.-]{0,10}",
        1 => any::<String>(),
        1 => "[é😀ßИ漢\u{200b}\u{a0} ]{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ -~]{0,24}",
        1 => any::<String>(),
        1 => "[é😀ßИ漢\u{2028}\t\r\n\\\\\"]{0,12}",
        1 => prop::sample::select(vec!["npx -y pkg@1.0.0", "  uvx  tool ", "http://127.0.0.1:1/x", "${env:HOME}", "~/secret"])
            .prop_map(str::to_string),
    ]
}

fn dedupe(members: Vec<(String, V)>) -> Vec<(String, V)> {
    let mut seen = std::collections::HashSet::new();
    members
        .into_iter()
        .filter(|(k, _)| seen.insert(k.clone()))
        .collect()
}

fn value() -> impl Strategy<Value = V> {
    let leaf = prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        any::<i64>().prop_map(V::Int),
        text().prop_map(V::Str),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(V::Arr),
            prop::collection::vec((key(), inner), 0..6).prop_map(|m| V::Obj(dedupe(m))),
        ]
    })
}

/// A server entry: mostly the known fields with plausible types, plus noise.
fn server() -> impl Strategy<Value = V> {
    (
        prop::option::of(text()),
        prop::option::of(prop::collection::vec(text(), 0..4)),
        prop::option::of(prop::collection::vec(("[A-Z_]{1,8}", text()), 0..3)),
        prop::option::of(text()),
        prop::collection::vec((key(), value()), 0..3),
    )
        .prop_map(|(command, args, env, url, extra)| {
            let mut m = Vec::new();
            if let Some(c) = command {
                m.push(("command".to_string(), V::Str(c)));
            }
            if let Some(a) = args {
                m.push(("args".into(), V::Arr(a.into_iter().map(V::Str).collect())));
            }
            if let Some(e) = env {
                let e = e.into_iter().map(|(k, v)| (k, V::Str(v))).collect();
                m.push(("env".into(), V::Obj(dedupe(e))));
            }
            if let Some(u) = url {
                m.push(("url".into(), V::Str(u)));
            }
            m.extend(extra);
            V::Obj(dedupe(m))
        })
}

/// A whole config: servers under `servers_key`, plus other top-level keys.
fn config(servers_key: &'static str) -> impl Strategy<Value = V> {
    (
        prop::collection::vec((key(), server()), 0..5),
        prop::collection::vec((key(), value()), 0..3),
    )
        .prop_map(move |(servers, extra)| {
            let mut top = vec![(servers_key.to_string(), V::Obj(dedupe(servers)))];
            top.extend(extra);
            V::Obj(dedupe(top))
        })
}

/// How the text is laid out: line endings per line break (mixed when the
/// list holds several), indentation, and comments (JSONC and TOML only).
#[derive(Debug, Clone)]
struct Layout {
    newlines: Vec<&'static str>,
    indent: usize,
    comments: Vec<String>,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\r"]), 1..4),
        0usize..4,
        prop::collection::vec("[^\\p{Cc}\u{2028}\u{2029}*/]{0,16}", 0..4),
    )
        .prop_map(|(newlines, indent, comments)| Layout {
            newlines,
            indent,
            comments,
        })
}

struct Writer<'a> {
    out: String,
    layout: &'a Layout,
    breaks: usize,
    comments: bool,
}

impl Writer<'_> {
    fn newline(&mut self, depth: usize) {
        let nl = self.layout.newlines[self.breaks % self.layout.newlines.len()];
        self.breaks += 1;
        self.out.push_str(nl);
        self.out.push_str(&" ".repeat(self.layout.indent * depth));
    }

    fn comment(&mut self, depth: usize, toml: bool) {
        if !self.comments || self.layout.comments.is_empty() {
            return;
        }
        let c = self.layout.comments[self.breaks % self.layout.comments.len()].clone();
        if toml {
            self.out.push('#');
            self.out.push_str(&c);
        } else if self.breaks % 2 == 0 {
            self.out.push_str("//");
            self.out.push_str(&c);
        } else {
            self.out.push_str("/*");
            self.out.push_str(&c);
            self.out.push_str("*/");
        }
        self.newline(depth);
    }

    fn json(&mut self, v: &V, depth: usize) {
        match v {
            V::Null => self.out.push_str("null"),
            V::Bool(b) => self.out.push_str(&b.to_string()),
            V::Int(i) => self.out.push_str(&i.to_string()),
            V::Str(s) => self.out.push_str(&serde_json::to_string(s).unwrap()),
            V::Arr(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(depth + 1);
                    self.json(item, depth + 1);
                }
                self.newline(depth);
                self.out.push(']');
            }
            V::Obj(members) => {
                self.out.push('{');
                for (i, (k, item)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(depth + 1);
                    self.comment(depth + 1, false);
                    self.out.push_str(&serde_json::to_string(k).unwrap());
                    self.out.push_str(": ");
                    self.json(item, depth + 1);
                }
                self.newline(depth);
                self.out.push('}');
            }
        }
    }

    fn toml_inline(&mut self, v: &V) {
        match v {
            V::Null => self.out.push_str("false"),
            V::Bool(b) => self.out.push_str(&b.to_string()),
            V::Int(i) => self.out.push_str(&i.to_string()),
            V::Str(s) => self.out.push_str(&toml_string(s)),
            V::Arr(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.toml_inline(item);
                }
                self.out.push(']');
            }
            V::Obj(members) => {
                self.out.push('{');
                for (i, (k, item)) in members.iter().enumerate() {
                    self.out.push_str(if i > 0 { ", " } else { " " });
                    self.out.push_str(&toml_string(k));
                    self.out.push_str(" = ");
                    self.toml_inline(item);
                }
                self.out.push_str(" }");
            }
        }
    }
}

/// A TOML basic string: control characters as `\u` escapes.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render_json(v: &V, layout: &Layout, comments: bool) -> String {
    let mut w = Writer {
        out: String::new(),
        layout,
        breaks: 0,
        comments,
    };
    w.json(v, 0);
    w.out
}

/// TOML: top-level scalars first, then one `[mcp_servers."name"]` table per
/// server with its fields as `key = inline-value` lines.
fn render_toml(v: &V, layout: &Layout) -> String {
    // TOML allows LF and CRLF line endings, not a lone CR.
    let mut layout = layout.clone();
    for nl in &mut layout.newlines {
        if *nl == "\r" {
            *nl = "\r\n";
        }
    }
    let mut w = Writer {
        out: String::new(),
        layout: &layout,
        breaks: 0,
        comments: true,
    };
    let V::Obj(top) = v else { unreachable!() };
    for (k, item) in top.iter().filter(|(k, _)| k != "mcp_servers") {
        w.comment(0, true);
        w.out.push_str(&toml_string(k));
        w.out.push_str(" = ");
        w.toml_inline(item);
        w.newline(0);
    }
    if let Some((_, V::Obj(servers))) = top.iter().find(|(k, _)| k == "mcp_servers") {
        w.out.push_str("[mcp_servers]");
        w.newline(0);
        for (name, server) in servers {
            let V::Obj(fields) = server else { continue };
            w.comment(0, true);
            w.out
                .push_str(&format!("[mcp_servers.{}]", toml_string(name)));
            w.newline(0);
            for (k, item) in fields {
                w.out.push_str(&toml_string(k));
                w.out.push_str(" = ");
                w.toml_inline(item);
                w.newline(0);
            }
        }
    }
    w.out
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(u16),
    Delete(u16),
    Insert(u16, char),
    Duplicate(u16, u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop::sample::select(vec![
        '{', '}', '[', ']', ',', ':', '"', '\'', '\\', '/', '*', '#', '=', '.', '\n', '\r', 'x',
        '0', '-', 'é', '😀', '\u{a0}', '\t', '\u{7f}', '\u{1}',
    ]);
    prop_oneof![
        any::<u16>().prop_map(Mutation::Truncate),
        any::<u16>().prop_map(Mutation::Delete),
        (any::<u16>(), ch).prop_map(|(i, c)| Mutation::Insert(i, c)),
        (any::<u16>(), any::<u16>()).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

/// Apply mutations at character positions (so the text stays valid UTF-8).
fn mutate(text: &str, muts: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in muts {
        let at = |i: u16, len: usize| usize::from(i) % (len + 1);
        match *m {
            Mutation::Truncate(i) => {
                let n = at(i, chars.len());
                chars.truncate(n);
            }
            Mutation::Delete(i) if !chars.is_empty() => {
                let n = at(i, chars.len() - 1);
                chars.remove(n);
            }
            Mutation::Delete(_) => {}
            Mutation::Insert(i, c) => {
                let n = at(i, chars.len());
                chars.insert(n, c);
            }
            Mutation::Duplicate(i, len) => {
                let start = at(i, chars.len());
                let end = (start + usize::from(len % 32)).min(chars.len());
                let piece: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, piece);
            }
        }
    }
    chars.into_iter().collect()
}

/// Resolve an RFC 6901 pointer in the tree (last duplicate key wins). A
/// `‹secret›` token, which findings print in place of a key that holds a
/// secret (`mask::safe_pointer`), matches such a key.
fn resolve<'a>(root: &'a Node, pointer: &str) -> Option<&'a Node> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut node = root;
    for token in rest.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match &node.kind {
            parse::Kind::Object(members) if token == "‹secret›" => members
                .iter()
                .rev()
                .find(|m| mcpward::secrets::describe_secret_key(&m.key).is_some())
                .map(|m| &m.value)?,
            parse::Kind::Object(_) => node.get(&token)?,
            parse::Kind::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn check(path: &str, text: &str, client: Option<&'static clients::Client>) -> Checked {
    let source = Source::from_text(PathBuf::from(path), text.to_string());
    let target = Target {
        path: PathBuf::from(path),
        kind: None,
        scope: None,
        explicit: true,
    };
    scan::check_source(source, &target, client, &Context::default())
}

/// Invariants that hold for any input.
fn assert_spans_and_pointers(c: &Checked) {
    let text = &c.file.source.text;
    let lines = c.file.source.line_count();
    let ok = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for f in &c.findings {
        assert!(ok(&f.span), "{} span {:?} bad in {text:?}", f.rule, f.span);
        for s in &f.secrets {
            assert!(ok(s), "secret span {s:?}");
        }
        for off in [f.span.start, f.span.end] {
            let (line, col) = c.file.source.line_col(off);
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
            let range = c.file.source.line_range(line);
            let width: usize = text[range.start..range.end.max(range.start)]
                .chars()
                .map(char::len_utf16)
                .sum();
            // At most one past the line's last character (on its terminator).
            assert!(
                col >= 1 && col <= width + 1,
                "column {col} past line {line} ({width} units): {} {:?} {:?} in {text:?}",
                f.rule,
                f.span,
                f.message
            );
        }
        if let Some(root) = c.file.root() {
            assert!(
                resolve(root, &f.pointer).is_some(),
                "{} pointer {:?} does not resolve",
                f.rule,
                f.pointer
            );
        }
    }
    for issue in &c.file.parsed.issues {
        assert!(ok(&issue.span), "issue span {:?}", issue.span);
    }
    if let Some(root) = c.file.root() {
        root.walk(&mut |n| {
            assert!(ok(&n.span), "node span {:?}", n.span);
            assert!(
                resolve(root, &n.pointer).is_some(),
                "node pointer {:?}",
                n.pointer
            );
        });
    }
    for s in &c.file.servers {
        assert!(ok(&s.span) && ok(&s.name_span));
        assert!(c.file.server_node(s).is_some());
        // With duplicate server names both entries are modelled (a secret in
        // the shadowed one still leaks) and share a pointer, which names the
        // last one; the duplicate key is reported.
        let node = resolve(c.file.root().unwrap(), &s.pointer).unwrap();
        let dup = c
            .file
            .parsed
            .issues
            .iter()
            .any(|i| i.kind == parse::SyntaxKind::DuplicateKey);
        assert!(
            node.span == s.span || dup,
            "server pointer names another node"
        );
    }
}

fn has_invalid_config(c: &Checked) -> bool {
    c.findings.iter().any(|f| f.rule == "invalid-config")
}

fn strict_json_client() -> &'static clients::Client {
    let c = clients::by_id("claude-desktop").unwrap();
    assert!(!c.files[0].allows_comments() && !c.files[0].allows_trailing_commas());
    c
}

fn server_count(v: &V, key: &str) -> usize {
    match v {
        V::Obj(top) => match top.iter().find(|(k, _)| k == key) {
            Some((_, V::Obj(servers))) => servers.len(),
            _ => 0,
        },
        _ => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn valid_json_parses_clean_and_models_every_server(doc in config("mcpServers"), lay in layout()) {
        let text = render_json(&doc, &lay, false);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "generator made bad JSON: {text:?}");
        let c = check("claude_desktop_config.json", &text, Some(strict_json_client()));
        assert_spans_and_pointers(&c);
        prop_assert!(c.file.parsed.issues.is_empty(), "{:?}", c.file.parsed.issues);
        prop_assert_eq!(c.file.servers.len(), server_count(&doc, "mcpServers"));
        let root = c.file.root().unwrap();
        root.walk(&mut |n| assert_eq!(resolve(root, &n.pointer).unwrap().span, n.span));
    }

    #[test]
    fn valid_jsonc_with_comments_parses_for_jsonc_clients(doc in config("servers"), lay in layout()) {
        let text = render_json(&doc, &lay, true);
        let vscode = clients::by_id("vscode").unwrap();
        let c = check(".vscode/mcp.json", &text, Some(vscode));
        assert_spans_and_pointers(&c);
        prop_assert!(c.file.root().is_some(), "{:?}", c.file.parsed.issues);
        prop_assert!(
            c.findings.iter().all(|f| !f.message.contains("cannot load")),
            "{:?}", c.findings
        );
        prop_assert_eq!(c.file.servers.len(), server_count(&doc, "servers"));
        // The same text for a strict-JSON client: every comment is reported.
        let strict = check("claude_desktop_config.json", &text, Some(strict_json_client()));
        assert_spans_and_pointers(&strict);
        let comments = strict.file.parsed.issues.iter().filter(|i| i.kind == parse::SyntaxKind::Comment).count();
        let reported = strict.findings.iter().filter(|f| f.label == "comment").count();
        prop_assert_eq!(comments, reported);
    }

    #[test]
    fn valid_toml_parses_clean_and_models_every_server(doc in config("mcp_servers"), lay in layout()) {
        let text = render_toml(&doc, &lay);
        prop_assert!(text.parse::<toml::Table>().is_ok(), "generator made bad TOML: {text:?}");
        let codex = clients::by_id("codex").unwrap();
        let c = check(".codex/config.toml", &text, Some(codex));
        assert_spans_and_pointers(&c);
        prop_assert!(c.file.parsed.issues.is_empty(), "{:?}", c.file.parsed.issues);
        prop_assert_eq!(c.file.servers.len(), server_count(&doc, "mcp_servers"));
    }

    #[test]
    fn mutated_json_never_panics_and_malformed_is_reported(
        doc in config("mcpServers"), lay in layout(), comments in any::<bool>(),
        muts in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutate(&render_json(&doc, &lay, comments), &muts);
        let c = check("claude_desktop_config.json", &text, Some(strict_json_client()));
        assert_spans_and_pointers(&c);
        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
            prop_assert!(has_invalid_config(&c), "malformed JSON without a finding: {text:?}");
        }
        // The same bytes as JSONC, and with the client guessed from content.
        assert_spans_and_pointers(&check(".vscode/mcp.json", &text, None));
        assert_spans_and_pointers(&check("some/config.json", &text, None));
    }

    #[test]
    fn mutated_toml_never_panics_and_malformed_is_reported(
        doc in config("mcp_servers"), lay in layout(),
        muts in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutate(&render_toml(&doc, &lay), &muts);
        let codex = clients::by_id("codex").unwrap();
        let c = check(".codex/config.toml", &text, Some(codex));
        assert_spans_and_pointers(&c);
        if text.parse::<toml::Table>().is_err() {
            prop_assert!(has_invalid_config(&c), "malformed TOML without a finding: {text:?}");
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), dialect in 0u8..3) {
        let path = ["a/x.json", ".vscode/mcp.json", ".codex/config.toml"][usize::from(dialect)];
        let c = check(path, &text, None);
        assert_spans_and_pointers(&c);
    }
}

/// Documents that fail to parse or model, with the token `T` in the
/// offending position. Key-name positions are not here: a key is shown as the
/// server or variable name by design (tests/no_secret_leak.rs covers secrets
/// pasted as keys).
const LEAK_TEMPLATES: &[(&str, &str)] = &[
    (".mcp.json", r#"{"mcpServers": {"a": {"command": T}}}"#),
    (
        ".mcp.json",
        r#"{"mcpServers": {"a": {"command": "x" "T"}}}"#,
    ),
    (".mcp.json", r#"{T: 1}"#),
    (".mcp.json", r#"{"mcpServers": {"a": {"env": {"K": T}}}}"#),
    (".mcp.json", r#"{"a": "\qT"}"#),
    (".mcp.json", r#"{"a": "\uTTTT"}"#),
    (".mcp.json", r#"{"a": 'T'}"#),
    (".mcp.json", r#"{"a": "T"#),
    (".mcp.json", r#"{"a": "x"} T"#),
    (".mcp.json", r#"{"a": 1T}"#),
    (".mcp.json", r#"{"a": -T}"#),
    (".mcp.json", "{\"a\": \"T\nT\"}"),
    (".mcp.json", "{\"a\": /* T */ 1, // T\n}"),
    (
        ".mcp.json",
        r#"{"mcpServers": {"a": {"command": "x", "args": "T"}}}"#,
    ),
    (
        ".mcp.json",
        r#"{"mcpServers": {"a": {"command": ["T", 1]}}}"#,
    ),
    (".mcp.json", r#"{"mcpServers": {"a": {"url": {"T": "T"}}}}"#),
    (".mcp.json", r#"{"mcpServers": "T"}"#),
    (".mcp.json", r#""T""#),
    (".codex/config.toml", "a = T"),
    (".codex/config.toml", "a = \"T"),
    (".codex/config.toml", "a = 'T"),
    (".codex/config.toml", "a = \"\"\"T"),
    (".codex/config.toml", "a = \"\\qT\""),
    (".codex/config.toml", "[T"),
    (".codex/config.toml", "[mcp_servers.x]\ncommand = T"),
    (".codex/config.toml", "a = 1T"),
    (".codex/config.toml", "a = [T]"),
    (".codex/config.toml", "a = { b = T }"),
    (".codex/config.toml", "a = \"x\" T"),
    (".codex/config.toml", "a = 1\na = \"T\""),
    (".codex/config.toml", "a = 1979-05-27T"),
    (
        ".codex/config.toml",
        "[mcp_servers.x]\nargs = \"T\"\nenv = [\"T\"]",
    ),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases().min(64), ..ProptestConfig::default() })]

    #[test]
    fn error_messages_never_echo_the_offending_text(token in "[A-Za-z][A-Za-z0-9]{39,63}") {
        for (path, template) in LEAK_TEMPLATES {
            let text = template.replace('T', &token);
            let c = check(path, &text, None);
            let mut messages: Vec<&str> = Vec::new();
            messages.extend(c.file.parsed.issues.iter().map(|i| i.message.as_str()));
            messages.extend(c.file.problems.iter().map(|p| p.message.as_str()));
            messages.extend(c.file.problems.iter().filter_map(|p| p.help.as_deref()));
            for f in &c.findings {
                messages.push(&f.message);
                messages.push(&f.label);
                messages.extend(f.help.as_deref());
                messages.extend(f.labels.iter().map(|l| l.text.as_str()));
            }
            prop_assert!(!c.findings.is_empty(), "{path}: no finding for {text:?}");
            for m in messages {
                for w in 0..=token.len() - 16 {
                    let piece = &token[w..w + 16];
                    prop_assert!(!m.contains(piece), "{path} {template:?}: message echoes input: {m:?}");
                }
            }
        }
    }
}
