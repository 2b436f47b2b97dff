#!/usr/bin/env bash
# Whole-process benchmarks, each next to its baseline measured in the same run,
# printed as ratios:
#   1. pre-commit path: one typical config, median wall time and peak memory,
#      against `true` (the cost of starting a process). Goal: within 3 ms.
#   2. tree walk: scripts/gen-tree.sh's 100 000 files / 200 configs against
#      `rg --files --hidden`. Goal: within 1.5x, every config found.
#   3. big config: 1 000 and 10 000 servers in one file. Goal: linear;
#      reported as ms per 1 000 servers.
#   4. secrets detector: `cargo bench --bench secrets` (when present).
#
# Needs: hyperfine (Debian: hyperfine; else a slower date loop is used),
# ripgrep (Debian: ripgrep), GNU time (Debian: time), python3.
# Usage: scripts/bench.sh [WORKDIR]   (the tree is generated once, reused)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-${TMPDIR:-/tmp}/mcpward-bench}
mkdir -p "$work"
cd "$root"
cargo build --release --quiet
bin="$root/target/release/mcpward"
home="$work/home" # empty fake home: no machine locations exist
mkdir -p "$home"
run=("$bin" --home "$home" --platform linux --color never)

# median_ms NAME RUNS CMD...: median wall time in ms of CMD (output discarded).
median_ms() {
    local runs=$2
    shift 2
    if command -v hyperfine > /dev/null; then
        local json="$work/hf.json"
        hyperfine -N --warmup 5 --runs "$runs" -i --style none --export-json "$json" "$(printf '%q ' "$@")" > /dev/null 2>&1
        python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
    else
        local times=()
        for _ in $(seq "$runs"); do
            local t0 t1
            t0=$(date +%s%N)
            "$@" > /dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=($(((t1 - t0))))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]/1e6}'
    fi
}

# peak_kb CMD...: median peak resident set size (KiB) over 5 runs.
peak_kb() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -1
    done | sort -n | sed -n 3p
}

ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
minus() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) - float(sys.argv[2])))" "$1" "$2"; }

echo "mcpward $("$bin" --version | awk '{print $2}') on $(nproc) cores; hyperfine: $(command -v hyperfine > /dev/null && echo yes || echo 'no (date loop)')"
echo

# 1. Pre-commit path.
cfg="$work/precommit/.mcp.json"
mkdir -p "$(dirname "$cfg")"
cat > "$cfg" << 'EOF'
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" }
    },
    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "./src"] },
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] }
  }
}
EOF
t_true=$(median_ms true 300 true)
t_one=$(median_ms one 300 "${run[@]}" "$cfg")
m_true=$(peak_kb true)
m_one=$(peak_kb "${run[@]}" "$cfg")
echo "1. pre-commit path (one config, whole process)"
echo "   true:    median ${t_true} ms, peak RSS ${m_true} KiB"
echo "   mcpward: median ${t_one} ms, peak RSS ${m_one} KiB"
echo "   => $(minus "$t_one" "$t_true") ms above the process-start floor (goal: <= 3 ms)"
echo

# 2. Tree walk.
tree="$work/tree"
if [ ! -d "$tree" ]; then
    "$root/scripts/gen-tree.sh" "$tree"
fi
found=$("${run[@]}" --format json "$tree" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])')
t_rg=$(median_ms rg 15 rg --files --hidden "$tree")
t_walk=$(median_ms walk 15 "${run[@]}" --format json "$tree")
echo "2. tree walk (100 000 files, 10 000 folders, 200 configs)"
echo "   rg --files --hidden: median ${t_rg} ms"
echo "   mcpward:             median ${t_walk} ms, configs found: ${found}/200"
echo "   => $(ratio "$t_walk" "$t_rg")x rg (goal: <= 1.5x, all 200 found)"
if [ "$found" != 200 ]; then
    echo "   !! expected 200 configs, found $found" >&2
    exit 1
fi
echo

# 3. Big config.
big() {
    python3 - "$1" "$2" << 'EOF'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
servers = {}
for i in range(n):
    if i % 2:
        servers[f"server-{i}"] = {"type": "http", "url": f"https://example.com/mcp/{i}", "headers": {"X-Id": str(i)}}
    else:
        servers[f"server-{i}"] = {"command": "npx", "args": ["-y", f"pkg-{i}@1.2.3", "--port", str(i)], "env": {"LEVEL": "debug"}}
json.dump({"mcpServers": servers}, open(path, "w"), indent=2)
EOF
}
big 1000 "$work/big1k.json" && mv "$work/big1k.json" "$work/big1k.mcp.json"
big 10000 "$work/big10k.json" && mv "$work/big10k.json" "$work/big10k.mcp.json"
t1k=$(median_ms big1k 20 "${run[@]}" --client claude-code "$work/big1k.mcp.json")
t10k=$(median_ms big10k 10 "${run[@]}" --client claude-code "$work/big10k.mcp.json")
per1k_1=$(minus "$t1k" "$t_true")
per1k_10=$(python3 -c "import sys; print('%.2f' % ((float(sys.argv[1]) - float(sys.argv[2])) / 10))" "$t10k" "$t_true")
echo "3. big config (whole process, start-up floor subtracted)"
echo "   1 000 servers:  ${t1k} ms => ${per1k_1} ms per 1 000 servers"
echo "   10 000 servers: ${t10k} ms => ${per1k_10} ms per 1 000 servers"
echo "   => 10k/1k cost ratio $(ratio "$(minus "$t10k" "$t_true")" "$per1k_1") (linear = 10)"
echo "   in-process figures: cargo bench --bench pipeline"
echo

# 4. Secrets detector.
echo "4. secrets detector"
if [ -f "$root/benches/secrets.rs" ]; then
    cargo bench --quiet --bench secrets 2>&1 | grep -E "thrpt|time:|values/s|MB/s|MiB/s|^[a-z]" || true
else
    echo "   benches/secrets.rs not present in this tree"
fi
