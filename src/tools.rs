//! Offline classification of MCP tool names: does approving this tool let a
//! model delete, write, execute, send, publish or pay without a human? The
//! real tool list of a server is only known when it runs, so mcpward judges
//! the names written in a config: first a table of the destructive tools of
//! well-known servers, then the verbs in the name. Names are split into words
//! whatever the style (`create_issue`, `createIssue`, `create-issue`,
//! `mcp__github__create_issue`, `@github/create_issue`, `github:create_issue`).
//! The first verb decides: `get_command_history` is read-only, `run_command`
//! executes.

/// What a destructive tool can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Deletes,
    Writes,
    Publishes,
    Sends,
    Executes,
    Pays,
    Browses,
    /// Named in `destructive-tools` of mcpward.toml.
    Declared,
}

impl Effect {
    /// Phrase for messages: "`delete_file` deletes data".
    pub fn describe(self) -> &'static str {
        match self {
            Effect::Deletes => "deletes data",
            Effect::Writes => "creates or changes data",
            Effect::Publishes => "publishes or ships changes",
            Effect::Sends => "sends messages on your behalf",
            Effect::Executes => "executes code or commands",
            Effect::Pays => "moves money",
            Effect::Browses => "acts in a browser session as you",
            Effect::Declared => "is declared destructive (`destructive-tools` in mcpward.toml)",
        }
    }
}

/// Why a tool name is destructive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destructive {
    pub effect: Effect,
    /// The verb that decided (`delete`), or the table entry's server
    /// (`filesystem`) when the name came from the table.
    pub because: String,
    /// Whether the decision came from the table of well-known servers.
    pub known: bool,
}

impl Destructive {
    /// "deletes data (verb `delete`)" / "executes code or commands (a known
    /// tool of desktop-commander)".
    pub fn reason(&self) -> String {
        if self.effect == Effect::Declared {
            self.effect.describe().to_string()
        } else if self.known {
            format!(
                "{} (a known tool of {})",
                self.effect.describe(),
                self.because
            )
        } else {
            format!("{} (verb `{}`)", self.effect.describe(), self.because)
        }
    }
}

/// The verdict on one approved entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The name reads as a read-only tool, or has no verb mcpward knows.
    Safe,
    Destructive(Destructive),
    /// A glob (`*`, `fs_*`, `*_file`) that can match destructive tools.
    Wildcard,
}

/// Destructive tools of well-known servers whose names the verb list alone
/// would miss or misjudge: (server, tool names, effect). Sources are the
/// servers' READMEs: modelcontextprotocol/servers (filesystem, github, gitlab,
/// slack, postgres, sqlite, puppeteer), microsoft/playwright-mcp,
/// wonderwhy-er/DesktopCommanderMCP, designcomputer/mysql_mcp_server,
/// stripe/agent-toolkit, awslabs/mcp (aws-api), Amazon Q CLI built-ins.
/// Tools not listed here are judged by their verbs (`write_file`,
/// `create_issue`, `push_files`, `merge_pull_request` need no entry). The
/// official postgres server's `query` runs in a read-only transaction and is
/// not listed.
pub const KNOWN_TOOLS: &[(&str, &[&str], Effect)] = &[
    ("github", &["fork_repository"], Effect::Writes),
    ("slack", &["slack_add_reaction"], Effect::Sends),
    ("sqlite", &["write_query"], Effect::Writes),
    ("mysql", &["mysql_query"], Effect::Executes),
    // Shared by several database servers (Supabase, MySQL, Neon, ...): the
    // entry names no single one, so a message never blames the wrong server.
    (
        "database servers",
        &["execute_sql", "run_sql", "apply_migration"],
        Effect::Executes,
    ),
    (
        "puppeteer",
        &[
            "puppeteer_navigate",
            "puppeteer_click",
            "puppeteer_fill",
            "puppeteer_select",
            "puppeteer_evaluate",
        ],
        Effect::Browses,
    ),
    (
        "playwright",
        &[
            "browser_navigate",
            "browser_click",
            "browser_type",
            "browser_fill_form",
            "browser_select_option",
            "browser_press_key",
            "browser_drag",
            "browser_file_upload",
            "browser_handle_dialog",
            "browser_evaluate",
            "browser_run_code",
        ],
        Effect::Browses,
    ),
    (
        "desktop-commander",
        &[
            "start_process",
            "interact_with_process",
            "force_terminate",
            "edit_block",
            "set_config_value",
        ],
        Effect::Executes,
    ),
    (
        "shell servers",
        &["shell", "bash", "terminal", "zsh", "powershell", "cmd"],
        Effect::Executes,
    ),
    (
        "the AWS servers",
        &["call_aws", "aws_cli"],
        Effect::Executes,
    ),
    ("Amazon Q", &["fs_write"], Effect::Writes),
    ("Amazon Q", &["execute_bash", "use_aws"], Effect::Executes),
];

/// Well-known servers whose every tool only reads, with no side effect
/// outside the conversation, under the names their READMEs register them
/// with: Context7 (`resolve-library-id`, `get-library-docs`), Sequential
/// Thinking (`sequentialthinking`), the reference Time server
/// (`get_current_time`, `convert_time`), DeepWiki (`read_wiki_*`,
/// `ask_question`) and Microsoft Learn docs (`microsoft_docs_search`,
/// `microsoft_docs_fetch`). Approving such a server as a whole
/// (`mcp__context7`, the most common entry of real `permissions.allow`
/// lists) approves nothing destructive. Fetch and search servers are not
/// here: a request URL can carry data out.
pub const READ_ONLY_SERVERS: &[&str] = &[
    "context7",
    "sequential-thinking",
    "sequentialthinking",
    "time",
    "deepwiki",
    "microsoft-docs",
    "microsoft-learn",
];

/// Whether a server name is one of [`READ_ONLY_SERVERS`] (any case, `_` or
/// `-`).
pub fn read_only_server(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase().replace('_', "-");
    READ_ONLY_SERVERS.contains(&n.as_str())
}

/// Verbs and what they do. Extra verbs beyond the obvious ones are chosen
/// from the tool names of popular servers.
const DESTRUCTIVE_VERBS: &[(&str, Effect)] = &[
    ("delete", Effect::Deletes),
    ("remove", Effect::Deletes),
    ("rm", Effect::Deletes),
    ("drop", Effect::Deletes),
    ("truncate", Effect::Deletes),
    ("destroy", Effect::Deletes),
    ("purge", Effect::Deletes),
    ("wipe", Effect::Deletes),
    ("erase", Effect::Deletes),
    ("unlink", Effect::Deletes),
    ("revoke", Effect::Deletes),
    ("cancel", Effect::Deletes),
    ("write", Effect::Writes),
    ("edit", Effect::Writes),
    ("create", Effect::Writes),
    ("update", Effect::Writes),
    ("move", Effect::Writes),
    ("mv", Effect::Writes),
    ("rename", Effect::Writes),
    ("set", Effect::Writes),
    ("add", Effect::Writes),
    ("insert", Effect::Writes),
    ("upsert", Effect::Writes),
    ("put", Effect::Writes),
    ("patch", Effect::Writes),
    ("modify", Effect::Writes),
    ("replace", Effect::Writes),
    ("append", Effect::Writes),
    ("save", Effect::Writes),
    ("upload", Effect::Writes),
    ("mkdir", Effect::Writes),
    ("fork", Effect::Writes),
    ("commit", Effect::Writes),
    ("checkout", Effect::Writes),
    ("reset", Effect::Writes),
    ("close", Effect::Writes),
    ("archive", Effect::Writes),
    ("assign", Effect::Writes),
    ("approve", Effect::Writes),
    ("grant", Effect::Writes),
    ("invite", Effect::Writes),
    ("install", Effect::Writes),
    ("uninstall", Effect::Writes),
    // Seen in real allowlists: `kubectl_apply`, `apply_migration`,
    // `restore_project`, `rebase_branch`, `duplicate_page`, `copy_file`,
    // `import_data`, `clear_cache`, `kubectl_scale`, `rollback_release`,
    // `migrate_database`.
    ("apply", Effect::Writes),
    ("restore", Effect::Writes),
    ("rebase", Effect::Writes),
    ("duplicate", Effect::Writes),
    ("copy", Effect::Writes),
    ("cp", Effect::Writes),
    ("import", Effect::Writes),
    ("clear", Effect::Deletes),
    ("scale", Effect::Writes),
    ("rollback", Effect::Writes),
    ("migrate", Effect::Writes),
    ("schedule", Effect::Writes),
    ("ban", Effect::Writes),
    ("push", Effect::Publishes),
    ("merge", Effect::Publishes),
    ("deploy", Effect::Publishes),
    ("publish", Effect::Publishes),
    ("release", Effect::Publishes),
    ("send", Effect::Sends),
    ("post", Effect::Sends),
    ("email", Effect::Sends),
    ("reply", Effect::Sends),
    ("comment", Effect::Sends),
    ("notify", Effect::Sends),
    ("exec", Effect::Executes),
    ("execute", Effect::Executes),
    ("run", Effect::Executes),
    ("shell", Effect::Executes),
    ("command", Effect::Executes),
    ("eval", Effect::Executes),
    ("evaluate", Effect::Executes),
    ("invoke", Effect::Executes),
    ("spawn", Effect::Executes),
    ("bash", Effect::Executes),
    ("terminal", Effect::Executes),
    ("kill", Effect::Executes),
    ("terminate", Effect::Executes),
    ("start", Effect::Executes),
    ("stop", Effect::Executes),
    ("restart", Effect::Executes),
    // Browser drivers other than the known ones (`playwright_navigate` of
    // mcp-playwright).
    ("navigate", Effect::Browses),
    ("click", Effect::Browses),
    ("transfer", Effect::Pays),
    ("pay", Effect::Pays),
    ("refund", Effect::Pays),
    ("charge", Effect::Pays),
    ("withdraw", Effect::Pays),
    ("purchase", Effect::Pays),
    ("buy", Effect::Pays),
];

/// Verbs of read-only tools. When one of these comes first, the tool is
/// read-only (`get_command_history`, `list_deployments`).
const READ_VERBS: &[&str] = &[
    "get",
    "list",
    "search",
    "read",
    "fetch",
    "find",
    "describe",
    "show",
    "view",
    "count",
    "check",
    "inspect",
    "lookup",
    "browse",
    "explain",
    "analyze",
    "analyse",
    "summarize",
    "retrieve",
    "load",
    "preview",
    "stat",
    "status",
    "info",
    "diff",
    "compare",
    "resolve",
    "validate",
    "verify",
    "screenshot",
    "snapshot",
    "take",
    "query",
    "ls",
    "cat",
    "head",
    "tail",
    "grep",
    "tree",
    "log",
    "ping",
    "whoami",
    "echo",
    "print",
    "download",
    "export",
    "watch",
    "wait",
    "hover",
    "capture",
    "console",
    "network",
    "test",
    "lint",
    "audit",
    "think",
    "sequentialthinking",
    "calculate",
    "convert",
    "translate",
    "parse",
];

/// Split a tool name into lower-case words: `_`, `-`, `.`, `/`, `:`, `@`,
/// spaces and camelCase boundaries separate words.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Strip the server qualifier clients put in front of a tool name:
/// `mcp__github__create_issue` (Claude Code), `@github/create_issue`
/// (Amazon Q), `github:create_issue` (Cursor), `mcp:github:create_issue`
/// (Zed). Returns (server, tool).
pub fn split_qualified(name: &str) -> (Option<&str>, &str) {
    if let Some(rest) = name.strip_prefix("mcp__") {
        return match rest.split_once("__") {
            Some((s, t)) => (Some(s), t),
            None => (Some(rest), ""),
        };
    }
    if let Some(rest) = name.strip_prefix('@') {
        return match rest.split_once('/') {
            Some((s, t)) => (Some(s), t),
            None => (Some(rest), ""),
        };
    }
    let rest = name.strip_prefix("mcp:").unwrap_or(name);
    match rest.split_once(':') {
        Some((s, t)) => (Some(s), t),
        None => (None, rest),
    }
}

/// Judge one tool name (unqualified, or qualified as in
/// [`split_qualified`]); `*` and `?` make it a glob.
pub fn classify(name: &str) -> Verdict {
    let (_, tool) = split_qualified(name.trim());
    if let Some(at) = tool.find(['*', '?']) {
        // A glob is safe only when its fixed head already reads as read-only
        // (`read_*`, `get*`).
        return match judge(&tool[..at]) {
            Some(Ok(())) => Verdict::Safe,
            Some(Err(d)) => Verdict::Destructive(d),
            None => Verdict::Wildcard,
        };
    }
    match judge(tool) {
        Some(Err(d)) => Verdict::Destructive(d),
        _ => Verdict::Safe,
    }
}

/// `Some(Ok)` read-only, `Some(Err)` destructive, `None` no verb found.
fn judge(tool: &str) -> Option<Result<(), Destructive>> {
    let exact = tool.to_ascii_lowercase().replace('-', "_");
    for (server, names, effect) in KNOWN_TOOLS {
        if names.contains(&exact.as_str()) {
            return Some(Err(Destructive {
                effect: *effect,
                because: (*server).to_string(),
                known: true,
            }));
        }
    }
    for w in words(tool) {
        if READ_VERBS.contains(&w.as_str()) {
            return Some(Ok(()));
        }
        if let Some((verb, effect)) = DESTRUCTIVE_VERBS.iter().find(|(v, _)| *v == w) {
            return Some(Err(Destructive {
                effect: *effect,
                because: (*verb).to_string(),
                known: false,
            }));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(name: &str) -> Option<String> {
        match classify(name) {
            Verdict::Destructive(d) => Some(d.because),
            _ => None,
        }
    }

    #[test]
    fn splits_every_style() {
        assert_eq!(words("create_issue"), ["create", "issue"]);
        assert_eq!(words("createIssue"), ["create", "issue"]);
        assert_eq!(words("create-issue"), ["create", "issue"]);
        assert_eq!(words("HTTPRequest2Go"), ["httprequest2", "go"]);
        assert_eq!(
            split_qualified("mcp__github__create_issue"),
            (Some("github"), "create_issue")
        );
        assert_eq!(split_qualified("mcp__github"), (Some("github"), ""));
        assert_eq!(
            split_qualified("@git/git_status"),
            (Some("git"), "git_status")
        );
        assert_eq!(
            split_qualified("linear:list_issues"),
            (Some("linear"), "list_issues")
        );
        assert_eq!(
            split_qualified("mcp:fs:write_file"),
            (Some("fs"), "write_file")
        );
        assert_eq!(split_qualified("write_file"), (None, "write_file"));
    }

    #[test]
    fn destructive_names() {
        for (name, want) in [
            ("delete_file", "delete"),
            ("write_file", "write"),
            ("edit_file", "edit"),
            ("create_directory", "create"),
            ("move_file", "move"),
            ("createIssue", "create"),
            ("create-pull-request", "create"),
            ("mcp__github__create_issue", "create"),
            ("github:merge_pull_request", "merge"),
            ("push_files", "push"),
            ("slack_post_message", "post"),
            ("send_email", "send"),
            ("execute_command", "execute"),
            ("run_shell_command", "run"),
            ("executeSql", "execute"),
            ("kill_process", "kill"),
            ("drop_table", "drop"),
            ("truncateTable", "truncate"),
            ("deploy", "deploy"),
            ("npm_publish", "publish"),
            ("create_refund", "create"),
            ("transfer_funds", "transfer"),
            ("shell", "shell servers"),
            ("command", "command"),
            ("eval", "eval"),
            ("start_process", "desktop-commander"),
            ("puppeteer_click", "puppeteer"),
            ("browser_type", "playwright"),
            ("browser-navigate", "playwright"),
            ("aws_cli", "the AWS servers"),
            ("fs_write", "Amazon Q"),
            ("write_*", "write"),
            ("execute_sql", "database servers"),
            ("mcp__supabase__apply_migration", "database servers"),
            ("kubectl_apply", "apply"),
            ("restore_project", "restore"),
            ("rebase_branch", "rebase"),
            ("notion-duplicate-page", "duplicate"),
            ("copy_file", "copy"),
            ("clear_cache", "clear"),
            ("kubectl_scale", "scale"),
            ("@fs/delete*", "delete"),
            ("playwright_navigate", "navigate"),
            ("playwright_click", "click"),
            ("schedule_meeting", "schedule"),
            ("ban_user", "ban"),
        ] {
            assert_eq!(verb(name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn read_only_names() {
        for name in [
            "read_file",
            "read_multiple_files",
            "list_directory",
            "directory_tree",
            "search_files",
            "search_repositories",
            "get_file_contents",
            "get_issue",
            "list_issues",
            "getCommandHistory",
            "get_command_history",
            "list_deployments",
            "query",
            "read_query",
            "puppeteer_screenshot",
            "browser_snapshot",
            "resolve-library-id",
            "get-library-docs",
            "sequentialthinking",
            "git_status",
            "mcp__github__get_me",
            "linear:list_issues",
            "read_*",
            "@git/git_log",
            "runtime_info",
            "",
        ] {
            assert_eq!(classify(name), Verdict::Safe, "{name}");
        }
    }

    #[test]
    fn globs_that_can_match_anything() {
        for name in [
            "*",
            "fs_*",
            "*_file",
            "@server/*",
            "github:*",
            "mcp__x__*",
            "?",
        ] {
            assert_eq!(classify(name), Verdict::Wildcard, "{name}");
        }
    }

    #[test]
    fn read_only_servers_by_name() {
        assert!(read_only_server("context7"));
        assert!(read_only_server("Sequential_Thinking"));
        assert!(!read_only_server("github"));
        assert!(!read_only_server("fetch"));
    }

    #[test]
    fn reasons_read_well() {
        let Verdict::Destructive(d) = classify("delete_file") else {
            panic!()
        };
        assert_eq!(d.reason(), "deletes data (verb `delete`)");
        let Verdict::Destructive(d) = classify("start_process") else {
            panic!()
        };
        assert_eq!(
            d.reason(),
            "executes code or commands (a known tool of desktop-commander)"
        );
    }
}
