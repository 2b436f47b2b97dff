//! The rule registry. A rule is a unit struct implementing [`Rule`], listed in
//! the plain static slice [`RULES`]. Rules read the model (and the value tree
//! where they need to) and push [`Finding`]s; they never print and never know
//! the output format. Rule ids are public API: never rename one.

use crate::finding::{Finding, Severity};
use crate::model::ConfigFile;

mod auto_approve_destructive;
mod broad_filesystem_access;
mod hardcoded_secret;
mod insecure_transport;
mod invalid_config;
pub mod options;
mod shell_wrapper;
mod unexpanded_variable;
mod unpinned_package;
mod unsandboxed_exec_server;
pub(crate) mod unused_ignore;

pub use auto_approve_destructive::AutoApproveDestructive;
pub use broad_filesystem_access::BroadFilesystemAccess;
pub use hardcoded_secret::HardcodedSecret;
pub use insecure_transport::InsecureTransport;
pub use invalid_config::InvalidConfig;
pub use shell_wrapper::ShellWrapper;
pub use unexpanded_variable::UnexpandedVariable;
pub use unpinned_package::UnpinnedPackage;
pub use unsandboxed_exec_server::UnsandboxedExecServer;
pub use unused_ignore::UnusedIgnore;

pub use options::{OptionDoc, OptionError, RuleTable};

/// Static description of a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Public kebab-case id.
    pub id: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    pub default_severity: Severity,
    /// Family tag for SARIF (`secrets`, `configuration`, `supply-chain`, ...).
    pub family: &'static str,
    /// SARIF precision: `very-high`, `high`, `medium` or `low`.
    pub precision: &'static str,
    /// Full Markdown docs: what it does, why it matters, example, use
    /// instead, references.
    pub docs: &'static str,
    /// The options of its `[rules.<id>]` table besides `enabled` and
    /// `severity`. Each one is read by [`Rule::configure`].
    pub options: &'static [OptionDoc],
}

impl RuleMeta {
    /// Where the rule's docs live.
    pub fn help_uri(&self) -> String {
        format!(
            "https://github.com/mcpward/mcpward/blob/main/docs/rules.md#{}",
            self.id
        )
    }
}

/// What a rule may consult besides the file: the effective configuration.
#[derive(Debug, Default)]
pub struct Context<'a> {
    pub config: Option<&'a crate::config::Config>,
}

/// What becomes of a rule's findings on a server entry the client does not
/// start (`disabled: true`, `enabled = false`: [`crate::model::ServerEntry::disabled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenDisabled {
    /// Reported as usual: the harm does not need the server to run (a
    /// secret in the file is leaked either way).
    Keep,
    /// Lowered to low: one toggle away (clients' server panels rewrite the
    /// switch without a review), but nothing happens while it is off.
    Lower,
    /// Not reported: it only describes what starting the server would do.
    Drop,
}

/// One rule.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// This rule with the options of its `[rules.<id>]` table compiled in
    /// (called only when the table holds options, all of them among
    /// [`RuleMeta::options`]). A rule with options deserialises its own
    /// private `Options` struct from `options`.
    fn configure(&self, options: &RuleTable) -> Result<Box<dyn Rule>, OptionError> {
        Err(OptionError::new(
            options.span(),
            format!("rule `{}` has no options", self.meta().id),
            "here",
        ))
    }

    fn check(&self, cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>);
    /// How findings on a switched-off server are reported; each says
    /// "(server is disabled)".
    fn when_disabled(&self) -> WhenDisabled {
        WhenDisabled::Lower
    }
}

/// Every rule, in documentation order.
pub const RULES: &[&dyn Rule] = &[
    &HardcodedSecret::DEFAULT,
    &InvalidConfig,
    &UnexpandedVariable,
    &BroadFilesystemAccess::DEFAULT,
    &AutoApproveDestructive::DEFAULT,
    &UnsandboxedExecServer,
    &UnpinnedPackage::DEFAULT,
    &InsecureTransport,
    &ShellWrapper,
    &UnusedIgnore,
];

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// Run every enabled rule over one file. Findings come back sorted by
/// position, with configured severities applied.
pub fn check_file(cx: &Context, file: &ConfigFile) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in RULES {
        let id = rule.meta().id;
        if cx.config.is_some_and(|c| !c.rule_enabled(id)) {
            continue;
        }
        let rule = cx.config.and_then(|c| c.configured(id)).unwrap_or(*rule);
        let start = out.len();
        rule.check(cx, file, &mut out);
        if let Some(sev) = cx.config.and_then(|c| c.rule_severity(id)) {
            for f in &mut out[start..] {
                f.severity = sev;
            }
        }
        if file.servers.iter().any(|s| s.disabled) {
            let found = out.split_off(start);
            out.extend(on_disabled_servers(file, rule.when_disabled(), found));
        }
    }
    // A secret pasted as a key must not come back out through a pointer or
    // a server name.
    for f in &mut out {
        f.pointer = crate::mask::safe_pointer(&f.pointer);
        if let Some(d) = f
            .server
            .as_deref()
            .and_then(crate::secrets::describe_secret_key)
        {
            f.server = Some(d);
        }
    }
    out.sort_by(|a, b| (a.span.start, a.rule, &a.pointer).cmp(&(b.span.start, b.rule, &b.pointer)));
    out
}

/// Apply a rule's [`WhenDisabled`] to its findings on switched-off servers.
fn on_disabled_servers(
    file: &ConfigFile,
    policy: WhenDisabled,
    found: Vec<Finding>,
) -> impl Iterator<Item = Finding> + '_ {
    found.into_iter().filter_map(move |mut f| {
        let off = file.servers.iter().any(|s| {
            s.disabled
                && f.server.as_deref() == Some(s.name.as_str())
                && (f.pointer == s.pointer
                    || f.pointer
                        .strip_prefix(s.pointer.as_str())
                        .is_some_and(|r| r.starts_with('/')))
        });
        if !off {
            return Some(f);
        }
        match policy {
            WhenDisabled::Drop => return None,
            WhenDisabled::Lower => f.severity = Severity::Low,
            WhenDisabled::Keep => {}
        }
        f.message.push_str(" (server is disabled)");
        Some(f)
    })
}

/// Test helper: build a file from text at `path` and run one rule over it.
#[cfg(test)]
pub(crate) fn run_rule(rule: &dyn Rule, path: &str, text: &str) -> (ConfigFile, Vec<Finding>) {
    let file = crate::model::build(
        crate::source::Source::from_text(path, text),
        None,
        None,
        None,
    );
    let mut out = Vec::new();
    rule.check(&Context::default(), &file, &mut out);
    (file, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            let m = r.meta();
            assert!(seen.insert(m.id), "duplicate id {}", m.id);
            assert!(
                m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.id
            );
            assert!(
                !m.summary.is_empty() && m.docs.len() > 200,
                "{} needs docs",
                m.id
            );
            assert!(["very-high", "high", "medium", "low"].contains(&m.precision));
        }
    }

    /// The documented options of each rule are exactly the fields of the
    /// options struct its `configure` reads (so none is undocumented, and
    /// none is documented but missing).
    #[test]
    fn documented_options_are_the_options_struct() {
        for r in RULES {
            let m = r.meta();
            let documented: Vec<&str> = m.options.iter().map(|o| o.name).collect();
            let read: Vec<String> = match r.configure(&RuleTable::probe()) {
                Ok(_) => panic!("{}: configure did not read its options", m.id),
                Err(e) if m.options.is_empty() => {
                    assert!(
                        e.message.contains("has no options"),
                        "{}: {}",
                        m.id,
                        e.message
                    );
                    Vec::new()
                }
                Err(e) => e.message.split(' ').map(|f| f.replace('_', "-")).collect(),
            };
            assert_eq!(read, documented, "{}", m.id);
            for o in m.options {
                assert!(
                    !o.ty.is_empty() && o.meaning.len() > 20,
                    "{}: {}",
                    m.id,
                    o.name
                );
            }
        }
    }
}
