#!/usr/bin/env bash
# Whole-process benchmarks, each next to a floor measured in the same run,
# printed as one table (medians; ratios hold on a noisy machine):
#   1. one file (the pre-commit / editor path) above `true`. Goal: <= 1.5 ms,
#      peak RSS < 10 MB.
#   2. tree walk against `rg --files --hidden` on generated trees of 10 000
#      and 100 000 files (1 000 000 with --big). Goal: <= 1.0x rg, every
#      config found.
#   3. a tree with 10 000 configs (parse and rules dominate: must stay linear).
#   4. one file with 10 000 servers.
# Peak RSS of every mcpward run comes from /usr/bin/time -v.
#
# Needs hyperfine, ripgrep and GNU time: installed with apt-get when missing
# (the script says so). Usage: scripts/bench.sh [--big] [WORKDIR]
# (trees are generated once under WORKDIR, default $TMPDIR/mcpward-bench).
set -euo pipefail

big=0
if [ "${1:-}" = --big ]; then
    big=1
    shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-${TMPDIR:-/tmp}/mcpward-bench}
mkdir -p "$work"

need() { # need COMMAND DEBIAN-PACKAGE
    command -v "$1" > /dev/null && return
    echo "bench.sh: $1 missing; installing the Debian package $2 (apt-get)" >&2
    apt-get install -y -qq "$2" > /dev/null 2>&1 || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq "$2" > /dev/null; }
}
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

cd "$root"
cargo build --release --quiet
bin="$root/target/release/mcpward"
home="$work/home" # empty fake home: no machine location exists
mkdir -p "$home"
run=("$bin" --home "$home" --platform linux --color never)

# median_ms RUNS CMD...: median wall time in ms (output discarded).
median_ms() {
    local runs=$1
    shift
    hyperfine -N --warmup 3 --runs "$runs" -i --style none --export-json "$work/hf.json" "$(printf '%q ' "$@")" > /dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/hf.json"
}
# rss_mb CMD...: median peak RSS in MB over 3 runs.
rss_mb() {
    for _ in 1 2 3; do
        /usr/bin/time -v "$@" 2>&1 > /dev/null | awk -F: '/Maximum resident/ {print $2}'
    done | sort -n | sed -n 2p | awk '{printf "%.1f\n", $1/1024}'
}
calc() { python3 -c "print('%.2f' % ($1))"; }
found() { "${run[@]}" --format json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])'; }
tree() { # tree NAME FILES CONFIGS
    [ -d "$work/$1" ] || "$root/scripts/gen-tree.sh" "$work/$1" "$2" "$3"
    echo "$work/$1"
}

echo "mcpward $("$bin" --version | awk '{print $2}'), $(nproc) cores, $(uname -r), $(hyperfine --version), $(rg --version | awk "NR==1")"
printf '%-34s %10s %10s %8s %9s  %s\n' case mcpward floor ratio "RSS MB" note

# 1. One file.
cfg="$work/one/.mcp.json"
mkdir -p "$(dirname "$cfg")"
cat > "$cfg" << 'JSON'
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" }
    },
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] }
  }
}
JSON
t_true=$(median_ms 300 true)
t_one=$(median_ms 300 "${run[@]}" "$cfg")
printf '%-34s %10s %10s %8s %9s  %s\n' "one file (ms)" "$t_one" "$t_true" "-" "$(rss_mb "${run[@]}" "$cfg")" \
    "$(calc "$t_one - $t_true") ms above true (goal <= 1.5, RSS < 10 MB)"

# 2. Walks against rg.
sizes=("10k 10000 20" "100k 100000 200")
[ "$big" = 1 ] && sizes+=("1m 1000000 2000")
for s in "${sizes[@]}"; do
    set -- $s
    t=$(tree "tree-$1" "$2" "$3")
    n=$(found "$t")
    runs=15
    [ "$1" = 1m ] && runs=5
    t_rg=$(median_ms $runs rg --files --hidden "$t")
    t_w=$(median_ms $runs "${run[@]}" --format json "$t")
    printf '%-34s %10s %10s %8s %9s  %s\n' "walk $1 files vs rg (ms)" "$t_w" "$t_rg" "$(calc "$t_w / $t_rg")x" \
        "$(rss_mb "${run[@]}" --format json "$t")" "configs found $n/$3 (goal <= 1.0x rg)"
done

# 3. 10 000 configs in a 100 000-file tree.
t=$(tree tree-10k-configs 100000 10000)
n=$(found "$t")
t_rg=$(median_ms 5 rg --files --hidden "$t")
t_w=$(median_ms 5 "${run[@]}" --format json "$t")
printf '%-34s %10s %10s %8s %9s  %s\n' "10 000 configs (ms)" "$t_w" "$t_rg" "$(calc "$t_w / $t_rg")x" \
    "$(rss_mb "${run[@]}" --format json "$t")" "configs found $n/10000; $(calc "($t_w - $t_rg) / 10") ms per 1 000 configs above rg"

# 4. One file with 10 000 servers (and 1 000, to check linearity).
python3 - "$work" << 'PY'
import json, sys
for n in (1000, 10000):
    servers = {}
    for i in range(n):
        if i % 2:
            servers[f"server-{i}"] = {"type": "http", "url": f"https://example.com/mcp/{i}", "headers": {"X-Id": str(i)}}
        else:
            servers[f"server-{i}"] = {"command": "npx", "args": ["-y", f"pkg-{i}@1.2.3", "--port", str(i)], "env": {"LEVEL": "debug"}}
    json.dump({"mcpServers": servers}, open(f"{sys.argv[1]}/big{n}.mcp.json", "w"), indent=2)
PY
t1k=$(median_ms 10 "${run[@]}" --format json "$work/big1000.mcp.json")
t10k=$(median_ms 5 "${run[@]}" --format json "$work/big10000.mcp.json")
printf '%-34s %10s %10s %8s %9s  %s\n' "10 000 servers in one file (ms)" "$t10k" "$t1k" "$(calc "($t10k - $t_true) / ($t1k - $t_true)")x" \
    "$(rss_mb "${run[@]}" --format json "$work/big10000.mcp.json")" "floor = 1 000 servers; linear = 10x"
