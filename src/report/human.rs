//! `--format human`: miette diagnostics with the source line and a label under
//! the exact value, grouped per file, then a summary. Plain text (no colour,
//! ASCII-safe theme, no links) unless colour was decided on for our own
//! output stream. Snippets come from the masked copy of each file.

use std::fmt::Write as _;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::{display_path, RenderOptions};
use crate::finding::{Finding, Severity};
use crate::rules;
use crate::scan::ScanResult;

struct View<'a> {
    f: &'a Finding,
    src: &'a NamedSource<Arc<str>>,
    url: String,
}

impl std::fmt::Display for View<'_> {
    fn fmt(&self, w: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(w, "[{}] {}", self.f.severity.name(), self.f.message)
    }
}
impl std::fmt::Debug for View<'_> {
    fn fmt(&self, w: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, w)
    }
}
impl std::error::Error for View<'_> {}

impl Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.f.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.f.severity {
            Severity::Low => miette::Severity::Advice,
            Severity::Medium => miette::Severity::Warning,
            Severity::High | Severity::Critical => miette::Severity::Error,
        })
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.url))
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.f
            .help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.f.label.is_empty()).then(|| self.f.label.clone());
        let primary = LabeledSpan::new_primary_with_span(label, self.f.span.clone());
        let extra = self
            .f
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), l.span.clone()));
        Some(Box::new(std::iter::once(primary).chain(extra)))
    }
}

fn handler(opts: &RenderOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_urls(false)
        .with_width(opts.width)
}

/// Render the whole scan.
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let h = handler(opts);
    if !opts.quiet {
        for c in &result.files {
            if c.findings.is_empty() {
                continue;
            }
            let path = display_path(&c.file.source.path, &opts.cwd);
            let src = NamedSource::new(path.clone(), Arc::<str>::from(super::masked_text(c)));
            let _ = writeln!(
                out,
                "{path} ({}, {} scope): {} finding(s)\n",
                c.file.kind.client.name,
                c.scope.name(),
                c.findings.len()
            );
            for f in &c.findings {
                let url = rules::by_id(f.rule)
                    .map(|r| r.meta().help_uri())
                    .unwrap_or_default();
                let view = View { f, src: &src, url };
                if h.render_report(&mut out, &view).is_err() {
                    let (line, col) = c.file.source.line_col(f.span.start);
                    let _ = writeln!(
                        out,
                        "{path}:{line}:{col}: {}[{}] {}",
                        f.severity.name(),
                        f.rule,
                        f.message
                    );
                }
            }
        }
        for e in &result.errors {
            let _ = writeln!(
                out,
                "warning: {}: {}",
                display_path(&e.path, &opts.cwd),
                e.message
            );
        }
        if !result.errors.is_empty() {
            out.push('\n');
        }
    }
    summary(result, opts, &mut out);
    out
}

fn summary(result: &ScanResult, opts: &RenderOptions, out: &mut String) {
    if result.files.is_empty() {
        if result.machine_scan {
            let _ = writeln!(out, "No MCP configuration found: none of the known client locations exist on this machine and the current folder holds no project config. Run `mcpward locations` to see every path checked.");
        } else {
            let _ = writeln!(out, "No MCP configuration found in the given paths. Run `mcpward locations` to see which file names are recognised.");
        }
        return;
    }
    let mut per_client: Vec<(&str, usize)> = Vec::new();
    for c in &result.files {
        let name = c.file.kind.client.name.as_str();
        match per_client.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 += 1,
            None => per_client.push((name, 1)),
        }
    }
    let clients: Vec<String> = per_client
        .iter()
        .map(|(n, k)| format!("{n}: {k}"))
        .collect();
    let total: usize = result.files.iter().map(|c| c.findings.len()).sum();
    let counts: Vec<String> = super::severity_counts(result)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect();
    let _ = writeln!(
        out,
        "Scanned {} file(s) ({}).",
        result.files.len(),
        clients.join(", ")
    );
    if total == 0 {
        let _ = writeln!(out, "No findings.");
    } else {
        let _ = writeln!(out, "{total} finding(s): {}.", counts.join(", "));
    }
    let hidden: Vec<String> = [
        (result.suppressed, "suppressed"),
        (result.baselined, "in the baseline"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !hidden.is_empty() {
        let _ = writeln!(out, "Not shown: {}.", hidden.join(", "));
    }
    if !result.errors.is_empty() {
        let _ = writeln!(out, "{} path(s) could not be scanned.", result.errors.len());
    }
    let _ = opts;
}
