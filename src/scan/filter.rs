//! The filter stage: what the rules found becomes what the user sees.
//! In order: the rule configuration of `mcpward.toml` (`enabled`,
//! `severity`), inline `mcpward-ignore` comments and `[[ignore]]` entries
//! (their use recorded in the usage table of [`crate::suppress`], from
//! which `unused-ignore` reports the stale ones), the baseline, and last the
//! selection of the command line (`--select`, `--ignore`, `--min-severity`,
//! `--min-confidence`). The selection comes last so that an ignore whose
//! finding is merely not shown in this run is not called unused.

use std::path::{Path, PathBuf};

use crate::baseline::{Baseline, Record};
use crate::clients::Scope;
use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, KindSource};
use crate::rules::{self, unused_ignore};
use crate::suppress::{self, ConfigUsage, FileUsage, Ignore, InlineIgnore};

use super::{Checked, ScanResult};

/// How a scan filters its findings.
#[derive(Debug, Clone)]
pub struct FilterOptions {
    /// Apply `[[ignore]]` entries and inline comments (`--no-ignore` turns
    /// this off).
    pub ignores: bool,
    /// Drop the findings this baseline records (`--baseline`).
    pub baseline: Option<Baseline>,
    /// Which findings to report (`--select`, `--ignore`, `--min-severity`,
    /// `--min-confidence`).
    pub selection: Selection,
}

impl Default for FilterOptions {
    fn default() -> Self {
        FilterOptions {
            ignores: true,
            baseline: None,
            selection: Selection::default(),
        }
    }
}

/// How sure a rule is of its findings: the SARIF `precision` each rule
/// declares. Ordered: `Low < Medium < High < VeryHigh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Confidence {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl Confidence {
    /// The confidence of a rule's declared precision.
    pub fn of_precision(precision: &str) -> Confidence {
        match precision {
            "very-high" => Confidence::VeryHigh,
            "high" => Confidence::High,
            "medium" => Confidence::Medium,
            _ => Confidence::Low,
        }
    }
}

/// The findings a run reports, chosen on the command line. A rule that
/// `mcpward.toml` disables stays disabled: the selection only narrows.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these rules (empty: every rule).
    select: Vec<&'static str>,
    /// Never these rules.
    ignore: Vec<&'static str>,
    min_severity: Option<Severity>,
    min_confidence: Option<Confidence>,
}

impl Selection {
    /// A selection from rule ids as given (`--select`, `--ignore`); an
    /// unknown id is an error with the same did-you-mean as `mcpward.toml`.
    pub fn new(
        select: &[String],
        ignore: &[String],
        min_severity: Option<Severity>,
        min_confidence: Option<Confidence>,
    ) -> Result<Selection, String> {
        Ok(Selection {
            select: rule_ids(select)?,
            ignore: rule_ids(ignore)?,
            min_severity,
            min_confidence,
        })
    }

    /// Whether a finding (with its configured severity) is reported.
    pub fn keeps(&self, f: &Finding) -> bool {
        if !self.select.is_empty() && !self.select.contains(&f.rule) {
            return false;
        }
        if self.ignore.contains(&f.rule) {
            return false;
        }
        if self.min_severity.is_some_and(|min| f.severity < min) {
            return false;
        }
        if let Some(min) = self.min_confidence {
            let precision = rules::by_id(f.rule).map_or("low", |r| r.meta().precision);
            if Confidence::of_precision(precision) < min {
                return false;
            }
        }
        true
    }
}

fn rule_ids(given: &[String]) -> Result<Vec<&'static str>, String> {
    let known: Vec<&'static str> = rules::RULES.iter().map(|r| r.meta().id).collect();
    let mut out = Vec::new();
    for id in given.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match known.iter().find(|k| **k == id) {
            Some(k) => out.push(*k),
            None => {
                let hint = match crate::suggest::suggest(id, &known) {
                    Some(s) => format!("did you mean `{s}`? `mcpward rules` lists every rule"),
                    None => "`mcpward rules` lists every rule".to_string(),
                };
                return Err(format!("unknown rule `{id}`; {hint}"));
            }
        }
    }
    Ok(out)
}

/// What the run covered, to judge whether an ignore whose path matched no
/// scanned file is stale or merely out of this run's reach.
#[derive(Debug, Clone, Default)]
pub(crate) struct Coverage {
    /// Folders walked (absolute): the given folders, or the current folder
    /// for the machine scan.
    pub walked: Vec<PathBuf>,
    /// Whether this was the machine scan (every known user-level location).
    pub machine_scan: bool,
}

/// Run the filter stage over a whole scan.
pub(crate) fn run(
    result: &mut ScanResult,
    config: Option<&Config>,
    opts: &FilterOptions,
    cwd: &Path,
    coverage: &Coverage,
) {
    let mut usage = ConfigUsage::new(config.map_or(0, |c| c.ignores.len()));
    for c in &mut result.files {
        result.suppressed += file(c, config, opts.ignores, cwd, &mut usage);
    }
    if let (true, Some(config)) = (opts.ignores, config) {
        stale_ignores(result, config, &usage, coverage);
    }
    if let Some(baseline) = &opts.baseline {
        let mut baseline = baseline.clone();
        for c in &mut result.files {
            let path = crate::paths::display_path(&c.file.source.path, cwd);
            let before = c.findings.len();
            c.findings
                .retain(|f| !baseline.take(&Record::of(f, &path).fingerprint));
            result.baselined += before - c.findings.len();
        }
    }
    for c in &mut result.files {
        c.findings.retain(|f| opts.selection.keeps(f));
    }
}

/// Filter one checked file: rule configuration, then inline and config
/// ignores, then the file's unused inline ignores. Returns how many
/// findings the ignores silenced; `usage` records which config entries
/// applied and which silenced something.
fn file(
    c: &mut Checked,
    config: Option<&Config>,
    ignores: bool,
    cwd: &Path,
    usage: &mut ConfigUsage,
) -> usize {
    let findings = std::mem::take(&mut c.findings);
    let mut keep: Vec<Finding> = findings
        .into_iter()
        .filter_map(|f| configured(config, f))
        .collect();
    let mut silenced = 0;
    if ignores {
        let applicable = applicable_entries(config, &c.file.source.path, cwd);
        for &i in &applicable {
            usage.path_hit[i] = true;
        }
        let entries = config.map_or(&[][..], |c| c.ignores.as_slice());
        let mut inline = FileUsage {
            inline: suppress::inline_ignores(&c.file)
                .into_iter()
                .filter(InlineIgnore::applies)
                .map(|ig| {
                    let n = ig.rules.len();
                    (ig, vec![false; n])
                })
                .collect(),
        };
        let before = keep.len();
        keep.retain(|f| {
            let inline_hit = match_inline(&mut inline, &c.file, f);
            let config_hit = match_entries(entries, &applicable, usage, &c.file, f);
            !(inline_hit || config_hit)
        });
        silenced += before - keep.len();
        for f in unused_ignore::unused_inline(&c.file, &inline) {
            let Some(f) = configured(config, f) else {
                continue;
            };
            if match_entries(entries, &applicable, usage, &c.file, &f) {
                silenced += 1;
            } else {
                keep.push(f);
            }
        }
    }
    keep.sort_by(|a, b| {
        (a.span.start, a.rule, &a.pointer).cmp(&(b.span.start, b.rule, &b.pointer))
    });
    c.findings = keep;
    silenced
}

/// Indexes of the `[[ignore]]` entries whose path matches this file.
fn applicable_entries(config: Option<&Config>, path: &Path, cwd: &Path) -> Vec<usize> {
    let Some((config, base)) = config.and_then(|c| Some((c, c.origin.as_ref()?.dir.as_path())))
    else {
        return Vec::new();
    };
    let abs = crate::paths::absolute(path, cwd);
    (0..config.ignores.len())
        .filter(|&i| config.ignores[i].matches_path(&abs, base))
        .collect()
}

/// Does an inline comment silence `f`? Marks every rule id that matched.
fn match_inline(usage: &mut FileUsage, file: &ConfigFile, f: &Finding) -> bool {
    let line = file.source.line_col(f.span.start).0;
    let mut hit = false;
    for (ig, flags) in usage.inline.iter_mut() {
        if ig.target_line != line {
            continue;
        }
        for ((id, _), used) in ig.rules.iter().zip(flags.iter_mut()) {
            if id == f.rule {
                *used = true;
                hit = true;
            }
        }
    }
    hit
}

/// Does one of the applicable `[[ignore]]` entries silence `f`? Marks every
/// entry that matched as used.
fn match_entries(
    entries: &[Ignore],
    applicable: &[usize],
    usage: &mut ConfigUsage,
    file: &ConfigFile,
    f: &Finding,
) -> bool {
    let mut hit = false;
    for &i in applicable {
        if suppress::ignore_matches(&entries[i], f, file) {
            usage.used[i] = true;
            hit = true;
        }
    }
    hit
}

/// Report the `[[ignore]]` entries that silenced nothing, in a checked file
/// of their own: `mcpward.toml`.
fn stale_ignores(
    result: &mut ScanResult,
    config: &Config,
    usage: &ConfigUsage,
    coverage: &Coverage,
) {
    let Some(origin) = &config.origin else {
        return;
    };
    let in_reach = |ig: &Ignore| {
        if ig.path.starts_with('~') || Path::new(&ig.path).is_absolute() {
            coverage.machine_scan
        } else {
            coverage.walked.iter().any(|w| origin.dir.starts_with(w))
        }
    };
    let mut stale: Vec<Finding> = unused_ignore::stale_entries(&config.ignores, usage, in_reach)
        .into_iter()
        .filter_map(|f| configured(Some(config), f))
        .collect();
    if stale.is_empty() {
        return;
    }
    let file = ConfigFile {
        source: origin.source.clone(),
        kind: crate::config::config_file_kind(),
        kind_source: KindSource::Path,
        parsed: crate::parse::parse_toml(&origin.source.text),
        servers: Vec::new(),
        problems: Vec::new(),
    };
    // An ignore may silence unused-ignore reports in mcpward.toml itself.
    let applicable: Vec<&Ignore> = config
        .ignores
        .iter()
        .filter(|ig| ig.matches_path(&origin.path, &origin.dir))
        .collect();
    let before = stale.len();
    stale.retain(|f| {
        !applicable
            .iter()
            .any(|ig| suppress::ignore_matches(ig, f, &file))
    });
    result.suppressed += before - stale.len();
    if !stale.is_empty() {
        result.files.push(Checked::new(file, Scope::Project, stale));
    }
}

/// A finding with the configured enablement and severity of its rule.
fn configured(config: Option<&Config>, mut f: Finding) -> Option<Finding> {
    let Some(config) = config else {
        return Some(f);
    };
    if !config.rule_enabled(f.rule) {
        return None;
    }
    if let Some(s) = config.rule_severity(f.rule) {
        f.severity = s;
    }
    Some(f)
}

/// The baseline records of every finding `result` reports, with paths shown
/// relative to `cwd` (what `--write-baseline` writes).
pub fn baseline_records(result: &ScanResult, cwd: &Path) -> Vec<Record> {
    result
        .files
        .iter()
        .flat_map(|c| {
            let path = crate::paths::display_path(&c.file.source.path, cwd);
            c.findings
                .iter()
                .map(move |f| Record::of(f, &path))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, severity: Severity) -> Finding {
        Finding::new(rule, severity, 0..1, "", "m")
    }

    #[test]
    fn selection_narrows() {
        let all = Selection::default();
        let f = finding("hardcoded-secret", Severity::Critical);
        assert!(all.keeps(&f));
        let s = Selection::new(&["invalid-config".into()], &[], None, None).unwrap();
        assert!(!s.keeps(&f));
        let s = Selection::new(&[], &["hardcoded-secret".into()], None, None).unwrap();
        assert!(!s.keeps(&f));
        let s = Selection::new(&[], &[], Some(Severity::High), None).unwrap();
        assert!(s.keeps(&f));
        assert!(!s.keeps(&finding("hardcoded-secret", Severity::Medium)));
        let err = Selection::new(&["Hardcoded_Secrets".into()], &[], None, None).unwrap_err();
        assert!(err.contains("did you mean `hardcoded-secret`?"), "{err}");
    }

    #[test]
    fn confidence_follows_declared_precision() {
        assert!(Confidence::of_precision("very-high") > Confidence::High);
        assert!(Confidence::of_precision("medium") < Confidence::High);
        for r in rules::RULES {
            let p = r.meta().precision;
            let c = Confidence::of_precision(p);
            assert_eq!(p == "low", c == Confidence::Low, "{p}");
        }
    }
}
