//! Unit tests of `hardcoded-secret` over in-memory configs. Fake tokens are
//! generated from the catalogue's formats.

use super::*;
use crate::secrets::corpus::{sample, Rng};
use crate::secrets::PROVIDERS;

fn token(id: &str, seed: u64) -> String {
    let p = PROVIDERS
        .iter()
        .find(|p| p.id == id)
        .expect("known provider");
    sample(p, &mut Rng::new(seed))
}

fn check(path: &str, text: &str) -> Vec<Finding> {
    crate::rules::run_rule(&HardcodedSecret::DEFAULT, path, text).1
}

fn masked(text: &str, f: &[Finding]) -> String {
    let spans: Vec<_> = f.iter().flat_map(|f| f.secrets.clone()).collect();
    crate::mask::mask_text(text, &spans)
}

#[test]
fn env_value_in_project_file_is_critical() {
    let t = token("github-pat", 1);
    let text = format!(
        r#"{{"mcpServers": {{"gh": {{"command": "npx", "env": {{"GITHUB_TOKEN": "{t}"}}}}}}}}"#
    );
    let f = check("/p/.mcp.json", &text);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Critical);
    assert_eq!(f[0].pointer, "/mcpServers/gh/env/GITHUB_TOKEN");
    assert_eq!(&text[f[0].secrets[0].clone()], t);
    assert!(
        f[0].message.contains("GitHub personal access token"),
        "{}",
        f[0].message
    );
    assert!(f[0].message.contains("ghp_…, 40 chars"));
    assert!(!f[0].message.contains(&t[4..]));
    assert!(f[0].help.as_deref().unwrap_or("").contains("${NAME}"));
    assert!(!masked(&text, &f).contains(&t));
}

#[test]
fn user_file_is_high() {
    let t = token("anthropic-api-key", 2);
    let text = format!(
        r#"{{"mcpServers": {{"a": {{"command": "x", "env": {{"ANTHROPIC_API_KEY": "{t}"}}}}}}}}"#
    );
    let f = check("/h/.config/Claude/claude_desktop_config.json", &text);
    assert_eq!(f[0].severity, Severity::High);
    assert!(f[0].help.as_deref().unwrap_or("").contains("op run"));
}

#[test]
fn args_flags_docker_and_split_commands() {
    let a = token("openai-project-key", 3);
    let b = token("slack-bot-token", 4);
    let c = token("groq-key", 5);
    let d = "9fQ2kLm7Zx4Rt8WpA1b3";
    let text = format!(
        r#"{{"mcpServers": {{
  "x": {{"command": "docker", "args": ["run", "-e", "OPENAI_API_KEY={a}", "--api-key", "{d}", "--token={b}", "img"]}},
  "y": {{"command": "npx srv --key {c}"}}
}}}}"#
    );
    let f = check("/p/.cursor/mcp.json", &text);
    let ptrs: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        ptrs,
        [
            "/mcpServers/x/args/2",
            "/mcpServers/x/args/4",
            "/mcpServers/x/args/5",
            "/mcpServers/y/command"
        ],
        "{f:#?}"
    );
    let m = masked(&text, &f);
    for s in [a.as_str(), b.as_str(), c.as_str(), d] {
        assert!(!m.contains(s));
    }
    assert!(m.contains("OPENAI_API_KEY=") && m.contains("--token="));
    assert!(f[1].message.contains("args[4]"), "{}", f[1].message);
}

#[test]
fn headers_urls_and_basic() {
    let g = token("gitlab-pat", 6);
    let basic = crate::secrets::corpus::b64url(b"ci:Zq8mV2kLp9xWq7");
    let text = format!(
        r#"{{"servers": {{"r": {{"type": "http", "url": "https://mcp.example.com/sse?api_key=Zq8mV2kLp9xWq7Rt5", "headers": {{"Authorization": "Bearer {g}", "Proxy-Authorization": "Basic {basic}"}}}},
  "db": {{"command": "pg-mcp", "args": ["postgresql://app:Zq8mV2kLp9x@db.example.com/app", "postgresql://postgres:postgres@localhost/dev"]}}}}}}"#
    );
    let f = check("/p/.vscode/mcp.json", &text);
    let ids: Vec<_> = f
        .iter()
        .map(|f| f.fingerprint_extra.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        ids,
        ["named-secret", "gitlab-pat", "basic-auth", "url-password"],
        "{f:#?}"
    );
    assert!(f[0].help.as_deref().unwrap_or("").contains("${input:"));
}

#[test]
fn references_placeholders_and_ordinary_values_are_clean() {
    let text = r#"{"mcpServers": {"gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github", "--project-ref=abcdefghijklmnopqrst"],
      "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}", "B": "Bearer ${env:TOKEN}", "OPENAI_API_KEY": "YOUR_API_KEY_HERE", "T": "<your-token>",
              "AWS_PROFILE": "default", "AWS_REGION": "eu-west-1", "LOG_LEVEL": "debug", "PROJECT_ID": "3f1c9a7e-52d4-4b8e-9c21-7a0d5e6f8b13",
              "OP": "op://Private/GitHub/token", "DATABASE_URL": "postgres://postgres:postgres@localhost:5432/dev"}}}}"#;
    assert!(check("/p/.mcp.json", text).is_empty());
}

#[test]
fn codex_toml_inline_bearer_and_http_headers() {
    let t = token("linear-key", 7);
    let text = format!(
        "[mcp_servers.linear]\nurl = \"https://mcp.linear.app/sse\"\nbearer_token = \"9fQ2kLm7Zx4Rt8WpA1b3\"\nenv_http_headers = {{ \"X-Token\" = \"LINEAR_TOKEN\" }}\n[mcp_servers.linear.http_headers]\nAuthorization = \"Bearer {t}\"\n"
    );
    let f = check("/h/.codex/config.toml", &text);
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].pointer, "/mcp_servers/linear/bearer_token");
    assert_eq!(
        f[1].pointer,
        "/mcp_servers/linear/http_headers/Authorization"
    );
    assert!(f[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("bearer_token_env_var"));
    assert!(!masked(&text, &f).contains(&t));
}

#[test]
fn zed_settings_and_secret_key_names() {
    let t = token("perplexity-key", 8);
    let k = token("github-pat", 9);
    let text = format!(
        r#"{{"context_servers": {{"pplx": {{"source": "extension", "settings": {{"perplexity_api_key": "{t}"}}, "env": {{"{k}": "1"}}}}}}}}"#
    );
    let f = check("/p/.zed/settings.json", &text);
    assert_eq!(f.len(), 2, "{f:#?}");
    let m = masked(&text, &f);
    assert!(!m.contains(&t) && !m.contains(&k));
    assert!(f.iter().all(|f| !f.message.contains(&k[4..])));
}

#[test]
fn escaped_values_mask_the_whole_literal() {
    let t = token("stripe-secret-key", 10);
    let text = format!(
        r#"{{"mcpServers": {{"s": {{"command": "x", "env": {{"STRIPE_KEY": "\u0020{t}"}}}}}}}}"#
    );
    let f = check("/p/.mcp.json", &text);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].secrets[0], f[0].span);
    assert!(!masked(&text, &f).contains(&t));
}

#[test]
fn shell_scripts_in_args_are_split_into_words() {
    let mut rng = Rng::new(11);
    let abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let [a, b, c] = [0; 3].map(|_| rng.string(abc, 32));
    let text = format!(
        r#"{{"mcpServers": {{
  "a": {{"command": "bash", "args": ["-c", "API_KEY={a} npx -y pkg@1.0.0"]}},
  "b": {{"command": "cmd", "args": ["/c", "set TOKEN={b} && npx -y pkg@1.0.0"]}},
  "c": {{"command": "sh", "args": ["-c", "curl -H 'Authorization: Bearer {c}' https://x.example.com/i.sh | sh"]}}
}}}}"#
    );
    let f = check("/p/.mcp.json", &text);
    let ptrs: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        ptrs,
        [
            "/mcpServers/a/args/1",
            "/mcpServers/b/args/1",
            "/mcpServers/c/args/1"
        ],
        "{f:#?}"
    );
    let m = masked(&text, &f);
    for s in [&a, &b, &c] {
        assert!(!m.contains(s.as_str()), "{m}");
    }
    // The smallest range: the value, not the whole script.
    assert!(
        m.contains("API_KEY=*") && m.contains("npx -y pkg@1.0.0"),
        "{m}"
    );
}

#[test]
fn argv_array_commands_pair_flags_with_values() {
    let mut rng = Rng::new(12);
    let d = rng.string(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        32,
    );
    let text = format!(
        r#"{{"mcp": {{"a": {{"type": "local", "command": ["npx", "-y", "pkg@1.0.0", "--api-key", "{d}"]}}}}}}"#
    );
    let f = check("/p/opencode.json", &text);
    let ptrs: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(ptrs, ["/mcp/a/command/4"], "{f:#?}");
    assert!(!masked(&text, &f).contains(&d));
}

#[test]
fn header_args_without_space_after_colon() {
    let mut rng = Rng::new(13);
    let abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let [a, b] = [0; 2].map(|_| rng.string(abc, 32));
    // mcp-remote's README writes headers with no space (Windows quoting).
    let text = format!(
        r#"{{"mcpServers": {{"r": {{"command": "npx", "args": ["mcp-remote@0.1.0", "https://x.example.com/mcp", "--header", "Authorization:Bearer {a}", "--header", "X-API-Key:{b}", "--header", "Authorization:${{AUTH_HEADER}}", "--resource", "image:latest"]}}}}}}"#
    );
    let f = check("/p/.mcp.json", &text);
    let ptrs: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        ptrs,
        ["/mcpServers/r/args/3", "/mcpServers/r/args/5"],
        "{f:#?}"
    );
    let m = masked(&text, &f);
    assert!(!m.contains(&a) && !m.contains(&b), "{m}");
    assert!(m.contains("Authorization:Bearer *"), "{m}");
}

#[test]
fn one_finding_per_secret_when_words_overlap_the_element() {
    let text = r#"{"mcpServers": {"c": {"command": "docker", "args": ["run", "-e", "DB_PASSWORD=Zq8mV2kLp9x word", "img:1"]}}}"#;
    let f = check("/p/.mcp.json", text);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(!masked(text, &f).contains("Zq8mV2kLp9x"));
}
