//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and editors (the
//! VS Code SARIF Viewer). One run; every rule mcpward has is listed so
//! `ruleIndex` is stable; files under the working directory get a relative,
//! percent-encoded `uri` with `uriBaseId: %SRCROOT%`, other files an absolute
//! `file://` URI; regions are 1-based with UTF-16 columns (`columnKind`);
//! fingerprints follow the JSON pointer, not the line (see
//! [`crate::fingerprint`]); secondary labels become `relatedLocations`;
//! severity reaches code scanning per finding through per-severity rule
//! descriptors (see [`Descriptors`]). No snippet is ever emitted, and every text comes
//! through [`super::items`], so no marked secret can reach the log.
//!
//! Built with `serde_json::json!` rather than a SARIF types crate: we emit a
//! small, fixed subset, and a test validates it against the official schema.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use super::{items, RenderOptions};
use crate::finding::Severity;
use crate::fingerprint;
use crate::rules::{self, RuleMeta};
use crate::scan::ScanResult;

/// Where mcpward lives; SARIF `informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/mcpward/mcpward";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// GitHub's limits on rule texts.
const MAX_DESCRIPTION: usize = 1024;

/// Render the scan as a SARIF 2.1.0 log (pretty JSON, trailing newline).
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let root = resolve(&opts.cwd, &opts.cwd);
    let mut locations: HashMap<String, Value> = HashMap::new();
    let mut results = Vec::new();
    let all = items(result, opts);
    let descriptors = Descriptors::for_items(&all);
    for it in all {
        let f = it.finding;
        let artifact = locations
            .entry(it.path.clone())
            .or_insert_with(|| artifact_location(&it.checked.file.source.path, opts, &root))
            .clone();
        let mut result = Map::new();
        let (rule_id, index) = descriptors.of(f.rule, f.severity);
        result.insert("ruleId".into(), json!(rule_id));
        if let Some(i) = index {
            result.insert("ruleIndex".into(), json!(i));
        }
        result.insert("level".into(), json!(f.severity.sarif_level()));
        result.insert("message".into(), json!({ "text": it.message }));
        let mut location = json!({
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {
                    "startLine": it.start.0,
                    "startColumn": it.start.1,
                    "endLine": it.end.0,
                    "endColumn": it.end.1,
                }
            }
        });
        if !it.pointer.is_empty() {
            location["logicalLocations"] = json!([{
                "fullyQualifiedName": it.pointer,
                "kind": "member",
            }]);
        }
        result.insert("locations".into(), json!([location]));
        // Secondary labels (the server's name, the approval key) as related
        // locations, in the same file, with their (redacted) label text.
        let related: Vec<Value> = f
            .labels
            .iter()
            .zip(&it.labels)
            .enumerate()
            .map(|(i, (l, text))| {
                let src = &it.checked.file.source;
                let (start, end) = (
                    src.line_col(l.span.start),
                    src.line_col(l.span.end.max(l.span.start)),
                );
                let mut loc = json!({
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact.clone(),
                        "region": {
                            "startLine": start.0,
                            "startColumn": start.1,
                            "endLine": end.0,
                            "endColumn": end.1,
                        }
                    }
                });
                if !text.is_empty() {
                    loc["message"] = json!({ "text": text });
                }
                loc
            })
            .collect();
        if !related.is_empty() {
            result.insert("relatedLocations".into(), Value::Array(related));
        }
        result.insert(
            "partialFingerprints".into(),
            json!({
                fingerprint::SARIF_KEY: it.fingerprint,
                "primaryLocationLineHash":
                    fingerprint::primary_location_line_hash(&it.fingerprint, it.occurrence),
            }),
        );
        let mut props = Map::new();
        props.insert("severity".into(), json!(f.severity.name()));
        props.insert("client".into(), json!(it.checked.file.client_id()));
        if let Some(s) = &it.server {
            props.insert("server".into(), json!(s));
        }
        if let Some(h) = &it.help {
            props.insert("help".into(), json!(h));
        }
        result.insert("properties".into(), Value::Object(props));
        results.push(Value::Object(result));
    }

    let notifications: Vec<Value> = result
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": if e.explicit { "error" } else { "warning" },
                "message": { "text": format!("could not scan {}: {}", crate::paths::display_path(&e.path, &opts.cwd), e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&e.path, opts, &root) } }],
                "properties": { "kind": e.kind },
            })
        })
        .collect();
    // Fails exactly when the run exits 2: a path skipped during a walk is
    // a warning notification, not a failed run.
    let failed = result.errors.iter().any(|e| e.explicit);
    let mut invocation = json!({ "executionSuccessful": !failed });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }

    let version = env!("CARGO_PKG_VERSION");
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "mcpward",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors.list,
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {
                SRCROOT: {
                    "uri": dir_uri(&root),
                    "description": { "text": "The directory mcpward was run from." },
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| String::from("{}"));
    s.push('\n');
    s
}

/// The rule descriptors of a run. GitHub code scanning reads
/// `security-severity` from the rule descriptor only (never from a result),
/// so one rule whose findings differ in severity (a secret is critical in a
/// project file and high in a user file; `curl … | sh` is high where the
/// rule's default is medium) gets one descriptor per severity: the rule's
/// own id for its default severity, and `<rule-id>/<severity>` (a SARIF
/// hierarchical id, a sub-rule of the rule) for each other severity that
/// occurs in the run. Every rule's default descriptor is always listed, in
/// [`rules::RULES`] order, so its `ruleIndex` does not depend on the run;
/// the variants follow, in rule then severity order.
struct Descriptors {
    list: Vec<Value>,
    index: HashMap<(String, Severity), usize>,
}

impl Descriptors {
    fn for_items(items: &[super::Item]) -> Descriptors {
        let mut list: Vec<Value> = Vec::new();
        let mut index = HashMap::new();
        for r in rules::RULES {
            let m = r.meta();
            index.insert((m.id.to_string(), m.default_severity), list.len());
            list.push(rule_descriptor(m, m.default_severity));
        }
        for r in rules::RULES {
            let m = r.meta();
            for sev in Severity::ALL.iter().rev() {
                let occurs = items
                    .iter()
                    .any(|it| it.finding.rule == m.id && it.finding.severity == *sev);
                if *sev != m.default_severity && occurs {
                    index.insert((m.id.to_string(), *sev), list.len());
                    list.push(rule_descriptor(m, *sev));
                }
            }
        }
        Descriptors { list, index }
    }

    /// The `ruleId` and `ruleIndex` of a finding of `rule` at `severity`.
    fn of(&self, rule: &str, severity: Severity) -> (String, Option<usize>) {
        let i = self.index.get(&(rule.to_string(), severity)).copied();
        let default = rules::by_id(rule).map(|r| r.meta().default_severity);
        let id = if default == Some(severity) || i.is_none() {
            rule.to_string()
        } else {
            variant_id(rule, severity)
        };
        (id, i)
    }
}

/// The id of a rule's descriptor at a severity other than its default.
pub fn variant_id(rule: &str, severity: Severity) -> String {
    format!("{rule}/{}", severity.name())
}

/// The `reportingDescriptor` of a rule at `severity`: the rule's own
/// descriptor at its default severity, a `<rule-id>/<severity>` variant
/// otherwise (same name, help and tags, so code scanning groups them).
pub fn rule_descriptor(m: &RuleMeta, severity: Severity) -> Value {
    let (id, short) = if severity == m.default_severity {
        (m.id.to_string(), m.summary.to_string())
    } else {
        (
            variant_id(m.id, severity),
            format!("{} ({} severity)", m.summary, severity.name()),
        )
    };
    json!({
        "id": id,
        "name": pascal_case(m.id),
        "shortDescription": { "text": truncate(&short, MAX_DESCRIPTION) },
        "fullDescription": { "text": truncate(&full_description(m), MAX_DESCRIPTION) },
        "help": { "text": m.docs, "markdown": m.docs },
        "helpUri": m.help_uri(),
        "defaultConfiguration": { "level": severity.sarif_level() },
        "properties": {
            "tags": ["security", m.family],
            "precision": m.precision,
            "security-severity": severity.security_severity(),
        }
    })
}

/// The "What it does" section of the docs as one paragraph, or the summary.
fn full_description(m: &RuleMeta) -> String {
    let Some(start) = m.docs.find("## What it does") else {
        return m.summary.to_string();
    };
    let body = &m.docs[start + "## What it does".len()..];
    let body = body.find("\n## ").map_or(body, |end| &body[..end]);
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        m.summary.to_string()
    } else {
        text
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The real path when it exists (symlinks resolved, as GitHub does not show
/// symlinked paths), else the lexically normalised absolute path.
fn resolve(path: &Path, cwd: &Path) -> PathBuf {
    let abs = crate::paths::absolute(path, cwd);
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

/// Relative to `%SRCROOT%` when under the working directory, else absolute
/// `file://` without `uriBaseId` (SARIF §3.4.4).
fn artifact_location(path: &Path, opts: &RenderOptions, root: &Path) -> Value {
    let abs = resolve(path, &opts.cwd);
    match abs.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            let rel = rel.to_string_lossy().replace('\\', "/");
            json!({ "uri": percent_encode(&rel, false), "uriBaseId": SRCROOT })
        }
        _ => json!({ "uri": file_uri(&abs) }),
    }
}

/// `file://` URI of an absolute path (Unix, Windows drive or UNC).
pub fn file_uri(abs: &Path) -> String {
    let s = abs.to_string_lossy().replace('\\', "/");
    let s = s
        .strip_prefix("//?/UNC/")
        .map_or(s.clone(), |r| format!("//{r}"));
    let s = s.strip_prefix("//?/").map_or(s.clone(), str::to_string);
    if let Some(unc) = s.strip_prefix("//") {
        format!("file://{}", percent_encode(unc, true))
    } else if s.starts_with('/') {
        format!("file://{}", percent_encode(&s, true))
    } else {
        format!("file:///{}", percent_encode(&s, true))
    }
}

fn dir_uri(abs: &Path) -> String {
    let mut u = file_uri(abs);
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}

/// Percent-encode a `/`-separated path for a URI. Unreserved characters and
/// `/` stay; `:` stays only in absolute URIs (a drive letter), since in a
/// relative reference it would read as a scheme.
pub fn percent_encode(path: &str, allow_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (allow_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        assert_eq!(
            percent_encode(".cursor/my mcp.json", false),
            ".cursor/my%20mcp.json"
        );
        assert_eq!(percent_encode("a:b/é#%", false), "a%3Ab/%C3%A9%23%25");
        assert_eq!(percent_encode("C:/x", true), "C:/x");
    }

    #[test]
    fn file_uris() {
        assert_eq!(
            file_uri(Path::new("/home/u/other dir/mcp.json")),
            "file:///home/u/other%20dir/mcp.json"
        );
        #[cfg(windows)]
        assert_eq!(
            file_uri(Path::new(r"\\?\C:\Users\u\mcp.json")),
            "file:///C:/Users/u/mcp.json"
        );
    }

    #[test]
    fn names_and_descriptions() {
        assert_eq!(pascal_case("invalid-config"), "InvalidConfig");
        for r in rules::RULES {
            let d = full_description(r.meta());
            assert!(!d.is_empty() && !d.contains("##"), "{d}");
        }
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
