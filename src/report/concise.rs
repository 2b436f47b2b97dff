//! `--format concise`: one line per finding, for editors and problem
//! matchers (VS Code tasks, vim quickfix, emacs compile-mode, reviewdog):
//!
//! ```text
//! .cursor/mcp.json:3:31: medium[invalid-config] unknown key `arg` ...
//! ```
//!
//! Columns are UTF-16 code units, like every other format. A path that could
//! not be scanned prints as `path: error[could-not-scan] reason`. No summary:
//! every line has the same shape.

use std::fmt::Write as _;

use super::{items, RenderOptions};
use crate::paths::display_path;
use crate::scan::ScanResult;

/// Render one line per finding, then one per path that could not be scanned.
pub fn render(result: &ScanResult, opts: &RenderOptions) -> String {
    let mut out = String::new();
    for it in items(result, opts) {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            it.path,
            it.start.0,
            it.start.1,
            it.finding.severity.name(),
            it.finding.rule,
            one_line(&it.message)
        );
    }
    for e in &result.errors {
        let _ = writeln!(
            out,
            "{}: error[could-not-scan] {}",
            display_path(&e.path, &opts.cwd),
            one_line(&e.message)
        );
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
