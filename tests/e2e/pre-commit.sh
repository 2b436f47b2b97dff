#!/usr/bin/env bash
# End-to-end test of the pre-commit hook with the real pre-commit (from PyPI).
# A throwaway hook repo is snapshotted from this checkout, a throwaway user
# repo installs it, then: a clean .cursor/mcp.json commits, a bad one (a
# generated fake GitHub token) is refused without the token being printed,
# and `pre-commit run --all-files` fails while the bad file is staged.
# Skips with a visible message when pre-commit cannot be installed.
set -uo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
venv="${MCPWARD_E2E_VENV:-${TMPDIR:-/tmp}/mcpward-e2e-venv}"

if ! "$venv/bin/pre-commit" --version >/dev/null 2>&1; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit>=3.2'; } >/dev/null 2>&1; then
    echo "SKIP pre-commit e2e: cannot install pre-commit from PyPI"
    exit 0
  fi
fi
pc="$venv/bin/pre-commit"

export PRE_COMMIT_HOME="$work/pc-home"
# Reuse the release build between runs.
export CARGO_TARGET_DIR="${MCPWARD_E2E_TARGET:-$checkout/target/pre-commit-e2e}"
export GIT_AUTHOR_NAME=e2e GIT_AUTHOR_EMAIL=e2e@example.invalid
export GIT_COMMITTER_NAME=e2e GIT_COMMITTER_EMAIL=e2e@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

passed=0 failed=0
ok()   { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }

# 1. Snapshot the checkout (tracked + untracked-not-ignored files).
mkdir -p "$work/hookrepo"
( cd "$checkout" && git ls-files -z --cached --others --exclude-standard ) \
  | ( cd "$checkout" && xargs -0 tar -cf - -- 2>/dev/null ) | tar -xf - -C "$work/hookrepo"
git -C "$work/hookrepo" init -q -b main
git -C "$work/hookrepo" add -A
git -C "$work/hookrepo" commit -qm snapshot
rev="$(git -C "$work/hookrepo" rev-parse HEAD)"
if "$pc" validate-manifest "$work/hookrepo/.pre-commit-hooks.yaml" >/dev/null 2>&1; then
  ok "hook manifest validates"
else
  fail "hook manifest validates"
fi

# 2. A user repository that uses the hook.
mkdir -p "$work/user/.cursor"
cd "$work/user"
git init -q -b main
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: mcpward\n' "$work/hookrepo" "$rev" > .pre-commit-config.yaml
"$pc" validate-config >/dev/null 2>&1 || fail "user config validates"
"$pc" install >/dev/null

# 3. A clean config commits.
cat > .cursor/mcp.json <<'JSON'
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_TOKEN": "${env:GITHUB_TOKEN}" }
    }
  }
}
JSON
git add -A
if git commit -qm clean >"$work/clean.log" 2>&1; then
  ok "clean .cursor/mcp.json is committed"
else
  fail "clean .cursor/mcp.json is committed"; cat "$work/clean.log"
fi
head_before="$(git rev-parse HEAD)"

# 4. A pasted token is refused. The token is generated, never committed here.
token="ghp_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 36)"
sed -i "s|\${env:GITHUB_TOKEN}|$token|" .cursor/mcp.json
git add -A
if git commit -qm bad >"$work/bad.log" 2>&1; then
  fail "bad .cursor/mcp.json is refused"
else
  ok "bad .cursor/mcp.json is refused"
fi
[ "$(git rev-parse HEAD)" = "$head_before" ] && ok "HEAD unchanged after refusal" || fail "HEAD unchanged after refusal"
grep -q -- '- hook id: mcpward' "$work/bad.log" && grep -q 'hardcoded-secret' "$work/bad.log" \
  && ok "hook output names the hook and the rule" || { fail "hook output names the hook and the rule"; cat "$work/bad.log"; }
grep -qF -- "$token" "$work/bad.log" && fail "token not printed" || ok "token not printed"

# 5. --all-files fails while the bad file is staged.
if "$pc" run --all-files >"$work/all.log" 2>&1; then
  fail "pre-commit run --all-files fails on the bad file"
else
  ok "pre-commit run --all-files fails on the bad file"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
