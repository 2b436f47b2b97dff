//! mcpward's own configuration, `mcpward.toml` (or `.mcpward.toml`): which
//! rules run and at what severity, per-rule options, and `[[ignore]]`
//! entries. Found from the scanned folder upwards or given with `--config`.
//! A broken configuration stops the run (exit 2) with a diagnostic that
//! points into the file; unknown keys and rule ids are errors, never
//! silently skipped, because a misspelled ignore is an ignore that does
//! nothing.

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobMatcher};
use miette::{Diagnostic, NamedSource, SourceSpan};
use regex::Regex;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;
use crate::parse::Span;
use crate::paths::absolute;
use crate::source::Source;
use crate::suggest::suggest;

/// File names looked for in each folder, in order.
pub const FILE_NAMES: [&str; 2] = ["mcpward.toml", ".mcpward.toml"];

/// Per-rule settings from `[rules.<id>]`.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    /// `enabled = false` switches the rule off.
    pub enabled: Option<bool>,
    /// Replaces the severity of every finding of the rule.
    pub severity: Option<Severity>,
}

/// How strictly a package must be pinned (`[rules.unpinned-package] pins`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPolicy {
    /// An exact version (`pkg@1.2.3`, `pkg==1.2.3`, an image tag other than
    /// `latest`); ranges and dist-tags are not pins.
    Exact,
    /// A content digest: an image `@sha256:…` or a git commit hash. A
    /// version number is not enough.
    Digest,
    /// No requirement: the package is never reported as unpinned.
    Any,
}

impl PinPolicy {
    pub fn name(self) -> &'static str {
        match self {
            PinPolicy::Exact => "exact",
            PinPolicy::Digest => "digest",
            PinPolicy::Any => "any",
        }
    }
}

/// One `"<package pattern>" = "<policy>"` entry of
/// `[rules.unpinned-package.pins]`.
#[derive(Debug, Clone)]
pub struct PinRule {
    /// Package name or glob (`@acme/*`, `ghcr.io/acme/*`), matched against
    /// the package name without its version, tag or digest.
    pub pattern: String,
    pub policy: PinPolicy,
    matcher: GlobMatcher,
}

impl PinRule {
    pub fn matches(&self, package: &str) -> bool {
        self.matcher.is_match(package)
    }

    fn is_literal(&self) -> bool {
        !self.pattern.contains(['*', '?', '[', '{'])
    }
}

/// A user-defined secret format (`[rules.hardcoded-secret] extra-patterns`).
#[derive(Debug, Clone)]
pub struct SecretPattern {
    /// Shown in messages ("looks like an Acme deploy key").
    pub name: String,
    /// Matched against env, arg, header and URL values.
    pub regex: Regex,
}

/// Options of `hardcoded-secret`.
#[derive(Debug, Clone, Default)]
pub struct SecretOptions {
    /// Extra secret formats, checked besides the built-in catalog.
    pub extra_patterns: Vec<SecretPattern>,
    /// Lower-case hex SHA-256 digests of values that are known not to be
    /// secrets (`printf %s VALUE | sha256sum`), so the value itself never
    /// has to be written into mcpward.toml.
    pub allow_sha256: Vec<String>,
    /// Values matching any of these are not secrets (`^sk-test-`).
    pub allow_regex: Vec<Regex>,
    /// Env variable names whose values are never reported (exact,
    /// case-sensitive).
    pub ignore_env: Vec<String>,
}

impl SecretOptions {
    /// Whether a candidate secret value is allowlisted, by hash or regex.
    pub fn is_allowed(&self, value: &str) -> bool {
        if self.allow_regex.iter().any(|r| r.is_match(value)) {
            return true;
        }
        if self.allow_sha256.is_empty() {
            return false;
        }
        let hash = crate::fingerprint::sha256_hex(value);
        self.allow_sha256.contains(&hash)
    }

    /// Whether values of this env variable are never reported.
    pub fn env_ignored(&self, name: &str) -> bool {
        self.ignore_env.iter().any(|n| n == name)
    }
}

/// Options of `broad-filesystem-access`.
#[derive(Debug, Clone, Default)]
pub struct FilesystemOptions {
    /// Extra folders a server may be given without a finding, as written
    /// (`~/shared`, `/srv/mcp`); `~` is the home folder. The rule
    /// normalises them the same way it normalises server arguments.
    pub allowed_dirs: Vec<String>,
}

/// Options of `auto-approve-destructive`.
#[derive(Debug, Clone, Default)]
pub struct ApprovalOptions {
    /// Tool names to treat as destructive besides the built-in vocabulary.
    pub destructive_tools: Vec<String>,
    /// Tool names to treat as harmless even though their name looks
    /// destructive (`delete_preview_cache`). Wins over `destructive_tools`.
    pub non_destructive_tools: Vec<String>,
}

/// What an `[[ignore]]` entry narrows to inside a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoreTarget {
    /// The whole file.
    File,
    /// A JSON pointer and everything below it.
    Pointer(String),
    /// One server entry, by name.
    Server(String),
}

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Ignore {
    /// The glob as written.
    pub path: String,
    pub target: IgnoreTarget,
    /// Rule ids it silences (all known, checked at load).
    pub rules: Vec<String>,
    pub reason: String,
    /// Byte range of the entry in the configuration file, for reports.
    pub span: Span,
    matcher: GlobMatcher,
    /// Match against absolute paths (pattern was absolute or `~/…`).
    absolute: bool,
    /// Leading `../` segments, resolved against the base folder.
    up: usize,
}

impl Ignore {
    /// Does the entry's glob match this file? `file` is absolute and
    /// lexically normalised; relative globs are relative to `base`, the
    /// folder holding the configuration file.
    pub fn matches_path(&self, file: &Path, base: &Path) -> bool {
        if self.absolute {
            return self.matcher.is_match(slashes(file));
        }
        let Some(base) = base.ancestors().nth(self.up) else {
            return false;
        };
        match file.strip_prefix(base) {
            Ok(rel) => self.matcher.is_match(slashes(rel)),
            Err(_) => false,
        }
    }

    pub fn covers_rule(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| r == rule)
    }
}

/// Where the configuration came from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The configuration file (absolute).
    pub path: PathBuf,
    /// Its folder: relative `[[ignore]]` paths start here.
    pub dir: PathBuf,
    /// Its text, for pointing at entries.
    pub source: Source,
}

/// The effective configuration of a run. Rules read it through
/// `Context::config`; every field has a neutral default so a missing file
/// and an empty file behave the same.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `[rules.<id>] enabled / severity`, by rule id.
    pub rules: BTreeMap<String, RuleConfig>,
    /// `[rules.unpinned-package.pins]`, in file order. Use
    /// [`Config::pin_policy`] to look a package up.
    pub pin_policies: Vec<PinRule>,
    /// `[rules.broad-filesystem-access]` options.
    pub filesystem: FilesystemOptions,
    /// `[rules.auto-approve-destructive]` options.
    pub approval: ApprovalOptions,
    /// `[rules.hardcoded-secret]` options.
    pub secrets: SecretOptions,
    /// `[[ignore]]` entries, in file order.
    pub ignores: Vec<Ignore>,
    /// The file this was loaded from; `None` for the built-in defaults.
    pub origin: Option<Origin>,
}

impl Config {
    pub fn rule_enabled(&self, id: &str) -> bool {
        self.rules.get(id).and_then(|r| r.enabled).unwrap_or(true)
    }

    pub fn rule_severity(&self, id: &str) -> Option<Severity> {
        self.rules.get(id).and_then(|r| r.severity)
    }

    /// The configured pin policy for a package name (without version): an
    /// exact name beats a glob, a longer glob beats a shorter one, and on a
    /// tie the entry written first wins. `None`: the rule's default.
    pub fn pin_policy(&self, package: &str) -> Option<PinPolicy> {
        self.pin_policies
            .iter()
            .enumerate()
            .filter(|(_, p)| p.matches(package))
            .max_by_key(|(i, p)| (p.is_literal(), p.pattern.len(), std::cmp::Reverse(*i)))
            .map(|(_, p)| p.policy)
    }
}

/// A configuration that cannot be used. Rendered with miette; the
/// [`ConfigError::Invalid`] variant points at the offending text.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ConfigError {
    #[error("cannot read configuration {}: {message}", path.display())]
    #[diagnostic(code(mcpward::config::read))]
    Read { path: PathBuf, message: String },

    #[error("both mcpward.toml and .mcpward.toml are in {}: keep one", dir.display())]
    #[diagnostic(code(mcpward::config::ambiguous))]
    Ambiguous { dir: PathBuf },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<Invalid>),
}

/// A configuration file with a mistake at a known place.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(mcpward::config::invalid))]
pub struct Invalid {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    /// Render for a terminal or a log (no colour unless asked).
    /// Render as a diagnostic: box drawing only for a terminal (`unicode`),
    /// plain ASCII otherwise, like the human report.
    pub fn render(&self, color: bool, unicode: bool) -> String {
        let theme = match (unicode, color) {
            (true, true) => miette::GraphicalTheme::unicode(),
            (true, false) => miette::GraphicalTheme::unicode_nocolor(),
            (false, true) => miette::GraphicalTheme::ascii(),
            (false, false) => miette::GraphicalTheme::none(),
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(100);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            out = format!("{self}\n");
        }
        out
    }
}

/// Find the configuration file for a run: the first folder from `start`
/// upwards that holds `mcpward.toml` or `.mcpward.toml`. The search stops
/// after a folder holding `.git` (the repository root) so a project never
/// picks up a file from above its checkout.
pub fn find(start: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .filter(|p| p.is_file())
            .collect();
        match found.len() {
            0 => {}
            1 => return Ok(found.into_iter().next()),
            _ => return Err(ConfigError::Ambiguous { dir: d.into() }),
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    Ok(None)
}

/// Where the search starts: the deepest folder holding every scanned path
/// (a file's own folder for a single file), or `cwd` for the machine scan.
pub fn search_start(paths: &[PathBuf], cwd: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let abs = absolute(p, cwd);
            if abs.is_dir() {
                abs
            } else {
                abs.parent().map(Path::to_path_buf).unwrap_or(abs)
            }
        })
        .collect();
    let Some(first) = dirs.first() else {
        return cwd.to_path_buf();
    };
    let mut common = first.clone();
    for d in &dirs[1..] {
        while !d.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    common
}

/// Load the configuration for a run: `--config FILE` if given, else the
/// file found from the scanned paths upwards, else the defaults.
pub fn load_for_run(
    explicit: Option<&Path>,
    paths: &[PathBuf],
    cwd: &Path,
    home: Option<&Path>,
) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => absolute(p, cwd),
        None => match find(&search_start(paths, cwd))? {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    load(&path, &crate::paths::display_path(&path, cwd), home)
}

/// Read and parse one configuration file. `path` should be absolute (it
/// anchors relative ignore paths); `name` is how diagnostics name it.
pub fn load(path: &Path, name: &str, home: Option<&Path>) -> Result<Config, ConfigError> {
    let source = crate::source::load(path, crate::source::DEFAULT_SIZE_CAP).map_err(|e| {
        ConfigError::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    parse(source, name, home)
}

/// Parse configuration text; `source.path` anchors relative ignore paths.
pub fn parse(source: Source, name: &str, home: Option<&Path>) -> Result<Config, ConfigError> {
    let ids: Vec<&str> = crate::rules::RULES.iter().map(|r| r.meta().id).collect();
    parse_with(source, name, home, &ids)
}

/// Which rule each option belongs to.
const OPTION_OWNERS: &[(&str, &str)] = &[
    ("pins", "unpinned-package"),
    ("allowed-dirs", "broad-filesystem-access"),
    ("destructive-tools", "auto-approve-destructive"),
    ("non-destructive-tools", "auto-approve-destructive"),
    ("extra-patterns", "hardcoded-secret"),
    ("allow-sha256", "hardcoded-secret"),
    ("allow-regex", "hardcoded-secret"),
    ("ignore-env", "hardcoded-secret"),
];

/// Every key the file may hold anywhere, for did-you-mean on unknown keys.
const ALL_KEYS: &[&str] = &[
    "rules",
    "ignore",
    "enabled",
    "severity",
    "pins",
    "allowed-dirs",
    "destructive-tools",
    "non-destructive-tools",
    "extra-patterns",
    "allow-sha256",
    "allow-regex",
    "ignore-env",
    "name",
    "regex",
    "path",
    "pointer",
    "server",
    "reason",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rules: Option<Ordered<RawRule>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    enabled: Option<bool>,
    severity: Option<Spanned<String>>,
    pins: Option<Spanned<Ordered<String>>>,
    allowed_dirs: Option<Spanned<Vec<String>>>,
    destructive_tools: Option<Spanned<Vec<String>>>,
    non_destructive_tools: Option<Spanned<Vec<String>>>,
    extra_patterns: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    allow_sha256: Option<Spanned<Vec<Spanned<String>>>>,
    allow_regex: Option<Spanned<Vec<Spanned<String>>>>,
    ignore_env: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    name: String,
    regex: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: Spanned<String>,
    pointer: Option<Spanned<String>>,
    server: Option<Spanned<String>>,
    rules: Spanned<Vec<Spanned<String>>>,
    reason: Spanned<String>,
}

/// A TOML table read in file order, keys and values with spans.
struct Ordered<V>(Vec<(Spanned<String>, Spanned<V>)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

/// Builds [`ConfigError::Invalid`] values for one file.
struct Errors<'a> {
    source: &'a Source,
    /// The file name shown in diagnostics.
    name: &'a str,
}

impl Errors<'_> {
    fn at(&self, span: Span, message: impl Into<String>, label: &str) -> ConfigError {
        self.with_help(span, message, label, None)
    }

    fn with_help(
        &self,
        span: Span,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError::Invalid(Box::new(Invalid {
            message: message.into(),
            src: NamedSource::new(self.name, self.source.text.clone()),
            span: (span.start, span.end.saturating_sub(span.start)).into(),
            label: label.to_string(),
            help,
        }))
    }
}

/// Parse with an explicit list of known rule ids (tests use future ids).
pub(crate) fn parse_with(
    source: Source,
    name: &str,
    home: Option<&Path>,
    known: &[&str],
) -> Result<Config, ConfigError> {
    let errs = Errors {
        source: &source,
        name,
    };
    let raw: RawFile = toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let mut message = e.message().lines().next().unwrap_or("").trim().to_string();
        let help = unknown_field(&message)
            .and_then(|k| suggest(k, ALL_KEYS))
            .map(|s| format!("did you mean `{s}`?"));
        if help.is_some() {
            // The did-you-mean says more than the list of every option.
            if let Some(i) = message.find(", expected") {
                message.truncate(i);
            }
        }
        errs.with_help(
            span,
            format!("invalid configuration: {message}"),
            "here",
            help,
        )
    })?;
    let mut config = Config::default();
    for (id, rule) in raw.rules.map(|r| r.0).unwrap_or_default() {
        check_rule_id(&errs, &id, known)?;
        let rule = rule.into_inner();
        let severity = match &rule.severity {
            Some(s) => Some(parse_severity(&errs, s)?),
            None => None,
        };
        config.rules.insert(
            id.get_ref().clone(),
            RuleConfig {
                enabled: rule.enabled,
                severity,
            },
        );
        read_options(&errs, id.get_ref(), rule, &mut config)?;
    }
    for entry in raw.ignore {
        let span = entry.span();
        let ignore = read_ignore(&errs, entry.into_inner(), span, known, home)?;
        config.ignores.push(ignore);
    }
    let path = source.path.clone();
    config.origin = Some(Origin {
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        path,
        source,
    });
    Ok(config)
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

fn check_rule_id(errs: &Errors, id: &Spanned<String>, known: &[&str]) -> Result<(), ConfigError> {
    if known.contains(&id.get_ref().as_str()) {
        return Ok(());
    }
    let help = match suggest(id.get_ref(), known) {
        Some(s) => format!("did you mean `{s}`? `mcpward rules` lists every rule"),
        None => "`mcpward rules` lists every rule".to_string(),
    };
    Err(errs.with_help(
        id.span(),
        format!("unknown rule `{}`", id.get_ref()),
        "no rule has this id",
        Some(help),
    ))
}

fn parse_severity(errs: &Errors, s: &Spanned<String>) -> Result<Severity, ConfigError> {
    Severity::ALL
        .iter()
        .copied()
        .find(|v| v.name() == s.get_ref())
        .ok_or_else(|| {
            errs.with_help(
                s.span(),
                format!("unknown severity `{}`", s.get_ref()),
                "not a severity",
                Some("use one of: low, medium, high, critical".into()),
            )
        })
}

/// Check that each option sits under the rule it belongs to, and copy it
/// into the typed config.
fn read_options(
    errs: &Errors,
    id: &str,
    rule: RawRule,
    config: &mut Config,
) -> Result<(), ConfigError> {
    let owner_check = |key: &str, span: Span| -> Result<(), ConfigError> {
        let owner = OPTION_OWNERS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, o)| *o)
            .unwrap_or_default();
        if owner == id {
            return Ok(());
        }
        Err(errs.with_help(
            span,
            format!("`{key}` is an option of rule `{owner}`, not of `{id}`"),
            "misplaced option",
            Some(format!("move it under [rules.{owner}]")),
        ))
    };
    if let Some(pins) = rule.pins {
        owner_check("pins", pins.span())?;
        for (pattern, policy) in pins.into_inner().0 {
            let p = match policy.get_ref().as_str() {
                "exact" => PinPolicy::Exact,
                "digest" => PinPolicy::Digest,
                "any" => PinPolicy::Any,
                other => {
                    return Err(errs.with_help(
                        policy.span(),
                        format!("unknown pin policy `{other}`"),
                        "not a pin policy",
                        Some("use one of: exact, digest, any".into()),
                    ))
                }
            };
            let matcher = glob(errs, &pattern, false)?;
            config.pin_policies.push(PinRule {
                pattern: pattern.into_inner(),
                policy: p,
                matcher,
            });
        }
    }
    if let Some(dirs) = rule.allowed_dirs {
        owner_check("allowed-dirs", dirs.span())?;
        config.filesystem.allowed_dirs = dirs.into_inner();
    }
    if let Some(t) = rule.destructive_tools {
        owner_check("destructive-tools", t.span())?;
        config.approval.destructive_tools = t.into_inner();
    }
    if let Some(t) = rule.non_destructive_tools {
        owner_check("non-destructive-tools", t.span())?;
        config.approval.non_destructive_tools = t.into_inner();
    }
    if let Some(pats) = rule.extra_patterns {
        owner_check("extra-patterns", pats.span())?;
        for p in pats.into_inner() {
            let p = p.into_inner();
            let regex = compile(errs, &p.regex)?;
            config.secrets.extra_patterns.push(SecretPattern {
                name: p.name,
                regex,
            });
        }
    }
    if let Some(hashes) = rule.allow_sha256 {
        owner_check("allow-sha256", hashes.span())?;
        for h in hashes.into_inner() {
            let v = h.get_ref().trim().to_ascii_lowercase();
            let v = v.strip_prefix("sha256:").unwrap_or(&v).to_string();
            if v.len() != 64 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(errs.with_help(
                    h.span(),
                    "not a SHA-256 digest: expected 64 hex digits",
                    "bad digest",
                    Some("compute it with `printf %s 'VALUE' | sha256sum`".into()),
                ));
            }
            config.secrets.allow_sha256.push(v);
        }
    }
    if let Some(res) = rule.allow_regex {
        owner_check("allow-regex", res.span())?;
        for r in res.into_inner() {
            config.secrets.allow_regex.push(compile(errs, &r)?);
        }
    }
    if let Some(names) = rule.ignore_env {
        owner_check("ignore-env", names.span())?;
        config.secrets.ignore_env = names.into_inner();
    }
    Ok(())
}

fn compile(errs: &Errors, s: &Spanned<String>) -> Result<Regex, ConfigError> {
    Regex::new(s.get_ref()).map_err(|e| {
        let msg = e.to_string();
        let last = msg.lines().last().unwrap_or("").trim().to_string();
        errs.at(
            s.span(),
            format!("invalid regular expression: {last}"),
            "here",
        )
    })
}

/// Compile a glob. `*` stays inside one path segment when
/// `literal_separator` (paths), `**` crosses segments.
fn glob(
    errs: &Errors,
    s: &Spanned<String>,
    literal_separator: bool,
) -> Result<GlobMatcher, ConfigError> {
    GlobBuilder::new(s.get_ref())
        .literal_separator(literal_separator)
        .backslash_escape(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| errs.at(s.span(), format!("invalid glob: {}", e.kind()), "here"))
}

fn read_ignore(
    errs: &Errors,
    raw: RawIgnore,
    span: Span,
    known: &[&str],
    home: Option<&Path>,
) -> Result<Ignore, ConfigError> {
    let reason = raw.reason.get_ref().trim();
    if reason.is_empty() {
        return Err(errs.with_help(
            raw.reason.span(),
            "an ignore needs a reason",
            "empty reason",
            Some("say why this finding is acceptable, for the next reader".into()),
        ));
    }
    if raw.rules.get_ref().is_empty() {
        return Err(errs.with_help(
            raw.rules.span(),
            "an ignore must name the rules it silences",
            "empty list",
            Some("e.g. rules = [\"hardcoded-secret\"]".into()),
        ));
    }
    for r in raw.rules.get_ref() {
        check_rule_id(errs, r, known)?;
    }
    let target = match (raw.pointer, raw.server) {
        (Some(_), Some(s)) => {
            return Err(errs.with_help(
                s.span(),
                "an ignore takes `pointer` or `server`, not both",
                "second target",
                Some("use two [[ignore]] entries".into()),
            ))
        }
        (Some(p), None) => {
            let v = p.get_ref();
            if !(v.is_empty() || v.starts_with('/')) {
                return Err(errs.with_help(
                    p.span(),
                    "a pointer starts with `/` (RFC 6901), e.g. \"/mcpServers/github/env/TOKEN\"",
                    "not a JSON pointer",
                    None,
                ));
            }
            IgnoreTarget::Pointer(v.trim_end_matches('/').to_string())
        }
        (None, Some(s)) => IgnoreTarget::Server(s.into_inner()),
        (None, None) => IgnoreTarget::File,
    };
    let pattern = raw.path.get_ref();
    let mut relative = pattern.as_str();
    let mut up = 0;
    while let Some(rest) = relative.strip_prefix("../") {
        relative = rest;
        up += 1;
    }
    let (expanded, absolute) = match (pattern.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => (format!("{}/{rest}", slashes(h)), true),
        (Some(_), None) => {
            return Err(errs.at(
                raw.path.span(),
                "`~/` used but the home folder is unknown",
                "here",
            ))
        }
        (None, _) => (
            relative.to_string(),
            Path::new(pattern).is_absolute() || pattern.starts_with('/'),
        ),
    };
    let glob_src = Spanned::new(raw.path.span(), expanded);
    let matcher = glob(errs, &glob_src, true)?;
    Ok(Ignore {
        path: pattern.clone(),
        target,
        rules: raw
            .rules
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        reason: reason.to_string(),
        span,
        matcher,
        absolute,
        up,
    })
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The pseudo-client under which findings about the configuration file
/// itself (`unused-ignore` of an `[[ignore]]` entry) are reported.
pub fn config_file_kind() -> crate::clients::Kind {
    static CLIENT: OnceLock<crate::clients::Client> = OnceLock::new();
    let client = CLIENT.get_or_init(|| {
        match crate::clients::load("mcpward", MCPWARD_PSEUDO_CLIENT) {
            Ok(c) => c,
            // Embedded constant, loaded by a unit test: a build defect.
            Err(e) => panic!("mcpward pseudo-client is invalid: {e}"),
        }
    });
    crate::clients::Kind {
        client,
        file: &client.files[0],
    }
}

const MCPWARD_PSEUDO_CLIENT: &str = r#"
id = "mcpward"
name = "mcpward configuration"
docs = ["docs/configuration.md"]
secret_advice = "never write a secret into mcpward.toml; allowlist values by their SHA-256 instead"

[[files]]
role = "config"
scope = "project"
format = "toml"
file_names = []
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &[
        "invalid-config",
        "hardcoded-secret",
        "unpinned-package",
        "broad-filesystem-access",
        "auto-approve-destructive",
        "unused-ignore",
    ];

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse_with(
            Source::from_text("/p/mcpward.toml", text),
            "mcpward.toml",
            Some(Path::new("/home/u")),
            KNOWN,
        )
    }

    fn err_text(text: &str) -> (String, Span) {
        match parse_text(text) {
            Err(ConfigError::Invalid(e)) => {
                (e.message, e.span.offset()..e.span.offset() + e.span.len())
            }
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("accepted {text}"),
        }
    }

    #[test]
    fn documented_example_parses() {
        let doc = include_str!("../docs/configuration.md");
        let start = doc.find("```toml\n# mcpward.toml").expect("example") + "```toml\n".len();
        let len = doc[start..].find("```").expect("end of example");
        let c = parse_text(&doc[start..start + len])
            .unwrap_or_else(|e| panic!("{}", e.render(false, true)));
        assert_eq!(c.rule_severity("invalid-config"), Some(Severity::High));
        assert!(!c.rule_enabled("unused-ignore"));
        assert!(c.secrets.is_allowed("hello"));
        assert_eq!(c.pin_policy("@acme/internal-cli"), Some(PinPolicy::Any));
        assert_eq!(c.pin_policy("ghcr.io/acme/x"), Some(PinPolicy::Digest));
        assert_eq!(c.ignores.len(), 3);
    }

    #[test]
    fn pseudo_client_loads() {
        assert_eq!(config_file_kind().client.id, "mcpward");
    }

    #[test]
    fn rules_and_options() {
        let c = parse_text(
            r#"
[rules.invalid-config]
enabled = false
[rules.hardcoded-secret]
severity = "critical"
extra-patterns = [{ name = "Acme key", regex = "acme_[a-z0-9]{8}" }]
allow-sha256 = ["sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824"]
allow-regex = ["^sk-test-"]
ignore-env = ["LOG_LEVEL"]
[rules.unpinned-package.pins]
"@acme/*" = "digest"
"@acme/cli" = "any"
"*" = "exact"
[rules.broad-filesystem-access]
allowed-dirs = ["~/shared"]
[rules.auto-approve-destructive]
destructive-tools = ["purge"]
non-destructive-tools = ["delete_preview"]
"#,
        )
        .unwrap();
        assert!(!c.rule_enabled("invalid-config"));
        assert!(c.rule_enabled("hardcoded-secret"));
        assert_eq!(
            c.rule_severity("hardcoded-secret"),
            Some(Severity::Critical)
        );
        assert!(c.secrets.extra_patterns[0]
            .regex
            .is_match("x acme_12345678"));
        assert!(c.secrets.is_allowed("hello"));
        assert!(c.secrets.is_allowed("sk-test-123"));
        assert!(!c.secrets.is_allowed("hello2"));
        assert!(c.secrets.env_ignored("LOG_LEVEL"));
        assert_eq!(c.pin_policy("@acme/cli"), Some(PinPolicy::Any));
        assert_eq!(c.pin_policy("@acme/server"), Some(PinPolicy::Digest));
        assert_eq!(c.pin_policy("left-pad"), Some(PinPolicy::Exact));
        assert_eq!(c.filesystem.allowed_dirs, vec!["~/shared"]);
        assert_eq!(c.approval.destructive_tools, vec!["purge"]);
        assert_eq!(c.approval.non_destructive_tools, vec!["delete_preview"]);
    }

    #[test]
    fn unknown_key_points_at_it_with_suggestion() {
        let text = "[rules.invalid-config]\nenabeld = false\n";
        let err = parse_text(text).unwrap_err();
        let ConfigError::Invalid(inv) = &err else {
            panic!("{err}")
        };
        let (message, span, help) = (&inv.message, inv.span, &inv.help);
        assert!(message.contains("unknown field `enabeld`"), "{message}");
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "enabeld");
        assert_eq!(help.as_deref(), Some("did you mean `enabled`?"));
        let rendered = err.render(false, true);
        assert!(rendered.contains("mcpward.toml:2:1"), "{rendered}");
    }

    #[test]
    fn unknown_rule_and_misplaced_option() {
        let text = "[rules.hardcoded-secrets]\nenabled = false\n";
        let (msg, span) = err_text(text);
        assert_eq!(msg, "unknown rule `hardcoded-secrets`");
        assert_eq!(&text[span], "hardcoded-secrets");
        let text = "[rules.hardcoded-secret]\nallowed-dirs = [\"/x\"]\n";
        let (msg, span) = err_text(text);
        assert!(
            msg.contains("option of rule `broad-filesystem-access`"),
            "{msg}"
        );
        assert_eq!(&text[span], "[\"/x\"]");
        let (msg, _) = err_text("[rules.invalid-config]\nseverity = \"urgent\"\n");
        assert_eq!(msg, "unknown severity `urgent`");
        let (msg, _) = err_text("[rules.unpinned-package.pins]\nx = \"loose\"\n");
        assert_eq!(msg, "unknown pin policy `loose`");
        let (msg, _) = err_text("[rules.hardcoded-secret]\nallow-regex = [\"(\"]\n");
        assert!(msg.starts_with("invalid regular expression"), "{msg}");
        let (msg, _) = err_text("[rules.hardcoded-secret]\nallow-sha256 = [\"abc\"]\n");
        assert!(msg.starts_with("not a SHA-256 digest"), "{msg}");
    }

    #[test]
    fn ignore_entries() {
        let c = parse_text(
            r#"
[[ignore]]
path = ".cursor/*.json"
pointer = "/mcpServers/gh/"
rules = ["invalid-config"]
reason = "fixture"

[[ignore]]
path = "~/.cursor/mcp.json"
server = "gh"
rules = ["invalid-config", "unused-ignore"]
reason = "vendor file"
"#,
        )
        .unwrap();
        let base = Path::new("/p");
        let a = &c.ignores[0];
        assert_eq!(a.target, IgnoreTarget::Pointer("/mcpServers/gh".into()));
        assert!(a.matches_path(Path::new("/p/.cursor/mcp.json"), base));
        assert!(!a.matches_path(Path::new("/p/x/.cursor/mcp.json"), base));
        assert!(!a.matches_path(Path::new("/p/.cursor/a/mcp.json"), base));
        let b = &c.ignores[1];
        assert_eq!(b.target, IgnoreTarget::Server("gh".into()));
        assert!(b.matches_path(Path::new("/home/u/.cursor/mcp.json"), base));
        assert!(b.covers_rule("unused-ignore"));
        let (msg, _) = err_text("[[ignore]]\npath = \"x\"\nrules = [\"invalid-config\"]\n");
        assert!(msg.contains("missing field `reason`"), "{msg}");
        let (msg, _) =
            err_text("[[ignore]]\npath = \"x\"\nrules = [\"invalid-config\"]\nreason = \" \"\n");
        assert_eq!(msg, "an ignore needs a reason");
        let (msg, _) =
            err_text("[[ignore]]\npath = \"x\"\nrules = [\"invalid-cfg\"]\nreason = \"r\"\n");
        assert_eq!(msg, "unknown rule `invalid-cfg`");
        let (msg, _) = err_text(
            "[[ignore]]\npath = \"x\"\nline = 3\nrules = [\"invalid-config\"]\nreason = \"r\"\n",
        );
        assert!(msg.contains("unknown field `line`"), "{msg}");
    }

    #[test]
    fn search_start_and_find() {
        let cwd = Path::new("/r");
        assert_eq!(
            search_start(
                &[PathBuf::from("a/b/x.json"), PathBuf::from("a/c/y.json")],
                cwd
            ),
            PathBuf::from("/r/a")
        );
        assert_eq!(search_start(&[], cwd), PathBuf::from("/r"));
        assert_eq!(absolute(Path::new("./a/../b"), cwd), PathBuf::from("/r/b"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        std::fs::create_dir_all(root.join("repo/sub")).unwrap();
        std::fs::write(root.join("mcpward.toml"), "").unwrap();
        // Above the repository root: not used.
        assert_eq!(find(&root.join("repo/sub")).unwrap(), None);
        std::fs::write(root.join("repo/.mcpward.toml"), "").unwrap();
        assert_eq!(
            find(&root.join("repo/sub")).unwrap(),
            Some(root.join("repo/.mcpward.toml"))
        );
        std::fs::write(root.join("repo/mcpward.toml"), "").unwrap();
        assert!(matches!(
            find(&root.join("repo/sub")),
            Err(ConfigError::Ambiguous { .. })
        ));
    }
}
