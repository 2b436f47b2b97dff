//! Hostile shapes, end to end: very deep nesting, a 50 MB file, 100 000
//! servers, a 1 MB string, very long lines, NUL escapes, duplicate keys,
//! pointer-hostile keys, CRLF / mixed line endings, a symbolic link out of
//! the walked tree, an unreadable folder, a file that disappears between
//! listing and reading. (Unreadable files, directories given as files,
//! binary / UTF-16 / invalid UTF-8, FIFOs, /dev/zero and symlink loops given
//! on the command line are in tests/bad_input.rs.)

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mcpward::discover::{Env, Target};
use mcpward::rules::Context;
use mcpward::scan::{self, ScanOptions};
use mcpward::source::{self, Source, DEFAULT_SIZE_CAP};
use serde_json::Value;

/// Run the CLI on `paths` with a fake home, returning (exit code, stdout).
fn run_cli(home: &Path, args: &[&str], paths: &[&Path]) -> (i32, String) {
    let out = Command::cargo_bin("mcpward")
        .unwrap()
        .arg("--home")
        .arg(home)
        .args(["--platform", "linux", "--color", "never"])
        .args(args)
        .args(paths)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn run_json(home: &Path, paths: &[&Path]) -> (i32, Value) {
    let (code, out) = run_cli(home, &["--format", "json"], paths);
    (code, serde_json::from_str(&out).expect("JSON report"))
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().unwrap()
}

fn check_text(path: &str, text: &str) -> scan::Checked {
    let target = Target {
        path: PathBuf::from(path),
        kind: None,
        scope: None,
        explicit: true,
    };
    scan::check_source(
        Source::from_text(path, text.to_string()),
        &target,
        None,
        &Context::default(),
    )
}

#[test]
fn nesting_100_000_levels_is_reported_not_recursed() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "{{\"mcpServers\": {{\"a\": {{\"command\": \"x\", \"args\": {}{}}}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let path = dir.path().join(".mcp.json");
    std::fs::write(&path, &deep).unwrap();
    let (code, report) = run_json(dir.path(), &[&path]);
    assert_eq!(code, 1);
    let f = &findings(&report)[0];
    assert_eq!(f["rule"], "invalid-config");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("nesting deeper than"),
        "{f}"
    );
    // The first bracket past the limit is pointed at.
    assert_eq!(f["line"], 1);
    assert!(f["column"].as_u64().unwrap() > 128);

    // TOML: inline arrays and inline tables.
    for text in [
        format!("a = {}", "[".repeat(100_000)),
        format!("a = {}", "{ b = ".repeat(100_000)),
    ] {
        let c = check_text(".codex/config.toml", &text);
        assert!(c.file.root().is_none());
        assert!(c.findings.iter().any(|f| f.rule == "invalid-config"));
    }
}

#[test]
fn file_of_50_mb_is_refused_by_the_size_cap_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".mcp.json");
    // A sparse file: the cap is checked before a byte is read.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    drop(f);
    let (code, report) = run_json(dir.path(), &[&path]);
    assert_eq!(code, 2, "an explicit path that cannot be scanned exits 2");
    let err = &report["errors"][0];
    assert_eq!(err["kind"], "too-large");
    let msg = err["message"].as_str().unwrap();
    assert!(
        msg.contains("52428800 bytes") && msg.contains(&DEFAULT_SIZE_CAP.to_string()),
        "{msg}"
    );
    // And the human report says the same on its own line.
    let (_, human) = run_cli(dir.path(), &[], &[&path]);
    assert!(human.contains("size cap"), "{human}");
    // Raising the cap is possible, and the library refuses past it too.
    assert!(matches!(
        source::load(&path, 1024),
        Err(source::LoadError::TooLarge { .. })
    ));
}

#[test]
fn one_hundred_thousand_servers_are_all_modelled() {
    let mut text = String::from("{\"mcpServers\":{");
    for i in 0..100_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "\"s{i}\":{{\"command\":\"x\",\"args\":[\"{i}\"]}}"
        ));
    }
    text.push_str("}}");
    assert!(text.len() < DEFAULT_SIZE_CAP as usize);
    let c = check_text(".mcp.json", &text);
    assert_eq!(c.file.servers.len(), 100_000);
    assert_eq!(c.file.servers[99_999].name, "s99999");
    assert_eq!(c.file.servers[99_999].pointer, "/mcpServers/s99999");
    assert_eq!(c.file.servers[99_999].args[0].value, "99999");
    assert!(c.findings.is_empty(), "{:?}", &c.findings[..1]);
}

#[test]
fn a_one_megabyte_string_and_a_very_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let big = "é".repeat(512 * 1024); // 1 MiB of UTF-8, 512 Ki UTF-16 units
                                      // Everything on one line, with a type error after the long string.
    let text = format!(
        "{{\"mcpServers\": {{\"a\": {{\"command\": \"x\", \"args\": [\"{big}\"], \"env\": 7}}}}}}"
    );
    let path = dir.path().join(".mcp.json");
    std::fs::write(&path, &text).unwrap();
    let (code, report) = run_json(dir.path(), &[&path]);
    assert_eq!(code, 1);
    let f = &findings(&report)[0];
    assert_eq!(f["pointer"], "/mcpServers/a/env");
    let col = text.find("7}").unwrap() - big.len() + big.chars().count() + 1;
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"].as_u64().unwrap() as usize, col);
    // The human report renders too.
    let (code, human) = run_cli(dir.path(), &[], &[&path]);
    assert_eq!(code, 1);
    assert!(
        human.contains("`env` must be an object") && human.contains(&format!(".mcp.json:1:{col}")),
        "{}",
        &human[..200]
    );
}

#[test]
fn nul_escapes_in_values_are_kept_and_escaped_in_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".mcp.json");
    std::fs::write(
        &path,
        r#"{"mcpServers": {"a\u0000b": {"command": "x\u0000", "env": 1}}}"#,
    )
    .unwrap();
    let (code, out) = run_cli(dir.path(), &["--format", "json"], &[&path]);
    assert_eq!(code, 1);
    assert!(!out.contains('\0'), "raw NUL in the JSON report");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(findings(&report)[0]["server"], "a\u{0}b");
    let (_, human) = run_cli(dir.path(), &[], &[&path]);
    assert!(!human.contains('\0'), "raw NUL in the human report");
}

#[test]
fn duplicate_keys_are_reported_and_the_last_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".mcp.json");
    std::fs::write(
        &path,
        "{\n  \"mcpServers\": {\n    \"gh\": {\"command\": \"safe\"},\n    \"gh\": {\"command\": \"evil\"}\n  }\n}\n",
    )
    .unwrap();
    let (_, report) = run_json(dir.path(), &[&path]);
    let dup = findings(&report)
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("more than once"))
        .expect("duplicate key finding");
    assert_eq!(dup["pointer"], "/mcpServers/gh");
    assert_eq!(
        (dup["line"].as_u64(), dup["column"].as_u64()),
        (Some(4), Some(5))
    );
    let c = check_text(".mcp.json", &std::fs::read_to_string(&path).unwrap());
    let node = c
        .file
        .root()
        .unwrap()
        .get_path(&["mcpServers", "gh"])
        .unwrap();
    assert_eq!(node.get("command").unwrap().as_str(), Some("evil"));
}

#[test]
fn keys_with_slash_and_tilde_are_escaped_in_pointers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".mcp.json");
    std::fs::write(
        &path,
        r#"{"mcpServers": {"a/b~c": {"command": "x", "env": {"~/x": 1}}}}"#,
    )
    .unwrap();
    let (_, report) = run_json(dir.path(), &[&path]);
    let f = &findings(&report)[0];
    assert_eq!(f["pointer"], "/mcpServers/a~1b~0c/env/~0~1x");
    assert_eq!(f["server"], "a/b~c");
}

#[test]
fn crlf_and_mixed_line_endings_keep_lines_and_columns_right() {
    let dir = tempfile::tempdir().unwrap();
    // LF, CRLF and a lone CR, then a type error on line 5 column 12.
    let text = "{\n\"mcpServers\": {\r\n\"a\": {\r\"command\": \"x\",\r\n  \"args\": \"y\"}}}\r\n";
    let path = dir.path().join(".mcp.json");
    std::fs::write(&path, text).unwrap();
    let (_, report) = run_json(dir.path(), &[&path]);
    let f = &findings(&report)[0];
    assert_eq!(f["pointer"], "/mcpServers/a/args");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(5), Some(11))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(5), Some(14))
    );
    // A syntax error at the very end of a CRLF line stays on that line.
    let c = check_text(".mcp.json", "{\r\n\"a\": 1\r\n\"b\": 2}\r\n");
    let f = &c.findings[0];
    let (line, col) = c.file.source.line_col(f.span.start);
    assert_eq!((line, col), (2, 7));
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_walked_tree_is_reported_with_its_target_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret_cfg = outside.path().join("mcp.json");
    std::fs::write(
        &secret_cfg,
        r#"{"mcpServers": {"outside-server": {"command": 1}}}"#,
    )
    .unwrap();
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir(tree.path().join(".cursor")).unwrap();
    std::os::unix::fs::symlink(&secret_cfg, tree.path().join(".cursor/mcp.json")).unwrap();
    std::fs::write(
        tree.path().join(".mcp.json"),
        r#"{"mcpServers": {"inside": {"command": "x"}}}"#,
    )
    .unwrap();
    let (code, report) = run_json(tree.path(), &[tree.path()]);
    assert_eq!(code, 0, "walk errors are warnings: {report}");
    assert_eq!(report["summary"]["files"], 1);
    let err = &report["errors"][0];
    assert_eq!(err["kind"], "symlink-outside");
    assert!(err["path"].as_str().unwrap().ends_with(".cursor/mcp.json"));
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains(&secret_cfg.display().to_string()),
        "{err}"
    );
    assert!(!report.to_string().contains("outside-server"));
}

#[cfg(unix)]
#[test]
fn symlinked_config_folder_out_of_the_tree_is_reported() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("mcp.json"),
        r#"{"mcpServers": {"outside-server": {"command": 1}}}"#,
    )
    .unwrap();
    let tree = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), tree.path().join(".cursor")).unwrap();
    // A linked folder inside the tree, and one no client reads from: silent.
    std::fs::create_dir(tree.path().join("real")).unwrap();
    std::os::unix::fs::symlink(tree.path().join("real"), tree.path().join(".vscode")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tree.path().join("docs")).unwrap();
    let (code, report) = run_json(tree.path(), &[tree.path()]);
    assert_eq!(code, 0, "{report}");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(errors[0]["kind"], "symlink-outside");
    assert!(errors[0]["path"].as_str().unwrap().ends_with(".cursor"));
    let msg = errors[0]["message"].as_str().unwrap();
    assert!(msg.contains(&outside.path().display().to_string()), "{msg}");
    assert!(!report.to_string().contains("outside-server"));
}

#[cfg(unix)]
#[test]
fn unreadable_folder_inside_a_walked_tree() {
    use std::os::unix::fs::PermissionsExt;
    let tree = tempfile::tempdir().unwrap();
    let locked = tree.path().join("locked");
    std::fs::create_dir_all(locked.join(".cursor")).unwrap();
    std::fs::write(locked.join(".cursor/mcp.json"), "{}").unwrap();
    std::fs::write(
        tree.path().join(".mcp.json"),
        r#"{"mcpServers": {"a": {"command": "x"}}}"#,
    )
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root (as in CI here) reads it anyway; then the walk must simply work.
    let privileged = std::fs::read_dir(&locked).is_ok();
    let (code, report) = run_json(tree.path(), &[tree.path()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 0, "{report}");
    if privileged {
        assert_eq!(report["summary"]["files"], 2, "{report}");
    } else {
        assert_eq!(report["summary"]["files"], 1, "{report}");
        let err = &report["errors"][0];
        assert_eq!(err["kind"], "walk");
        assert!(err["path"].as_str().unwrap().ends_with("locked"), "{err}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains("ermission denied"),
            "{err}"
        );
    }
}

#[test]
fn a_file_that_disappears_between_listing_and_reading() {
    let tree = tempfile::tempdir().unwrap();
    for p in [".mcp.json", ".cursor/mcp.json", ".vscode/mcp.json"] {
        let path = tree.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, r#"{"mcpServers": {}, "servers": {}}"#).unwrap();
    }
    let opts = ScanOptions {
        paths: vec![tree.path().to_path_buf()],
        client: None,
        size_cap: DEFAULT_SIZE_CAP,
        env: Env {
            os: mcpward::clients::Os::Linux,
            home: Some(tree.path().join("home")),
            config_dir: None,
            cwd: tree.path().to_path_buf(),
            env_vars: Default::default(),
        },
        filter: Default::default(),
    };
    let mut errors = Vec::new();
    let targets = scan::targets(&opts, &mut errors);
    assert_eq!(targets.len(), 3);
    // Listed, then gone before it is read.
    let gone = tree.path().join(".cursor/mcp.json");
    std::fs::remove_file(&gone).unwrap();
    let cx = Context::default();
    let mut ok = 0;
    let mut failed = Vec::new();
    for t in &targets {
        match scan::check_target(t, &opts, &cx) {
            Ok(_) => ok += 1,
            Err(e) => failed.push(e),
        }
    }
    assert_eq!(ok, 2, "the scan goes on past the missing file");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].path, gone);
    assert_eq!(failed[0].kind, "not-found");
    assert!(
        failed[0].message.contains("No such file"),
        "{}",
        failed[0].message
    );
    assert!(!failed[0].explicit);
}
