//! JSON and JSONC through `jsonc-parser`. We always parse leniently enough to
//! accept comments and trailing commas (so one stray comma does not hide every
//! other finding), record both as [`SyntaxIssue`]s, and let the client's
//! dialect decide whether they are errors.

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use jsonc_parser::tokens::Token;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

use super::{
    duplicate_keys, push_pointer, Kind, Member, Node, Parsed, SyntaxIssue, SyntaxKind, MAX_DEPTH,
};

/// Parse JSON or JSONC text into the spanned tree.
pub fn parse_json(text: &str) -> Parsed {
    if let Some(span) = too_deep(text.as_bytes()) {
        return Parsed::too_deep(span);
    }
    let mut parsed = Parsed::default();
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::AsTokens,
        tokens: true,
    };
    let options = ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    match jsonc_parser::parse_to_ast(text, &collect, &options) {
        Err(err) => {
            let r = err.range();
            parsed.issues.push(SyntaxIssue {
                kind: SyntaxKind::Error,
                span: r.start..r.end.max(r.start),
                message: format!("syntax error: {}", err.kind()),
                pointer: None,
            });
        }
        Ok(result) => {
            if let Some(tokens) = &result.tokens {
                scan_tokens(text, tokens, &mut parsed.issues, &mut parsed.comments);
            }
            match result.value {
                Some(value) => {
                    let root = convert(&value, String::new());
                    duplicate_keys(&root, &mut parsed.issues);
                    parsed.root = Some(root);
                }
                None => parsed.issues.push(SyntaxIssue {
                    kind: SyntaxKind::Error,
                    span: 0..0,
                    message: "the file is empty: expected a JSON object".into(),
                    pointer: None,
                }),
            }
        }
    }
    parsed
}

/// Comments (recorded in `comments` too), trailing commas and raw control
/// characters in strings from the token stream.
fn scan_tokens(
    text: &str,
    tokens: &[jsonc_parser::tokens::TokenAndRange<'_>],
    issues: &mut Vec<SyntaxIssue>,
    comments: &mut Vec<std::ops::Range<usize>>,
) {
    let mut prev_comma: Option<std::ops::Range<usize>> = None;
    let mut gap_start = 0;
    for t in tokens {
        let span = t.range.start..t.range.end;
        non_json_whitespace(text, gap_start..span.start, issues);
        gap_start = span.end;
        match &t.token {
            // jsonc-parser accepts a raw newline or tab inside a string;
            // JSON (and so `JSON.parse`, serde_json, Python) does not.
            Token::String(_) => {
                let raw = text.as_bytes().get(span.clone()).unwrap_or_default();
                if let Some(i) = raw.iter().position(|&b| b < 0x20) {
                    let at = span.start + i;
                    issues.push(SyntaxIssue {
                        kind: SyntaxKind::Error,
                        span: at..at + 1,
                        message: format!(
                            "syntax error: raw control character U+{:04X} inside a string; JSON requires it escaped (such as \\n or \\t)",
                            raw[i]
                        ),
                        pointer: None,
                    });
                }
            }
            Token::CommentLine(_) | Token::CommentBlock(_) => {
                comments.push(span.clone());
                issues.push(SyntaxIssue {
                    kind: SyntaxKind::Comment,
                    span,
                    message: "comment".into(),
                    pointer: None,
                });
                continue;
            }
            Token::Comma => {
                prev_comma = Some(span);
                continue;
            }
            Token::CloseBrace | Token::CloseBracket => {
                if let Some(c) = prev_comma.take() {
                    issues.push(SyntaxIssue {
                        kind: SyntaxKind::TrailingComma,
                        span: c,
                        message: "trailing comma".into(),
                        pointer: None,
                    });
                }
            }
            _ => {}
        }
        prev_comma = None;
    }
    non_json_whitespace(text, gap_start..text.len(), issues);
}

/// The first character between two tokens that is not one of JSON's four
/// whitespace characters (jsonc-parser, like VS Code, also skips Unicode
/// spaces such as U+00A0; `JSON.parse` fails on them).
fn non_json_whitespace(text: &str, gap: std::ops::Range<usize>, issues: &mut Vec<SyntaxIssue>) {
    let Some(between) = text.get(gap.clone()) else {
        return;
    };
    // Bytes first: the gap is almost always plain ASCII whitespace.
    if let Some(i) = between
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        let at = gap.start + i;
        let c = between[i..].chars().next().unwrap_or(' ');
        issues.push(SyntaxIssue {
            kind: SyntaxKind::NonJsonWhitespace,
            span: at..at + c.len_utf8(),
            message: format!("U+{:04X} is not JSON whitespace", c as u32),
            pointer: None,
        });
    }
}

/// Bracket depth outside strings and comments; the span of the first opener
/// past the limit when the document is too deep.
fn too_deep(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
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
        i += 1;
    }
    None
}

fn convert(value: &ast::Value<'_>, pointer: String) -> Node {
    let r = value.range();
    let span = r.start..r.end;
    let kind = match value {
        ast::Value::StringLit(s) => Kind::String(s.value.to_string()),
        ast::Value::NumberLit(n) => Kind::Number(n.value.to_string()),
        ast::Value::BooleanLit(b) => Kind::Bool(b.value),
        ast::Value::NullKeyword(_) => Kind::Null,
        ast::Value::Array(a) => Kind::Array(
            a.elements
                .iter()
                .enumerate()
                .map(|(i, v)| convert(v, push_pointer(&pointer, &i.to_string())))
                .collect(),
        ),
        ast::Value::Object(o) => Kind::Object(
            o.properties
                .iter()
                .map(|p| {
                    let key = p.name.as_str().to_string();
                    let kr = p.name.range();
                    let child = push_pointer(&pointer, &key);
                    Member {
                        key,
                        key_span: kr.start..kr.end,
                        value: convert(&p.value, child),
                    }
                })
                .collect(),
        ),
    };
    Node {
        span,
        pointer,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_pointers() {
        let text = r#"{"mcpServers": {"gh": {"args": ["-y", "x"], "env": {"A/B": "v"}}}}"#;
        let p = parse_json(text);
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        let root = p.root.unwrap();
        let args = root.get_path(&["mcpServers", "gh", "args"]).unwrap();
        let second = &args.as_array().unwrap()[1];
        assert_eq!(second.pointer, "/mcpServers/gh/args/1");
        assert_eq!(&text[second.span.clone()], "\"x\"");
        let env = root.get_path(&["mcpServers", "gh", "env", "A/B"]).unwrap();
        assert_eq!(env.pointer, "/mcpServers/gh/env/A~1B");
        let m = root
            .get_path(&["mcpServers", "gh", "env"])
            .unwrap()
            .member("A/B")
            .unwrap();
        assert_eq!(&text[m.key_span.clone()], "\"A/B\"");
    }

    #[test]
    fn comments_and_trailing_commas_are_recorded() {
        let text = "{\n // c\n \"a\": [1,],\n \"b\": 2, /* x */\n}";
        let p = parse_json(text);
        assert!(p.root.is_some());
        let kinds: Vec<_> = p.issues.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SyntaxKind::Comment,
                SyntaxKind::TrailingComma,
                SyntaxKind::Comment,
                SyntaxKind::TrailingComma
            ]
        );
        assert_eq!(&text[p.issues[1].span.clone()], ",");
    }

    #[test]
    fn syntax_error_has_position() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let p = parse_json(text);
        assert!(p.root.is_none());
        assert_eq!(p.issues[0].kind, SyntaxKind::Error);
        // Reported right after the value that misses its comma.
        assert_eq!(p.issues[0].span.start, text.find("1\n").unwrap() + 1);
        assert!(
            p.issues[0].message.contains("Expected comma"),
            "{}",
            p.issues[0].message
        );
    }

    #[test]
    fn duplicate_keys_reported_last_wins() {
        let p = parse_json(r#"{"a": 1, "a": 2}"#);
        let root = p.root.unwrap();
        assert_eq!(root.get("a").unwrap().kind, Kind::Number("2".into()));
        assert_eq!(p.issues[0].kind, SyntaxKind::DuplicateKey);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let text = "[".repeat(100_000);
        let p = parse_json(&text);
        assert!(p.root.is_none());
        assert_eq!(p.issues[0].kind, SyntaxKind::TooDeep);
    }

    #[test]
    fn raw_control_characters_in_strings_are_errors() {
        let text = "{\"a\": \"x\ty\", \"b\nc\": 1}";
        let p = parse_json(text);
        let errors: Vec<_> = p
            .issues
            .iter()
            .filter(|i| i.kind == SyntaxKind::Error)
            .collect();
        assert_eq!(errors.len(), 2, "{:?}", p.issues);
        assert_eq!(&text[errors[0].span.clone()], "\t");
        assert_eq!(&text[errors[1].span.clone()], "\n");
        // The tree is still there, so the other rules still run.
        assert!(p.root.is_some());
    }

    #[test]
    fn unicode_spaces_between_tokens_are_recorded() {
        let text = "{\u{a0}\"a\": 1\u{a0}}\u{a0}";
        let p = parse_json(text);
        assert!(p.root.is_some());
        let spans: Vec<&str> = p
            .issues
            .iter()
            .filter(|i| i.kind == SyntaxKind::NonJsonWhitespace)
            .map(|i| &text[i.span.clone()])
            .collect();
        assert_eq!(spans, ["\u{a0}"; 3]);
        assert!(parse_json("{ \"a\":\t1 }\r\n").issues.is_empty());
    }

    #[test]
    fn empty_file_is_an_error() {
        let p = parse_json("  \n");
        assert!(p.root.is_none());
        assert_eq!(p.issues[0].kind, SyntaxKind::Error);
    }
}
