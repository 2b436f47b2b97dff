#!/usr/bin/env bash
# Generate a tree-walk benchmark tree: FILES files (default 100 000) in
# FILES/10 folders (100 leaves per top folder, 10 files each), CONFIGS of
# them (default 200) MCP config files spread evenly through it (.mcp.json,
# .cursor/mcp.json, .vscode/mcp.json, .codex/config.toml in turn), plus
# decoys with config-like names that no client reads there (settings.json,
# mcp.json, config.toml). A config replaces an ordinary file, so the file
# count stays FILES.
#
# Usage: scripts/gen-tree.sh DIR [FILES] [CONFIGS]   (DIR must not exist yet)
set -euo pipefail

dir=${1:?usage: gen-tree.sh DIR [FILES] [CONFIGS]}
files=${2:-100000}
configs=${3:-200}
if [ -e "$dir" ]; then
    echo "gen-tree.sh: $dir already exists" >&2
    exit 2
fi
python3 - "$dir" "$files" "$configs" << 'PY'
import os, sys
root, files, configs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
json_cfg = '''{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] },
    "remote": { "type": "http", "url": "https://example.com/mcp" }
  }
}
'''
vscode_cfg = '{ "servers": { "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] } } }\n'
toml_cfg = '[mcp_servers.github]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]\n'
names = ["main.rs", "lib.rs", "README.md", "notes.txt", "data.csv", "index.js",
         "package.json", "settings.json", "mcp.json", "config.toml"]
leaves = max(1, files // 10)
tops = max(1, leaves // 100)
every = max(1, leaves // configs) if configs else 0
made = 0
for leaf in range(leaves):
    d = os.path.join(root, "pkg%04d" % (leaf % tops), "mod%05d" % leaf)
    os.makedirs(d)
    ordinary = names
    if every and leaf % every == 0 and made < configs:
        kind = made % 4
        if kind == 0:
            open(os.path.join(d, ".mcp.json"), "w").write(json_cfg)
        else:
            sub, name, text = [(".cursor", "mcp.json", json_cfg), (".vscode", "mcp.json", vscode_cfg), (".codex", "config.toml", toml_cfg)][kind - 1]
            os.mkdir(os.path.join(d, sub))
            open(os.path.join(d, sub, name), "w").write(text)
        made += 1
        ordinary = names[1:]
    for n in ordinary:
        open(os.path.join(d, n), "w").close()
print("gen-tree.sh: %s: %d files, %d configs" % (root, leaves * 10, made), file=sys.stderr)
PY
