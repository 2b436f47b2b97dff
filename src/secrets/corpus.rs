//! Fake secrets and the labelled corpus, generated from the catalogue's
//! formats at run time so that no live-looking credential is ever committed.
//!
//! Shared by the unit tests, the integration tests (`tests/secrets_corpus.rs`,
//! `tests/no_secret_leak.rs`) and the benchmark (`benches/secrets.rs`). It is
//! a `#[doc(hidden)] pub` module rather than `#[cfg(test)]` because integration
//! tests and benches link the library built without `cfg(test)`, and a cargo
//! feature would make `cargo bench --bench secrets` and `cargo test` need an
//! extra flag. It holds no secret, only generators; the binary never calls it,
//! so the linker drops it. Generation is deterministic (seeded splitmix64).

use super::catalogue::{base62, crc32, Checksum, Part, Provider, PROVIDERS};
use super::names;

/// A small deterministic PRNG (splitmix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `n` characters drawn from `alphabet`.
    pub fn string(&mut self, alphabet: &str, n: usize) -> String {
        let a = alphabet.as_bytes();
        (0..n).map(|_| a[self.below(a.len())] as char).collect()
    }
}

/// How to fill the runs of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    Random,
    /// Every run at its minimum length.
    Min,
    /// Every run made of one repeated character (a placeholder).
    Repeated,
}

fn build(p: &Provider, rng: &mut Rng, fill: Fill) -> (String, Vec<std::ops::Range<usize>>) {
    let mut s = String::new();
    let mut runs = Vec::new();
    for part in p.parts {
        match part {
            Part::Lit(l) => s.push_str(l),
            Part::Alt(a) => {
                let alt: &str = a[rng.below(a.len())];
                s.push_str(alt)
            }
            Part::Ws => s.push_str(if rng.below(2) == 0 { " " } else { "" }),
            Part::Run(c, min, max) => {
                let (min, max) = (usize::from(*min), usize::from(*max));
                let n = match fill {
                    Fill::Random => min + rng.below(max.min(min + 16) - min + 1),
                    _ => min,
                };
                let start = s.len();
                match fill {
                    Fill::Repeated => {
                        let ch = if c.alphabet.contains('x') {
                            'x'
                        } else {
                            c.alphabet.chars().next().unwrap_or('0')
                        };
                        s.extend(std::iter::repeat_n(ch, n));
                    }
                    _ => s.push_str(&rng.string(c.alphabet, n)),
                }
                runs.push(start..s.len());
            }
        }
    }
    if p.checksum == Checksum::Crc32Base62 && fill != Fill::Repeated {
        let prefix = p.public_len();
        let body_end = s.len() - 6;
        let sum = base62(crc32(&s.as_bytes()[prefix..body_end]), 6);
        s.replace_range(body_end.., &sum);
    }
    (s, runs)
}

/// base64url without padding.
pub fn b64url(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// A JWT with the given payload and a random signature.
pub fn jwt(payload: &str, rng: &mut Rng) -> String {
    format!(
        "{}.{}.{}",
        b64url(br#"{"alg":"HS256","typ":"JWT"}"#),
        b64url(payload.as_bytes()),
        rng.string(super::catalogue::B64URL.alphabet, 43)
    )
}

fn pem(rng: &mut Rng, kind: &str) -> String {
    let mut s = format!("-----BEGIN {kind}PRIVATE KEY-----\n");
    for _ in 0..6 {
        s.push_str(&rng.string(super::catalogue::B64.alphabet, 64));
        s.push('\n');
    }
    s.push_str(&format!("-----END {kind}PRIVATE KEY-----\n"));
    s
}

/// A fake token of provider `p`, valid in shape and checksum. For named
/// formats this is the value; see [`sample_name`] for the name.
pub fn sample(p: &Provider, rng: &mut Rng) -> String {
    match p.id {
        "jwt" => {
            let sub = rng.string(super::catalogue::B62.alphabet, 12);
            return jwt(
                &format!(r#"{{"sub":"{sub}","role":"service_role","iat":1700000000}}"#),
                rng,
            );
        }
        "private-key" => {
            let kind = *rng.pick(&["RSA ", "EC ", "OPENSSH ", ""]);
            return pem(rng, kind);
        }
        "gcp-service-account" => {
            let id = rng.string(super::catalogue::HEX.alphabet, 40);
            let key = pem(rng, "").replace('\n', "\\n");
            return format!(
                r#"{{"type": "service_account", "project_id": "demo-project", "private_key_id": "{id}", "private_key": "{key}", "client_email": "bot@demo-project.iam.gserviceaccount.com"}}"#
            );
        }
        _ => {}
    }
    loop {
        let (s, runs) = build(p, rng, Fill::Random);
        let body: String = runs.iter().map(|r| &s[r.clone()]).collect();
        if !names::is_placeholder_body(&body) && !names::is_placeholder_body(&s[p.public_len()..]) {
            return s;
        }
    }
}

/// A variable name under which a named format applies
/// (`["aws", "secret"]` → `AWS_SECRET_KEY`).
pub fn sample_name(p: &Provider) -> Option<String> {
    let group = p.names.first()?;
    let mut n = group.join("_").to_ascii_uppercase();
    if !["key", "token", "secret"]
        .iter()
        .any(|w| group.last() == Some(w))
    {
        n.push_str("_KEY");
    }
    Some(n)
}

/// Strings of provider `p`'s shape that must not be reported as `p`:
/// truncated, with a foreign character, a repeated-character placeholder,
/// glued to a preceding word, and with a broken checksum.
pub fn negatives(p: &Provider, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    if p.id == "gcp-service-account" {
        out.push(r#"{"type": "service_account", "project_id": "demo"}"#.to_string());
        out.push(r#"{"type": "authorized_user", "private_key": "x"}"#.to_string());
        return out;
    }
    if p.id == "jwt" {
        out.push(jwt(
            r#"{"iss":"supabase","role":"anon","iat":1700000000}"#,
            rng,
        ));
    }
    let (s, runs) = build(p, rng, Fill::Min);
    if let Some(r) = runs.iter().rev().find(|r| r.len() > 1) {
        let mut t = s.clone();
        t.remove(r.end - 1);
        out.push(t);
    }
    if let Some(r) = runs.iter().max_by_key(|r| r.len()) {
        let mut t = s.clone();
        t.replace_range(r.start + r.len() / 2..r.start + r.len() / 2 + 1, "!");
        out.push(t);
    }
    out.push(build(p, rng, Fill::Repeated).0);
    if p.names.is_empty() && !p.whole_value {
        out.push(format!("a{}", sample(p, rng)));
    }
    if p.checksum == Checksum::Crc32Base62 {
        let mut t = sample(p, rng);
        let last = t.pop().unwrap_or('0');
        t.push(if last == 'a' { 'b' } else { 'a' });
        out.push(t);
    }
    out
}

/// One labelled corpus entry: a value, the name it is stored under, and
/// whether it is a secret.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: Option<String>,
    pub value: String,
    pub secret: bool,
    /// What the case exercises (provider id or category), for messages.
    pub label: String,
}

fn case(name: Option<&str>, value: impl Into<String>, secret: bool, label: &str) -> Case {
    Case {
        name: name.map(str::to_string),
        value: value.into(),
        secret,
        label: label.to_string(),
    }
}

/// A plausible environment variable name for an unnamed provider.
fn env_name(p: &Provider) -> String {
    let vendor = p.id.split('-').next().unwrap_or("api").to_ascii_uppercase();
    format!("{vendor}_API_KEY")
}

/// The labelled corpus: every provider in several contexts, unknown-vendor
/// keys under secret names, passwords and connection strings (secrets), and
/// placeholders, references in every client syntax, ordinary values and
/// look-alikes (non-secrets).
pub fn labelled(seed: u64) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let mut v = Vec::new();
    let b62 = super::catalogue::B62.alphabet;
    let hex = super::catalogue::HEX.alphabet;
    for p in PROVIDERS {
        let s = sample(p, &mut rng);
        match sample_name(p) {
            Some(name) => {
                v.push(case(Some(&name), s, true, p.id));
                let s2 = sample(p, &mut rng);
                v.push(case(Some(&format!("MY_{name}")), s2, true, p.id));
            }
            None => {
                v.push(case(Some(&env_name(p)), s.clone(), true, p.id));
                let s2 = sample(p, &mut rng);
                let ctx = match rng.below(4) {
                    0 => (Some("Authorization"), format!("Bearer {s2}")),
                    1 => (None, format!("--token={s2}")),
                    2 => (None, format!("GITHUB_TOKEN={s2}")),
                    _ => (None, s2),
                };
                v.push(case(ctx.0, ctx.1, true, p.id));
            }
        }
        // The same format as a placeholder, under a secret name.
        let ph = build(p, &mut rng, Fill::Repeated).0;
        v.push(case(Some("API_KEY"), ph, false, "placeholder"));
    }
    // Unknown vendors: random values under secret-sounding names.
    for name in [
        "ACME_API_KEY",
        "WIDGETS_TOKEN",
        "x-api-key",
        "clientSecret",
        "FOO_SECRET",
        "MY_SERVICE_PAT",
        "apiKey",
        "BAR_ACCESS_TOKEN",
        "SIGNING_KEY",
        "--api-key",
    ] {
        v.push(case(Some(name), rng.string(b62, 32), true, "named"));
        v.push(case(Some(name), rng.string(hex, 40), true, "named"));
    }
    v.push(case(
        Some("EXA_API_KEY"),
        uuid(&mut rng),
        true,
        "named-uuid",
    ));
    v.push(case(
        Some("MISTRAL_API_KEY"),
        rng.string(b62, 32),
        true,
        "named",
    ));
    v.push(case(
        Some("Authorization"),
        format!("Bearer {}", rng.string(b62, 40)),
        true,
        "bearer",
    ));
    v.push(case(Some("X-API-Key"), rng.string(b62, 24), true, "header"));
    for pw in [
        "Tr0ub4dor&3x",
        "hunter2-prod-7Q",
        "s3cure!Passw0rd",
        "Zq8#mV2$kLp9",
    ] {
        v.push(case(Some("DB_PASSWORD"), pw, true, "password"));
        v.push(case(
            None,
            format!("postgresql://app:{pw}@db.internal.example.com:5432/app"),
            true,
            "url-password",
        ));
    }
    for scheme in [
        "mysql",
        "mongodb+srv",
        "redis",
        "rediss",
        "amqps",
        "postgres",
        "https",
    ] {
        let pw = rng.string(b62, 16);
        v.push(case(
            None,
            format!("{scheme}://svc:{pw}@prod.example.net/x"),
            true,
            "url-password",
        ));
    }
    v.push(case(
        None,
        format!("redis://:{}@localhost:6379", rng.string(b62, 20)),
        true,
        "local-url-password",
    ));
    let basic = b64url(format!("admin:{}", rng.string(b62, 16)).as_bytes());
    v.push(case(
        Some("Authorization"),
        format!("Basic {basic}"),
        true,
        "basic",
    ));
    v.push(case(
        None,
        format!("https://api.example.com/sse?apiKey={}", rng.string(b62, 32)),
        true,
        "query",
    ));
    v.push(case(
        None,
        format!(
            "https://api.example.com/mcp?access_token={}&v=2",
            rng.string(hex, 40)
        ),
        true,
        "query",
    ));

    // References in every client syntax, alone and inside a literal.
    for n in ["GITHUB_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "API_KEY"] {
        for r in [
            format!("${{env:{n}}}"),
            format!("Bearer ${{env:{n}}}"),
            format!("${{input:{}}}", n.to_ascii_lowercase()),
            format!("${{{n}}}"),
            format!("${{{n}:-}}"),
            format!("${n}"),
            format!("%{n}%"),
            format!("{{env:{n}}}"),
            format!("${{{{ secrets.{n} }}}}"),
            format!("Bearer ${{{n}}}"),
            format!("token ${n}"),
            format!("op://Private/{n}/credential"),
            format!("keychain:{}", n.to_ascii_lowercase()),
            format!("vault:secret/data/mcp#{n}"),
            format!("${{file:~/.secrets/{}}}", n.to_ascii_lowercase()),
        ] {
            v.push(case(Some(n), r, false, "reference"));
        }
        v.push(case(
            None,
            format!("postgres://app:${{{n}}}@db.example.com/app"),
            false,
            "reference",
        ));
    }
    // Placeholders.
    for ph in [
        "YOUR_API_KEY_HERE",
        "<your-token>",
        "[REDACTED]",
        "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
        "REPLACE_ME",
        "changeme",
        "example",
        "...",
        "",
        "your-api-key",
        "YOUR_GITHUB_TOKEN",
        "<YOUR_TOKEN>",
        "[REDACTED_API_KEY]",
        "REDACTED",
        "value",
        "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "insert-your-key-here",
        "token-goes-here",
        "********",
    ] {
        v.push(case(Some("GITHUB_TOKEN"), ph, false, "placeholder"));
    }
    v.push(case(
        Some("AWS_ACCESS_KEY_ID"),
        ["AKIA", "IOSFODNN7", "EXAMPLE"].concat(),
        false,
        "placeholder",
    ));
    // Ordinary values and look-alikes.
    for (n, val) in [
        ("AWS_PROFILE", "default"),
        ("AWS_REGION", "eu-west-1"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("LOG_LEVEL", "debug"),
        ("FASTMCP_LOG_LEVEL", "ERROR"),
        ("NODE_ENV", "production"),
        ("DEBUG", "true"),
        ("PORT", "8080"),
        ("TIMEOUT_MS", "30000"),
        ("MODEL", "gpt-4o-mini"),
        ("ANTHROPIC_MODEL", "claude-3-5-sonnet-20241022"),
        ("OPENAI_BASE_URL", "https://api.openai.com/v1"),
        ("GITHUB_API_URL", "https://api.github.com"),
        ("HOME", "/Users/me"),
        ("ALLOWED_DIR", "C:\\Users\\me\\projects"),
        (
            "GOOGLE_APPLICATION_CREDENTIALS",
            "/home/me/.config/gcloud/application_default_credentials.json",
        ),
        ("GITHUB_TOKEN_PATH", "~/.config/gh/token"),
        ("API_KEY_FILE", "./secrets/api_key.txt"),
        ("TOKEN_URL", "https://auth.example.com/oauth/token"),
        ("AUTH_TYPE", "oauth"),
        (
            "DATABASE_URL",
            "postgresql://postgres:postgres@localhost:5432/dev",
        ),
        ("REDIS_URL", "redis://localhost:6379/0"),
        ("MONGO_URL", "mongodb://mongo:27017/app"),
        ("DB_URL", "mysql://root:root@127.0.0.1:3306/test"),
        ("PGPASSWORD", "postgres"),
        ("SUPABASE_URL", "https://abcdefghijklmnopqrst.supabase.co"),
        ("TZ", "Europe/Berlin"),
        ("KEY_VAULT_NAME", "prod-keyvault-01"),
        ("SECRET_NAME", "prod/db/password"),
        ("TWILIO_ACCOUNT_SID", "AC0123abcd"),
        ("Content-Type", "application/json"),
        ("Accept", "text/event-stream"),
        ("User-Agent", "mcpward-test/1.0"),
        ("LANG", "en_US.UTF-8"),
        ("BROWSER", "none"),
        ("ENABLE_TOOLS", "search,fetch"),
        ("MAX_TOKENS", "4096"),
        ("TOKEN_LIMIT", "100000"),
        ("PASSWORD_MIN_LENGTH", "12"),
        ("AUTH_HEADER_NAME", "X-Api-Key"),
    ] {
        v.push(case(Some(n), val, false, "ordinary"));
    }
    for n in [
        "PROJECT_ID",
        "WORKSPACE_ID",
        "TEAM_ID",
        "X-Request-Id",
        "TENANT_ID",
        "CLIENT_ID",
        "ORG_ID",
        "DATASET_ID",
    ] {
        v.push(case(Some(n), uuid(&mut rng), false, "uuid-id"));
    }
    for arg in [
        "-y",
        "@modelcontextprotocol/server-github",
        "--project-ref=abcdefghijklmnopqrst",
        "--read-only",
        "stdio",
        "mcp-remote",
        "https://mcp.example.com/sse",
        "--port=3000",
        "ghcr.io/github/github-mcp-server:1.2.3",
        "-e",
        "GITHUB_PERSONAL_ACCESS_TOKEN",
        "run",
        "--rm",
        "-i",
        "/var/run/docker.sock:/var/run/docker.sock",
        "--transport=stdio",
    ] {
        v.push(case(None, arg, false, "arg"));
    }
    v.push(case(
        None,
        format!("ghcr.io/acme/server@sha256:{}", rng.string(hex, 64)),
        false,
        "digest",
    ));
    v.push(case(
        Some("GIT_COMMIT"),
        rng.string(hex, 40),
        false,
        "commit",
    ));
    let anon = jwt(
        r#"{"iss":"supabase","ref":"abcdefghijklmnopqrst","role":"anon","iat":1700000000}"#,
        &mut rng,
    );
    v.push(case(Some("SUPABASE_ANON_KEY"), anon, false, "public-jwt"));
    v.push(case(Some("Authorization"), "Bearer", false, "ordinary"));
    v.push(case(
        Some("Authorization"),
        "Basic dXNlcjo=",
        false,
        "basic-no-password",
    ));
    v
}

/// A random UUID v4 string.
pub fn uuid(rng: &mut Rng) -> String {
    let h = super::catalogue::HEX.alphabet;
    format!(
        "{}-{}-4{}-a{}-{}",
        rng.string(h, 8),
        rng.string(h, 4),
        rng.string(h, 3),
        rng.string(h, 3),
        rng.string(h, 12)
    )
}
