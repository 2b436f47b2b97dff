//! Validation of every catalogue file: schema, sources, unique ids, one
//! claimant per identifier, lower-case identifiers (the lazy substring
//! search relies on it), successors that exist.

use std::collections::HashMap;

use super::*;

fn entries() -> Vec<(&'static str, Entry)> {
    FILES
        .iter()
        .flat_map(|(name, text)| {
            load(text)
                .unwrap_or_else(|e| panic!("known-servers/{name}.toml: {e}"))
                .into_iter()
                .map(move |e| (*name, e))
        })
        .collect()
}

#[test]
fn every_file_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("known-servers");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "toml").then(|| p.file_stem().unwrap().to_string_lossy().into())
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "known-servers/ and catalogue::FILES differ"
    );
}

#[test]
fn coverage_and_status_counts() {
    let all = entries();
    assert!(all.len() >= 150, "only {} entries", all.len());
    let count = |s: Status| all.iter().filter(|(_, e)| e.status == Some(s)).count();
    assert_eq!(count(Status::Reference), 7);
    assert_eq!(count(Status::Archived), 13);
    assert!(count(Status::Official) >= 100);
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars().filter(|c| c.is_ascii_digit()).count() == 8
}

#[test]
fn every_entry_is_sourced_dated_and_identifiable() {
    for (file, e) in entries() {
        let at = format!("{file}.toml entry {}", e.id);
        assert!(!e.sources.is_empty(), "{at}: no source");
        for s in &e.sources {
            assert!(s.starts_with("https://"), "{at}: source {s:?} is not a URL");
        }
        assert!(is_date(&e.snapshot), "{at}: snapshot {:?}", e.snapshot);
        assert!(
            e.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{at}: id is not kebab-case"
        );
        assert!(e.has_identifier(), "{at}: nothing a config can refer to");
        if let Some(d) = &e.status_date {
            assert!(is_date(d), "{at}: status-date {d:?}");
        }
        if matches!(e.status, Some(Status::Archived | Status::Deprecated)) {
            assert!(e.status_date.is_some(), "{at}: archived without a date");
        }
        if e.has(Scope::ReadOnly) {
            assert!(
                !e.has(Scope::ReadWrite),
                "{at}: both read-only and read-write"
            );
        }
        for p in &e.pypi {
            assert_eq!(*p, normalize_pypi(p), "{at}: PyPI name not normalised");
        }
        for i in &e.oci {
            assert_eq!(*i, normalize_image(i), "{at}: image not normalised");
        }
        for r in e.remotes.iter().chain(&e.read_only.urls) {
            let r2 = r.replace("://*.", "://x.");
            let u = matching::parse_url(&r2);
            assert!(u.is_some_and(|u| u.scheme == "https"), "{at}: remote {r:?}");
        }
        for t in &e.tools {
            assert!(!t.name.is_empty(), "{at}: tool without a name");
        }
    }
}

#[test]
fn identifiers_are_lower_case() {
    for (file, e) in entries() {
        let ids = e
            .npm
            .iter()
            .chain(&e.pypi)
            .chain(&e.nuget)
            .chain(&e.oci)
            .chain(&e.go)
            .chain(&e.cargo)
            .chain(&e.remotes)
            .chain(&e.binaries);
        for i in ids {
            assert_eq!(*i, i.to_ascii_lowercase(), "{file}.toml {}: {i:?}", e.id);
        }
    }
}

#[test]
fn ids_and_identifiers_are_unique() {
    let mut ids: HashMap<String, &str> = HashMap::new();
    let mut claims: HashMap<(String, String), String> = HashMap::new();
    for (file, e) in entries() {
        if let Some(prev) = ids.insert(e.id.clone(), file) {
            panic!("id {} in both {prev}.toml and {file}.toml", e.id);
        }
        let kinds: [(&str, &Vec<String>); 7] = [
            ("npm", &e.npm),
            ("pypi", &e.pypi),
            ("nuget", &e.nuget),
            ("oci", &e.oci),
            ("go", &e.go),
            ("cargo", &e.cargo),
            ("remote", &e.remotes),
        ];
        for (kind, list) in kinds {
            for v in list {
                let key = (kind.to_string(), v.trim_end_matches('/').to_string());
                if let Some(prev) = claims.insert(key, e.id.clone()) {
                    panic!("{kind} {v:?} claimed by both {prev} and {}", e.id);
                }
            }
        }
    }
}

#[test]
fn successors_exist() {
    let all = entries();
    for (_, e) in &all {
        if let Some(s) = &e.successor {
            assert!(
                s.starts_with("https://") || all.iter().any(|(_, o)| o.id == *s),
                "{}: successor {s} is not an entry",
                e.id
            );
        }
    }
}

#[test]
fn every_file_parses_through_the_lazy_path() {
    assert!(all().count() >= 150);
    assert_eq!(parsed_files(), FILES.len());
    assert!(by_id("github").is_some());
    assert!(by_id("no-such-server").is_none());
}

#[test]
fn normalisers() {
    assert_eq!(normalize_pypi("Mcp_Server.Git"), "mcp-server-git");
    assert_eq!(
        normalize_pypi("awslabs.aws-api-mcp-server"),
        "awslabs-aws-api-mcp-server"
    );
    assert_eq!(normalize_image("docker.io/mcp/git:latest"), "mcp/git");
    assert_eq!(normalize_image("index.docker.io/library/redis"), "redis");
    assert_eq!(
        normalize_image("GHCR.io/github/github-mcp-server@sha256:abc"),
        "ghcr.io/github/github-mcp-server"
    );
}

#[test]
fn no_remote_is_claimed_by_two_patterns() {
    let all = entries();
    for (_, a) in &all {
        for r in &a.remotes {
            let concrete = r.replace("://*.", "://some-label.");
            let u = matching::parse_url(&concrete).unwrap();
            for (_, b) in &all {
                if b.id != a.id {
                    assert!(
                        !b.remotes.iter().any(|p| matching::url_matches(p, &u)),
                        "{} of {} is also claimed by {}",
                        r,
                        a.id,
                        b.id
                    );
                }
            }
        }
    }
}
