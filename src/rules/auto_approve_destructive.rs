//! `auto-approve-destructive`: tools that run without a human in the loop and
//! can delete, write, execute, send, publish or pay. Per-tool lists are judged
//! entry by entry with [`crate::tools`]; wildcards, whole-server trust and
//! global switches are findings whatever the tools are, since a server's tools
//! are not known offline.

use crate::catalogue::{self, Entry, ReadOnlyMode, Role, Scope, Status};
use crate::clients::{EntryStyle, SettingsStyle};
use crate::finding::{Finding, Severity};
use crate::model::{ConfigFile, ServerEntry};
use crate::parse::Node;
use crate::rules::options::{OptionDoc, OptionError, RuleTable};
use crate::rules::{Context, Rule, RuleMeta};
use crate::tools::{self, Destructive, Effect, Verdict};

/// The rule, with the tool names of its options.
pub struct AutoApproveDestructive {
    declared: Declared,
}

impl AutoApproveDestructive {
    /// The rule with the built-in vocabulary only.
    pub const DEFAULT: AutoApproveDestructive = AutoApproveDestructive {
        declared: Declared::NONE,
    };
}

const OPTIONS: &[OptionDoc] = &[
    OptionDoc {
        name: "destructive-tools",
        ty: "array of tool names",
        meaning: "extra tools to treat as destructive when approved, by name without server (case-insensitive, `-` and `_` alike); a wildcard approval that matches one is reported too",
    },
    OptionDoc {
        name: "non-destructive-tools",
        ty: "array of tool names",
        meaning: "tools to treat as harmless although their name reads as destructive; wins over `destructive-tools`",
    },
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    destructive_tools: Option<Vec<String>>,
    non_destructive_tools: Option<Vec<String>>,
}

/// Tool names the project declared, normalised by [`tool_key`].
struct Declared {
    destructive: Vec<String>,
    harmless: Vec<String>,
}

/// `Delete-Index` and `delete_index` are one tool name.
fn tool_key(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('-', "_")
}

impl Declared {
    const NONE: Declared = Declared {
        destructive: Vec::new(),
        harmless: Vec::new(),
    };

    /// [`tools::classify`], with the project's names first, then the
    /// published effect of the tool in the server's catalogue entry.
    fn classify(&self, name: &str, known: Option<&Entry>) -> Verdict {
        let (_, tool) = tools::split_qualified(name.trim());
        let key = tool_key(tool);
        if self.harmless.contains(&key) {
            return Verdict::Safe;
        }
        let declared = || {
            Verdict::Destructive(Destructive {
                effect: Effect::Declared,
                because: "destructive-tools".into(),
                known: false,
            })
        };
        if self.destructive.contains(&key) {
            return declared();
        }
        if let Some(effect) = known.and_then(|e| e.tool_effect(tool)) {
            return match effect.destructive() {
                None => Verdict::Safe,
                Some(effect) => Verdict::Destructive(Destructive {
                    effect,
                    because: known.map_or_else(String::new, |e| e.name.clone()),
                    known: true,
                }),
            };
        }
        let verdict = tools::classify(name);
        if verdict == Verdict::Safe && key.contains(['*', '?']) {
            let glob = globset::Glob::new(&key).map(|g| g.compile_matcher());
            if glob.is_ok_and(|g| self.destructive.iter().any(|d| g.is_match(d))) {
                return declared();
            }
        }
        verdict
    }
}

static META: RuleMeta = RuleMeta {
    id: "auto-approve-destructive",
    summary: "A tool that deletes, writes, executes, sends or publishes runs without asking",
    default_severity: Severity::High,
    family: "blast-radius",
    precision: "high",
    docs: r#"## What it does

Finds auto-approval of MCP tools that change the world, in every client's own
knob:

- per-tool lists: Cline `autoApprove`, Roo Code `alwaysAllow` (both names are
  accepted in both clients' files), Kiro `autoApprove`, Amazon Q / Kiro agent
  `allowedTools`, Cursor `~/.cursor/permissions.json` `mcpAllowlist`, Claude Code
  `permissions.allow` entries `mcp__<server>__<tool>`, Codex
  `[mcp_servers.<s>.tools.<t>] approval_mode = "approve"`, Zed
  `agent.tool_permissions.tools.<tool>.default = "allow"`, Gemini CLI
  `tools.allowed`, opencode `permission.<tool> = "allow"`;
- whole-server trust: Gemini CLI `trust: true`, Claude Code `mcp__<server>` or
  `mcp__<server>__*`, Codex `default_tools_approval_mode = "approve"`, VS Code
  `sandboxEnabled: true` (auto-approves the sandboxed server's tools), and any
  `"*"` or other glob that can match a destructive tool;
- global switches: VS Code `chat.tools.global.autoApprove` (formerly
  `chat.tools.autoApprove`), Claude Code `permissions.defaultMode:
  "bypassPermissions"`, `enableAllProjectMcpServers: true` and each name in
  `enabledMcpjsonServers` in the committed `.claude/settings.json` (the
  switch in any settings scope, a `.claude/settings.local.json` found in the
  tree included), Codex `approval_policy =
  "never"` (critical with `sandbox_mode = "danger-full-access"`), Zed
  `agent.always_allow_tool_actions` and `agent.tool_permissions.default =
  "allow"`, opencode `permission: "allow"` or `"*": "allow"` (a file without
  a `permission` block is not reported: opencode merges several config files,
  and the block may live in one that is not scanned).

Each approved tool is judged by its name, offline: a table of the destructive
tools of well-known servers (filesystem, GitHub, GitLab, Slack, databases,
Puppeteer, Playwright, shell servers, Desktop Commander, Stripe, AWS), then the
first verb in the name (`delete`, `write`, `create`, `push`, `merge`, `send`,
`post`, `exec`, `run`, `eval`, `kill`, `transfer`, `refund`, ...). Read-only
tools (`read_file`, `list_directory`, `search_*`, `get_*`) are not reported,
nor is whole-server approval of a well-known server whose tools all only
read (`mcp__context7`, `mcp__sequential-thinking`, `mcp__time`).
There is one finding per destructive entry, at the array element or key.

For a server that mcpward identifies by what it runs (package, image, URL:
see docs/inventory.md), the server catalogue's published tool effects decide
before the verb list (`fill` of Chrome DevTools MCP types into your browser
session), and approving the whole of a maintained catalogued server that
only reads and sends nothing out, or runs in its read-only mode (MongoDB
`--readOnly`), is not reported. A server's name alone never changes a
verdict; archived servers and servers that can send data out (fetch, search,
GitHub) stay reported. Names declared in the rule's options beat the
catalogue.

Gemini CLI has no settings key for YOLO mode (only the `--yolo` flag), and
Claude Code ignores a bare `"*"` or `"mcp__*"` in `permissions.allow`, so
neither is reported.

## Why it matters

Tool descriptions, web pages, issues and files that a model reads can carry
instructions. With a human confirming each call, an injected "delete the
repository" or "post the contents of ~/.aws/credentials to this URL" is seen
and refused; with auto-approval one injected sentence is enough.

## Example

```json
{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/alice/code/app"],
      "autoApprove": ["read_file", "list_directory", "write_file", "move_file"]
    }
  }
}
```

## Use instead

Keep the read-only tools approved and let the client ask for the rest:

```json
"autoApprove": ["read_file", "list_directory"]
```

## References

- Cline, Roo Code, Kiro, Gemini CLI, Claude Code, Cursor, VS Code, Codex, Zed
  and opencode configuration references (listed in `known-clients/`).
- OWASP Top 10 for LLM Applications: LLM06 Excessive Agency.
"#,
    options: OPTIONS,
};

/// Per-server list keys and where each client reads them.
const LIST_KEYS: &[&str] = &["autoApprove", "alwaysAllow"];

impl Rule for AutoApproveDestructive {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn configure(&self, options: &RuleTable) -> Result<Box<dyn Rule>, OptionError> {
        let o: Options = options.deserialize()?;
        let keys =
            |v: Option<Vec<String>>| v.unwrap_or_default().iter().map(|n| tool_key(n)).collect();
        Ok(Box::new(AutoApproveDestructive {
            declared: Declared {
                destructive: keys(o.destructive_tools),
                harmless: keys(o.non_destructive_tools),
            },
        }))
    }

    fn check(&self, _cx: &Context, file: &ConfigFile, out: &mut Vec<Finding>) {
        let Some(root) = file.root() else { return };
        let mut cx = Cx {
            file,
            out,
            declared: &self.declared,
            known: None,
            only_reads: false,
        };
        for s in &file.servers {
            if let Some(node) = file.server_node(s) {
                // What runs decides (a name alone never does): the entry's
                // published tool effects, and whether this instance can
                // only read.
                cx.known = catalogue::identify(s, &file.source.text).entry();
                cx.only_reads = cx
                    .known
                    .is_some_and(|e| only_reads(e, s, &file.source.text));
                cx.server_knobs(s, node);
                cx.known = None;
                cx.only_reads = false;
            }
        }
        // Which lists and settings a file has is `known-clients/` data.
        let spec = file.kind.file;
        for l in &spec.approval_lists {
            let key = display_key(&l.pointer);
            for list in crate::clients::nodes_at(root, &l.pointer) {
                cx.list(list, &key, None, l.entries);
            }
        }
        for a in &spec.approval_settings {
            for at in crate::clients::nodes_at(root, &a.at) {
                match a.style {
                    SettingsStyle::ClaudeSettings => cx.claude_settings(at),
                    SettingsStyle::VscodeSettings => cx.vscode_settings(at),
                    SettingsStyle::ZedSettings => cx.zed_settings(at),
                    SettingsStyle::CodexPolicy => cx.codex_policy(at),
                    SettingsStyle::OpencodePermission => cx.opencode(at),
                }
            }
        }
    }
}

/// How entries of a list name their tools (`known-clients/` data).
type Qualified = EntryStyle;

/// The name a list is shown by: the pointer's tokens after its last `*`,
/// joined by dots (`/permissions/allow` → `permissions.allow`,
/// `/projects/*/allowedTools` → `allowedTools`).
fn display_key(pointer: &str) -> String {
    let tail = pointer.rsplit_once("/*").map_or(pointer, |(_, t)| t);
    tail.split('/')
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

struct Cx<'a, 'o> {
    file: &'a ConfigFile,
    out: &'o mut Vec<Finding>,
    declared: &'a Declared,
    /// The catalogue entry of the server whose knobs are being read.
    known: Option<&'static Entry>,
    /// That server, as configured, only reads and sends nothing out.
    only_reads: bool,
}

/// A catalogued server whose every tool only reads (or that runs in its
/// read-only mode), and that cannot carry data out: approving it whole
/// approves nothing destructive. Fetch and search servers send their
/// requests out and stay reported, as before, and so do archived servers.
fn only_reads(e: &Entry, s: &ServerEntry, text: &str) -> bool {
    // An archived server gets no security fixes: what it promises is not
    // relied on.
    let unmaintained = matches!(e.status, Some(Status::Archived | Status::Deprecated));
    if unmaintained || e.plays(Role::SendsOut) || e.has(Scope::Exec) {
        return false;
    }
    matches!(
        catalogue::matching::read_only_mode(e, s, text),
        ReadOnlyMode::Always | ReadOnlyMode::On(_)
    )
}

impl Cx<'_, '_> {
    fn client(&self) -> &str {
        &self.file.kind.client.name
    }

    fn push(
        &mut self,
        node: &Node,
        sev: Severity,
        msg: String,
        label: &str,
        help: String,
        server: Option<&str>,
    ) {
        self.out.push(
            Finding::new(META.id, sev, node.span.clone(), node.pointer.clone(), msg)
                .label(label)
                .help(help)
                .server(server),
        );
    }

    fn server_knobs(&mut self, s: &ServerEntry, node: &Node) {
        let spec = self.file.kind.file;
        // Which keys a client reads is `known-clients/` data (`approval_keys`).
        let reads = |k: &str| spec.approval_keys.iter().any(|a| a == k);
        let names = crate::mask::short_key(&s.name);
        for key in LIST_KEYS {
            if !reads(key) {
                continue;
            }
            match node.get(key) {
                Some(v) if v.as_bool() == Some(true) => {
                    self.whole_server(v, &s.name, &format!("`{key}: true`"))
                }
                Some(v) => self.list(v, key, Some(&s.name), EntryStyle::Bare),
                None => {}
            }
        }
        if reads("trust") {
            if let Some(v) = node.get("trust").filter(|v| v.as_bool() == Some(true)) {
                self.whole_server(v, &s.name, "`trust: true`");
            }
        }
        if reads("sandboxEnabled") {
            if let Some(v) = node
                .get("sandboxEnabled")
                .filter(|v| v.as_bool() == Some(true))
            {
                self.push(v, Severity::Medium, format!("`sandboxEnabled: true` makes {} auto-approve every tool of server `{names}`; only the sandbox's `allowWrite` and `allowedDomains` limit what an injected call can do", self.client()), "auto-approves the server", "keep the sandbox narrow (no home directory in sandbox.filesystem.allowWrite, only the domains the server needs), or drop sandboxEnabled to confirm each call".into(), Some(&s.name));
            }
        }
        if reads("default_tools_approval_mode") {
            if let Some(v) = node
                .get("default_tools_approval_mode")
                .filter(|v| v.as_str() == Some("approve"))
            {
                self.whole_server(v, &s.name, "`default_tools_approval_mode = \"approve\"`");
            }
        }
        if reads("tools") {
            for t in node.get("tools").and_then(Node::as_object).unwrap_or(&[]) {
                if let Some(v) = t
                    .value
                    .get("approval_mode")
                    .filter(|v| v.as_str() == Some("approve"))
                {
                    if let Verdict::Destructive(d) = self.declared.classify(&t.key, self.known) {
                        let tool = crate::mask::short_key(&t.key);
                        self.push(v, Severity::High, format!("{} runs `{tool}` of server `{names}` without asking: it {}", self.client(), d.reason()), "approved without asking", format!("set approval_mode = \"prompt\" (or remove it: the default asks for tools that declare side effects) for `{tool}`; keep \"approve\" for read-only tools only"), Some(&s.name));
                    }
                }
            }
        }
    }

    fn whole_server(&mut self, node: &Node, server: &str, knob: &str) {
        if self.only_reads {
            return;
        }
        let name = crate::mask::short_key(server);
        let msg = format!("{knob} makes {} run every tool of server `{name}` without asking, including any that delete, write, execute or send", self.client());
        self.push(
            node,
            Severity::High,
            msg,
            "whole server approved",
            "approve only the read-only tools by name and let the client confirm the rest".into(),
            Some(server),
        );
    }

    /// One finding per destructive or wildcard entry of an approval list.
    fn list(&mut self, list: &Node, key: &str, server: Option<&str>, q: Qualified) {
        let Some(items) = list.as_array() else { return };
        let safe: Vec<&str> = items
            .iter()
            .filter_map(Node::as_str)
            .filter(|e| verdict(e, q, self.declared, self.known).is_none())
            .collect();
        let json_key = key.rsplit('.').next().unwrap_or(key);
        let client = self.client().to_string();
        for item in items {
            let Some(entry) = item.as_str() else { continue };
            let Some(what) = verdict(entry, q, self.declared, self.known) else {
                continue;
            };
            // A glob over a server that can only read matches nothing
            // destructive.
            if self.only_reads && what == Verdict::Wildcard {
                continue;
            }
            let shown = crate::mask::short_key(entry);
            let whose = server
                .map(|s| format!(" of server `{}`", crate::mask::short_key(s)))
                .unwrap_or_default();
            let (msg, label) = match what {
                Verdict::Destructive(d) => (
                    format!("`{shown}`{whose} runs without asking: it {}", d.reason()),
                    "destructive tool approved",
                ),
                _ => match tools::split_qualified(entry) {
                    (Some("*"), "" | "*") => (
                        format!("`{shown}` in `{key}` approves every tool of every server without asking"),
                        "every tool approved",
                    ),
                    (Some(srv), "" | "*") if q != EntryStyle::Bare => (
                        format!("`{shown}` in `{key}` approves every tool of server `{}` without asking, including any that delete, write, execute or send", crate::mask::short_key(srv)),
                        "whole server approved",
                    ),
                    _ => (
                        format!("`{shown}` in `{key}` approves every matching tool{whose} without asking, including any that delete, write, execute or send"),
                        "wildcard approval",
                    ),
                },
            };
            let help = if safe.is_empty() {
                format!("remove {shown:?} from `{json_key}`; {client} then asks before each call")
            } else {
                let kept: Vec<String> = safe.iter().map(|s| format!("{s:?}")).collect();
                format!(
                    "keep only the read-only tools approved: \"{json_key}\": [{}]; {client} then asks before the other tools run",
                    kept.join(", ")
                )
            };
            self.push(item, Severity::High, msg, label, help, server);
        }
    }

    fn claude_settings(&mut self, root: &Node) {
        if let Some(v) = root
            .get_path(&["permissions", "defaultMode"])
            .filter(|v| v.as_str() == Some("bypassPermissions"))
        {
            let skip = root
                .get("skipDangerousModePermissionPrompt")
                .and_then(Node::as_bool)
                == Some(true);
            let extra = if skip {
                ", and skipDangerousModePermissionPrompt hides the warning"
            } else {
                ""
            };
            self.push(v, Severity::Critical, format!("`defaultMode: \"bypassPermissions\"` makes Claude Code run every tool, MCP or built-in, without asking{extra}"), "every tool approved", "use \"default\" (or \"acceptEdits\" for file edits only) and approve read-only MCP tools by name in permissions.allow".into(), None);
        }
        let path = self.file.source.path.to_string_lossy().replace('\\', "/");
        let local = path.ends_with("settings.local.json");
        let user = self.file.kind.file.scope == crate::clients::Scope::User;
        let whose = if user {
            "every project you open"
        } else if local {
            "this repository, in `.claude/settings.local.json` (personal settings, usually git-ignored: a committed copy applies to everyone who clones it),"
        } else {
            "this repository, in a committed file,"
        };
        if let Some(v) = root
            .get("enableAllProjectMcpServers")
            .filter(|v| v.as_bool() == Some(true))
        {
            self.push(v, Severity::High, format!("`enableAllProjectMcpServers: true` starts every server in the `.mcp.json` of {whose} without asking, including servers added later by anyone who can commit"), "project servers auto-approved", "remove it and approve project servers by name with \"enabledMcpjsonServers\" in your own (uncommitted) .claude/settings.local.json".into(), None);
        }
        // Approving project servers by name is the personal answer Claude
        // Code asks for (settings.local.json, user settings); in the
        // committed project file the repository approves its own servers
        // for everyone who clones it.
        if user || local {
            return;
        }
        for item in root
            .get("enabledMcpjsonServers")
            .and_then(Node::as_array)
            .unwrap_or(&[])
        {
            let Some(name) = item.as_str() else { continue };
            let shown = crate::mask::short_key(name);
            self.push(item, Severity::Medium, format!("`{shown}` in the committed `enabledMcpjsonServers` starts this repository's `.mcp.json` server `{shown}` without asking whoever clones it; whoever can change `.mcp.json` decides what it runs"), "project server auto-approved", "move the approval to your own (uncommitted) .claude/settings.local.json, after reading what the server runs".into(), None);
        }
    }

    fn vscode_settings(&mut self, root: &Node) {
        for key in ["chat.tools.global.autoApprove", "chat.tools.autoApprove"] {
            if let Some(v) = root.get(key).filter(|v| v.as_bool() == Some(true)) {
                self.push(v, Severity::Critical, format!("`{key}: true` makes VS Code run every tool, MCP servers and terminal included, without asking"), "every tool approved", "remove it; approve single tools from the chat confirmation, or use chat.tools.eligibleForAutoApproval for read-only ones".into(), None);
            }
        }
    }

    fn zed_settings(&mut self, root: &Node) {
        if let Some(v) = root
            .get_path(&["agent", "always_allow_tool_actions"])
            .filter(|v| v.as_bool() == Some(true))
        {
            self.push(v, Severity::Critical, "`always_allow_tool_actions: true` makes Zed run every tool, MCP servers and terminal included, without asking".into(), "every tool approved", "remove it and set \"allow\" only for read-only tools under agent.tool_permissions.tools".into(), None);
        }
        let Some(perms) = root.get_path(&["agent", "tool_permissions"]) else {
            return;
        };
        if let Some(v) = perms.get("default").filter(|v| v.as_str() == Some("allow")) {
            self.push(
                v,
                Severity::Critical,
                "`tool_permissions.default: \"allow\"` makes Zed run every tool without asking"
                    .into(),
                "every tool approved",
                "use \"confirm\" as the default and \"allow\" only for read-only tools".into(),
                None,
            );
        }
        for t in perms.get("tools").and_then(Node::as_object).unwrap_or(&[]) {
            if let Some(v) = t
                .value
                .get("default")
                .filter(|v| v.as_str() == Some("allow"))
            {
                if let Some(what) = verdict(&t.key, EntryStyle::Bare, self.declared, None) {
                    let shown = crate::mask::short_key(&t.key);
                    let why = match what {
                        Verdict::Destructive(d) => format!("it {}", d.reason()),
                        _ => "the pattern matches any tool".into(),
                    };
                    self.push(
                        v,
                        Severity::High,
                        format!("Zed runs `{shown}` without asking: {why}"),
                        "destructive tool approved",
                        format!("set \"{shown}\": {{ \"default\": \"confirm\" }}"),
                        None,
                    );
                }
            }
        }
    }

    fn codex_policy(&mut self, root: &Node) {
        let mut tables = vec![root];
        for p in root
            .get("profiles")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            tables.push(&p.value);
        }
        for t in tables {
            let Some(v) = t
                .get("approval_policy")
                .filter(|v| v.as_str() == Some("never"))
            else {
                continue;
            };
            let full = t.get("sandbox_mode").and_then(Node::as_str) == Some("danger-full-access");
            let (sev, tail) = if full {
                (Severity::Critical, " and `sandbox_mode = \"danger-full-access\"` removes the sandbox too: commands and MCP tools run unconfined")
            } else {
                (Severity::High, "; only the sandbox limits commands")
            };
            self.push(v, sev, format!("`approval_policy = \"never\"` makes Codex run every command and tool without asking{tail}"), "never asks", "use approval_policy = \"on-request\" (or \"untrusted\") with sandbox_mode = \"workspace-write\"".into(), None);
        }
    }

    fn opencode(&mut self, root: &Node) {
        match root.get("permission") {
            Some(v) if v.as_str() == Some("allow") => {
                self.push(
                    v,
                    Severity::Critical,
                    "`permission: \"allow\"` makes opencode run every tool without asking".into(),
                    "every tool approved",
                    "set \"permission\": { \"*\": \"ask\" } and allow read-only tools by name"
                        .into(),
                    None,
                );
            }
            Some(p) => {
                for m in p.as_object().unwrap_or(&[]) {
                    let allowed = m.value.as_str() == Some("allow")
                        || m.value.get("*").and_then(Node::as_str) == Some("allow");
                    if !allowed || m.key == "external_directory" {
                        continue;
                    }
                    let at = m.value.get("*").unwrap_or(&m.value);
                    if m.key == "*" {
                        self.push(
                            at,
                            Severity::Critical,
                            "`\"*\": \"allow\"` makes opencode run every tool without asking"
                                .into(),
                            "every tool approved",
                            "set \"*\": \"ask\" and allow read-only tools by name".into(),
                            None,
                        );
                        continue;
                    }
                    if let Some(what) = verdict(&m.key, EntryStyle::Bare, self.declared, None) {
                        let shown = crate::mask::short_key(&m.key);
                        let why = match what {
                            Verdict::Destructive(d) => format!("it {}", d.reason()),
                            _ => "the pattern can match tools that delete, write, execute or send"
                                .into(),
                        };
                        self.push(
                            at,
                            Severity::High,
                            format!("opencode runs `{shown}` without asking: {why}"),
                            "destructive tool approved",
                            format!("set \"{shown}\": \"ask\""),
                            None,
                        );
                    }
                }
            }
            // No `permission` block: the effective value may come from
            // another (user, managed or remote) config that is not in view.
            None => {}
        }
    }
}

/// `None` when the entry is read-only or not an MCP tool entry; else why it
/// is reported.
fn verdict(
    entry: &str,
    q: Qualified,
    declared: &Declared,
    known: Option<&Entry>,
) -> Option<Verdict> {
    let entry = entry.trim();
    let tool = match q {
        EntryStyle::Bare => entry,
        EntryStyle::Claude => {
            // Built-in rules (`Bash(git:*)`) are not MCP tools; unanchored
            // globs are skipped by Claude Code itself.
            let (server, tool) = match tools::split_qualified(entry) {
                (Some(s), t) if entry.starts_with("mcp__") => (s, t),
                _ => return None,
            };
            if server.contains('*') {
                return None;
            }
            if matches!(tool, "" | "*") && tools::read_only_server(server) {
                return None;
            }
            if tool.is_empty() {
                "*"
            } else {
                tool
            }
        }
        EntryStyle::Cursor | EntryStyle::AmazonQ => match tools::split_qualified(entry) {
            (Some(s), "" | "*") if tools::read_only_server(s) => return None,
            (Some(_), "") => "*",
            (_, t) => t,
        },
        EntryStyle::Gemini => match entry.split_once('(') {
            // `run_shell_command(git status)` allows one command prefix.
            Some((_, args)) if !matches!(args.trim_end_matches(')').trim(), "" | "*") => {
                return None
            }
            Some((t, _)) => t,
            None => entry,
        },
    };
    match declared.classify(tool, known) {
        Verdict::Safe => None,
        v => Some(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_verdict(entry: &str, q: Qualified) -> Option<Verdict> {
        verdict(entry, q, &Declared::NONE, None)
    }

    #[test]
    fn entries_per_dialect() {
        let d = |e, q| matches!(entry_verdict(e, q), Some(Verdict::Destructive(_)));
        let w = |e, q| matches!(entry_verdict(e, q), Some(Verdict::Wildcard));
        assert!(d("write_file", EntryStyle::Bare));
        assert!(entry_verdict("read_file", EntryStyle::Bare).is_none());
        assert!(w("*", EntryStyle::Bare));
        assert!(d("mcp__github__create_issue", EntryStyle::Claude));
        assert!(w("mcp__github", EntryStyle::Claude));
        assert!(w("mcp__github__*", EntryStyle::Claude));
        assert!(entry_verdict("mcp__*", EntryStyle::Claude).is_none());
        assert!(entry_verdict("*", EntryStyle::Claude).is_none());
        assert!(entry_verdict("Bash(rm:*)", EntryStyle::Claude).is_none());
        assert!(entry_verdict("mcp__github__get_issue", EntryStyle::Claude).is_none());
        assert!(w("github:*", EntryStyle::Cursor));
        // Whole-server approval of a well-known read-only server.
        assert!(entry_verdict("mcp__context7", EntryStyle::Claude).is_none());
        assert!(entry_verdict("mcp__sequential-thinking__*", EntryStyle::Claude).is_none());
        assert!(entry_verdict("context7:*", EntryStyle::Cursor).is_none());
        assert!(w("mcp__fetch", EntryStyle::Claude));
        assert!(d("github:create_issue", EntryStyle::Cursor));
        assert!(entry_verdict("linear:list_issues", EntryStyle::Cursor).is_none());
        assert!(w("@git", EntryStyle::AmazonQ));
        assert!(d("@git/git_commit", EntryStyle::AmazonQ));
        assert!(entry_verdict("@git/read_*", EntryStyle::AmazonQ).is_none());
        assert!(d("execute_bash", EntryStyle::AmazonQ));
        assert!(w("fs_*", EntryStyle::AmazonQ));
        assert!(entry_verdict("run_shell_command(git status)", EntryStyle::Gemini).is_none());
        assert!(d("run_shell_command", EntryStyle::Gemini));
        assert!(d("run_shell_command(*)", EntryStyle::Gemini));
    }

    fn run(path: &str, text: &str) -> Vec<(String, Severity)> {
        let (_, out) = crate::rules::run_rule(&AutoApproveDestructive::DEFAULT, path, text);
        out.into_iter().map(|f| (f.pointer, f.severity)).collect()
    }

    /// Catalogue facts change results only for a server identified by
    /// what runs; each case says why a finding appears or vanishes.
    #[test]
    fn catalogue_facts_decide_for_known_servers() {
        let cline = "/h/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json";
        let one = |cmd: &str, args: &str, approve: &str| {
            run(
                cline,
                &format!(r#"{{"mcpServers": {{"s": {{"command": "{cmd}", "args": [{args}], "autoApprove": [{approve}]}}}}}}"#),
            )
            .len()
        };
        // Appears: Chrome DevTools MCP publishes `fill` as typing into the
        // browser session; the bare word reads as no verb at all.
        assert_eq!(one("npx", r#""chrome-devtools-mcp@0.9.0""#, r#""fill""#), 1);
        assert_eq!(one("node", r#""tools.js""#, r#""fill""#), 0);
        // Vanishes: `puppeteer_screenshot` is published as a read (the
        // classifier agrees); `puppeteer_click` stays a browser action.
        assert_eq!(
            one(
                "npx",
                r#""@modelcontextprotocol/server-puppeteer""#,
                r#""puppeteer_screenshot""#
            ),
            0
        );
        assert_eq!(
            one(
                "npx",
                r#""@modelcontextprotocol/server-puppeteer""#,
                r#""puppeteer_click""#
            ),
            1
        );
        // Vanishes: `*` over a server whose every tool only reads and
        // sends nothing out (the Time reference server) approves nothing
        // destructive, whatever the server is called.
        assert_eq!(one("uvx", r#""mcp-server-time""#, r#""*""#), 0);
        assert_eq!(one("node", r#""time.js""#, r#""*""#), 1);
        // Stays: fetch only reads but its requests carry data out; an
        // archived server's promises are not relied on.
        assert_eq!(one("uvx", r#""mcp-server-fetch""#, r#""*""#), 1);
        assert_eq!(
            one(
                "npx",
                r#""@modelcontextprotocol/server-postgres""#,
                r#""*""#
            ),
            1
        );
        // Vanishes: MongoDB in its read-only mode; read-write it stays.
        // GitHub stays even read-only: its entry can send data out.
        assert_eq!(
            one(
                "npx",
                r#""mongodb-mcp-server@1.2.0", "--readOnly""#,
                r#""*""#
            ),
            0
        );
        assert_eq!(one("npx", r#""mongodb-mcp-server@1.2.0""#, r#""*""#), 1);
        assert_eq!(
            one("github-mcp-server", r#""stdio", "--read-only""#, r#""*""#),
            1
        );
        // A name alone is never enough.
        let named = r#"{"mcpServers": {"github": {"command": "node", "args": ["x.js", "--read-only"], "autoApprove": ["*"]}}}"#;
        assert_eq!(run(cline, named).len(), 1);
    }

    #[test]
    fn declared_options_beat_the_catalogue() {
        let rule = AutoApproveDestructive {
            declared: Declared {
                destructive: vec!["git_status".into()],
                harmless: vec!["git_commit".into()],
            },
        };
        let text = r#"{"mcpServers": {"s": {"command": "uvx", "args": ["mcp-server-git"], "autoApprove": ["git_status", "git_commit"]}}}"#;
        let (_, out) = crate::rules::run_rule(&rule, "/p/.kiro/settings/mcp.json", text);
        let at: Vec<String> = out.into_iter().map(|f| f.pointer).collect();
        assert_eq!(at, ["/mcpServers/s/autoApprove/0"]);
    }

    #[test]
    fn kiro_reads_autoapprove_only_and_generic_reads_both() {
        let text = r#"{"mcpServers": {"s": {"command": "x", "autoApprove": ["delete_file"], "alwaysAllow": ["write_file"]}}}"#;
        assert_eq!(
            run("/p/.kiro/settings/mcp.json", text),
            [("/mcpServers/s/autoApprove/0".to_string(), Severity::High)]
        );
        assert_eq!(run("/p/servers.json", text).len(), 2);
    }

    #[test]
    fn true_means_whole_server_and_false_is_silent() {
        let text = r#"{"mcpServers": {"a": {"command": "x", "alwaysAllow": true}, "b": {"command": "x", "autoApprove": false}}}"#;
        assert_eq!(
            run("/p/.roo/mcp.json", text),
            [("/mcpServers/a/alwaysAllow".to_string(), Severity::High)]
        );
    }

    #[test]
    fn gemini_trust_only_where_gemini_reads_it() {
        let text = r#"{"mcpServers": {"a": {"command": "x", "trust": true}}}"#;
        assert_eq!(run("/p/.gemini/settings.json", text).len(), 1);
        assert!(run("/p/.cursor/mcp.json", text).is_empty());
    }

    #[test]
    fn claude_project_approvals_in_every_settings_scope() {
        let text = r#"{"enableAllProjectMcpServers": true, "enabledMcpjsonServers": ["db"]}"#;
        let client = crate::clients::by_id("claude-code").unwrap();
        let user = client
            .files
            .iter()
            .find(|f| f.scope == crate::clients::Scope::User && f.servers.is_empty())
            .unwrap();
        let user_file = crate::model::build(
            crate::source::Source::from_text("/h/.claude/settings.json", text),
            Some(crate::clients::Kind { client, file: user }),
            None,
            None,
        );
        let mut out = Vec::new();
        AutoApproveDestructive::DEFAULT.check(&Default::default(), &user_file, &mut out);
        let all = ("/enableAllProjectMcpServers".to_string(), Severity::High);
        let got: Vec<(String, Severity)> =
            out.into_iter().map(|f| (f.pointer, f.severity)).collect();
        assert_eq!(got, std::slice::from_ref(&all));
        assert_eq!(
            run("/r/.claude/settings.json", text),
            [
                all.clone(),
                ("/enabledMcpjsonServers/0".to_string(), Severity::Medium)
            ]
        );
        // A settings.local.json found in the tree: the switch is reported,
        // the by-name approval (the personal answer) is not.
        assert_eq!(run("/r/.claude/settings.local.json", text), [all]);
        let (_, out) = crate::rules::run_rule(
            &AutoApproveDestructive::DEFAULT,
            "/r/.claude/settings.local.json",
            text,
        );
        assert!(
            out[0].message.contains("settings.local.json"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn claude_user_settings_enable_all_projects() {
        let text = r#"{"enableAllProjectMcpServers": true, "permissions": {"defaultMode": "acceptEdits"}}"#;
        assert_eq!(
            run("/h/.claude/settings.json", text),
            [("/enableAllProjectMcpServers".to_string(), Severity::High)]
        );
    }
}
