//! Stable finding identities (`mcpward/v1`), shared by SARIF
//! `partialFingerprints`, the JSON `fingerprint` field and the baseline.
//!
//! A fingerprint is the sha256 of the rule id, the display path (relative to
//! the working directory when inside it), the JSON pointer of the offending
//! value and the finding's `fingerprint_extra`, joined with NUL bytes. No line
//! or column goes in, so a finding keeps its identity when lines above it are
//! added or removed, and no raw value goes in: `fingerprint_extra` is itself a
//! salted hash when a rule sets it, so a fingerprint is never an oracle for
//! guessing a secret.

use sha2::{Digest, Sha256};

/// Key under which SARIF results carry our fingerprint.
pub const SARIF_KEY: &str = "mcpward/v1";

/// Hex fingerprint (32 hex digits, 128 bits) of a finding's identity.
pub fn fingerprint(rule: &str, path: &str, pointer: &str, extra: Option<&str>) -> String {
    digest(rule, path, pointer, extra, None)
}

/// The fingerprint of the `n`th (1-based) finding sharing one identity in a
/// run, e.g. two syntax errors at the document root. `n == 1` gives the same
/// value as [`fingerprint`].
pub fn fingerprint_nth(
    rule: &str,
    path: &str,
    pointer: &str,
    extra: Option<&str>,
    n: usize,
) -> String {
    digest(rule, path, pointer, extra, (n > 1).then_some(n))
}

/// GitHub's `primaryLocationLineHash`: the first 16 hex digits of the
/// fingerprint and the occurrence, in GitHub's own `hash:n` shape. GitHub
/// then tracks alerts by pointer rather than by line text.
pub fn primary_location_line_hash(fingerprint: &str, occurrence: usize) -> String {
    let head: String = fingerprint.chars().take(16).collect();
    format!("{head}:{}", occurrence.max(1))
}

fn digest(rule: &str, path: &str, pointer: &str, extra: Option<&str>, n: Option<usize>) -> String {
    let mut h = Sha256::new();
    for part in [rule, path, pointer] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    if let Some(e) = extra {
        h.update(b"extra\0");
        h.update(e.as_bytes());
        h.update([0u8]);
    }
    if let Some(n) = n {
        h.update(format!("occurrence\0{n}").as_bytes());
    }
    let bytes = h.finalize();
    bytes[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        let a = fingerprint(
            "invalid-config",
            ".cursor/mcp.json",
            "/mcpServers/x/arg",
            None,
        );
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            a,
            fingerprint(
                "invalid-config",
                ".cursor/mcp.json",
                "/mcpServers/x/arg",
                None
            )
        );
        assert_ne!(
            a,
            fingerprint(
                "invalid-config",
                ".cursor/mcp.json",
                "/mcpServers/y/arg",
                None
            )
        );
        assert_ne!(
            a,
            fingerprint("invalid-config", ".mcp.json", "/mcpServers/x/arg", None)
        );
        assert_ne!(
            a,
            fingerprint("other-rule", ".cursor/mcp.json", "/mcpServers/x/arg", None)
        );
        assert_ne!(
            a,
            fingerprint(
                "invalid-config",
                ".cursor/mcp.json",
                "/mcpServers/x/arg",
                Some("h")
            )
        );
        // Field boundaries matter: "ab" + "c" is not "a" + "bc".
        assert_ne!(
            fingerprint("r", "ab", "c", None),
            fingerprint("r", "a", "bc", None)
        );
    }

    #[test]
    fn occurrences() {
        let one = fingerprint("r", "p", "", None);
        assert_eq!(fingerprint_nth("r", "p", "", None, 1), one);
        assert_ne!(fingerprint_nth("r", "p", "", None, 2), one);
        assert_eq!(
            primary_location_line_hash(&one, 2),
            format!("{}:2", &one[..16])
        );
    }
}
