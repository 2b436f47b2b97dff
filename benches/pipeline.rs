//! In-process cost of one file: parse → model → rules, for a typical config
//! and for files with 1 000 and 10 000 servers (ms per 1 000 servers, to check
//! that cost grows linearly). Whole-process figures come from scripts/bench.sh.
//!
//! Run: `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use mcpward::discover::Target;
use mcpward::rules::Context;
use mcpward::scan;
use mcpward::source::Source;

/// A realistic project config: a handful of stdio and remote servers.
pub const TYPICAL: &str = r#"{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" }
    },
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "./src"]
    },
    "postgres": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "mcp/postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "postgresql://localhost/db"]
    },
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] }
  }
}
"#;

/// A file with `n` servers, alternating stdio and remote entries.
fn many_servers(n: usize) -> String {
    let mut s = String::from("{\n  \"mcpServers\": {\n");
    for i in 0..n {
        if i > 0 {
            s.push_str(",\n");
        }
        if i % 2 == 0 {
            s.push_str(&format!(
                "    \"server-{i}\": {{ \"command\": \"npx\", \"args\": [\"-y\", \"pkg-{i}@1.2.3\", \"--port\", \"{i}\"], \"env\": {{ \"LEVEL\": \"debug\" }} }}"
            ));
        } else {
            s.push_str(&format!(
                "    \"server-{i}\": {{ \"type\": \"http\", \"url\": \"https://example.com/mcp/{i}\", \"headers\": {{ \"X-Id\": \"{i}\" }} }}"
            ));
        }
    }
    s.push_str("\n  }\n}\n");
    s
}

fn run_once(path: &str, text: &str) -> usize {
    let source = Source::from_text(PathBuf::from(path), text.to_string());
    let target = Target {
        path: PathBuf::from(path),
        kind: None,
        scope: None,
        explicit: true,
    };
    let checked = scan::check_source(source, &target, None, &Context::default());
    checked.findings.len() + checked.file.servers.len()
}

fn typical(c: &mut Criterion) {
    c.bench_function("typical config (.mcp.json, 5 servers)", |b| {
        b.iter(|| run_once(".mcp.json", black_box(TYPICAL)))
    });
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("servers");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let text = many_servers(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| run_once(".mcp.json", black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, typical, scaling);
criterion_main!(benches);
