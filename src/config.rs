//! mcpward's own configuration: which rules run and at what severity. Loading
//! `mcpward.toml` and per-rule options build on this type.

use std::collections::BTreeMap;

use crate::finding::Severity;

/// Per-rule settings.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

/// The effective configuration of a run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub rules: BTreeMap<String, RuleConfig>,
}

impl Config {
    pub fn rule_enabled(&self, id: &str) -> bool {
        self.rules.get(id).and_then(|r| r.enabled).unwrap_or(true)
    }

    pub fn rule_severity(&self, id: &str) -> Option<Severity> {
        self.rules.get(id).and_then(|r| r.severity)
    }
}
