//! `invalid-config` over the fixtures in `tests/fixtures/invalid-config/`:
//! one folder per situation, each holding files at the paths their client
//! uses. Snapshots list every finding with its exact region and pointer;
//! targeted tests pin the facts the issue names (exact syntax-error
//! position, siblings of a broken server, BOM and CRLF positions, one-string
//! commands).

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use mcpward::clients::Os;
use mcpward::discover::Env;
use mcpward::model::Transport;
use mcpward::paths::display_path;
use mcpward::report::region;
use mcpward::rules::Context;
use mcpward::scan::{self, ScanOptions, ScanResult};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid-config")
}

fn scan_paths(paths: Vec<PathBuf>, cwd: &Path) -> ScanResult {
    let opts = ScanOptions {
        paths,
        client: None,
        size_cap: mcpward::source::DEFAULT_SIZE_CAP,
        env: Env {
            os: Os::Linux,
            home: None,
            config_dir: None,
            cwd: cwd.to_path_buf(),
            env_vars: Default::default(),
        },
        filter: Default::default(),
    };
    scan::run(&opts, &Context::default())
}

/// Every finding of every file, sorted by path, one line each (plus help).
fn listing(result: &ScanResult, cwd: &Path) -> String {
    let mut files: Vec<_> = result.files.iter().collect();
    files.sort_by_key(|c| c.file.source.path.clone());
    let mut out = String::new();
    for c in files {
        let path = display_path(&c.file.source.path, cwd);
        out.push_str(&format!(
            "{path} ({}, {} server(s))\n",
            c.file.client_id(),
            c.file.servers.len()
        ));
        for f in &c.findings {
            let ((l, col), (el, ec)) = region(c, f);
            out.push_str(&format!(
                "  {l}:{col}-{el}:{ec} {} {} [{}] {}\n",
                f.severity.name(),
                f.rule,
                f.pointer,
                f.message
            ));
            if let Some(h) = &f.help {
                out.push_str(&format!("      help: {h}\n"));
            }
        }
    }
    for e in &result.errors {
        out.push_str(&format!(
            "error {}: {}\n",
            display_path(&e.path, cwd),
            e.message
        ));
    }
    out
}

fn case(name: &str) -> (ScanResult, String) {
    let dir = fixtures().join(name);
    let result = scan_paths(vec![dir.clone()], &dir);
    let text = listing(&result, &dir);
    (result, text)
}

macro_rules! snapshot_case {
    ($test:ident, $dir:literal) => {
        #[test]
        fn $test() {
            let (_, text) = case($dir);
            insta::assert_snapshot!(text);
        }
    };
}

snapshot_case!(syntax_error, "syntax-error");
snapshot_case!(not_object, "not-object");
snapshot_case!(servers_wrong_type, "servers-wrong-type");
snapshot_case!(wrong_types, "wrong-types");
snapshot_case!(misspelled_top, "misspelled-top");
snapshot_case!(misspelled_keys, "misspelled-keys");
snapshot_case!(url_without_type, "url-without-type");
snapshot_case!(duplicate_keys, "duplicate-keys");
snapshot_case!(strict_dialect, "strict-dialect");
snapshot_case!(gemini_dialect, "gemini-dialect");
snapshot_case!(siblings, "siblings");
snapshot_case!(type_values, "type-values");
snapshot_case!(codex, "codex");

#[test]
fn clean_and_jsonc_files_have_no_findings() {
    for name in ["clean", "jsonc-dialect"] {
        let (result, text) = case(name);
        assert!(result.files.len() >= 2, "{name}: {text}");
        assert_eq!(result.findings().count(), 0, "{name}:\n{text}");
        assert!(result.errors.is_empty(), "{name}:\n{text}");
        for c in &result.files {
            assert!(!c.file.servers.is_empty(), "{name}: servers extracted");
        }
    }
}

#[test]
fn syntax_error_at_exact_line_and_column() {
    let (result, _) = case("syntax-error");
    let (c, f) = result.findings().next().expect("one finding");
    // Line 6 is `    }` closing "github"; the comma is missing right after it.
    assert_eq!(region(c, f).0, (6, 6));
    assert!(f.message.contains("Expected comma"), "{}", f.message);
}

#[test]
fn one_broken_server_never_hides_its_siblings() {
    let (result, _) = case("siblings");
    let c = &result.files[0];
    let names: Vec<_> = c.file.servers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["first", "broken", "last"]);
    assert_eq!(c.file.servers[0].transport, Transport::Stdio);
    assert_eq!(c.file.servers[2].transport, Transport::Remote);
    assert!(c
        .findings
        .iter()
        .all(|f| f.server.as_deref() == Some("broken")));
    let (result, _) = case("wrong-types");
    // Seven objects among eight entries; the string entry is reported.
    assert_eq!(result.files[0].file.servers.len(), 7);
}

/// Write `text` (after the byte transform) to a client path in a tempdir and
/// scan it; returns (line, column, pointer) of every finding.
fn scan_bytes(rel: &str, bytes: Vec<u8>) -> Vec<(usize, usize, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let result = scan_paths(vec![path], dir.path());
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    result
        .findings()
        .map(|(c, f)| {
            let (l, col) = region(c, f).0;
            (l, col, f.pointer.clone(), f.message.clone())
        })
        .collect()
}

const TWO_MISTAKES: &str = "{\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\", \"arg\": [] },\n    \"b\": { \"command\": 1 }\n  }\n}\n";

#[test]
fn crlf_bom_and_mixed_endings_keep_lines_and_columns() {
    let want = |v: &[(usize, usize, String, String)]| {
        let pos: Vec<_> = v.iter().map(|(l, c, p, _)| (*l, *c, p.clone())).collect();
        assert_eq!(
            pos,
            vec![
                (3, 30, "/mcpServers/a/arg".to_string()),
                (4, 23, "/mcpServers/b/command".to_string()),
            ]
        );
    };
    let lf = TWO_MISTAKES.as_bytes().to_vec();
    want(&scan_bytes(".cursor/mcp.json", lf.clone()));
    let crlf = TWO_MISTAKES.replace('\n', "\r\n").into_bytes();
    want(&scan_bytes(".cursor/mcp.json", crlf.clone()));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&crlf);
    want(&scan_bytes(".cursor/mcp.json", bom));
    // Mixed: CRLF, LF and a lone CR (old Mac) line break.
    let endings = ["\r\n", "\n", "\r", "\r\n", "\n", "\n"];
    let mixed: String = TWO_MISTAKES
        .lines()
        .zip(endings)
        .map(|(l, e)| format!("{l}{e}"))
        .collect();
    want(&scan_bytes(".cursor/mcp.json", mixed.into_bytes()));
}

#[test]
fn bom_is_an_error_only_where_the_client_parses_strict_json() {
    let body = "{\"mcpServers\": {\"m\": {\"command\": \"npx\"}}}\r\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(body.as_bytes());
    let strict = scan_bytes("claude_desktop_config.json", bytes);
    assert_eq!(strict.len(), 1, "{strict:?}");
    assert_eq!((strict[0].0, strict[0].1), (1, 1));
    assert!(strict[0].3.contains("byte order mark"));
    let mut vscode = vec![0xEF, 0xBB, 0xBF];
    vscode.extend_from_slice(b"{\"servers\": {\"m\": {\"command\": \"npx\"}}}\r\n");
    assert!(scan_bytes(".vscode/mcp.json", vscode).is_empty());
    // The BOM is not counted as a column on line 1.
    let mut bad = vec![0xEF, 0xBB, 0xBF];
    bad.extend_from_slice(b"{\"mcpServers\": {\"m\": {\"command\": 1}}}");
    let found = scan_bytes(".cursor/mcp.json", bad);
    assert_eq!((found[0].0, found[0].1), (1, 34));
}

#[test]
fn syntax_error_position_with_crlf() {
    let text = "{\r\n  \"mcpServers\": {\r\n    \"a\": {}\r\n    \"b\": {}\r\n  }\r\n}\r\n";
    let found = scan_bytes(".cursor/mcp.json", text.as_bytes().to_vec());
    assert_eq!((found[0].0, found[0].1), (3, 12), "{found:?}");
}

#[test]
fn one_string_command_is_split_with_exact_spans() {
    let text = "{\"mcpServers\": {\"m\": {\"command\": \"npx -y  @scope/pkg@1.2.3\", \"args\": [\"--x\"]}}}";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".cursor/mcp.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let result = scan_paths(vec![path], dir.path());
    let s = &result.files[0].file.servers[0];
    assert!(s.command_was_split);
    let cmd = s.command.as_ref().unwrap();
    assert_eq!(
        (cmd.value.as_str(), &text[cmd.span.clone()]),
        ("npx", "npx")
    );
    let words: Vec<_> = s
        .args
        .iter()
        .map(|a| (a.value.as_str(), &text[a.span.clone()], a.pointer.as_str()))
        .collect();
    assert_eq!(
        words,
        vec![
            ("-y", "-y", "/mcpServers/m/command"),
            (
                "@scope/pkg@1.2.3",
                "@scope/pkg@1.2.3",
                "/mcpServers/m/command"
            ),
            ("--x", "\"--x\"", "/mcpServers/m/args/0"),
        ]
    );
    // Splitting is modelling, not a finding.
    assert_eq!(result.findings().count(), 0);
}
