//! `unpinned-package`: a server fetched by name at every start (`npx`,
//! `uvx`, `docker run`, ...) without a fixed version, so whatever the
//! registry serves next is what runs. Parsing of the launch lives in
//! [`crate::packages`]; this file judges the spec. Offline: versions are
//! never looked up.

use globset::{GlobBuilder, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::finding::{Finding, Severity};
use crate::model::ConfigFile;
use crate::packages::{self, Ecosystem, Launch, Launcher};
use crate::rules::options::{OptionDoc, OptionError, Ordered, RuleTable};
use crate::rules::{Context, Rule, RuleMeta};

/// The rule, with the pin policies of `[rules.unpinned-package.pins]`.
pub struct UnpinnedPackage {
    /// In file order; see [`UnpinnedPackage::policy`].
    pins: Vec<PinRule>,
}

impl UnpinnedPackage {
    /// The rule with no configured pins: every package needs an exact version.
    pub const DEFAULT: UnpinnedPackage = UnpinnedPackage { pins: Vec::new() };

    /// The policy for a package name (without version): an exact name beats
    /// a glob, a longer glob beats a shorter one, and on a tie the entry
    /// written first wins. [`PinPolicy::Exact`] when nothing matches.
    fn policy(&self, package: &str) -> PinPolicy {
        self.pins
            .iter()
            .enumerate()
            .filter(|(_, p)| p.matcher.is_match(package))
            .max_by_key(|(i, p)| (p.is_literal(), p.pattern.len(), std::cmp::Reverse(*i)))
            .map_or(PinPolicy::Exact, |(_, p)| p.policy)
    }
}

const OPTIONS: &[OptionDoc] = &[OptionDoc {
    name: "pins",
    ty: "table of `\"pattern\" = \"exact\" | \"digest\" | \"any\"`",
    meaning: "pin policy per package, by package name or glob without version, tag or digest (`@acme/*`, `ghcr.io/acme/*`; `*` matches across `/`; an exact name beats a glob, a longer glob a shorter one): `exact` wants an exact version (the default), `digest` a content digest (image `@sha256:…`, git commit), `any` switches the check off for that package",
}];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    pins: Option<Ordered<String>>,
}

/// How strictly a package must be pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PinPolicy {
    /// An exact version (`pkg@1.2.3`, `pkg==1.2.3`, an image tag other than
    /// `latest`); ranges and dist-tags are not pins.
    Exact,
    /// A content digest: an image `@sha256:…` or a git commit hash.
    Digest,
    /// No requirement: the package is never reported as unpinned.
    Any,
}

/// One `"<package pattern>" = "<policy>"` entry.
#[derive(Debug, Clone)]
struct PinRule {
    pattern: String,
    policy: PinPolicy,
    matcher: GlobMatcher,
}

impl PinRule {
    fn is_literal(&self) -> bool {
        !self.pattern.contains(['*', '?', '[', '{'])
    }

    fn compile(pattern: Spanned<String>, policy: &Spanned<String>) -> Result<PinRule, OptionError> {
        let policy = match policy.get_ref().as_str() {
            "exact" => PinPolicy::Exact,
            "digest" => PinPolicy::Digest,
            "any" => PinPolicy::Any,
            other => {
                return Err(OptionError::at(
                    policy,
                    format!("unknown pin policy `{other}`"),
                    "not a pin policy",
                )
                .help("use one of: exact, digest, any"))
            }
        };
        // `*` crosses `/` here: `@acme/*` and `ghcr.io/acme/*` are names.
        let matcher = GlobBuilder::new(pattern.get_ref())
            .literal_separator(false)
            .backslash_escape(true)
            .build()
            .map_err(|e| OptionError::at(&pattern, format!("invalid glob: {}", e.kind()), "here"))?
            .compile_matcher();
        Ok(PinRule {
            pattern: pattern.into_inner(),
            policy,
            matcher,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "unpinned-package",
    summary: "A server package or container image is fetched without a fixed version",
    default_severity: Severity::Medium,
    family: "supply-chain",
    precision: "high",
    docs: r#"## What it does

Reads each server's launch command the way the launcher does (options and
their values, `--`, `--package`/`--from`/`--with`/`--spec`, one-string
commands, `cmd /c` and `sh -c` wrappers) and reports a package or image that is
not pinned:

- **npm** (`npx`, `pnpx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `bunx`,
  `bun x`, `deno run npm:`/`jsr:`): no version, a dist-tag (`@latest`,
  `@next`), a range (`@^1`, `@~1.2`, `@1`, `@1.x`, `@>=1`), a git spec without
  a commit (`github:user/repo`, `git+https://…` without `#<sha>`) or a tarball
  URL.
- **Python** (`uvx`, `uv tool run`, `uvx --from`, `uv run --with`,
  `pipx run`, `pipx run --spec`): no `==X.Y.Z` (or uvx `@X.Y.Z`), a range,
  `@latest`, a git URL without a commit.
- **Containers** (`docker run`, `docker container run`, `podman run`): no tag
  or `:latest`. With the `digest` policy, any image without `@sha256:`.
- **Go and Cargo**: `go run pkg@latest` (or a branch), `cargo install`
  without an exact `--version` (or `crate@X.Y.Z`), or without `--locked`.
- **NuGet** (`dnx`, `dotnet dnx`, `dotnet tool exec`, .NET 10): no
  `Id@X.Y.Z` and no `--version X.Y.Z`, or a floating version (`1.*`) or
  range.

**Client plugins** installed from npm at start are judged like `npx`
packages: opencode's `plugin` (and `plugins`) array, each string element or
the `package` of an object element, at the exact element. Local paths
(`./plugins/x`, `/abs/plugin.ts`, `file://…`) are not reported.

**A launcher misused** is reported at high severity instead: `uvx run pkg`,
`npx run pkg`, `pipx run run pkg`, `bunx run pkg`, `npx exec pkg`,
`uvx tool run pkg` and the like make the launcher fetch and run a package
literally named `run` (or `exec`, `tool`, `dlx`, `x`), an unrelated package
from the registry, with the intended name as its argument. The finding points
at the misread word; a versioned spec (`run@1.0.0`) is taken as meant. This
lives in `unpinned-package` because it is the same question (which code does
the launcher fetch?) with a worse answer.

Local paths (`npx ./server.js`, `node /abs/index.js`, `python -m module`,
absolute binaries) are not reported. Nothing is looked up online.

## Why it matters

`npx -y some-mcp` runs whatever the registry serves at that moment, with your
user's rights, and with the tokens in the server's `env`. A compromised
maintainer account, a malicious release or a typosquat lands on every machine
at its next start, with no review and no diff. A pinned version changes only
when you change it, in a commit someone can read.

## Example

```json
{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] },
    "git": { "command": "uvx", "args": ["mcp-server-git"] },
    "fetch": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/fetch"] }
  }
}
```

## Use instead

```json
{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] },
    "git": { "command": "uvx", "args": ["mcp-server-git==2025.1.14"] },
    "fetch": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/fetch@sha256:<digest>"] }
  }
}
```

`npm view <pkg> version`, `pip index versions <pkg>` and
`docker buildx imagetools inspect <image>` print the current version or
digest to pin.

## Configuration

The pin policy is set per package pattern in `mcpward.toml` (an exact name
beats a glob, a longer glob beats a shorter one):

```toml
[rules.unpinned-package.pins]
"*" = "exact"                 # the default: an exact version or image tag
"ghcr.io/acme/*" = "digest"   # images need @sha256:, packages a git commit
"@acme/internal-*" = "any"    # never reported
```

## References

- npm: [`npx` / `npm exec`](https://docs.npmjs.com/cli/commands/npm-exec)
- uv: [tools](https://docs.astral.sh/uv/guides/tools/)
- Docker: [pull an image by digest](https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier)
- OWASP: [Top 10 CI/CD risks, CICD-SEC-3 dependency chain abuse](https://owasp.org/www-project-top-10-ci-cd-security-risks/)
"#,
    options: OPTIONS,
};

/// What is wrong with a spec.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Pinned,
    /// A local path or something that cannot be judged (a variable).
    Skip,
    Unpinned {
        what: String,
        help: String,
        severity: Severity,
    },
}

fn unpinned(what: impl Into<String>, help: impl Into<String>) -> Verdict {
    Verdict::Unpinned {
        what: what.into(),
        help: help.into(),
        severity: Severity::Medium,
    }
}

impl Rule for UnpinnedPackage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn configure(&self, options: &RuleTable) -> Result<Box<dyn Rule>, OptionError> {
        let o: Options = options.deserialize()?;
        let mut pins = Vec::new();
        for (pattern, policy) in o.pins.map(|p| p.0).unwrap_or_default() {
            pins.push(PinRule::compile(pattern, &policy)?);
        }
        Ok(Box::new(UnpinnedPackage { pins }))
    }

    /// Nothing is fetched until the server starts, and switching it on is linted again.
    fn when_disabled(&self) -> crate::rules::WhenDisabled {
        crate::rules::WhenDisabled::Drop
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        self.plugins(file, out);
        for server in &file.servers {
            packages::for_each_launch(server, &file.source.text, &mut |launch| {
                let mut specs: Vec<_> = launch.package.iter().copied().collect();
                specs.extend(launch.extra_packages.iter().copied());
                if let Some(f) = misused_launcher(launch) {
                    out.push(f.server(Some(&server.name)));
                    return;
                }
                for arg in specs {
                    let spec = packages::spec_text(arg);
                    let name = packages::package_name(&spec);
                    let policy = self.policy(name);
                    if policy == PinPolicy::Any {
                        continue;
                    }
                    if let Verdict::Unpinned {
                        what,
                        help,
                        severity,
                    } = judge(launch, &spec, policy)
                    {
                        out.push(
                            Finding::new(
                                META.id,
                                severity,
                                arg.span.clone(),
                                arg.pointer.clone(),
                                format!(
                                    "`{}` fetches `{}` {what}",
                                    launch.launcher_name,
                                    shown(&spec)
                                ),
                            )
                            .label("not pinned")
                            .help(help)
                            .server(Some(&server.name)),
                        );
                    }
                }
            });
        }
    }
}

impl UnpinnedPackage {
    /// npm plugins the client installs at start (opencode `plugin`): where
    /// they live is `known-clients/` data (`npm_plugins`).
    fn plugins(&self, file: &ConfigFile, out: &mut Vec<Finding>) {
        let Some(root) = file.root() else { return };
        let client = file.kind.client;
        for pointer in &file.kind.file.npm_plugins {
            for list in crate::clients::nodes_at(root, pointer) {
                for el in list.as_array().unwrap_or(&[]) {
                    // `"pkg"`, `{ "package": "pkg", ... }`, `["pkg", {...}]`.
                    let node = match &el.kind {
                        crate::parse::Kind::Object(_) => el.get("package"),
                        crate::parse::Kind::Array(a) => a.first(),
                        _ => Some(el),
                    };
                    let Some(node) = node else { continue };
                    let Some(spec) = node.as_str() else { continue };
                    let spec = spec.trim();
                    if is_local_path(spec) || spec.contains("${") || spec.contains("{env:") {
                        continue;
                    }
                    let policy = self.policy(packages::package_name(spec));
                    if policy == PinPolicy::Any {
                        continue;
                    }
                    let mut verdict = npm(spec);
                    if policy == PinPolicy::Digest && verdict == Verdict::Pinned {
                        let tail = spec.rsplit(['#', '@']).next().unwrap_or("");
                        if !is_commit(tail) {
                            verdict = unpinned(
                                "by version only; the pin policy for this package is `digest`, which needs a git commit",
                                "pin a git commit (`#<commit-sha>`), or relax the policy to `exact` for this package",
                            );
                        }
                    }
                    if let Verdict::Unpinned {
                        what,
                        help,
                        severity,
                    } = verdict
                    {
                        out.push(
                            Finding::new(
                                META.id,
                                severity,
                                node.span.clone(),
                                &node.pointer,
                                format!(
                                    "{} installs the plugin `{}` from npm at start {what}",
                                    client.name,
                                    shown(spec)
                                ),
                            )
                            .label("not pinned")
                            .help(help),
                        );
                    }
                }
            }
        }
    }
}

/// Subcommand words of other tools that, written after a launcher that
/// takes the package as its first positional, are read as the package name:
/// `uvx run pkg` runs the PyPI package `run`, `npx run pkg` the npm package
/// `run`, `pipx run run pkg` again `run`. Only the bare word counts (a
/// versioned `run@1.0.0` is a deliberate choice).
fn launcher_words(launcher: Launcher) -> &'static [&'static str] {
    use Launcher::*;
    match launcher {
        Npx | Pnpx | PnpmDlx | YarnDlx | NpmExec | Bunx => &["run", "exec", "dlx", "x"],
        Uvx | UvToolRun | PipxRun => &["run", "tool"],
        Dnx => &["run", "exec", "tool"],
        _ => &[],
    }
}

/// `uvx run pkg` and the like: the launcher fetches and runs a package
/// literally named `run`, an unrelated package from the registry, and hands
/// it the intended name as an argument. Reported (high) instead of the
/// unpinned finding, at the misread word.
fn misused_launcher(launch: &Launch) -> Option<Finding> {
    let arg = launch.package?;
    if arg.value.starts_with('-') {
        return None;
    }
    let word = arg.value.as_str();
    if !launcher_words(launch.launcher).contains(&word) {
        return None;
    }
    let intended = launch
        .server_args
        .iter()
        .find(|a| !a.value.starts_with('-'))
        .map(|a| a.value.as_str());
    let message = match intended {
        Some(i) => format!(
            "`{} {word} {}` runs an unrelated package named `{word}` from the registry (with `{}` as its argument), not `{}`",
            launch.launcher_name,
            shown(i),
            shown(i),
            shown(i)
        ),
        None => format!(
            "`{} {word}` runs an unrelated package named `{word}` from the registry",
            launch.launcher_name
        ),
    };
    let help = match intended {
        Some(i) => format!(
            "`{}` takes the package directly: drop `{word}` (`{} {}@<version>` or the launcher's pin syntax)",
            launch.launcher_name,
            launch.launcher_name,
            shown(i)
        ),
        None => format!("`{}` takes the package directly: drop `{word}`", launch.launcher_name),
    };
    Some(
        Finding::new(
            META.id,
            Severity::High,
            arg.span.clone(),
            arg.pointer.clone(),
            message,
        )
        .label("launcher misused: this is the package name")
        .help(help),
    )
}

/// Judge one spec of a launch.
fn judge(launch: &Launch, spec: &str, policy: PinPolicy) -> Verdict {
    if spec.is_empty() || spec.contains("${") || spec.starts_with('$') || spec.starts_with('%') {
        return Verdict::Skip;
    }
    // Only PEP 508 specs may hold spaces (`pkg >= 1`, `name @ url`).
    if launch.launcher.ecosystem() != Ecosystem::Python && spec.contains(char::is_whitespace) {
        return Verdict::Skip;
    }
    let verdict = match launch.launcher.ecosystem() {
        Ecosystem::Npm => {
            if launch.launcher == Launcher::Deno {
                match spec
                    .strip_prefix("npm:")
                    .or_else(|| spec.strip_prefix("jsr:"))
                {
                    Some(s) => npm(s),
                    None => Verdict::Skip,
                }
            } else {
                npm(spec)
            }
        }
        Ecosystem::Python => python(spec),
        Ecosystem::Container => return image(spec, policy),
        Ecosystem::Go => go(spec),
        Ecosystem::Cargo => cargo(launch, spec),
        Ecosystem::NuGet => nuget(launch, spec),
        Ecosystem::None => Verdict::Skip,
    };
    // Under `digest`, a version number is not enough: only a git commit or
    // a content hash pins the bytes.
    if policy == PinPolicy::Digest && verdict == Verdict::Pinned && !content_pinned(launch, spec) {
        return unpinned(
            "by version only; the pin policy for this package is `digest`, which needs a git commit or a content hash",
            "pin a git commit (`#<commit-sha>` / `@<commit-sha>`), or relax the policy to `exact` for this package",
        );
    }
    verdict
}

/// Pinned by content: a commit hash after `#` or `@`, a `sha256` hash, or
/// cargo's `--rev`.
fn content_pinned(launch: &Launch, spec: &str) -> bool {
    let tail = spec.rsplit(['#', '@']).next().unwrap_or("");
    is_commit(tail) || spec.contains("sha256") || launch.option(&["--rev"]).is_some()
}

fn is_local_path(s: &str) -> bool {
    s.starts_with(['.', '/', '~', '\\'])
        || s.starts_with("file:")
        || s.starts_with("link:")
        || (s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && matches!(s.get(1..3), Some(":\\" | ":/")))
}

/// A plausible package or image name: ASCII alphanumerics and `extra`,
/// path segments separated by `/` (an npm scope starts with `@`). Anything
/// else (`#`, `|`, an unexpanded template) is not judged.
fn valid_name(name: &str, extra: &str) -> bool {
    let body = name.strip_prefix('@').unwrap_or(name);
    !body.is_empty()
        && body.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
        })
}

/// What follows the package name in a spec (`@1.2.3`, `==1.0`, `:tag`).
fn after_name<'a>(spec: &'a str, name: &str) -> &'a str {
    spec.find(name).map_or("", |i| &spec[i + name.len()..])
}

fn is_commit(s: &str) -> bool {
    (7..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `1.2.3`, `=1.2.3`, `v1.2.3`, with prerelease and build metadata.
fn is_exact_semver(v: &str) -> bool {
    let v = v.strip_prefix(['=', 'v']).unwrap_or(v);
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !v.contains(' ')
}

fn npm(spec: &str) -> Verdict {
    if is_local_path(spec) {
        return Verdict::Skip;
    }
    let git_prefixes = [
        "github:",
        "gitlab:",
        "bitbucket:",
        "gist:",
        "git+",
        "git://",
    ];
    let shorthand = !spec.starts_with('@') && spec.contains('/') && !spec.contains(':');
    if git_prefixes.iter().any(|p| spec.starts_with(p)) || shorthand {
        let (base, reference) = match spec.split_once('#') {
            Some((b, r)) => (b, Some(r)),
            None => (spec, None),
        };
        return git_ref(reference, base, '#');
    }
    if spec.starts_with("http://") || spec.starts_with("https://") {
        return unpinned(
            "from a URL, whose content can change without notice",
            "install a published version instead (\"<package>@<version>\"), or vendor the tarball",
        );
    }
    let name = packages::package_name(spec);
    if !valid_name(name, "-._~") {
        return Verdict::Skip;
    }
    let version = after_name(spec, name).strip_prefix('@').unwrap_or("");
    let pinned = format!(
        "pin an exact version: \"{}@<version>\" (`npm view {} version` prints the newest)",
        shown(name),
        shown(name)
    );
    if version.is_empty() {
        return unpinned(
            "with no version, so each start runs whatever the registry serves then",
            pinned,
        );
    }
    if is_exact_semver(version) {
        return Verdict::Pinned;
    }
    let range_like = version.starts_with(|c: char| c.is_ascii_digit() || "^~<>=*xXv".contains(c));
    if version == "latest" {
        unpinned("at `latest`, which changes with every release", pinned)
    } else if range_like {
        unpinned(
            format!(
                "with the range `{}`, which accepts new releases",
                shown(version)
            ),
            pinned,
        )
    } else {
        unpinned(
            format!(
                "at the dist-tag `{}`, which moves with new releases",
                shown(version)
            ),
            pinned,
        )
    }
}

/// A git dependency: pinned only to a commit. `base` is the spec without
/// its ref.
fn git_ref(reference: Option<&str>, base: &str, sep: char) -> Verdict {
    let help = format!("pin a commit: \"{}{sep}<commit-sha>\"", shown(base));
    match reference {
        Some(r) if is_commit(r) => Verdict::Pinned,
        Some(r) => unpinned(
            format!("from git at `{}`, a ref that can move", shown(r)),
            help,
        ),
        None => unpinned(
            "from git without a commit, so it follows the default branch",
            help,
        ),
    }
}

fn python(spec: &str) -> Verdict {
    // A PEP 508 direct reference: `name @ url`.
    let url = spec.split_once(" @ ").map_or(spec, |(_, u)| u.trim());
    if url.contains("://") {
        if let Some(git) = url.strip_prefix("git+") {
            let no_fragment = git.split('#').next().unwrap_or(git);
            let after_host = no_fragment
                .split_once("://")
                .map_or(no_fragment, |(_, r)| r);
            let path = after_host.split_once('/').map_or("", |(_, p)| p);
            let reference = path.rsplit_once('@').map(|(_, r)| r);
            let no_fragment = url.split('#').next().unwrap_or(url);
            let base = match reference {
                Some(r) => &no_fragment[..no_fragment.len() - r.len() - 1],
                None => no_fragment,
            };
            return git_ref(reference, base, '@');
        }
        if url.contains("#sha256=") {
            return Verdict::Pinned;
        }
        return unpinned(
            "from a URL, whose content can change without notice",
            "install a published version (\"<package>==<version>\") or add a \"#sha256=<hash>\" fragment",
        );
    }
    let lower = spec.to_ascii_lowercase();
    if is_local_path(spec)
        || [".whl", ".tar.gz", ".zip", ".py"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        return Verdict::Skip;
    }
    let name = packages::package_name(spec);
    if !valid_name(name, "-._") || name.contains('/') {
        return Verdict::Skip;
    }
    let mut rest = after_name(spec, name).trim_start();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map_or("", |(_, r)| r).trim_start();
    }
    let rest = rest.split(';').next().unwrap_or("").trim();
    if !rest.is_empty() && !rest.starts_with(['=', '<', '>', '!', '~', '@', ',']) {
        return Verdict::Skip;
    }
    let pinned = format!("pin an exact version: \"{}==<version>\"", shown(name));
    if rest.is_empty() {
        return unpinned(
            "with no version, so each start runs whatever the index serves then",
            pinned,
        );
    }
    if let Some(v) = rest.strip_prefix("===").or_else(|| rest.strip_prefix("==")) {
        let v = v.trim();
        return if v.contains(['*', ',']) || v.is_empty() {
            unpinned(
                format!(
                    "with the range `{}`, which accepts new releases",
                    shown(rest)
                ),
                pinned,
            )
        } else {
            Verdict::Pinned
        };
    }
    if let Some(v) = rest.strip_prefix('@') {
        let v = v.trim();
        if v == "latest" {
            return unpinned("at `latest`, which changes with every release", pinned);
        }
        if v.starts_with(|c: char| c.is_ascii_digit())
            && !v.contains(['*', ',', '<', '>', '=', '~', '!'])
        {
            return Verdict::Pinned;
        }
    }
    unpinned(
        format!(
            "with the range `{}`, which accepts new releases",
            shown(rest)
        ),
        pinned,
    )
}

fn image(spec: &str, policy: PinPolicy) -> Verdict {
    let (reference, digest) = match spec.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (spec, None),
    };
    let name = packages::package_name(spec);
    if !valid_name(name, "-._:") {
        return Verdict::Skip;
    }
    let tag = after_name(reference, name).strip_prefix(':');
    let by_digest = format!(
        "pin a digest: \"{}@sha256:<digest>\" (`docker buildx imagetools inspect {}` prints it)",
        shown(name),
        shown(reference)
    );
    if digest.is_some_and(|d| d.starts_with("sha256:")) {
        return Verdict::Pinned;
    }
    match tag {
        None | Some("") => unpinned(
            "with no tag, which means `latest`: each pull can bring a different image",
            format!("pin a version tag (\"{}:<version>\") or, better, {by_digest}", shown(name)),
        ),
        Some("latest") => unpinned(
            "at `latest`, which changes with every push",
            format!("pin a version tag (\"{}:<version>\") or, better, {by_digest}", shown(name)),
        ),
        Some(t) if policy == PinPolicy::Digest => unpinned(
            format!("by the tag `{}`, which can be re-pushed; the pin policy for this image requires a digest", shown(t)),
            by_digest,
        ),
        Some(_) => Verdict::Pinned,
    }
}

fn go(spec: &str) -> Verdict {
    if is_local_path(spec) || spec.ends_with(".go") {
        return Verdict::Skip;
    }
    // Without `@version`, `go run` builds from the current module.
    let Some((name, version)) = spec.rsplit_once('@') else {
        return Verdict::Skip;
    };
    let v = version.strip_prefix('v').unwrap_or(version);
    if is_exact_semver(v) || is_commit(version) {
        return Verdict::Pinned;
    }
    let what = if version == "latest" {
        "at `latest`, which changes with every release".to_string()
    } else {
        format!("at `{}`, a query or branch that can move", shown(version))
    };
    unpinned(
        what,
        format!("pin a version: \"{}@v<version>\"", shown(name)),
    )
}

fn cargo(launch: &Launch, spec: &str) -> Verdict {
    if launch.option(&["--path"]).is_some() || is_local_path(spec) {
        return Verdict::Skip;
    }
    let name = packages::package_name(spec);
    if launch.option(&["--git"]).is_some() {
        return match launch.option(&["--rev"]).and_then(|o| o.value.as_deref()) {
            Some(rev) if is_commit(rev) => Verdict::Pinned,
            _ => unpinned(
                "from git without a commit (`--rev <sha>`), so it follows a branch or a tag that can move",
                "add --rev <commit-sha> (and --locked)",
            ),
        };
    }
    let version = spec
        .split_once('@')
        .map(|(_, v)| v.to_string())
        .or_else(|| {
            launch
                .option(&["--version", "--vers"])
                .and_then(|o| o.value.clone())
        });
    let help = format!("cargo install --locked {}@<version>", shown(name));
    match version {
        Some(v) if is_exact_semver(&v) => {
            if launch.option(&["--locked"]).is_some() {
                Verdict::Pinned
            } else {
                Verdict::Unpinned {
                    what: "without --locked, so its dependencies resolve to the newest compatible releases".into(),
                    help,
                    severity: Severity::Low,
                }
            }
        }
        Some(v) => unpinned(
            format!("with the range `{}`, which accepts new releases", shown(&v)),
            help,
        ),
        None => unpinned(
            "with no version, so each install builds whatever crates.io serves then",
            help,
        ),
    }
}

/// A NuGet tool package run by `dnx`: `Id@1.2.3` or `--version 1.2.3`.
/// NuGet versions have up to four parts and may carry a prerelease label;
/// `1.*` floats and `[1.0,2.0)` is a range.
fn nuget(launch: &Launch, spec: &str) -> Verdict {
    if is_local_path(spec) || spec.ends_with(".nupkg") {
        return Verdict::Skip;
    }
    let (name, at) = match spec.split_once('@') {
        Some((n, v)) => (n, Some(v.to_string())),
        None => (spec, None),
    };
    if !valid_name(name, "-._") || name.contains('/') {
        return Verdict::Skip;
    }
    let version = at.or_else(|| launch.option(&["--version"]).and_then(|o| o.value.clone()));
    let help = format!(
        "pin an exact version: \"{}@<version>\" (or `--version <version>`)",
        shown(name)
    );
    let exact = |v: &str| {
        let core = v.split(['-', '+']).next().unwrap_or("");
        let parts: Vec<&str> = core.split('.').collect();
        (2..=4).contains(&parts.len())
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    match version {
        Some(v) if exact(&v) => Verdict::Pinned,
        Some(v) => unpinned(
            format!(
                "with the floating version or range `{}`, which accepts new releases",
                shown(&v)
            ),
            help,
        ),
        None if launch.option(&["--prerelease"]).is_some() => unpinned(
            "with no version and `--prerelease`, so each start runs the newest prerelease the feed serves then",
            help,
        ),
        None => unpinned(
            "with no version, so each start runs whatever the feed serves then",
            help,
        ),
    }
}

/// A spec fit for a message: URL credentials replaced, long specs cut.
fn shown(spec: &str) -> String {
    let mut s = spec.to_string();
    if let Some(i) = s.find("://") {
        let auth_end = s[i + 3..]
            .find(['/', '?', '#'])
            .map_or(s.len(), |j| i + 3 + j);
        if let Some(at) = s[i + 3..auth_end].rfind('@') {
            s.replace_range(i + 3..i + 3 + at, "***");
        }
    }
    if s.chars().count() > 100 {
        s = s.chars().take(99).collect::<String>() + "…";
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn verdict(words: &[&str]) -> Verdict {
        verdict_with(words, PinPolicy::Exact)
    }

    fn verdict_with(words: &[&str], policy: PinPolicy) -> Verdict {
        let owned: Vec<crate::model::Str> = words
            .iter()
            .map(|w| crate::model::Str {
                value: w.to_string(),
                span: 0..0,
                pointer: String::new(),
            })
            .collect();
        let refs: Vec<_> = owned.iter().collect();
        let l = packages::parse_argv(&refs, None, 0);
        let spec = l.package_spec().unwrap_or_default();
        judge(&l, &spec, policy)
    }

    fn what(words: &[&str]) -> String {
        match verdict(words) {
            Verdict::Unpinned { what, .. } => what,
            v => panic!("{words:?}: {v:?}"),
        }
    }

    #[test]
    fn npm_specs() {
        for pinned in [
            "pkg@1.2.3",
            "@scope/pkg@1.2.3",
            "pkg@1.0.0-beta.1",
            "pkg@=1.2.3",
            "github:user/repo#0123456789abcdef0123456789abcdef01234567",
            "./server.js",
            "/abs/server",
        ] {
            assert!(
                !matches!(verdict(&["npx", "-y", pinned]), Verdict::Unpinned { .. }),
                "{pinned}"
            );
        }
        assert!(what(&["npx", "-y", "pkg"]).contains("no version"));
        assert!(what(&["npx", "@scope/pkg"]).contains("no version"));
        assert!(what(&["npx", "pkg@latest"]).contains("`latest`"));
        for tag in ["next", "beta"] {
            assert!(what(&["npx", &format!("pkg@{tag}")]).contains("dist-tag"));
        }
        for range in ["^1", "~1.2", "1", "1.x", ">=1", "1.2", "*"] {
            assert!(
                what(&["npx", &format!("pkg@{range}")]).contains("range"),
                "{range}"
            );
        }
        assert!(what(&["npx", "github:user/repo"]).contains("without a commit"));
        assert!(what(&["npx", "user/repo#main"]).contains("ref that can move"));
        assert!(what(&["npx", "git+https://github.com/u/r.git"]).contains("git"));
        assert!(what(&["npx", "https://example.com/x.tgz"]).contains("URL"));
        for junk in ["#", "|", "&&", "<pkg>", "pkg name"] {
            assert_eq!(verdict(&["npx", junk]), Verdict::Skip, "{junk}");
            assert_eq!(verdict(&["uvx", junk]), Verdict::Skip, "{junk}");
            assert_eq!(verdict(&["pipx", "run", junk]), Verdict::Skip, "{junk}");
            assert_eq!(verdict(&["docker", "run", junk]), Verdict::Skip, "{junk}");
        }
        for l in [
            &["pnpx", "pkg"][..],
            &["pnpm", "dlx", "pkg"],
            &["yarn", "dlx", "pkg"],
            &["npm", "exec", "--", "pkg"],
            &["bunx", "pkg"],
            &["bun", "x", "pkg@next"],
            &["deno", "run", "-A", "npm:pkg"],
            &["deno", "run", "jsr:@std/x@^1"],
        ] {
            assert!(matches!(verdict(l), Verdict::Unpinned { .. }), "{l:?}");
        }
        assert_eq!(verdict(&["deno", "run", "npm:pkg@1.2.3"]), Verdict::Pinned);
        assert_eq!(verdict(&["deno", "run", "main.ts"]), Verdict::Skip);
    }

    #[test]
    fn nuget_specs() {
        for pinned in [
            &["dnx", "NuGet.Mcp.Server@1.4.3", "--yes"][..],
            &["dnx", "Contoso.SampleMcpServer@0.0.1-beta", "--yes"],
            &["dnx", "Pkg", "--version", "1.2.3.4", "--yes"],
            &["dotnet", "dnx", "Pkg@2.0.0", "--yes", "--", "--flag"],
            &["dnx", "./artifacts/Pkg.1.0.0.nupkg"],
        ] {
            assert!(
                !matches!(verdict(pinned), Verdict::Unpinned { .. }),
                "{pinned:?}"
            );
        }
        assert!(what(&["dnx", "NuGet.Mcp.Server", "--prerelease", "--yes"]).contains("prerelease"));
        assert!(what(&["dotnet", "dnx", "DotNetDevMCP", "--yes"]).contains("no version"));
        assert!(what(&["dnx", "Pkg@1.*"]).contains("floating"));
        assert!(what(&["dnx", "Pkg", "--version", "[1.0,2.0)"]).contains("range"));
        assert!(what(&["dotnet", "tool", "exec", "Pkg"]).contains("no version"));
    }

    #[test]
    fn python_specs() {
        for ok in [
            &["uvx", "mcp-server-git==0.6.2"][..],
            &["uvx", "mcp-server-git@0.6.2"],
            &["uvx", "--from", "pkg[cli]==1.0", "cmd"],
            &["pipx", "run", "pkg==1.0"],
            &[
                "pipx",
                "run",
                "--spec",
                "git+https://github.com/u/r@0123456789abcdef0123456789abcdef01234567",
                "cmd",
            ],
            &[
                "uvx",
                "--from",
                "pkg @ https://x/pkg-1.0.whl#sha256=abc",
                "cmd",
            ],
        ] {
            assert_eq!(verdict(ok), Verdict::Pinned, "{ok:?}");
        }
        assert!(what(&["uvx", "mcp-server-git"]).contains("no version"));
        assert!(what(&["uvx", "pkg@latest"]).contains("`latest`"));
        assert!(what(&["uvx", "pkg>=1"]).contains("range"));
        assert!(what(&["uvx", "pkg~=1.0"]).contains("range"));
        assert!(what(&["uvx", "pkg==1.*"]).contains("range"));
        assert!(what(&["uv", "tool", "run", "pkg"]).contains("no version"));
        assert!(
            what(&["uvx", "--from", "git+https://github.com/u/r", "cmd"])
                .contains("without a commit")
        );
        assert!(
            what(&["uvx", "--from", "git+https://github.com/u/r@main", "cmd"]).contains("can move")
        );
        assert!(what(&["pipx", "run", "--spec", "pkg", "cmd"]).contains("no version"));
        assert_eq!(verdict(&["uvx", "--from", "./local", "cmd"]), Verdict::Skip);
        assert_eq!(verdict(&["uv", "run", "server.py"]), Verdict::Skip);
    }

    #[test]
    fn images() {
        assert!(what(&["docker", "run", "-i", "--rm", "mcp/fetch"]).contains("no tag"));
        assert!(what(&["podman", "run", "img:latest"]).contains("`latest`"));
        assert_eq!(verdict(&["docker", "run", "img:1.0"]), Verdict::Pinned);
        assert_eq!(
            verdict(&["docker", "run", "localhost:5000/img:1.0"]),
            Verdict::Pinned
        );
        assert!(what(&["docker", "run", "localhost:5000/img"]).contains("no tag"));
        let digest = format!("img@sha256:{}", "a".repeat(64));
        assert_eq!(
            verdict_with(&["docker", "run", &digest], PinPolicy::Digest),
            Verdict::Pinned
        );
        assert!(matches!(
            verdict_with(&["docker", "run", "img:1.0"], PinPolicy::Digest),
            Verdict::Unpinned { .. }
        ));
    }

    #[test]
    fn go_and_cargo() {
        assert!(what(&["go", "run", "golang.org/x/tools/gopls@latest"]).contains("`latest`"));
        assert!(what(&["go", "run", "example.com/x@main"]).contains("can move"));
        assert_eq!(
            verdict(&["go", "run", "example.com/x@v1.2.3"]),
            Verdict::Pinned
        );
        assert_eq!(verdict(&["go", "run", "."]), Verdict::Skip);
        assert_eq!(verdict(&["go", "run", "./cmd/server"]), Verdict::Skip);
        assert!(what(&["cargo", "install", "mcp-x"]).contains("no version"));
        assert!(what(&["cargo", "install", "mcp-x", "--version", "1.2.3"]).contains("--locked"));
        assert_eq!(
            verdict(&["cargo", "install", "--locked", "mcp-x@1.2.3"]),
            Verdict::Pinned
        );
        assert!(what(&["cargo", "install", "--git", "https://x/y", "mcp-x"]).contains("--rev"));
        assert_eq!(verdict(&["cargo", "install", "--path", "."]), Verdict::Skip);
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "a€b", "€", "@", "@@", "=", "a:€", "é:/x", "[", "]", "npm:", "git+", "x@", ":", "-",
            "--", "--=", "-€", "'", "\"", "a\\",
        ];
        let launchers: [&[&str]; 9] = [
            &["npx"],
            &["uvx"],
            &["docker", "run"],
            &["go", "run"],
            &["cargo", "install"],
            &["deno", "run"],
            &["pipx", "run", "--spec"],
            &["uvx", "--from"],
            &["npx", "-p"],
        ];
        for l in launchers {
            for a in odd {
                for b in odd {
                    let mut words = l.to_vec();
                    words.extend([a, b]);
                    let _ = verdict(&words);
                    let _ = shown(a);
                }
            }
        }
    }

    #[test]
    fn never_shows_url_credentials() {
        for words in [
            &[
                "uvx",
                "--from",
                "git+https://user:s3cr3t@github.com/u/r@main#egg=x",
                "cmd",
            ][..],
            &[
                "uvx",
                "--from",
                "git+https://user:s3cr3t@github.com/u/r",
                "cmd",
            ],
            &["npx", "git+https://user:s3cr3t@github.com/u/r.git#main"],
            &["npx", "https://user:s3cr3t@example.com/x.tgz"],
        ] {
            match verdict(words) {
                Verdict::Unpinned { what, help, .. } => {
                    assert!(
                        !what.contains("s3cr3t") && !help.contains("s3cr3t"),
                        "{what} {help}"
                    );
                    assert!(
                        help.contains("***@github.com") || help.contains("<package>"),
                        "{help}"
                    );
                }
                v => panic!("{words:?}: {v:?}"),
            }
        }
        assert_eq!(
            shown("git+https://user:tok@github.com/a/b"),
            "git+https://***@github.com/a/b"
        );
    }

    fn run(json: &str) -> Vec<Finding> {
        crate::rules::run_rule(&UnpinnedPackage::DEFAULT, ".cursor/mcp.json", json).1
    }

    #[test]
    fn points_at_the_argument_inside_wrappers_and_one_string_commands() {
        let json = r#"{"mcpServers": {
            "a": {"command": "npx -y pkg-a --x"},
            "b": {"command": "cmd", "args": ["/c", "npx", "-y", "pkg-b"]},
            "c": {"command": "sh", "args": ["-c", "cargo install mcp-c && mcp-c"]},
            "d": {"command": "node", "args": ["/abs/index.js"]}
        }}"#;
        let f = run(json);
        let hit: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (&json[f.span.clone()], f.pointer.as_str()))
            .collect();
        assert_eq!(
            hit,
            vec![
                ("pkg-a", "/mcpServers/a/command"),
                ("\"pkg-b\"", "/mcpServers/b/args/3"),
                ("mcp-c", "/mcpServers/c/args/1"),
            ]
        );
        assert!(f[1]
            .message
            .starts_with("`npx` fetches `pkg-b` with no version"));
        assert_eq!(f[2].message.split('`').nth(1), Some("cargo install"));
    }

    fn run_with(json: &str, toml: &str) -> Vec<Finding> {
        let file = crate::model::build(
            Source::from_text(".cursor/mcp.json", json),
            None,
            None,
            None,
        );
        let config = crate::config::parse(
            Source::from_text("mcpward.toml", toml),
            "mcpward.toml",
            None,
        )
        .expect("valid config");
        let cx = Context {
            config: Some(&config),
        };
        let mut out = crate::rules::check_file(&cx, &file);
        out.retain(|f| f.rule == META.id);
        out
    }

    #[test]
    fn configured_policies() {
        let json = r#"{"mcpServers": {
            "a": {"command": "npx", "args": ["@acme/x"]},
            "b": {"command": "npx", "args": ["@acme/strict@1.2.3"]},
            "c": {"command": "docker", "args": ["run", "ghcr.io/acme/img:1.0"]},
            "d": {"command": "docker", "args": ["run", "mcp/fetch:1.0"]},
            "e": {"command": "npx", "args": ["github:acme/strict#0123456789abcdef0123456789abcdef01234567"]}
        }}"#;
        let toml = r#"
[rules.unpinned-package.pins]
"@acme/*" = "any"
"@acme/strict" = "digest"
"ghcr.io/acme/*" = "digest"
"#;
        let pointers: Vec<String> = run_with(json, toml)
            .into_iter()
            .map(|f| f.pointer)
            .collect();
        assert_eq!(
            pointers,
            vec!["/mcpServers/b/args/0", "/mcpServers/c/args/1"]
        );
    }
}
