//! Did-you-mean: the one rule that picks a known name for a mistyped one,
//! used for rule ids (`mcpward explain`, `mcpward.toml`, `mcpward-ignore`,
//! `--select`/`--ignore`), `mcpward.toml` keys and client config keys, so
//! the same typo gets the same suggestion everywhere.
//!
//! Names are compared ignoring ASCII case, `-` and `_` (`Hardcoded_Secret`
//! is `hardcoded-secret`); failing that, the nearest candidate by
//! Damerau-Levenshtein distance wins when the distance is small for the
//! word's length (1 up to 4 characters, 2 up to 8, 3 beyond), the first
//! listed on a tie.

/// The closest candidate when close enough to be a typo.
pub fn suggest<'a, S: AsRef<str>>(word: &str, candidates: &'a [S]) -> Option<&'a str> {
    let w = norm(word);
    if w.is_empty() {
        return None;
    }
    if let Some(c) = candidates.iter().find(|c| norm(c.as_ref()) == w) {
        return Some(c.as_ref());
    }
    let limit = match w.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    candidates
        .iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&w, &norm(c.as_ref())),
                c.as_ref(),
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn norm(s: &str) -> String {
    s.to_ascii_lowercase().replace(['_', '-'], "")
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn case_separators_and_distance() {
        let ids = ["hardcoded-secret", "invalid-config", "unused-ignore"];
        assert_eq!(suggest("Hardcoded_Secret", &ids), Some("hardcoded-secret"));
        assert_eq!(suggest("invalid-conifg", &ids), Some("invalid-config"));
        assert_eq!(suggest("unused-ignores", &ids), Some("unused-ignore"));
        assert_eq!(suggest("zzzzzzzzzzzzzzzz", &ids), None);
        assert_eq!(suggest("", &ids), None);
        let keys = ["command", "args", "env"];
        assert_eq!(suggest("arg", &keys), Some("args"));
        assert_eq!(suggest("evn", &keys), Some("env"));
        // Short words get one edit: "xyz" is not "env".
        assert_eq!(suggest("xyz", &keys), None);
        let owned = vec!["autoApprove".to_string()];
        assert_eq!(suggest("autoapprove", &owned), Some("autoApprove"));
    }
}
