//! Finding config files: explicit paths, directory walks (the `ignore` crate,
//! `.gitignore` respected, hidden folders such as `.cursor/` not skipped), and
//! the known user-level and system locations of every client for this OS.
//! Home and config folders come from [`Env`] only, so tests use fake homes.

use std::path::{Path, PathBuf};

use crate::clients::{self, Kind, Os, Scope};

/// Where "home" and "the config folder" are, and which OS layout to use.
#[derive(Debug, Clone)]
pub struct Env {
    pub os: Os,
    pub home: Option<PathBuf>,
    /// What `{config}` expands to (XDG config, Application Support, AppData).
    pub config_dir: Option<PathBuf>,
    pub cwd: PathBuf,
}

impl Env {
    /// The real environment. `home` and `os` override detection (for tests,
    /// and for scanning a copy of another machine's home folder).
    pub fn detect(home: Option<PathBuf>, os: Option<Os>) -> Env {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let os_given = os.is_some();
        let os = os.unwrap_or_else(Os::current);
        let overridden = home.is_some() || os_given;
        let home = home.or_else(dirs::home_dir);
        let config_dir = if overridden {
            home.as_ref().map(|h| h.join(os.config_rel()))
        } else {
            dirs::config_dir().or_else(|| home.as_ref().map(|h| h.join(os.config_rel())))
        };
        Env {
            os,
            home,
            config_dir,
            cwd,
        }
    }

    /// Expand a `~/…` or `{config}/…` template; `*` segments are globbed
    /// against the directory (read only, never created).
    pub fn expand(&self, template: &str) -> Vec<PathBuf> {
        let (base, rest) = if let Some(r) = template.strip_prefix("~/") {
            (self.home.clone(), r)
        } else if let Some(r) = template.strip_prefix("{config}/") {
            (self.config_dir.clone(), r)
        } else {
            (Some(PathBuf::new()), template)
        };
        let Some(base) = base else { return Vec::new() };
        let mut paths = vec![base];
        for seg in rest.split('/') {
            let mut next = Vec::new();
            for p in paths {
                if seg == "*" {
                    if let Ok(rd) = std::fs::read_dir(&p) {
                        let mut kids: Vec<PathBuf> = rd
                            .filter_map(|e| e.ok())
                            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                            .map(|e| e.path())
                            .collect();
                        kids.sort();
                        next.extend(kids);
                    }
                } else {
                    next.push(p.join(seg));
                }
            }
            paths = next;
        }
        paths
    }
}

/// One location mcpward checks.
#[derive(Debug, Clone)]
pub struct Location {
    pub kind: Kind,
    pub scope: Scope,
    pub path: PathBuf,
    /// The template it came from (`~/.cursor/mcp.json`).
    pub template: String,
    /// Whether the path can be looked at on this machine: a system path of
    /// another OS layout (`--platform`) is listed but never checked.
    pub checkable: bool,
}

impl Location {
    /// Whether the file is there (never true for an uncheckable location).
    /// A dangling symlink counts: it is reported rather than skipped.
    pub fn exists(&self) -> bool {
        self.checkable && self.path.symlink_metadata().is_ok()
    }
}

/// Every user-level and system location of every client for this OS, plus
/// the project-level paths under `project_root`.
pub fn known_locations(env: &Env, project_root: Option<&Path>) -> Vec<Location> {
    let mut out = Vec::new();
    for client in clients::all() {
        for file in &client.files {
            let kind = Kind { client, file };
            if file.on(env.os) {
                for t in &file.user_paths {
                    for path in env.expand(t) {
                        out.push(Location {
                            kind,
                            scope: Scope::User,
                            path,
                            template: t.clone(),
                            checkable: true,
                        });
                    }
                }
                for t in &file.system_paths {
                    if system_path_for(t, env.os) {
                        out.push(Location {
                            kind,
                            scope: Scope::System,
                            path: PathBuf::from(t),
                            template: t.clone(),
                            // `C:/…` on Linux would resolve against the cwd.
                            checkable: env.os == Os::current(),
                        });
                    }
                }
            }
            if let Some(root) = project_root {
                for t in &file.project_paths {
                    out.push(Location {
                        kind,
                        scope: Scope::Project,
                        path: root.join(t),
                        template: t.clone(),
                        checkable: true,
                    });
                }
            }
        }
    }
    out
}

/// System paths are listed for all OSes in one list; pick this OS's.
fn system_path_for(template: &str, os: Os) -> bool {
    let windows = template.len() > 2 && template.as_bytes()[1] == b':';
    let mac = template.starts_with("/Library/");
    match os {
        Os::Windows => windows,
        Os::Macos => mac,
        Os::Linux => !windows && !mac,
    }
}

/// A file to lint.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// The location that named it, when it came from the known locations.
    pub kind: Option<Kind>,
    pub scope: Option<Scope>,
    /// Named on the command line: always linted, and errors are fatal.
    pub explicit: bool,
}

/// Something the walk could not look at.
#[derive(Debug, Clone)]
pub struct WalkIssue {
    pub path: PathBuf,
    pub message: String,
    pub kind: &'static str,
}

/// How far a walk has got, for a progress display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files and folders looked at so far.
    pub visited: usize,
    /// Config files recognised so far.
    pub found: usize,
}

/// Walk a directory for files that a known client reads, recognised by path
/// suffix. `.gitignore` is honoured, hidden folders are not skipped, `.git`
/// is, and symbolic links are never followed out of the tree.
pub fn walk(root: &Path, out: &mut Vec<Target>, issues: &mut Vec<WalkIssue>) {
    walk_with_progress(root, out, issues, &mut |_| {});
}

/// [`walk`], calling `progress` after every entry (the caller throttles).
pub fn walk_with_progress(
    root: &Path,
    out: &mut Vec<Target>,
    issues: &mut Vec<WalkIssue>,
    progress: &mut dyn FnMut(Progress),
) {
    let mut seen = Progress::default();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git");
    for entry in builder.build() {
        seen.visited += 1;
        progress(seen);
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err_path(&err).unwrap_or_else(|| root.to_path_buf());
                issues.push(WalkIssue {
                    path,
                    message: format!("cannot walk: {}", err_text(&err)),
                    kind: "walk",
                });
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            continue;
        }
        if !may_be_config(entry.file_name()) {
            // A linked folder that configs live in (`.cursor -> ~/dotfiles/cursor`)
            // is not walked into; say so when it leads out of the tree.
            if ft.is_symlink() && config_folder_name(entry.file_name()) && entry.path().is_dir() {
                if let Ok(false) = symlink_inside(root, entry.path()) {
                    let to = std::fs::read_link(entry.path())
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    issues.push(WalkIssue { path: entry.path().to_path_buf(), message: format!("is a symbolic link to the folder {to}, outside the scanned folder; not followed (scan that path explicitly)"), kind: "symlink-outside" });
                }
            }
            continue;
        }
        let path = entry.path();
        let Some(kind) = clients::kind_for_path(path.strip_prefix(root).unwrap_or(path)) else {
            continue;
        };
        if ft.is_symlink() {
            match symlink_inside(root, path) {
                Ok(true) => {}
                Ok(false) => {
                    let to = std::fs::read_link(path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    issues.push(WalkIssue { path: path.to_path_buf(), message: format!("is a symbolic link to {to}, outside the scanned folder; not followed (scan that path explicitly)"), kind: "symlink-outside" });
                    continue;
                }
                Err(e) => {
                    issues.push(WalkIssue {
                        path: path.to_path_buf(),
                        message: format!("is a broken or looping symbolic link: {e}"),
                        kind: "symlink-broken",
                    });
                    continue;
                }
            }
        }
        seen.found += 1;
        out.push(Target {
            path: path.to_path_buf(),
            kind: Some(kind),
            scope: None,
            explicit: false,
        });
    }
    progress(seen);
}

/// Whether some client reads a file of this name (or a backup of one). A
/// walk sees mostly other files; this hash lookup turns them away before the
/// full suffix match, which was most of the walk's CPU time.
fn may_be_config(name: &std::ffi::OsStr) -> bool {
    static NAMES: std::sync::OnceLock<Option<std::collections::HashSet<String>>> =
        std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        for client in clients::all() {
            for file in &client.files {
                for suffix in file.suffixes() {
                    let last = suffix.rsplit('/').next().unwrap_or(&suffix);
                    if last == "*" {
                        return None; // a wildcard file name: no prefilter
                    }
                    set.insert(last.to_string());
                }
            }
        }
        Some(set)
    });
    let (Some(names), Some(name)) = (names, name.to_str()) else {
        // Non-UTF-8 names match no suffix; no table means no filtering.
        return names.is_none();
    };
    names.contains(name)
        || clients::BACKUP_SUFFIXES
            .iter()
            .filter_map(|b| name.strip_suffix(b))
            .any(|base| names.contains(base))
}

/// Whether a folder of this name appears in a path that some client reads
/// (`.cursor`, `.vscode`, `Code`, `User`, ...).
fn config_folder_name(name: &std::ffi::OsStr) -> bool {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        for client in clients::all() {
            for file in &client.files {
                for suffix in file.suffixes() {
                    let mut segments: Vec<&str> = suffix.split('/').collect();
                    segments.pop();
                    set.extend(segments.into_iter().map(str::to_string));
                }
            }
        }
        set
    });
    // A `*` segment (`profiles/*/mcp.json`) would match any name: not used.
    name.to_str().is_some_and(|n| n != "*" && names.contains(n))
}

fn symlink_inside(root: &Path, link: &Path) -> std::io::Result<bool> {
    let target = std::fs::canonicalize(link)?;
    let root = std::fs::canonicalize(root)?;
    Ok(target.starts_with(root))
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn err_text(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => err_text(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        ignore::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_prefilter_keeps_configs_and_backups() {
        use std::ffi::OsStr;
        for name in [
            ".mcp.json",
            "mcp.json",
            "config.toml",
            ".mcp.json~",
            "mcp.json.bak",
        ] {
            assert!(may_be_config(OsStr::new(name)), "{name}");
        }
        for name in ["main.rs", "package.json", "README.md", "mcp.json.txt"] {
            assert!(!may_be_config(OsStr::new(name)), "{name}");
        }
        // Every file name that any client reads passes.
        for client in clients::all() {
            for file in &client.files {
                for suffix in file.suffixes() {
                    let last = suffix.rsplit('/').next().unwrap();
                    assert!(may_be_config(OsStr::new(last)), "{last}");
                }
            }
        }
    }

    #[test]
    fn expand_templates_against_fake_home() {
        let env = Env {
            os: Os::Macos,
            home: Some("/h".into()),
            config_dir: Some("/h/Library/Application Support".into()),
            cwd: "/w".into(),
        };
        assert_eq!(
            env.expand("~/.cursor/mcp.json"),
            vec![PathBuf::from("/h/.cursor/mcp.json")]
        );
        assert_eq!(
            env.expand("{config}/Claude/claude_desktop_config.json"),
            vec![PathBuf::from(
                "/h/Library/Application Support/Claude/claude_desktop_config.json"
            )]
        );
    }

    #[test]
    fn system_paths_per_os() {
        assert!(system_path_for(
            "/etc/claude-code/managed-mcp.json",
            Os::Linux
        ));
        assert!(system_path_for(
            "C:/Program Files/ClaudeCode/managed-mcp.json",
            Os::Windows
        ));
        assert!(system_path_for(
            "/Library/Application Support/ClaudeCode/managed-mcp.json",
            Os::Macos
        ));
        assert!(!system_path_for(
            "/etc/claude-code/managed-mcp.json",
            Os::Macos
        ));
    }
}
