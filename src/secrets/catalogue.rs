//! The provider catalogue: every credential format mcpward recognises, as
//! data. An entry is a sequence of [`Part`]s (literal markers, character runs
//! with a length range, alternatives); from the parts we derive the regular
//! expression that finds the token, the public prefix that may be shown, the
//! prefilter anchor, and (in tests) fake tokens of the right shape. Adding a
//! provider is adding one entry here; the table-driven tests then check a
//! generated positive and several generated negatives for it.
//!
//! Entries with `names` only count under a matching variable name (AWS secret
//! keys, Datadog keys and other formats with no marker of their own).

/// A character class: the regex class body and the alphabet a generator
/// draws from.
#[derive(Debug, Clone, Copy)]
pub struct Charset {
    pub class: &'static str,
    pub alphabet: &'static str,
    /// The ASCII bytes `class` holds, as a bit set (computed at compile
    /// time from `class`).
    mask: u128,
}

impl Charset {
    /// Whether the class holds byte `b`.
    pub fn contains(&self, b: u8) -> bool {
        b < 128 && self.mask & (1u128 << b) != 0
    }
}

const fn cs(class: &'static str, alphabet: &'static str) -> Charset {
    Charset {
        class,
        alphabet,
        mask: class_mask(class.as_bytes()),
    }
}

/// The bit set of a regex class body made of literals, `a-z` ranges and
/// the escapes `\-`, `\\`, `\t`, `\r`, `\n` (all the catalogue uses).
const fn class_mask(c: &[u8]) -> u128 {
    let mut mask = 0u128;
    let mut i = 0;
    while i < c.len() {
        let mut b = c[i];
        if b == b'\\' && i + 1 < c.len() {
            i += 1;
            b = match c[i] {
                b't' => b'\t',
                b'r' => b'\r',
                b'n' => b'\n',
                x => x,
            };
            mask |= 1u128 << b;
            i += 1;
            continue;
        }
        if i + 2 < c.len() && c[i + 1] == b'-' && c[i + 2] != b'\\' {
            let mut x = b;
            while x <= c[i + 2] {
                mask |= 1u128 << x;
                x += 1;
            }
            i += 3;
            continue;
        }
        mask |= 1u128 << b;
        i += 1;
    }
    mask
}

const B62_A: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub const B62: Charset = cs("0-9A-Za-z", B62_A);
pub const B64URL: Charset = cs(
    "0-9A-Za-z_\\-",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
);
pub const B64URL_DOT: Charset = cs(
    "0-9A-Za-z_.\\-",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.",
);
pub const B64: Charset = cs(
    "0-9A-Za-z+/",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/",
);
pub const B64_ANY: Charset = cs(
    "0-9A-Za-z+/=_\\-",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/_-",
);
pub const HEX: Charset = cs("0-9a-f", "0123456789abcdef");
pub const HEX_ANY: Charset = cs("0-9a-fA-F", "0123456789abcdef");
pub const DIGITS: Charset = cs("0-9", "0123456789");
pub const ALPHA: Charset = cs(
    "A-Za-z",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
);
pub const UPPER_NUM: Charset = cs("A-Z0-9", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
pub const LOWER_NUM: Charset = cs("a-z0-9", "abcdefghijklmnopqrstuvwxyz0123456789");
pub const BASE32_UPPER: Charset = cs("A-Z2-7", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
pub const BECH32_UPPER: Charset = cs(
    "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
);
pub const AZURE_SECRET: Charset = cs(
    "0-9A-Za-z_~.\\-",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_~.-",
);
pub const URL_SIG: Charset = cs(
    "0-9A-Za-z%+/=",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/",
);
/// Base64 key material spread over lines: real newlines in a decoded
/// string, `\n` escapes in raw JSON text.
pub const PEM_BODY: Charset = cs(
    "0-9A-Za-z+/= \\t\\r\\n\\\\:,\\-",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/",
);

/// One piece of a token format.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    /// A fixed marker (`ghp_`).
    Lit(&'static str),
    /// One of several markers (`AKIA` | `ASIA`); may include `""`.
    Alt(&'static [&'static str]),
    /// `min..=max` characters of a class ([`ANY`] as `max`: no upper bound).
    Run(Charset, u16, u16),
    /// Optional whitespace (`\s*`).
    Ws,
}
use Part::{Alt, Lit, Run, Ws};

/// No upper bound on a run's length (long bounded repetitions would make the
/// compiled regex large).
pub const ANY: u16 = u16::MAX;

/// Integrity checks that some providers build into their tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    None,
    /// GitHub and npm: the last 6 characters are the CRC32 of the random
    /// part (between the 4-char prefix and the checksum), in base62,
    /// zero-padded.
    Crc32Base62,
}

/// One credential format.
#[derive(Debug, Clone, Copy)]
pub struct Provider {
    /// Stable id (kebab-case), used in tests and fingerprints.
    pub id: &'static str,
    /// What to call it in a message.
    pub name: &'static str,
    pub parts: &'static [Part],
    pub checksum: Checksum,
    /// Leading parts that locate the token but are not secret
    /// (`AccountKey=`): excluded from the reported and masked range.
    pub context_parts: usize,
    /// Literals of which at least one occurs in every match; empty means the
    /// leading literal(s). The prefilter only runs an entry's regex when one
    /// of its anchors is present.
    pub anchors: &'static [&'static str],
    /// Name-qualified formats: the entry applies only to a value under a
    /// variable name holding all words of one of these groups
    /// (`["aws", "secret"]`), and then the whole value must match.
    pub names: &'static [&'static [&'static str]],
    /// Another literal the value must contain for the match to count.
    pub requires: Option<&'static str>,
    /// The whole string value is the secret (a JSON document).
    pub whole_value: bool,
    /// Whether the leading marker is shown (it is public by design).
    pub show_prefix: bool,
}

/// Entries are identified by id.
impl PartialEq for Provider {
    fn eq(&self, other: &Provider) -> bool {
        self.id == other.id
    }
}
impl Eq for Provider {}

const fn p(id: &'static str, name: &'static str, parts: &'static [Part]) -> Provider {
    Provider {
        id,
        name,
        parts,
        checksum: Checksum::None,
        context_parts: 0,
        anchors: &[],
        names: &[],
        requires: None,
        whole_value: false,
        show_prefix: true,
    }
}

const fn crc(mut e: Provider) -> Provider {
    e.checksum = Checksum::Crc32Base62;
    e
}
const fn anchored(mut e: Provider, anchors: &'static [&'static str]) -> Provider {
    e.anchors = anchors;
    e
}
const fn named(mut e: Provider, names: &'static [&'static [&'static str]]) -> Provider {
    e.names = names;
    e.show_prefix = false;
    e
}
const fn context(mut e: Provider, n: usize) -> Provider {
    e.context_parts = n;
    e
}
const fn hidden(mut e: Provider) -> Provider {
    e.show_prefix = false;
    e
}

const UUID: &[Part] = &[
    Run(HEX, 8, 8),
    Lit("-"),
    Run(HEX, 4, 4),
    Lit("-"),
    Run(HEX, 4, 4),
    Lit("-"),
    Run(HEX, 4, 4),
    Lit("-"),
    Run(HEX, 12, 12),
];

/// The catalogue. Sources: each provider's token-format announcement or API
/// reference, cross-checked against the public rule sets of gitleaks and
/// GitHub secret scanning.
pub static PROVIDERS: &[Provider] = &[
    // GitHub (github.blog 2021-04-05 "Behind GitHub's new authentication token formats").
    crc(p(
        "github-pat",
        "GitHub personal access token (classic)",
        &[Lit("ghp_"), Run(B62, 36, 36)],
    )),
    crc(p(
        "github-oauth",
        "GitHub OAuth access token",
        &[Lit("gho_"), Run(B62, 36, 36)],
    )),
    crc(p(
        "github-user-to-server",
        "GitHub user-to-server token",
        &[Lit("ghu_"), Run(B62, 36, 36)],
    )),
    crc(p(
        "github-server-to-server",
        "GitHub server-to-server (installation) token",
        &[Lit("ghs_"), Run(B62, 36, 36)],
    )),
    crc(p(
        "github-refresh",
        "GitHub refresh token",
        &[Lit("ghr_"), Run(B62, 36, 36)],
    )),
    p(
        "github-fine-grained-pat",
        "GitHub fine-grained personal access token",
        &[
            Lit("github_pat_"),
            Run(B62, 22, 22),
            Lit("_"),
            Run(B62, 59, 59),
        ],
    ),
    // GitLab (docs.gitlab.com/security/tokens).
    p(
        "gitlab-pat",
        "GitLab personal access token",
        &[Lit("glpat-"), Run(B64URL_DOT, 20, 320)],
    ),
    p(
        "gitlab-deploy-token",
        "GitLab deploy token",
        &[Lit("gldt-"), Run(B64URL, 20, 64)],
    ),
    p(
        "gitlab-runner-token",
        "GitLab runner authentication token",
        &[Lit("glrt-"), Run(B64URL_DOT, 20, 320)],
    ),
    // OpenAI (platform.openai.com API keys; legacy keys carry base64("OpenAI")).
    p(
        "openai-project-key",
        "OpenAI project API key",
        &[Lit("sk-proj-"), Run(B64URL, 40, 400)],
    ),
    p(
        "openai-service-account-key",
        "OpenAI service-account API key",
        &[Lit("sk-svcacct-"), Run(B64URL, 40, 400)],
    ),
    p(
        "openai-admin-key",
        "OpenAI admin API key",
        &[Lit("sk-admin-"), Run(B64URL, 40, 400)],
    ),
    anchored(
        p(
            "openai-legacy-key",
            "OpenAI API key (legacy format)",
            &[
                Lit("sk-"),
                Run(B62, 20, 20),
                Lit("T3BlbkFJ"),
                Run(B62, 20, 20),
            ],
        ),
        &["T3BlbkFJ"],
    ),
    p(
        "openrouter-key",
        "OpenRouter API key",
        &[Lit("sk-or-v1-"), Run(HEX, 64, 64)],
    ),
    // Anthropic (console API keys and admin keys).
    p(
        "anthropic-api-key",
        "Anthropic API key",
        &[Lit("sk-ant-api03-"), Run(B64URL, 80, 120), Lit("AA")],
    ),
    p(
        "anthropic-admin-key",
        "Anthropic admin API key",
        &[Lit("sk-ant-admin01-"), Run(B64URL, 80, 120), Lit("AA")],
    ),
    p("xai-key", "xAI API key", &[Lit("xai-"), Run(B62, 80, 80)]),
    // AWS (IAM user guide: access key id prefixes).
    p(
        "aws-access-key-id",
        "AWS access key ID",
        &[
            Alt(&["AKIA", "ASIA", "ABIA", "ACCA"]),
            Run(BASE32_UPPER, 16, 16),
        ],
    ),
    named(
        p(
            "aws-secret-access-key",
            "AWS secret access key",
            &[Run(B64, 40, 40)],
        ),
        &[&["aws", "secret"], &["secret", "access", "key"]],
    ),
    // Google.
    p(
        "google-api-key",
        "Google API key",
        &[Lit("AIza"), Run(B64URL, 35, 35)],
    ),
    p(
        "google-oauth-client-secret",
        "Google OAuth client secret",
        &[Lit("GOCSPX-"), Run(B64URL, 28, 28)],
    ),
    p(
        "google-oauth-access-token",
        "Google OAuth access token",
        &[Lit("ya29."), Run(B64URL, 30, ANY)],
    ),
    Provider {
        requires: Some("private_key"),
        whole_value: true,
        ..p(
            "gcp-service-account",
            "Google Cloud service-account key (JSON)",
            &[
                Lit("\"type\""),
                Ws,
                Lit(":"),
                Ws,
                Lit("\"service_account\""),
            ],
        )
    },
    // Azure.
    context(
        p(
            "azure-storage-account-key",
            "Azure storage account key",
            &[Lit("AccountKey="), Run(B64, 86, 86), Lit("==")],
        ),
        1,
    ),
    context(
        p(
            "azure-shared-access-key",
            "Azure shared access key (Service Bus / Event Hubs)",
            &[Lit("SharedAccessKey="), Run(B64, 43, 43), Lit("=")],
        ),
        1,
    ),
    context(
        p(
            "azure-sas-signature",
            "Azure SAS token signature",
            &[Lit("sig="), Run(URL_SIG, 40, 120)],
        ),
        1,
    ),
    hidden(anchored(
        p(
            "azure-ad-client-secret",
            "Azure AD (Entra ID) client secret",
            &[
                Run(AZURE_SECRET, 3, 3),
                Alt(&["7Q~", "8Q~"]),
                Run(AZURE_SECRET, 34, 34),
            ],
        ),
        &["7Q~", "8Q~"],
    )),
    hidden(anchored(
        p(
            "azure-annotated-key",
            "Azure key (common annotated format)",
            &[Run(B62, 52, 52), Lit("JQQJ9"), Run(B62, 27, 27)],
        ),
        &["JQQJ9"],
    )),
    named(
        p(
            "azure-openai-key",
            "Azure OpenAI / Cognitive Services key",
            &[Run(HEX, 32, 32)],
        ),
        &[&["azure", "key"], &["azure", "openai"]],
    ),
    // Slack (api.slack.com/authentication/token-types).
    p(
        "slack-bot-token",
        "Slack bot token",
        &[
            Lit("xoxb-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(B62, 24, 24),
        ],
    ),
    p(
        "slack-user-token",
        "Slack user token",
        &[
            Lit("xoxp-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(HEX, 32, 32),
        ],
    ),
    p(
        "slack-app-token",
        "Slack app-level token",
        &[
            Lit("xapp-"),
            Run(DIGITS, 1, 1),
            Lit("-"),
            Run(UPPER_NUM, 9, 11),
            Lit("-"),
            Run(DIGITS, 10, 13),
            Lit("-"),
            Run(HEX, 64, 64),
        ],
    ),
    p(
        "slack-other-token",
        "Slack token",
        &[
            Alt(&["xoxa-", "xoxo-", "xoxr-", "xoxs-"]),
            Run(DIGITS, 1, 13),
            Lit("-"),
            Run(B64URL, 20, 200),
        ],
    ),
    p(
        "slack-webhook",
        "Slack incoming webhook URL",
        &[
            Alt(&[
                "https://hooks.slack.com/services/T",
                "https://hooks.slack.com/workflows/T",
            ]),
            Run(UPPER_NUM, 8, 12),
            Lit("/"),
            Run(UPPER_NUM, 9, 13),
            Lit("/"),
            Run(B62, 24, 24),
        ],
    ),
    // Stripe (docs.stripe.com/keys).
    p(
        "stripe-secret-key",
        "Stripe live secret key",
        &[Lit("sk_live_"), Run(B62, 24, 247)],
    ),
    p(
        "stripe-restricted-key",
        "Stripe live restricted key",
        &[Lit("rk_live_"), Run(B62, 24, 247)],
    ),
    p(
        "stripe-test-secret-key",
        "Stripe test-mode secret key",
        &[Alt(&["sk_test_", "rk_test_"]), Run(B62, 24, 247)],
    ),
    p(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        &[Lit("whsec_"), Run(B62, 32, 64)],
    ),
    // AI and search APIs common in MCP servers.
    p(
        "huggingface-token",
        "Hugging Face access token",
        &[Lit("hf_"), Run(ALPHA, 34, 34)],
    ),
    p(
        "huggingface-org-token",
        "Hugging Face organization token",
        &[Lit("api_org_"), Run(ALPHA, 34, 34)],
    ),
    p("groq-key", "Groq API key", &[Lit("gsk_"), Run(B62, 52, 52)]),
    p(
        "tavily-key",
        "Tavily API key",
        &[Lit("tvly-"), Alt(&["dev-", "prod-", ""]), Run(B62, 32, 32)],
    ),
    p(
        "firecrawl-key",
        "Firecrawl API key",
        &[Lit("fc-"), Run(HEX, 32, 32)],
    ),
    p(
        "perplexity-key",
        "Perplexity API key",
        &[Lit("pplx-"), Run(B62, 48, 48)],
    ),
    p(
        "replicate-token",
        "Replicate API token",
        &[Lit("r8_"), Run(B62, 37, 37)],
    ),
    p(
        "brave-search-key",
        "Brave Search API key",
        &[Lit("BSA"), Run(B64URL, 24, 40)],
    ),
    named(p("exa-key", "Exa API key", UUID), &[&["exa"]]),
    p(
        "pinecone-key",
        "Pinecone API key",
        &[Lit("pcsk_"), Run(cs("0-9A-Za-z_", B62_A), 40, 120)],
    ),
    p(
        "langsmith-key",
        "LangSmith API key",
        &[
            Lit("lsv2_"),
            Alt(&["pt_", "sk_"]),
            Run(HEX, 32, 32),
            Lit("_"),
            Run(HEX, 10, 10),
        ],
    ),
    p("e2b-key", "E2B API key", &[Lit("e2b_"), Run(HEX, 40, 40)]),
    p(
        "apify-token",
        "Apify API token",
        &[Lit("apify_api_"), Run(B62, 36, 36)],
    ),
    p(
        "browserbase-key",
        "Browserbase API key",
        &[Lit("bb_live_"), Run(B64URL, 20, 40)],
    ),
    // Package registries.
    crc(p(
        "npm-token",
        "npm access token",
        &[Lit("npm_"), Run(B62, 36, 36)],
    )),
    p(
        "pypi-token",
        "PyPI API token",
        &[
            Alt(&["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"]),
            Run(B64URL, 50, ANY),
        ],
    ),
    // Productivity and developer platforms.
    p(
        "notion-token",
        "Notion integration token",
        &[Lit("ntn_"), Run(DIGITS, 11, 11), Run(B62, 35, 35)],
    ),
    p(
        "notion-legacy-token",
        "Notion integration token (legacy)",
        &[Lit("secret_"), Run(B62, 43, 43)],
    ),
    p(
        "linear-key",
        "Linear API key",
        &[Lit("lin_api_"), Run(B62, 40, 40)],
    ),
    p(
        "linear-oauth-token",
        "Linear OAuth token",
        &[Lit("lin_oauth_"), Run(HEX, 64, 64)],
    ),
    p(
        "supabase-pat",
        "Supabase access token",
        &[Lit("sbp_"), Run(HEX, 40, 40)],
    ),
    p(
        "supabase-secret-key",
        "Supabase secret key",
        &[Lit("sb_secret_"), Run(B64URL, 31, 64)],
    ),
    p(
        "neon-key",
        "Neon API key",
        &[Lit("napi_"), Run(LOWER_NUM, 64, 64)],
    ),
    p(
        "atlassian-api-token",
        "Atlassian API token",
        &[Lit("ATATT3"), Run(cs("0-9A-Za-z_=\\-", B62_A), 150, 300)],
    ),
    named(
        p(
            "atlassian-legacy-token",
            "Atlassian API token (legacy)",
            &[Run(B62, 24, 24)],
        ),
        &[
            &["jira", "token"],
            &["confluence", "token"],
            &["atlassian", "token"],
        ],
    ),
    p(
        "figma-token",
        "Figma personal access token",
        &[Lit("figd_"), Run(B64URL, 30, 60)],
    ),
    p(
        "airtable-pat",
        "Airtable personal access token",
        &[Lit("pat"), Run(B62, 14, 14), Lit("."), Run(HEX, 64, 64)],
    ),
    p(
        "postman-key",
        "Postman API key",
        &[Lit("PMAK-"), Run(HEX, 24, 24), Lit("-"), Run(HEX, 34, 34)],
    ),
    p(
        "shopify-token",
        "Shopify access token",
        &[
            Alt(&["shpat_", "shpca_", "shppa_", "shpss_"]),
            Run(HEX_ANY, 32, 32),
        ],
    ),
    p(
        "digitalocean-token",
        "DigitalOcean token",
        &[Alt(&["dop_v1_", "doo_v1_", "dor_v1_"]), Run(HEX, 64, 64)],
    ),
    p(
        "databricks-token",
        "Databricks access token",
        &[Lit("dapi"), Run(HEX, 32, 32)],
    ),
    p(
        "doppler-token",
        "Doppler token",
        &[
            Alt(&["dp.pt.", "dp.st.", "dp.sa.", "dp.ct."]),
            Run(B62, 40, 44),
        ],
    ),
    p(
        "netlify-token",
        "Netlify access token",
        &[Lit("nfp_"), Run(B62, 36, 36)],
    ),
    p(
        "mailgun-key",
        "Mailgun API key",
        &[Lit("key-"), Run(HEX, 32, 32)],
    ),
    p(
        "mapbox-secret-token",
        "Mapbox secret token",
        &[
            Lit("sk.eyJ"),
            Run(B64URL, 50, 300),
            Lit("."),
            Run(B64URL, 20, 40),
        ],
    ),
    p(
        "grafana-service-account-token",
        "Grafana service account token",
        &[Lit("glsa_"), Run(B62, 32, 32), Lit("_"), Run(HEX, 8, 8)],
    ),
    p(
        "grafana-cloud-token",
        "Grafana Cloud token",
        &[Lit("glc_"), Run(B64, 32, 400), Alt(&["==", "=", ""])],
    ),
    // Email, messaging and monitoring.
    p(
        "sendgrid-key",
        "SendGrid API key",
        &[
            Lit("SG."),
            Run(B64URL, 22, 22),
            Lit("."),
            Run(B64URL, 43, 43),
        ],
    ),
    p(
        "twilio-api-key",
        "Twilio API key SID",
        &[Lit("SK"), Run(HEX, 32, 32)],
    ),
    named(
        p(
            "twilio-auth-token",
            "Twilio auth token",
            &[Run(HEX, 32, 32)],
        ),
        &[&["twilio", "token"], &["twilio", "secret"]],
    ),
    p(
        "sentry-org-token",
        "Sentry organization auth token",
        &[Lit("sntrys_"), Run(B64_ANY, 50, 400)],
    ),
    p(
        "sentry-user-token",
        "Sentry user auth token",
        &[Lit("sntryu_"), Run(HEX, 64, 64)],
    ),
    named(
        p("datadog-api-key", "Datadog API key", &[Run(HEX, 32, 32)]),
        &[&["datadog", "api"], &["dd", "api"]],
    ),
    named(
        p(
            "datadog-app-key",
            "Datadog application key",
            &[Run(HEX, 40, 40)],
        ),
        &[
            &["datadog", "app"],
            &["dd", "app"],
            &["dd", "application"],
            &["datadog", "application"],
        ],
    ),
    named(
        p(
            "cloudflare-api-token",
            "Cloudflare API token",
            &[Run(B64URL, 40, 40)],
        ),
        &[&["cloudflare", "token"], &["cf", "token"]],
    ),
    named(
        p(
            "cloudflare-global-key",
            "Cloudflare global API key",
            &[Run(HEX, 37, 37)],
        ),
        &[&["cloudflare", "key"], &["cf", "key"]],
    ),
    p(
        "cloudflare-origin-ca-key",
        "Cloudflare Origin CA key",
        &[Lit("v1.0-"), Run(HEX, 24, 24), Lit("-"), Run(HEX, 146, 146)],
    ),
    anchored(
        hidden(p(
            "discord-bot-token",
            "Discord bot token",
            &[
                Alt(&["M", "N", "O"]),
                Run(B62, 23, 27),
                Lit("."),
                Run(B64URL, 6, 7),
                Lit("."),
                Run(B64URL, 27, 40),
            ],
        )),
        &["."],
    ),
    p(
        "discord-webhook",
        "Discord webhook URL",
        &[
            Alt(&[
                "https://discord.com/api/webhooks/",
                "https://discordapp.com/api/webhooks/",
            ]),
            Run(DIGITS, 17, 20),
            Lit("/"),
            Run(B64URL, 60, 70),
        ],
    ),
    hidden(anchored(
        p(
            "telegram-bot-token",
            "Telegram bot token",
            &[Run(DIGITS, 8, 10), Lit(":AA"), Run(B64URL, 33, 33)],
        ),
        &[":AA"],
    )),
    // Generic formats.
    p(
        "jwt",
        "JSON Web Token",
        &[
            Lit("eyJ"),
            Run(B64URL, 10, ANY),
            Lit(".eyJ"),
            Run(B64URL, 10, ANY),
            Lit("."),
            Run(B64URL, 10, ANY),
        ],
    ),
    anchored(
        hidden(p(
            "private-key",
            "private key block",
            &[
                Lit("-----BEGIN "),
                Alt(&["RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ", "PGP ", ""]),
                Lit("PRIVATE KEY"),
                Alt(&[" BLOCK", ""]),
                Lit("-----"),
                Run(PEM_BODY, 40, ANY),
            ],
        )),
        &["PRIVATE KEY"],
    ),
    p(
        "age-secret-key",
        "age secret key",
        &[Lit("AGE-SECRET-KEY-1"), Run(BECH32_UPPER, 58, 58)],
    ),
];

/// Regex source for a sequence of parts.
pub fn regex_source(parts: &[Part]) -> String {
    let mut s = String::new();
    for part in parts {
        match part {
            Lit(l) => s.push_str(&regex::escape(l)),
            Alt(alts) => {
                s.push_str("(?:");
                let escaped: Vec<String> = alts.iter().map(|a| regex::escape(a)).collect();
                s.push_str(&escaped.join("|"));
                s.push(')');
            }
            Run(c, min, max) if min == max => s.push_str(&format!("[{}]{{{min}}}", c.class)),
            Run(c, min, ANY) => s.push_str(&format!("[{}]{{{min},}}", c.class)),
            Run(c, min, max) => s.push_str(&format!("[{}]{{{min},{max}}}", c.class)),
            Ws => s.push_str(r"[ \t\r\n]*"),
        }
    }
    s
}

impl Provider {
    /// Bytes at the start of a match that are a public marker and may be
    /// shown: the leading literals after the context parts (an alternative
    /// counts when all its choices have one length).
    pub fn public_len(&self) -> usize {
        if !self.show_prefix {
            return 0;
        }
        let mut n = 0;
        for part in &self.parts[self.context_parts..] {
            match part {
                Lit(l) => n += l.len(),
                Alt(a) if !a.is_empty() && a.iter().all(|x| x.len() == a[0].len()) => {
                    n += a[0].len()
                }
                _ => break,
            }
        }
        n
    }

    /// The prefilter anchors: explicit ones, else the leading literal(s).
    pub fn anchor_literals(&self) -> Vec<&'static str> {
        if !self.anchors.is_empty() {
            return self.anchors.to_vec();
        }
        match self.parts.first() {
            Some(Lit(l)) => vec![*l],
            Some(Alt(a)) if a.iter().all(|x| !x.is_empty()) => a.to_vec(),
            _ => Vec::new(),
        }
    }

    /// The character class of the last run, for the end-of-token check.
    pub fn tail_class(&self) -> Option<&'static str> {
        match self.parts.last() {
            Some(Run(c, ..)) => Some(c.alphabet),
            _ => None,
        }
    }

    /// Whether the entry applies to a variable name, given its words.
    pub fn applies_to_name(&self, words: &[String]) -> bool {
        self.names
            .iter()
            .any(|group| group.iter().all(|g| words.iter().any(|w| w == g)))
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib's `crc32`).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// `n` in base62 (`0-9A-Za-z`), left-padded with `0` to `width`.
pub fn base62(mut n: u32, width: usize) -> String {
    let digits = B62_A.as_bytes();
    let mut out = Vec::new();
    while n > 0 {
        out.push(digits[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a token passes the provider's checksum.
pub fn checksum_ok(p: &Provider, token: &str) -> bool {
    match p.checksum {
        Checksum::None => true,
        Checksum::Crc32Base62 => {
            let prefix = p.public_len();
            if token.len() < prefix + 6 || !token.is_ascii() {
                return false;
            }
            let (body, sum) = token[prefix..].split_at(token.len() - prefix - 6);
            base62(crc32(body.as_bytes()), 6) == sum
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926, the standard check value.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base62_pads() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 1), "10");
    }

    #[test]
    fn ids_unique_and_kebab() {
        let mut seen = std::collections::HashSet::new();
        for p in PROVIDERS {
            assert!(seen.insert(p.id), "duplicate {}", p.id);
            assert!(p
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(
                !p.names.is_empty() || !p.anchor_literals().is_empty(),
                "{} has no prefilter anchor",
                p.id
            );
            regex::Regex::new(&regex_source(p.parts)).unwrap();
        }
    }
}
