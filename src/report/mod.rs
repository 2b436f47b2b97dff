//! Rendering a scan. Every format renders from the same [`ScanResult`] and
//! every snippet of source comes from a masked copy (see [`crate::mask`]), so
//! no output can contain a secret that a finding marked. Only this module and
//! `main.rs` write to stdout or stderr.

pub mod human;
pub mod json;

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
}

/// Settings shared by the renderers.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Where relative paths are relative to.
    pub cwd: PathBuf,
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
}

/// A path for display: relative to `cwd` when inside it, else as given.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let shown = abs.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(abs);
    shown.to_string_lossy().replace('\\', "/")
}

/// The file text with every secret span of every finding masked.
pub fn masked_text(checked: &Checked) -> String {
    let spans: Vec<_> = checked
        .findings
        .iter()
        .flat_map(|f| f.secrets.iter().cloned())
        .collect();
    crate::mask::mask_text(&checked.file.source.text, &spans)
}

/// 1-based start and end (line, column) of a finding.
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
