#!/usr/bin/env bash
# End-to-end test of both pre-commit hooks with the real pre-commit (from PyPI):
#
#   rust    this repository's .pre-commit-hooks.yaml (`language: rust`):
#           pre-commit builds mcpward from a snapshot of this checkout with cargo.
#   python  the mirror repository (pre-commit-mirror/, `language: python`):
#           pre-commit pip-installs the mirror, which pulls in the mcpward wheel
#           (built here by scripts/build-wheel.sh, or MCPWARD_WHEEL). Run with
#           no Rust toolchain on PATH, and pip pointed at a local folder holding
#           that wheel instead of PyPI (PIP_NO_INDEX, PIP_FIND_LINKS): once the
#           wheel is on PyPI, users get the same from the index.
#
# For each: a throwaway user repo installs the hook (first install timed), a
# clean .cursor/mcp.json commits, a bad one (a generated fake GitHub token) is
# refused without the token being printed, and `pre-commit run --all-files`
# fails while the bad file is staged.
# Skips with a visible message when pre-commit cannot be installed.
# MCPWARD_E2E_HOOKS="rust python" (the default) picks the hooks to test.
set -uo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$checkout/tests/e2e/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
venv="${MCPWARD_E2E_VENV:-${TMPDIR:-/tmp}/mcpward-e2e-venv}"
hooks="${MCPWARD_E2E_HOOKS:-rust python}"

if ! "$venv/bin/pre-commit" --version >/dev/null 2>&1; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit>=3.2'; } >/dev/null 2>&1; then
    echo "SKIP pre-commit e2e: cannot install pre-commit from PyPI"
    exit 0
  fi
fi
pc="$venv/bin/pre-commit"
"$pc" --version

export GIT_AUTHOR_NAME=e2e GIT_AUTHOR_EMAIL=e2e@example.invalid
export GIT_COMMITTER_NAME=e2e GIT_COMMITTER_EMAIL=e2e@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

passed=0 failed=0
ok()   { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }

# A git repository holding a snapshot of files: tracked + untracked-not-ignored
# files of DIR under the checkout (so uncommitted work is tested too).
#   snapshot_repo SRC_DIR DEST -> prints the commit
snapshot_repo() {
  local src="$1" dest="$2"
  mkdir -p "$dest"
  ( cd "$src" && git ls-files -z --cached --others --exclude-standard -- . ) \
    | ( cd "$src" && xargs -0 tar -cf - -- 2>/dev/null ) | tar -xf - -C "$dest"
  git -C "$dest" init -q -b main
  git -C "$dest" add -A
  git -C "$dest" commit -qm snapshot
  git -C "$dest" rev-parse HEAD
}

# The scenario, run for one hook repository.
#   scenario NAME HOOK_REPO REV   (PATH and PIP_* as the caller set them)
scenario() {
  local name="$1" repo="$2" rev="$3" user="$work/user-$1"
  export PRE_COMMIT_HOME="$work/pc-home-$name"
  if "$pc" validate-manifest "$repo/.pre-commit-hooks.yaml" >/dev/null 2>&1; then
    ok "$name: hook manifest validates"
  else
    fail "$name: hook manifest validates"
  fi
  grep -q "^  language: $name\$" "$repo/.pre-commit-hooks.yaml" \
    && ok "$name: the hook is language: $name" || fail "$name: the hook is language: $name"

  mkdir -p "$user/.cursor"
  cd "$user" || return
  git init -q -b main
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: mcpward\n' "$repo" "$rev" > .pre-commit-config.yaml
  "$pc" validate-config >/dev/null 2>&1 || fail "$name: user config validates"
  "$pc" install >/dev/null

  # The first install (what a user waits for once), timed.
  local t0
  t0="$(now)"
  if "$pc" install-hooks >"$work/$name-install.log" 2>&1; then
    ok "$name: first install of the hook"
    echo "     first install of the $name hook took $(elapsed "$t0")s"
  else
    fail "$name: first install of the hook"; tail -n 30 "$work/$name-install.log"
  fi

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
  if git commit -qm clean >"$work/$name-clean.log" 2>&1; then
    ok "$name: clean .cursor/mcp.json is committed"
  else
    fail "$name: clean .cursor/mcp.json is committed"; cat "$work/$name-clean.log"
  fi
  local head_before
  head_before="$(git rev-parse HEAD)"

  # A pasted token is refused. The token is generated, never committed here.
  local token
  token="ghp_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 36)"
  sed -i "s|\${env:GITHUB_TOKEN}|$token|" .cursor/mcp.json
  git add -A
  if git commit -qm bad >"$work/$name-bad.log" 2>&1; then
    fail "$name: bad .cursor/mcp.json is refused"
  else
    ok "$name: bad .cursor/mcp.json is refused"
  fi
  [ "$(git rev-parse HEAD)" = "$head_before" ] && ok "$name: HEAD unchanged after refusal" \
    || fail "$name: HEAD unchanged after refusal"
  grep -q -- '- hook id: mcpward' "$work/$name-bad.log" && grep -q 'hardcoded-secret' "$work/$name-bad.log" \
    && ok "$name: hook output names the hook and the rule" \
    || { fail "$name: hook output names the hook and the rule"; cat "$work/$name-bad.log"; }
  grep -qF -- "$token" "$work/$name-bad.log" && fail "$name: token not printed" || ok "$name: token not printed"

  if "$pc" run --all-files >"$work/$name-all.log" 2>&1; then
    fail "$name: pre-commit run --all-files fails on the bad file"
  else
    ok "$name: pre-commit run --all-files fails on the bad file"
  fi
  grep -qF -- "$token" "$work/$name-all.log" && fail "$name: token not printed by --all-files" \
    || ok "$name: token not printed by --all-files"
  cd "$work" || return
}

for hook in $hooks; do
  case "$hook" in
  rust)
    # Reuse the release build between runs.
    rev="$(snapshot_repo "$checkout" "$work/hookrepo-rust")"
    ( export CARGO_TARGET_DIR="${MCPWARD_E2E_TARGET:-$checkout/target/pre-commit-e2e}"
      scenario rust "$work/hookrepo-rust" "$rev"
      echo "$passed $failed" > "$work/counts" )
    read -r passed failed < "$work/counts"
    ;;
  python)
    wheel="${MCPWARD_WHEEL:-}"
    if [ -z "$wheel" ]; then
      t0="$(now)"
      if ! wheel="$("$checkout/scripts/build-wheel.sh" "$checkout/target/wheels" 2>"$work/build.log" | tail -n1)" \
          || [ ! -f "$wheel" ]; then
        tail -n 20 "$work/build.log"
        fail "python: the wheel builds"
        continue
      fi
      echo "     wheel ready in $(elapsed "$t0")s: $(basename "$wheel")"
    fi
    # The local stand-in for PyPI: our wheel plus the mirror's build backend
    # (setuptools, fetched from PyPI once into a cache).
    index="$work/wheelhouse"
    cache="${MCPWARD_E2E_WHEELHOUSE:-${TMPDIR:-/tmp}/mcpward-e2e-wheelhouse}"
    mkdir -p "$index" "$cache"
    if ! ls "$cache"/setuptools-*.whl >/dev/null 2>&1; then
      "$venv/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
        -d "$cache" 'setuptools>=61' >/dev/null 2>&1
    fi
    if ! ls "$cache"/setuptools-*.whl >/dev/null 2>&1; then
      echo "SKIP pre-commit e2e (python hook): cannot download setuptools from PyPI"
      continue
    fi
    cp "$cache"/setuptools-*.whl "$wheel" "$index/"
    rev="$(snapshot_repo "$checkout/pre-commit-mirror" "$work/hookrepo-python")"
    ( export PATH="$(no_toolchain_path "$work/stub")"
      export PIP_NO_INDEX=1 PIP_FIND_LINKS="$index" PIP_DISABLE_PIP_VERSION_CHECK=1
      export VIRTUALENV_NO_DOWNLOAD=1
      if command -v cargo | grep -q "^$work/stub/"; then
        ok "python: cargo is hidden from PATH"
      else
        fail "python: cargo is hidden from PATH"
      fi
      scenario python "$work/hookrepo-python" "$rev"
      # pip probes `rustc --version` for its user-agent; anything else is a build.
      if [ -e "$work/stub/called" ] && grep -qv '^rustc --version$' "$work/stub/called"; then
        fail "python: nothing called cargo or rustup, nor rustc beyond pip's version probe"
        cat "$work/stub/called"
      else
        ok "python: nothing called cargo or rustup, nor rustc beyond pip's version probe"
      fi
      echo "$passed $failed" > "$work/counts" )
    read -r passed failed < "$work/counts"
    ;;
  *) fail "unknown hook kind '$hook' in MCPWARD_E2E_HOOKS" ;;
  esac
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
