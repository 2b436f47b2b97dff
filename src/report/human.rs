//! `--format human`: miette diagnostics with the source line and a label under
//! the exact value, grouped per file, then a summary (files per client,
//! findings per severity) or a clear "no configuration found".
//!
//! Everything is decided by the caller from *our* output stream (see
//! [`RenderOptions`]), never by miette's global hook, which looks at stderr:
//! unicode box drawing and colour on a terminal, plain ASCII without colour
//! or links otherwise, narrated prose for screen readers (`NO_GRAPHICS`).
//! Snippets come from the masked copy of each file and every text from
//! [`super::items`], so a marked secret never shows.

use std::fmt::Write as _;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NarratableReportHandler, SourceCode, SourceSpan, SpanContents,
};

use super::{items, severity_list, Item, RenderOptions, Style};
use crate::finding::Severity;
use crate::paths::display_path;
use crate::rules;
use crate::scan::ScanResult;
use crate::source::Source;

/// The masked text of a file, named for the header. Columns are reported in
/// UTF-16 code units from the original file's line index, so the
/// `[path:line:col]` header agrees with every other format (miette would
/// count bytes).
struct Masked<'a> {
    name: String,
    text: Arc<str>,
    source: &'a Source,
}

impl SourceCode for Masked<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let c = self.text.read_span(span, before, after)?;
        let (_, col) = self.source.line_col(c.span().offset());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            *c.span(),
            c.line(),
            col - 1,
            c.line_count(),
        )))
    }
}

/// Lines longer than this (minified JSON) are not shown as a snippet: each
/// finding would repeat the whole line.
const MAX_SNIPPET_LINE: usize = 400;

struct View<'a> {
    it: &'a Item<'a>,
    /// `None` when the snippet would be unreadably wide.
    src: Option<&'a Masked<'a>>,
    url: Option<String>,
}

impl std::fmt::Display for View<'_> {
    fn fmt(&self, w: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            w,
            "[{}] {}",
            self.it.finding.severity.name(),
            self.it.message
        )
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
        Some(Box::new(self.it.finding.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.it.finding.severity {
            Severity::Low => miette::Severity::Advice,
            Severity::Medium => miette::Severity::Warning,
            Severity::High | Severity::Critical => miette::Severity::Error,
        })
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn std::fmt::Display>)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.it
            .help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.src?;
        let f = self.it.finding;
        let label = (!self.it.label.is_empty()).then(|| self.it.label.clone());
        let primary = LabeledSpan::new_primary_with_span(label, f.span.clone());
        let extra = f
            .labels
            .iter()
            .zip(&self.it.labels)
            .map(|(l, text)| LabeledSpan::new_with_span(Some(text.clone()), l.span.clone()));
        Some(Box::new(std::iter::once(primary).chain(extra)))
    }
}

enum Handler {
    Graphical(Box<GraphicalReportHandler>),
    Narrated(NarratableReportHandler),
}

impl Handler {
    fn new(opts: &RenderOptions) -> Handler {
        let theme = match (opts.style, opts.color) {
            (Style::Narrated, _) => return Handler::Narrated(NarratableReportHandler::new()),
            (Style::Unicode, true) => GraphicalTheme::unicode(),
            (Style::Unicode, false) => GraphicalTheme::unicode_nocolor(),
            (Style::Ascii, true) => GraphicalTheme::ascii(),
            (Style::Ascii, false) => GraphicalTheme::none(),
        };
        Handler::Graphical(Box::new(
            GraphicalReportHandler::new_themed(theme)
                .with_links(opts.links)
                .with_urls(opts.links)
                .with_width(opts.width),
        ))
    }

    fn render(&self, out: &mut String, d: &dyn Diagnostic) -> std::fmt::Result {
        match self {
            Handler::Graphical(h) => h.render_report(out, d),
            Handler::Narrated(h) => h.render_report(out, d),
        }
    }
}

/// Whether every line miette would show (the span's lines and one line of
/// context either side) is short enough to print.
fn snippet_fits(it: &Item) -> bool {
    let source = &it.checked.file.source;
    let first = it.start.0.saturating_sub(1).max(1);
    let last = (it.end.0 + 1).min(source.line_count());
    (first..=last).all(|l| source.line_range(l).len() <= MAX_SNIPPET_LINE)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Render the whole scan.
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let mut out = String::new();
    if !opts.quiet {
        let h = Handler::new(opts);
        let all = items(result, opts);
        let mut i = 0;
        while i < all.len() {
            // Items come grouped by file; render one group.
            let c = all[i].checked;
            let group: Vec<&Item> = all[i..]
                .iter()
                .take_while(|it| std::ptr::eq(it.checked, c))
                .collect();
            i += group.len();
            let path = &group[0].path;
            let src = Masked {
                name: path.clone(),
                text: Arc::from(super::masked_text(c)),
                source: &c.file.source,
            };
            let _ = writeln!(
                out,
                "{path} ({}, {} scope): {}\n",
                c.file.kind.client.name,
                c.scope.name(),
                plural(group.len(), "finding", "findings")
            );
            for it in group {
                let url = opts
                    .links
                    .then(|| rules::by_id(it.finding.rule).map(|r| r.meta().help_uri()))
                    .flatten();
                let src = snippet_fits(it).then_some(&src);
                let view = View { it, src, url };
                let mut buf = String::new();
                if h.render(&mut buf, &view).is_err() {
                    buf = format!(
                        "{path}:{}:{}: {}[{}] {}\n",
                        it.start.0,
                        it.start.1,
                        it.finding.severity.name(),
                        it.finding.rule,
                        it.message
                    );
                }
                out.push_str(buf.trim_end());
                if src.is_none() {
                    let _ = write!(
                        out,
                        "\n  at {path}:{}:{} (line too long to show)",
                        it.start.0, it.start.1
                    );
                }
                out.push_str("\n\n");
            }
        }
    }
    // Paths that could not be scanned are shown even with --quiet: they are
    // why a run exits 2.
    for e in &result.errors {
        let (what, verb) = if e.explicit {
            ("error", "cannot scan")
        } else {
            ("warning", "skipped")
        };
        let _ = writeln!(
            out,
            "{what}: {verb} {}: {}",
            display_path(&e.path, &opts.cwd),
            e.message
        );
    }
    if !result.errors.is_empty() {
        out.push('\n');
    }
    summary(result, &mut out);
    out
}

fn summary(result: &ScanResult, out: &mut String) {
    if result.files.is_empty() {
        let unreadable = result
            .errors
            .iter()
            .filter(|e| e.kind != crate::scan::NO_MCP_CONTENT)
            .count();
        let _ = if unreadable > 0 {
            writeln!(
                out,
                "No MCP configuration was scanned: {} could not be read.",
                plural(unreadable, "path", "paths")
            )
        } else if result.machine_scan {
            writeln!(out, "No MCP configuration found: none of the known client locations exist on this machine and the current folder holds no project config. Run `mcpward locations` to see every path checked.")
        } else {
            writeln!(out, "No MCP configuration found in the given paths. Run `mcpward locations` to see which file names are recognised.")
        };
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
    let total = result.findings().count();
    let _ = writeln!(
        out,
        "Scanned {} ({}).",
        plural(result.files.len(), "file", "files"),
        clients.join(", ")
    );
    if total == 0 {
        let _ = writeln!(out, "No findings.");
    } else {
        let _ = writeln!(
            out,
            "{}: {}.",
            plural(total, "finding", "findings"),
            severity_list(result)
        );
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
        let _ = writeln!(
            out,
            "{} could not be scanned.",
            plural(result.errors.len(), "path", "paths")
        );
    }
}
