//! Stable finding identities (`mcpward/v1`), shared by SARIF
//! `partialFingerprints`, the JSON `fingerprint` field and the baseline.
//!
//! There is one recipe, [`fingerprint`]: a SHA-256 over the
//! rule id, the display path (relative to the working directory when inside
//! it), the JSON pointer of the offending value and the finding's
//! `fingerprint_extra`. No line or column goes in, so a finding keeps its
//! identity when lines above it are added or removed, and no raw value goes
//! in: `fingerprint_extra` is itself a salted hash when a rule sets it. So a
//! result in SARIF or JSON carries exactly the value a baseline file records
//! for it. Bump [`crate::baseline::VERSION`] if the hash inputs ever change.
//!
//! [`sha256_hex`], the plain hash, lives here too: `allow-sha256` and the
//! identity of inline ignore comments use it.

use sha2::{Digest, Sha256};

/// Key under which SARIF results carry our fingerprint.
pub const SARIF_KEY: &str = "mcpward/v1";

/// Hex fingerprint (64 hex digits) of a finding's identity; the same value
/// `--write-baseline` records.
/// Each field is length-prefixed so no two different inputs hash the same
/// bytes.
pub fn fingerprint(rule: &str, path: &str, pointer: &str, extra: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(b"mcpward-baseline-v1\0");
    for field in [rule, path, pointer, extra.unwrap_or("")] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
}

/// Lower-case hex SHA-256 of a string (the form `allow-sha256` takes).
pub fn sha256_hex(value: &str) -> String {
    hex(&Sha256::digest(value.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of the `n`th (1-based) finding sharing one identity in a
/// run, e.g. two syntax errors at the document root, so every result of a
/// run has its own. `n == 1` gives the same value as [`fingerprint`].
pub fn fingerprint_nth(
    rule: &str,
    path: &str,
    pointer: &str,
    extra: Option<&str>,
    n: usize,
) -> String {
    let base = fingerprint(rule, path, pointer, extra);
    if n <= 1 {
        return base;
    }
    let mut h = Sha256::new();
    h.update(base.as_bytes());
    h.update(format!("\0occurrence\0{n}").as_bytes());
    hex(&h.finalize())
}

/// GitHub's `primaryLocationLineHash`: the first 16 hex digits of the
/// fingerprint and the occurrence, in GitHub's own `hash:n` shape. GitHub
/// then tracks alerts by pointer rather than by line text.
pub fn primary_location_line_hash(fingerprint: &str, occurrence: usize) -> String {
    let head: String = fingerprint.chars().take(16).collect();
    format!("{head}:{}", occurrence.max(1))
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
        assert_eq!(a.len(), 64);
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
