//! The spanned value tree that every dialect (JSON, JSONC, TOML) parses into.
//! Every object key and every value knows its byte range in the source and its
//! JSON pointer (RFC 6901), so a finding can point at the exact value.

mod json;
mod toml;

pub use json::parse_json;
pub use toml::parse_toml;

/// A byte range into [`crate::source::Source::text`].
pub type Span = std::ops::Range<usize>;

/// Maximum nesting depth accepted. Deeper documents are reported, not parsed,
/// so a hostile file cannot overflow the stack.
pub const MAX_DEPTH: usize = 128;

/// One value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub pointer: String,
    pub kind: Kind,
}

/// The value itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// Numbers keep their source text (no precision loss).
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// One `key: value` pair of an object (or TOML table), in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    /// The member value for `key`. With duplicate keys, the last one wins, as
    /// in `JSON.parse` and most clients.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member (key and value) for `key`; last duplicate wins.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.kind {
            Kind::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    /// Follow a path of object keys.
    pub fn get_path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// A short type name for messages ("a string", "an array", ...).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// Depth-first visit of this node and all its descendants.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        match &self.kind {
            Kind::Array(items) => items.iter().for_each(|n| n.walk(f)),
            Kind::Object(members) => members.iter().for_each(|m| m.value.walk(f)),
            _ => {}
        }
    }
}

/// Append one reference token to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer(base: &str, token: &str) -> String {
    let mut p = String::with_capacity(base.len() + token.len() + 1);
    p.push_str(base);
    p.push('/');
    for c in token.chars() {
        match c {
            '~' => p.push_str("~0"),
            '/' => p.push_str("~1"),
            c => p.push(c),
        }
    }
    p
}

/// What kind of syntax observation the parser made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    /// The document could not be parsed at all.
    Error,
    /// A `//` or `/* */` comment (fine in JSONC, fatal in strict JSON).
    Comment,
    /// A comma before `}` or `]`.
    TrailingComma,
    /// Whitespace that JSONC readers skip but strict JSON rejects (such as
    /// U+00A0 NO-BREAK SPACE between tokens).
    NonJsonWhitespace,
    /// The same key twice in one object.
    DuplicateKey,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// A syntax error or dialect observation, with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxIssue {
    pub kind: SyntaxKind,
    pub span: Span,
    pub message: String,
    /// For duplicate keys: the JSON pointer of the duplicated member.
    pub pointer: Option<String>,
}

/// Result of parsing one document: the tree (absent on a fatal error) and
/// everything noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub issues: Vec<SyntaxIssue>,
    /// Every comment (`//`, `/* */`, `#`), in source order, whether or not
    /// the dialect allows it: inline `mcpward-ignore` comments are read
    /// from here.
    pub comments: Vec<Span>,
}

impl Parsed {
    /// A document refused before parsing because it nests deeper than
    /// [`MAX_DEPTH`] (found by each dialect's lexical pre-scan at `span`).
    pub(crate) fn too_deep(span: Span) -> Parsed {
        Parsed {
            root: None,
            comments: Vec::new(),
            issues: vec![SyntaxIssue {
                kind: SyntaxKind::TooDeep,
                span,
                message: format!("nesting deeper than {MAX_DEPTH} levels; not parsed"),
                pointer: None,
            }],
        }
    }
}

/// Report duplicate keys of every object in the tree. The issue's pointer
/// names the key; `invalid-config` words the message (with the key masked
/// where it looks like a secret).
pub(crate) fn duplicate_keys(root: &Node, issues: &mut Vec<SyntaxIssue>) {
    root.walk(&mut |n| {
        if let Kind::Object(members) = &n.kind {
            if members.len() < 2 {
                return;
            }
            let mut seen = std::collections::HashSet::with_capacity(members.len());
            for m in members {
                if !seen.insert(m.key.as_str()) {
                    issues.push(SyntaxIssue {
                        kind: SyntaxKind::DuplicateKey,
                        span: m.key_span.clone(),
                        message: "duplicate key".into(),
                        pointer: Some(m.value.pointer.clone()),
                    });
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escaping() {
        assert_eq!(push_pointer("", "a/b~c"), "/a~1b~0c");
        assert_eq!(push_pointer("/x", "0"), "/x/0");
    }
}
