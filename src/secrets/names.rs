//! Name and shape: is this variable, flag, header or query parameter named
//! like a secret, and does its value look like one? Also the placeholder and
//! ordinary-value tests that keep documentation values quiet.

/// What a name says about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameClass {
    /// Token, key, secret, credential, auth header: judged by randomness.
    Secret,
    /// Password-like: any non-trivial value counts.
    Password,
    Other,
}

/// Glued compounds seen in real names (`apikey`, `accesstoken`).
const COMPOUNDS: &[(&str, &[&str])] = &[
    ("apikey", &["api", "key"]),
    ("apitoken", &["api", "token"]),
    ("accesstoken", &["access", "token"]),
    ("accesskey", &["access", "key"]),
    ("authtoken", &["auth", "token"]),
    ("secretkey", &["secret", "key"]),
    ("privatekey", &["private", "key"]),
    ("clientsecret", &["client", "secret"]),
    ("apisecret", &["api", "secret"]),
    ("xapikey", &["x", "api", "key"]),
    ("bearertoken", &["bearer", "token"]),
    ("refreshtoken", &["refresh", "token"]),
    ("sessiontoken", &["session", "token"]),
    ("dbpassword", &["db", "password"]),
];

/// Lower-case words of a name: split on anything not alphanumeric and on
/// camel case (`X-API-Key` → x api key, `apiKey` → api key, `APIKey` → api
/// key), glued compounds expanded.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                flush(&mut cur, &mut out);
            }
        }
        cur.extend(c.to_lowercase());
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    if cur.is_empty() {
        return;
    }
    match COMPOUNDS.iter().find(|(g, _)| g == cur) {
        Some((_, parts)) => out.extend(parts.iter().map(|s| s.to_string())),
        None => out.push(cur.clone()),
    }
    cur.clear();
}

/// A last word that makes the value something other than the secret
/// itself: `GITHUB_TOKEN_PATH`, `API_KEY_FILE`, `CLIENT_ID`, `AWS_REGION`.
const NOT_SECRET_LAST: &[&str] = &[
    "id",
    "ids",
    "name",
    "names",
    "url",
    "uri",
    "urls",
    "endpoint",
    "path",
    "file",
    "files",
    "dir",
    "directory",
    "folder",
    "region",
    "profile",
    "env",
    "model",
    "version",
    "level",
    "host",
    "hostname",
    "port",
    "user",
    "username",
    "login",
    "email",
    "org",
    "organization",
    "project",
    "type",
    "mode",
    "count",
    "timeout",
    "enabled",
    "disabled",
    "enable",
    "disable",
    "header",
    "prefix",
    "length",
    "ttl",
    "expiry",
    "expires",
    "expiration",
    "format",
    "location",
    "scope",
    "scopes",
    "audience",
    "issuer",
    "algorithm",
    "alg",
    "algo",
    "pattern",
    "regex",
    "field",
    "param",
    "parameter",
    "strength",
    "var",
    "variable",
    "kind",
    "size",
    "limit",
    "max",
    "min",
    "base",
    "provider",
    "source",
    "target",
    "policy",
    "role",
    "arn",
    "account",
    "tenant",
    "team",
    "workspace",
    "dataset",
    "database",
    "db",
    "bucket",
    "table",
    "index",
    "namespace",
    "channel",
    "label",
    "description",
    "hint",
    "command",
    "cmd",
    "helper",
    "store",
    "storage",
    "manager",
    "vault",
    "method",
    "strategy",
    "style",
    "lang",
    "language",
    "locale",
    "zone",
    "date",
    "time",
    "interval",
    "retries",
    "rotation",
    "cache",
    "sid",
    "fingerprint",
];

/// Words that make a key public by design (`STRIPE_PUBLISHABLE_KEY`,
/// `NEXT_PUBLIC_*`, shipped to browsers; `PUBLIC_KEY`).
const PUBLIC_WORDS: &[&str] = &["public", "publishable"];

const PASSWORD_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "pass",
    "passcode",
];

const SECRET_WORDS: &[&str] = &[
    "token",
    "tokens",
    "secret",
    "secrets",
    "key",
    "keys",
    "pat",
    "auth",
    "authorization",
    "credential",
    "credentials",
    "cred",
    "creds",
    "bearer",
    "cookie",
    "signature",
    "sig",
    "jwt",
    "private",
    "apikey",
];

/// Classify a name (env var, flag, header, query parameter).
pub fn classify(name: &str) -> NameClass {
    classify_words(&words(name))
}

pub fn classify_words(w: &[String]) -> NameClass {
    let Some(last) = w.last() else {
        return NameClass::Other;
    };
    if NOT_SECRET_LAST.contains(&last.as_str())
        || w.iter().any(|x| PUBLIC_WORDS.contains(&x.as_str()))
    {
        return NameClass::Other;
    }
    // Glued words count too: `PGPASSWORD`, `MYSQLPWD`, `GHTOKEN`.
    let glued = |parts: &[&str]| w.iter().any(|x| parts.iter().any(|p| x.contains(p)));
    if w.iter().any(|x| PASSWORD_WORDS.contains(&x.as_str())) || glued(&["password", "passwd"]) {
        return NameClass::Password;
    }
    if w.iter().any(|x| SECRET_WORDS.contains(&x.as_str())) || glued(&["secret", "token", "apikey"])
    {
        return NameClass::Secret;
    }
    NameClass::Other
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "placeholder",
    "redacted",
    "replace",
    "changeme",
    "change_me",
    "change-me",
    "example",
    "dummy",
    "insert",
    "xxxx",
    "****",
    "...",
    "…",
    "fill_in",
    "fill-in",
    "fillme",
    "todo",
    "fixme",
    "sample",
    "notreal",
    "not_real",
    "not-a-real",
    "_here",
    "-here",
    "<",
    ">",
    "{{",
    "}}",
];

const PLACEHOLDER_VALUES: &[&str] = &[
    "-",
    "none",
    "null",
    "nil",
    "undefined",
    "n/a",
    "na",
    "tbd",
    "value",
    "token",
    "secret",
    "password",
    "key",
    "apikey",
    "api_key",
    "api-key",
    "test",
    "xxx",
    "true",
    "false",
    "empty",
    "redacted",
    "hidden",
    "masked",
    "default",
    "string",
    "env",
    "required",
    "optional",
];

/// Documentation values: `YOUR_API_KEY_HERE`, `<your-token>`,
/// `[REDACTED]`, `sk-xxxxxxxx`, `REPLACE_ME`, `changeme`, `...`, empty.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let lower = v.to_lowercase();
    if PLACEHOLDER_VALUES.contains(&lower.as_str()) {
        return true;
    }
    let wrapped = |a: char, b: char| v.starts_with(a) && v.ends_with(b);
    if wrapped('<', '>') || wrapped('[', ']') || wrapped('{', '}') || wrapped('(', ')') {
        return true;
    }
    is_placeholder_body(v)
}

/// The placeholder test for the random part of a token: marker words, a
/// run of six equal characters, or six ascending ones (`123456`, `abcdef`).
pub fn is_placeholder_body(body: &str) -> bool {
    let lower = body.to_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let b = lower.as_bytes();
    let (mut same, mut up) = (1, 1);
    for i in 1..b.len() {
        same = if b[i] == b[i - 1] { same + 1 } else { 1 };
        up = if b[i] == b[i - 1].wrapping_add(1) && b[i].is_ascii_alphanumeric() {
            up + 1
        } else {
            1
        };
        if same >= 6 || up >= 6 {
            return true;
        }
    }
    false
}

/// Paths, URLs, e-mail addresses and numbers are values, not secrets.
pub fn is_ordinary(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    let path = v.starts_with('/')
        || v.starts_with("~/")
        || v.starts_with("./")
        || v.starts_with("../")
        || v.contains('\\')
        || (v.len() > 2 && v.as_bytes()[1] == b':' && v.as_bytes()[0].is_ascii_alphabetic());
    let url = lower.contains("://");
    let email = v.contains('@')
        && !v.contains(':')
        && v.rsplit('@').next().is_some_and(|d| d.contains('.'));
    let number = v.parse::<f64>().is_ok();
    path || url || email || number
}

/// Words joined by separators (`my-project-name`, `claude-3-5-sonnet`,
/// `GITHUB_PERSONAL_ACCESS_TOKEN`): identifiers, model names, variable
/// names. Each segment is letters only (at most 12) or digits only.
pub fn is_wordy(v: &str) -> bool {
    v.split(['-', '_', '.', '/', ':', ' '])
        .filter(|s| !s.is_empty())
        .all(|s| {
            (s.len() <= 12 && s.chars().all(|c| c.is_ascii_alphabetic()))
                || s.chars().all(|c| c.is_ascii_digit())
                || s.len() <= 3
        })
}

/// A token-like value under a secret name: long enough, one piece, mixed
/// character classes, high entropy, and not a placeholder or ordinary value.
pub fn looks_random(v: &str) -> bool {
    let n = v.chars().count();
    if !(16..=8192).contains(&n) || v.chars().any(char::is_whitespace) {
        return false;
    }
    if is_placeholder(v) || is_ordinary(v) || is_wordy(v) {
        return false;
    }
    let lower = v.bytes().any(|b| b.is_ascii_lowercase());
    let upper = v.bytes().any(|b| b.is_ascii_uppercase());
    let digit = v.bytes().any(|b| b.is_ascii_digit());
    if u8::from(lower) + u8::from(upper) + u8::from(digit) < 2 {
        return false;
    }
    entropy(v) >= 3.0
}

/// Dev defaults that are not worth a finding in a local connection string
/// and not a real password under a password name.
pub const TRIVIAL_PASSWORDS: &[&str] = &[
    "password",
    "postgres",
    "postgresql",
    "root",
    "admin",
    "secret",
    "pass",
    "test",
    "dev",
    "development",
    "changeme",
    "example",
    "guest",
    "user",
    "mysql",
    "mongo",
    "mongodb",
    "redis",
    "rabbitmq",
    "default",
    "local",
    "localdev",
    "mysecretpassword",
    // README and tutorial defaults for local databases (Zed's postgres
    // extension: `postgresql://myuser:mypassword@localhost/mydatabase`).
    "mypassword",
    "mypass",
    "pass123",
    "passw0rd",
    "p@ssw0rd",
    "secret123",
    "supersecret",
    "dbpass",
    "dbpassword",
    "123456",
    "12345678",
    "password1",
    "password123",
    "admin123",
    "toor",
    "docker",
    "sa",
    "letmein",
    "qwerty",
];

/// A value under a password name: any non-trivial, non-placeholder value of
/// eight or more characters.
pub fn looks_password(v: &str) -> bool {
    let n = v.chars().count();
    if !(8..=1024).contains(&n) || v.trim() != v {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if is_placeholder(v) || is_ordinary(v) || TRIVIAL_PASSWORDS.contains(&lower.as_str()) {
        return false;
    }
    // An UPPER_SNAKE value is the name of a variable, not its content.
    let ident = v
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    !ident
        && !matches!(
            lower.as_str(),
            "enabled" | "disabled" | "required" | "optional"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names() {
        assert_eq!(words("X-API-Key"), ["x", "api", "key"]);
        assert_eq!(words("apiKey"), ["api", "key"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("--access-token"), ["access", "token"]);
        assert_eq!(
            words("GITHUB_PERSONAL_ACCESS_TOKEN"),
            ["github", "personal", "access", "token"]
        );
        assert_eq!(words("apikey"), ["api", "key"]);
    }

    #[test]
    fn classifies_names() {
        use NameClass::*;
        for s in [
            "OPENAI_API_KEY",
            "GITHUB_TOKEN",
            "Authorization",
            "X-API-Key",
            "--api-key",
            "client_secret",
            "GITHUB_PAT",
            "apikey",
            "bearer_token",
        ] {
            assert_eq!(classify(s), Secret, "{s}");
        }
        for s in ["DB_PASSWORD", "PGPASSWORD", "--password", "REDIS_PASS"] {
            assert_eq!(classify(s), Password, "{s}");
        }
        for s in [
            "AWS_PROFILE",
            "AWS_REGION",
            "LOG_LEVEL",
            "GITHUB_TOKEN_PATH",
            "API_KEY_FILE",
            "CLIENT_ID",
            "KEYBOARD",
            "HOME",
            "TOKEN_URL",
            "AWS_ACCESS_KEY_ID",
            "HASHED_PASSWORD_ALGO",
            "PASSWORD_PATTERN",
            "PASSWORD_FIELD",
            "TOKEN_PARAM",
            "PASSWORD_STRENGTH",
        ] {
            assert_eq!(classify(s), Other, "{s}");
        }
    }

    #[test]
    fn placeholders() {
        for s in [
            "",
            "YOUR_API_KEY_HERE",
            "<your-token>",
            "[REDACTED]",
            "sk-xxxxxxxx",
            "REPLACE_ME",
            "changeme",
            "example",
            "...",
            "your-api-key",
            "{{API_KEY}}",
            "000000000000000000000",
            "abc123456789",
        ] {
            assert!(is_placeholder(s), "{s}");
        }
        for s in ["production", "9fQ2kLm7Zx4Rt8Wp", "eu-west-1"] {
            assert!(!is_placeholder(s), "{s}");
        }
    }

    #[test]
    fn randomness() {
        assert!(looks_random("9fQ2kLm7Zx4Rt8WpA1b"));
        assert!(looks_random("3f1c9a7e-52d4-4b8e-9c21-7a0d5e6f8b13"));
        for s in [
            "production",
            "claude-3-5-sonnet-20241022",
            "/home/me/.config/token.json",
            "https://api.example.com/v1",
            "12345678901234567890",
            "GITHUB_PERSONAL_ACCESS_TOKEN_V2",
            "my-super-secret-jwt-key-for-dev",
        ] {
            assert!(!looks_random(s), "{s}");
        }
    }

    #[test]
    fn passwords() {
        assert!(looks_password("Tr0ub4dor&3x"));
        assert!(!looks_password("postgres"));
        assert!(!looks_password("DB_PASSWORD"));
        assert!(!looks_password("short"));
    }
}
