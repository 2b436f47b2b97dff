//! Matching by what runs: every launcher form, versions, wrappers, URL
//! variants, and look-alikes that must not match.

use super::*;
use crate::model::{self, ConfigFile};
use crate::source::Source;

/// A Cursor config holding one server `s` with this JSON body.
fn file(body: &str) -> ConfigFile {
    let text = format!(r#"{{"mcpServers": {{"s": {body}}}}}"#);
    model::build(
        Source::from_text(".cursor/mcp.json", text),
        None,
        None,
        None,
    )
}

fn stdio(argv: &[&str]) -> ConfigFile {
    let args: Vec<String> = argv[1..].iter().map(|a| format!("{a:?}")).collect();
    file(&format!(
        r#"{{"command": {:?}, "args": [{}]}}"#,
        argv[0],
        args.join(", ")
    ))
}

fn id_of(f: &ConfigFile) -> Option<&'static str> {
    identify(&f.servers[0], &f.source.text)
        .entry()
        .map(|e| e.id.as_str())
}

fn runs_of(f: &ConfigFile) -> Runs {
    runs(&f.servers[0], &f.source.text)
}

#[test]
fn every_launcher_form() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "npx",
                "-y",
                "@modelcontextprotocol/server-filesystem",
                "/tmp",
            ],
            "filesystem",
        ),
        (
            &[
                "npx",
                "--yes",
                "--package=@playwright/mcp",
                "mcp-server-playwright",
            ],
            "playwright",
        ),
        (&["pnpm", "dlx", "@playwright/mcp@latest"], "playwright"),
        (&["pnpx", "chrome-devtools-mcp@latest"], "chrome-devtools"),
        (&["yarn", "dlx", "@notionhq/notion-mcp-server"], "notion"),
        (
            &["npm", "exec", "--yes", "--", "@sentry/mcp-server"],
            "sentry",
        ),
        (&["bunx", "@upstash/context7-mcp"], "context7"),
        (&["bun", "x", "@upstash/context7-mcp"], "context7"),
        (
            &[
                "deno",
                "run",
                "-A",
                "npm:@modelcontextprotocol/server-memory",
            ],
            "memory",
        ),
        (&["uvx", "mcp-server-git"], "git"),
        (
            &["uvx", "--from", "mcp-server-fetch", "mcp-server-fetch"],
            "fetch",
        ),
        (&["uv", "tool", "run", "mcp-server-time"], "time"),
        (&["pipx", "run", "mcp-atlassian"], "mcp-atlassian"),
        (&["uvx", "awslabs.aws-api-mcp-server@latest"], "aws-api"),
        (
            &[
                "docker",
                "run",
                "-i",
                "--rm",
                "-e",
                "GITHUB_PERSONAL_ACCESS_TOKEN",
                "ghcr.io/github/github-mcp-server",
            ],
            "github",
        ),
        (&["podman", "run", "-i", "--rm", "mcp/git"], "git"),
        (
            &[
                "docker",
                "container",
                "run",
                "-i",
                "docker.io/mcp/fetch:latest",
            ],
            "fetch",
        ),
        (
            &["dnx", "Azure.Mcp", "--yes", "--", "server", "start"],
            "azure",
        ),
        (
            &[
                "go",
                "run",
                "github.com/github/github-mcp-server/cmd/github-mcp-server@latest",
                "stdio",
            ],
            "github",
        ),
        (&["github-mcp-server", "stdio"], "github"),
        (&["/usr/local/bin/mcp-server-git"], "git"),
        (
            &[
                "cmd",
                "/c",
                "npx",
                "-y",
                "@modelcontextprotocol/server-memory",
            ],
            "memory",
        ),
        (
            &["sh", "-c", "npx -y @modelcontextprotocol/server-memory"],
            "memory",
        ),
        (
            &[
                "env",
                "A=1",
                "npx",
                "-y",
                "@modelcontextprotocol/server-memory",
            ],
            "memory",
        ),
    ];
    for (argv, want) in cases {
        assert_eq!(id_of(&stdio(argv)), Some(*want), "{argv:?}");
    }
}

#[test]
fn one_string_commands() {
    let f = file(r#"{"command": "npx -y @modelcontextprotocol/server-filesystem ~"}"#);
    assert_eq!(id_of(&f), Some("filesystem"));
}

#[test]
fn versions_are_read_per_ecosystem() {
    let v = |argv: &[&str]| match runs_of(&stdio(argv)) {
        Runs::Package { version, .. } => version,
        Runs::Image { tag, .. } => tag,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        v(&["npx", "-y", "@playwright/mcp@0.0.41"]).as_deref(),
        Some("0.0.41")
    );
    assert_eq!(
        v(&["npx", "-y", "@playwright/mcp@latest"]).as_deref(),
        Some("latest")
    );
    assert_eq!(v(&["npx", "-y", "@playwright/mcp"]), None);
    assert_eq!(
        v(&["uvx", "mcp-server-git==0.6.2"]).as_deref(),
        Some("0.6.2")
    );
    assert_eq!(
        v(&["uvx", "mcp-server-git@0.6.2"]).as_deref(),
        Some("0.6.2")
    );
    assert_eq!(v(&["uvx", "mcp-server-git>=0.6"]).as_deref(), Some(">=0.6"));
    assert_eq!(
        v(&["uvx", "mcp-atlassian[cli]==1.0"]).as_deref(),
        Some("1.0")
    );
    assert_eq!(
        v(&["docker", "run", "-i", "mcp/git:1.2"]).as_deref(),
        Some("1.2")
    );
    assert_eq!(
        v(&["docker", "run", "-i", "mcp/git@sha256:0123abcd"]).as_deref(),
        Some("sha256:0123abcd")
    );
    assert_eq!(
        v(&["dnx", "Azure.Mcp", "--version", "0.5.0"]).as_deref(),
        Some("0.5.0")
    );
    let r = runs_of(&stdio(&["npx", "-y", "@playwright/mcp@0.0.41"]));
    assert_eq!(r.display(), "npx @playwright/mcp@0.0.41");
}

#[test]
fn look_alikes_do_not_match() {
    let none: &[&[&str]] = &[
        &["npx", "-y", "@modelcontextprotocol/server-filesytem"],
        &["npx", "-y", "modelcontextprotocol-server-github"],
        &["npx", "-y", "@modelcontextprotocol/server-github-extra"],
        &["npx", "-y", "@playwright/mcp-evil"],
        &["npx", "-y", "playwright/mcp"],
        &["uvx", "mcp-server-gitt"],
        &[
            "docker",
            "run",
            "-i",
            "ghcr.io/github/github-mcp-server-fork",
        ],
        &["docker", "run", "-i", "ghcr.io/githubb/github-mcp-server"],
        &["docker", "run", "-i", "evil.io/mcp/git"],
        &[
            "go",
            "run",
            "github.com/github/github-mcp-server-evil/cmd/x@latest",
        ],
        &[
            "node",
            "/home/u/@modelcontextprotocol/server-memory/index.js",
        ],
        &["python", "-m", "mcp_server_git"],
        &["./github-mcp-server-fork"],
    ];
    for argv in none {
        assert_eq!(id_of(&stdio(argv)), None, "{argv:?}");
    }
}

#[test]
fn pypi_names_normalise() {
    assert_eq!(id_of(&stdio(&["uvx", "MCP_Server.Git"])), Some("git"));
}

#[test]
fn remote_url_variants() {
    let remote = |url: &str| id_of(&file(&format!(r#"{{"url": {url:?}}}"#)));
    assert_eq!(remote("https://api.githubcopilot.com/mcp/"), Some("github"));
    assert_eq!(remote("https://api.githubcopilot.com/mcp"), Some("github"));
    assert_eq!(
        remote("https://API.GitHubCopilot.com/mcp/x/repos/readonly"),
        Some("github")
    );
    assert_eq!(
        remote("https://api.githubcopilot.com:443/mcp/?x=1#f"),
        Some("github")
    );
    assert_eq!(remote("https://mcp.stripe.com"), Some("stripe"));
    assert_eq!(remote("https://mcp.stripe.com/v1/anything"), Some("stripe"));
    assert_eq!(
        remote("https://bindings.mcp.cloudflare.com/mcp"),
        Some("cloudflare")
    );
    assert_eq!(remote("https://mcp.linear.app/sse"), Some("linear"));
    // Look-alikes: other hosts, a prefix that is not a path segment, a host
    // hidden behind user info, a two-label wildcard.
    assert_eq!(remote("https://api.githubcopilot.com.evil.io/mcp/"), None);
    assert_eq!(remote("https://evilapi.githubcopilot.com/mcp/"), None);
    assert_eq!(remote("https://api.githubcopilot.com/mcpx"), None);
    assert_eq!(remote("https://api.githubcopilot.com/other"), None);
    assert_eq!(remote("https://api.githubcopilot.com@evil.io/mcp/"), None);
    assert_eq!(remote("https://a.b.mcp.cloudflare.com/mcp"), None);
    assert_eq!(remote("https://mcp.cloudflare.com/mcp"), None);
    assert_eq!(remote("https://${HOST}/mcp"), None);
}

#[test]
fn bridged_remotes() {
    let f = stdio(&["npx", "-y", "mcp-remote", "https://mcp.linear.app/sse"]);
    let id = identify(&f.servers[0], &f.source.text);
    assert!(
        matches!(id, Identity::Known { evidence: Evidence::Bridge, entry } if entry.id == "linear")
    );
    assert_eq!(
        runs_of(&f).display(),
        "mcp-remote -> https://mcp.linear.app/sse"
    );
}

#[test]
fn urls_never_show_query_or_user_info() {
    assert_eq!(
        display_url("https://user:pw@mcp.example.com/mcp?token=abc#x"),
        "https://mcp.example.com/mcp?…"
    );
}

#[test]
fn a_name_is_only_a_hint() {
    let f = file(r#"{"command": "node", "args": ["/opt/x/index.js"]}"#);
    let text = f.source.text.replace("\"s\"", "\"github\"");
    let f = model::build(
        Source::from_text(".cursor/mcp.json", text),
        None,
        None,
        None,
    );
    let id = identify(&f.servers[0], &f.source.text);
    assert!(matches!(id, Identity::NameHint { entry } if entry.id == "github"));
    assert_eq!(id.entry(), None);
    let f = file(r#"{"command": "node", "args": ["/opt/x/index.js"]}"#);
    assert_eq!(identify(&f.servers[0], &f.source.text), Identity::Unknown);
}

fn mode(body: &str, entry: &str) -> ReadOnlyMode {
    let f = file(body);
    let e = crate::catalogue::by_id(entry).unwrap();
    read_only_mode(e, &f.servers[0], &f.source.text)
}

#[test]
fn read_only_switches() {
    let gh = r#""command": "docker", "args": ["run", "-i", "ghcr.io/github/github-mcp-server""#;
    assert_eq!(
        mode(&format!("{{{gh}, \"--read-only\"]}}"), "github"),
        ReadOnlyMode::On("--read-only".into())
    );
    assert_eq!(
        mode(
            &format!("{{{gh}], \"env\": {{\"GITHUB_READ_ONLY\": \"true\"}}}}"),
            "github"
        ),
        ReadOnlyMode::On("GITHUB_READ_ONLY=1".into())
    );
    assert_eq!(
        mode(
            r#"{"command": "docker", "args": ["run", "-i", "-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server"]}"#,
            "github"
        ),
        ReadOnlyMode::On("GITHUB_READ_ONLY=1".into())
    );
    // A reference is unknown: not read-only.
    assert!(matches!(
        mode(
            &format!("{{{gh}], \"env\": {{\"GITHUB_READ_ONLY\": \"${{env:RO}}\"}}}}"),
            "github"
        ),
        ReadOnlyMode::Off { .. }
    ));
    assert!(matches!(
        mode(
            &format!("{{{gh}], \"env\": {{\"GITHUB_READ_ONLY\": \"0\"}}}}"),
            "github"
        ),
        ReadOnlyMode::Off { .. }
    ));
    assert_eq!(
        mode(
            r#"{"url": "https://api.githubcopilot.com/mcp/readonly"}"#,
            "github"
        ),
        ReadOnlyMode::On("/readonly".into())
    );
    assert_eq!(
        mode(
            r#"{"url": "https://api.githubcopilot.com/mcp/", "headers": {"X-MCP-Readonly": "true"}}"#,
            "github"
        ),
        ReadOnlyMode::On("X-MCP-Readonly: true".into())
    );
    assert_eq!(
        mode(
            r#"{"url": "https://mcp.supabase.com/mcp?project_ref=x&read_only=true"}"#,
            "supabase"
        ),
        ReadOnlyMode::On("read_only=true".into())
    );
    assert!(matches!(
        mode(r#"{"url": "https://mcp.supabase.com/mcp?project_ref=x"}"#, "supabase"),
        ReadOnlyMode::Off { offers } if offers == "read_only=true"
    ));
    assert_eq!(
        mode(
            r#"{"command": "npx", "args": ["-y", "mongodb-mcp-server", "--readOnly"]}"#,
            "mongodb"
        ),
        ReadOnlyMode::On("--readOnly".into())
    );
    assert_eq!(
        mode(r#"{"command": "uvx", "args": ["mcp-server-time"]}"#, "time"),
        ReadOnlyMode::Always
    );
    assert_eq!(
        mode(
            r#"{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem"]}"#,
            "filesystem"
        ),
        ReadOnlyMode::NotOffered
    );
}

#[test]
fn lookups_parse_only_the_files_that_can_answer() {
    use crate::catalogue::{files_containing, FILES};
    let name = |i: usize| FILES[i].0;
    assert!(files_containing("zz-no-such-package-anywhere").is_empty());
    let hit: Vec<&str> = files_containing("@playwright/mcp")
        .into_iter()
        .map(name)
        .collect();
    assert_eq!(hit, ["vendors"]);
    let hit: Vec<&str> = files_containing("awslabs-aws-api-mcp-server")
        .into_iter()
        .map(name)
        .collect();
    assert_eq!(hit, ["vendors"]);
}
