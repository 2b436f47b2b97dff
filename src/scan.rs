//! One scan: turn targets into what the user sees. Discover → load → parse
//! → model → rules → mask, per file ([`check_target`], [`check_source`]),
//! then the [`filter`] stage over the whole run ([`run`]): rule
//! configuration, ignores, baseline and the command line's selection. The
//! CLI, benches, fuzzing and tests all call [`run`]. Nothing here prints.

pub mod filter;

use std::path::{Path, PathBuf};

use crate::clients::{Client, Scope};
use crate::discover::{self, Env, Location, Progress, Target};
use crate::finding::Finding;
use crate::mask::Mask;
use crate::model::{self, ConfigFile};
use crate::rules::{self, Context};
use crate::source::{self, LoadError};

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Explicit paths; empty means "this machine plus the current project".
    pub paths: Vec<PathBuf>,
    /// Force a client for every file (`--client`).
    pub client: Option<&'static Client>,
    pub size_cap: u64,
    pub env: Env,
    /// The filter stage: ignores, baseline, selection.
    pub filter: filter::FilterOptions,
}

/// A file that was parsed and checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub file: ConfigFile,
    pub scope: Scope,
    pub findings: Vec<Finding>,
    /// The file's secrets, found once when it was checked (the mask stage):
    /// every renderer masks and redacts from this, none rescans the text.
    pub mask: Mask,
}

impl Checked {
    /// A checked file with its mask computed from the text and `findings`
    /// (before any filtering, so a suppressed or baselined finding's secret
    /// is still masked wherever its text shows).
    pub fn new(file: ConfigFile, scope: Scope, findings: Vec<Finding>) -> Checked {
        let mask = Mask::compute(&file.source.text, &findings);
        Checked {
            file,
            scope,
            findings,
            mask,
        }
    }
}

/// A path that could not be scanned.
#[derive(Debug, Clone)]
pub struct ScanError {
    pub path: PathBuf,
    pub kind: &'static str,
    pub message: String,
    /// Named on the command line (makes the run exit 2).
    pub explicit: bool,
}

/// Everything a scan produced.
#[derive(Debug, Clone, Default)]
pub struct ScanResult {
    pub files: Vec<Checked>,
    pub errors: Vec<ScanError>,
    /// Whether this was the no-argument machine scan.
    pub machine_scan: bool,
    /// Findings silenced by ignores (config or inline), not in `files`.
    pub suppressed: usize,
    /// Findings matched by `--baseline`, not in `files`.
    pub baselined: usize,
}

impl ScanResult {
    pub fn findings(&self) -> impl Iterator<Item = (&Checked, &Finding)> {
        self.files
            .iter()
            .flat_map(|c| c.findings.iter().map(move |f| (c, f)))
    }
}

/// Collect the targets for the given options.
pub fn targets(opts: &ScanOptions, errors: &mut Vec<ScanError>) -> Vec<Target> {
    targets_with_progress(opts, errors, &mut |_| {})
}

/// [`targets`], reporting directory-walk progress to `progress`.
pub fn targets_with_progress(
    opts: &ScanOptions,
    errors: &mut Vec<ScanError>,
    progress: &mut dyn FnMut(Progress),
) -> Vec<Target> {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    // Folders named on the command line: one that cannot be read at all is
    // an unreadable explicit path, not a walk warning.
    let mut roots: Vec<&Path> = Vec::new();
    // Only the machine scan looks at this machine's known locations; a run
    // over named paths never touches them (it matches them by path alone).
    let machine = if opts.paths.is_empty() {
        discover::known_locations(&opts.env, None)
    } else {
        Vec::new()
    };
    if opts.paths.is_empty() {
        for loc in machine.iter().cloned() {
            if loc.exists() {
                out.push(Target {
                    path: loc.path,
                    kind: Some(loc.kind),
                    scope: Some(loc.scope),
                    explicit: false,
                });
            }
        }
        let cwd = &opts.env.cwd;
        let at_home = opts.env.home.as_deref() == Some(cwd.as_path()) || cwd.parent().is_none();
        if at_home {
            // Walking a whole home folder or disk is not a project scan: only
            // look at the project paths right here.
            for loc in discover::known_locations(&opts.env, Some(cwd)) {
                if loc.scope == Scope::Project && loc.path.is_file() {
                    out.push(Target {
                        path: loc.path,
                        kind: Some(loc.kind),
                        scope: Some(Scope::Project),
                        explicit: false,
                    });
                }
            }
        } else {
            discover::walk_with_progress(cwd, &mut out, &mut issues, progress);
        }
    } else {
        for p in &opts.paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    roots.push(p);
                    discover::walk_with_progress(p, &mut out, &mut issues, progress)
                }
                // Recognised by its whole absolute path: `mcp.json` named
                // from inside `.cursor` is Cursor's file.
                _ => out.push(Target {
                    path: p.clone(),
                    kind: crate::clients::kind_for_path(&crate::paths::absolute(p, &opts.env.cwd)),
                    scope: None,
                    explicit: true,
                }),
            }
        }
    }
    errors.extend(issues.into_iter().map(|i| ScanError {
        explicit: roots.contains(&i.path.as_path()),
        path: i.path,
        kind: i.kind,
        message: i.message,
    }));
    // A walked or named file that is one of this machine's known locations
    // is that client's file of that scope, whatever its path suffix alone
    // would say (`~/.cursor/mcp.json` is Cursor's user file, not a project's).
    let known: Vec<(PathBuf, &Location)> = machine
        .iter()
        .filter(|l| l.exists())
        .filter_map(|l| std::fs::canonicalize(&l.path).ok().map(|p| (p, l)))
        .collect();
    if !opts.paths.is_empty() {
        for t in out.iter_mut().filter(|t| t.scope.is_none()) {
            let abs = crate::paths::absolute(&t.path, &opts.env.cwd);
            if let Some((kind, scope)) = discover::known_location_at(&opts.env, &abs) {
                t.kind = Some(kind);
                t.scope = Some(scope);
            }
        }
    } else if !known.is_empty() {
        for t in out.iter_mut().filter(|t| t.scope.is_none()) {
            let Ok(canon) = std::fs::canonicalize(&t.path) else {
                continue;
            };
            if let Some((_, loc)) = known.iter().find(|(p, _)| *p == canon) {
                t.kind = Some(loc.kind);
                t.scope = Some(loc.scope);
            }
        }
    }
    // The same file reached twice (a location inside the walked project).
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(std::fs::canonicalize(&t.path).unwrap_or_else(|_| t.path.clone())));
    out
}

/// Load, parse and check one target (before the filter stage).
pub fn check_target(
    target: &Target,
    opts: &ScanOptions,
    cx: &Context,
) -> Result<Checked, ScanError> {
    let source = source::load(&target.path, opts.size_cap)
        .map_err(|e| load_error(&target.path, e, target.explicit))?;
    Ok(check_source(source, target, opts.client, cx))
}

/// Parse and check a source already in memory (before the filter stage).
pub fn check_source(
    source: source::Source,
    target: &Target,
    client: Option<&'static Client>,
    cx: &Context,
) -> Checked {
    let file = model::build(source, target.kind, client, target.scope);
    let scope = target.scope.unwrap_or(file.kind.file.scope);
    let findings = rules::check_file(cx, &file);
    Checked::new(file, scope, findings)
}

fn load_error(path: &Path, e: LoadError, explicit: bool) -> ScanError {
    ScanError {
        path: path.to_path_buf(),
        kind: e.kind(),
        message: e.to_string(),
        explicit,
    }
}

/// The warning kind for a named file that is no MCP configuration at all.
pub const NO_MCP_CONTENT: &str = "no-mcp-content";

/// A named file whose client was guessed from its content and in which no
/// server map was found (`{"name": "x"}`): not an MCP configuration. A file
/// at a known client path (`.vscode/settings.json` without servers, as
/// pre-commit passes them) or with `--client` is always checked.
fn holds_no_mcp(c: &Checked) -> bool {
    let Some(root) = c.file.parsed.root.as_ref() else {
        return false; // unparsable: reported as such
    };
    c.file.kind_source == model::KindSource::Content
        && c.file.servers.is_empty()
        && !c.file.kind.file.servers.iter().any(|p| {
            let top = p.trim_start_matches('/').split('/').next().unwrap_or("");
            top.is_empty() || root.get(top).is_some()
        })
}

/// Run a whole scan, filter stage included: what the user sees.
pub fn run(opts: &ScanOptions, cx: &Context) -> ScanResult {
    run_with_progress(opts, cx, &mut |_| {})
}

/// [`run`], reporting directory-walk progress to `progress` (the caller
/// decides whether and how often to show it).
pub fn run_with_progress(
    opts: &ScanOptions,
    cx: &Context,
    progress: &mut dyn FnMut(Progress),
) -> ScanResult {
    let mut result = ScanResult {
        machine_scan: opts.paths.is_empty(),
        ..Default::default()
    };
    let targets = targets_with_progress(opts, &mut result.errors, progress);
    for t in &targets {
        match check_target(t, opts, cx) {
            Ok(c) if t.explicit && holds_no_mcp(&c) => result.errors.push(ScanError {
                path: t.path.clone(),
                kind: NO_MCP_CONTENT,
                message: "holds no MCP configuration: it is not at a path a known client reads, and it has no server map (mcpServers, servers, mcp, mcp_servers, context_servers); `--client ID` lints it as that client's file".into(),
                explicit: false,
            }),
            Ok(c) => result.files.push(c),
            Err(e) => result.errors.push(e),
        }
    }
    let cwd = &opts.env.cwd;
    let coverage = filter::Coverage {
        walked: if opts.paths.is_empty() {
            vec![cwd.clone()]
        } else {
            opts.paths
                .iter()
                .map(|p| crate::paths::absolute(p, cwd))
                .filter(|p| p.is_dir())
                .collect()
        },
        machine_scan: result.machine_scan,
    };
    filter::run(&mut result, cx.config, &opts.filter, cwd, &coverage);
    result
}
