//! Lexical normalisation and classification of the paths found in MCP
//! configs: is this the root, the whole home directory, or a credential
//! store? Everything is decided from the text alone (never the real
//! filesystem, never the real `$HOME`), so a config copied from another
//! machine is judged the same way: `~`, `$HOME`, `${env:HOME}`,
//! `${userHome}`, `%USERPROFILE%`, `/Users/<name>`, `/home/<name>`, `/root`
//! and `C:\Users\<name>` (either slash, any drive, any case) all mean "a home
//! directory"; `.` and `..` are resolved lexically; trailing slashes do not
//! matter. A folder below home (`~/code/app`) or the project variable
//! (`${workspaceFolder}`) is what a config should use, and is not reported.

use std::fmt;
use std::path::{Path, PathBuf};

// Paths of the files mcpward reads (not the paths written inside them).

/// `path` made absolute against `cwd` and normalised lexically: `.` dropped,
/// `..` resolved against the previous component (never above the root).
/// Never touches the file system, so it works for paths that do not exist.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A path as text with `/` separators, as globs and displays take it.
pub fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// A path for display: relative to `cwd` when inside it, else absolute;
/// always with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = absolute(path, cwd);
    let cwd = absolute(cwd, cwd);
    let shown = abs.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(abs);
    slashes(&shown)
}

/// Where a normalised path starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The POSIX root `/`.
    Root,
    /// A Windows drive root, upper-cased (`C:`).
    Drive(char),
    /// A user's home directory.
    Home,
    /// The folder holding every home directory (`~/..`).
    AboveHome,
    /// The project folder: `${workspaceFolder}`, `$CLAUDE_PROJECT_DIR`, or a
    /// relative path.
    Workspace,
    /// Above the project folder (`${workspaceFolder}/..`): unknown breadth.
    AboveWorkspace,
    /// Starts with a variable mcpward does not know (`$DATA_DIR/x`).
    Unknown,
}

/// A path after lexical normalisation: a base and the segments below it,
/// with `.`/`..` resolved and empty segments dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormPath {
    pub base: Base,
    pub segments: Vec<String>,
}

impl fmt::Display for NormPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base = match &self.base {
            Base::Root => String::new(),
            Base::Drive(d) => format!("{d}:"),
            Base::Home => "~".into(),
            Base::AboveHome => "~/..".into(),
            Base::Workspace => ".".into(),
            Base::AboveWorkspace => "..".into(),
            Base::Unknown => "$?".into(),
        };
        if self.segments.is_empty() && matches!(self.base, Base::Root | Base::Drive(_)) {
            return write!(f, "{base}/");
        }
        write!(f, "{base}")?;
        for s in &self.segments {
            write!(f, "/{s}")?;
        }
        Ok(())
    }
}

/// How much a path exposes. Ordered: `Credential < Home < Root`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Breadth {
    /// A credential store (`~/.ssh`, `~/.aws`, a `.env` file, ...).
    Credential,
    /// A whole home directory.
    Home,
    /// The root of a disk, or every user's home directory.
    Root,
}

/// What a broad path gives away, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    pub breadth: Breadth,
    /// Phrase such as "the whole home directory" or "the SSH keys in ~/.ssh".
    pub what: String,
}

/// Home-directory spellings, matched at the start of a path and followed by
/// `/` or the end. Case-insensitive ones are Windows spellings.
const HOME_PREFIXES: &[(&str, bool)] = &[
    ("$HOME", false),
    ("${HOME}", false),
    ("${env:HOME}", false),
    ("$env:HOME", true),
    ("{env:HOME}", false),
    ("${userHome}", false),
    ("%USERPROFILE%", true),
    ("%HOMEDRIVE%%HOMEPATH%", true),
    ("%HOME%", true),
    ("$USERPROFILE", true),
    ("${USERPROFILE}", true),
    ("${env:USERPROFILE}", true),
    ("$env:USERPROFILE", true),
    ("{env:USERPROFILE}", true),
];

/// Project-folder spellings (client variables and common environment names).
const WORKSPACE_PREFIXES: &[&str] = &[
    "${workspaceFolder}",
    "${workspaceRoot}",
    "${CLAUDE_PROJECT_DIR}",
    "$CLAUDE_PROJECT_DIR",
    "${PWD}",
    "$PWD",
    "${cwd}",
    "${fileWorkspaceFolder}",
];

/// Credential stores: path segments (case-insensitive) and what they hold.
/// Matched anywhere in a path; a `.env` file is matched by name.
const CREDENTIAL_STORES: &[(&[&str], &str)] = &[
    (&[".ssh"], "the SSH keys"),
    (&[".aws"], "the AWS credentials"),
    (&[".gnupg"], "the GnuPG keys"),
    (&[".config", "gcloud"], "the Google Cloud credentials"),
    (
        &["AppData", "Roaming", "gcloud"],
        "the Google Cloud credentials",
    ),
    (&[".kube"], "the Kubernetes credentials"),
    (&[".docker"], "the Docker registry credentials"),
    (&["Library", "Keychains"], "the macOS keychains"),
    (&[".azure"], "the Azure credentials"),
    (&[".config", "gh"], "the GitHub CLI token"),
    (&[".netrc"], "the .netrc passwords"),
    (&[".git-credentials"], "the stored Git passwords"),
];

/// Home folders that are shared rather than a user's (`/Users/Shared`).
const NOT_A_USER: &[&str] = &["shared", "public", "default", "default user", "all users"];

/// The bytes of `s` outside `${...}` references, with their offsets: a
/// separator inside `${env:HOME}` does not split a path list or a mount.
pub fn bytes_outside_refs(s: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    let b = s.as_bytes();
    let mut depth = 0usize;
    b.iter().enumerate().filter_map(move |(i, &c)| {
        match c {
            b'{' if i > 0 && b[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => {
                depth -= 1;
                return None;
            }
            _ => {}
        }
        (depth == 0).then_some((i, c))
    })
}

/// Normalise `raw` lexically. Never fails: an unrecognised start gives
/// [`Base::Unknown`] or [`Base::Workspace`].
pub fn normalize(raw: &str) -> NormPath {
    let mut s = raw.trim().trim_matches(['"', '\'']).replace('\\', "/");
    if let Some(rest) = s.strip_prefix("file://") {
        s = rest.to_string();
        // `file:///C:/x` → `C:/x`.
        if s.len() >= 3 && s.as_bytes()[0] == b'/' && is_drive(&s[1..]) {
            s.remove(0);
        }
    }
    let (base, rest) = split_base(&s);
    let mut norm = NormPath {
        base,
        segments: Vec::new(),
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => pop(&mut norm),
            s => norm.segments.push(s.to_string()),
        }
    }
    canonical_home(&mut norm);
    norm
}

fn is_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b.len() == 2 || b[2] == b'/')
}

/// Strip a `prefix` that is followed by `/` or the end of the string.
fn strip_word<'a>(s: &'a str, prefix: &str, ignore_case: bool) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    let same = if ignore_case {
        head.eq_ignore_ascii_case(prefix)
    } else {
        head == prefix
    };
    let rest = &s[prefix.len()..];
    (same && (rest.is_empty() || rest.starts_with('/'))).then_some(rest)
}

fn split_base(s: &str) -> (Base, &str) {
    if let Some(rest) = strip_word(s, "~", false) {
        return (Base::Home, rest);
    }
    if let Some(user) = s.strip_prefix('~') {
        // `~alice/x`: another user's home.
        let rest = user.find('/').map_or("", |i| &user[i..]);
        return (Base::Home, rest);
    }
    for (p, ci) in HOME_PREFIXES {
        if let Some(rest) = strip_word(s, p, *ci) {
            return (Base::Home, rest);
        }
    }
    for p in WORKSPACE_PREFIXES {
        if let Some(rest) = strip_word(s, p, false) {
            return (Base::Workspace, rest);
        }
    }
    if let Some(rest) = s.strip_prefix("${workspaceFolder:") {
        let rest = rest.find('}').map_or("", |i| &rest[i + 1..]);
        return (Base::Workspace, rest);
    }
    if s.starts_with("//") && s.trim_start_matches('/').contains('/') {
        // A UNC share (`\\server\share`): somewhere else entirely.
        return (Base::Unknown, &s[2..]);
    }
    if let Some(rest) = s.strip_prefix('/') {
        return (Base::Root, rest);
    }
    if is_drive(s) {
        let d = s.as_bytes()[0].to_ascii_uppercase() as char;
        return (Base::Drive(d), &s[2..]);
    }
    if s.starts_with('$') || s.starts_with('%') || s.starts_with("{env:") {
        let end = s.find('/').unwrap_or(s.len());
        return (Base::Unknown, &s[end..]);
    }
    (Base::Workspace, s)
}

fn pop(p: &mut NormPath) {
    if p.segments.pop().is_some() {
        return;
    }
    p.base = match p.base {
        Base::Home => Base::AboveHome,
        // Above the folder of all homes is the disk root (POSIX layout).
        Base::AboveHome => Base::Root,
        Base::Workspace | Base::AboveWorkspace => Base::AboveWorkspace,
        ref b => b.clone(),
    };
}

/// Rewrite absolute home folders (`/Users/alice/x`, `C:/Users/alice/x`,
/// `/root/x`, WSL `/mnt/c/Users/alice/x`) to [`Base::Home`].
fn canonical_home(p: &mut NormPath) {
    let lower: Vec<String> = p.segments.iter().map(|s| s.to_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let skip = match (&p.base, l.as_slice()) {
        (Base::Root, ["users" | "home", user, ..]) if !NOT_A_USER.contains(user) => 2,
        (Base::Root, ["root", ..]) => 1,
        (Base::Root, ["mnt", d, "users", user, ..])
            if d.len() == 1 && !NOT_A_USER.contains(user) =>
        {
            4
        }
        (Base::Drive(_), ["users" | "documents and settings", user, ..])
            if !NOT_A_USER.contains(user) =>
        {
            2
        }
        _ => return,
    };
    p.base = Base::Home;
    p.segments.drain(..skip);
}

/// Judge a path: `None` when it is narrow enough (a project folder, a
/// folder below home, something unknown).
pub fn classify(raw: &str) -> Option<Exposure> {
    classify_norm(&normalize(raw))
}

/// [`classify`] on an already normalised path.
pub fn classify_norm(p: &NormPath) -> Option<Exposure> {
    let lower: Vec<String> = p.segments.iter().map(|s| s.to_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let root = |what: &str| {
        Some(Exposure {
            breadth: Breadth::Root,
            what: what.to_string(),
        })
    };
    match (&p.base, l.as_slice()) {
        (Base::Root, []) => return root("the root directory"),
        (Base::Drive(d), []) => return root(&format!("the whole `{d}:` drive")),
        (Base::Root, ["mnt", d]) if d.len() == 1 => {
            return root(&format!("the whole `{}:` drive", d.to_uppercase()))
        }
        (Base::Root, ["users" | "home"])
        | (Base::Drive(_), ["users"])
        | (Base::Root, ["mnt", _, "users"])
        | (Base::AboveHome, []) => return root("every user's home directory"),
        (Base::Home, []) => {
            return Some(Exposure {
                breadth: Breadth::Home,
                what: "the whole home directory".into(),
            })
        }
        _ => {}
    }
    credential(p, &l)
}

fn credential(p: &NormPath, l: &[&str]) -> Option<Exposure> {
    let cred = |what: String| {
        Some(Exposure {
            breadth: Breadth::Credential,
            what,
        })
    };
    for (store, what) in CREDENTIAL_STORES {
        let want: Vec<String> = store.iter().map(|s| s.to_lowercase()).collect();
        if let Some(at) = l
            .windows(want.len())
            .position(|w| w.iter().zip(&want).all(|(a, b)| *a == b))
        {
            let shown = NormPath {
                base: p.base.clone(),
                segments: p.segments[..at + want.len()].to_vec(),
            };
            return cred(format!("{what} in `{shown}`"));
        }
        // A home folder that contains a store (`~/.config`, `~/Library`).
        if p.base == Base::Home && !l.is_empty() && l.len() < want.len() && want[..l.len()] == *l {
            return cred(format!("{what} (`{}` contains `~/{}`)", p, store.join("/")));
        }
    }
    let last = *l.last()?;
    let example = [".env.example", ".env.sample", ".env.template", ".env.dist"];
    if (last == ".env" || last.starts_with(".env.")) && !example.contains(&last) {
        return cred(format!("the secrets in the `{}` file", p.segments.last()?));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        let cwd = std::path::Path::new("/w/repo");
        assert_eq!(
            display_path(std::path::Path::new("./.cursor/mcp.json"), cwd),
            ".cursor/mcp.json"
        );
        assert_eq!(
            display_path(std::path::Path::new("/w/repo/a/b.json"), cwd),
            "a/b.json"
        );
        assert_eq!(
            display_path(std::path::Path::new("../other/x.json"), cwd),
            "/w/other/x.json"
        );
        assert_eq!(
            display_path(std::path::Path::new("/h/.cursor/mcp.json"), cwd),
            "/h/.cursor/mcp.json"
        );
    }

    fn breadth(raw: &str) -> Option<Breadth> {
        classify(raw).map(|e| e.breadth)
    }

    #[test]
    fn home_spellings() {
        for raw in [
            "~",
            "~/",
            "$HOME",
            "$HOME/",
            "${HOME}",
            "${env:HOME}",
            "${userHome}",
            "%USERPROFILE%",
            "%userprofile%\\",
            "$env:USERPROFILE",
            "${env:USERPROFILE}",
            "{env:HOME}",
            "/Users/alice",
            "/Users/alice/",
            "/home/bob",
            "/home/bob//",
            "/root",
            "C:\\Users\\alice",
            "c:/users/Alice/",
            "D:\\USERS\\bob\\",
            "C:\\Users\\alice\\.",
            "/Users/alice/code/..",
            "/Users/alice/./code/../",
            "~/Documents/..",
            "~alice",
            "/mnt/c/Users/alice",
            "file:///Users/alice",
            "file:///C:/Users/alice",
            "\"/Users/alice\"",
            "/home/<your-username>",
        ] {
            assert_eq!(breadth(raw), Some(Breadth::Home), "{raw}");
        }
    }

    #[test]
    fn root_spellings() {
        for raw in [
            "/",
            "//",
            "/.",
            "C:\\",
            "C:/",
            "C:",
            "d:\\",
            "/Users",
            "/home/",
            "C:\\Users",
            "~/..",
            "$HOME/..",
            "/Users/alice/..",
            "~/../..",
            "/mnt/c",
            "/mnt/c/Users",
            "/usr/..",
        ] {
            assert_eq!(breadth(raw), Some(Breadth::Root), "{raw}");
        }
    }

    #[test]
    fn credential_stores() {
        for raw in [
            "~/.ssh",
            "~/.ssh/",
            "$HOME/.aws",
            "/Users/alice/.gnupg",
            "~/.config/gcloud",
            "/home/bob/.kube/config",
            "~/.docker",
            "~/Library/Keychains",
            "C:\\Users\\alice\\.ssh",
            "C:\\Users\\alice\\AppData\\Roaming\\gcloud",
            "/srv/deploy/.ssh",
            ".env",
            "./.env.local",
            "${workspaceFolder}/.env",
            "/Users/alice/code/app/.env.production",
            "~/.config",
            "~/Library",
            "~/.netrc",
        ] {
            assert_eq!(breadth(raw), Some(Breadth::Credential), "{raw}");
        }
    }

    #[test]
    fn narrow_paths_are_fine() {
        for raw in [
            "/Users/alice/code/app",
            "/home/bob/projects/x/",
            "C:\\Users\\alice\\source\\repos\\app",
            "~/code/app",
            "$HOME/work",
            "${workspaceFolder}",
            "${workspaceFolder}/src",
            "${workspaceFolder:app}",
            ".",
            "./data",
            "/tmp",
            "/Users/Shared",
            "C:\\Users\\Public",
            "/var/lib/data",
            "/projects",
            "$DATA_DIR",
            ".env.example",
            "~/.config/zed",
            "~/Library/Application Support/app",
            "/Users/alice/.sshfoo",
            "$HOMEBREW_PREFIX",
            "",
        ] {
            assert_eq!(classify(raw), None, "{raw}");
        }
    }

    #[test]
    fn normalisation_and_display() {
        assert_eq!(normalize("/Users/alice/a/./b/../c/").to_string(), "~/a/c");
        assert_eq!(normalize("C:\\x\\..\\").to_string(), "C:/");
        assert_eq!(normalize("/a/../..").to_string(), "/");
        assert_eq!(
            normalize("${workspaceFolder}/..").base,
            Base::AboveWorkspace
        );
        assert_eq!(normalize("$DATA/x").to_string(), "$?/x");
        assert_eq!(normalize("//server/share").base, Base::Unknown);
    }

    #[test]
    fn messages_name_the_store() {
        let e = classify("/Users/alice/.ssh/id_ed25519").unwrap_or_else(|| panic!());
        assert_eq!(e.what, "the SSH keys in `~/.ssh`");
        let e = classify("~/Library").unwrap_or_else(|| panic!());
        assert!(e.what.contains("Library/Keychains"), "{}", e.what);
        let e = classify("D:\\").unwrap_or_else(|| panic!());
        assert_eq!(e.what, "the whole `D:` drive");
        assert!(Breadth::Root > Breadth::Home && Breadth::Home > Breadth::Credential);
    }
}
