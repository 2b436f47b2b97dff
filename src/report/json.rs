//! `--format json`: a documented, versioned wire format (docs/json-output.md).
//! Wire structs are separate from internal types so the schema stays stable.

use serde::Serialize;

use super::{items, RenderOptions};
use crate::paths::display_path;
use crate::scan::ScanResult;

/// Version of the JSON schema. Bump only with a documented migration.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<WireFinding<'a>>,
    files: Vec<WireFile<'a>>,
    errors: Vec<WireError>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct WireFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: String,
    path: String,
    pointer: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    client: &'a str,
    server: Option<String>,
    help: Option<String>,
    fingerprint: String,
}

#[derive(Serialize)]
struct WireFile<'a> {
    path: String,
    client: &'a str,
    scope: &'a str,
    servers: Vec<WireServer>,
}

/// A server entry of a file: its name, the pointer of its entry object, and
/// the 1-based line and column of its name.
#[derive(Serialize)]
struct WireServer {
    name: String,
    pointer: String,
    line: usize,
    column: usize,
    transport: &'static str,
}

#[derive(Serialize)]
struct WireError {
    path: String,
    kind: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    errors: usize,
    /// Silenced by ignores (config or inline).
    suppressed: usize,
    /// Matched by `--baseline`.
    baselined: usize,
}

/// Render the scan as pretty JSON (with a trailing newline).
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let findings: Vec<WireFinding> = items(result, opts)
        .into_iter()
        .map(|it| WireFinding {
            rule: it.finding.rule,
            severity: it.finding.severity.name(),
            message: it.message,
            path: it.path,
            pointer: it.pointer,
            line: it.start.0,
            column: it.start.1,
            end_line: it.end.0,
            end_column: it.end.1,
            client: it.checked.file.client_id(),
            server: it.server,
            help: it.help,
            fingerprint: it.fingerprint,
        })
        .collect();
    let counts = super::severity_counts(result);
    let count = |s| counts.iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| *n);
    use crate::finding::Severity::*;
    let out = Output {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "mcpward",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files: result.files.len(),
            findings: findings.len(),
            critical: count(Critical),
            high: count(High),
            medium: count(Medium),
            low: count(Low),
            errors: result.errors.len(),
            suppressed: result.suppressed,
            baselined: result.baselined,
        },
        findings,
        files: result
            .files
            .iter()
            .map(|c| {
                let mask = super::mask_of(c);
                let secrets = mask.values();
                WireFile {
                    path: display_path(&c.file.source.path, &opts.cwd),
                    client: c.file.client_id(),
                    scope: c.scope.name(),
                    servers: c
                        .file
                        .servers
                        .iter()
                        .map(|s| {
                            let (line, column) = c.file.source.line_col(s.name_span.start);
                            WireServer {
                                name: crate::mask::redact(&s.name, secrets),
                                pointer: crate::mask::redact(&s.pointer, secrets),
                                line,
                                column,
                                transport: match s.transport {
                                    crate::model::Transport::Stdio => "stdio",
                                    crate::model::Transport::Remote => "remote",
                                    crate::model::Transport::Unknown => "unknown",
                                },
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        errors: result
            .errors
            .iter()
            .map(|e| WireError {
                path: display_path(&e.path, &opts.cwd),
                kind: e.kind,
                message: e.message.clone(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out)
        .unwrap_or_else(|e| format!("{{\"version\":1,\"internal_error\":{:?}}}", e.to_string()));
    s.push('\n');
    s
}
