//! End to end: run the CLI in every output format over configs full of
//! generated fake secrets (env, args, headers, URLs, a key name, a mistyped
//! position, a file with a syntax error after a secret, TOML) and fail if any
//! output stream contains one of them. Also checks that `hardcoded-secret`
//! is reported at the value's pointer and line with the provider named.

use std::path::Path;

use assert_cmd::Command;
use mcpward::secrets::corpus::{b64url, sample, Rng};
use mcpward::secrets::PROVIDERS;

fn token(id: &str, rng: &mut Rng) -> String {
    let p = PROVIDERS
        .iter()
        .find(|p| p.id == id)
        .expect("known provider");
    sample(p, rng)
}

struct Fixture {
    dir: tempfile::TempDir,
    /// Every secret written, whole.
    secrets: Vec<String>,
    /// (file, pointer, expected line, provider name) of expected findings.
    expected: Vec<(&'static str, String, usize, &'static str)>,
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in fixture");
    text[..at].matches('\n').count() + 1
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write fixture");
}

fn fixture() -> Fixture {
    let mut rng = Rng::new(2024);
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("project");
    let gh = token("github-pat", &mut rng);
    let oa = token("openai-project-key", &mut rng);
    let an = token("anthropic-api-key", &mut rng);
    let sl = token("slack-bot-token", &mut rng);
    let aws = token("aws-access-key-id", &mut rng);
    let gl = token("gitlab-pat", &mut rng);
    let st = token("stripe-secret-key", &mut rng);
    let hf = token("huggingface-token", &mut rng);
    let key_name = token("github-fine-grained-pat", &mut rng);
    let unknown_key = token("groq-key", &mut rng);
    let mistyped = token("npm-token", &mut rng);
    let broken = token("tavily-key", &mut rng);
    let codex = token("linear-key", &mut rng);
    let pem = token("private-key", &mut rng);
    let jwt = token("jwt", &mut rng);
    let random = rng.string(mcpward::secrets::catalogue::B62.alphabet, 32);
    let password = format!(
        "Pw{}",
        rng.string(mcpward::secrets::catalogue::B62.alphabet, 14)
    );
    let basic_pw = rng.string(mcpward::secrets::catalogue::B62.alphabet, 18);
    let basic = b64url(format!("deploy:{basic_pw}").as_bytes());

    let mcp = format!(
        r#"{{
  "mcpServers": {{
    "github": {{
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {{
        "GITHUB_PERSONAL_ACCESS_TOKEN": "{gh}",
        "OPENAI_API_KEY": "{oa}",
        "ACME_API_KEY": "{random}",
        "{key_name}": "value"
      }}
    }},
    "docker": {{
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "ANTHROPIC_API_KEY={an}", "--api-key", "{sl}", "--token={aws}", "img:1.0"]
    }},
    "remote": {{
      "type": "http",
      "url": "https://mcp.example.com/sse?api_key={st}",
      "headers": {{ "Authorization": "Bearer {gl}", "Proxy-Authorization": "Basic {basic}", "X-JWT": "{jwt}" }}
    }},
    "db": {{
      "command": "pg-mcp",
      "args": ["postgresql://app:{password}@db.example.com:5432/app"],
      "env": ["{hf}"]
    }}
  }}
}}
"#
    );
    write(&root, ".mcp.json", &mcp);
    let desktop = format!(
        "{{\"mcpServers\": {{\"x\": {{\"command\": \"srv\", \"{unknown_key}\": 1, \"args\": [{{\"k\": \"{mistyped}\"}}], \"env\": {{\"PEM\": \"{}\"}}}}}}}}\n",
        pem.replace('\n', "\\n")
    );
    write(
        &root,
        "dotfiles/Library/Application Support/Claude/claude_desktop_config.json",
        &desktop,
    );
    let cursor = format!("{{\n  \"mcpServers\": {{\n    \"t\": {{ \"command\": \"x\", \"env\": {{ \"TAVILY_API_KEY\": \"{broken}\" }} }}\n  ,, oops\n}}\n");
    write(&root, ".cursor/mcp.json", &cursor);
    let toml = format!(
        "[mcp_servers.linear]\nurl = \"https://mcp.linear.app/sse\"\nbearer_token = \"{codex}\"\n"
    );
    write(&root, ".codex/config.toml", &toml);

    let expected = vec![
        (
            ".mcp.json",
            "/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN".to_string(),
            line_of(&mcp, &gh),
            "GitHub personal access token",
        ),
        (
            ".mcp.json",
            "/mcpServers/github/env/OPENAI_API_KEY".to_string(),
            line_of(&mcp, &oa),
            "OpenAI project API key",
        ),
        (
            ".mcp.json",
            "/mcpServers/docker/args/4".to_string(),
            line_of(&mcp, &an),
            "Anthropic API key",
        ),
        (
            ".mcp.json",
            "/mcpServers/docker/args/6".to_string(),
            line_of(&mcp, &sl),
            "Slack bot token",
        ),
        (
            ".mcp.json",
            "/mcpServers/docker/args/7".to_string(),
            line_of(&mcp, &aws),
            "AWS access key ID",
        ),
        (
            ".mcp.json",
            "/mcpServers/remote/headers/Authorization".to_string(),
            line_of(&mcp, &gl),
            "GitLab personal access token",
        ),
        (
            ".mcp.json",
            "/mcpServers/db/env/0".to_string(),
            line_of(&mcp, &hf),
            "Hugging Face access token",
        ),
        (
            ".codex/config.toml",
            "/mcp_servers/linear/bearer_token".to_string(),
            3,
            "Linear API key",
        ),
    ];
    let secrets = vec![
        gh,
        oa,
        an,
        sl,
        aws,
        gl,
        st,
        hf,
        key_name,
        unknown_key,
        mistyped,
        broken,
        codex,
        pem,
        jwt,
        random,
        password,
        basic,
        basic_pw,
    ];
    Fixture {
        dir,
        secrets,
        expected,
    }
}

/// Formats the binary accepts: parsed from `--help`, plus the ones being
/// added in parallel, keeping those the binary does not reject.
fn formats(home: &Path) -> Vec<String> {
    let help = Command::cargo_bin("mcpward")
        .expect("binary")
        .arg("--help")
        .output()
        .expect("run");
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let mut out: Vec<String> = Vec::new();
    let mut in_values = false;
    for line in help.lines() {
        let l = line.trim();
        if l.starts_with("-f, --format") {
            in_values = true;
        } else if in_values && l.starts_with("[default") {
            break;
        } else if in_values {
            if let Some(name) = l.strip_prefix("- ").and_then(|r| r.split(':').next()) {
                out.push(name.trim().to_string());
            }
        }
    }
    for f in ["human", "json", "sarif", "github", "concise"] {
        if !out.iter().any(|o| o == f) {
            let ok = Command::cargo_bin("mcpward")
                .expect("binary")
                .args(["--format", f, "--home"])
                .arg(home)
                .arg(home)
                .output()
                .expect("run")
                .status
                .code()
                != Some(2);
            if ok {
                out.push(f.to_string());
            }
        }
    }
    out
}

#[test]
fn no_output_format_leaks_a_secret() {
    let fx = fixture();
    let home = fx.dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let project = fx.dir.path().join("project");
    let formats = formats(&home);
    assert!(
        formats.iter().any(|f| f == "human") && formats.iter().any(|f| f == "json"),
        "{formats:?}"
    );
    for format in &formats {
        for extra in [&[][..], &["--color", "always"][..], &["--quiet"][..]] {
            let out = Command::cargo_bin("mcpward")
                .expect("binary")
                .current_dir(&project)
                .args(["--format", format, "--home"])
                .arg(&home)
                .args(extra)
                .arg(".")
                .output()
                .expect("run mcpward");
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(out.status.code(), Some(1), "{format}: {text}");
            for s in &fx.secrets {
                // The whole secret, and its body without a public prefix.
                let body = &s[s.len().min(6)..];
                assert!(
                    !text.contains(s.as_str()) && !text.contains(body),
                    "--format {format} {extra:?} leaked {}",
                    mcpward::secrets::describe(s, 4)
                );
            }
        }
    }
}

#[test]
fn json_reports_pointer_line_and_provider() {
    let fx = fixture();
    let home = fx.dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let out = Command::cargo_bin("mcpward")
        .expect("binary")
        .current_dir(fx.dir.path().join("project"))
        .args(["--format", "json", "--home"])
        .arg(&home)
        .arg(".")
        .output()
        .expect("run mcpward");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let findings = v["findings"].as_array().expect("findings");
    for (file, pointer, line, provider) in &fx.expected {
        let f = findings
            .iter()
            .find(|f| {
                f["rule"] == "hardcoded-secret"
                    && f["pointer"] == pointer.as_str()
                    && f["path"] == *file
            })
            .unwrap_or_else(|| panic!("no hardcoded-secret at {file} {pointer}"));
        assert_eq!(f["line"].as_u64(), Some(*line as u64), "{pointer}");
        assert!(
            f["message"].as_str().unwrap_or("").contains(provider),
            "{pointer}: {}",
            f["message"]
        );
    }
    let secret_findings = findings
        .iter()
        .filter(|f| f["rule"] == "hardcoded-secret")
        .count();
    assert!(
        secret_findings >= 14,
        "only {secret_findings} secret findings"
    );
    let sev = |p: &str| {
        findings
            .iter()
            .find(|f| f["pointer"] == p)
            .map(|f| f["severity"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        sev("/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN").as_deref(),
        Some("critical")
    );
    assert_eq!(
        sev("/mcp_servers/linear/bearer_token").as_deref(),
        Some("critical")
    );
}

#[test]
fn placeholders_and_references_produce_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = r#"{"mcpServers": {"gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}", "OPENAI_API_KEY": "YOUR_API_KEY_HERE", "SLACK_TOKEN": "<your-token>",
              "AWS_REGION": "eu-west-1", "AWS_PROFILE": "default", "API_KEY": "[REDACTED]", "B": "sk-xxxxxxxxxxxxxxxxxxxxxxxx"}}}}"#;
    write(dir.path(), ".mcp.json", text);
    let out = Command::cargo_bin("mcpward")
        .expect("binary")
        .current_dir(dir.path())
        .args(["--format", "json", "--home"])
        .arg(dir.path())
        .arg(".mcp.json")
        .output()
        .expect("run mcpward");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0), "{v:#}");
    assert_eq!(out.status.code(), Some(0));
}

/// Copy a fixture folder, replacing `@@provider-id@@` markers with fresh
/// fake tokens of that provider; returns the tokens written.
fn materialise(src: &Path, dst: &Path, rng: &mut Rng, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(src).expect("fixture dir") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
            materialise(&entry.path(), &to, rng, out);
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path()).expect("read fixture");
        while let Some(start) = text.find("@@") {
            let end = start + 2 + text[start + 2..].find("@@").expect("closing @@");
            let id = text[start + 2..end].to_string();
            let t = token(&id, rng);
            text.replace_range(start..end + 2, &t);
            out.push((id, t));
        }
        std::fs::write(&to, text).expect("write");
    }
}

fn run_json(dir: &Path) -> (serde_json::Value, String) {
    let out = Command::cargo_bin("mcpward")
        .expect("binary")
        .current_dir(dir)
        .args(["--format", "json", "--home"])
        .arg(dir)
        .arg(".")
        .output()
        .expect("run mcpward");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (serde_json::from_slice(&out.stdout).expect("json"), all)
}

#[test]
fn fixtures_positive_and_negative() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hardcoded-secret");
    let mut rng = Rng::new(99);

    let pos = tempfile::tempdir().expect("tempdir");
    let mut written = Vec::new();
    materialise(&root.join("positive"), pos.path(), &mut rng, &mut written);
    let (v, all) = run_json(pos.path());
    let got: Vec<(String, u64)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "hardcoded-secret")
        .map(|f| {
            (
                f["pointer"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN".to_string(),
                6
            ),
            ("/mcpServers/search/args/3".to_string(), 10),
            ("/mcpServers/remote/headers/Authorization".to_string(), 15),
        ]
    );
    for (id, t) in &written {
        assert!(!all.contains(t.as_str()), "{id} leaked");
    }

    let neg = tempfile::tempdir().expect("tempdir");
    materialise(
        &root.join("negative"),
        neg.path(),
        &mut rng,
        &mut Vec::new(),
    );
    let (v, _) = run_json(neg.path());
    let secrets: Vec<_> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "hardcoded-secret")
        .collect();
    assert!(secrets.is_empty(), "{secrets:#?}");
    assert_eq!(v["summary"]["files"], 3);
}
