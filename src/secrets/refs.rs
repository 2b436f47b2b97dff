//! Variable and secret-manager references: strings that name a secret
//! instead of holding it. A reference is never a leak, whether or not the
//! file's client expands it; one the client does not expand is a broken
//! config, reported by `unexpanded-variable`.
//!
//! Syntax ids are the `variables` vocabulary of `known-clients/*.toml`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A reference syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// `${env:NAME}` (Cursor, Windsurf, Cline, Roo, VS Code).
    EnvColon,
    /// `${input:id}` (VS Code, Visual Studio).
    Input,
    /// `${file:/path}` (Windsurf).
    FileColon,
    /// `${workspaceFolder}`, `${userHome}`, `${/}`, ... (VS Code family).
    Predefined,
    /// `${NAME}` and `${NAME:-default}` (Claude Code, Gemini CLI, Kiro).
    DollarBrace,
    /// `$NAME` (Gemini CLI).
    Dollar,
    /// `%NAME%` (Gemini CLI on Windows).
    Percent,
    /// `{env:NAME}` and `{file:path}` (opencode).
    BraceEnv,
    /// `${{ secrets.NAME }}` / `${{ inputs.NAME }}` (Continue).
    SecretsBrace,
    /// `$(NAME)`: a Makefile variable (or a shell command substitution),
    /// expanded by `make` or a shell, never by an MCP client.
    Make,
    /// `op://vault/item/field`, `keychain:...`, `vault:...`: resolved by a
    /// secret manager wrapper (`op run`), never by the client.
    Manager,
}

impl Syntax {
    /// The `variables` vocabulary id.
    pub fn id(self) -> &'static str {
        match self {
            Syntax::EnvColon => "env-colon",
            Syntax::Input => "input",
            Syntax::FileColon => "file-colon",
            Syntax::Predefined => "predefined",
            Syntax::DollarBrace => "dollar-brace",
            Syntax::Dollar => "dollar",
            Syntax::Percent => "percent",
            Syntax::BraceEnv => "brace-env",
            Syntax::SecretsBrace => "secrets-brace",
            Syntax::Make => "make",
            Syntax::Manager => "manager",
        }
    }

    /// Parse a vocabulary id (with the aliases other client files may use).
    pub fn from_id(id: &str) -> Option<Syntax> {
        Some(match id {
            "env-colon" => Syntax::EnvColon,
            "input" => Syntax::Input,
            "file-colon" => Syntax::FileColon,
            "predefined" => Syntax::Predefined,
            "dollar-brace" => Syntax::DollarBrace,
            "dollar" => Syntax::Dollar,
            "percent" => Syntax::Percent,
            "brace-env" | "brace-file" => Syntax::BraceEnv,
            "secrets-brace" | "double-brace" | "continue-secrets" => Syntax::SecretsBrace,
            "make" => Syntax::Make,
            _ => return None,
        })
    }

    /// How to write a reference to the environment variable `name` in this
    /// syntax, where the syntax can name an environment variable.
    pub fn env_example(self, name: &str) -> Option<String> {
        Some(match self {
            Syntax::EnvColon => format!("${{env:{name}}}"),
            Syntax::DollarBrace => format!("${{{name}}}"),
            Syntax::Dollar => format!("${name}"),
            Syntax::Percent => format!("%{name}%"),
            Syntax::BraceEnv => format!("{{env:{name}}}"),
            Syntax::SecretsBrace => format!("${{{{ secrets.{name} }}}}"),
            Syntax::Input => format!("${{input:{}}}", name.to_ascii_lowercase().replace('_', "-")),
            Syntax::FileColon | Syntax::Predefined | Syntax::Make | Syntax::Manager => return None,
        })
    }

    /// A short human description (`${env:NAME}`).
    pub fn shape(self) -> &'static str {
        match self {
            Syntax::EnvColon => "${env:NAME}",
            Syntax::Input => "${input:id}",
            Syntax::FileColon => "${file:path}",
            Syntax::Predefined => "${workspaceFolder}-style predefined variables",
            Syntax::DollarBrace => "${NAME}",
            Syntax::Dollar => "$NAME",
            Syntax::Percent => "%NAME%",
            Syntax::BraceEnv => "{env:NAME}",
            Syntax::SecretsBrace => "${{ secrets.NAME }}",
            Syntax::Make => "$(NAME)",
            Syntax::Manager => "secret-manager references",
        }
    }
}

/// VS Code's predefined variables (code.visualstudio.com variables
/// reference), also understood by Cursor and Roo Code.
const PREDEFINED: &[&str] = &[
    "workspaceFolder",
    "workspaceFolderBasename",
    "workspaceRoot",
    "userHome",
    "pathSeparator",
    "/",
    "cwd",
    "file",
    "fileWorkspaceFolder",
    "relativeFile",
    "relativeFileDirname",
    "fileBasename",
    "fileBasenameNoExtension",
    "fileDirname",
    "fileExtname",
    "execPath",
    "defaultBuildTask",
];

/// One reference in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub range: Range<usize>,
    pub syntax: Syntax,
    /// The variable, input or item named (empty for predefined `${/}`).
    pub name: String,
}

static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<sb>\$\{\{\s*(?:secrets|inputs)\.(?P<sbn>[A-Za-z0-9_.\-]+)\s*\}\})",
        r"|(?P<ec>\$\{env:(?P<ecn>[A-Za-z_][A-Za-z0-9_]*)\})",
        r"|(?P<in>\$\{input:(?P<inn>[^}\s]+)\})",
        r"|(?P<fc>\$\{file:(?P<fcn>[^}]+)\})",
        // `${NAME}`, and the shell's `${NAME:-default}`, `${NAME:=default}`,
        // `${NAME-default}`, `${NAME:?message}`, `${NAME:+alt}`.
        r"|(?P<db>\$\{(?P<dbn>[A-Za-z_][A-Za-z0-9_]*|/)(?::?[-=?+][^}]*)?\})",
        r"|(?P<mk>\$\((?P<mkn>[A-Za-z_][A-Za-z0-9_]*)\))",
        r"|(?P<dl>\$(?P<dln>[A-Z_][A-Z0-9_]*))",
        r"|(?P<pc>%(?P<pcn>[A-Za-z_][A-Za-z0-9_]*)%)",
        r"|(?P<be>\{(?:env|file):(?P<ben>[^}\s]+)\})",
        r"|(?P<mg>(?:op://|keychain:|vault:)(?P<mgn>[^\s]+))",
    ))
    .ok()
});

/// A cheap test before the reference regex (compiling it costs more than
/// scanning most values): whether `text` holds the start of any syntax.
/// `$` followed by `{`, `(` or a name character; `%` twice; `{env:` or
/// `{file:`; a manager scheme.
fn may_hold_reference(text: &str) -> bool {
    let b = text.as_bytes();
    let dollar = b
        .windows(2)
        .any(|w| w[0] == b'$' && (matches!(w[1], b'{' | b'(' | b'_') || w[1].is_ascii_uppercase()));
    dollar
        || b.iter().filter(|&&c| c == b'%').nth(1).is_some()
        || text.contains("{env:")
        || text.contains("{file:")
        || text.contains("op://")
        || text.contains("keychain:")
        || text.contains("vault:")
}

/// Every reference in `text`, left to right, without overlaps.
pub fn find(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    if !may_hold_reference(text) {
        return out;
    }
    let Some(re) = RE.as_ref() else {
        return out;
    };
    let bytes = text.as_bytes();
    for c in re.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let group = |g: &str| c.name(g).map(|m| m.as_str().to_string());
        let (syntax, name) = if let Some(n) = group("sbn") {
            (Syntax::SecretsBrace, n)
        } else if let Some(n) = group("ecn") {
            (Syntax::EnvColon, n)
        } else if let Some(n) = group("inn") {
            (Syntax::Input, n)
        } else if let Some(n) = group("fcn") {
            (Syntax::FileColon, n)
        } else if let Some(n) = group("dbn") {
            if PREDEFINED.contains(&n.as_str()) {
                (Syntax::Predefined, n)
            } else {
                (Syntax::DollarBrace, n)
            }
        } else if let Some(n) = group("mkn") {
            (Syntax::Make, n)
        } else if let Some(n) = group("dln") {
            // `$NAME` only at a word start: not `pa$$WORD`, not `\$HOME`.
            let prev = all.start().checked_sub(1).map(|i| bytes[i]);
            if prev.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'$' || b == b'\\') {
                continue;
            }
            (Syntax::Dollar, n)
        } else if let Some(n) = group("pcn") {
            (Syntax::Percent, n)
        } else if let Some(n) = group("ben") {
            (Syntax::BraceEnv, n)
        } else if let Some(n) = group("mgn") {
            // A manager reference starts the value, a word or an assignment.
            let prev = all.start().checked_sub(1).map(|i| bytes[i]);
            if prev.is_some_and(|b| !(b.is_ascii_whitespace() || b == b'=')) {
                continue;
            }
            (Syntax::Manager, n)
        } else {
            continue;
        };
        out.push(Reference {
            range: all.range(),
            syntax,
            name,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntaxes(t: &str) -> Vec<(Syntax, String)> {
        find(t).into_iter().map(|r| (r.syntax, r.name)).collect()
    }

    #[test]
    fn every_syntax() {
        use Syntax::*;
        assert_eq!(syntaxes("${env:TOKEN}"), [(EnvColon, "TOKEN".into())]);
        assert_eq!(
            syntaxes("Bearer ${env:TOKEN}"),
            [(EnvColon, "TOKEN".into())]
        );
        assert_eq!(syntaxes("${input:gh-token}"), [(Input, "gh-token".into())]);
        assert_eq!(syntaxes("${file:~/.tok}"), [(FileColon, "~/.tok".into())]);
        assert_eq!(
            syntaxes("${workspaceFolder}/x"),
            [(Predefined, "workspaceFolder".into())]
        );
        assert_eq!(
            syntaxes("${GITHUB_TOKEN}"),
            [(DollarBrace, "GITHUB_TOKEN".into())]
        );
        assert_eq!(syntaxes("${PORT:-8080}"), [(DollarBrace, "PORT".into())]);
        assert_eq!(syntaxes("${PORT:=8080}"), [(DollarBrace, "PORT".into())]);
        assert_eq!(syntaxes("${TOKEN:-$2}"), [(DollarBrace, "TOKEN".into())]);
        assert_eq!(syntaxes("${TOKEN:?unset}"), [(DollarBrace, "TOKEN".into())]);
        assert_eq!(syntaxes("${TOKEN-x}"), [(DollarBrace, "TOKEN".into())]);
        assert_eq!(
            syntaxes("https://u:$(DB_PASS)@db.example.com"),
            [(Make, "DB_PASS".into())]
        );
        assert_eq!(syntaxes("$API_KEY"), [(Dollar, "API_KEY".into())]);
        assert_eq!(syntaxes("%APPDATA%\\x"), [(Percent, "APPDATA".into())]);
        assert_eq!(syntaxes("{env:KEY}"), [(BraceEnv, "KEY".into())]);
        assert_eq!(
            syntaxes("${{ secrets.KEY }}"),
            [(SecretsBrace, "KEY".into())]
        );
        assert_eq!(
            syntaxes("op://vault/item/field"),
            [(Manager, "vault/item/field".into())]
        );
        assert_eq!(syntaxes("keychain:github"), [(Manager, "github".into())]);
    }

    #[test]
    fn not_references() {
        assert!(find("pa$$WORD").is_empty());
        assert!(find("price $5").is_empty());
        assert!(find("a%20b%20c").is_empty());
        assert!(find("plain").is_empty());
        assert!(find("https://x.org/op://y").is_empty());
    }

    #[test]
    fn ids_round_trip() {
        for s in [
            Syntax::EnvColon,
            Syntax::Input,
            Syntax::FileColon,
            Syntax::Predefined,
            Syntax::DollarBrace,
            Syntax::Dollar,
            Syntax::Percent,
            Syntax::BraceEnv,
            Syntax::SecretsBrace,
            Syntax::Make,
        ] {
            assert_eq!(Syntax::from_id(s.id()), Some(s));
        }
    }
}
