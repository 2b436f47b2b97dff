//! mcpward is inert: scanning a config never runs a configured command, never
//! connects to a configured URL and never changes the files it reads.
//!
//! The configs below would, if anything executed them, create marker files
//! (`sh -c touch`, `node -e`, `python3 -c`) or listen on a port (`nc -l`,
//! `python3 -m http.server`); their URLs point at a listener this test holds,
//! which must see no connection.

// Test helpers may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Write one config per dialect into `root`, each naming every command.
fn write_configs(root: &Path, marker: &Path, port: u16, url: &str) {
    let m = marker.display().to_string();
    let sh = format!("touch {m}.sh");
    let node = format!("require('fs').writeFileSync('{m}.node', '')");
    let py = format!("open('{m}.py', 'w').close()");
    let nc = port.to_string();
    let json = serde_json::json!({
        "mcpServers": {
            "sh": { "command": "sh", "args": ["-c", sh] },
            "one-string": { "command": format!("sh -c 'touch {m}.split'") },
            "node": { "command": "node", "args": ["-e", node] },
            "python": { "command": "python3", "args": ["-c", py] },
            "nc": { "command": "nc", "args": ["-l", nc] },
            "http": { "command": "python3", "args": ["-m", "http.server", nc] },
            "remote": { "type": "http", "url": url, "headers": { "X": "y" } },
            "sse": { "url": url }
        }
    });
    let vscode = serde_json::json!({
        "servers": {
            "sh": { "type": "stdio", "command": "sh", "args": ["-c", format!("touch {m}.vscode")] },
            "remote": { "type": "http", "url": url }
        },
        "inputs": []
    });
    let toml = format!(
        "[mcp_servers.sh]\ncommand = \"sh\"\nargs = [\"-c\", \"touch {m}.toml\"]\n\
         [mcp_servers.py]\ncommand = \"python3\"\nargs = [\"-m\", \"http.server\", \"{port}\"]\n\
         [mcp_servers.remote]\nurl = \"{url}\"\n"
    );
    let files: [(&str, String); 4] = [
        (".mcp.json", serde_json::to_string_pretty(&json).unwrap()),
        (".cursor/mcp.json", serde_json::to_string(&json).unwrap()),
        (
            ".vscode/mcp.json",
            serde_json::to_string_pretty(&vscode).unwrap(),
        ),
        (".codex/config.toml", toml),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every file and folder under `root` with its modification time and bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (SystemTime, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            let bytes = if meta.is_dir() {
                stack.push(e.path());
                Vec::new()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            out.insert(e.path(), (meta.modified().unwrap(), bytes));
        }
    }
    out
}

fn scan(home: &Path, format: &str, path: &Path) -> i32 {
    Command::cargo_bin("mcpward")
        .unwrap()
        .arg("--home")
        .arg(home)
        .args(["--platform", "linux", "--format", format])
        .arg(path)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap()
        .status
        .code()
        .unwrap_or(-1)
}

#[test]
fn scanning_runs_no_command_and_opens_no_connection() {
    let tree = tempfile::tempdir().unwrap();
    let markers = tempfile::tempdir().unwrap();
    let marker = markers.path().join("MARKER");
    // A listener the configured URLs point at: any connection would queue.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/mcp", listener.local_addr().unwrap());
    let port = free_port();
    write_configs(tree.path(), &marker, port, &url);

    for format in ["human", "json"] {
        // The whole tree (walk) and each file named explicitly.
        let code = scan(tree.path(), format, tree.path());
        assert!(code == 0 || code == 1, "scan failed with {code}");
        for rel in [".mcp.json", ".vscode/mcp.json", ".codex/config.toml"] {
            let code = scan(tree.path(), format, &tree.path().join(rel));
            assert!(code == 0 || code == 1, "{rel}: exit {code}");
        }
    }

    let created: Vec<_> = std::fs::read_dir(markers.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(created.is_empty(), "a configured command ran: {created:?}");
    // Nothing listens on the port the commands would have opened...
    TcpListener::bind(("127.0.0.1", port)).expect("the configured port is still free");
    // ...and nothing connected to the configured URL.
    match listener.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!("something connected to the configured URL: {other:?}"),
    }
}

#[test]
fn scanning_leaves_every_file_and_folder_untouched() {
    let tree = tempfile::tempdir().unwrap();
    let marker = tree.path().join("never");
    write_configs(tree.path(), &marker, free_port(), "http://127.0.0.1:9/x");
    // Broken files too: the error paths must not write either.
    std::fs::create_dir_all(tree.path().join(".gemini")).unwrap();
    std::fs::write(
        tree.path().join(".gemini/settings.json"),
        "{\"mcpServers\": {",
    )
    .unwrap();
    // Old timestamps, so a rewrite within the same clock tick still shows.
    let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let before_times = snapshot(tree.path());
    for path in before_times.keys() {
        if path.is_file() {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
    let before = snapshot(tree.path());
    for format in ["human", "json"] {
        let code = scan(tree.path(), format, tree.path());
        assert!(code == 0 || code == 1, "exit {code}");
        let code = scan(tree.path(), format, &tree.path().join(".mcp.json"));
        assert!(code == 0 || code == 1, "exit {code}");
    }
    let after = snapshot(tree.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files appeared or vanished"
    );
    for (path, (mtime, bytes)) in &before {
        let (mtime2, bytes2) = &after[path];
        assert_eq!(bytes, bytes2, "{} changed", path.display());
        if path.is_file() {
            assert_eq!(mtime, mtime2, "{} was rewritten", path.display());
        }
    }
}
