//! Command-line interface: argument parsing, running the scan, choosing the
//! renderer, writing output and computing the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::clients::{self, Os};
use crate::discover::Env;
use crate::finding::Severity;
use crate::report::{self, OutputFormat, RenderOptions, Style};
use crate::rules::{self, Context};
use crate::scan::filter::{Confidence, FilterOptions, Selection};
use crate::scan::{self, ScanOptions};

const EXAMPLES: &str = "\
Examples:
  mcpward                              scan every known client config on this machine and the current project
  mcpward .cursor/mcp.json .mcp.json   lint these files (what the pre-commit hook does)
  mcpward ~/dotfiles                   walk a folder for client configs (.gitignore respected)
  mcpward --format json .              machine-readable output (schema: docs/json-output.md)
  mcpward -f sarif -o mcpward.sarif --exit-zero .   SARIF for GitHub code scanning
  mcpward -f github .                  annotations in a GitHub Actions log
  mcpward --client vscode settings.json   force the client when the path does not tell
  mcpward locations                    list every location mcpward checks on this OS
  mcpward rules                        list the rules; `mcpward explain <rule-id>` for one

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 could not scan.";

/// Lint and secret-scan the MCP configuration files of AI clients.
#[derive(Debug, Parser)]
#[command(name = "mcpward", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to lint. With none, scans every known client config
    /// on this machine plus the project in the current folder.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Human, global = true)]
    pub format: OutputFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = Severity::Low, value_name = "SEVERITY")]
    pub fail_on: Severity,

    /// Exit 0 even when findings are reported, e.g. so a CI step that uploads
    /// SARIF still runs (2 still means the scan could not run).
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit 0 when the named paths hold no MCP configuration at all (by
    /// default that exits 2: a CI step over the wrong folder is no green light).
    #[arg(long)]
    pub allow_empty: bool,

    /// Print only the summary (human format).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Never use colour (same as --color never; NO_COLOR is honoured too).
    #[arg(long)]
    pub no_color: bool,

    /// Treat every file as this client's config (see `mcpward locations`).
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,

    /// Use DIR as the home folder for the machine scan and `locations`.
    #[arg(long, value_name = "DIR", global = true)]
    pub home: Option<PathBuf>,

    /// Use this OS's folder layout for the machine scan and `locations`.
    #[arg(long, value_enum, value_name = "OS", global = true)]
    pub platform: Option<Os>,

    /// Use this configuration file instead of the mcpward.toml (or
    /// .mcpward.toml) found from the scanned folder upwards.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Apply no ignores: neither [[ignore]] entries of the configuration
    /// nor inline `mcpward-ignore` comments.
    #[arg(long)]
    pub no_ignore: bool,

    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in FILE (a baseline) and exit 0. With
    /// --baseline naming the same FILE, refreshes it in place (fixed
    /// findings dropped, new ones added).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings at or above this severity (after any
    /// `severity` set in mcpward.toml).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<Severity>,

    /// Report only these rules (repeat the flag or separate ids with
    /// commas). A rule disabled in mcpward.toml stays disabled.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Never report these rules (repeat the flag or separate ids with
    /// commas).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Report only rules whose declared precision is at least this
    /// (`mcpward explain RULE` shows a rule's).
    #[arg(long, value_enum, value_name = "CONFIDENCE")]
    pub min_confidence: Option<Confidence>,

    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::source::DEFAULT_SIZE_CAP)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every location mcpward checks on this OS, per client and scope,
    /// and whether each exists.
    Locations,
    /// List every rule with its default severity.
    Rules,
    /// Print a rule's full documentation.
    Explain {
        /// Rule id, e.g. hardcoded-secret.
        rule: String,
    },
    /// List every configured server: what runs, who publishes it, its
    /// scopes, read-only mode, credentials and auto-approved tools
    /// (docs/inventory.md). Same discovery as a scan; `--format json` for
    /// JSON.
    Inventory {
        /// Files or folders; with none, this machine plus the project.
        paths: Vec<PathBuf>,
        /// Print Markdown (for an audit or a pull-request description).
        #[arg(long, conflicts_with = "format")]
        markdown: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Parse arguments and run. Returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    run(cli)
}

fn run(cli: Cli) -> ExitCode {
    let env = Env::detect(cli.home.clone(), cli.platform);
    if let Some(command) = &cli.command {
        return subcommand(&cli, command, &env);
    }
    let client = match forced_client(&cli) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let config = match load_config(&cli, &env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let filter = match filter_options(&cli) {
        Ok(f) => f,
        Err(msg) => return fail(&msg),
    };
    let opts = ScanOptions {
        paths: cli.paths.clone(),
        client,
        size_cap: cli.max_file_size,
        env: env.clone(),
        filter,
    };
    let cx = Context {
        config: Some(&config),
    };
    let mut progress = WalkProgress::new(!cli.quiet && std::io::stderr().is_terminal());
    let result = scan::run_with_progress(&opts, &cx, &mut |p| progress.update(p));
    progress.finish();
    // Files mcpward reads besides the configs: never overwritten either.
    let inputs: Vec<PathBuf> = config
        .origin
        .as_ref()
        .map(|o| o.path.clone())
        .into_iter()
        .chain(cli.baseline.clone())
        .collect();
    if let Some(path) = &cli.write_baseline {
        return write_baseline(path, &result, &inputs, &env, cli.baseline.as_deref());
    }
    if let Some(b) = &opts.filter.baseline {
        let cwd = &env.cwd;
        let scanned: Vec<String> = result
            .files
            .iter()
            .map(|c| &c.file.source.path)
            .chain(result.errors.iter().map(|e| &e.path))
            .map(|p| crate::paths::display_path(p, cwd))
            .collect();
        if let Some(w) = b.unmatched_warning(scanned.iter().map(String::as_str)) {
            let _ = writeln!(std::io::stderr(), "mcpward: warning: {w}");
        }
    }
    if let Some(out) = &cli.output {
        if let Some(scanned) = input_path_at(out, &result, &inputs) {
            return fail(&format!(
                "refusing to write the report over {}, a file mcpward reads",
                scanned.display()
            ));
        }
    }
    let ropts = render_options(&cli, env.cwd.clone());
    let code = emit(&cli, &render(cli.format, &result, &ropts));
    if code != ExitCode::SUCCESS {
        return code;
    }
    if cli.format == OutputFormat::Github {
        step_summary(&result, &ropts, &inputs);
    }
    exit_code(&cli, &result)
}

/// `locations`, `rules`, `explain` and `inventory`.
fn subcommand(cli: &Cli, command: &Command, env: &Env) -> ExitCode {
    match command {
        Command::Locations => match cli.format {
            OutputFormat::Json => emit(cli, &report::locations::json(env)),
            OutputFormat::Human => emit(cli, &report::locations::text(env)),
            _ => fail("`mcpward locations` supports --format human or json"),
        },
        Command::Rules => match cli.format {
            OutputFormat::Json => emit(cli, &crate::docs::rules_json()),
            OutputFormat::Human => emit(cli, &crate::docs::rules_list()),
            _ => fail("`mcpward rules` supports --format human or json"),
        },
        Command::Inventory { paths, markdown } => inventory(cli, env.clone(), paths, *markdown),
        Command::Explain { rule } => match rules::by_id(rule) {
            Some(r) => emit(cli, &crate::docs::explain(r.meta())),
            None => {
                let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
                let hint = crate::suggest::suggest(rule, &ids)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                fail(&format!(
                    "unknown rule {rule:?}; {hint}`mcpward rules` lists them"
                ))
            }
        },
    }
}

/// The client of `--client`, if given and known.
fn forced_client(cli: &Cli) -> Result<Option<&'static clients::Client>, ExitCode> {
    let Some(id) = &cli.client else {
        return Ok(None);
    };
    clients::by_id(id).map(Some).ok_or_else(|| {
        let ids: Vec<&str> = clients::all().iter().map(|c| c.id.as_str()).collect();
        fail(&format!(
            "unknown client {id:?}; known clients: {}",
            ids.join(", ")
        ))
    })
}

/// `--config`, or the mcpward.toml found from the scanned folder upwards.
/// A broken configuration is printed (with its source span) and exits 2.
fn load_config(cli: &Cli, env: &Env) -> Result<crate::config::Config, ExitCode> {
    crate::config::load_for_run(
        cli.config.as_deref(),
        &cli.paths,
        &env.cwd,
        env.home.as_deref(),
    )
    .map_err(|e| {
        let tty =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        let color = match (cli.no_color, cli.color) {
            (true, _) | (_, ColorChoice::Never) => false,
            (_, ColorChoice::Always) => true,
            (_, ColorChoice::Auto) => {
                tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let _ = write!(std::io::stderr(), "{}", e.render(color, tty));
        ExitCode::from(2)
    })
}

/// The filter stage's options: `--no-ignore`, `--baseline` and the
/// selection flags.
fn filter_options(cli: &Cli) -> Result<FilterOptions, String> {
    let selection = Selection::new(
        &cli.select,
        &cli.ignore,
        cli.min_severity,
        cli.min_confidence,
    )?;
    // With --write-baseline the baseline read is the one being replaced:
    // every current finding is recorded, none hidden.
    let baseline = match (&cli.baseline, &cli.write_baseline) {
        (Some(path), None) => {
            Some(crate::baseline::Baseline::load(path).map_err(|e| e.to_string())?)
        }
        _ => None,
    };
    Ok(FilterOptions {
        ignores: !cli.no_ignore,
        baseline,
        selection,
    })
}

/// `--write-baseline`: record every reported finding and exit 0 (2 when a
/// named path could not be scanned).
fn write_baseline(
    path: &std::path::Path,
    result: &scan::ScanResult,
    inputs: &[PathBuf],
    env: &Env,
    previous: Option<&std::path::Path>,
) -> ExitCode {
    // The baseline being read may be rewritten (a refresh in place); every
    // other input may not.
    let others: Vec<PathBuf> = inputs
        .iter()
        .filter(|p| Some(p.as_path()) != previous)
        .cloned()
        .collect();
    if let Some(scanned) = input_path_at(path, result, &others) {
        return fail(&format!(
            "refusing to write the baseline over {}, a file mcpward reads",
            scanned.display()
        ));
    }
    let old = match previous.map(crate::baseline::Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => return fail(&e.to_string()),
    };
    let records = scan::filter::baseline_records(result, &env.cwd);
    let changes = old
        .map(|b| {
            let (k, a, r) = b.changes(&records);
            format!(" ({k} kept, {a} added, {r} removed)")
        })
        .unwrap_or_default();
    match crate::baseline::write_from(records, path, Some(&env.cwd)) {
        Ok(n) => {
            let _ = writeln!(
                std::io::stderr(),
                "mcpward: wrote {n} finding(s) to the baseline {}{changes}",
                path.display()
            );
            if result.errors.iter().any(|e| e.explicit) {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn render(format: OutputFormat, result: &scan::ScanResult, ropts: &RenderOptions) -> String {
    match format {
        OutputFormat::Human => report::human::render(result, ropts),
        OutputFormat::Json => report::json::render(result, ropts),
        OutputFormat::Sarif => report::sarif::render(result, ropts),
        OutputFormat::Github => report::github::render(result, ropts),
        OutputFormat::Concise => report::concise::render(result, ropts),
    }
}

/// Append the Markdown summary to `$GITHUB_STEP_SUMMARY`, unless that is a
/// file mcpward reads. A failure is a warning: the annotations are out.
fn step_summary(result: &scan::ScanResult, ropts: &RenderOptions, inputs: &[PathBuf]) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let path = PathBuf::from(path);
    if input_path_at(&path, result, inputs).is_some() {
        return;
    }
    let md = report::github::step_summary(result, ropts);
    let appended = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(md.as_bytes()));
    if let Err(e) = appended {
        let _ = writeln!(
            std::io::stderr(),
            "mcpward: warning: cannot write the step summary to {}: {e}",
            path.display()
        );
    }
}

/// 2 when a named path could not be scanned; 1 when a reported finding is
/// at or above `--fail-on` (unless `--exit-zero`); else 0.
fn exit_code(cli: &Cli, result: &scan::ScanResult) -> ExitCode {
    if result.errors.iter().any(|e| e.explicit) {
        return ExitCode::from(2);
    }
    // Nothing found and nothing skipped that the report already names (a
    // linked config folder outside the tree, an unreadable file).
    let nothing =
        result.files.is_empty() && result.errors.iter().all(|e| e.kind == scan::NO_MCP_CONTENT);
    if !cli.paths.is_empty() && nothing && !cli.allow_empty {
        let named: Vec<String> = cli.paths.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(
            std::io::stderr(),
            "mcpward: error: no MCP configuration in {}: looked for the files known clients read (such as .mcp.json, .cursor/mcp.json, .vscode/mcp.json, .codex/config.toml; `mcpward locations` lists every path) and, in named files, for a server map; pass --allow-empty to accept a run with nothing to scan",
            named.join(", ")
        );
        return ExitCode::from(2);
    }
    if !cli.exit_zero && result.findings().any(|(_, f)| f.severity >= cli.fail_on) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// `mcpward inventory`: scan as usual (rules included, so credential and
/// approval facts come from the same checks), then describe every server.
fn inventory(cli: &Cli, env: Env, paths: &[PathBuf], markdown: bool) -> ExitCode {
    let opts = ScanOptions {
        paths: paths.to_vec(),
        client: None,
        size_cap: cli.max_file_size,
        env: env.clone(),
        // The inventory lists what is configured: nothing is filtered.
        filter: FilterOptions {
            ignores: false,
            ..FilterOptions::default()
        },
    };
    let result = scan::run(&opts, &Context { config: None });
    let cwd = env.cwd.clone();
    let inv =
        crate::report::inventory_data::build(&result, &|p| crate::paths::display_path(p, &cwd));
    let text = match (markdown, cli.format) {
        (true, _) => report::inventory::markdown(&inv),
        (false, OutputFormat::Json) => report::inventory::json(&inv),
        (false, OutputFormat::Human) => report::inventory::table(&inv),
        _ => {
            return fail("`mcpward inventory` supports --format human or json, or --markdown");
        }
    };
    let code = emit(cli, &text);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if result.errors.iter().any(|e| e.explicit) {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// The input file that `out` would overwrite, if any: a scanned (or
/// unreadable) config, mcpward's own configuration or the baseline being
/// read. Same canonical path, or on Unix the same inode (a hard link).
fn input_path_at(
    out: &std::path::Path,
    result: &scan::ScanResult,
    extra: &[PathBuf],
) -> Option<PathBuf> {
    let out_meta = std::fs::metadata(out).ok()?;
    let out_abs = std::fs::canonicalize(out).ok();
    let scanned = result
        .files
        .iter()
        .map(|c| &c.file.source.path)
        .chain(result.errors.iter().map(|e| &e.path))
        .chain(extra.iter());
    for p in scanned {
        if out_abs.is_some() && std::fs::canonicalize(p).ok() == out_abs {
            return Some(p.clone());
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(m) = std::fs::metadata(p) {
                if m.dev() == out_meta.dev() && m.ino() == out_meta.ino() {
                    return Some(p.clone());
                }
            }
        }
    }
    let _ = out_meta;
    None
}

/// Whether an environment variable is set to something other than "" or "0".
fn env_on(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Decide colour, drawing style, links and width from *our* output stream
/// (stdout, or a file with `--output`), `--color`, `NO_COLOR`,
/// `FORCE_COLOR`/`CLICOLOR_FORCE`, `TERM=dumb` and `NO_GRAPHICS`.
fn render_options(cli: &Cli, cwd: PathBuf) -> RenderOptions {
    let to_tty = cli.output.is_none() && std::io::stdout().is_terminal();
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let color = match (cli.no_color, cli.color) {
        (true, _) | (_, ColorChoice::Never) => false,
        (_, ColorChoice::Always) => true,
        (_, ColorChoice::Auto) => {
            env_on("FORCE_COLOR")
                || env_on("CLICOLOR_FORCE")
                || (to_tty && !dumb && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
        }
    };
    let style = if env_on("NO_GRAPHICS") {
        Style::Narrated
    } else if to_tty && !dumb {
        Style::Unicode
    } else {
        Style::Ascii
    };
    let width = if to_tty {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|w| *w >= 40)
            .unwrap_or(100)
    } else {
        100
    };
    RenderOptions {
        cwd,
        color,
        width,
        quiet: cli.quiet,
        style,
        links: color && to_tty,
    }
}

/// Write output to `--output` or stdout. A closed stdout pipe is not an error.
fn emit(cli: &Cli, text: &str) -> ExitCode {
    match &cli.output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
        },
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => fail(&format!("cannot write output: {e}")),
            }
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "mcpward: error: {msg}");
    ExitCode::from(2)
}

/// Progress of a directory walk on stderr, only on a terminal, only once the
/// walk has taken more than a moment, and at most ten times a second.
struct WalkProgress {
    enabled: bool,
    start: std::time::Instant,
    last: Option<std::time::Instant>,
}

impl WalkProgress {
    const DELAY: std::time::Duration = std::time::Duration::from_millis(300);
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);

    fn new(enabled: bool) -> Self {
        WalkProgress {
            enabled,
            start: std::time::Instant::now(),
            last: None,
        }
    }

    fn update(&mut self, p: crate::discover::Progress) {
        // Checking the clock on every entry is cheap next to a directory read.
        if !self.enabled || p.visited % 64 != 0 {
            return;
        }
        let now = std::time::Instant::now();
        let due = match self.last {
            None => now.duration_since(self.start) >= Self::DELAY,
            Some(t) => now.duration_since(t) >= Self::EVERY,
        };
        if due {
            self.last = Some(now);
            let _ = write!(
                std::io::stderr(),
                "\r\x1b[Kmcpward: {} files visited, {} configs found",
                p.visited,
                p.found
            );
        }
    }

    /// Clear the progress line, if one was drawn.
    fn finish(&mut self) {
        if self.last.take().is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}
