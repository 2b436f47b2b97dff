//! Compiles `known-clients/*.toml` into compact JSON in `OUT_DIR`, so a run
//! deserialises the client registry with `serde_json` instead of parsing 17
//! TOML files at every start. The schema is the one in `src/clients.rs`
//! (the same serde derives read the JSON); a file that is not valid TOML
//! fails the build, and a file the schema rejects fails the
//! `every_client_file_loads_and_is_listed` test.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=known-clients");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("known-clients");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/known-clients");
    let dir = Path::new("known-clients");
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("known-clients/")
        .map(|e| e.expect("known-clients entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read client file");
        let value: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("client file as JSON");
        let name = path.file_stem().expect("file stem").to_string_lossy();
        std::fs::write(out.join(format!("{name}.json")), json).expect("write client JSON");
    }
}
