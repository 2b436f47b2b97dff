//! The compiled catalogue. Built once, on first use: an Aho-Corasick
//! automaton over every entry's anchor literals (the prefilter), one regex per
//! entry, and a bit mask per anchor naming the entries it stands for. A value
//! costs one pass of the automaton; an entry's regex only runs when one of its
//! anchors occurs, so a value with no marker at all is never handed to the
//! ~90 regexes. Each regex is compiled the first time a value needs it:
//! compiling all of them up front was ~90% of a one-file run's instructions.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::catalogue::{checksum_ok, regex_source, Provider, PROVIDERS};
use super::names;

struct Compiled {
    /// `None` only if the automaton could not be built (it always can for
    /// this small catalogue); then every marker entry runs.
    prefilter: Option<AhoCorasick>,
    /// For each anchor pattern: the entries (bit i = `PROVIDERS[i]`).
    owners: Vec<u128>,
    /// Unanchored search regex of each marker entry; `None` for named ones.
    search: Vec<Option<LazyRegex>>,
    /// Whole-value regex of each named entry.
    whole: Vec<Option<LazyRegex>>,
}

/// A regex compiled on first use.
struct LazyRegex {
    src: String,
    re: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(src: String) -> Option<LazyRegex> {
        Some(LazyRegex {
            src,
            re: OnceLock::new(),
        })
    }

    /// The compiled regex. The catalogue is static and covered by tests: a
    /// pattern that does not compile is a build defect, so the entry is
    /// dropped rather than taking the scan down.
    fn get(&self) -> Option<&Regex> {
        self.re.get_or_init(|| Regex::new(&self.src).ok()).as_ref()
    }
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(compile);

fn compile() -> Compiled {
    let mut anchors: Vec<&'static str> = Vec::new();
    let mut owners: Vec<u128> = Vec::new();
    let mut search = Vec::with_capacity(PROVIDERS.len());
    let mut whole = Vec::with_capacity(PROVIDERS.len());
    for (i, p) in PROVIDERS.iter().enumerate() {
        // A test keeps the catalogue within the 128-bit mask.
        let bit = 1u128.checked_shl(i as u32).unwrap_or(0);
        let src = regex_source(p.parts);
        if p.names.is_empty() {
            search.push(LazyRegex::new(src));
            whole.push(None);
            for a in p.anchor_literals() {
                match anchors.iter().position(|x| *x == a) {
                    Some(k) => owners[k] |= bit,
                    None => {
                        anchors.push(a);
                        owners.push(bit);
                    }
                }
            }
        } else {
            search.push(None);
            whole.push(LazyRegex::new(format!("^(?:{src})$")));
        }
    }
    let prefilter = AhoCorasick::new(&anchors).ok();
    Compiled {
        prefilter,
        owners,
        search,
        whole,
    }
}

/// A provider-format token found in a text.
#[derive(Debug, Clone)]
pub struct Found {
    pub provider: &'static Provider,
    /// The secret bytes (context parts such as `AccountKey=` excluded).
    pub range: Range<usize>,
}

/// Every catalogued token in `text` (marker entries only; named entries need
/// a variable name, see [`named`]).
pub fn find(text: &str) -> Vec<Found> {
    let c = &*COMPILED;
    let mut candidates: u128 = 0;
    match &c.prefilter {
        Some(ac) => {
            for m in ac.find_overlapping_iter(text) {
                candidates |= c.owners[m.pattern().as_usize()];
            }
        }
        None => candidates = c.owners.iter().fold(0, |a, b| a | b),
    }
    let mut out = Vec::new();
    while candidates != 0 {
        let i = candidates.trailing_zeros() as usize;
        candidates &= candidates - 1;
        if let (Some(p), Some(Some(lazy))) = (PROVIDERS.get(i), c.search.get(i)) {
            if let Some(re) = lazy.get() {
                find_one(p, re, text, &mut out);
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    // Keep the first of overlapping matches (the longest at a position).
    let mut kept: Vec<Found> = Vec::with_capacity(out.len());
    for f in out {
        if kept.last().is_none_or(|k| k.range.end <= f.range.start) {
            kept.push(f);
        }
    }
    kept
}

fn find_one(p: &'static Provider, re: &Regex, text: &str, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = re.find_at(text, at) else {
            break;
        };
        let before_ok = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
        let after_ok = match bytes.get(m.end()) {
            None => true,
            Some(b) => {
                !b.is_ascii_alphanumeric()
                    && p.tail_class()
                        .is_none_or(|tail| !tail.as_bytes().contains(b))
            }
        };
        if before_ok && after_ok {
            if let Some(f) = accept(p, text, m.range()) {
                out.push(f);
            }
            at = m.end().max(m.start() + 1);
        } else {
            // Skip the rest of this word: a marker inside a longer token is
            // not a token, and retrying at every byte would be quadratic.
            at = m.start() + 1;
            while at < text.len() && bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
        }
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
}

/// Checks beyond the shape: checksum, a required companion literal, the
/// placeholder test on the random part, and the public-JWT exception.
fn accept(p: &'static Provider, text: &str, range: Range<usize>) -> Option<Found> {
    let token = &text[range.clone()];
    if let Some(req) = p.requires {
        if !text.contains(req) {
            return None;
        }
    }
    if p.whole_value {
        return Some(Found {
            provider: p,
            range: 0..text.len(),
        });
    }
    let context_len: usize = context_len(p, token);
    let secret = range.start + context_len..range.end;
    let body = &text[secret.start + p.public_len().min(secret.len())..secret.end];
    if !checksum_ok(p, &text[secret.clone()]) || names::is_placeholder_body(body) {
        return None;
    }
    if p.id == "jwt" && super::urls::jwt_is_public(token) {
        return None;
    }
    Some(Found {
        provider: p,
        range: secret,
    })
}

/// Length of the leading context parts of a match (`AccountKey=`).
fn context_len(p: &Provider, token: &str) -> usize {
    use super::catalogue::Part;
    let mut n = 0;
    for part in &p.parts[..p.context_parts] {
        match part {
            Part::Lit(l) => n += l.len(),
            Part::Alt(a) => {
                n += a
                    .iter()
                    .find(|x| token[n..].starts_with(**x))
                    .map_or(0, |x| x.len())
            }
            _ => {}
        }
    }
    n.min(token.len())
}

/// The named entry (AWS secret key, Datadog key, ...) that `value` matches
/// as a whole under a variable with these words.
pub fn named(words: &[String], value: &str) -> Option<&'static Provider> {
    let c = &*COMPILED;
    PROVIDERS.iter().enumerate().find_map(|(i, p)| {
        let lazy = c.whole.get(i)?.as_ref()?;
        // The name test first: it is cheap and spares compiling the regex.
        (p.applies_to_name(words)
            && lazy.get().is_some_and(|re| re.is_match(value))
            && !names::is_placeholder_body(value))
        .then_some(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_fits_the_mask_and_compiles() {
        assert!(PROVIDERS.len() <= 128, "the candidate mask is a u128");
        let c = &*COMPILED;
        for (i, p) in PROVIDERS.iter().enumerate() {
            assert!(
                c.search[i].as_ref().and_then(LazyRegex::get).is_some()
                    || c.whole[i].as_ref().and_then(LazyRegex::get).is_some(),
                "{} did not compile",
                p.id
            );
        }
    }

    #[test]
    fn no_anchor_no_regex() {
        // Plain words carry no anchor of any marker entry except the ones
        // that must look at every dotted value.
        assert!(find("production").is_empty());
        assert!(find("").is_empty());
    }
}
