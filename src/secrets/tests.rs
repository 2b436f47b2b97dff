//! Table-driven tests over the whole catalogue: for every provider, a
//! generated positive (bare, in context, and through the raw-text masker)
//! and generated negatives (truncated, foreign character, placeholder,
//! glued to a word, broken checksum).

use super::corpus::{negatives, sample, sample_name, Rng};
use super::*;

fn detected_as(name: Option<&str>, value: &str, id: &str) -> Option<Hit> {
    scan_value(name, value).into_iter().find(|h| h.id() == id)
}

#[test]
fn every_provider_positive() {
    let mut rng = Rng::new(7);
    for p in PROVIDERS {
        for _ in 0..3 {
            let token = sample(p, &mut rng);
            let name = sample_name(p);
            let hit = detected_as(name.as_deref(), &token, p.id)
                .unwrap_or_else(|| panic!("{} not detected in its own sample", p.id));
            let shown = hit.describe(&token);
            assert!(
                !token.contains(&shown) || shown.len() < 8,
                "{}: {shown}",
                p.id
            );
            if p.names.is_empty() {
                // In context: after a scheme, in an assignment, in a URL.
                for ctx in [
                    format!("Bearer {token}"),
                    format!("X={token}"),
                    format!("\"{token}\""),
                ] {
                    assert!(
                        detected_as(None, &ctx, p.id).is_some(),
                        "{} in {ctx:?}",
                        p.id
                    );
                }
                // The raw-text masker covers the secret bytes.
                let raw = format!(
                    "{{\"k\": \"{}\"}}",
                    token.replace('"', "\\\"").replace('\n', "\\n")
                );
                let spans = raw_secret_spans(&raw);
                assert!(!spans.is_empty(), "{}: raw spans empty", p.id);
            }
        }
    }
}

#[test]
fn every_provider_negative() {
    let mut rng = Rng::new(11);
    for p in PROVIDERS {
        let negs = negatives(p, &mut rng);
        assert!(negs.len() >= 2, "{} has too few negatives", p.id);
        let name = sample_name(p);
        for n in negs {
            assert!(
                detected_as(name.as_deref(), &n, p.id).is_none(),
                "{} wrongly detected in negative {:?}",
                p.id,
                crate::secrets::describe(&n, 4)
            );
        }
    }
}

#[test]
fn named_formats_need_their_name() {
    let mut rng = Rng::new(3);
    for p in PROVIDERS.iter().filter(|p| !p.names.is_empty()) {
        let v = sample(p, &mut rng);
        assert!(
            detected_as(Some("LOG_LEVEL"), &v, p.id).is_none(),
            "{}",
            p.id
        );
        assert!(detected_as(None, &v, p.id).is_none(), "{}", p.id);
    }
}

#[test]
fn github_checksum_is_checked() {
    let mut rng = Rng::new(5);
    let p = PROVIDERS.iter().find(|p| p.id == "github-pat").unwrap();
    let t = sample(p, &mut rng);
    assert!(catalogue::checksum_ok(p, &t));
    let mut bad = t.clone();
    bad.replace_range(10..11, if &t[10..11] == "a" { "b" } else { "a" });
    assert!(!catalogue::checksum_ok(p, &bad));
}

#[test]
fn references_are_never_secrets() {
    for v in [
        "${env:GITHUB_TOKEN}",
        "Bearer ${env:TOKEN}",
        "${input:token}",
        "${TOKEN}",
        "$TOKEN",
        "{env:TOKEN}",
        "${{ secrets.TOKEN }}",
        "op://v/i/f",
        "Bearer ${TOKEN:-}",
    ] {
        assert!(scan_value(Some("GITHUB_TOKEN"), v).is_empty(), "{v}");
        assert!(scan_value(Some("Authorization"), v).is_empty(), "{v}");
    }
}

#[test]
fn connection_strings() {
    let remote = "postgresql://app:Zq8mV2kLp9x@db.example.com:5432/app";
    let h = scan_value(None, remote);
    assert_eq!(h.len(), 1);
    assert_eq!(&remote[h[0].range.clone()], "Zq8mV2kLp9x");
    assert!(!h[0].is_local());
    assert!(scan_value(None, "postgresql://postgres:postgres@localhost/dev").is_empty());
    assert!(scan_value(None, "postgresql://postgres@db.example.com/dev").is_empty());
    let local = scan_value(None, "mysql://app:Zq8mV2kLp9x@127.0.0.1/dev");
    assert!(local[0].is_local());
}

#[test]
fn token_as_url_user_name() {
    let t = Rng::new(3).string(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        32,
    );
    for url in [
        format!("https://{t}@github.com/u/r.git"),
        format!("https://{t}:x-oauth-basic@github.com/u/r.git"),
    ] {
        let h = scan_value(None, &url);
        assert!(h.iter().any(|h| url[h.range.clone()] == t), "{url}: {h:?}");
    }
    // A Sentry DSN's key is public by design.
    let dsn = format!(
        "https://{}@o450123.ingest.sentry.io/4505012345678912",
        Rng::new(4).string("0123456789abcdef", 32)
    );
    assert!(scan_value(Some("SENTRY_DSN"), &dsn).is_empty(), "{dsn}");
    for clean in [
        "ssh://git@github.com/u/r.git",
        "https://oauth2@gitlab.example.com/u/r.git",
        "postgresql://postgres@db.example.com/dev",
        "https://x-access-token@github.com/u/r.git",
        "mongodb+srv://cluster0-admin-user@cluster0.example.net/app",
    ] {
        assert!(scan_value(None, clean).is_empty(), "{clean}");
    }
}

#[test]
fn semicolon_connection_strings() {
    for (v, pass) in [
        (
            "Server=tcp:db.example.com,1433;Database=app;User ID=app;Password=Zq8mV2kLp9xWq7;Encrypt=true",
            "Zq8mV2kLp9xWq7",
        ),
        ("Server=db.example.com;Uid=app;Pwd=Zq8mV2kLp9x;", "Zq8mV2kLp9x"),
    ] {
        let h = scan_value(Some("MSSQL_CONNECTION_STRING"), v);
        assert_eq!(h.len(), 1, "{v}: {h:?}");
        assert_eq!(&v[h[0].range.clone()], pass);
    }
    assert!(scan_value(
        None,
        "Server=localhost;Database=app;Trusted_Connection=True;"
    )
    .is_empty());
    assert!(scan_value(None, "Server=db;User Id=sa;Password=${env:DB_PASSWORD};").is_empty());
}

#[test]
fn basic_and_query() {
    let b = format!("Basic {}", corpus::b64url(b"deploy:Zq8mV2kLp9x"));
    assert_eq!(
        scan_value(Some("Authorization"), &b)[0].kind,
        HitKind::BasicAuth
    );
    let q = "https://mcp.example.com/sse?apikey=9fQ2kLm7Zx4Rt8WpA1b3";
    let h = scan_value(Some("url"), q);
    assert_eq!(&q[h[0].range.clone()], "9fQ2kLm7Zx4Rt8WpA1b3");
}

#[test]
fn secret_keys_are_described_not_shown() {
    let mut rng = Rng::new(9);
    let p = PROVIDERS.iter().find(|p| p.id == "github-pat").unwrap();
    let t = sample(p, &mut rng);
    let d = describe_secret_key(&t).unwrap();
    assert!(!d.contains(&t[4..]), "{d}");
    assert!(d.contains("GitHub"));
    assert!(describe_secret_key("mcpServers").is_none());
    assert!(describe_secret_key("context_servers").is_none());
}

#[test]
fn raw_spans_cover_named_values_in_broken_files() {
    let text = "{ \"env\": { \"ACME_API_KEY\": \"9fQ2kLm7Zx4Rt8WpA1b3\", \"LOG\": \"debug\" ";
    let spans = raw_secret_spans(text);
    let masked = crate::mask::mask_text(text, &spans);
    assert!(!masked.contains("9fQ2kLm7Zx4Rt8WpA1b3"));
    assert!(masked.contains("debug"));
    let toml = "[mcp_servers.x]\nbearer_token = \"9fQ2kLm7Zx4Rt8WpA1b3\"\n";
    assert!(!crate::mask::mask_text(toml, &raw_secret_spans(toml)).contains("9fQ2kLm7Zx4Rt8WpA1b3"));
    let args = "\"args\": [\"--api-key\", \"9fQ2kLm7Zx4Rt8WpA1b3\", \"--token=Zq8mV2kLp9xWq7Rt\"]";
    let m = crate::mask::mask_text(args, &raw_secret_spans(args));
    assert!(
        !m.contains("9fQ2kLm7Zx4Rt8WpA1b3") && !m.contains("Zq8mV2kLp9xWq7Rt"),
        "{m}"
    );
    let user = "\"args\": [\"clone\", \"https://9fQ2kLm7Zx4Rt8WpA1b3@github.com/u/r\"";
    let m = crate::mask::mask_text(user, &raw_secret_spans(user));
    assert!(
        !m.contains("9fQ2kLm7Zx4Rt8WpA1b3") && m.contains("@github.com"),
        "{m}"
    );
}

#[test]
fn public_by_design_values_are_clean() {
    let body = Rng::new(5).string(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        99,
    );
    let hex = Rng::new(6).string("0123456789abcdef", 32);
    for (name, value) in [
        ("STRIPE_PUBLISHABLE_KEY", format!("pk_live_{body}")),
        ("STRIPE_KEY", format!("pk_test_{body}")),
        ("NEXT_PUBLIC_ANALYTICS_KEY", hex.clone()),
        ("ALGOLIA_SEARCH_KEY_PUBLIC", hex.clone()),
        ("SSH_KEY_FINGERPRINT", format!("SHA256:{body}")),
    ] {
        assert!(scan_value(Some(name), &value).is_empty(), "{name}");
    }
    // A secret-format value stays a finding whatever the name says.
    assert!(!scan_value(Some("STRIPE_PUBLISHABLE_KEY"), &format!("sk_live_{body}")).is_empty());
}
