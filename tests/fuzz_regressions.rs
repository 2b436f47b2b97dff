//! Every input the fuzzer ever crashed on (tests/fixtures/fuzz-regressions/*)
//! replayed through the same pipeline as the fuzz target (fuzz/pipeline.rs:
//! load → parse → model → rules → every report, with span invariants), so a
//! fixed crash stays fixed in a plain `cargo test`.

include!("../fuzz/pipeline.rs");

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    entries.sort();
    assert!(
        !entries.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for path in entries {
        let data = std::fs::read(&path).expect("read fixture");
        let outcome = std::panic::catch_unwind(|| run_pipeline(&data));
        assert!(outcome.is_ok(), "pipeline panicked on {}", path.display());
    }
}

#[test]
fn every_dialect_and_client_selector_runs_on_a_sample() {
    // The selector byte covers three dialects and every known client.
    let body = br#"{"mcpServers":{"a":{"command":"npx -y pkg","env":{"K":"v"}}},"servers":{"b":{"url":"http://x"}}}"#;
    for selector in 0..=255u8 {
        let mut data = vec![selector];
        data.extend_from_slice(body);
        run_pipeline(&data);
    }
    let toml =
        b"[mcp_servers.a]\ncommand = \"npx\"\nargs = [\"-y\"]\n[mcp_servers.a.env]\nK = \"v\"\n";
    for selector in (2..=255u8).step_by(4) {
        let mut data = vec![selector];
        data.extend_from_slice(toml);
        run_pipeline(&data);
    }
}
