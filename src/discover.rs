//! Finding config files: explicit paths, directory walks (the `ignore` crate,
//! `.gitignore` respected, hidden folders such as `.cursor/` not skipped), and
//! the known user-level and system locations of every client for this OS.
//! Home and config folders come from [`Env`] only, so tests use fake homes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::clients::{self, Kind, Os, Scope};
use crate::paths::absolute;

/// Where "home" and "the config folder" are, which OS layout to use, and
/// the environment variables that move client config folders.
#[derive(Debug, Clone)]
pub struct Env {
    pub os: Os,
    pub home: Option<PathBuf>,
    /// What `{config}` expands to (XDG config, Application Support, AppData).
    pub config_dir: Option<PathBuf>,
    pub cwd: PathBuf,
    /// Values of the variables that `known-clients/` templates name
    /// (`CODEX_HOME`, `CLAUDE_CONFIG_DIR`, ...), by name. An unset or empty
    /// variable is absent. Only [`Env::detect`] reads the real environment;
    /// tests fill this map themselves.
    pub env_vars: BTreeMap<String, PathBuf>,
}

impl Env {
    /// The real environment. `home` and `os` override detection (for tests,
    /// and for scanning a copy of another machine's home folder); with either
    /// given, this machine's variables (`CODEX_HOME`, ...) are not read
    /// either, since they describe this machine's folders.
    pub fn detect(home: Option<PathBuf>, os: Option<Os>) -> Env {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let os_given = os.is_some();
        let os = os.unwrap_or_else(Os::current);
        let overridden = home.is_some() || os_given;
        // A relative `--home` is relative to the current folder, like any
        // path argument; made absolute so it compares with the cwd.
        let home = home.map(|h| absolute(&h, &cwd)).or_else(dirs::home_dir);
        let config_dir = if overridden {
            home.as_ref().map(|h| h.join(os.config_rel()))
        } else {
            dirs::config_dir().or_else(|| home.as_ref().map(|h| h.join(os.config_rel())))
        };
        let env_vars = if overridden {
            BTreeMap::new()
        } else {
            Env::real_env_vars()
        };
        Env {
            os,
            home,
            config_dir,
            cwd,
            env_vars,
        }
    }

    /// The variables named in `known-clients/`, from this process's
    /// environment (empty values count as unset, as in the clients).
    pub fn real_env_vars() -> BTreeMap<String, PathBuf> {
        clients::env_var_names()
            .into_iter()
            .filter_map(|name| {
                let value = std::env::var_os(&name).filter(|v| !v.is_empty())?;
                Some((name, PathBuf::from(value)))
            })
            .collect()
    }

    /// The starting folder of a template, the rest of it (relative, with
    /// globs), and the variable that chose the start, if one did. `None`
    /// when the start is unknown (no home folder; a variable with no default
    /// that is unset).
    fn resolve(&self, template: &str) -> Option<(PathBuf, String, Option<String>)> {
        if let Some(r) = clients::env_ref(template) {
            if let Some(value) = self.env_vars.get(r.name) {
                // A relative value is taken from the folder the client is
                // started in, as the clients do.
                let base = if value.is_absolute() {
                    value.clone()
                } else {
                    self.cwd.join(value)
                };
                return Some((base, r.rest.to_string(), Some(r.name.to_string())));
            }
            return self.resolve(&clients::join_template(r.default?, r.rest));
        }
        if template == "~" {
            return Some((self.home.clone()?, String::new(), None));
        }
        if let Some(r) = template.strip_prefix("~/") {
            return Some((self.home.clone()?, r.to_string(), None));
        }
        if let Some(r) = template.strip_prefix("{config}/") {
            return Some((self.config_dir.clone()?, r.to_string(), None));
        }
        Some((PathBuf::from(template), String::new(), None))
    }

    /// Expand a template to the paths it names on this machine: globs are
    /// matched against the folders (read only, never created).
    pub fn expand(&self, template: &str) -> Vec<PathBuf> {
        self.expand_located(template)
            .into_iter()
            .filter(|e| !e.pattern)
            .map(|e| e.path)
            .collect()
    }

    /// [`Env::expand`], saying which variable chose each path; a glob that
    /// matches nothing gives one entry with the pattern itself.
    pub fn expand_located(&self, template: &str) -> Vec<Expanded> {
        let Some((base, rest, env_var)) = self.resolve(template) else {
            return Vec::new();
        };
        glob_under(&base, &rest)
            .into_iter()
            .map(|(path, pattern)| Expanded {
                path,
                env_var: env_var.clone(),
                pattern,
            })
            .collect()
    }
}

/// One path a template expanded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub path: PathBuf,
    /// The environment variable that placed it (`CODEX_HOME`), if any.
    pub env_var: Option<String>,
    /// A glob that matched nothing: `path` is the pattern.
    pub pattern: bool,
}

/// Expand `rest` (`/`-separated, with `*` and `**` segments) under `base`.
/// Without globs this is the one path, whether or not it exists; with globs
/// it is every existing match, or the pattern itself (flagged `true`) when
/// nothing matches. `**` spans up to [`clients::GLOB_DEPTH`] folders and
/// never enters a symbolic link, `.git` or `node_modules`.
pub fn glob_under(base: &Path, rest: &str) -> Vec<(PathBuf, bool)> {
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if !segments.iter().any(|s| s.contains('*')) {
        let mut p = base.to_path_buf();
        p.extend(&segments);
        return vec![(p, false)];
    }
    let mut paths = vec![base.to_path_buf()];
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let mut next = Vec::new();
        for p in paths {
            if *seg == "**" {
                descend(&p, clients::GLOB_DEPTH, &mut next);
            } else if seg.contains('*') {
                next.extend(children(&p, seg, last));
            } else {
                next.push(p.join(seg));
            }
        }
        paths = next;
    }
    paths.retain(|p| p.symlink_metadata().is_ok());
    paths.dedup();
    if paths.is_empty() {
        let mut p = base.to_path_buf();
        p.extend(&segments);
        return vec![(p, true)];
    }
    paths.into_iter().map(|p| (p, false)).collect()
}

/// Entries of `dir` whose name matches `pattern`, sorted: folders (not
/// linked ones) for an inner segment, files (and links to files, or broken
/// links, which are then reported) for the last one.
fn children(dir: &Path, pattern: &str, files: bool) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| clients::segment_matches(pattern, n))
        })
        .filter(|e| {
            e.file_type().is_ok_and(|t| {
                if files {
                    t.is_file() || (t.is_symlink() && !e.path().is_dir())
                } else {
                    t.is_dir()
                }
            })
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// `dir` and its folders down to `depth` levels, sorted, without following
/// symbolic links.
fn descend(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    out.push(dir.to_path_buf());
    if depth == 0 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut kids: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            !clients::GLOB_SKIP
                .iter()
                .any(|s| e.file_name() == std::ffi::OsStr::new(s))
        })
        .map(|e| e.path())
        .collect();
    kids.sort();
    for k in kids {
        descend(&k, depth - 1, out);
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
    /// The environment variable that moved it (`CODEX_HOME`), if any.
    pub env_var: Option<String>,
    /// A glob that matched no file here: `path` is the pattern.
    pub pattern: bool,
}

impl Location {
    /// Whether the file is there (never true for an uncheckable location or
    /// an unmatched pattern). A dangling symlink counts: it is reported
    /// rather than skipped.
    pub fn exists(&self) -> bool {
        self.checkable && !self.pattern && self.path.symlink_metadata().is_ok()
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
                    for e in env.expand_located(t) {
                        out.push(Location {
                            kind,
                            scope: Scope::User,
                            path: e.path,
                            template: t.clone(),
                            checkable: true,
                            env_var: e.env_var,
                            pattern: e.pattern,
                        });
                    }
                }
                for t in &file.system_paths {
                    // The OS a system path belongs to is told by its default.
                    let on_os =
                        clients::default_template(t).is_some_and(|d| system_path_for(&d, env.os));
                    if !on_os {
                        continue;
                    }
                    for e in env.expand_located(t) {
                        out.push(Location {
                            kind,
                            scope: Scope::System,
                            path: e.path,
                            template: t.clone(),
                            // `C:/…` on Linux would resolve against the cwd.
                            checkable: env.os == Os::current(),
                            env_var: e.env_var,
                            pattern: e.pattern,
                        });
                    }
                }
            }
            if let Some(root) = project_root {
                for t in &file.project_paths {
                    for (path, pattern) in glob_under(root, t) {
                        out.push(Location {
                            kind,
                            scope: Scope::Project,
                            path,
                            template: t.clone(),
                            checkable: true,
                            env_var: None,
                            pattern,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The user-level or system location of this machine that `path` (absolute,
/// normalised) is, by its path alone: the templates are resolved against
/// the home and config folders and matched segment by segment, globs
/// included, without looking at the file system. For runs over named
/// paths, which must not touch the machine's other locations.
pub fn known_location_at(env: &Env, path: &Path) -> Option<(Kind, Scope)> {
    for client in clients::all() {
        for file in &client.files {
            if !file.on(env.os) {
                continue;
            }
            let kind = Kind { client, file };
            let system = file.system_paths.iter().filter(|t| {
                clients::default_template(t).is_some_and(|d| system_path_for(&d, env.os))
            });
            let templates = file
                .user_paths
                .iter()
                .map(|t| (t, Scope::User))
                .chain(system.map(|t| (t, Scope::System)));
            for (t, scope) in templates {
                let Some((base, rest, _)) = env.resolve(t) else {
                    continue;
                };
                let Ok(below) = path.strip_prefix(&base) else {
                    continue;
                };
                let got: Vec<&str> = below
                    .components()
                    .filter_map(|c| c.as_os_str().to_str())
                    .collect();
                let want: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
                if segments_match(&got, &want) {
                    return Some((kind, scope));
                }
            }
        }
    }
    None
}

/// Whole-path match of segments against template segments (`*` within a
/// segment, `**` for up to [`clients::GLOB_DEPTH`] folders).
fn segments_match(path: &[&str], pattern: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (None, _) => path.is_empty(),
        (Some((&"**", rest)), _) => {
            (0..=clients::GLOB_DEPTH.min(path.len())).any(|k| segments_match(&path[k..], rest))
        }
        (Some((want, rest)), Some((got, path_rest))) => {
            clients::segment_matches(want, got) && segments_match(path_rest, rest)
        }
        (Some(_), None) => false,
    }
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

/// [`walk`], calling `progress` as the walk goes (the caller throttles).
///
/// The walk is `ignore`'s parallel walker (as ripgrep's): entries are
/// turned away by file name first, from the listing the walker already
/// read, and only the few candidates are matched by path suffix against the
/// root's absolute path, so a walk of `.cursor` itself, or of a dotfiles
/// copy of `~/.codeium/windsurf`, recognises the files in it. Results are
/// sorted once at the end, by path: reports come in the same order on every
/// machine.
pub fn walk_with_progress(
    root: &Path,
    out: &mut Vec<Target>,
    issues: &mut Vec<WalkIssue>,
    progress: &mut dyn FnMut(Progress),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    // The walker opens the ignore files of the root and its parents; one
    // that is a FIFO would block it forever. Then walk without them.
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs_root = absolute(root, &cwd);
    // The walker reads the ignore files of the root's real (canonical)
    // parents: check those, once per walk.
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| abs_root.clone());
    let blocked = canonical.ancestors().find_map(special_ignore_file);
    let use_ignores = blocked.is_none();
    if let Some((path, what)) = blocked {
        issues.push(WalkIssue {
            path,
            message: format!("is not a regular file ({what}); mcpward never reads FIFOs, sockets or devices, so no ignore file applied to this walk"),
            kind: "not-regular-file",
        });
    }
    let skipped: Mutex<Vec<(PathBuf, (PathBuf, &'static str))>> = Mutex::new(Vec::new());
    let skipped = std::sync::Arc::new(skipped);
    let skipped_in_filter = skipped.clone();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(false)
        .git_ignore(use_ignores)
        .git_exclude(use_ignores)
        .git_global(use_ignores)
        .ignore(use_ignores)
        .parents(use_ignores)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| {
            if e.file_name() == ".git" {
                return false;
            }
            // Entering a folder opens its ignore files: not one that blocks.
            if use_ignores && e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()) {
                if let Some(found) = special_ignore_file(e.path()) {
                    if let Ok(mut v) = skipped_in_filter.lock() {
                        v.push((e.path().to_path_buf(), found));
                    }
                    return false;
                }
            }
            true
        });
    // The root's own folder name stands in for the parent of the files
    // directly in it (`mcpward .` inside `.kiro/agents`).
    let root_name = abs_root.file_name().unwrap_or_default().to_os_string();
    let visited = AtomicUsize::new(0);
    let found = AtomicUsize::new(0);
    let results: Mutex<(Vec<Target>, Vec<WalkIssue>)> = Mutex::new((Vec::new(), Vec::new()));
    let visit = |entry: Result<ignore::DirEntry, ignore::Error>| {
        visited.fetch_add(1, Ordering::Relaxed);
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err_path(&err).unwrap_or_else(|| root.to_path_buf());
                let issue = WalkIssue {
                    path,
                    message: format!("cannot walk: {}", err_text(&err)),
                    kind: "walk",
                };
                if let Ok(mut r) = results.lock() {
                    r.1.push(issue);
                }
                return;
            }
        };
        let Some(ft) = entry.file_type() else {
            return;
        };
        if ft.is_dir() {
            return;
        }
        let parent = if entry.depth() <= 1 {
            root_name.as_os_str()
        } else {
            entry
                .path()
                .parent()
                .and_then(Path::file_name)
                .unwrap_or_default()
        };
        let path = entry.path();
        if !may_be_config(entry.file_name(), parent) {
            // A linked folder that configs live in (`.cursor -> ~/dotfiles/cursor`)
            // is not walked into; say so when it leads out of the tree.
            if ft.is_symlink() && config_folder_name(entry.file_name()) && path.is_dir() {
                if let Ok(false) = symlink_inside(root, path) {
                    let to = std::fs::read_link(path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    let issue = WalkIssue { path: path.to_path_buf(), message: format!("is a symbolic link to the folder {to}, outside the scanned folder; not followed (scan that path explicitly)"), kind: "symlink-outside" };
                    if let Ok(mut r) = results.lock() {
                        r.1.push(issue);
                    }
                }
            }
            return;
        }
        // A candidate: matched with the root's own path components.
        let full = abs_root.join(path.strip_prefix(root).unwrap_or(path));
        let Some(kind) = clients::kind_for_path(&full) else {
            return;
        };
        if ft.is_symlink() {
            let issue = match symlink_inside(root, path) {
                Ok(true) => None,
                Ok(false) => {
                    let to = std::fs::read_link(path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    Some(WalkIssue { path: path.to_path_buf(), message: format!("is a symbolic link to {to}, outside the scanned folder; not followed (scan that path explicitly)"), kind: "symlink-outside" })
                }
                Err(e) => Some(WalkIssue {
                    path: path.to_path_buf(),
                    message: format!("is a broken or looping symbolic link: {e}"),
                    kind: "symlink-broken",
                }),
            };
            if let Some(issue) = issue {
                if let Ok(mut r) = results.lock() {
                    r.1.push(issue);
                }
                return;
            }
        }
        found.fetch_add(1, Ordering::Relaxed);
        let target = Target {
            path: path.to_path_buf(),
            kind: Some(kind),
            scope: None,
            explicit: false,
        };
        if let Ok(mut r) = results.lock() {
            r.0.push(target);
        }
    };
    let snapshot = || Progress {
        visited: visited.load(Ordering::Relaxed),
        found: found.load(Ordering::Relaxed),
    };
    std::thread::scope(|s| {
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        s.spawn(move || {
            builder.build_parallel().run(|| {
                Box::new(|entry| {
                    visit(entry);
                    ignore::WalkState::Continue
                })
            });
            drop(done_tx);
        });
        // Progress from this thread (the callback need not be `Send`),
        // woken by the end of the walk or every 50 ms.
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            done_rx.recv_timeout(std::time::Duration::from_millis(50))
        {
            progress(snapshot());
        }
    });
    progress(snapshot());
    let (mut targets, mut walk_issues) = results.into_inner().unwrap_or_else(|e| e.into_inner());
    targets.sort_by(|a, b| a.path.cmp(&b.path));
    walk_issues.sort_by(|a, b| a.path.cmp(&b.path));
    out.extend(targets);
    issues.extend(walk_issues);
    let mut skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|e| e.into_inner()));
    skipped.sort();
    for (folder, (path, what)) in skipped {
        issues.push(WalkIssue {
            path,
            message: format!("is not a regular file ({what}); mcpward never reads FIFOs, sockets or devices, so the folder {} was not walked", folder.display()),
            kind: "not-regular-file",
        });
    }
}

/// The ignore files the walker opens in a folder.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git/info/exclude"];

/// An ignore file of `dir` that exists but is not a regular file or folder
/// (a FIFO would block the walker that opens it), and what it is.
fn special_ignore_file(dir: &Path) -> Option<(PathBuf, &'static str)> {
    IGNORE_FILES.iter().find_map(|name| {
        let p = dir.join(name);
        let ft = std::fs::metadata(&p).ok()?.file_type();
        (!ft.is_file() && !ft.is_dir()).then(|| (p, crate::source::special_kind(&ft)))
    })
}

/// Whether some client reads a file of this name (or a backup of one) in a
/// folder of this name. A walk sees mostly other files; this hash lookup
/// turns them away before the full suffix match, which was most of the
/// walk's CPU time.
fn may_be_config(name: &std::ffi::OsStr, parent: &std::ffi::OsStr) -> bool {
    static NAMES: std::sync::OnceLock<Option<NameFilter>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut set = NameFilter::default();
        for client in clients::all() {
            for file in &client.files {
                for suffix in file.suffixes() {
                    let mut segments = suffix.rsplit('/');
                    let last = segments.next().unwrap_or(&suffix);
                    if last == "*" || last == "**" {
                        return None; // any file name: no prefilter
                    }
                    if last.contains('*') {
                        // `.kiro/agents/*.json`: also keyed by its folder.
                        let folder = segments
                            .next()
                            .filter(|f| !f.contains('*'))
                            .map(str::to_string);
                        set.patterns.push((folder, last.to_string()));
                    } else {
                        set.exact.insert(last.to_string());
                    }
                }
            }
        }
        Some(set)
    });
    let (Some(names), Some(name)) = (names, name.to_str()) else {
        // Non-UTF-8 names match no suffix; no table means no filtering.
        return names.is_none();
    };
    let parent = parent.to_str().unwrap_or_default();
    names.matches(name, parent)
        || clients::BACKUP_SUFFIXES
            .iter()
            .filter_map(|b| name.strip_suffix(b))
            .any(|base| names.matches(base, parent))
}

/// File names that some client reads: exact names, and globs such as
/// `*.json` with the folder they must be in (`agents`), if any.
#[derive(Default)]
struct NameFilter {
    exact: std::collections::HashSet<String>,
    patterns: Vec<(Option<String>, String)>,
}

impl NameFilter {
    fn matches(&self, name: &str, parent: &str) -> bool {
        self.exact.contains(name)
            || self.patterns.iter().any(|(folder, p)| {
                folder.as_deref().is_none_or(|f| f == parent) && clients::segment_matches(p, name)
            })
    }
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
                    // Around a glob only the distinctive dot folders count
                    // (`.kiro`, `.claude`), not `agents`, `plugins` or `cache`.
                    let globbed = suffix.contains('*');
                    set.extend(
                        segments
                            .into_iter()
                            .filter(|s| !s.contains('*') && (!globbed || s.starts_with('.')))
                            .map(str::to_string),
                    );
                }
            }
        }
        set
    });
    // Glob segments (`profiles/*/mcp.json`) would match any name: not used.
    name.to_str().is_some_and(|n| names.contains(n))
}

#[cfg(test)]
#[test]
fn config_folder_names_leave_out_generic_names_near_globs() {
    use std::ffi::OsStr;
    for n in [".kiro", ".amazonq", ".claude", ".cursor", "Code", "User"] {
        assert!(config_folder_name(OsStr::new(n)), "{n}");
    }
    for n in ["cache", "plugins", "agents", "cli-agents", "src"] {
        assert!(!config_folder_name(OsStr::new(n)), "{n}");
    }
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
            // Agent files and workspace files are globbed (`*.json`).
            "dev-agent.json",
            "team.code-workspace",
            "team.code-workspace.bak",
        ] {
            assert!(
                may_be_config(OsStr::new(name), OsStr::new("agents")),
                "{name}"
            );
        }
        for name in [
            "main.rs",
            "README.md",
            "mcp.json.txt",
            "a.code-workspace.md",
        ] {
            assert!(
                !may_be_config(OsStr::new(name), OsStr::new("agents")),
                "{name}"
            );
        }
        // A globbed name counts only in its folder.
        assert!(!may_be_config(
            OsStr::new("package.json"),
            OsStr::new("app")
        ));
        assert!(may_be_config(
            OsStr::new("package.json"),
            OsStr::new("cli-agents")
        ));
        // Every file name that any client reads passes.
        for client in clients::all() {
            for file in &client.files {
                for suffix in file.suffixes() {
                    let mut segments = suffix.rsplit('/');
                    let last = segments.next().unwrap();
                    let folder = segments.next().unwrap_or("x").replace('*', "x");
                    let name = last.replace('*', "x");
                    assert!(
                        may_be_config(OsStr::new(&name), OsStr::new(&folder)),
                        "{suffix}"
                    );
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
            env_vars: Default::default(),
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

    fn fake_env(home: &Path, vars: &[(&str, &Path)]) -> Env {
        Env {
            os: Os::Linux,
            home: Some(home.to_path_buf()),
            config_dir: Some(home.join(".config")),
            cwd: home.join("work"),
            env_vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_path_buf()))
                .collect(),
        }
    }

    #[test]
    fn environment_variables_move_locations() {
        let h = Path::new("/h");
        let unset = fake_env(h, &[]);
        let t = "{env:CODEX_HOME|~/.codex}/config.toml";
        assert_eq!(unset.expand(t), [PathBuf::from("/h/.codex/config.toml")]);
        assert_eq!(unset.expand_located(t)[0].env_var, None);
        let set = fake_env(h, &[("CODEX_HOME", Path::new("/srv/codex"))]);
        let e = &set.expand_located(t)[0];
        assert_eq!(e.path, PathBuf::from("/srv/codex/config.toml"));
        assert_eq!(e.env_var.as_deref(), Some("CODEX_HOME"));
        // A relative value is taken from the current folder.
        let rel = fake_env(h, &[("CODEX_HOME", Path::new("cx"))]);
        assert_eq!(rel.expand(t), [PathBuf::from("/h/work/cx/config.toml")]);
        // Nested defaults: the first variable that is set wins.
        let cline =
            "{env:CLINE_DATA_DIR|{env:CLINE_DIR|~/.cline}/data}/settings/cline_mcp_settings.json";
        assert_eq!(
            unset.expand(cline),
            [PathBuf::from(
                "/h/.cline/data/settings/cline_mcp_settings.json"
            )]
        );
        let dir = fake_env(h, &[("CLINE_DIR", Path::new("/c"))]);
        let e = &dir.expand_located(cline)[0];
        assert_eq!(
            e.path,
            PathBuf::from("/c/data/settings/cline_mcp_settings.json")
        );
        assert_eq!(e.env_var.as_deref(), Some("CLINE_DIR"));
        let both = fake_env(
            h,
            &[
                ("CLINE_DIR", Path::new("/c")),
                ("CLINE_DATA_DIR", Path::new("/d")),
            ],
        );
        assert_eq!(
            both.expand(cline),
            [PathBuf::from("/d/settings/cline_mcp_settings.json")]
        );
        // `~` alone as a default, and a variable that names a file.
        assert_eq!(
            unset.expand("{env:CLAUDE_CONFIG_DIR|~}/.claude.json"),
            [PathBuf::from("/h/.claude.json")]
        );
        assert!(unset.expand("{env:OPENCODE_CONFIG}").is_empty());
        let oc = fake_env(h, &[("OPENCODE_CONFIG", Path::new("/etc/oc.json"))]);
        assert_eq!(
            oc.expand("{env:OPENCODE_CONFIG}"),
            [PathBuf::from("/etc/oc.json")]
        );
    }

    #[test]
    fn globs_match_files_in_a_folder_and_plugin_trees() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let agents = root.join(".kiro/agents");
        std::fs::create_dir_all(agents.join("prompts.json")).unwrap(); // a folder
        for f in ["b.json", "a.json", "notes.md"] {
            std::fs::write(agents.join(f), "{}").unwrap();
        }
        let got: Vec<(PathBuf, bool)> = glob_under(root, ".kiro/agents/*.json");
        assert_eq!(
            got,
            [
                (agents.join("a.json"), false),
                (agents.join("b.json"), false)
            ]
        );
        // Nothing matches: the pattern itself, flagged.
        assert_eq!(
            glob_under(root, ".amazonq/cli-agents/*.json"),
            [(root.join(".amazonq/cli-agents/*.json"), true)]
        );
        // `**`: plugin roots at any depth up to GLOB_DEPTH, not in
        // node_modules, not deeper.
        let cache = root.join("plugins/cache");
        let wanted = [
            cache.join(".mcp.json"),
            cache.join("mkt/github/1.0.0/.mcp.json"),
            cache.join("mkt/linear/.mcp.json"),
        ];
        let skipped = [
            cache.join("mkt/github/1.0.0/node_modules/x/.mcp.json"),
            cache.join(format!("{}.mcp.json", "d/".repeat(clients::GLOB_DEPTH + 1))),
        ];
        for f in wanted.iter().chain(skipped.iter()) {
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, "{}").unwrap();
        }
        let got: Vec<PathBuf> = glob_under(root, "plugins/cache/**/.mcp.json")
            .into_iter()
            .map(|(p, pattern)| {
                assert!(!pattern);
                p
            })
            .collect();
        assert_eq!(got, wanted);
        // A linked folder is not followed out.
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join(".mcp.json"), "{}").unwrap();
            std::os::unix::fs::symlink(outside.path(), cache.join("linked")).unwrap();
            let n = glob_under(root, "plugins/cache/**/.mcp.json").len();
            assert_eq!(n, wanted.len());
        }
        // Without globs: the one path, whether or not it exists.
        assert_eq!(
            glob_under(root, ".cursor/mcp.json"),
            [(root.join(".cursor/mcp.json"), false)]
        );
    }

    #[test]
    fn known_locations_say_which_variable_moved_them() {
        let home = tempfile::tempdir().unwrap();
        let codex = tempfile::tempdir().unwrap();
        std::fs::write(codex.path().join("config.toml"), "").unwrap();
        let env = fake_env(home.path(), &[("CODEX_HOME", codex.path())]);
        let locs = known_locations(&env, None);
        let l = locs
            .iter()
            .find(|l| l.kind.client.id == "codex" && l.scope == Scope::User)
            .unwrap();
        assert_eq!(l.path, codex.path().join("config.toml"));
        assert_eq!(l.env_var.as_deref(), Some("CODEX_HOME"));
        assert!(l.exists());
        // Agent-file patterns are listed even when no agent exists.
        let l = locs
            .iter()
            .find(|l| l.kind.client.id == "kiro" && l.kind.file.role == "agent")
            .unwrap();
        assert!(l.pattern && !l.exists(), "{l:?}");
        assert_eq!(l.path, home.path().join(".kiro/agents/*.json"));
        // A system path moved by a variable keeps to its OS layout.
        let gem = fake_env(
            home.path(),
            &[(
                "GEMINI_CLI_SYSTEM_SETTINGS_PATH",
                Path::new("/opt/gemini.json"),
            )],
        );
        let sys: Vec<_> = known_locations(&gem, None)
            .into_iter()
            .filter(|l| l.kind.client.id == "gemini-cli" && l.scope == Scope::System)
            .map(|l| (l.path, l.env_var))
            .collect();
        assert_eq!(
            sys,
            [
                (
                    PathBuf::from("/opt/gemini.json"),
                    Some("GEMINI_CLI_SYSTEM_SETTINGS_PATH".to_string())
                ),
                (PathBuf::from("/etc/gemini-cli/system-defaults.json"), None),
            ]
        );
    }

    #[test]
    fn known_locations_are_matched_by_path_alone() {
        let env = fake_env(Path::new("/h"), &[("CODEX_HOME", Path::new("/srv/cx"))]);
        let at =
            |p: &str| known_location_at(&env, Path::new(p)).map(|(k, s)| (k.client.id.as_str(), s));
        assert_eq!(at("/h/.cursor/mcp.json"), Some(("cursor", Scope::User)));
        assert_eq!(at("/h/.kiro/agents/dev.json"), Some(("kiro", Scope::User)));
        assert_eq!(at("/h/.kiro/agents/sub/dev.json"), None);
        assert_eq!(at("/srv/cx/config.toml"), Some(("codex", Scope::User)));
        // Moved by CODEX_HOME: the default place is not Codex's any more.
        assert_eq!(at("/h/.codex/config.toml"), None);
        assert_eq!(
            at("/etc/claude-code/managed-mcp.json"),
            Some(("claude-code", Scope::System))
        );
        assert_eq!(at("/h/proj/.cursor/mcp.json"), None);
        assert_eq!(
            at("/h/.claude/plugins/cache/mkt/gh/1.0/.mcp.json"),
            Some(("claude-code", Scope::User))
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
