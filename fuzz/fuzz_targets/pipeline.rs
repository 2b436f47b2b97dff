//! Arbitrary bytes through load → parse → model → rules → every report.
//! See fuzz/README.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../pipeline.rs");

fuzz_target!(|data: &[u8]| {
    run_pipeline(data);
});
