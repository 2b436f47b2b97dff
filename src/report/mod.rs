//! Rendering a scan. Every format renders from the same [`ScanResult`]
//! through [`items`], the one place where a finding's text is made safe to
//! print: snippets come from a masked copy of the source (see [`crate::mask`])
//! and every string a rule wrote (message, help, labels, pointer, server
//! name) has any marked secret value cut out, so no output can contain a
//! secret that a finding marked, even when a rule forgot to describe it with
//! [`crate::mask::describe`]. Only this module and `main.rs` write to stdout
//! or stderr.

pub mod concise;
pub mod fingerprint;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::finding::{Finding, Severity};
use crate::scan::{Checked, ScanResult};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics with source snippets.
    Human,
    /// Versioned JSON (schema in docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and editors.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the diff).
    Github,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
}

/// How human output draws its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unicode box drawing (a terminal).
    Unicode,
    /// Plain ASCII, no box drawing (pipes, files, `TERM=dumb`).
    Ascii,
    /// Screen-reader friendly prose (`NO_GRAPHICS`).
    Narrated,
}

/// Settings shared by the renderers.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Where relative paths are relative to.
    pub cwd: PathBuf,
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
    pub style: Style,
    /// Emit terminal hyperlinks (OSC 8) to rule docs.
    pub links: bool,
}

impl RenderOptions {
    /// Plain output: no colour, ASCII, no links, 100 columns. What every
    /// non-terminal run and every test uses.
    pub fn plain(cwd: impl Into<PathBuf>) -> RenderOptions {
        RenderOptions {
            cwd: cwd.into(),
            color: false,
            width: 100,
            quiet: false,
            style: Style::Ascii,
            links: false,
        }
    }
}

pub use crate::discover::absolute;

/// A path for display: relative to `cwd` when inside it, else absolute;
/// always with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = absolute(path, cwd);
    let cwd = absolute(cwd, cwd);
    let shown = abs.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(abs);
    shown.to_string_lossy().replace('\\', "/")
}

/// The file text with every secret span of every finding masked, and with
/// everything that looks like a secret in the raw text masked too (a file
/// with a syntax error, a secret in a key name or a mistyped position is
/// never read as values by the rules).
pub fn masked_text(checked: &Checked) -> String {
    let mut spans: Vec<_> = checked
        .findings
        .iter()
        .flat_map(|f| f.secrets.iter().cloned())
        .collect();
    spans.extend(crate::secrets::raw_secret_spans(&checked.file.source.text));
    crate::mask::mask_text(&checked.file.source.text, &spans)
}

/// 1-based start and end (line, column) of a finding; columns in UTF-16
/// code units, the end exclusive.
pub fn region(checked: &Checked, f: &Finding) -> ((usize, usize), (usize, usize)) {
    let src = &checked.file.source;
    (
        src.line_col(f.span.start),
        src.line_col(f.span.end.max(f.span.start)),
    )
}

/// Counts per severity, highest first.
pub fn severity_counts(result: &ScanResult) -> Vec<(Severity, usize)> {
    Severity::ALL
        .iter()
        .map(|s| {
            (
                *s,
                result.findings().filter(|(_, f)| f.severity == *s).count(),
            )
        })
        .collect()
}

/// "2 high, 1 low" (only severities that occur, highest first).
pub fn severity_list(result: &ScanResult) -> String {
    severity_counts(result)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The secret values of one file (surrounding quotes trimmed): those its
/// findings mark, and whatever looks like a secret in the raw text (a token
/// pasted as a server name or key is read by no rule, yet shows up in
/// pointers and server lists). Longest first so a longer secret is cut out
/// before a shorter one inside it.
pub fn secret_values(checked: &Checked) -> Vec<String> {
    let text = &checked.file.source.text;
    let mut out: Vec<String> = Vec::new();
    let marked = checked.findings.iter().flat_map(|f| f.secrets.iter());
    let raw_spans = crate::secrets::raw_secret_spans(text);
    for s in marked.chain(raw_spans.iter()) {
        let Some(raw) = text.get(s.start.min(s.end)..s.end.min(text.len())) else {
            continue;
        };
        let v = raw.trim_matches(|c| c == '"' || c == '\'');
        // Very short values are not secrets worth hiding and would make
        // messages unreadable if cut out everywhere.
        if v.chars().count() >= 6 && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// Cut every secret value out of `s`, replacing it with a description that
/// keeps only its length.
pub fn redact(s: &str, secrets: &[String]) -> String {
    let mut out = s.to_string();
    for v in secrets {
        if out.contains(v.as_str()) {
            out = out.replace(
                v.as_str(),
                &format!("[secret, {} chars]", v.chars().count()),
            );
        }
    }
    out
}

/// One finding, ready to print: every string redacted, path and region
/// computed, fingerprint assigned.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub checked: &'a Checked,
    pub finding: &'a Finding,
    /// Display path (relative to the cwd when inside it, `/` separators).
    pub path: String,
    pub message: String,
    pub help: Option<String>,
    pub label: String,
    /// Secondary labels' texts, in the order of `finding.labels`.
    pub labels: Vec<String>,
    pub pointer: String,
    pub server: Option<String>,
    /// 1-based (line, column), UTF-16 columns.
    pub start: (usize, usize),
    /// 1-based (line, column) just past the end.
    pub end: (usize, usize),
    /// `mcpward/v1` fingerprint (the baseline's), unique within the run.
    pub fingerprint: String,
    /// 1-based number of this finding among those with the same identity.
    pub occurrence: usize,
}

/// Every finding of the scan, in file order then position order, made safe
/// to print.
pub fn items<'a>(result: &'a ScanResult, opts: &RenderOptions) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in &result.files {
        let secrets = secret_values(c);
        let path = display_path(&c.file.source.path, &opts.cwd);
        for f in &c.findings {
            let (start, end) = region(c, f);
            let pointer = redact(&f.pointer, &secrets);
            let extra = f.fingerprint_extra.as_deref();
            // The raw pointer, as the baseline hashes it: the hash reveals
            // nothing, and results then match their baseline entries.
            let base = fingerprint::fingerprint(f.rule, &path, &f.pointer, extra);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let occurrence = *n;
            let fingerprint = if occurrence == 1 {
                base
            } else {
                fingerprint::fingerprint_nth(f.rule, &path, &f.pointer, extra, occurrence)
            };
            out.push(Item {
                checked: c,
                finding: f,
                path: path.clone(),
                message: redact(&f.message, &secrets),
                help: f.help.as_deref().map(|h| redact(h, &secrets)),
                label: redact(&f.label, &secrets),
                labels: f.labels.iter().map(|l| redact(&l.text, &secrets)).collect(),
                pointer,
                server: f.server.as_deref().map(|s| redact(s, &secrets)),
                start,
                end,
                fingerprint,
                occurrence,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        let cwd = Path::new("/w/repo");
        assert_eq!(
            display_path(Path::new("./.cursor/mcp.json"), cwd),
            ".cursor/mcp.json"
        );
        assert_eq!(display_path(Path::new("/w/repo/a/b.json"), cwd), "a/b.json");
        assert_eq!(
            display_path(Path::new("../other/x.json"), cwd),
            "/w/other/x.json"
        );
        assert_eq!(
            display_path(Path::new("/h/.cursor/mcp.json"), cwd),
            "/h/.cursor/mcp.json"
        );
    }

    #[test]
    fn redaction_cuts_values_out() {
        let secrets = vec!["abcdef123456".to_string()];
        assert_eq!(
            redact("token abcdef123456 here", &secrets),
            "token [secret, 12 chars] here"
        );
        assert_eq!(redact("nothing", &secrets), "nothing");
    }
}
