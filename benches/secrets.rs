//! Throughput of the secret detector over the labelled corpus (the same
//! generated cases as `tests/secrets_corpus.rs`): values per second and
//! bytes per second for `scan_value`, and MB/s for `raw_secret_spans` over
//! the corpus rendered as one JSON config.
//!
//! Run: `cargo bench --bench secrets`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use mcpward::secrets::corpus::labelled;
use mcpward::secrets::{raw_secret_spans, scan_value};

fn bench(c: &mut Criterion) {
    let corpus = labelled(1);
    let bytes: usize = corpus.iter().map(|c| c.value.len()).sum();
    // Warm the lazily compiled catalogue outside the measurement.
    let _ = scan_value(None, "warm-up");

    let mut g = c.benchmark_group("scan_value");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("values", |b| {
        b.iter(|| {
            let mut n = 0;
            for case in &corpus {
                n += scan_value(case.name.as_deref(), black_box(&case.value)).len();
            }
            n
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bytes", |b| {
        b.iter(|| {
            let mut n = 0;
            for case in &corpus {
                n += scan_value(case.name.as_deref(), black_box(&case.value)).len();
            }
            n
        })
    });
    g.finish();

    let mut doc = String::from("{\"mcpServers\": {\"s\": {\"command\": \"x\", \"env\": {\n");
    for (i, case) in corpus.iter().enumerate() {
        let name = case.name.clone().unwrap_or_else(|| format!("ARG_{i}"));
        let value = case
            .value
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        doc.push_str(&format!("  \"{name}\": \"{value}\",\n"));
    }
    doc.push_str("}}}}\n");
    let mut g = c.benchmark_group("raw_secret_spans");
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("config_text", |b| {
        b.iter(|| raw_secret_spans(black_box(&doc)).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
