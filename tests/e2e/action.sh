#!/usr/bin/env bash
# End-to-end test of the GitHub Action (action.yml), run locally by
# tests/e2e/run_action.py the way the runner runs a composite action: the
# install step pip-installs the wheel built from this checkout (pip pointed at
# a local folder in place of PyPI, no cargo on PATH), then each input is shown
# changing the result on a throwaway workspace. The upload-sarif step is
# recorded, not run (it needs GitHub).
# Skips with a visible message when PyYAML (from the pre-commit venv of
# tests/e2e/pre-commit.sh, or installed here from PyPI) is not available.
set -uo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$checkout/tests/e2e/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
venv="${MCPWARD_E2E_VENV:-${TMPDIR:-/tmp}/mcpward-e2e-venv}"

passed=0 failed=0
ok()   { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }

if ! "$venv/bin/python" -c 'import yaml' >/dev/null 2>&1; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit>=3.2'; } >/dev/null 2>&1; then
    echo "SKIP action e2e: cannot install PyYAML (with pre-commit) from PyPI"
    exit 0
  fi
fi
py="$venv/bin/python"

version="$(cargo_toml_version "$checkout")"
wheel="${MCPWARD_WHEEL:-}"
if [ -z "$wheel" ]; then
  if ! wheel="$("$checkout/scripts/build-wheel.sh" "$checkout/target/wheels" 2>"$work/build.log" | tail -n1)" \
      || [ ! -f "$wheel" ]; then
    tail -n 20 "$work/build.log"; fail "the wheel builds"
    echo "$passed passed, $failed failed"; exit 1
  fi
fi
mkdir -p "$work/index" && cp "$wheel" "$work/index/"

export PATH="$(no_toolchain_path "$work/stub")"
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$work/index" RUNNER_TEMP="$work/runner-temp"
mkdir -p "$RUNNER_TEMP"

# A fresh workspace per case: .cursor/mcp.json with SERVER_ARGS and GITHUB_TOKEN.
#   workspace NAME ARGS_JSON TOKEN_VALUE
workspace() {
  local ws="$work/ws-$1"
  mkdir -p "$ws/.cursor"
  cat > "$ws/.cursor/mcp.json" <<JSON
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": $2,
      "env": { "GITHUB_TOKEN": "$3" }
    }
  }
}
JSON
  echo "$ws"
}
pinned='["-y", "@modelcontextprotocol/server-github@2025.4.8"]'
unpinned='["-y", "@modelcontextprotocol/server-github"]'   # unpinned-package: medium
token="ghp_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 36)"   # hardcoded-secret: critical
ref='${env:GITHUB_TOKEN}'

# action WORKSPACE LOG input=value...  -> exit code of the action
action() {
  local ws="$1" log="$2"; shift 2
  ( cd "$ws" && "$py" "$checkout/tests/e2e/run_action.py" "$checkout/action.yml" "$@" ) >"$log" 2>&1
}
expect() { # DESCRIPTION WANT_CODE GOT_CODE LOG
  if [ "$3" -eq "$2" ]; then ok "$1"; else fail "$1 (exit $3, want $2)"; tail -n 20 "$4"; fi
}

ws="$(workspace clean "$pinned" "$ref")"
action "$ws" "$work/clean.log"; expect "clean workspace passes with the defaults" 0 $? "$work/clean.log"
grep -q "^mcpward $version\$" "$work/clean.log" && ok "the action installs mcpward $version (its own version)" \
  || { fail "the action installs mcpward $version"; cat "$work/clean.log"; }
grep -q "^run_action: skip  Write the SARIF report" "$work/clean.log" \
  && ! grep -q "USES" "$work/clean.log" && ok "no SARIF upload unless asked" || fail "no SARIF upload unless asked"

ws="$(workspace secret "$pinned" "$token")"
action "$ws" "$work/secret.log"; expect "a hard-coded token fails the step" 1 $? "$work/secret.log"
grep -q '^::error file=.cursor/mcp.json,line=' "$work/secret.log" \
  && ok "default format github annotates the file" || { fail "default format github annotates the file"; cat "$work/secret.log"; }
grep -qF -- "$token" "$work/secret.log" && fail "the token is not printed" || ok "the token is not printed"
action "$ws" "$work/never.log" fail-on=never; expect "fail-on: never reports without failing" 0 $? "$work/never.log"
grep -q '^::error ' "$work/never.log" && ok "fail-on: never still annotates" || fail "fail-on: never still annotates"

ws="$(workspace medium "$unpinned" "$ref")"
action "$ws" "$work/med-low.log"; expect "a medium finding fails with fail-on: low" 1 $? "$work/med-low.log"
action "$ws" "$work/med-crit.log" fail-on=critical; expect "a medium finding passes with fail-on: critical" 0 $? "$work/med-crit.log"
action "$ws" "$work/med-med.log" fail-on=medium; expect "a medium finding fails with fail-on: medium" 1 $? "$work/med-med.log"
action "$ws" "$work/concise.log" format=concise
grep -Eq '^\.cursor/mcp\.json:[0-9]+:[0-9]+: medium\[unpinned-package\]' "$work/concise.log" \
  && ok "format: concise prints one line per finding" || { fail "format: concise prints one line per finding"; cat "$work/concise.log"; }
action "$ws" "$work/json.log" format=json
grep -q '"rule": *"unpinned-package"\|"rule_id": *"unpinned-package"\|unpinned-package' "$work/json.log" \
  && grep -q '^{' "$work/json.log" && ok "format: json prints the JSON report" || { fail "format: json prints the JSON report"; head -n 20 "$work/json.log"; }

printf '[rules.unpinned-package]\nenabled = false\n' > "$work/mcpward-off.toml"
action "$ws" "$work/config.log" config="$work/mcpward-off.toml"
expect "config: a mcpward.toml that turns the rule off passes" 0 $? "$work/config.log"

( cd "$ws" && "$RUNNER_TEMP/mcpward-action-venv/bin/mcpward" --write-baseline "$work/baseline.json" . ) >/dev/null 2>&1
action "$ws" "$work/baseline.log" baseline="$work/baseline.json"
expect "baseline: recorded findings pass" 0 $? "$work/baseline.log"

mkdir -p "$ws/clean-part/.cursor" && cp "$work/ws-clean/.cursor/mcp.json" "$ws/clean-part/.cursor/"
action "$ws" "$work/paths.log" paths="clean-part"
expect "paths: only the given folder is linted" 0 $? "$work/paths.log"
action "$ws" "$work/paths2.log" paths="clean-part
.cursor/mcp.json"
expect "paths: newline-separated paths are all linted" 1 $? "$work/paths2.log"

ws="$(workspace sarif "$pinned" "$token")"
action "$ws" "$work/sarif.log" upload-sarif=true
expect "upload-sarif: the gate still fails on the token" 1 $? "$work/sarif.log"
if grep -q "^run_action: USES github/codeql-action/upload-sarif category=mcpward sarif_file=mcpward.sarif$" "$work/sarif.log" \
    && "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0" and d["runs"][0]["results"]' "$ws/mcpward.sarif"; then
  ok "upload-sarif: SARIF with results is written and handed to upload-sarif before the gate"
else
  fail "upload-sarif: SARIF with results is written and handed to upload-sarif before the gate"; cat "$work/sarif.log"
fi
grep -qF -- "$token" "$ws/mcpward.sarif" && fail "the token is not in the SARIF report" || ok "the token is not in the SARIF report"
action "$ws" "$work/sarif2.log" upload-sarif=true sarif-file=out/scan.sarif category=mcp-configs fail-on=never
if [ $? -eq 0 ] && [ -s "$ws/out/scan.sarif" ] \
    && grep -q "USES github/codeql-action/upload-sarif category=mcp-configs sarif_file=out/scan.sarif$" "$work/sarif2.log" \
    && grep -q "^run_action: output sarif-file=out/scan.sarif$" "$work/sarif2.log"; then
  ok "sarif-file and category reach the report and the upload; the output names the file"
else
  fail "sarif-file and category reach the report and the upload"; cat "$work/sarif2.log"
fi

action "$ws" "$work/version.log" version=0.0.0-not-released
expect "version: another version is what gets installed (none here: the step fails)" 1 $? "$work/version.log"
grep -q "mcpward==0.0.0-not-released" "$work/version.log" && ok "version: pip was asked for that version" \
  || { fail "version: pip was asked for that version"; cat "$work/version.log"; }

if [ -e "$work/stub/called" ] && grep -qv '^rustc --version$' "$work/stub/called"; then
  fail "nothing called cargo or rustup, nor rustc beyond pip's version probe"; cat "$work/stub/called"
else
  ok "nothing called cargo or rustup, nor rustc beyond pip's version probe"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
