#!/usr/bin/env bash
# End-to-end test of the Python wheel: build it with scripts/build-wheel.sh
# (or take MCPWARD_WHEEL), install it into a fresh virtualenv, and run the
# installed `mcpward` with no Rust toolchain on PATH: `--version` agrees with
# Cargo.toml and the wheel's metadata, and a scan of examples/ reports the
# same findings as the binary cargo built.
# Skips with a visible message when the wheel cannot be built (no python3 venv
# or no maturin from PyPI).
set -uo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$checkout/tests/e2e/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
ok()   { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; failed=$((failed + 1)); }

version="$(cargo_toml_version "$checkout")"
wheel="${MCPWARD_WHEEL:-}"
if [ -z "$wheel" ]; then
  t0="$(now)"
  if ! wheel="$("$checkout/scripts/build-wheel.sh" "$checkout/target/wheels" 2>"$work/build.log" | tail -n1)" \
      || [ ! -f "$wheel" ]; then
    if grep -q "maturin" "$work/build.log" && ! grep -q "Compiling" "$work/build.log"; then
      echo "SKIP wheel e2e: cannot install maturin from PyPI"
      tail -n 5 "$work/build.log"
      exit 0
    fi
    cat "$work/build.log"
    fail "the wheel builds"
    echo "$passed passed, $failed failed"
    exit 1
  fi
  echo "wheel built in $(elapsed "$t0")s: $(basename "$wheel")"
fi

case "$(basename "$wheel")" in
  "mcpward-$version-py3-none-"*.whl) ok "wheel file name carries the Cargo.toml version $version" ;;
  *) fail "wheel file name carries the Cargo.toml version $version ($(basename "$wheel"))" ;;
esac

# A fresh virtualenv, installed from the wheel alone: no index, no cargo.
python3 -m venv "$work/venv"
path="$(no_toolchain_path "$work/stub")"
if PATH="$work/venv/bin:$path" PIP_NO_INDEX=1 \
    pip install --quiet --disable-pip-version-check "$wheel" >"$work/install.log" 2>&1; then
  ok "pip install of the wheel into a fresh virtualenv"
else
  fail "pip install of the wheel into a fresh virtualenv"; cat "$work/install.log"
fi
run() { ( cd "$checkout" && env PATH="$work/venv/bin:$path" "$@" ); }

if run sh -c 'command -v cargo' | grep -q "^$work/stub/cargo$" \
    && [ "$(run sh -c 'command -v mcpward')" = "$work/venv/bin/mcpward" ]; then
  ok "cargo is hidden and mcpward comes from the virtualenv"
else
  fail "cargo is hidden and mcpward comes from the virtualenv"
fi

got="$(run mcpward --version 2>&1)"
[ "$got" = "mcpward $version" ] && ok "mcpward --version is $version" || fail "mcpward --version is $version (got: $got)"
meta="$(run python -c 'import importlib.metadata as m; print(m.version("mcpward"))' 2>&1)"
[ "$meta" = "$version" ] && ok "wheel metadata version is $version" || fail "wheel metadata version is $version (got: $meta)"
summary="$(run python -c 'import importlib.metadata as m; d = m.metadata("mcpward"); print(d["Summary"]); print(d["License"]); print(d.get_all("Project-URL")[0] if d.get_all("Project-URL") else "")' 2>&1)"
desc="$(sed -n 's/^description = "\(.*\)"$/\1/p' "$checkout/Cargo.toml" | head -n1)"
if [ "$(echo "$summary" | sed -n 1p)" = "$desc" ] && echo "$summary" | grep -q "MIT OR Apache-2.0" \
    && echo "$summary" | grep -q "https://github.com/mcpward/mcpward"; then
  ok "wheel metadata: description, license and project URLs"
else
  fail "wheel metadata: description, license and project URLs ($summary)"
fi

# A scan of examples/ from the installed command, with a fake empty home.
mkdir -p "$work/home"
run mcpward --no-color --home "$work/home" examples/ >"$work/examples.out" 2>&1
code=$?
if [ "$code" -eq 1 ] && grep -Eq '^Scanned [0-9]+ files' "$work/examples.out" \
    && grep -Eq '^[0-9]+ findings?:' "$work/examples.out" && grep -q "broad-filesystem-access" "$work/examples.out"; then
  ok "mcpward examples/ finds the examples' problems (exit 1)"
else
  fail "mcpward examples/ finds the examples' problems (exit $code)"; head -n 20 "$work/examples.out"
fi
run mcpward --format json --home "$work/home" examples/ >"$work/wheel.json" 2>/dev/null
if [ -x "$checkout/target/debug/mcpward" ]; then
  ( cd "$checkout" && target/debug/mcpward --format json --home "$work/home" examples/ ) >"$work/cargo.json" 2>/dev/null
  if cmp -s "$work/wheel.json" "$work/cargo.json"; then
    ok "the wheel's report on examples/ equals the cargo-built binary's"
  else
    fail "the wheel's report on examples/ equals the cargo-built binary's"
    diff "$work/cargo.json" "$work/wheel.json" | head -n 20
  fi
fi

# pipx and uv, as the README shows them, on the same wheel (no index: the
# wheel has no dependencies). The tools come from PyPI into a cached venv.
tools="${MCPWARD_E2E_TOOLS:-${TMPDIR:-/tmp}/mcpward-e2e-tools}"
if ! { "$tools/bin/pipx" --version && "$tools/bin/uv" --version; } >/dev/null 2>&1; then
  { python3 -m venv "$tools" && "$tools/bin/pip" install --quiet --disable-pip-version-check pipx uv; } >/dev/null 2>&1
fi
if { "$tools/bin/pipx" --version && "$tools/bin/uv" --version; } >/dev/null 2>&1; then
  export PIPX_HOME="$work/pipx" PIPX_BIN_DIR="$work/pipx-bin" PIPX_MAN_DIR="$work/pipx-man"
  export UV_CACHE_DIR="$work/uv-cache" UV_TOOL_DIR="$work/uv-tools" UV_TOOL_BIN_DIR="$work/uv-bin"
  export UV_PYTHON_DOWNLOADS=never
  tool_run() { ( cd "$checkout" && env PATH="$tools/bin:$path" PIP_NO_INDEX=1 "$@" ); }
  check_version() { # NAME COMMAND...
    local name="$1"; shift
    local got
    got="$(tool_run "$@" 2>"$work/tool.err" | tail -n1)"
    if [ "$got" = "mcpward $version" ]; then ok "$name"; else fail "$name (got: $got)"; tail -n 5 "$work/tool.err"; fi
  }
  tool_run pipx install "$wheel" >"$work/tool.err" 2>&1 || cat "$work/tool.err"
  check_version "pipx install WHEEL gives mcpward $version" "$PIPX_BIN_DIR/mcpward" --version
  check_version "pipx run --spec WHEEL mcpward --version" pipx run --spec "$wheel" mcpward --version
  tool_run uv tool install --offline "$wheel" >"$work/tool.err" 2>&1 || cat "$work/tool.err"
  check_version "uv tool install WHEEL gives mcpward $version" "$UV_TOOL_BIN_DIR/mcpward" --version
  check_version "uvx --from WHEEL mcpward --version" uvx --offline --from "$wheel" mcpward --version
else
  echo "SKIP pipx/uv checks: cannot install pipx and uv from PyPI"
fi

# pip probes `rustc --version` for its user-agent string; anything else
# (cargo at all, rustc to compile, rustup) means something tried to build.
if [ -e "$work/stub/called" ] && grep -qv '^rustc --version$' "$work/stub/called"; then
  fail "nothing called cargo or rustup, nor rustc beyond pip's version probe"; cat "$work/stub/called"
else
  ok "nothing called cargo or rustup, nor rustc beyond pip's version probe"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
