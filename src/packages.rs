//! Launcher parsing: what a stdio server's command line actually starts.
//!
//! [`parse_launch`] reads a server's `command` and `args` the way the
//! launcher itself would (`npx`, `uvx`, `docker run`, ...): options that take
//! a value are skipped together with their value, `--` ends the options,
//! `--package`/`--from`/`--spec` name the package explicitly, and Windows or
//! POSIX shell wrappers (`cmd /c npx ...`) are looked through. The result
//! names the argument that holds the package or image spec and the
//! arguments that go to the server itself, each as a reference to the
//! original [`Str`] so a finding can point at it.
//!
//! A script held in one string (`sh -c "npx -y pkg && ..."`) is split into
//! words with their own spans by [`script_words`]; [`for_each_launch`] runs a
//! callback over every launch of a server, direct or inside such a script.
//!
//! This module also owns package spec helpers ([`package_name`]). Nothing
//! here runs a command or looks anything up.

use crate::model::{program_name, ServerEntry, Str};

/// The tool that fetches and starts the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launcher {
    Npx,
    Pnpx,
    PnpmDlx,
    YarnDlx,
    NpmExec,
    /// `bunx` and `bun x`.
    Bunx,
    /// `deno run` (the spec may be `npm:`/`jsr:`, a URL or a local file).
    Deno,
    Uvx,
    UvToolRun,
    UvRun,
    PipxRun,
    Docker,
    Podman,
    GoRun,
    /// `cargo install` (seen inside shell scripts).
    CargoInstall,
    /// `dnx`, `dotnet dnx` and `dotnet tool exec` (.NET 10): a NuGet tool
    /// package, fetched and run like `npx`.
    Dnx,
    /// Anything else: a local binary, `node index.js`, `python -m mod`.
    Other,
}

/// The package ecosystem a launcher fetches from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ecosystem {
    Npm,
    Python,
    Container,
    Go,
    Cargo,
    NuGet,
    /// Nothing is fetched by name.
    None,
}

impl Launcher {
    pub fn ecosystem(self) -> Ecosystem {
        use Launcher::*;
        match self {
            Npx | Pnpx | PnpmDlx | YarnDlx | NpmExec | Bunx | Deno => Ecosystem::Npm,
            Uvx | UvToolRun | UvRun | PipxRun => Ecosystem::Python,
            Docker | Podman => Ecosystem::Container,
            GoRun => Ecosystem::Go,
            CargoInstall => Ecosystem::Cargo,
            Dnx => Ecosystem::NuGet,
            Other => Ecosystem::None,
        }
    }
}

/// A parsed launch.
#[derive(Debug, Clone)]
pub struct Launch<'a> {
    pub launcher: Launcher,
    /// Human name of the launcher as written (`npx`, `docker run`,
    /// `pnpm dlx`, `docker container run`); the program name for `Other`.
    pub launcher_name: String,
    /// The program argument (`npx`, `/usr/bin/docker`, the word `npx` of a
    /// one-string command).
    pub program: &'a Str,
    /// The argument holding the package or image spec: the exact element,
    /// or a split word of a one-string command. For `--package X`,
    /// `--from X` and `--spec X` it is the argument holding `X` (which may
    /// be `--package=X` itself: see [`spec_text`]). `None` for `Other`,
    /// `uv run` and when no spec was found.
    pub package: Option<&'a Str>,
    /// Further packages installed next to the main one (npx `--package`
    /// given twice, uvx/uv run `--with`). The same `=` caveat applies.
    pub extra_packages: Vec<&'a Str>,
    /// The arguments after the package/image (or after the command name when
    /// the package came from `--package`/`--from`): the server's own
    /// arguments, e.g. the paths given to a filesystem server. For `Other`,
    /// every argument after the program.
    pub server_args: Vec<&'a Str>,
    /// Launcher options seen before the package, with their values.
    pub options: Vec<LaunchOption<'a>>,
    /// For docker/podman run: the parsed options.
    pub container: Option<ContainerRun<'a>>,
    /// The wrapper program (`cmd`, `sh`, `env`) when the launch sits behind
    /// one (`cmd /c npx ...`).
    pub wrapper: Option<&'a Str>,
}

/// One launcher option as written: `--version 1.2` gives name `--version`,
/// value `1.2` and `arg` the element holding `1.2`.
#[derive(Debug, Clone)]
pub struct LaunchOption<'a> {
    pub name: String,
    pub value: Option<String>,
    /// The argument holding the value (or the option itself for a flag or
    /// `--name=value`).
    pub arg: &'a Str,
}

impl<'a> Launch<'a> {
    /// The first option with one of these names.
    pub fn option(&self, names: &[&str]) -> Option<&LaunchOption<'a>> {
        self.options
            .iter()
            .find(|o| names.contains(&o.name.as_str()))
    }

    /// The package spec text (`--package=X` gives `X`).
    pub fn package_spec(&self) -> Option<String> {
        self.package.map(spec_text)
    }
}

/// The spec held by a package argument: the value after `=` for
/// `--package=X`/`--from=X`/`--with=X`/`--spec=X`, else the whole value.
pub fn spec_text(arg: &Str) -> String {
    let v = arg.value.as_str();
    if v.starts_with('-') {
        if let Some((_, spec)) = v.split_once('=') {
            return spec.to_string();
        }
    }
    v.to_string()
}

/// The options of `docker run` / `podman run` that matter for security.
#[derive(Debug, Clone, Default)]
pub struct ContainerRun<'a> {
    /// `-v SRC:DST[:opts]`, `--volume`, `--mount type=bind,src=..,dst=..`.
    pub mounts: Vec<Mount<'a>>,
    /// The `--privileged` argument.
    pub privileged: Option<&'a Str>,
    /// The argument holding `host` of `--network host` / `--net=host`.
    pub network_host: Option<&'a Str>,
    /// The argument holding `host` of `--pid host`.
    pub pid_host: Option<&'a Str>,
    /// `--cap-add` values.
    pub cap_add: Vec<&'a Str>,
    /// `-e`/`--env` values (`NAME=VALUE` or `NAME`).
    pub env: Vec<&'a Str>,
}

/// One volume or bind mount of a container.
#[derive(Debug, Clone, PartialEq)]
pub struct Mount<'a> {
    /// Host path or volume name; empty for an anonymous volume (`-v /data`).
    pub source: String,
    pub target: Option<String>,
    /// The source is a host path (`/x`, `~/x`, `./x`, `C:\x`, `$HOME`,
    /// `${workspaceFolder}`) or the mount says `type=bind`.
    pub bind: bool,
    pub read_only: bool,
    /// The argument holding the mount spec.
    pub arg: &'a Str,
}

/// A shell running a script: `sh -c SCRIPT`, `cmd /c ...`,
/// `powershell -Command ...`.
#[derive(Debug, Clone)]
pub struct ShellScript<'a> {
    pub shell: Shell,
    /// The shell program argument.
    pub program: &'a Str,
    /// `-c`, `/c`, `-Command`, `-EncodedCommand`; `None` for Windows
    /// PowerShell's positional command.
    pub flag: Option<&'a Str>,
    /// The script: one argument for POSIX shells, the rest of the line for
    /// `cmd` and PowerShell.
    pub script: Vec<&'a Str>,
    /// PowerShell `-EncodedCommand` (base64 UTF-16LE).
    pub encoded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Posix,
    Cmd,
    PowerShell,
}

impl ShellScript<'_> {
    /// The script as one string (arguments joined by spaces), decoded for
    /// `-EncodedCommand` when it is valid.
    pub fn text(&self) -> String {
        let joined = self
            .script
            .iter()
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if self.encoded {
            if let Some(t) = decode_utf16_base64(&joined) {
                return t;
            }
        }
        joined
    }

    /// The script is a single command with separate arguments and no shell
    /// syntax (`cmd /c npx -y pkg`): the wrapper hides nothing.
    pub fn is_plain_argv(&self) -> bool {
        !self.encoded
            && self
                .script
                .iter()
                .all(|s| !s.value.contains(char::is_whitespace) && !has_shell_syntax(&s.value))
    }
}

/// Characters and words that make a script more than one plain command.
pub fn has_shell_syntax(s: &str) -> bool {
    s.contains(['|', '&', ';', '<', '>', '`', '\n'])
        || s.contains("$(")
        || s.split_whitespace().any(|w| w == "iex")
}

/// The shell wrapper of a server, if its command is one.
pub fn shell_script(server: &ServerEntry) -> Option<ShellScript<'_>> {
    let program = server.command.as_ref()?;
    let args: Vec<&Str> = server.args.iter().collect();
    shell_script_of(program, &args)
}

/// Options that take a value, per prefix launcher that runs the rest of
/// its arguments as a command (`env`, `sudo`, `doas`, `wsl`).
fn prefix_valued(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "env" => &["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
        "sudo" => &[
            "-u",
            "--user",
            "-g",
            "--group",
            "-h",
            "--host",
            "-p",
            "--prompt",
            "-C",
            "--close-from",
            "-D",
            "--chdir",
            "-r",
            "--role",
            "-t",
            "--type",
            "-T",
            "--command-timeout",
            "-U",
            "--other-user",
            "-R",
            "--chroot",
        ],
        "doas" => &["-u", "-C"],
        "wsl" => &[
            "-d",
            "--distribution",
            "-u",
            "--user",
            "--cd",
            "--distribution-id",
        ],
        _ => return None,
    })
}

/// `env [VAR=x] sh -c …`, `sudo -u x bash -c …`, `doas sh -c …`,
/// `wsl [-d distro] [-e|--exec|--] bash -c …`: the command after the
/// prefix launcher's options, if it is a shell running a script.
fn behind_prefix<'a>(name: &str, args: &[&'a Str]) -> Option<ShellScript<'a>> {
    let valued = prefix_valued(name)?;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let v = a.value.as_str();
        if v == "--" || (name == "wsl" && matches!(v, "-e" | "--exec")) {
            i += 1;
            break;
        }
        if valued.contains(&v) {
            i += 2;
        } else if v.starts_with('-') || (name == "env" && v.contains('=') && !v.starts_with('=')) {
            i += 1;
        } else {
            break;
        }
    }
    let inner = args.get(i)?;
    shell_script_of(inner, args.get(i + 1..)?)
}

fn shell_script_of<'a>(program: &'a Str, args: &[&'a Str]) -> Option<ShellScript<'a>> {
    let name = program_name(&program.value);
    if let Some(s) = behind_prefix(&name, args) {
        return Some(s);
    }
    match name.as_str() {
        "nix-shell" => {
            let i = args
                .iter()
                .position(|a| matches!(a.value.as_str(), "--run" | "--command"))?;
            script_from(Shell::Posix, program, args[i], args.get(i + 1..)?, true)
        }
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "ash" | "mksh" | "fish" => {
            let mut i = 0;
            while let Some(a) = args.get(i) {
                let v = a.value.as_str();
                if matches!(v, "-o" | "+o" | "--rcfile" | "--init-file") {
                    i += 2;
                } else if v.starts_with("--") {
                    if v == "--command" {
                        // fish
                        return script_from(Shell::Posix, program, a, args.get(i + 1..)?, true);
                    }
                    i += 1;
                } else if v.len() > 1 && (v.starts_with('-') || v.starts_with('+')) {
                    if v[1..].contains('c') && v.starts_with('-') {
                        return script_from(Shell::Posix, program, a, args.get(i + 1..)?, true);
                    }
                    i += 1;
                } else {
                    return None;
                }
            }
            None
        }
        "cmd" => {
            for (i, a) in args.iter().enumerate() {
                let v = a.value.to_ascii_lowercase();
                if v == "/c" || v == "/k" || v == "/r" {
                    return script_from(Shell::Cmd, program, a, &args[i + 1..], false);
                }
                if !v.starts_with('/') {
                    return None;
                }
            }
            None
        }
        "powershell" | "pwsh" | "powershell_ise" => {
            let mut i = 0;
            while let Some(a) = args.get(i) {
                let v = a.value.to_ascii_lowercase();
                let Some(opt) = v.strip_prefix('-').or_else(|| v.strip_prefix('/')) else {
                    // Windows PowerShell runs a positional as a command,
                    // pwsh as a file.
                    if name == "pwsh" {
                        return None;
                    }
                    let rest = &args[i..];
                    return Some(ShellScript {
                        shell: Shell::PowerShell,
                        program,
                        flag: None,
                        script: rest.to_vec(),
                        encoded: false,
                    });
                };
                if opt.is_empty() {
                    return None;
                }
                if "command".starts_with(opt) {
                    let mut s = script_from(Shell::PowerShell, program, a, &args[i + 1..], false)?;
                    s.encoded = false;
                    return Some(s);
                }
                if "encodedcommand".starts_with(opt) && opt.len() >= 2 || opt == "e" || opt == "ec"
                {
                    let mut s = script_from(Shell::PowerShell, program, a, &args[i + 1..], false)?;
                    s.encoded = true;
                    return Some(s);
                }
                if "file".starts_with(opt) {
                    return None;
                }
                const VALUED: &[&str] = &[
                    "executionpolicy",
                    "ep",
                    "ex",
                    "windowstyle",
                    "w",
                    "configurationname",
                    "outputformat",
                    "of",
                    "inputformat",
                    "if",
                    "workingdirectory",
                    "wd",
                    "version",
                    "psconsolefile",
                    "custompipename",
                    "settingsfile",
                ];
                let takes_value = VALUED.contains(&opt)
                    || ["executionpolicy", "windowstyle", "workingdirectory"]
                        .iter()
                        .any(|l| opt.len() >= 3 && l.starts_with(opt));
                i += if takes_value { 2 } else { 1 };
            }
            None
        }
        _ => None,
    }
}

fn script_from<'a>(
    shell: Shell,
    program: &'a Str,
    flag: &'a Str,
    rest: &[&'a Str],
    one_arg: bool,
) -> Option<ShellScript<'a>> {
    if rest.is_empty() {
        return None;
    }
    let script = if one_arg {
        vec![rest[0]]
    } else {
        rest.to_vec()
    };
    Some(ShellScript {
        shell,
        program,
        flag: Some(flag),
        script,
        encoded: false,
    })
}

/// Split a script held in one string into words, each a [`Str`] whose span
/// points at its token in the source (`text` is the file's source text).
/// When the string holds escapes the word spans fall back to the whole
/// argument. Shell operators (`&&`, `||`, `;`, `|`, `&`) become words of
/// their own so [`split_commands`] can cut on them.
pub fn script_words(script: &Str, text: &str) -> Vec<Str> {
    // Where the string's contents start in the source: the value is either
    // the span itself (a split word) or the span minus its quotes.
    let base = [0usize, 1].into_iter().find_map(|off| {
        let start = script.span.start + off;
        let end = start + script.value.len();
        (text.get(start..end) == Some(script.value.as_str()) && end <= script.span.end)
            .then_some(start)
    });
    let mut out = Vec::new();
    for (word, range) in crate::shellwords::split(&script.value) {
        let span = match base {
            Some(b) => b + range.start..b + range.end,
            None => script.span.clone(),
        };
        // Operators glued to words (`a&&b`, `x;`) are split off.
        let raw = &script.value[range.clone()];
        if word == raw && raw.len() > 1 && has_operator(raw) {
            for (i, piece) in operator_pieces(raw) {
                if piece.is_empty() {
                    continue;
                }
                let s = match base {
                    Some(b) => b + range.start + i..b + range.start + i + piece.len(),
                    None => script.span.clone(),
                };
                out.push(Str {
                    value: piece.to_string(),
                    span: s,
                    pointer: script.pointer.clone(),
                });
            }
            continue;
        }
        out.push(Str {
            value: word,
            span,
            pointer: script.pointer.clone(),
        });
    }
    out
}

const OPERATORS: [&str; 6] = ["&&", "||", ";", "|", "&", "\n"];

fn has_operator(s: &str) -> bool {
    s.contains(['&', '|', ';', '\n'])
}

/// Cut a raw token into words and operators, with offsets.
fn operator_pieces(raw: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = raw.as_bytes();
    while i < raw.len() {
        let op = OPERATORS
            .iter()
            .find(|op| bytes[i..].starts_with(op.as_bytes()));
        if let Some(op) = op {
            out.push((start, &raw[start..i]));
            out.push((i, &raw[i..i + op.len()]));
            i += op.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, &raw[start..]));
    out
}

/// Cut words into commands on shell operators.
pub fn split_commands<'a, 'b>(words: &'b [&'a Str]) -> Vec<&'b [&'a Str]> {
    words
        .split(|w| OPERATORS.contains(&w.value.as_str()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Parse the launch of a server: its command and args, looking through a
/// shell wrapper whose command is written as separate arguments
/// (`cmd /c npx -y pkg`). `None` when the server has no command. A wrapper
/// whose script is one string (`sh -c "npx -y pkg"`) gives an `Other`
/// launch with `wrapper` set: use [`for_each_launch`] to see inside it.
pub fn parse_launch(server: &ServerEntry) -> Option<Launch<'_>> {
    let program = server.command.as_ref()?;
    let mut argv: Vec<&Str> = Vec::with_capacity(server.args.len() + 1);
    argv.push(program);
    argv.extend(server.args.iter());
    Some(parse_argv(&argv, None, 0))
}

/// Every launch of a server: the direct one, and each command of a shell
/// script (`sh -c "cargo install x && x"`, `cmd /c "npx -y pkg"`). `text`
/// is the file's source text, for the spans of words inside a script.
pub fn for_each_launch(server: &ServerEntry, text: &str, f: &mut dyn FnMut(&Launch<'_>)) {
    let Some(program) = server.command.as_ref() else {
        return;
    };
    let mut argv: Vec<&Str> = vec![program];
    argv.extend(server.args.iter());
    walk_argv(&argv, None, text, 0, f);
}

fn walk_argv<'a>(
    argv: &[&'a Str],
    wrapper: Option<&'a Str>,
    text: &str,
    depth: usize,
    f: &mut dyn FnMut(&Launch<'_>),
) {
    if depth > 4 || argv.is_empty() {
        return;
    }
    if let Some(sh) = shell_script_of(argv[0], &argv[1..]) {
        if sh.encoded {
            return;
        }
        let single = sh.script.len() == 1 && sh.script[0].value.contains(char::is_whitespace);
        if single || sh.script.iter().any(|s| has_operator(&s.value)) {
            let mut owned = Vec::new();
            for s in &sh.script {
                owned.extend(script_words(s, text));
            }
            let refs: Vec<&Str> = owned.iter().collect();
            for cmd in split_commands(&refs) {
                walk_argv(cmd, Some(sh.program), text, depth + 1, f);
            }
        } else {
            walk_argv(&sh.script, Some(sh.program), text, depth + 1, f);
        }
        return;
    }
    f(&parse_argv(argv, wrapper, depth));
}

/// Parse one command line (`argv[0]` is the program).
pub fn parse_argv<'a>(argv: &[&'a Str], wrapper: Option<&'a Str>, depth: usize) -> Launch<'a> {
    let program = argv[0];
    let rest = &argv[1..];
    let name = program_name(&program.value);
    let mut l = Launch {
        launcher: Launcher::Other,
        launcher_name: name.clone(),
        program,
        package: None,
        extra_packages: Vec::new(),
        server_args: rest.to_vec(),
        options: Vec::new(),
        container: None,
        wrapper,
    };
    if depth < 4 {
        if let Some(sh) = shell_script_of(program, rest) {
            if sh.is_plain_argv() {
                return parse_argv(&sh.script, Some(program), depth + 1);
            }
            l.wrapper = Some(program);
            return l;
        }
    }
    let sub = |globals: &[&str], words: &[&str]| subcommand(rest, globals, words);
    match name.as_str() {
        "env" if depth < 4 => {
            let mut i = 0;
            while let Some(a) = rest.get(i) {
                let v = a.value.as_str();
                if v == "-u" || v == "--unset" || v == "-C" || v == "--chdir" {
                    i += 2;
                } else if v.starts_with('-') || (v.contains('=') && !v.starts_with('=')) {
                    i += 1;
                } else {
                    break;
                }
            }
            if i < rest.len() {
                return parse_argv(&rest[i..], Some(wrapper.unwrap_or(program)), depth + 1);
            }
        }
        "npx" => npm_like(&mut l, rest, Launcher::Npx, "npx"),
        "pnpx" => npm_like(&mut l, rest, Launcher::Pnpx, "pnpx"),
        "bunx" => npm_like(&mut l, rest, Launcher::Bunx, "bunx"),
        "npm" => {
            if let Some(i) = sub(NPM_GLOBALS, &["exec", "x"]) {
                npm_like(&mut l, &rest[i..], Launcher::NpmExec, "npm exec");
            }
        }
        "pnpm" => {
            if let Some(i) = sub(NPM_GLOBALS, &["dlx"]) {
                npm_like(&mut l, &rest[i..], Launcher::PnpmDlx, "pnpm dlx");
            }
        }
        "yarn" => {
            if let Some(i) = sub(&[], &["dlx"]) {
                npm_like(&mut l, &rest[i..], Launcher::YarnDlx, "yarn dlx");
            }
        }
        "bun" => {
            if let Some(i) = sub(&[], &["x"]) {
                npm_like(&mut l, &rest[i..], Launcher::Bunx, "bun x");
            }
        }
        "deno" => {
            if let Some(i) = sub(DENO_GLOBALS, &["run"]) {
                set(&mut l, Launcher::Deno, "deno run");
                let (opts, pos) = scan_options(&rest[i..], DENO_VALUED, "", false);
                l.options = opts;
                positional_package(&mut l, &rest[i + pos..]);
            }
        }
        "uvx" => uvx(&mut l, rest, Launcher::Uvx, "uvx"),
        "uv" => {
            if let Some(i) = sub(UV_GLOBALS, &["tool", "run"]) {
                if rest[i - 1].value == "tool" {
                    if rest.get(i).is_some_and(|a| a.value == "run") {
                        uvx(&mut l, &rest[i + 1..], Launcher::UvToolRun, "uv tool run");
                    }
                } else {
                    set(&mut l, Launcher::UvRun, "uv run");
                    let args = &rest[i..];
                    let (opts, pos) = scan_options(args, UV_VALUED, "pPC", false);
                    l.extra_packages = with_packages(&opts);
                    l.options = opts;
                    l.server_args = args.get(pos + 1..).unwrap_or_default().to_vec();
                }
            }
        }
        "pipx" => {
            if let Some(i) = sub(&[], &["run"]) {
                set(&mut l, Launcher::PipxRun, "pipx run");
                let args = &rest[i..];
                let (opts, pos) = scan_options(args, PIPX_VALUED, "i", false);
                l.options = opts;
                if let Some(spec) = l.option(&["--spec"]).map(|o| o.arg) {
                    l.package = Some(spec);
                    l.server_args = args.get(pos + 1..).unwrap_or_default().to_vec();
                } else {
                    positional_package(&mut l, &args[pos..]);
                }
            }
        }
        "docker" | "podman" => {
            if let Some(i) = sub(DOCKER_GLOBALS, &["run", "container"]) {
                let mut i = i;
                let mut label = format!("{name} run");
                if rest[i - 1].value == "container" {
                    if rest.get(i).is_none_or(|a| a.value != "run") {
                        return l;
                    }
                    i += 1;
                    label = format!("{name} container run");
                }
                let kind = if name == "docker" {
                    Launcher::Docker
                } else {
                    Launcher::Podman
                };
                set(&mut l, kind, &label);
                container_run(&mut l, &rest[i..]);
            }
        }
        "dnx" => dnx(&mut l, rest, "dnx"),
        "dotnet" => {
            if let Some(i) = sub(&[], &["dnx", "tool"]) {
                if rest[i - 1].value == "dnx" {
                    dnx(&mut l, &rest[i..], "dotnet dnx");
                } else if rest.get(i).is_some_and(|a| a.value == "exec") {
                    dnx(&mut l, &rest[i + 1..], "dotnet tool exec");
                }
            }
        }
        "go" => {
            if let Some(i) = sub(&[], &["run"]) {
                set(&mut l, Launcher::GoRun, "go run");
                let (opts, pos) = scan_options(&rest[i..], GO_VALUED, "", true);
                l.options = opts;
                positional_package(&mut l, &rest[i + pos..]);
            }
        }
        "cargo" => {
            if let Some(i) = sub(&[], &["install"]) {
                set(&mut l, Launcher::CargoInstall, "cargo install");
                // Options may follow the crate names, and every positional
                // is a crate: `cargo install a b --version 1.0`.
                let mut args = &rest[i..];
                let mut crates = Vec::new();
                loop {
                    let (mut opts, pos) = scan_options(args, CARGO_VALUED, "jF", false);
                    l.options.append(&mut opts);
                    let Some(c) = args.get(pos) else { break };
                    crates.push(*c);
                    args = &args[pos + 1..];
                }
                let mut crates = crates.into_iter();
                l.package = crates.next();
                l.extra_packages = crates.collect();
            }
        }
        _ => {}
    }
    l
}

fn set(l: &mut Launch, launcher: Launcher, name: &str) {
    l.launcher = launcher;
    l.launcher_name = name.to_string();
    l.server_args.clear();
}

/// The first positional is the package; the rest go to the server.
fn positional_package<'a>(l: &mut Launch<'a>, args: &[&'a Str]) {
    if let Some((first, rest)) = args.split_first() {
        l.package = Some(first);
        l.server_args = rest.to_vec();
    }
}

/// npx, pnpx, pnpm dlx, yarn dlx, npm exec, bunx.
fn npm_like<'a>(l: &mut Launch<'a>, args: &[&'a Str], launcher: Launcher, name: &str) {
    set(l, launcher, name);
    let (opts, pos) = scan_options(args, NPM_VALUED, "pcw", false);
    let mut packages: Vec<&Str> = opts
        .iter()
        .filter(|o| matches!(o.name.as_str(), "--package" | "-p"))
        .map(|o| o.arg)
        .collect();
    l.options = opts;
    if packages.is_empty() {
        positional_package(l, &args[pos..]);
    } else {
        l.package = Some(packages.remove(0));
        l.extra_packages = packages;
        l.server_args = args.get(pos + 1..).unwrap_or_default().to_vec();
    }
}

/// uvx and uv tool run.
fn uvx<'a>(l: &mut Launch<'a>, args: &[&'a Str], launcher: Launcher, name: &str) {
    set(l, launcher, name);
    let (opts, pos) = scan_options(args, UV_VALUED, "pPCfi", false);
    l.extra_packages = with_packages(&opts);
    let from = opts.iter().find(|o| o.name == "--from").map(|o| o.arg);
    l.options = opts;
    match from {
        Some(spec) => {
            l.package = Some(spec);
            l.server_args = args.get(pos + 1..).unwrap_or_default().to_vec();
        }
        None => positional_package(l, &args[pos..]),
    }
}

/// dnx / dotnet tool exec: `dnx [options] <id>[@<version>] [options] [-- args]`.
/// Options may follow the package id (`dnx NuGet.Mcp.Server --version 1.4.3
/// --yes`); only what follows `--` goes to the tool.
fn dnx<'a>(l: &mut Launch<'a>, args: &[&'a Str], name: &str) {
    set(l, Launcher::Dnx, name);
    let end = args.iter().position(|a| a.value == "--");
    let own = &args[..end.unwrap_or(args.len())];
    let mut i = 0;
    while i < own.len() {
        let (mut opts, pos) = scan_options(&own[i..], DNX_VALUED, "v", false);
        l.options.append(&mut opts);
        match own.get(i + pos) {
            Some(p) if l.package.is_none() => l.package = Some(p),
            Some(_) => {}
            None => break,
        }
        i += pos + 1;
    }
    l.server_args = end.map(|e| args[e + 1..].to_vec()).unwrap_or_default();
}

fn with_packages<'a>(opts: &[LaunchOption<'a>]) -> Vec<&'a Str> {
    opts.iter()
        .filter(|o| o.name == "--with")
        .map(|o| o.arg)
        .collect()
}

/// Index just past the subcommand (one of `words`), skipping global
/// options (those in `globals` take a value).
fn subcommand(args: &[&Str], globals: &[&str], words: &[&str]) -> Option<usize> {
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let v = a.value.as_str();
        if v.starts_with('-') {
            i += if !v.contains('=') && globals.contains(&v) {
                2
            } else {
                1
            };
            continue;
        }
        return words.contains(&v).then_some(i + 1);
    }
    None
}

/// Scan options up to the first positional. `valued` lists the options that
/// take a value (long `--x` and short `-x`); `short_valued` the short
/// letters that take one inside a cluster (`-itv a:b`). Returns the options
/// and the index of the first positional (after a `--`, if any).
/// `single_dash_words`: `-word` is one option (Go flags).
fn scan_options<'a>(
    args: &[&'a Str],
    valued: &[&str],
    short_valued: &str,
    single_dash_words: bool,
) -> (Vec<LaunchOption<'a>>, usize) {
    let mut opts = Vec::new();
    let mut i = 0;
    while let Some(&a) = args.get(i) {
        let v = a.value.as_str();
        if v == "--" {
            return (opts, i + 1);
        }
        let long = v.starts_with("--") || (single_dash_words && v.starts_with('-') && v.len() > 1);
        if long {
            let canonical = if single_dash_words && !v.starts_with("--") {
                format!("-{v}")
            } else {
                v.to_string()
            };
            if let Some((n, val)) = canonical.split_once('=') {
                opts.push(LaunchOption {
                    name: n.to_string(),
                    value: Some(val.to_string()),
                    arg: a,
                });
                i += 1;
            } else if valued.contains(&canonical.as_str()) {
                let val = args.get(i + 1).copied();
                opts.push(LaunchOption {
                    name: canonical,
                    value: val.map(|s| s.value.clone()),
                    arg: val.unwrap_or(a),
                });
                i += 2;
            } else {
                opts.push(LaunchOption {
                    name: canonical,
                    value: None,
                    arg: a,
                });
                i += 1;
            }
            continue;
        }
        if v.starts_with('-') && v.len() > 1 {
            // A short option or a cluster of them (`-it`, `-ePATH=x`).
            let mut consumed = 1;
            for (j, c) in v.char_indices().skip(1) {
                let name = format!("-{c}");
                if short_valued.contains(c) || valued.contains(&name.as_str()) && j == 1 {
                    let glued = &v[j + c.len_utf8()..];
                    if glued.is_empty() {
                        let val = args.get(i + 1).copied();
                        opts.push(LaunchOption {
                            name,
                            value: val.map(|s| s.value.clone()),
                            arg: val.unwrap_or(a),
                        });
                        consumed = 2;
                    } else {
                        opts.push(LaunchOption {
                            name,
                            value: Some(glued.trim_start_matches('=').to_string()),
                            arg: a,
                        });
                    }
                    break;
                }
                opts.push(LaunchOption {
                    name,
                    value: None,
                    arg: a,
                });
            }
            i += consumed;
            continue;
        }
        return (opts, i);
    }
    (opts, i)
}

const NPM_GLOBALS: &[&str] = &[
    "--prefix",
    "--userconfig",
    "--cache",
    "--registry",
    "-w",
    "--workspace",
    "-C",
    "--dir",
    "--filter",
    "--loglevel",
];

const NPM_VALUED: &[&str] = &[
    "--package",
    "-p",
    "--call",
    "-c",
    "--registry",
    "--cache",
    "--userconfig",
    "--prefix",
    "--workspace",
    "-w",
    "--node-options",
    "--script-shell",
    "--loglevel",
    "--allow-build",
    "--reporter",
];

const DENO_GLOBALS: &[&str] = &[];

const DENO_VALUED: &[&str] = &[
    "--config",
    "-c",
    "--import-map",
    "--lock",
    "--cert",
    "--location",
    "--seed",
    "--inspect-wait",
    "--ext",
    "--preload",
];

const UV_GLOBALS: &[&str] = &[
    "--directory",
    "--project",
    "--config-file",
    "--cache-dir",
    "--color",
    "--python-preference",
    "--allow-insecure-host",
];

const UV_VALUED: &[&str] = &[
    "--from",
    "--with",
    "--with-editable",
    "--with-requirements",
    "--python",
    "-p",
    "--index",
    "--default-index",
    "--index-url",
    "-i",
    "--extra-index-url",
    "--find-links",
    "-f",
    "--index-strategy",
    "--keyring-provider",
    "--resolution",
    "--prerelease",
    "--exclude-newer",
    "--exclude-newer-package",
    "--reinstall-package",
    "--refresh-package",
    "--upgrade-package",
    "-P",
    "--config-setting",
    "-C",
    "--link-mode",
    "--cache-dir",
    "--directory",
    "--project",
    "--config-file",
    "--color",
    "--allow-insecure-host",
    "--python-preference",
    "--constraints",
    "-c",
    "--overrides",
    "--build-constraints",
    "--env-file",
    "--package",
    "--extra",
    "--group",
    "--no-group",
    "--only-group",
    "--no-extra",
    "--python-platform",
    "--torch-backend",
    "--no-binary-package",
    "--no-build-package",
    "--no-build-isolation-package",
];

const PIPX_VALUED: &[&str] = &[
    "--spec",
    "--python",
    "--pip-args",
    "--index-url",
    "-i",
    "--backend",
];

/// `dotnet tool exec` options that take a value.
const DNX_VALUED: &[&str] = &[
    "--version",
    "--source",
    "--add-source",
    "--configfile",
    "--verbosity",
    "-v",
    "--framework",
    "-a",
    "--arch",
];

const GO_VALUED: &[&str] = &[
    "--C",
    "--p",
    "--asmflags",
    "--buildmode",
    "--buildvcs",
    "--compiler",
    "--gccgoflags",
    "--gcflags",
    "--installsuffix",
    "--ldflags",
    "--mod",
    "--modfile",
    "--overlay",
    "--pgo",
    "--pkgdir",
    "--tags",
    "--toolexec",
    "--exec",
    "--covermode",
    "--coverpkg",
];

const CARGO_VALUED: &[&str] = &[
    "--version",
    "--vers",
    "--git",
    "--branch",
    "--tag",
    "--rev",
    "--path",
    "--root",
    "--registry",
    "--index",
    "--features",
    "-F",
    "--target",
    "--target-dir",
    "--jobs",
    "-j",
    "--profile",
    "--bin",
    "--example",
    "--config",
    "-Z",
    "--color",
];

const DOCKER_GLOBALS: &[&str] = &[
    "--config",
    "-c",
    "--context",
    "-H",
    "--host",
    "-l",
    "--log-level",
    "--tlscacert",
    "--tlscert",
    "--tlskey",
    "--connection",
    "--url",
    "--identity",
    "--root",
    "--runroot",
    "--storage-driver",
    "--storage-opt",
    "--cgroup-manager",
    "--module",
    "--network-cmd-path",
    "--tmpdir",
    "--events-backend",
    "--runtime",
    "--conmon",
    "--volumepath",
    "--imagestore",
];

/// `docker run` / `podman run` options that take a value. Short options:
/// `-a -c -e -h -l -m -p -u -v -w`.
const DOCKER_VALUED: &[&str] = &[
    "--add-host",
    "--annotation",
    "--attach",
    "--blkio-weight",
    "--blkio-weight-device",
    "--cap-add",
    "--cap-drop",
    "--cgroup-parent",
    "--cgroupns",
    "--cidfile",
    "--cpu-period",
    "--cpu-quota",
    "--cpu-rt-period",
    "--cpu-rt-runtime",
    "--cpu-shares",
    "--cpus",
    "--cpuset-cpus",
    "--cpuset-mems",
    "--detach-keys",
    "--device",
    "--device-cgroup-rule",
    "--device-read-bps",
    "--device-read-iops",
    "--device-write-bps",
    "--device-write-iops",
    "--dns",
    "--dns-opt",
    "--dns-option",
    "--dns-search",
    "--domainname",
    "--entrypoint",
    "--env",
    "--env-file",
    "--expose",
    "--gpus",
    "--group-add",
    "--health-cmd",
    "--health-interval",
    "--health-retries",
    "--health-start-interval",
    "--health-start-period",
    "--health-timeout",
    "--hostname",
    "--ip",
    "--ip6",
    "--ipc",
    "--isolation",
    "--kernel-memory",
    "--label",
    "--label-file",
    "--link",
    "--link-local-ip",
    "--log-driver",
    "--log-opt",
    "--mac-address",
    "--memory",
    "--memory-reservation",
    "--memory-swap",
    "--memory-swappiness",
    "--mount",
    "--name",
    "--net",
    "--network",
    "--net-alias",
    "--network-alias",
    "--oom-score-adj",
    "--pid",
    "--pids-limit",
    "--platform",
    "--publish",
    "--pull",
    "--restart",
    "--runtime",
    "--security-opt",
    "--shm-size",
    "--stop-signal",
    "--stop-timeout",
    "--storage-opt",
    "--sysctl",
    "--tmpfs",
    "--ulimit",
    "--user",
    "--userns",
    "--uts",
    "--volume",
    "--volume-driver",
    "--volumes-from",
    "--workdir",
    // podman
    "--arch",
    "--os",
    "--variant",
    "--authfile",
    "--cert-dir",
    "--cgroup-conf",
    "--chrootdirs",
    "--conmon-pidfile",
    "--creds",
    "--decryption-key",
    "--env-merge",
    "--gidmap",
    "--uidmap",
    "--group-entry",
    "--hostuser",
    "--hosts-file",
    "--image-volume",
    "--init-path",
    "--passwd-entry",
    "--personality",
    "--pod",
    "--pod-id-file",
    "--preserve-fd",
    "--preserve-fds",
    "--requires",
    "--retry",
    "--retry-delay",
    "--sdnotify",
    "--seccomp-policy",
    "--secret",
    "--subgidname",
    "--subuidname",
    "--systemd",
    "--timeout",
    "--umask",
    "--unsetenv",
];

/// Parse `docker run` options, the image and the container's arguments.
fn container_run<'a>(l: &mut Launch<'a>, args: &[&'a Str]) {
    let (opts, pos) = scan_options(args, DOCKER_VALUED, "acehlmpuvw", false);
    let mut c = ContainerRun::default();
    for o in &opts {
        let val = o.value.as_deref().unwrap_or("");
        match o.name.as_str() {
            "-v" | "--volume" => c.mounts.push(volume_mount(val, o.arg)),
            "--mount" => c.mounts.push(mount_option(val, o.arg)),
            "--privileged" if val != "false" => c.privileged = Some(o.arg),
            "--network" | "--net" if val == "host" => c.network_host = Some(o.arg),
            "--pid" if val == "host" => c.pid_host = Some(o.arg),
            "--cap-add" => c.cap_add.push(o.arg),
            "-e" | "--env" => c.env.push(o.arg),
            _ => {}
        }
    }
    l.options = opts;
    l.container = Some(c);
    positional_package(l, &args[pos..]);
}

fn is_host_path(s: &str) -> bool {
    s.starts_with(['/', '~', '.', '$', '\\']) || windows_drive(s) || s.starts_with("%")
}

fn windows_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// `-v SRC:DST[:opts]`, with Windows drive letters (`C:\x:/data`).
fn volume_mount<'a>(spec: &str, arg: &'a Str) -> Mount<'a> {
    let skip = if windows_drive(spec) { 2 } else { 0 };
    let colon = crate::paths::bytes_outside_refs(spec).find(|&(i, b)| i >= skip && b == b':');
    let parts: Vec<&str> = match colon {
        Some((i, _)) => {
            let (src, rest) = spec.split_at(i);
            let mut v = vec![src];
            v.extend(rest[1..].splitn(2, ':'));
            v
        }
        None => vec![spec],
    };
    if parts.len() == 1 {
        return Mount {
            source: String::new(),
            target: Some(spec.to_string()),
            bind: false,
            read_only: false,
            arg,
        };
    }
    let opts = parts.get(2).copied().unwrap_or("");
    Mount {
        source: parts[0].to_string(),
        target: Some(parts[1].to_string()),
        bind: is_host_path(parts[0]),
        read_only: opts.split(',').any(|o| o == "ro" || o == "readonly"),
        arg,
    }
}

/// `--mount type=bind,source=/x,target=/y,readonly`.
fn mount_option<'a>(spec: &str, arg: &'a Str) -> Mount<'a> {
    let mut m = Mount {
        source: String::new(),
        target: None,
        bind: false,
        read_only: false,
        arg,
    };
    let mut kind = "volume";
    for field in spec.split(',') {
        let (k, v) = field.split_once('=').unwrap_or((field, ""));
        let v = v.trim_matches('"');
        match k.trim() {
            "type" => kind = if v == "bind" { "bind" } else { "other" },
            "source" | "src" => m.source = v.to_string(),
            "target" | "destination" | "dst" => m.target = Some(v.to_string()),
            "readonly" | "ro" => m.read_only = v.is_empty() || v == "true" || v == "1",
            _ => {}
        }
    }
    m.bind = kind == "bind" || is_host_path(&m.source);
    m
}

/// The package name without version, tag, range or extras:
/// `@scope/pkg@1.2.3` → `@scope/pkg`, `npm:pkg@^1` → `pkg`,
/// `mcp-server-git==0.6.2` → `mcp-server-git`, `pkg[cli]>=1` → `pkg`,
/// `ghcr.io/o/img:1.0@sha256:…` → `ghcr.io/o/img`,
/// `localhost:5000/img:1` → `localhost:5000/img`,
/// `golang.org/x/tools/cmd/x@latest` → `golang.org/x/tools/cmd/x`.
/// URLs and git specs are returned whole.
pub fn package_name(spec: &str) -> &str {
    let spec = spec.trim();
    if spec.contains("://") {
        return spec;
    }
    let spec = spec
        .strip_prefix("npm:")
        .or_else(|| spec.strip_prefix("jsr:"))
        .unwrap_or(spec);
    let last_slash = spec.rfind('/').map_or(0, |i| i + 1);
    for (i, c) in spec.char_indices() {
        let ends = match c {
            '@' => i > 0,
            '=' | '<' | '>' | '!' | '~' | '[' | ';' | ' ' | ',' => true,
            ':' => i >= last_slash,
            _ => false,
        };
        if ends {
            return spec[..i].trim_end();
        }
    }
    spec
}

/// Decode PowerShell's `-EncodedCommand` (base64 of UTF-16LE).
pub fn decode_utf16_base64(s: &str) -> Option<String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut bytes = Vec::new();
    for c in s.trim().bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            bytes.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(words: &[&str]) -> Vec<Str> {
        let mut pos = 0;
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let s = Str {
                    value: w.to_string(),
                    span: pos..pos + w.len(),
                    pointer: format!("/args/{i}"),
                };
                pos += w.len() + 1;
                s
            })
            .collect()
    }

    fn launch(words: &[&str]) -> (Launcher, String, Option<String>, Vec<String>) {
        let owned = strs(words);
        let refs: Vec<&Str> = owned.iter().collect();
        let l = parse_argv(&refs, None, 0);
        (
            l.launcher,
            l.launcher_name.clone(),
            l.package_spec(),
            l.server_args.iter().map(|s| s.value.clone()).collect(),
        )
    }

    fn pkg(words: &[&str]) -> Option<String> {
        launch(words).2
    }

    #[test]
    fn npm_family() {
        assert_eq!(
            launch(&[
                "npx",
                "-y",
                "@modelcontextprotocol/server-filesystem",
                "/tmp",
                "~/x"
            ]),
            (
                Launcher::Npx,
                "npx".into(),
                Some("@modelcontextprotocol/server-filesystem".into()),
                vec!["/tmp".into(), "~/x".into()]
            )
        );
        assert_eq!(
            pkg(&["npx", "--yes", "--", "pkg@1.0.0", "--flag"]).as_deref(),
            Some("pkg@1.0.0")
        );
        assert_eq!(
            pkg(&["npx", "-p", "a@1", "cmd", "x"]).as_deref(),
            Some("a@1")
        );
        assert_eq!(
            pkg(&["npx", "--package=a@2", "cmd"]).as_deref(),
            Some("a@2")
        );
        assert_eq!(launch(&["npx", "-p", "a@1", "cmd", "x"]).3, vec!["x"]);
        assert_eq!(
            launch(&["npx", "--registry", "https://r", "pkg"])
                .2
                .as_deref(),
            Some("pkg")
        );
        assert_eq!(launch(&["pnpx", "pkg"]).0, Launcher::Pnpx);
        assert_eq!(launch(&["pnpm", "dlx", "pkg"]).1, "pnpm dlx");
        assert_eq!(
            launch(&["pnpm", "--silent", "dlx", "pkg"]).2.as_deref(),
            Some("pkg")
        );
        assert_eq!(launch(&["yarn", "dlx", "-q", "pkg"]).0, Launcher::YarnDlx);
        assert_eq!(
            launch(&["npm", "exec", "--yes", "--", "pkg"]).2.as_deref(),
            Some("pkg")
        );
        assert_eq!(launch(&["npm", "x", "pkg"]).0, Launcher::NpmExec);
        assert_eq!(launch(&["bunx", "--bun", "pkg"]).2.as_deref(), Some("pkg"));
        assert_eq!(launch(&["bun", "x", "pkg"]).1, "bun x");
        assert_eq!(
            launch(&["C:\\Program Files\\nodejs\\npx.cmd", "pkg"]).0,
            Launcher::Npx
        );
        assert_eq!(
            launch(&[
                "deno",
                "run",
                "-A",
                "--config",
                "deno.json",
                "npm:pkg@1.0.0",
                "a"
            ]),
            (
                Launcher::Deno,
                "deno run".into(),
                Some("npm:pkg@1.0.0".into()),
                vec!["a".into()]
            )
        );
        // Not launchers of remote packages.
        assert_eq!(launch(&["npm", "run", "start"]).0, Launcher::Other);
        assert_eq!(launch(&["node", "/abs/index.js"]).0, Launcher::Other);
        assert_eq!(launch(&["node", "/abs/index.js"]).3, vec!["/abs/index.js"]);
    }

    #[test]
    fn python_family() {
        assert_eq!(
            launch(&[
                "uvx",
                "--python",
                "3.12",
                "mcp-server-git",
                "--repository",
                "."
            ]),
            (
                Launcher::Uvx,
                "uvx".into(),
                Some("mcp-server-git".into()),
                vec!["--repository".into(), ".".into()]
            )
        );
        assert_eq!(
            launch(&["uvx", "--from", "git+https://x/y", "cmd", "a"])
                .2
                .as_deref(),
            Some("git+https://x/y")
        );
        assert_eq!(launch(&["uvx", "--from", "x==1", "cmd", "a"]).3, vec!["a"]);
        assert_eq!(launch(&["uv", "tool", "run", "pkg"]).1, "uv tool run");
        assert_eq!(
            launch(&["uv", "--directory", "/srv", "tool", "run", "pkg==1"])
                .2
                .as_deref(),
            Some("pkg==1")
        );
        let owned = strs(&[
            "uv",
            "--directory",
            "/x",
            "run",
            "--with",
            "mcp==1.0",
            "server.py",
            "a",
        ]);
        let refs: Vec<&Str> = owned.iter().collect();
        let l = parse_argv(&refs, None, 0);
        assert_eq!(l.launcher, Launcher::UvRun);
        assert_eq!(l.package, None);
        assert_eq!(l.extra_packages[0].value, "mcp==1.0");
        assert_eq!(l.server_args[0].value, "a");
        assert_eq!(
            launch(&["pipx", "run", "pkg==1", "x"]).2.as_deref(),
            Some("pkg==1")
        );
        assert_eq!(
            launch(&["pipx", "run", "--spec", "pkg==1", "cmd", "x"]),
            (
                Launcher::PipxRun,
                "pipx run".into(),
                Some("pkg==1".into()),
                vec!["x".into()]
            )
        );
        assert_eq!(launch(&["python", "-m", "server"]).0, Launcher::Other);
    }

    #[test]
    fn docker_option_values_are_never_the_image() {
        let (l, name, image, rest) = launch(&[
            "docker",
            "run",
            "-i",
            "--rm",
            "-e",
            "GITHUB_TOKEN",
            "-v",
            "/a:/b:ro",
            "--name",
            "n",
            "--mount",
            "type=bind,src=/h,dst=/c",
            "--env-file",
            "f.env",
            "-p",
            "8080:80",
            "--network",
            "bridge",
            "-w",
            "/w",
            "--user",
            "1000",
            "--entrypoint",
            "sh",
            "-it",
            "ghcr.io/github/github-mcp-server:1.0",
            "stdio",
        ]);
        assert_eq!((l, name.as_str()), (Launcher::Docker, "docker run"));
        assert_eq!(
            image.as_deref(),
            Some("ghcr.io/github/github-mcp-server:1.0")
        );
        assert_eq!(rest, vec!["stdio"]);
        assert_eq!(
            pkg(&["docker", "container", "run", "-itd", "img"]).as_deref(),
            Some("img")
        );
        assert_eq!(
            launch(&["docker", "container", "run", "img"]).1,
            "docker container run"
        );
        assert_eq!(
            pkg(&["docker", "run", "-itv", "/a:/b", "img"]).as_deref(),
            Some("img")
        );
        assert_eq!(
            pkg(&["docker", "run", "-eX=1", "img:2"]).as_deref(),
            Some("img:2")
        );
        assert_eq!(
            pkg(&["docker", "--context", "c", "run", "--name=x", "img"]).as_deref(),
            Some("img")
        );
        assert_eq!(
            pkg(&["podman", "run", "--pod", "p", "img"]).as_deref(),
            Some("img")
        );
        assert_eq!(launch(&["docker", "ps"]).0, Launcher::Other);
    }

    #[test]
    fn container_options() {
        let owned = strs(&[
            "docker",
            "run",
            "--privileged",
            "--net=host",
            "--pid",
            "host",
            "--cap-add",
            "SYS_ADMIN",
            "-v",
            "C:\\Users\\me:/data",
            "-v",
            "/anon",
            "--volume=vol:/v",
            "--mount",
            "type=bind,source=/,target=/host,readonly",
            "-e",
            "A=1",
            "img",
        ]);
        let refs: Vec<&Str> = owned.iter().collect();
        let l = parse_argv(&refs, None, 0);
        let c = l.container.expect("container");
        assert_eq!(c.privileged.map(|s| s.value.as_str()), Some("--privileged"));
        assert_eq!(c.network_host.map(|s| s.value.as_str()), Some("--net=host"));
        assert_eq!(c.pid_host.map(|s| s.value.as_str()), Some("host"));
        assert_eq!(c.cap_add[0].value, "SYS_ADMIN");
        assert_eq!(c.env[0].value, "A=1");
        let m: Vec<(&str, Option<&str>, bool, bool)> = c
            .mounts
            .iter()
            .map(|m| (m.source.as_str(), m.target.as_deref(), m.bind, m.read_only))
            .collect();
        assert_eq!(
            m,
            vec![
                ("C:\\Users\\me", Some("/data"), true, false),
                ("", Some("/anon"), false, false),
                ("vol", Some("/v"), false, false),
                ("/", Some("/host"), true, true),
            ]
        );
        assert_eq!(c.mounts[0].arg.value, "C:\\Users\\me:/data");
    }

    #[test]
    fn volume_sources_keep_references_whole() {
        let owned = strs(&[
            "docker",
            "run",
            "-v",
            "${env:HOME}/.ssh:/root/.ssh:ro",
            "--volume=${env:USERPROFILE}:/h",
            "img:1",
        ]);
        let refs: Vec<&Str> = owned.iter().collect();
        let c = parse_argv(&refs, None, 0).container.expect("container");
        let m: Vec<(&str, Option<&str>, bool, bool)> = c
            .mounts
            .iter()
            .map(|m| (m.source.as_str(), m.target.as_deref(), m.bind, m.read_only))
            .collect();
        assert_eq!(
            m,
            vec![
                ("${env:HOME}/.ssh", Some("/root/.ssh"), true, true),
                ("${env:USERPROFILE}", Some("/h"), true, false),
            ]
        );
    }

    #[test]
    fn go_and_cargo() {
        assert_eq!(
            launch(&[
                "go",
                "run",
                "-tags",
                "x",
                "golang.org/x/tools/gopls@latest",
                "a"
            ]),
            (
                Launcher::GoRun,
                "go run".into(),
                Some("golang.org/x/tools/gopls@latest".into()),
                vec!["a".into()]
            )
        );
        assert_eq!(
            launch(&["dnx", "NuGet.Mcp.Server@1.4.3", "--yes"]),
            (
                Launcher::Dnx,
                "dnx".into(),
                Some("NuGet.Mcp.Server@1.4.3".into()),
                vec![]
            )
        );
        assert_eq!(
            launch(&[
                "dotnet",
                "dnx",
                "DotNetDevMCP",
                "--yes",
                "--",
                "--load-solution",
                "/p/App.sln"
            ]),
            (
                Launcher::Dnx,
                "dotnet dnx".into(),
                Some("DotNetDevMCP".into()),
                vec!["--load-solution".into(), "/p/App.sln".into()]
            )
        );
        assert_eq!(
            pkg(&["dotnet", "tool", "exec", "--source", "https://f", "Pkg"]).as_deref(),
            Some("Pkg")
        );
        let owned = strs(&["dnx", "NuGet.Mcp.Server", "--version", "1.4.3", "--yes"]);
        let refs: Vec<&Str> = owned.iter().collect();
        let l = parse_argv(&refs, None, 0);
        assert_eq!(
            l.option(&["--version"])
                .and_then(|o| o.value.clone())
                .as_deref(),
            Some("1.4.3")
        );
        assert_eq!(launch(&["dotnet", "run"]).0, Launcher::Other);
        let owned = strs(&[
            "cargo",
            "install",
            "--locked",
            "--version",
            "1.2.3",
            "mcp-x",
        ]);
        let refs: Vec<&Str> = owned.iter().collect();
        let l = parse_argv(&refs, None, 0);
        assert_eq!(l.launcher, Launcher::CargoInstall);
        assert_eq!(l.package.map(|s| s.value.as_str()), Some("mcp-x"));
        assert_eq!(
            l.option(&["--version"])
                .and_then(|o| o.value.clone())
                .as_deref(),
            Some("1.2.3")
        );
        assert!(l.option(&["--locked"]).is_some());
    }

    #[test]
    fn wrappers() {
        assert_eq!(
            launch(&["cmd", "/c", "npx", "-y", "pkg", "a"]),
            (
                Launcher::Npx,
                "npx".into(),
                Some("pkg".into()),
                vec!["a".into()]
            )
        );
        assert_eq!(
            launch(&["C:\\Windows\\System32\\cmd.exe", "/C", "npx", "pkg"]).0,
            Launcher::Npx
        );
        assert_eq!(launch(&["cmd", "/s", "/c", "uvx", "pkg"]).0, Launcher::Uvx);
        assert_eq!(
            launch(&["env", "A=1", "npx", "pkg"]).2.as_deref(),
            Some("pkg")
        );
        assert_eq!(
            launch(&["powershell", "-NoProfile", "-Command", "npx", "pkg"]).0,
            Launcher::Npx
        );
        // A one-string script is not looked into by parse_argv.
        assert_eq!(launch(&["sh", "-c", "npx -y pkg"]).0, Launcher::Other);
        let owned = strs(&["cmd", "/c", "npx", "pkg"]);
        let refs: Vec<&Str> = owned.iter().collect();
        assert_eq!(
            parse_argv(&refs, None, 0).wrapper.map(|s| s.value.as_str()),
            Some("cmd")
        );
    }

    #[test]
    fn scripts_are_split_with_spans() {
        let text = r#"{"args": ["-c", "cargo install mcp-x&&mcp-x --port 1; npx -y pkg"]}"#;
        let start = text.find("\"cargo").expect("literal");
        let value = "cargo install mcp-x&&mcp-x --port 1; npx -y pkg";
        let script = Str {
            value: value.into(),
            span: start..start + value.len() + 2,
            pointer: "/args/1".into(),
        };
        let words = script_words(&script, text);
        for w in &words {
            assert_eq!(&text[w.span.clone()], w.value);
        }
        let refs: Vec<&Str> = words.iter().collect();
        let cmds: Vec<Vec<&str>> = split_commands(&refs)
            .iter()
            .map(|c| c.iter().map(|w| w.value.as_str()).collect())
            .collect();
        assert_eq!(
            cmds,
            vec![
                vec!["cargo", "install", "mcp-x"],
                vec!["mcp-x", "--port", "1"],
                vec!["npx", "-y", "pkg"],
            ]
        );
    }

    #[test]
    fn shell_detection() {
        let sh = |w: &[&str]| {
            let owned = strs(w);
            let refs: Vec<&Str> = owned.iter().collect();
            shell_script_of(refs[0], &refs[1..]).map(|s| (s.shell, s.text(), s.is_plain_argv()))
        };
        assert_eq!(
            sh(&["bash", "-lc", "a | b"]),
            Some((Shell::Posix, "a | b".into(), false))
        );
        assert_eq!(
            sh(&["bash", "-o", "pipefail", "-c", "x"]).map(|s| s.1),
            Some("x".into())
        );
        assert_eq!(sh(&["bash", "script.sh"]), None);
        assert_eq!(
            sh(&["cmd", "/c", "npx", "pkg"]),
            Some((Shell::Cmd, "npx pkg".into(), true))
        );
        assert_eq!(
            sh(&["pwsh", "-NoLogo", "-c", "iwr x | iex"]).map(|s| s.2),
            Some(false)
        );
        assert_eq!(sh(&["pwsh", "-File", "x.ps1"]), None);
        assert_eq!(sh(&["pwsh", "x.ps1"]), None);
        assert_eq!(
            sh(&["powershell", "npx pkg"]).map(|s| s.1),
            Some("npx pkg".into())
        );
        // "npx pkg" as UTF-16LE base64.
        let enc = "bgBwAHgAIABwAGsAZwA=";
        assert_eq!(
            sh(&["powershell", "-enc", enc]).map(|s| s.1),
            Some("npx pkg".into())
        );
        assert_eq!(
            sh(&["powershell", "-EncodedCommand", enc]).map(|s| s.2),
            Some(false)
        );
    }

    #[test]
    fn names() {
        for (spec, name) in [
            (
                "@modelcontextprotocol/server-filesystem@1.2.3",
                "@modelcontextprotocol/server-filesystem",
            ),
            ("@scope/pkg", "@scope/pkg"),
            ("pkg@latest", "pkg"),
            ("npm:pkg@^1", "pkg"),
            ("jsr:@std/x@1", "@std/x"),
            ("mcp-server-git==0.6.2", "mcp-server-git"),
            ("pkg[cli]>=1", "pkg"),
            ("ghcr.io/o/img:1.0@sha256:abc", "ghcr.io/o/img"),
            ("localhost:5000/img:1", "localhost:5000/img"),
            ("mcp/filesystem", "mcp/filesystem"),
            (
                "golang.org/x/tools/gopls@v0.1.0",
                "golang.org/x/tools/gopls",
            ),
            ("git+https://github.com/a/b", "git+https://github.com/a/b"),
        ] {
            assert_eq!(package_name(spec), name, "{spec}");
        }
    }
}
