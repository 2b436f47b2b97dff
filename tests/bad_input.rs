//! Bad input from the command line: every path that cannot be scanned is
//! reported with its path and a reason, the scan goes on with the other
//! files, nothing panics or blocks, and explicit paths that cannot be read
//! make the run exit 2. Walk problems are warnings (exit code unchanged).
//! mcpward never writes to a file it scans.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// A scratch folder with a fake home; the real home is never read.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("home")).unwrap();
        Sandbox { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("mcpward").unwrap();
        c.current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .arg("--home")
            .arg(self.path("home"))
            .args(["--platform", "linux", "--no-color"])
            // A guard against a hang (e.g. a FIFO opened for reading), not
            // a timing assertion.
            .timeout(Duration::from_secs(60));
        c
    }

    /// Run with `--format json`; returns (exit code, parsed output).
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let out = self
            .cmd()
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        let v: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
        (out.status.code().expect("exit code, not a signal"), v)
    }
}

const GOOD: &[u8] = b"{\"mcpServers\": {\"memory\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-memory@2025.4.25\"]}}}\n";

/// The `errors` array as (path, kind) pairs.
fn errors(v: &Value) -> Vec<(String, String)> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(
                !e["message"].as_str().unwrap().is_empty(),
                "every error has a reason: {e}"
            );
            (
                e["path"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn scanned(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// One bad explicit path next to a good file: the bad one is reported with
/// the expected kind, the good one is still scanned, and the run exits 2.
fn explicit_bad(sb: &Sandbox, bad: &str, kind: &str, extra: &[&str]) {
    sb.write("claude_desktop_config.json", GOOD);
    let mut args: Vec<&str> = extra.to_vec();
    args.extend([bad, "claude_desktop_config.json"]);
    let (code, v) = sb.json(&args);
    assert_eq!(errors(&v), vec![(bad.to_string(), kind.to_string())], "{v}");
    assert_eq!(scanned(&v), vec!["claude_desktop_config.json"], "{v}");
    assert_eq!(code, 2, "an explicit path that cannot be scanned exits 2");
}

#[test]
fn missing_file() {
    explicit_bad(&Sandbox::new(), "nope/.mcp.json", "not-found", &[]);
}

#[test]
fn binary_content() {
    let sb = Sandbox::new();
    sb.write("bin.json", b"{\"mcpServers\": \x00\x01\x02}");
    explicit_bad(&sb, "bin.json", "binary", &[]);
}

#[test]
fn invalid_utf8() {
    let sb = Sandbox::new();
    sb.write(
        ".mcp.json",
        b"{\"mcpServers\": {\"a\": {\"command\": \"caf\xe9\"}}}",
    );
    explicit_bad(&sb, ".mcp.json", "not-utf8", &[]);
}

#[test]
fn utf16_with_and_without_bom() {
    let sb = Sandbox::new();
    let text = "{\"mcpServers\": {}}";
    let mut le: Vec<u8> = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    sb.write("le.json", &le);
    explicit_bad(&sb, "le.json", "utf16", &[]);
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    sb.write("be.json", &be);
    explicit_bad(&sb, "be.json", "utf16", &[]);
}

#[test]
fn over_the_size_cap() {
    let sb = Sandbox::new();
    let mut big = b"{\"mcpServers\": {}}".to_vec();
    big.resize(4096, b' ');
    sb.write("big.json", &big);
    explicit_bad(&sb, "big.json", "too-large", &["--max-file-size", "1000"]);
    // The default cap (10 MiB) lets it through.
    let (code, v) = sb.json(&["big.json"]);
    assert_eq!((code, errors(&v).len()), (0, 0), "{v}");
}

#[cfg(unix)]
#[test]
fn fifo_given_explicitly_does_not_block() {
    let sb = Sandbox::new();
    let status = std::process::Command::new("mkfifo")
        .arg(sb.path("fifo.json"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    explicit_bad(&sb, "fifo.json", "not-regular-file", &[]);
}

#[cfg(unix)]
#[test]
fn fifo_in_a_walked_folder_is_a_warning() {
    let sb = Sandbox::new();
    sb.write("proj/.vscode/mcp.json", b"{\"servers\": {}}");
    fs::create_dir_all(sb.path("proj/.cursor")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(sb.path("proj/.cursor/mcp.json"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let (code, v) = sb.json(&["proj"]);
    assert_eq!(
        errors(&v),
        vec![(
            "proj/.cursor/mcp.json".to_string(),
            "not-regular-file".to_string()
        )]
    );
    assert_eq!(scanned(&v), vec!["proj/.vscode/mcp.json"]);
    assert_eq!(code, 0, "walk problems do not change the exit code");
}

#[cfg(unix)]
#[test]
fn dev_zero_given_explicitly() {
    let sb = Sandbox::new();
    sb.write("claude_desktop_config.json", GOOD);
    let (code, v) = sb.json(&["/dev/zero", "claude_desktop_config.json"]);
    assert_eq!(
        errors(&v),
        vec![("/dev/zero".to_string(), "not-regular-file".to_string())]
    );
    assert_eq!(scanned(&v).len(), 1);
    assert_eq!(code, 2);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let p = sb.write(".mcp.json", GOOD);
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&p).is_err() {
        explicit_bad(&sb, ".mcp.json", "permission-denied", &[]);
    } else if !unreadable_as_nobody(&sb) {
        // Root (or CAP_DAC_OVERRIDE) reads a mode-000 file and there is no
        // way to drop privileges here: the scan must still work.
        eprintln!("skipping the permission-denied assertion: this user can read a mode-000 file and setpriv is unavailable");
        let (code, v) = sb.json(&[".mcp.json"]);
        assert_eq!((code, scanned(&v).len()), (0, 1), "{v}");
    }
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
}

/// Running as root: drop to uid/gid 65534 with `setpriv` and scan the
/// mode-000 file with a copy of the binary. Returns false when that is not
/// possible here.
#[cfg(unix)]
fn unreadable_as_nobody(sb: &Sandbox) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let has_setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_setpriv {
        return false;
    }
    let open = fs::Permissions::from_mode(0o755);
    fs::set_permissions(sb.dir.path(), open.clone()).unwrap();
    let bin = sb.path("mcpward-copy");
    fs::copy(assert_cmd::cargo::cargo_bin("mcpward"), &bin).unwrap();
    fs::set_permissions(&bin, open).unwrap();
    sb.write("claude_desktop_config.json", GOOD);
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg("--home")
        .arg(sb.path("home"))
        .args([
            "--format",
            "json",
            ".mcp.json",
            "claude_desktop_config.json",
        ])
        .current_dir(sb.dir.path())
        .output()
        .unwrap();
    let Ok(v) = serde_json::from_slice::<Value>(&out.stdout) else {
        // setpriv itself refused (e.g. no permission to switch user).
        return false;
    };
    assert_eq!(
        errors(&v),
        vec![(".mcp.json".to_string(), "permission-denied".to_string())],
        "{v}"
    );
    assert_eq!(scanned(&v), vec!["claude_desktop_config.json"]);
    assert_eq!(out.status.code(), Some(2));
    true
}

#[test]
fn directory_is_walked_when_given_explicitly() {
    let sb = Sandbox::new();
    sb.write("proj/.cursor/mcp.json", GOOD);
    sb.write("proj/notes/settings.json", b"{\"editor.fontSize\": 12}");
    let (code, v) = sb.json(&["proj"]);
    assert_eq!(scanned(&v), vec!["proj/.cursor/mcp.json"], "{v}");
    assert_eq!((code, errors(&v).len()), (0, 0));
}

#[test]
fn directory_at_a_known_file_location_is_reported() {
    // The machine scan expects ~/.cursor/mcp.json to be a file; here it is a
    // folder. Reported, not walked, not fatal.
    let sb = Sandbox::new();
    fs::create_dir_all(sb.path("home/.cursor/mcp.json")).unwrap();
    sb.write("home/.codeium/windsurf/mcp_config.json", GOOD);
    let out = sb
        .cmd()
        .current_dir(sb.path("home"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errs = errors(&v);
    assert_eq!(errs.len(), 1, "{v}");
    assert!(errs[0].0.ends_with(".cursor/mcp.json"), "{errs:?}");
    assert_eq!(errs[0].1, "is-directory");
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let sb = Sandbox::new();
    sb.write("proj/.vscode/mcp.json", b"{\"servers\": {}}");
    fs::create_dir_all(sb.path("proj/.cursor")).unwrap();
    // A file-name loop at a config path, and a folder link back to the root.
    symlink("mcp.json", sb.path("proj/.cursor/other.json")).unwrap();
    symlink("other.json", sb.path("proj/.cursor/mcp.json")).unwrap();
    symlink("..", sb.path("proj/.cursor/up")).unwrap();
    let (code, v) = sb.json(&["proj"]);
    assert_eq!(
        errors(&v),
        vec![(
            "proj/.cursor/mcp.json".to_string(),
            "symlink-broken".to_string()
        )],
        "{v}"
    );
    assert_eq!(scanned(&v), vec!["proj/.vscode/mcp.json"]);
    assert_eq!(code, 0);
    // Given explicitly, the same loop is an unreadable path: exit 2.
    let (code, v) = sb.json(&["proj/.cursor/mcp.json"]);
    assert_eq!(errors(&v).len(), 1, "{v}");
    assert_eq!(code, 2);
}

#[test]
fn human_output_names_path_and_reason() {
    let sb = Sandbox::new();
    sb.write("bin.json", b"\x00\x00");
    sb.write(".mcp.json", GOOD);
    let out = sb.cmd().args(["bin.json", ".mcp.json"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bin.json: looks binary (NUL byte at offset 0)"),
        "{stdout}"
    );
    assert!(stdout.contains("Scanned 1 file "), "{stdout}");
    assert!(stdout.contains("1 path could not be scanned"), "{stdout}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bom_and_crlf_files_scan_with_exact_positions() {
    let sb = Sandbox::new();
    let text = "{\r\n  \"mcpServers\": {\r\n    \"m\": {\"command\": \"npx\", \"evn\": {}}\r\n  }\r\n}\r\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    sb.write(".cursor/mcp.json", &bytes);
    let (code, v) = sb.json(&[".cursor/mcp.json"]);
    let f = &v["findings"][0];
    assert_eq!(f["pointer"], "/mcpServers/m/evn", "{v}");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(29))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(3), Some(34))
    );
    assert_eq!(code, 1);
}

fn snapshot(p: &Path) -> (Vec<u8>, std::time::SystemTime, u32) {
    let m = fs::metadata(p).unwrap();
    #[cfg(unix)]
    let mode = std::os::unix::fs::PermissionsExt::mode(&m.permissions());
    #[cfg(not(unix))]
    let mode = 0;
    (fs::read(p).unwrap(), m.modified().unwrap(), mode)
}

#[test]
fn scanned_files_are_never_written() {
    let sb = Sandbox::new();
    let files = [
        sb.write(
            ".cursor/mcp.json",
            b"{\"mcpServers\": {\"a\": {\"arg\": []}},}",
        ),
        sb.write(".codex/config.toml", b"[mcp_servers.x]\ncommand = 1\n"),
        sb.write(".vscode/mcp.json", b"\xEF\xBB\xBF{\"servers\": {}}\r\n"),
    ];
    let before: Vec<_> = files.iter().map(|p| snapshot(p)).collect();
    for format in ["human", "json"] {
        let out = sb.cmd().args(["--format", format, "."]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    // Asking to write the report over a scanned file is refused.
    let out = sb
        .cmd()
        .args(["--output", ".cursor/mcp.json", ".cursor/mcp.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let after: Vec<_> = files.iter().map(|p| snapshot(p)).collect();
    assert_eq!(before, after, "content, mtime and mode unchanged");
}

/// A folder named on the command line that cannot be read is an unreadable
/// explicit path (exit 2), not a walk warning. As root, the scan runs as
/// uid 65534 through `setpriv`; skipped with a message when impossible.
#[cfg(unix)]
#[test]
fn unreadable_folder_given_explicitly_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.write("locked/.mcp.json", GOOD);
    sb.write("claude_desktop_config.json", GOOD);
    let open = fs::Permissions::from_mode(0o755);
    fs::set_permissions(sb.dir.path(), open.clone()).unwrap();
    fs::set_permissions(sb.path("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let args = ["locked", "claude_desktop_config.json"];
    let (code, v) = if fs::read_dir(sb.path("locked")).is_err() {
        sb.json(&args)
    } else {
        let bin = sb.path("mcpward-copy");
        fs::copy(assert_cmd::cargo::cargo_bin("mcpward"), &bin).unwrap();
        fs::set_permissions(&bin, open.clone()).unwrap();
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .arg("--home")
            .arg(sb.path("home"))
            .args(["--platform", "linux", "--format", "json"])
            .args(args)
            .current_dir(sb.dir.path())
            .output();
        match out.ok().and_then(|o| {
            let v = serde_json::from_slice::<Value>(&o.stdout).ok()?;
            Some((o.status.code().unwrap(), v))
        }) {
            Some(r) => r,
            None => {
                eprintln!("skipping: this user reads a mode-000 folder and setpriv is unavailable");
                fs::set_permissions(sb.path("locked"), open).unwrap();
                return;
            }
        }
    };
    fs::set_permissions(sb.path("locked"), open).unwrap();
    assert_eq!(scanned(&v), vec!["claude_desktop_config.json"], "{v}");
    assert_eq!(errors(&v).len(), 1, "{v}");
    assert_eq!(errors(&v)[0].0, "locked", "{v}");
    assert_eq!(code, 2, "{v}");
}

/// The walker reads `.gitignore`, `.ignore` and `.git/info/exclude`; opening
/// a FIFO for reading waits for a writer forever. A special file there is
/// reported and never opened, at the walked root and below it.
#[cfg(unix)]
#[test]
fn fifo_ignore_files_never_block_a_walk() {
    let mkfifo = |p: PathBuf| {
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .expect("mkfifo");
        assert!(status.success());
    };
    for (fifo, skipped) in [
        ("proj/.gitignore", None),
        ("proj/.ignore", None),
        ("proj/.git/info/exclude", None),
        ("proj/sub/.gitignore", Some("proj/sub/.cursor/mcp.json")),
        (
            "proj/sub/.git/info/exclude",
            Some("proj/sub/.cursor/mcp.json"),
        ),
    ] {
        let sb = Sandbox::new();
        sb.write("proj/.vscode/mcp.json", b"{\"servers\": {}}");
        sb.write("proj/sub/.cursor/mcp.json", GOOD);
        mkfifo(sb.path(fifo));
        let out = sb
            .cmd()
            .timeout(Duration::from_secs(10))
            .args(["--format", "json", "proj"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{fifo}: blocked or no JSON ({e})"));
        assert_eq!(out.status.code(), Some(0), "{fifo}: {v}");
        assert_eq!(
            errors(&v),
            vec![(fifo.to_string(), "not-regular-file".to_string())],
            "{fifo}: {v}"
        );
        let mut want = vec!["proj/.vscode/mcp.json", "proj/sub/.cursor/mcp.json"];
        want.retain(|p| Some(*p) != skipped);
        assert_eq!(scanned(&v), want, "{fifo}: {v}");
    }
}
