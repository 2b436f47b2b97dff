//! Baselines: adopt mcpward in a repository without fixing everything first.
//! `--write-baseline FILE` records every current finding by fingerprint;
//! `--baseline FILE` then reports only findings that are not in it.
//!
//! A fingerprint is a SHA-256 over the rule id, the file's display path
//! (relative to the current folder), the finding's JSON pointer and its
//! `fingerprint_extra` (itself a hash, never a raw value), so it survives
//! line shifts and edits elsewhere in the file, and the baseline file holds
//! no secret and no pointer (a pointer can hold a key someone pasted a
//! secret into). Identical fingerprints are counted: a baseline with one
//! entry hides one finding, not every future finding at the same place.
//!
//! The fingerprint is [`crate::fingerprint`]'s, the one SARIF
//! `partialFingerprints` and the JSON output carry: bump [`VERSION`] if the
//! hash inputs ever change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::fingerprint::fingerprint;

/// Version of the baseline file format and fingerprint recipe.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    tool: String,
    /// The folder mcpward ran in when it wrote the file: entry paths are
    /// relative to it, so a run from elsewhere can say why nothing matched.
    /// Absent in baselines written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    written_from: Option<String>,
    findings: Vec<Entry>,
}

/// One recorded finding. `rule` and `path` are there for people reviewing
/// the file; matching uses the fingerprint only.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
}

/// A baseline that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {}: {message}", path.display())]
    Read {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("{} is not an mcpward baseline: {message}", path.display())]
    Parse {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("baseline {} has version {found}; this mcpward reads version {VERSION}: write it again with --write-baseline", path.display())]
    Version {
        path: std::path::PathBuf,
        found: u32,
    },
    #[error("cannot write baseline {}: {message}", path.display())]
    Write {
        path: std::path::PathBuf,
        message: String,
    },
}

/// One finding to record: its display path, rule id and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
}

impl Record {
    /// The record of a finding in the file shown as `path` (relative to the
    /// current folder, [`crate::paths::display_path`]).
    pub fn of(f: &Finding, path: &str) -> Record {
        Record {
            fingerprint: fingerprint(f.rule, path, &f.pointer, f.fingerprint_extra.as_deref()),
            rule: f.rule.to_string(),
            path: path.to_string(),
        }
    }
}

/// Write `records` to `out` as a baseline. Returns how many were recorded.
pub fn write(
    records: impl IntoIterator<Item = Record>,
    out: &Path,
) -> Result<usize, BaselineError> {
    write_from(records, out, None)
}

/// [`write`], recording `cwd` (the folder the paths are relative to) as the
/// folder it was written from.
pub fn write_from(
    records: impl IntoIterator<Item = Record>,
    out: &Path,
    cwd: Option<&Path>,
) -> Result<usize, BaselineError> {
    let mut findings: Vec<Entry> = records
        .into_iter()
        .map(|r| Entry {
            path: r.path,
            rule: r.rule,
            fingerprint: r.fingerprint,
        })
        .collect();
    findings.sort();
    let n = findings.len();
    let file = BaselineFile {
        version: VERSION,
        tool: format!("mcpward {}", env!("CARGO_PKG_VERSION")),
        written_from: cwd.map(|c| crate::paths::absolute(c, c).display().to_string()),
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| BaselineError::Write {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    text.push('\n');
    std::fs::write(out, text).map_err(|e| BaselineError::Write {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(n)
}

/// A baseline read from a file: how many times each fingerprint may still
/// be matched. Identical fingerprints are counted, so one entry hides one
/// finding.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The file it was read from.
    pub path: PathBuf,
    /// Entries in the file.
    pub entries: usize,
    /// The folder it was written from, when recorded.
    pub written_from: Option<String>,
    /// The display paths its entries name.
    paths: std::collections::HashSet<String>,
    budget: HashMap<String, usize>,
}

impl Baseline {
    /// Read the baseline at `path`.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let source = crate::source::load(path, crate::source::DEFAULT_SIZE_CAP).map_err(|e| {
            BaselineError::Read {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        })?;
        let version: serde_json::Value =
            serde_json::from_str(&source.text).map_err(|e| BaselineError::Parse {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        let found = version.get("version").and_then(|v| v.as_u64());
        if found != Some(u64::from(VERSION)) {
            return Err(match found {
                Some(v) => BaselineError::Version {
                    path: path.to_path_buf(),
                    found: u32::try_from(v).unwrap_or(u32::MAX),
                },
                None => BaselineError::Parse {
                    path: path.to_path_buf(),
                    message: "no \"version\" field".into(),
                },
            });
        }
        let file: BaselineFile =
            serde_json::from_value(version).map_err(|e| BaselineError::Parse {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        let mut budget: HashMap<String, usize> = HashMap::new();
        for e in &file.findings {
            *budget.entry(e.fingerprint.clone()).or_default() += 1;
        }
        Ok(Baseline {
            path: path.to_path_buf(),
            entries: file.findings.len(),
            paths: file.findings.iter().map(|e| e.path.clone()).collect(),
            written_from: file.written_from,
            budget,
        })
    }

    /// The warning for a baseline none of whose entries names a file this
    /// run scanned (`scanned`: display paths): run from another folder than
    /// the one that wrote it, or after the files moved, it hides nothing.
    pub fn unmatched_warning<'a>(
        &self,
        mut scanned: impl Iterator<Item = &'a str>,
    ) -> Option<String> {
        if self.entries == 0 || scanned.any(|p| self.paths.contains(p)) {
            return None;
        }
        let from = self.written_from.as_deref().map_or_else(
            || "it does not record the folder it was written from".to_string(),
            |f| format!("it was written from {f}"),
        );
        Some(format!(
            "baseline {} has {} {}, none matched a scanned file; {from}",
            self.path.display(),
            self.entries,
            if self.entries == 1 {
                "entry"
            } else {
                "entries"
            },
        ))
    }

    /// (kept, added, removed) when `records` replace this baseline.
    pub fn changes(&self, records: &[Record]) -> (usize, usize, usize) {
        let mut budget = self.budget.clone();
        let kept = records
            .iter()
            .filter(|r| match budget.get_mut(&r.fingerprint) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .count();
        (kept, records.len() - kept, self.entries - kept)
    }

    /// Whether the baseline holds (one more) finding with this fingerprint;
    /// a match uses the entry up.
    pub fn take(&mut self, fingerprint: &str) -> bool {
        match self.budget.get_mut(fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_distinct_and_never_holds_the_value() {
        // A fake token built at run time from the public format.
        let token: String = std::iter::once("ghp_".to_string())
            .chain((0..36).map(|i| ((b'a' + (i * 7 % 26) as u8) as char).to_string()))
            .collect();
        let pointer = format!("/mcpServers/x/env/{token}");
        let a = fingerprint("hardcoded-secret", ".mcp.json", &pointer, Some(&token));
        assert_eq!(
            a,
            fingerprint("hardcoded-secret", ".mcp.json", &pointer, Some(&token))
        );
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!a.contains(&token) && !a.contains(&token[4..20]));
        assert_ne!(
            a,
            fingerprint("hardcoded-secret", ".mcp.json", &pointer, None)
        );
        // Field boundaries matter.
        assert_ne!(
            fingerprint("ab", "c", "", None),
            fingerprint("a", "bc", "", None)
        );
    }
}
