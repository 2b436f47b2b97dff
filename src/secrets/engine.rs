//! The compiled catalogue. Built once, on first use: an Aho-Corasick
//! automaton over every entry's anchor literals (the prefilter) and a bit
//! mask per anchor naming the entries it stands for. A value costs one pass
//! of the automaton; an entry is only tried when one of its anchors occurs,
//! so a value with no marker at all costs nothing more.
//!
//! No regex engine is involved: every catalogue format is a sequence of
//! literals, alternatives and character runs ([`Part`]), which a small
//! backtracking matcher ([`match_parts`]) runs directly, starting only at
//! word starts (a token glued to a preceding word is not a token). Compiling
//! one provider regex cost 0.2–0.3 ms of a one-file run; the matcher needs no
//! compilation. A test checks the matcher against the regex that
//! [`super::catalogue::regex_source`] derives from the same parts.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::catalogue::{checksum_ok, Part, Provider, ANY, PROVIDERS};
use super::names;

struct Compiled {
    /// `None` only if the automaton could not be built (it always can for
    /// this small catalogue); then every marker entry runs.
    prefilter: Option<AhoCorasick>,
    /// For each anchor pattern: the entries (bit i = `PROVIDERS[i]`).
    owners: Vec<u128>,
    /// Entries whose first part is a literal or an alternative of
    /// non-empty literals: a match starts where one of their anchors does.
    starts_at_anchor: u128,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(compile);

fn compile() -> Compiled {
    let mut anchors: Vec<&'static str> = Vec::new();
    let mut owners: Vec<u128> = Vec::new();
    let mut starts_at_anchor = 0u128;
    for (i, p) in PROVIDERS.iter().enumerate() {
        // A test keeps the catalogue within the 128-bit mask.
        let bit = 1u128.checked_shl(i as u32).unwrap_or(0);
        if !p.names.is_empty() {
            continue;
        }
        if p.anchors.is_empty() && !p.anchor_literals().is_empty() {
            starts_at_anchor |= bit;
        }
        for a in p.anchor_literals() {
            match anchors.iter().position(|x| *x == a) {
                Some(k) => owners[k] |= bit,
                None => {
                    anchors.push(a);
                    owners.push(bit);
                }
            }
        }
    }
    let prefilter = AhoCorasick::new(&anchors).ok();
    Compiled {
        prefilter,
        owners,
        starts_at_anchor,
    }
}

/// Upper bound on matcher steps from one start position: the catalogue's
/// formats need a few hundred at most; the bound keeps a hostile value from
/// making the backtracking expensive.
const STEP_BUDGET: u32 = 20_000;

/// Match `parts` against `text` at `at`. Runs are greedy and give back
/// characters on failure (the same preference order as the regex
/// `regex_source` builds), so the result is the end of the match a
/// leftmost-first regex engine reports at this position. With `whole`,
/// only a match ending at `text.len()` counts.
pub fn match_parts(parts: &[Part], text: &[u8], at: usize, whole: bool) -> Option<usize> {
    let mut budget = STEP_BUDGET;
    go(parts, text, at, whole, &mut budget)
}

fn go(parts: &[Part], t: &[u8], at: usize, whole: bool, budget: &mut u32) -> Option<usize> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let Some((first, rest)) = parts.split_first() else {
        return (!whole || at == t.len()).then_some(at);
    };
    match first {
        Part::Lit(l) => {
            let l = l.as_bytes();
            if t.get(at..at + l.len()) == Some(l) {
                go(rest, t, at + l.len(), whole, budget)
            } else {
                None
            }
        }
        Part::Alt(alts) => alts.iter().find_map(|a| {
            let a = a.as_bytes();
            if t.get(at..at + a.len()) == Some(a) {
                go(rest, t, at + a.len(), whole, budget)
            } else {
                None
            }
        }),
        Part::Ws => {
            let mut n = 0;
            while matches!(t.get(at + n), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                n += 1;
            }
            (0..=n)
                .rev()
                .find_map(|k| go(rest, t, at + k, whole, budget))
        }
        Part::Run(c, min, max) => {
            let (min, max) = (usize::from(*min), usize::from(*max));
            let cap = if max == usize::from(ANY) {
                usize::MAX
            } else {
                max
            };
            let mut n = 0;
            while n < cap && t.get(at + n).is_some_and(|b| c.contains(*b)) {
                n += 1;
            }
            if n < min {
                return None;
            }
            // A run followed by nothing or by a literal none of whose
            // bytes the class holds cannot give anything back usefully:
            // try the longest only.
            let fixed = match rest.first() {
                None => !whole,
                Some(Part::Lit(l)) => !c.contains(l.as_bytes()[0]),
                _ => false,
            };
            if fixed {
                return go(rest, t, at + n, whole, budget);
            }
            (min..=n)
                .rev()
                .find_map(|k| go(rest, t, at + k, whole, budget))
        }
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
    // Start positions of anchors, for entries that begin with their anchor.
    let mut starts: Vec<(usize, u128)> = Vec::new();
    match &c.prefilter {
        Some(ac) => {
            for m in ac.find_overlapping_iter(text) {
                let owners = c.owners[m.pattern().as_usize()];
                candidates |= owners;
                if owners & c.starts_at_anchor != 0 {
                    starts.push((m.start(), owners & c.starts_at_anchor));
                }
            }
        }
        None => candidates = c.owners.iter().fold(0, |a, b| a | b),
    }
    if candidates == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    while candidates != 0 {
        let i = candidates.trailing_zeros() as usize;
        let bit = candidates & candidates.wrapping_neg();
        candidates &= candidates - 1;
        let Some(p) = PROVIDERS.get(i) else { continue };
        let mut next = 0;
        if c.prefilter.is_some() && c.starts_at_anchor & bit != 0 {
            for &(s, m) in &starts {
                if m & bit != 0 && s >= next {
                    if let Some(end) = try_at(p, text, s, &mut out) {
                        next = end;
                    }
                }
            }
        } else {
            let bytes = text.as_bytes();
            for s in 0..bytes.len() {
                let word_start = s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
                if s >= next && word_start && bytes[s].is_ascii() {
                    if let Some(end) = try_at(p, text, s, &mut out) {
                        next = end;
                    }
                }
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

/// Try entry `p` at byte `s`: a match must start a word and end one (the
/// character after it outside the last run's class). Returns the end of a
/// match that stands alone (accepted or not, the scan goes on after it).
fn try_at(p: &'static Provider, text: &str, s: usize, out: &mut Vec<Found>) -> Option<usize> {
    let bytes = text.as_bytes();
    if s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    let end = match_parts(p.parts, bytes, s, false)?;
    let after_ok = match bytes.get(end) {
        None => true,
        Some(b) => {
            !b.is_ascii_alphanumeric()
                && p.tail_class()
                    .is_none_or(|tail| !tail.as_bytes().contains(b))
        }
    };
    if !after_ok || end == s {
        return None;
    }
    if let Some(f) = accept(p, text, s..end) {
        out.push(f);
    }
    Some(end)
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
    PROVIDERS.iter().find(|p| {
        !p.names.is_empty()
            && p.applies_to_name(words)
            && match_parts(p.parts, value.as_bytes(), 0, true).is_some()
            && !names::is_placeholder_body(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_fits_the_mask() {
        assert!(PROVIDERS.len() <= 128, "the candidate mask is a u128");
        assert!(COMPILED.prefilter.is_some());
    }

    /// The matcher agrees with the regex derived from the same parts, on
    /// generated tokens, their look-alikes and the tokens in context.
    #[test]
    fn matcher_agrees_with_regex() {
        use crate::secrets::catalogue::regex_source;
        use crate::secrets::corpus::{negatives, sample, Rng};
        let mut rng = Rng::new(21);
        for p in PROVIDERS {
            let re = regex::Regex::new(&format!("^(?:{})", regex_source(p.parts))).unwrap();
            let whole = regex::Regex::new(&format!("^(?:{})$", regex_source(p.parts))).unwrap();
            let mut inputs = vec![sample(p, &mut rng), sample(p, &mut rng)];
            inputs.extend(negatives(p, &mut rng));
            let more: Vec<String> = inputs
                .iter()
                .flat_map(|t| [format!("{t}xyz"), format!("{t}-tail"), format!("{t} x")])
                .collect();
            inputs.extend(more);
            for t in &inputs {
                let want = re.find(t).map(|m| m.end());
                let got = match_parts(p.parts, t.as_bytes(), 0, false);
                assert_eq!(got, want, "{}: {}", p.id, crate::secrets::describe(t, 4));
                let want = whole.is_match(t);
                let got = match_parts(p.parts, t.as_bytes(), 0, true).is_some();
                assert_eq!(
                    got,
                    want,
                    "{} whole: {}",
                    p.id,
                    crate::secrets::describe(t, 4)
                );
            }
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
