#!/usr/bin/env bash
# Build the mcpward wheel (the binary packaged by maturin, see pyproject.toml)
# into OUT_DIR (default target/wheels). maturin comes from PyPI into a private
# virtualenv (MCPWARD_MATURIN_VENV, default target/maturin-venv), so nothing
# is installed system-wide. Needs python3 and a Rust toolchain; the wheel it
# makes needs neither cargo nor Rust to install or run.
#
#   scripts/build-wheel.sh [OUT_DIR]
#
# Prints the path of the wheel on its last line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/wheels}"
venv="${MCPWARD_MATURIN_VENV:-$root/target/maturin-venv}"
maturin_req='maturin>=1.7,<2'

if ! "$venv/bin/maturin" --version >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$maturin_req"
fi
"$venv/bin/maturin" --version >&2

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n1)"
mkdir -p "$out"
rm -f "$out"/mcpward-"$version"-*.whl
( cd "$root" && "$venv/bin/maturin" build --release --locked --out "$out" ) >&2
wheel="$(ls "$out"/mcpward-"$version"-*.whl)"
echo "$wheel"
