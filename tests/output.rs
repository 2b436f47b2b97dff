//! Output formats end to end: snapshots of every format over
//! `tests/fixtures/output/`, exit codes per format, SARIF schema validation,
//! fingerprint stability, the JSON docs matching the output, and no marked
//! secret in any output.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use mcpward::finding::{Finding, Severity};
use mcpward::report::{self, RenderOptions, Style};
use mcpward::scan::ScanResult;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "concise"];

/// The fixture files, relative to `project/` (the working directory of the
/// runs): three with findings, a path with a space, a clean file, and a file
/// outside the working directory.
const FILES: [&str; 5] = [
    ".cursor/mcp.json",
    ".mcp.json",
    "my configs/claude_desktop_config.json",
    "clean/.vscode/mcp.json",
    "../elsewhere/.cursor/mcp.json",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/output")
}

fn project() -> PathBuf {
    fixtures().join("project")
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

/// Run mcpward in `dir` with a clean environment and an empty fake home.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mcpward"));
    cmd.current_dir(dir)
        .arg("--home")
        .arg(home.path())
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_GRAPHICS")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("TERM", "xterm-256color");
    let out = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(&project(), args)
}

fn with_files<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(FILES);
    v
}

/// SARIF with `tool.driver.rules` cut down to the rule ids: the descriptors
/// come from each rule's docs, which change with the rules (and are checked
/// by `sarif_has_what_code_scanning_needs` and the schema validation).
fn rules_as_ids(sarif: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(sarif).unwrap();
    let rules = &mut v["runs"][0]["tool"]["driver"]["rules"];
    let ids: Vec<serde_json::Value> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    *rules = serde_json::Value::Array(ids);
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

/// Make output independent of where the checkout lives and of the version.
fn normalise(s: &str) -> String {
    let mut s = s.to_string();
    let dir = fixtures();
    let mut forms = vec![dir.to_string_lossy().into_owned()];
    if let Ok(canon) = std::fs::canonicalize(&dir) {
        forms.push(canon.to_string_lossy().into_owned());
    }
    for f in forms.clone() {
        forms.push(mcpward::report::sarif::percent_encode(
            &f.replace('\\', "/"),
            true,
        ));
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for f in forms {
        s = s.replace(&f, "[fixtures]");
    }
    let s = redact_outside_fingerprints(&s);
    s.replace(
        &format!("\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\": \"[version]\"",
    )
}

/// The fingerprint of a file outside the working directory hashes its
/// absolute path, which depends on where the checkout lives: redact those
/// (JSON `fingerprint`, SARIF `partialFingerprints`) and keep the others.
fn redact_outside_fingerprints(s: &str) -> String {
    fn mentions_outside(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(t) => t.contains("[fixtures]"),
            serde_json::Value::Array(a) => a.iter().any(mentions_outside),
            serde_json::Value::Object(o) => o.values().any(mentions_outside),
            _ => false,
        }
    }
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                let outside = o.get("path").is_some_and(mentions_outside)
                    || o.get("locations").is_some_and(mentions_outside);
                if outside {
                    if let Some(f) = o.get_mut("fingerprint") {
                        *f = "[absolute-path hash]".into();
                    }
                    if let Some(serde_json::Value::Object(fp)) = o.get_mut("partialFingerprints") {
                        for val in fp.values_mut() {
                            *val = "[absolute-path hash]".into();
                        }
                    }
                }
                o.values_mut().for_each(walk);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(mut v) => {
            walk(&mut v);
            serde_json::to_string_pretty(&v).unwrap() + "\n"
        }
        Err(_) => s.to_string(),
    }
}

#[test]
fn snapshot_every_format() {
    for format in FORMATS {
        let r = run(&with_files(&["--format", format]));
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert_eq!(r.stderr, "", "{format}");
        let out = if format == "sarif" {
            rules_as_ids(&r.stdout)
        } else {
            r.stdout
        };
        insta::assert_snapshot!(format!("fixtures_{format}"), normalise(&out));
    }
}

#[test]
fn snapshot_errors_and_empty() {
    let r = run(&["--format", "human", "missing.json", ".mcp.json"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("human_missing_path", normalise(&r.stdout));
    let r = run(&["--format", "github", "missing.json", ".mcp.json"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("github_missing_path", normalise(&r.stdout));
    let r = run(&["--format", "concise", "missing.json", ".mcp.json"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("concise_missing_path", normalise(&r.stdout));
    let r = run(&["--format", "human", "clean"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("human_clean", normalise(&r.stdout));
    let empty = tempfile::tempdir().unwrap();
    // A named folder with nothing in it exits 2 (stderr says what was
    // looked for); --allow-empty accepts it. The report is the same.
    let r = run_in(empty.path(), &["--format", "human", "."]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("human_no_config", r.stdout);
    let r = run_in(empty.path(), &["--allow-empty", "--format", "human", "."]);
    assert_eq!(r.code, 0);
    let r = run(&with_files(&["--format", "human", "--quiet"]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("human_quiet", normalise(&r.stdout));
}

#[test]
fn exit_codes_are_the_same_in_every_format() {
    let high = "my configs/claude_desktop_config.json";
    let medium = ".mcp.json";
    for format in FORMATS {
        let f = ["--format", format];
        let case = |extra: &[&str]| {
            let mut a = f.to_vec();
            a.extend(extra);
            run(&a).code
        };
        assert_eq!(case(&[medium]), 1, "{format}: findings");
        assert_eq!(case(&["clean/.vscode/mcp.json"]), 0, "{format}: clean");
        assert_eq!(case(&["clean"]), 0, "{format}: clean folder");
        assert_eq!(
            case(&["--fail-on", "high", medium]),
            0,
            "{format}: below --fail-on"
        );
        assert_eq!(
            case(&["--fail-on", "high", high]),
            1,
            "{format}: at --fail-on"
        );
        assert_eq!(
            case(&["--fail-on", "critical", high]),
            0,
            "{format}: critical only"
        );
        assert_eq!(case(&["--exit-zero", high]), 0, "{format}: --exit-zero");
        assert_eq!(case(&["missing.json"]), 2, "{format}: missing path");
        assert_eq!(
            case(&["missing.json", "clean"]),
            2,
            "{format}: missing + clean"
        );
        assert_eq!(
            case(&["--exit-zero", "missing.json", high]),
            2,
            "{format}: missing + findings"
        );
        assert_eq!(
            case(&["--fail-on", "severe", medium]),
            2,
            "{format}: bad --fail-on"
        );
        assert_eq!(
            case(&["--client", "nope", medium]),
            2,
            "{format}: bad --client"
        );
    }
    assert_eq!(run(&["--format", "xml", ".mcp.json"]).code, 2);
    assert_eq!(run(&["--no-such-flag"]).code, 2);
}

#[test]
fn output_file_gets_the_report_and_never_overwrites_a_scanned_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join(".mcp.json");
    let body = std::fs::read_to_string(project().join(".mcp.json")).unwrap();
    std::fs::write(&cfg, &body).unwrap();
    for format in FORMATS {
        let out = dir.path().join(format!("report.{format}"));
        let r = run_in(
            dir.path(),
            &[
                "--format",
                format,
                "--output",
                out.to_str().unwrap(),
                ".mcp.json",
            ],
        );
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{format}: nothing on stdout");
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains("invalid-config"), "{format}: {written}");

        // Over the scanned file: refused, exit 2, file untouched.
        let r = run_in(
            dir.path(),
            &["--format", format, "--output", ".mcp.json", ".mcp.json"],
        );
        assert_eq!(r.code, 2, "{format}");
        assert!(
            r.stderr.contains("refusing to write the report over"),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(&cfg).unwrap(), body);

        // Also when named differently, and when the scanned path could not
        // be parsed as a config at all.
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let r = run_in(
            dir.path(),
            &["--format", format, "-o", "./sub/../.mcp.json", "."],
        );
        assert_eq!(r.code, 2, "{format}");
        assert!(
            r.stderr.contains("refusing to write the report over"),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(&cfg).unwrap(), body);
    }
    let junk = dir.path().join("binary.json");
    std::fs::write(&junk, b"\0\0\0").unwrap();
    let r = run_in(dir.path(), &["-o", "binary.json", "binary.json"]);
    assert_eq!(r.code, 2);
    assert_eq!(std::fs::read(&junk).unwrap(), b"\0\0\0");
}

#[cfg(unix)]
#[test]
fn closed_stdout_pipe_is_not_an_error() {
    // Enough output to overflow the 64 KiB pipe buffer in every format
    // (concise, the smallest, writes ~280 bytes per finding thanks to the
    // long folder name), so the write is guaranteed to hit the closed pipe.
    // Duplicate keys are cheap findings to produce.
    let dir = tempfile::tempdir().unwrap();
    let sub = format!("{}/.cursor", "d".repeat(100));
    std::fs::create_dir_all(dir.path().join(&sub)).unwrap();
    let keys = vec!["\"SOME_SETTING_WITH_A_LONG_NAME\": \"v\""; 400];
    let text = format!(
        "{{\"mcpServers\": {{\"s\": {{\"command\": \"x\", \"env\": {{\n{}}}}}}}}}\n",
        keys.join(",\n")
    );
    std::fs::write(dir.path().join(&sub).join("mcp.json"), text).unwrap();
    let home = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let script = format!(
            "\"$0\" --home \"$1\" --format {format} {sub}/mcp.json | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}"
        );
        let out = Command::new("bash")
            .current_dir(dir.path())
            .arg("-c")
            .arg(&script)
            .arg(env!("CARGO_BIN_EXE_mcpward"))
            .arg(home.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn colour_and_drawing_follow_our_stream_and_the_environment() {
    let args = ["--format", "human", ".mcp.json"];
    // Piped: plain ASCII, no escapes.
    let plain = run(&args).stdout;
    assert!(!plain.contains('\x1b'));
    assert!(plain.is_ascii(), "no box drawing off a terminal");
    // Forced colour: escapes, but no hyperlinks off a terminal.
    let mut a = args.to_vec();
    a.extend(["--color", "always"]);
    let coloured = run(&a).stdout;
    assert!(coloured.contains("\x1b["));
    assert!(!coloured.contains("\x1b]8;"));
    // --no-color beats FORCE_COLOR's absence and --color always.
    a.push("--no-color");
    assert!(!run(&a).stdout.contains('\x1b'));
    // NO_GRAPHICS: narrated for screen readers.
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mcpward"))
        .current_dir(project())
        .args(["--home", home.path().to_str().unwrap()])
        .args(args)
        .env("NO_GRAPHICS", "1")
        .env_remove("FORCE_COLOR")
        .output()
        .unwrap();
    let narrated = String::from_utf8(out.stdout).unwrap();
    assert!(narrated.contains("snippet line 4"), "{narrated}");
    assert!(
        narrated.contains("diagnostic code: invalid-config"),
        "{narrated}"
    );
}

#[test]
fn unicode_theme_on_a_terminal() {
    let r = mcpward_result(&[".mcp.json"]);
    let mut opts = RenderOptions::plain(project());
    opts.style = Style::Unicode;
    let out = report::human::render(&r, &opts);
    assert!(out.contains('╭') && !out.contains('\x1b'), "{out}");
    opts.color = true;
    opts.links = true;
    let out = report::human::render(&r, &opts);
    assert!(
        out.contains("\x1b[") && out.contains("\x1b]8;;https://"),
        "{out}"
    );
}

/// Load and check fixtures through the library, as the CLI does.
fn mcpward_result(files: &[&str]) -> ScanResult {
    let files = files
        .iter()
        .map(|f| {
            let path = project().join(f);
            let source = mcpward::source::load(&path, mcpward::source::DEFAULT_SIZE_CAP).unwrap();
            let target = mcpward::discover::Target {
                path,
                kind: None,
                scope: None,
                explicit: true,
            };
            mcpward::scan::check_source(source, &target, None, &mcpward::rules::Context::default())
        })
        .collect();
    ScanResult {
        files,
        ..Default::default()
    }
}

mod sarif_validate;

/// A SARIF log for every situation a run can be in, each validated against
/// the committed official schema and GitHub's ingestion rules: the fixtures
/// (per-severity rule variants, related locations, a space in a path, a
/// file outside the folder), `examples/`, an exit-2 run with notifications,
/// a clean run with no results, a folder with no config at all, and a scan
/// whose findings mark secrets.
#[test]
fn sarif_validates_against_the_official_schema() {
    let fixtures = run(&with_files(&["-f", "sarif"]));
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let errors = run(&["-f", "sarif", "missing.json", ".mcp.json"]);
    assert_eq!(errors.code, 2);
    let empty = tempfile::tempdir().unwrap();
    let (secret_result, _) = secret_scan();
    let logs = [
        ("fixtures", fixtures.stdout.clone()),
        (
            "examples",
            run(&["-f", "sarif", examples.to_str().unwrap()]).stdout,
        ),
        ("exit 2", errors.stdout),
        ("clean", run(&["-f", "sarif", "clean"]).stdout),
        (
            "nothing found",
            run(&["-f", "sarif", empty.path().to_str().unwrap()]).stdout,
        ),
        (
            "secrets",
            report::sarif::render(&secret_result, &RenderOptions::plain(project())),
        ),
    ];
    for (what, log) in &logs {
        sarif_validate::assert_valid(what, log);
    }
    let v: serde_json::Value = serde_json::from_str(&logs[5].1).unwrap();
    let related = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r.get("relatedLocations"))
        .expect("the label is a related location");
    let related = &related[0];
    assert_eq!(related["message"]["text"], "server of [secret, 40 chars]");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 3);
    let v: serde_json::Value = serde_json::from_str(&fixtures.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"].as_str().unwrap().contains('/')),
        "the fixtures exercise a per-severity rule variant"
    );
    let v: serde_json::Value = serde_json::from_str(&logs[4].1).unwrap();
    assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
}

/// GitHub reads `security-severity` from the rule descriptor only, so each
/// result's descriptor carries the result's own severity: a finding rated
/// differently from its rule's default gets a `<rule>/<severity>` variant.
#[test]
fn sarif_security_severity_is_the_findings_own() {
    let r = run(&with_files(&["-f", "sarif"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let mut variants = 0;
    for res in run0["results"].as_array().unwrap() {
        let sev = res["properties"]["severity"].as_str().unwrap();
        let rule = &rules[res["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], res["ruleId"]);
        let want = Severity::ALL
            .iter()
            .find(|s| s.name() == sev)
            .unwrap()
            .security_severity();
        assert_eq!(rule["properties"]["security-severity"], want, "{res}");
        assert_eq!(rule["defaultConfiguration"]["level"], res["level"]);
        let id = res["ruleId"].as_str().unwrap();
        let base = id.split('/').next().unwrap();
        let default = mcpward::rules::by_id(base).unwrap().meta().default_severity;
        if default.name() == sev {
            assert_eq!(id, base);
        } else {
            variants += 1;
            assert_eq!(id, format!("{base}/{sev}"));
            assert_eq!(
                rule["helpUri"],
                rules[mcpward::rules::RULES
                    .iter()
                    .position(|r| r.meta().id == base)
                    .unwrap()]["helpUri"]
            );
        }
    }
    assert!(variants > 0);
}

#[test]
fn sarif_has_what_code_scanning_needs() {
    let r = run(&with_files(&["-f", "sarif", "missing.json"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    // Every rule's own descriptor first, in RULES order; variants follow.
    for (r, d) in mcpward::rules::RULES.iter().zip(rules) {
        assert_eq!(d["id"], r.meta().id);
    }
    for rule in rules {
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why it matters"));
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert!(tags.contains(&"security".into()));
        let sev: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(sev > 0.0 && sev <= 10.0);
    }
    let results = run0["results"].as_array().unwrap();
    let mut uris = std::collections::BTreeSet::new();
    let mut prints = std::collections::BTreeSet::new();
    for res in results {
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        if uri.starts_with("file://") {
            assert!(loc["artifactLocation"].get("uriBaseId").is_none());
        } else {
            assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        }
        uris.insert(uri.to_string());
        assert!(prints.insert(
            res["partialFingerprints"]["mcpward/v1"]
                .as_str()
                .unwrap()
                .to_string()
        ));
    }
    assert!(
        uris.contains("my%20configs/claude_desktop_config.json"),
        "{uris:?}"
    );
    assert!(
        uris.iter()
            .any(|u| u.starts_with("file:///") && u.ends_with("/elsewhere/.cursor/mcp.json")),
        "{uris:?}"
    );
    // The emoji before `arg` counts as two UTF-16 code units.
    let arg = results
        .iter()
        .find(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                == "/mcpServers/github 🚀/arg"
        })
        .unwrap();
    assert_eq!(
        arg["locations"][0]["physicalLocation"]["region"]["startColumn"],
        38
    );
}

#[test]
fn fingerprints_survive_line_shifts_and_reformatting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".cursor")).unwrap();
    let path = dir.path().join(".cursor/mcp.json");
    let original = std::fs::read_to_string(project().join(".cursor/mcp.json")).unwrap();
    let prints = |text: &str| {
        std::fs::write(&path, text).unwrap();
        let r = run_in(dir.path(), &["-f", "json", ".cursor/mcp.json"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["fingerprint"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = prints(&original);
    let shifted = prints(&format!(
        "\n\n\n{}",
        original.replace("{ \"command\"", "{\n  \"command\"")
    ));
    assert_eq!(before.len(), 3);
    assert_eq!(
        before.iter().map(|p| &p.0).collect::<Vec<_>>(),
        shifted.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(
        before.iter().zip(&shifted).all(|(a, b)| a.1 < b.1),
        "lines moved"
    );
    // The public function gives the same value.
    assert_eq!(
        before[1].0,
        mcpward::fingerprint::fingerprint(
            "invalid-config",
            ".cursor/mcp.json",
            "/mcpServers/files/evn",
            None
        )
    );
}

#[test]
fn json_docs_list_exactly_the_fields_of_the_output() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-output.md"))
            .unwrap();
    let r = run(&with_files(&["-f", "json", "missing.json"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let mut documented: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut section = None;
    for line in docs.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = Some(h.trim().trim_matches('`').to_string());
        } else if let (Some(s), Some(rest)) = (&section, line.strip_prefix("| `")) {
            let field = rest.split('`').next().unwrap().to_string();
            documented.entry(s.clone()).or_default().push(field);
        }
    }
    let objects = [
        ("Top level", v.clone()),
        ("tool", v["tool"].clone()),
        ("findings[]", v["findings"][0].clone()),
        ("files[]", v["files"][0].clone()),
        ("files[].servers[]", v["files"][0]["servers"][0].clone()),
        ("errors[]", v["errors"][0].clone()),
        ("summary", v["summary"].clone()),
    ];
    assert_eq!(
        documented.len(),
        objects.len(),
        "documented sections: {:?}",
        documented.keys()
    );
    for (section, obj) in objects {
        let mut have: Vec<String> = obj.as_object().unwrap().keys().cloned().collect();
        let mut want = documented.get(section).cloned().unwrap_or_default();
        have.sort();
        want.sort();
        assert_eq!(want, have, "docs/json-output.md section `{section}`");
    }
}

/// A tiny deterministic generator: fake secrets are built at test time, never
/// committed as literals.
fn fake_token() -> String {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let tail: String = (0..36)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALNUM[(x % ALNUM.len() as u64) as usize] as char
        })
        .collect();
    format!("{}_{tail}", "ghp")
}

/// A scan whose findings mark a fake token as secret, written the careless
/// way: the token is also in the message, help, label, pointer and server.
fn secret_scan() -> (ScanResult, String) {
    let token = fake_token();
    let text = format!(
        "{{\n  \"mcpServers\": {{\n    \"gh\": {{\n      \"command\": \"npx\",\n      \"env\": {{ \"GITHUB_TOKEN\": \"{token}\", \"{token}\": \"x\" }}\n    }}\n  }}\n}}\n"
    );
    let value_at = text.find(&token).unwrap();
    let key_at = text.rfind(&token).unwrap();
    assert_ne!(value_at, key_at);
    let source =
        mcpward::source::Source::from_text(project().join(".cursor/mcp.json"), text.clone());
    let target = mcpward::discover::Target {
        path: source.path.clone(),
        kind: mcpward::clients::kind_for_path(Path::new(".cursor/mcp.json")),
        scope: None,
        explicit: true,
    };
    let mut checked =
        mcpward::scan::check_source(source, &target, None, &mcpward::rules::Context::default());
    let value = value_at..value_at + token.len();
    let key = key_at..key_at + token.len();
    let name_at = text.find("\"gh\"").unwrap();
    let mut first = Finding::new(
        "invalid-config",
        Severity::Critical,
        value.clone(),
        "/mcpServers/gh/env/GITHUB_TOKEN",
        format!("GitHub token {token} in env"),
    )
    .help(format!("replace {token} with ${{env:GITHUB_TOKEN}}"))
    .label(format!("token {token}"))
    .server(Some(&format!("gh-{token}")))
    .secret(value);
    // A secondary label (a related location in SARIF) that names the token.
    first.labels.push(mcpward::finding::Label {
        span: name_at..name_at + 4,
        text: format!("server of {token}"),
    });
    checked.findings.push(first);
    checked.findings.push(
        Finding::new(
            "invalid-config",
            Severity::High,
            key.clone(),
            format!("/mcpServers/gh/env/{token}"),
            "a token pasted as a key",
        )
        .secret(key),
    );
    let result = ScanResult {
        files: vec![checked],
        ..Default::default()
    };
    (result, token)
}

#[test]
fn no_format_ever_contains_a_marked_secret() {
    let (result, token) = secret_scan();
    let tail = &token[4..];
    let mut variants = vec![RenderOptions::plain(project())];
    let mut o = RenderOptions::plain(project());
    o.style = Style::Unicode;
    o.color = true;
    o.links = true;
    variants.push(o);
    let mut o = RenderOptions::plain(project());
    o.style = Style::Narrated;
    variants.push(o);
    let mut rendered = 0;
    for opts in &variants {
        for (name, out) in [
            ("human", report::human::render(&result, opts)),
            ("json", report::json::render(&result, opts)),
            ("sarif", report::sarif::render(&result, opts)),
            ("github", report::github::render(&result, opts)),
            ("concise", report::concise::render(&result, opts)),
            ("step-summary", report::github::step_summary(&result, opts)),
        ] {
            rendered += 1;
            assert!(
                out.contains("invalid-config"),
                "{name}: rendered nothing?\n{out}"
            );
            // Not the token, nor any 8-character piece of its random part.
            for i in 0..=tail.len() - 8 {
                assert!(
                    !out.contains(&tail[i..i + 8]),
                    "{name} leaks the secret:\n{out}"
                );
            }
            if name == "human" && opts.style != Style::Narrated {
                assert!(
                    out.contains(&"*".repeat(token.len())),
                    "{name} shows the masked value:\n{out}"
                );
            }
            assert!(out.contains("[secret, 40 chars]"), "{name}:\n{out}");
        }
    }
    assert_eq!(rendered, 18);
}

#[test]
fn minified_lines_are_not_repeated_as_snippets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".cursor")).unwrap();
    let keys: Vec<String> = (0..40).map(|i| format!("\"unknown_{i:03}\": 1")).collect();
    let text = format!(
        "{{\"mcpServers\": {{\"s\": {{\"command\": \"x\", {}}}}}}}",
        keys.join(", ")
    );
    std::fs::write(dir.path().join(".cursor/mcp.json"), &text).unwrap();
    let r = run_in(dir.path(), &[".cursor/mcp.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("  at .cursor/mcp.json:1:39 (line too long to show)"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("unknown_039\": 1"),
        "the long line is not printed"
    );
    assert!(r.stdout.len() < 40 * 400, "{} bytes", r.stdout.len());
}

#[test]
fn github_format_appends_a_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mcpward"))
        .current_dir(project())
        .args(["--home", home.path().to_str().unwrap(), "-f", "github"])
        .args(FILES)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n## mcpward\n"), "{md}");
    // Every finding is in the table, most severe first.
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Severity"))
        .collect();
    assert_eq!(rows.len(), 9, "{md}");
    assert!(
        rows[0].starts_with("| high |") && rows[8].starts_with("| low |"),
        "{md}"
    );
    // Other formats leave it alone.
    let r = Command::new(env!("CARGO_BIN_EXE_mcpward"))
        .current_dir(project())
        .args([
            "--home",
            home.path().to_str().unwrap(),
            "-f",
            "json",
            ".mcp.json",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), md);
}

#[test]
fn json_and_sarif_fingerprints_are_the_baseline_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let r = run(&with_files(&[
        "--write-baseline",
        baseline.to_str().unwrap(),
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    let mut recorded: Vec<String> = b["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fingerprint"].as_str().unwrap().to_string())
        .collect();
    let j: serde_json::Value =
        serde_json::from_str(&run(&with_files(&["-f", "json"])).stdout).unwrap();
    let mut json: Vec<String> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    let s: serde_json::Value =
        serde_json::from_str(&run(&with_files(&["-f", "sarif"])).stdout).unwrap();
    let mut sarif: Vec<String> = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["mcpward/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    json.sort();
    sarif.sort();
    assert_eq!(json, sarif);
    // The baseline counts repeats; JSON and SARIF number them so each result
    // is unique. First occurrences are the same values.
    recorded.sort();
    recorded.dedup();
    assert!(
        recorded.iter().all(|f| json.contains(f)),
        "{recorded:?}\n{json:?}"
    );
    assert_eq!(json.len(), 9);
    assert_eq!(
        recorded.len(),
        7,
        "the comment and two trailing commas share the root pointer"
    );
}

#[test]
fn baseline_is_never_written_over_a_scanned_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join(".mcp.json");
    let body = std::fs::read_to_string(project().join(".mcp.json")).unwrap();
    std::fs::write(&cfg, &body).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for target in [".mcp.json", "./sub/../.mcp.json"] {
        let r = run_in(dir.path(), &["--write-baseline", target, "."]);
        assert_eq!(r.code, 2, "{target}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to write the baseline over"),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(&cfg).unwrap(), body, "{target}");
    }
}

#[test]
fn outputs_never_overwrite_the_config_or_the_baseline_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read_to_string(project().join(".mcp.json")).unwrap();
    std::fs::write(dir.path().join(".mcp.json"), &body).unwrap();
    let toml = "[rules.invalid-config]\nseverity = \"high\"\n";
    std::fs::write(dir.path().join("mcpward.toml"), toml).unwrap();
    let r = run_in(dir.path(), &["--write-baseline", "base.json", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let base = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    for args in [
        vec!["-o", "mcpward.toml", "."],
        vec!["--baseline", "base.json", "-o", "base.json", "."],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("a file mcpward reads"), "{}", r.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mcpward.toml")).unwrap(),
        toml
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("base.json")).unwrap(),
        base
    );
}

/// A token pasted as a server name: no rule reads names as values, so no
/// finding marks it, yet `files[].servers[]` lists every name and pointer.
#[test]
fn a_secret_used_as_a_server_name_is_never_printed() {
    use mcpward::secrets::{catalogue::PROVIDERS, corpus};
    let github = PROVIDERS.iter().find(|p| p.id == "github-pat").unwrap();
    let token = corpus::sample(github, &mut corpus::Rng::new(7));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".cursor")).unwrap();
    std::fs::write(
        dir.path().join(".cursor/mcp.json"),
        format!(
            "{{\"mcpServers\": {{\"{token}\": {{\"command\": \"npx\", \"args\": [\"-y\", \"x@1.0.0\"]}}}}}}\n"
        ),
    )
    .unwrap();
    let tail = &token[4..];
    for format in FORMATS {
        let r = run_in(dir.path(), &["--format", format, "."]);
        assert_ne!(r.code, 2, "{format}: {}", r.stderr);
        for i in 0..=tail.len() - 8 {
            assert!(
                !r.stdout.contains(&tail[i..i + 8]),
                "{format} leaks the secret:\n{}",
                r.stdout
            );
        }
    }
}

/// SARIF `executionSuccessful` agrees with the exit code: a path skipped
/// during a walk is a warning (exit 0), not a failed run; an explicit path
/// that cannot be read is (exit 2).
#[cfg(unix)]
#[test]
fn sarif_execution_success_follows_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("p/.cursor")).unwrap();
    std::fs::write(dir.path().join("p/.mcp.json"), "{\"mcpServers\": {}}\n").unwrap();
    std::os::unix::fs::symlink("/nonexistent/x", dir.path().join("p/.cursor/mcp.json")).unwrap();
    for (args, code, ok) in [
        (&["p"][..], 0, true),
        (&["p", "missing.json"][..], 2, false),
    ] {
        let r = run_in(dir.path(), &[&["-f", "sarif"][..], args].concat());
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let inv = &v["runs"][0]["invocations"][0];
        assert_eq!(inv["executionSuccessful"], ok, "{args:?}: {inv}");
        assert!(inv["toolExecutionNotifications"].is_array(), "{inv}");
    }
}
