//! Findings: what rules produce. Findings are data; rules never print.

use crate::parse::Span;
use serde::Serialize;

/// How bad a finding is. Ordered: `Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// GitHub code scanning `security-severity` (a number in (0, 10]).
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }

    /// SARIF `level`.
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Low => "note",
            Severity::Medium => "warning",
            Severity::High | Severity::Critical => "error",
        }
    }

    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];
}

/// A secondary location shown next to the primary one (e.g. the server name).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Public rule id, e.g. `hardcoded-secret`.
    pub rule: &'static str,
    pub severity: Severity,
    /// One sentence; must never contain a secret (use [`crate::secrets::describe`]).
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// Byte range of the offending value (or key).
    pub span: Span,
    /// Label under the primary span.
    pub label: String,
    /// JSON pointer of the offending value.
    pub pointer: String,
    /// Server entry name, when the finding belongs to one.
    pub server: Option<String>,
    /// Byte ranges that hold secret material and must be masked in every
    /// output (usually inside `span`).
    pub secrets: Vec<Span>,
    /// Extra stable identity for fingerprints (e.g. a salted hash of the
    /// value); never the raw value.
    pub fingerprint_extra: Option<String>,
    /// Secondary labels.
    pub labels: Vec<Label>,
}

impl Finding {
    /// A finding with the required fields; the rest default to empty.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message: message.into(),
            help: None,
            span,
            label: String::new(),
            pointer: pointer.into(),
            server: None,
            secrets: Vec::new(),
            fingerprint_extra: None,
            labels: Vec::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn server(mut self, server: Option<&str>) -> Self {
        self.server = server.map(str::to_string);
        self
    }

    pub fn secret(mut self, span: Span) -> Self {
        self.secrets.push(span);
        self
    }
}
