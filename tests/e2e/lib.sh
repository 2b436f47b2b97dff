# Helpers shared by the end-to-end scripts in tests/e2e/ (sourced, not run).

# A PATH without any Rust toolchain: every folder holding cargo, rustc or
# rustup is dropped, and a folder whose `cargo`/`rustc`/`rustup` only record
# that they were called (in $1/called) and fail goes first. So a step that
# would build mcpward from source fails loudly, and the test can also assert
# that nothing even tried.
#   no_toolchain_path STUB_DIR  -> prints the new PATH
no_toolchain_path() {
  local stub="$1" dir out=""
  mkdir -p "$stub"
  for tool in cargo rustc rustup; do
    printf '#!/bin/sh\necho "%s $*" >> "%s/called"\necho "%s: hidden by the mcpward e2e test" >&2\nexit 127\n' \
      "$tool" "$stub" "$tool" > "$stub/$tool"
    chmod +x "$stub/$tool"
  done
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] || continue
    if [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ]; then
      continue
    fi
    out="$out:$dir"
  done
  echo "$stub$out"
}

# The version in Cargo.toml's [package] table (the one source of truth).
cargo_toml_version() {
  sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$1/Cargo.toml" | head -n1
}

# Seconds since the epoch with a fraction, for timings printed by the tests.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
