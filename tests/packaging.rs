//! Packaging stays consistent with its one source of truth, `Cargo.toml`:
//! the wheel's `pyproject.toml`, the CHANGELOG, the README's pinned versions,
//! the crate's `exclude` list and the CI steps that build and install the
//! packages (`.ci/run`). See docs/releasing.md.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml_file(path: &str) -> toml::Table {
    read(path).parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn str_at<'a>(t: &'a toml::Table, keys: &[&str]) -> Option<&'a str> {
    let (last, path) = keys.split_last()?;
    let mut table = t;
    for k in path {
        table = table.get(*k)?.as_table()?;
    }
    table.get(*last)?.as_str()
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn pyproject_builds_the_binary_and_takes_its_metadata_from_cargo() {
    let py = toml_file("pyproject.toml");
    let cargo = toml_file("Cargo.toml");
    assert_eq!(
        str_at(&py, &["build-system", "build-backend"]),
        Some("maturin")
    );
    assert_eq!(str_at(&py, &["tool", "maturin", "bindings"]), Some("bin"));
    let project = py["project"].as_table().unwrap();
    assert_eq!(project["name"].as_str(), Some(env!("CARGO_PKG_NAME")));
    // One source of truth: no version in pyproject.toml, maturin reads Cargo's.
    assert!(
        project.get("version").is_none(),
        "pyproject.toml must not set a version"
    );
    assert!(project["dynamic"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v.as_str() == Some("version")));
    assert_eq!(
        project["description"].as_str(),
        str_at(&cargo, &["package", "description"])
    );
    assert_eq!(
        str_at(&py, &["project", "license", "text"]),
        str_at(&cargo, &["package", "license"])
    );
    assert_eq!(project["readme"].as_str(), Some("README.md"));
    let urls = project["urls"].as_table().unwrap();
    assert_eq!(
        urls["Repository"].as_str(),
        str_at(&cargo, &["package", "repository"])
    );
    assert_eq!(
        urls["Homepage"].as_str(),
        str_at(&cargo, &["package", "homepage"])
    );
    let classifiers: Vec<&str> = project["classifiers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    for want in [
        "License :: OSI Approved :: MIT License",
        "License :: OSI Approved :: Apache Software License",
    ] {
        assert!(classifiers.contains(&want), "missing classifier {want}");
    }
}

#[test]
fn crate_metadata_is_complete_for_crates_io() {
    let cargo = toml_file("Cargo.toml");
    for key in [
        "description",
        "license",
        "repository",
        "homepage",
        "documentation",
        "readme",
    ] {
        assert!(
            str_at(&cargo, &["package", key]).is_some_and(|v| !v.is_empty()),
            "Cargo.toml [package] {key} is missing"
        );
    }
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "CHANGELOG.md"] {
        assert!(root().join(file).is_file(), "{file}");
    }
}

/// Every file the sources compile in (`include_str!`/`include_bytes!`) is
/// in the published package, or `cargo install mcpward` would not build.
#[test]
fn crate_include_list_covers_compiled_in_files() {
    let cargo = toml_file("Cargo.toml");
    // `exclude` entries are anchored folder or file names (`/tests/`).
    let excluded: Vec<String> = cargo["package"]["exclude"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().trim_start_matches('/').to_string())
        .collect();
    let packaged = |rel: &Path| {
        let rel = rel.to_string_lossy().replace('\\', "/");
        !excluded.iter().any(|ex| {
            if ex.ends_with('/') {
                rel.starts_with(ex.as_str())
            } else {
                rel == *ex
            }
        })
    };
    let re = regex::Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    let mut checked = 0;
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel_src = path.strip_prefix(root()).unwrap();
            assert!(packaged(rel_src), "{} not packaged", rel_src.display());
            let text = std::fs::read_to_string(&path).unwrap();
            for cap in re.captures_iter(&text) {
                let target = path.parent().unwrap().join(&cap[1]);
                let target = std::fs::canonicalize(&target)
                    .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
                let rel = target.strip_prefix(root()).unwrap();
                assert!(
                    packaged(rel),
                    "{} (compiled in by {}) is excluded from the package in Cargo.toml",
                    rel.display(),
                    rel_src.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "found only {checked} include_str! uses");
}

#[test]
fn changelog_has_a_section_for_this_version() {
    let changelog = read("CHANGELOG.md");
    assert!(
        changelog
            .lines()
            .any(|l| l.starts_with(&format!("## [{VERSION}]"))),
        "CHANGELOG.md needs a `## [{VERSION}]` section (the version in Cargo.toml)"
    );
}

/// Pinned versions in the docs (`mcpward==X`, `mcpward-X-*.whl`, `rev: vX`)
/// name the current version.
#[test]
fn docs_pin_the_current_version() {
    let re = regex::Regex::new(
        r"mcpward==(\d+\.\d+\.\d+[^\s`'\x22)]*)|mcpward-(\d+\.\d+\.\d+)-|rev: v(\d+\.\d+\.\d+)",
    )
    .unwrap();
    for file in [
        "README.md",
        "docs/releasing.md",
        "pre-commit-mirror/README.md",
    ] {
        let text = read(file);
        let mut seen = 0;
        for cap in re.captures_iter(&text) {
            let v = cap.iter().skip(1).flatten().next().unwrap().as_str();
            assert_eq!(
                v, VERSION,
                "{file} pins {} but Cargo.toml says {VERSION}",
                &cap[0]
            );
            seen += 1;
        }
        if file == "README.md" {
            assert!(seen >= 2, "README.md should show pinned installs");
        }
    }
}

/// CI builds, installs and runs the packages, and checks the crates.io
/// package, on every run.
#[test]
fn ci_runs_the_packaging_checks() {
    let ci = read(".ci/run");
    let lines: Vec<&str> = ci.lines().map(str::trim).collect();
    for want in [
        "bash tests/e2e/wheel.sh",
        "bash tests/e2e/pre-commit.sh",
        "bash tests/e2e/action.sh",
        "cargo publish --dry-run --locked",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(want)),
            ".ci/run must run `{want}`"
        );
    }
    let script = read("scripts/build-wheel.sh");
    assert!(script.contains("maturin\" build --release --locked"));
}
