//! Ignores, and what they match: `[[ignore]]` entries of `mcpward.toml`
//! ([`Ignore`], read by [`crate::config`]), inline `mcpward-ignore` comments
//! ([`InlineIgnore`], read from the comments the parser recorded), and the
//! usage table ([`FileUsage`], [`ConfigUsage`]) that the filter stage
//! ([`crate::scan`]) fills while it matches them. `unused-ignore`
//! ([`crate::rules`]) reports from that table the ignores that silenced
//! nothing. Nothing here drops or creates a finding.
//!
//! Ignores are keyed by file glob, JSON pointer or server name and rule id,
//! never by line number; an inline comment applies to its own line or,
//! alone on its line, to the next line that is not another comment.

use std::collections::HashSet;
use std::path::Path;

use globset::GlobMatcher;

use crate::clients::Format;
use crate::finding::Finding;
use crate::model::ConfigFile;
use crate::parse::Span;

/// The marker that starts an inline suppression comment.
pub const MARKER: &str = "mcpward-ignore";

/// One `mcpward-ignore` comment.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineIgnore {
    /// Byte range of the whole comment.
    pub span: Span,
    /// The 1-based line whose findings it silences.
    pub target_line: usize,
    /// Rule ids as written, each with its byte range.
    pub rules: Vec<(String, Span)>,
    /// The reason after `--`; `None` when missing or blank.
    pub reason: Option<String>,
    /// Why the comment cannot be read, if it cannot.
    pub malformed: Option<String>,
}

impl InlineIgnore {
    /// Only well-formed comments with a reason silence anything.
    pub fn applies(&self) -> bool {
        self.malformed.is_none() && self.reason.is_some()
    }
}

/// Whether `file`'s dialect has comments mcpward reads suppressions from:
/// TOML, and JSON files whose client accepts comments (in strict JSON a
/// comment is itself an `invalid-config` error).
pub fn honours_comments(file: &ConfigFile) -> bool {
    match file.kind.file.format {
        Format::Toml => true,
        Format::Json | Format::Jsonc => file.kind.file.allows_comments(),
    }
}

/// The comment syntax to suggest in help texts.
pub fn comment_prefix(file: &ConfigFile) -> &'static str {
    match file.kind.file.format {
        Format::Toml => "#",
        Format::Json | Format::Jsonc => "//",
    }
}

/// Every `mcpward-ignore` comment of a file (empty where comments are not
/// honoured), with the line each one targets.
pub fn inline_ignores(file: &ConfigFile) -> Vec<InlineIgnore> {
    if !honours_comments(file) {
        return Vec::new();
    }
    let src = &file.source;
    let text = src.text.as_str();
    let spans: &[Span] = &file.parsed.comments;
    let lines = |s: &Span| {
        let first = src.line_col(s.start).0;
        let last = src.line_col(s.end.saturating_sub(1).max(s.start)).0;
        (first, last)
    };
    let own_line = |s: &Span| {
        let (first, last) = lines(s);
        text[src.line_range(first).start..s.start].trim().is_empty()
            && text[s.end..src.line_range(last).end.max(s.end)]
                .trim()
                .is_empty()
    };
    let comment_lines: HashSet<usize> = spans
        .iter()
        .filter(|s| own_line(s))
        .flat_map(|s| {
            let (a, b) = lines(s);
            a..=b
        })
        .collect();
    let mut out = Vec::new();
    for s in spans {
        let Some(mut ig) = parse_directive(&text[s.clone()], s.start) else {
            continue;
        };
        let (first, last) = lines(s);
        ig.target_line = if own_line(s) {
            let mut t = last + 1;
            while comment_lines.contains(&t) {
                t += 1;
            }
            t
        } else {
            first
        };
        out.push(ig);
    }
    out
}

/// Read one comment (`// …`, `/* … */` or `# …`) starting at byte `start`.
/// `None` when it is not a suppression comment at all.
fn parse_directive(raw: &str, start: usize) -> Option<InlineIgnore> {
    let body = if let Some(b) = raw.strip_prefix("//") {
        b
    } else if let Some(b) = raw.strip_prefix("/*") {
        b.strip_suffix("*/").unwrap_or(b)
    } else {
        raw.strip_prefix('#')?
    };
    let rest = body.trim_start().strip_prefix(MARKER)?;
    // `mcpward-ignore-file`, `mcpward-ignored`: not ours.
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let at = |sub: &str| start + (sub.as_ptr() as usize - raw.as_ptr() as usize);
    let mut ig = InlineIgnore {
        span: start..start + raw.len(),
        target_line: 0,
        rules: Vec::new(),
        reason: None,
        malformed: None,
    };
    let Some(list_and_reason) = rest.trim_start().strip_prefix(':') else {
        ig.malformed = Some(format!("expected `:` after `{MARKER}`"));
        return Some(ig);
    };
    let (list, reason) = match list_and_reason.split_once("--") {
        Some((l, r)) => (l, Some(r.trim())),
        None => (list_and_reason, None),
    };
    ig.reason = reason.filter(|r| !r.is_empty()).map(str::to_string);
    for piece in list.split(',') {
        let id = piece.trim();
        if !id.is_empty() {
            let s = at(id);
            ig.rules.push((id.to_string(), s..s + id.len()));
        }
    }
    if ig.rules.is_empty() {
        ig.malformed = Some("names no rule".into());
    }
    Some(ig)
}

/// Is `pointer` the same as `prefix` or below it (at a token boundary)?
pub fn pointer_within(pointer: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || pointer == prefix
        || (pointer.starts_with(prefix) && pointer[prefix.len()..].starts_with('/'))
}

/// What an `[[ignore]]` entry narrows to inside a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoreTarget {
    /// The whole file.
    File,
    /// A JSON pointer and everything below it.
    Pointer(String),
    /// One server entry, by name.
    Server(String),
}

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Ignore {
    /// The glob as written.
    pub path: String,
    pub target: IgnoreTarget,
    /// Rule ids it silences (all known, checked at load).
    pub rules: Vec<String>,
    pub reason: String,
    /// Byte range of the entry in the configuration file, for reports.
    pub span: Span,
    pub(crate) matcher: GlobMatcher,
    /// Match against absolute paths (pattern was absolute or `~/…`).
    pub(crate) absolute: bool,
    /// Leading `../` segments, resolved against the base folder.
    pub(crate) up: usize,
}

impl Ignore {
    /// Does the entry's glob match this file? `file` is absolute and
    /// lexically normalised; relative globs are relative to `base`, the
    /// folder holding the configuration file.
    pub fn matches_path(&self, file: &Path, base: &Path) -> bool {
        if self.absolute {
            return self.matcher.is_match(crate::paths::slashes(file));
        }
        let Some(base) = base.ancestors().nth(self.up) else {
            return false;
        };
        match file.strip_prefix(base) {
            Ok(rel) => self.matcher.is_match(crate::paths::slashes(rel)),
            Err(_) => false,
        }
    }

    pub fn covers_rule(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| r == rule)
    }
}

/// Does a config ignore (whose path already matched) silence this finding?
pub fn ignore_matches(ig: &Ignore, f: &Finding, file: &ConfigFile) -> bool {
    if !ig.covers_rule(f.rule) {
        return false;
    }
    match &ig.target {
        IgnoreTarget::File => true,
        IgnoreTarget::Pointer(p) => pointer_within(&f.pointer, p),
        IgnoreTarget::Server(name) => {
            f.server.as_deref() == Some(name.as_str())
                || file
                    .servers
                    .iter()
                    .any(|s| &s.name == name && pointer_within(&f.pointer, &s.pointer))
        }
    }
}

/// How the ignores of one file were used by the filter stage.
#[derive(Debug, Clone, Default)]
pub struct FileUsage {
    /// Each inline comment that applies, with one flag per rule id it
    /// names: whether that id silenced a finding on the target line.
    pub inline: Vec<(InlineIgnore, Vec<bool>)>,
}

/// How the `[[ignore]]` entries were used across a run, by index.
#[derive(Debug, Clone, Default)]
pub struct ConfigUsage {
    /// The entry's path matched a scanned file.
    pub path_hit: Vec<bool>,
    /// The entry silenced a finding.
    pub used: Vec<bool>,
}

impl ConfigUsage {
    pub fn new(entries: usize) -> ConfigUsage {
        ConfigUsage {
            path_hit: vec![false; entries],
            used: vec![false; entries],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> ConfigFile {
        crate::model::build(
            crate::source::Source::from_text(path, text),
            None,
            None,
            None,
        )
    }

    #[test]
    fn directives() {
        let d = parse_directive("// mcpward-ignore: a-b, c -- because", 10).unwrap();
        assert_eq!(d.rules[0], ("a-b".to_string(), 29..32));
        assert_eq!(d.rules[1].0, "c");
        assert_eq!(d.reason.as_deref(), Some("because"));
        assert!(d.applies());
        let d = parse_directive("# mcpward-ignore: a", 0).unwrap();
        assert_eq!(d.reason, None);
        assert!(!d.applies());
        let d = parse_directive("/* mcpward-ignore a -- r */", 0).unwrap();
        assert!(d.malformed.is_some());
        let d = parse_directive("# mcpward-ignore: -- r", 0).unwrap();
        assert_eq!(d.malformed.as_deref(), Some("names no rule"));
        assert!(parse_directive("// see mcpward-ignore docs", 0).is_none());
        assert!(parse_directive("// mcpward-ignore-file: x -- y", 0).is_none());
    }

    #[test]
    fn targets_same_line_and_next_code_line() {
        let text = "{\n  // mcpward-ignore: invalid-config -- a\n  // other\n  \"x\": 1, // mcpward-ignore: invalid-config -- b\n  \"y\": 2\n}\n";
        let f = file("/p/.vscode/mcp.json", text);
        let igs = inline_ignores(&f);
        assert_eq!(igs.len(), 2);
        assert_eq!(igs[0].target_line, 4);
        assert_eq!(igs[1].target_line, 4);
        // Strict JSON: comments are errors, not suppressions.
        let f = file("/p/.cursor/mcp.json", text);
        assert!(inline_ignores(&f).is_empty());
    }

    #[test]
    fn pointer_prefixes() {
        assert!(pointer_within("/a/b", "/a"));
        assert!(pointer_within("/a", "/a"));
        assert!(!pointer_within("/ab", "/a"));
        assert!(pointer_within("/x", ""));
    }
}
