//! `--format github`: GitHub Actions workflow commands, so findings show up
//! as annotations on the pull request without uploading SARIF.
//!
//! ```text
//! ::error file=.cursor/mcp.json,line=3,endLine=3,col=31,endColumn=36,title=mcpward invalid-config (medium)::message
//! ```
//!
//! Severity maps to the command: critical and high → `error`, medium →
//! `warning`, low → `notice`. GitHub shows at most 10 annotations of each
//! kind per step, so findings are printed most severe first; every finding
//! stays in the log. Columns are UTF-16, the end column exclusive, and are
//! only sent for single-line findings (GitHub rejects columns on a range that
//! spans lines). Could-not-scan paths become `error` (named on the command
//! line) or `warning` (found by a walk). The last line is always one
//! `::notice title=mcpward::` summary. When `$GITHUB_STEP_SUMMARY` is set,
//! the CLI also appends [`step_summary`], a Markdown table of every finding.

use std::fmt::Write as _;

use super::{items, severity_list, RenderOptions};
use crate::finding::Severity;
use crate::paths::display_path;
use crate::scan::ScanResult;

/// GitHub's per-step annotation limit for each of error, warning and notice.
pub const ANNOTATION_LIMIT: usize = 10;

/// Escape the data part of a workflow command (after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`): also `:` and `,`, which
/// would otherwise end the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

/// Findings most severe first, so GitHub's per-step limit drops the least
/// severe.
fn sorted_items<'a>(result: &'a ScanResult, opts: &RenderOptions) -> Vec<super::Item<'a>> {
    let mut all = items(result, opts);
    all.sort_by(|a, b| {
        b.finding
            .severity
            .cmp(&a.finding.severity)
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.start.cmp(&b.start))
    });
    all
}

/// Render the scan as workflow commands, one per line.
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let all = sorted_items(result, opts);
    for it in &all {
        let f = it.finding;
        let mut props = format!(
            "file={},line={},endLine={}",
            escape_property(&it.path),
            it.start.0,
            it.end.0
        );
        if it.start.0 == it.end.0 {
            let _ = write!(
                props,
                ",col={},endColumn={}",
                it.start.1,
                it.end.1.max(it.start.1)
            );
        }
        let title = format!("mcpward {} ({})", f.rule, f.severity.name());
        let mut message = it.message.clone();
        if let Some(h) = &it.help {
            let _ = write!(message, "\nhelp: {h}");
        }
        let _ = writeln!(
            out,
            "::{} {props},title={}::{}",
            command(f.severity),
            escape_property(&title),
            escape_data(&message)
        );
    }
    for e in &result.errors {
        let level = if e.explicit { "error" } else { "warning" };
        let _ = writeln!(
            out,
            "::{level} file={},title={}::{}",
            escape_property(&display_path(&e.path, &opts.cwd)),
            escape_property("mcpward could not scan"),
            escape_data(&e.message)
        );
    }
    let _ = writeln!(
        out,
        "::notice title=mcpward::{}",
        escape_data(&summary(result, &all))
    );
    out
}

/// A Markdown report for `$GITHUB_STEP_SUMMARY`: every finding, including
/// those beyond GitHub's annotation limit, in one table.
pub fn step_summary(result: &ScanResult, opts: &RenderOptions) -> String {
    let all = sorted_items(result, opts);
    let cell = |s: &str| s.replace('|', "\\|").replace(['\r', '\n'], " ");
    let mut out = String::from("## mcpward\n\n");
    let _ = writeln!(out, "{}\n", summary(result, &all));
    if !all.is_empty() {
        out.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
        for it in &all {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}:{}:{}` | {} |",
                it.finding.severity.name(),
                it.finding.rule,
                cell(&it.path),
                it.start.0,
                it.start.1,
                cell(&it.message)
            );
        }
        out.push('\n');
    }
    for e in &result.errors {
        let _ = writeln!(
            out,
            "- could not scan `{}`: {}",
            cell(&display_path(&e.path, &opts.cwd)),
            cell(&e.message)
        );
    }
    out
}

fn summary(result: &ScanResult, all: &[super::Item]) -> String {
    let mut s = format!("Scanned {} file(s): ", result.files.len());
    if all.is_empty() {
        s.push_str("no findings");
    } else {
        let _ = write!(s, "{} finding(s) ({})", all.len(), severity_list(result));
    }
    for (n, what) in [
        (result.suppressed, "suppressed"),
        (result.baselined, "in the baseline"),
    ] {
        if n > 0 {
            let _ = write!(s, "; {n} {what}, not shown");
        }
    }
    if !result.errors.is_empty() {
        let _ = write!(s, "; {} path(s) could not be scanned", result.errors.len());
    }
    s.push('.');
    let over: Vec<&str> = ["error", "warning", "notice"]
        .into_iter()
        .filter(|kind| {
            all.iter()
                .filter(|it| command(it.finding.severity) == *kind)
                .count()
                > ANNOTATION_LIMIT
        })
        .collect();
    if !over.is_empty() {
        let _ = write!(
            s,
            " GitHub annotates at most {ANNOTATION_LIMIT} of each kind per step: the remaining {} findings are in this log.",
            over.join("/")
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape_data("100% done\r\nnext: a,b"),
            "100%25 done%0D%0Anext: a,b"
        );
        assert_eq!(
            escape_property("dir:x,y/100%.json\n"),
            "dir%3Ax%2Cy/100%25.json%0A"
        );
    }
}
