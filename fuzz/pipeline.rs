// Shared by the fuzz target (fuzz/fuzz_targets/pipeline.rs) and the regression
// suite (tests/fuzz_regressions.rs) through `include!`, so a crash input that
// the fuzzer found replays through exactly the same code in `cargo test`.
//
// Input layout: byte 0 selects the dialect (bits 0-1: JSON, JSONC, TOML) and
// the forced client (bits 2-7, an index into the known clients); the rest is
// the file's bytes. Each input goes through load (decode) → parse → model
// (content detection, the forced client, and the client its path names) →
// every rule → every output format (human in each style, JSON, SARIF,
// GitHub annotations, concise), and the invariants every renderer relies
// on are checked: spans inside the text, on character boundaries, positions
// within the file.

/// Run one fuzz input through the whole pipeline. Panics on a broken invariant.
pub fn run_pipeline(data: &[u8]) {
    use mcpward::clients;
    use mcpward::discover::Target;
    use mcpward::report::{self, RenderOptions, Style};
    use mcpward::rules::Context;
    use mcpward::scan::{self, ScanError, ScanResult};
    use mcpward::source;
    use std::path::{Path, PathBuf};

    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    // Paths choose the dialect for content detection; the second one is a
    // path a known client reads, so path-based kinds are exercised too.
    let (generic_path, client_path) = match selector & 3 {
        0 => ("fuzz/config.json", ".cursor/mcp.json"),
        1 => ("fuzz/config.jsonc", ".vscode/mcp.json"),
        _ => ("fuzz/config.toml", ".codex/config.toml"),
    };
    let all = clients::all();
    let forced = &all[usize::from(selector >> 2) % all.len()];

    // Styles and options vary with the selector so every human variant runs.
    let mut ropts = RenderOptions::plain("/nonexistent-fuzz-cwd");
    ropts.style = [Style::Unicode, Style::Ascii, Style::Narrated][usize::from(selector >> 6) % 3];
    ropts.color = selector & 4 != 0;
    ropts.links = selector & 8 != 0;
    ropts.width = 40 + usize::from(selector & 0x30);
    let config = mcpward::config::Config::default();
    let contexts = [
        Context::default(),
        Context {
            config: Some(&config),
        },
    ];

    let source = match source::decode(Path::new(generic_path), bytes.to_vec()) {
        Ok(s) => s,
        Err(e) => {
            // A load error must render in every format too.
            let result = ScanResult {
                errors: vec![ScanError {
                    path: PathBuf::from(generic_path),
                    kind: e.kind(),
                    message: e.to_string(),
                    explicit: true,
                }],
                ..ScanResult::default()
            };
            render_all(&result, &ropts);
            return;
        }
    };

    let mut result = ScanResult::default();
    let targets = [
        (generic_path, None),
        (generic_path, Some(forced)),
        (client_path, None),
    ];
    for (i, (path, client)) in targets.into_iter().enumerate() {
        let mut src = source.clone();
        src.path = PathBuf::from(path);
        let target = Target {
            path: PathBuf::from(path),
            kind: None,
            scope: None,
            explicit: true,
        };
        let checked = scan::check_source(src, &target, client, &contexts[i % 2]);
        check_invariants(&checked);
        result.files.push(checked);
    }
    render_all(&result, &ropts);

    fn render_all(result: &ScanResult, ropts: &RenderOptions) {
        let _ = report::human::render(result, ropts);
        let _ = report::concise::render(result, ropts);
        let _ = report::github::render(result, ropts);
        let _ = report::github::step_summary(result, ropts);
        for json in [
            report::json::render(result, ropts),
            report::sarif::render(result, ropts),
        ] {
            assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "JSON or SARIF report does not parse"
            );
        }
    }

    fn check_invariants(c: &mcpward::scan::Checked) {
        let text = &c.file.source.text;
        let lines = c.file.source.line_count();
        let in_text = |s: &std::ops::Range<usize>, what: &str| {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{what} span {s:?} outside a {}-byte text",
                text.len()
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{what} span {s:?} not on char boundaries"
            );
        };
        for issue in &c.file.parsed.issues {
            in_text(&issue.span, "syntax issue");
        }
        if let Some(root) = c.file.root() {
            root.walk(&mut |n| {
                in_text(&n.span, "node");
                if let mcpward::parse::Kind::Object(members) = &n.kind {
                    for m in members {
                        in_text(&m.key_span, "key");
                    }
                }
            });
        }
        for s in &c.file.servers {
            in_text(&s.span, "server");
            in_text(&s.name_span, "server name");
            for st in s.command.iter().chain(&s.args).chain(&s.url).chain(&s.cwd) {
                in_text(&st.span, "server string");
            }
            for kv in s.env.iter().chain(&s.headers) {
                in_text(&kv.key_span, "env key");
                in_text(&kv.value.span, "env value");
            }
            assert!(c.file.server_node(s).is_some(), "server path must resolve");
        }
        for f in &c.findings {
            in_text(&f.span, f.rule);
            for s in &f.secrets {
                in_text(s, "secret");
            }
            for l in &f.labels {
                in_text(&l.span, "label");
            }
            let ((l1, c1), (l2, c2)) = report::region(c, f);
            assert!(l1 >= 1 && l1 <= lines && l2 >= l1 && l2 <= lines && c1 >= 1 && c2 >= 1);
        }
    }
}
