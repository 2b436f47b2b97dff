//! mcpward's own configuration, `mcpward.toml` (or `.mcpward.toml`): which
//! rules run and at what severity, per-rule options, and `[[ignore]]`
//! entries. Found from the scanned folder upwards or given with `--config`.
//! A broken configuration stops the run (exit 2) with a diagnostic that
//! points into the file; unknown keys and rule ids are errors, never
//! silently skipped, because a misspelled ignore is an ignore that does
//! nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobMatcher};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::finding::Severity;
use crate::parse::Span;
use crate::paths::absolute;
use crate::rules::{Rule, RuleTable};
use crate::source::Source;
use crate::suggest::suggest;
use crate::suppress::{Ignore, IgnoreTarget};

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
#[derive(Default)]
pub struct Config {
    /// `[rules.<id>] enabled / severity`, by rule id.
    pub rules: BTreeMap<String, RuleConfig>,
    /// Rules built from the options of their `[rules.<id>]` table; a rule
    /// without options given runs as its default.
    configured: Vec<Box<dyn Rule>>,
    /// `[[ignore]]` entries, in file order.
    pub ignores: Vec<Ignore>,
    /// The file this was loaded from; `None` for the built-in defaults.
    pub origin: Option<Origin>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let configured: Vec<&str> = self.configured.iter().map(|r| r.meta().id).collect();
        f.debug_struct("Config")
            .field("rules", &self.rules)
            .field("configured", &configured)
            .field("ignores", &self.ignores)
            .field("origin", &self.origin)
            .finish()
    }
}

impl Config {
    pub fn rule_enabled(&self, id: &str) -> bool {
        self.rules.get(id).and_then(|r| r.enabled).unwrap_or(true)
    }

    pub fn rule_severity(&self, id: &str) -> Option<Severity> {
        self.rules.get(id).and_then(|r| r.severity)
    }

    /// The rule `id` built with its configured options, if any were given.
    pub fn configured(&self, id: &str) -> Option<&dyn Rule> {
        self.configured
            .iter()
            .find(|r| r.meta().id == id)
            .map(|r| &**r)
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

/// The top-level keys of the file.
const TOP_KEYS: &[&str] = &["rules", "ignore"];

/// The keys of an `[[ignore]]` entry.
const IGNORE_KEYS: &[&str] = &["path", "pointer", "server", "rules", "reason"];

/// The keys every `[rules.<id>]` table takes.
const COMMON_KEYS: &[&str] = &["enabled", "severity"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: Spanned<String>,
    pointer: Option<Spanned<String>>,
    server: Option<Spanned<String>>,
    rules: Spanned<Vec<Spanned<String>>>,
    reason: Spanned<String>,
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
    let mut config = Config::default();
    let doc = DeTable::parse(&source.text).map_err(|e| toml_error(&errs, &e, TOP_KEYS))?;
    for (key, value) in doc.into_inner() {
        match key.get_ref().as_ref() {
            "rules" => read_rules(&errs, value, known, &mut config)?,
            "ignore" => {
                let entries =
                    Vec::<Spanned<RawIgnore>>::deserialize(ValueDeserializer::from(value))
                        .map_err(|e| toml_error(&errs, &e, IGNORE_KEYS))?;
                for entry in entries {
                    let span = entry.span();
                    let ignore = read_ignore(&errs, entry.into_inner(), span, known, home)?;
                    config.ignores.push(ignore);
                }
            }
            other => {
                let help = suggest(other, TOP_KEYS).map(|s| format!("did you mean `{s}`?"));
                return Err(errs.with_help(
                    key.span(),
                    format!("invalid configuration: unknown field `{other}`"),
                    "here",
                    help.or_else(|| {
                        Some("the file holds `[rules.<id>]` tables and `[[ignore]]` entries".into())
                    }),
                ));
            }
        }
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

/// A TOML syntax or type error, with a did-you-mean when it is an unknown
/// field and one of `keys` is close.
fn toml_error(errs: &Errors, e: &toml::de::Error, keys: &[&str]) -> ConfigError {
    let span = e.span().unwrap_or(0..0);
    let mut message = e.message().lines().next().unwrap_or("").trim().to_string();
    let help = unknown_field(&message)
        .and_then(|k| suggest(k, keys))
        .map(|s| format!("did you mean `{s}`?"));
    if help.is_some() {
        // The did-you-mean says more than the list of every key.
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
}

/// `[rules]`: for each `[rules.<id>]`, the common keys here and the rest
/// handed to the rule, which builds itself from them.
fn read_rules(
    errs: &Errors,
    value: Spanned<DeValue>,
    known: &[&str],
    config: &mut Config,
) -> Result<(), ConfigError> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(errs.with_help(
            span,
            "`rules` must be a table of `[rules.<id>]` tables",
            "not a table",
            None,
        ));
    };
    for (id, value) in table {
        let id = Spanned::new(id.span(), id.get_ref().to_string());
        check_rule_id(errs, &id, known)?;
        let rule = crate::rules::by_id(id.get_ref());
        let span = value.span();
        let DeValue::Table(entries) = value.into_inner() else {
            return Err(errs.with_help(
                span,
                format!("`rules.{}` must be a table", id.get_ref()),
                "not a table",
                Some(format!(
                    "write it as [rules.{}] with `enabled`, `severity` or the rule's options",
                    id.get_ref()
                )),
            ));
        };
        let mut common = RuleConfig::default();
        let mut options = DeTable::new();
        for (key, value) in entries {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("enabled", DeValue::Boolean(b)) => common.enabled = Some(*b),
                ("enabled", _) => {
                    return Err(errs.at(
                        value.span(),
                        "`enabled` takes true or false",
                        "not a boolean",
                    ))
                }
                ("severity", v) => {
                    let s = Spanned::new(value.span(), v.as_str().unwrap_or("").to_string());
                    common.severity = Some(parse_severity(errs, &s)?);
                }
                (name, _) => {
                    check_option(errs, rule, id.get_ref(), name, &key, &value)?;
                    options.insert(key, value);
                }
            }
        }
        config.rules.insert(id.get_ref().clone(), common);
        if let (Some(rule), false) = (rule, options.is_empty()) {
            let built = rule
                .configure(&RuleTable::new(span, options))
                .map_err(|e| errs.with_help(e.span, e.message, &e.label, e.help))?;
            config.configured.retain(|r| r.meta().id != id.get_ref());
            config.configured.push(built);
        }
    }
    Ok(())
}

/// An option key under `[rules.<id>]` must be one the rule declares. One
/// that another rule declares is misplaced; anything else gets a
/// did-you-mean over every rule's options.
fn check_option(
    errs: &Errors,
    rule: Option<&dyn Rule>,
    id: &str,
    name: &str,
    key: &Spanned<toml::de::DeString>,
    value: &Spanned<DeValue>,
) -> Result<(), ConfigError> {
    let declares = |r: &dyn Rule| r.meta().options.iter().any(|o| o.name == name);
    if rule.is_some_and(declares) {
        return Ok(());
    }
    let rules = crate::rules::RULES;
    if let Some(owner) = rules.iter().find(|r| declares(**r)) {
        let owner = owner.meta().id;
        return Err(errs.with_help(
            value.span(),
            format!("`{name}` is an option of rule `{owner}`, not of `{id}`"),
            "misplaced option",
            Some(format!("move it under [rules.{owner}]")),
        ));
    }
    let mut all: Vec<&str> = COMMON_KEYS.to_vec();
    let own: Vec<&str> = rule
        .map(|r| r.meta().options.iter().map(|o| o.name).collect())
        .unwrap_or_default();
    all.extend(&own);
    for r in rules {
        all.extend(r.meta().options.iter().map(|o| o.name));
    }
    let help = match suggest(name, &all) {
        Some(s) if COMMON_KEYS.contains(&s) || own.contains(&s) => format!("did you mean `{s}`?"),
        Some(s) => {
            let owner = rules
                .iter()
                .find(|r| r.meta().options.iter().any(|o| o.name == s))
                .map_or("", |r| r.meta().id);
            format!("did you mean `{s}`? (an option of rule `{owner}`)")
        }
        None => {
            let mut keys = COMMON_KEYS.to_vec();
            keys.extend(&own);
            format!("[rules.{id}] takes: {}", keys.join(", "))
        }
    };
    Err(errs.with_help(
        key.span(),
        format!("invalid configuration: unknown field `{name}` in [rules.{id}]"),
        "here",
        Some(help),
    ))
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
        (Some(rest), Some(h)) => (format!("{}/{rest}", crate::paths::slashes(h)), true),
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
        for id in [
            "hardcoded-secret",
            "unpinned-package",
            "broad-filesystem-access",
            "auto-approve-destructive",
        ] {
            assert!(c.configured(id).is_some(), "{id}");
        }
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
        assert!(c.configured("hardcoded-secret").is_some());
        assert!(c.configured("invalid-config").is_none());
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
