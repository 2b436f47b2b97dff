//! Keeping secrets inside the process. Every output is rendered from a masked
//! copy of the source in which each secret byte range is replaced by `*` of
//! the same byte length, so offsets, lines and columns stay valid. Messages
//! may show a short prefix and the length of a secret, never more.

use crate::finding::Finding;
use crate::parse::Span;

/// The secrets of one file, found once when the file is checked (the mask
/// stage of the pipeline) and carried to every renderer: the byte ranges to
/// blank out of snippets and the secret values to cut out of every string a
/// rule wrote. Renderers never run the secret engine or compile a pattern;
/// they only copy bytes and replace substrings.
#[derive(Debug, Clone, Default)]
pub struct Mask {
    /// Sorted, merged byte ranges.
    spans: Vec<Span>,
    /// Secret values (surrounding quotes trimmed), longest first so a
    /// longer secret is cut out before a shorter one inside it.
    values: Vec<String>,
}

impl Mask {
    /// The mask of `text` checked into `findings`: the ranges the findings
    /// mark as secret, and whatever looks like a secret in the raw text (a
    /// file with a syntax error, a token pasted as a server name or key, or
    /// a value in a position no rule reads still never shows).
    pub fn compute(text: &str, findings: &[Finding]) -> Mask {
        let mut spans: Vec<Span> = findings
            .iter()
            .flat_map(|f| f.secrets.iter().cloned())
            .collect();
        spans.extend(crate::secrets::raw_secret_spans(text));
        Mask::from_spans(text, spans)
    }

    /// The mask of explicit ranges of `text`.
    pub fn from_spans(text: &str, mut spans: Vec<Span>) -> Mask {
        let mut values: Vec<String> = Vec::new();
        for s in &spans {
            let Some(raw) = text.get(s.start.min(s.end)..s.end.min(text.len())) else {
                continue;
            };
            let v = raw.trim_matches(|c| c == '"' || c == '\'');
            // Very short values are not secrets worth hiding and would make
            // messages unreadable if cut out everywhere.
            if v.chars().count() >= 6 && !values.iter().any(|o| o == v) {
                values.push(v.to_string());
            }
        }
        values.sort_by_key(|s| std::cmp::Reverse(s.len()));
        spans.sort_by_key(|s| (s.start, s.end));
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        Mask {
            spans: merged,
            values,
        }
    }

    /// This mask, widened by any secret range of `findings` it does not
    /// already cover: a stage after the check that added a finding marking
    /// a secret still gets it masked. Range arithmetic only, no rescan.
    pub fn covering(&self, text: &str, findings: &[Finding]) -> std::borrow::Cow<'_, Mask> {
        let covered = |s: &Span| {
            s.start >= s.end
                || self
                    .spans
                    .iter()
                    .any(|m| m.start <= s.start && s.end <= m.end)
        };
        let extra: Vec<Span> = findings
            .iter()
            .flat_map(|f| f.secrets.iter())
            .filter(|s| !covered(s))
            .cloned()
            .collect();
        if extra.is_empty() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut spans = self.spans.clone();
        spans.extend(extra);
        let mut widened = Mask::from_spans(text, spans);
        // Keep the values found at check time (from unmerged ranges).
        for v in &self.values {
            if !widened.values.contains(v) {
                widened.values.push(v.clone());
            }
        }
        widened.values.sort_by_key(|s| std::cmp::Reverse(s.len()));
        std::borrow::Cow::Owned(widened)
    }

    /// The byte ranges to blank out.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The secret values, longest first.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// `text` (the file this mask was computed for) with every secret byte
    /// replaced by `*`; offsets stay valid.
    pub fn apply(&self, text: &str) -> String {
        mask_text(text, &self.spans)
    }

    /// `s` with every secret value cut out, replaced by a description that
    /// keeps only its length.
    pub fn redact(&self, s: &str) -> String {
        redact(s, &self.values)
    }
}

/// Cut every value of `secrets` out of `s`, replacing it with a description
/// that keeps only its length.
pub fn redact(s: &str, secrets: &[String]) -> String {
    let mut out = s.to_string();
    for v in secrets {
        if out.contains(v.as_str()) {
            out = out.replace(
                v.as_str(),
                &format!("[secret, {} chars]", v.chars().count()),
            );
        }
    }
    out
}

/// Replace every byte in `spans` with `*`, keeping byte offsets and line
/// structure intact. Multi-byte characters inside a span become one `*` per
/// byte, which keeps the string valid UTF-8.
pub fn mask_text(text: &str, spans: &[Span]) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        // Widen to character boundaries so whole characters are replaced.
        let mut start = s.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = s.end.min(text.len()).max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b'*';
            }
        }
    }
    // Whole characters were replaced by ASCII, so this cannot fail; the
    // fallback keeps the function total anyway.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A key name shortened for messages. Key names are normally harmless, but a
/// secret pasted as a key must not be echoed: a key with a provider's token
/// format, or a long random-looking one, is described instead
/// (`‹GitHub personal access token (classic): ghp_…, 40 chars›`).
pub fn short_key(key: &str) -> String {
    if let Some(described) = crate::secrets::describe_secret_key(key) {
        return described;
    }
    let n = key.chars().count();
    if n <= 40 {
        return key.to_string();
    }
    // A long name made of words (Cline names marketplace installs
    // `github.com/modelcontextprotocol/servers/tree/main/src/github`) is
    // shown whole, or its head and tail, so two servers stay apart; one with
    // a random-looking piece is cut short, in case that piece is a token.
    let wordy = key
        .split(['/', '.', '-', '_', ':', '@', ' '])
        .all(word_like);
    if wordy && n <= 100 {
        key.to_string()
    } else if wordy {
        let head: String = key.chars().take(48).collect();
        let tail: String = key.chars().skip(n - 24).collect();
        format!("{head}…{tail}")
    } else {
        let head: String = key.chars().take(12).collect();
        format!("{head}…")
    }
}

/// A piece of a name that reads as a word: short, or one case of letters
/// with at most two digits (tokens mix cases or carry many digits).
fn word_like(seg: &str) -> bool {
    let digits = seg.bytes().filter(u8::is_ascii_digit).count();
    let one_case = seg
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || seg
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    seg.len() <= 8 || (seg.len() <= 24 && one_case && digits <= 2)
}

/// A JSON pointer safe to print: a reference token that holds a secret (a
/// token pasted as a key) is replaced by `‹secret›`.
pub fn safe_pointer(pointer: &str) -> String {
    if !pointer
        .split('/')
        .any(|t| crate::secrets::describe_secret_key(t).is_some())
    {
        return pointer.to_string();
    }
    pointer
        .split('/')
        .map(|t| {
            let raw = t.replace("~1", "/").replace("~0", "~");
            if crate::secrets::describe_secret_key(&raw).is_some() {
                "‹secret›"
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_cuts_values_out() {
        let secrets = vec!["abcdef123456".to_string()];
        assert_eq!(
            redact("token abcdef123456 here", &secrets),
            "token [secret, 12 chars] here"
        );
        assert_eq!(redact("nothing", &secrets), "nothing");
    }

    #[test]
    fn a_mask_holds_merged_spans_and_values_longest_first() {
        let t = r#"{"a": "abcdef123456", "b": "xyz", "c": "abcdef123456789"}"#;
        let a = t.find("abcdef123456").unwrap();
        let c = t.rfind("abcdef123456789").unwrap();
        let x = t.find("xyz").unwrap();
        let m = Mask::from_spans(t, vec![c..c + 15, a..a + 12, a + 2..a + 12, x..x + 3]);
        assert_eq!(m.spans(), &[a..a + 12, x..x + 3, c..c + 15]);
        // "xyz" is too short to cut out of messages, but is still masked.
        assert_eq!(
            m.values(),
            &["abcdef123456789", "abcdef123456", "cdef123456"]
        );
        assert!(!m.apply(t).contains("abcdef"));
        assert_eq!(m.apply(t).len(), t.len());
        assert_eq!(m.redact("x abcdef123456789"), "x [secret, 15 chars]");
    }

    #[test]
    fn masking_keeps_offsets() {
        let t = "a: \"ghp_secret\"\nb";
        let m = mask_text(t, std::slice::from_ref(&(4..14)));
        assert_eq!(m, "a: \"**********\"\nb");
        assert_eq!(m.len(), t.len());
    }

    #[test]
    fn masking_multibyte_stays_utf8() {
        let t = "x=é1";
        let m = mask_text(t, std::slice::from_ref(&(2..3)));
        assert_eq!(m, "x=**1");
    }

    #[test]
    fn describe_never_shows_much() {
        assert_eq!(
            crate::secrets::describe("ghp_0123456789abcdef0123456789abcdef0123", 4),
            "ghp_…, 40 chars"
        );
        assert_eq!(crate::secrets::describe("short", 4), "5 chars");
        assert_eq!(
            crate::secrets::describe("abcdefghijklmnopqrstuvwxyz", 8),
            "abcd…, 26 chars"
        );
    }

    #[test]
    fn short_key_never_echoes_a_secret() {
        let p = crate::secrets::PROVIDERS
            .iter()
            .find(|p| p.id == "github-pat")
            .unwrap();
        let t = crate::secrets::corpus::sample(p, &mut crate::secrets::corpus::Rng::new(1));
        let shown = short_key(&t);
        assert!(!shown.contains(&t[4..]), "{shown}");
        assert!(!short_key("9fQ2kLm7Zx4Rt8WpA1b3Xc").contains("9fQ2kLm7Zx4Rt8WpA1b3Xc"));
        assert_eq!(short_key("mcpServers"), "mcpServers");
        assert_eq!(safe_pointer(&format!("/a/env/{t}")), "/a/env/‹secret›");
        assert_eq!(
            safe_pointer("/mcpServers/x~1y/env/TOKEN"),
            "/mcpServers/x~1y/env/TOKEN"
        );
        assert_eq!(
            short_key("GITHUB_PERSONAL_ACCESS_TOKEN"),
            "GITHUB_PERSONAL_ACCESS_TOKEN"
        );
        // A long name with a random piece is still cut.
        let long = "server-name-with-a-long-prefix/9fQkLmZxRtWpAbXcqRsTuVwY";
        assert!(!short_key(long).contains("9fQkLmZx"), "{}", short_key(long));
    }

    #[test]
    fn long_wordy_names_stay_distinct() {
        let a = "github.com/modelcontextprotocol/servers/tree/main/src/filesystem";
        let b = "github.com/modelcontextprotocol/servers/tree/main/src/github";
        assert_eq!(short_key(a), a);
        assert_eq!(short_key(b), b);
        let very = format!("{}{}", "segment/".repeat(16), "the-end");
        let shown = short_key(&very);
        assert!(shown.ends_with("the-end") && shown.contains('…'), "{shown}");
    }
}
