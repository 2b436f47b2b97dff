//! Rendering a scan. Every format renders from the same [`ScanResult`]
//! through [`items`], the one place where a finding's text is made safe to
//! print: snippets come from a masked copy of the source (see [`crate::mask`])
//! and every string a rule wrote (message, help, labels, pointer, server
//! name) has any marked secret value cut out, so no output can contain a
//! secret that a finding marked, even when a rule forgot to describe it with
//! [`crate::secrets::describe`]. Only this module and `main.rs` write to stdout
//! or stderr.

pub mod concise;
pub mod github;
pub mod human;
pub mod inventory;
pub mod inventory_data;
pub mod json;
pub mod locations;
pub mod sarif;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::finding::{Finding, Severity};
use crate::fingerprint;
use crate::mask::redact;
use crate::paths::display_path;
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

/// The file text with every secret masked (see [`crate::mask::Mask`]).
pub fn masked_text(checked: &Checked) -> String {
    mask_of(checked).apply(&checked.file.source.text)
}

/// The mask of a checked file, covering every finding it now holds.
pub fn mask_of(checked: &Checked) -> std::borrow::Cow<'_, crate::mask::Mask> {
    checked
        .mask
        .covering(&checked.file.source.text, &checked.findings)
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
        let mask = mask_of(c);
        let secrets = mask.values();
        let path = display_path(&c.file.source.path, &opts.cwd);
        for f in &c.findings {
            let (start, end) = region(c, f);
            let pointer = redact(&f.pointer, secrets);
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
                message: redact(&f.message, secrets),
                help: f.help.as_deref().map(|h| redact(h, secrets)),
                label: redact(&f.label, secrets),
                labels: f.labels.iter().map(|l| redact(&l.text, secrets)).collect(),
                pointer,
                server: f.server.as_deref().map(|s| redact(s, secrets)),
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
mod mask_stage_tests {
    use super::*;
    use crate::discover::Target;
    use crate::rules::Context;
    use crate::secrets::corpus::{sample, Rng};

    fn checked(text: &str) -> Checked {
        let target = Target {
            path: PathBuf::from("/w/.cursor/mcp.json"),
            kind: None,
            scope: None,
            explicit: true,
        };
        let source = crate::source::Source::from_text("/w/.cursor/mcp.json", text);
        crate::scan::check_source(source, &target, None, &Context::default())
    }

    /// The renderers print what the mask stage found and never rescan: a
    /// secret the check found (a value, a key name no rule reads as a value,
    /// text after a syntax error) is masked, and with the mask emptied the
    /// same render shows it, so the mask is the only thing hiding it.
    #[test]
    fn renderers_mask_from_the_check_and_never_rescan() {
        let p = crate::secrets::PROVIDERS
            .iter()
            .find(|p| p.id == "github-pat")
            .expect("provider");
        let mut rng = Rng::new(7);
        let (value, key, broken) = (
            sample(p, &mut rng),
            sample(p, &mut rng),
            sample(p, &mut rng),
        );
        let text = format!(
            "{{\"mcpServers\": {{\"s\": {{\"command\": \"x\", \"env\": {{\"GITHUB_TOKEN\": \"{value}\", \"{key}\": \"v\"}}}}}},\n \"x\": [\"{broken}\" oops\n}}\n"
        );
        let mut result = ScanResult {
            files: vec![checked(&text)],
            ..Default::default()
        };
        let opts = RenderOptions::plain("/w");
        let render_all = |r: &ScanResult| {
            [
                human::render(r, &opts),
                json::render(r, &opts),
                sarif::render(r, &opts),
                github::render(r, &opts),
                concise::render(r, &opts),
            ]
            .join("\n")
        };
        let masked = render_all(&result);
        for s in [&value, &key, &broken] {
            assert!(!masked.contains(&s[4..]), "leaked {s}:\n{masked}");
        }
        result.files[0].mask = crate::mask::Mask::default();
        let bare = human::render(&result, &opts);
        assert!(bare.contains(&value), "{bare}");
    }
}
