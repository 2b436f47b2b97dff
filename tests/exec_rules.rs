//! End-to-end tests of `unpinned-package`, `insecure-transport` and
//! `shell-wrapper`: the CLI runs over the fixtures in
//! `tests/fixtures/<rule-id>/` with `--format json`, and each test asserts
//! the exact (rule, pointer, line) of every finding of its rule, so a
//! finding that moves to another argument or appears on a pinned, local or
//! loopback case fails. One fixture per rule is also snapshotted in the
//! human and JSON formats.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn mcpward() -> Command {
    let mut cmd = Command::cargo_bin("mcpward").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("MCPWARD_CONFIG");
    cmd
}

fn fixture(rule: &str, name: &str) -> String {
    let p = format!("tests/fixtures/{rule}/{name}");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&p).is_file(),
        "missing fixture {p}"
    );
    p
}

fn json(path: &str) -> Value {
    let out = mcpward()
        .args(["--format", "json", path])
        .output()
        .expect("run mcpward");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json output");
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0), "{v}");
    v
}

/// (pointer, line, severity) of the findings of one rule in one file.
fn hits(rule: &str, name: &str) -> Vec<(String, u64, String)> {
    let v = json(&fixture(rule, name));
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["pointer"].as_str().expect("pointer").to_string(),
                f["line"].as_u64().expect("line"),
                f["severity"].as_str().expect("severity").to_string(),
            )
        })
        .collect()
}

fn expect(rows: &[(&str, u64, &str)]) -> Vec<(String, u64, String)> {
    rows.iter()
        .map(|(p, l, s)| (p.to_string(), *l, s.to_string()))
        .collect()
}

fn messages(rule: &str, name: &str) -> Vec<String> {
    let v = json(&fixture(rule, name));
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().expect("message").to_string())
        .collect()
}

const UP: &str = "unpinned-package";
const IT: &str = "insecure-transport";
const SW: &str = "shell-wrapper";

#[test]
fn unpinned_npm_family() {
    let m = "medium";
    assert_eq!(
        hits(UP, "npm.json"),
        expect(&[
            ("/mcpServers/npx-no-version/args/1", 3, m),
            ("/mcpServers/npx-latest/args/1", 4, m),
            ("/mcpServers/npx-dist-tag/args/1", 5, m),
            ("/mcpServers/npx-caret/args/1", 6, m),
            ("/mcpServers/npx-tilde/args/1", 7, m),
            ("/mcpServers/npx-major/args/1", 8, m),
            ("/mcpServers/npx-x-range/args/1", 9, m),
            ("/mcpServers/npx-gte/args/1", 10, m),
            ("/mcpServers/npx-github/args/1", 11, m),
            ("/mcpServers/npx-git-url/args/1", 12, m),
            ("/mcpServers/npx-git-branch/args/1", 13, m),
            ("/mcpServers/npx-tarball/args/1", 14, m),
            ("/mcpServers/npx-package-option/args/1", 15, m),
            ("/mcpServers/npx-package-equals/args/0", 16, m),
            ("/mcpServers/npx-registry-value/args/3", 17, m),
            ("/mcpServers/npx-double-dash/args/2", 18, m),
            ("/mcpServers/pnpx/args/0", 19, m),
            ("/mcpServers/pnpm-dlx/args/1", 20, m),
            ("/mcpServers/yarn-dlx/args/2", 21, m),
            ("/mcpServers/npm-exec/args/3", 22, m),
            ("/mcpServers/bunx/args/1", 23, m),
            ("/mcpServers/bun-x/args/1", 24, m),
            ("/mcpServers/deno-npm/args/2", 25, m),
            ("/mcpServers/deno-jsr/args/2", 26, m),
            ("/mcpServers/windows-npx/args/3", 27, m),
            ("/mcpServers/windows-npx-exe/args/3", 28, m),
            ("/mcpServers/one-string/command", 29, m),
        ])
    );
    let msgs = messages(UP, "npm.json");
    for (i, want) in [
        (
            0,
            "`npx` fetches `@modelcontextprotocol/server-github` with no version",
        ),
        (1, "at `latest`"),
        (2, "dist-tag `next`"),
        (3, "range `^1.2.0`"),
        (8, "from git without a commit"),
        (10, "`main`, a ref that can move"),
        (11, "from a URL"),
        (17, "`pnpm dlx` fetches"),
        (18, "`yarn dlx` fetches"),
        (19, "`npm exec` fetches"),
        (21, "`bun x` fetches"),
        (22, "`deno run` fetches"),
    ] {
        assert!(msgs[i].contains(want), "{}: {want}", msgs[i]);
    }
}

#[test]
fn unpinned_python_family() {
    let m = "medium";
    assert_eq!(
        hits(UP, "python.json"),
        expect(&[
            ("/mcpServers/uvx-no-version/args/0", 3, m),
            ("/mcpServers/uvx-latest/args/0", 4, m),
            ("/mcpServers/uvx-range/args/0", 5, m),
            ("/mcpServers/uvx-compatible/args/0", 6, m),
            ("/mcpServers/uvx-wildcard/args/0", 7, m),
            ("/mcpServers/uvx-python-value/args/2", 8, m),
            ("/mcpServers/uvx-from/args/1", 9, m),
            ("/mcpServers/uvx-from-git/args/1", 10, m),
            ("/mcpServers/uvx-from-git-branch/args/1", 11, m),
            ("/mcpServers/uvx-with/args/1", 12, m),
            ("/mcpServers/uv-tool-run/args/2", 13, m),
            ("/mcpServers/uv-run-with/args/4", 14, m),
            ("/mcpServers/pipx-run/args/1", 15, m),
            ("/mcpServers/pipx-spec/args/2", 16, m),
            ("/mcpServers/windows-uvx/args/2", 17, m),
            ("/mcpServers/one-string/command", 18, m),
        ])
    );
    let msgs = messages(UP, "python.json");
    assert!(msgs[0].starts_with("`uvx` fetches `mcp-server-git` with no version"));
    assert!(msgs[12].starts_with("`pipx run` fetches"));
    assert!(msgs[10].starts_with("`uv tool run` fetches"));
}

#[test]
fn unpinned_containers_skip_option_values() {
    let m = "medium";
    assert_eq!(
        hits(UP, "containers.json"),
        expect(&[
            ("/mcpServers/docker-no-tag/args/3", 3, m),
            ("/mcpServers/docker-latest/args/3", 4, m),
            // 22 arguments of options and values before the image.
            ("/mcpServers/docker-options/args/23", 9, m),
            ("/mcpServers/docker-combined-flags/args/3", 11, m),
            ("/mcpServers/docker-container-run/args/3", 12, m),
            ("/mcpServers/docker-registry-port/args/2", 13, m),
            ("/mcpServers/podman/args/3", 14, m),
            ("/mcpServers/one-string/command", 15, m),
        ])
    );
    let msgs = messages(UP, "containers.json");
    assert!(msgs[0].contains("no tag"));
    assert!(msgs[1].contains("at `latest`"));
    assert!(msgs[4].starts_with("`docker container run`"));
    assert!(msgs[6].starts_with("`podman run`"));
}

#[test]
fn unpinned_go_cargo_and_scripts() {
    assert_eq!(
        hits(UP, "others.json"),
        expect(&[
            ("/mcpServers/go-latest/args/1", 3, "medium"),
            ("/mcpServers/go-branch/args/3", 4, "medium"),
            ("/mcpServers/cargo-in-script/args/1", 5, "medium"),
            ("/mcpServers/cargo-not-locked/args/1", 6, "low"),
            ("/mcpServers/npx-in-script/args/1", 7, "medium"),
        ])
    );
    // Inside a script the finding points at the word, not the whole string.
    let v = json(&fixture(UP, "others.json"));
    let f = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == UP && f["pointer"] == "/mcpServers/cargo-in-script/args/1")
        .expect("cargo finding");
    let line = std::fs::read_to_string(fixture(UP, "others.json")).expect("read");
    let line = line.lines().nth(4).expect("line 5");
    let col = f["column"].as_u64().expect("column") as usize;
    let end = f["end_column"].as_u64().expect("end") as usize;
    assert_eq!(&line[col - 1..end - 1], "some-mcp");
}

/// `uvx run pkg` and kin run a package literally named `run`: one high
/// finding at the misread word, no unpinned finding for it or the intended
/// package; versioned specs, `npm run`, `uv run` and a server argument
/// named `run` stay silent.
#[test]
fn launcher_misused_runs_an_unrelated_package() {
    let h = "high";
    assert_eq!(
        hits(UP, "misused.json"),
        expect(&[
            ("/mcpServers/uvx-run/args/0", 3, h),
            ("/mcpServers/npx-run/args/1", 4, h),
            ("/mcpServers/pipx-run-run/args/1", 5, h),
            ("/mcpServers/bunx-run/args/0", 6, h),
            ("/mcpServers/uvx-tool-run/args/0", 7, h),
            ("/mcpServers/npx-exec/args/0", 8, h),
            ("/mcpServers/cmd-uvx-run/args/2", 9, h),
        ])
    );
    let msgs = messages(UP, "misused.json");
    assert!(
        msgs[0].contains(
            "`uvx run mcp-server-fetch` runs an unrelated package named `run` from the registry"
        ),
        "{}",
        msgs[0]
    );
    assert!(msgs[0].contains("not `mcp-server-fetch`"), "{}", msgs[0]);
    assert!(
        msgs.iter().all(|m| !m.contains("with no version")),
        "{msgs:?}"
    );
}

/// opencode `plugin` entries are npm packages installed at start: the
/// unpinned ones are reported at the exact element (or its `package`);
/// pinned and local ones stay silent.
#[test]
fn opencode_plugins_unpinned() {
    let m = "medium";
    assert_eq!(
        hits(UP, "opencode/opencode.json"),
        expect(&[
            ("/plugin/0", 4, m),
            ("/plugin/1", 5, m),
            ("/plugin/2", 6, m),
            ("/plugin/8/package", 12, m),
        ])
    );
    let msgs = messages(UP, "opencode/opencode.json");
    assert!(
        msgs[0].starts_with(
            "opencode installs the plugin `opencode-wakatime` from npm at start with no version"
        ),
        "{}",
        msgs[0]
    );
}

/// Shells behind prefix launchers (`env`, `sudo`, `doas`, `wsl.exe`,
/// `nix-shell --run`) are unwrapped like `cmd /c`; the same prefixes in
/// front of a plain command stay silent.
#[test]
fn shells_behind_prefix_launchers() {
    let l = "low";
    assert_eq!(
        hits(SW, "prefixed.json"),
        expect(&[
            ("/mcpServers/env-sh/args/3", 3, l),
            ("/mcpServers/sudo-bash/args/4", 4, l),
            ("/mcpServers/doas-sh/args/2", 5, l),
            ("/mcpServers/wsl-bash/args/5", 6, l),
            ("/mcpServers/nix-shell-run/args/3", 7, l),
        ])
    );
    // unpinned-package reads the launch inside the script behind `env`.
    let v = json(&fixture(SW, "prefixed.json"));
    assert!(v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .all(|f| f["rule"] != UP));
}

#[test]
fn pinned_and_local_specs_are_silent() {
    assert_eq!(hits(UP, "pinned.json"), vec![]);
}

#[test]
fn unpinned_codex_toml() {
    assert_eq!(
        hits(UP, "config.toml"),
        expect(&[("/mcp_servers/github/args/1", 4, "medium")])
    );
}

#[test]
fn insecure_transport_remote() {
    let h = "high";
    assert_eq!(
        hits(IT, "remote.json"),
        expect(&[
            ("/mcpServers/plain-http/url", 3, h),
            ("/mcpServers/plain-sse-port/url", 4, h),
            ("/mcpServers/websocket/url", 5, h),
            ("/mcpServers/userinfo-trick/url", 6, h),
            ("/mcpServers/localhost-prefix/url", 7, h),
            ("/mcpServers/ipv6/url", 8, h),
            ("/mcpServers/with-headers/url", 9, h),
            ("/mcpServers/upper-scheme/url", 10, h),
            ("/mcpServers/bridge/args/2", 11, h),
            ("/mcpServers/bridge-windows/args/4", 12, h),
        ])
    );
    let msgs = messages(IT, "remote.json");
    assert!(msgs[3].contains("`evil.example`"), "{}", msgs[3]);
    assert!(msgs[4].contains("`localhost.evil.example`"));
    assert!(msgs[2].contains("`ws://`"));
}

#[test]
fn insecure_transport_client_url_keys() {
    assert_eq!(
        hits(IT, ".codeium/windsurf/mcp_config.json"),
        expect(&[("/mcpServers/remote/serverUrl", 3, "high")])
    );
    assert_eq!(
        hits(IT, ".gemini/settings.json"),
        expect(&[("/mcpServers/remote/httpUrl", 3, "high")])
    );
    assert_eq!(
        hits(IT, ".vscode/mcp.json"),
        expect(&[("/servers/remote/url", 4, "high")])
    );
}

#[test]
fn loopback_and_tls_are_silent() {
    assert_eq!(hits(IT, "loopback.json"), vec![]);
}

#[test]
fn shell_wrappers_and_fetch_execute() {
    let (l, m, h) = ("low", "medium", "high");
    assert_eq!(
        hits(SW, "wrappers.json"),
        expect(&[
            ("/mcpServers/sh-c/args/1", 3, l),
            ("/mcpServers/bash-lc/args/1", 4, l),
            ("/mcpServers/zsh-c/args/1", 5, l),
            ("/mcpServers/cmd-one-string/args/1", 6, l),
            ("/mcpServers/cmd-operators/args/1", 7, l),
            ("/mcpServers/powershell/args/2", 8, l),
            ("/mcpServers/pwsh-encoded/args/1", 9, m),
            ("/mcpServers/one-string-wrapper/command", 10, l),
            ("/mcpServers/curl-pipe-sh/args/1", 11, l),
            ("/mcpServers/curl-pipe-sh/args/1", 11, h),
            ("/mcpServers/wget-pipe-bash/args/1", 12, l),
            ("/mcpServers/wget-pipe-bash/args/1", 12, h),
            ("/mcpServers/iwr-iex/args/1", 13, l),
            ("/mcpServers/iwr-iex/args/1", 13, h),
            ("/mcpServers/iex-downloadstring/args/1", 14, l),
            ("/mcpServers/iex-downloadstring/args/1", 14, h),
            ("/mcpServers/eval-curl/args/1", 15, l),
            ("/mcpServers/eval-curl/args/1", 15, h),
            ("/mcpServers/one-string-pipe/command", 16, h),
            ("/mcpServers/cmd-separate-pipe/args/1", 17, l),
            ("/mcpServers/cmd-separate-pipe/args/1", 17, h),
        ])
    );
}

#[test]
fn plain_commands_are_silent() {
    assert_eq!(hits(SW, "plain.json"), vec![]);
}

/// A launch behind `cmd /c` is looked through: the pinned package in the
/// snapshot fixture is not reported, the unpinned ones elsewhere are.
#[test]
fn wrapped_pinned_launch_is_silent() {
    let v = json(&fixture(SW, "snapshot.json"));
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, vec![SW, SW]);
}

fn human(path: &str) -> String {
    let out = mcpward()
        .args(["--color", "never", path])
        .output()
        .expect("run mcpward");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json_text(path: &str) -> String {
    let out = mcpward()
        .args(["--format", "json", path])
        .output()
        .expect("run mcpward");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn snapshots_unpinned_package() {
    let p = fixture(UP, "config.toml");
    insta::assert_snapshot!("unpinned_package_human", human(&p));
    insta::assert_snapshot!("unpinned_package_json", json_text(&p));
}

#[test]
fn snapshots_insecure_transport() {
    let p = fixture(IT, ".vscode/mcp.json");
    insta::assert_snapshot!("insecure_transport_human", human(&p));
    insta::assert_snapshot!("insecure_transport_json", json_text(&p));
}

#[test]
fn snapshots_shell_wrapper() {
    let p = fixture(SW, "snapshot.json");
    insta::assert_snapshot!("shell_wrapper_human", human(&p));
    insta::assert_snapshot!("shell_wrapper_json", json_text(&p));
}
