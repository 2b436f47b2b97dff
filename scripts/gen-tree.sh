#!/usr/bin/env bash
# Generate the tree-walk benchmark tree: 100 000 files in 10 000 folders, 200
# of them MCP config files spread through it (.mcp.json, .cursor/mcp.json,
# .vscode/mcp.json, .codex/config.toml), plus decoys with config-like names
# that no client reads (settings.json, mcp.json, config.toml).
#
# Usage: scripts/gen-tree.sh DIR        (DIR must not exist yet)
set -euo pipefail

dir=${1:?usage: gen-tree.sh DIR}
if [ -e "$dir" ]; then
    echo "gen-tree.sh: $dir already exists" >&2
    exit 2
fi

json_cfg='{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] },
    "remote": { "type": "http", "url": "https://example.com/mcp" }
  }
}'
vscode_cfg='{ "servers": { "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] } } }'
toml_cfg='[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]'

# 100 top folders with 10 files each, and 99 subfolders in each with 10
# files each: 100 + 9 900 = 10 000 folders, 1 000 + 99 000 = 100 000 files.
names=(main.rs lib.rs README.md notes.txt data.csv index.js package.json settings.json mcp.json config.toml)
configs=0
mkdir -p "$dir"
for t in $(seq -w 0 99); do
    top="$dir/pkg$t"
    mkdir -p "$top"
    for n in "${names[@]}"; do : > "$top/$n"; done
    for s in $(seq -w 0 98); do
        leaf="$top/mod$s"
        mkdir "$leaf"
        # Every 49th leaf (200 of the 9 900) holds one config in place of
        # one ordinary file, so the file count stays 100 000.
        idx=$((10#$t * 99 + 10#$s))
        if [ $((idx % 49)) -eq 0 ] && [ "$configs" -lt 200 ]; then
            case $((configs % 4)) in
                0) printf '%s\n' "$json_cfg" > "$leaf/.mcp.json" ;;
                1) mkdir "$leaf/.cursor" && printf '%s\n' "$json_cfg" > "$leaf/.cursor/mcp.json" ;;
                2) mkdir "$leaf/.vscode" && printf '%s\n' "$vscode_cfg" > "$leaf/.vscode/mcp.json" ;;
                3) mkdir "$leaf/.codex" && printf '%s\n' "$toml_cfg" > "$leaf/.codex/config.toml" ;;
            esac
            configs=$((configs + 1))
            for n in "${names[@]:1}"; do : > "$leaf/$n"; done
        else
            for n in "${names[@]}"; do : > "$leaf/$n"; done
        fi
    done
done
echo "gen-tree.sh: $dir: $(find "$dir" -type f | wc -l) files, $(find "$dir" -mindepth 1 -type d | wc -l) folders, $configs configs" >&2
