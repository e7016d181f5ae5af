# Source this file (". scripts/use-node.sh") to put Node.js 22 or newer first on PATH.
# storyroom needs Node >= 22.18 (built-in TypeScript type stripping and node:sqlite). When the machine's
# Node is older, this installs the npm package node@24 (a real Node binary) into a cache folder once and
# puts it first on PATH. Set STORYROOM_NODE_CACHE to choose the folder.
_storyroom_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}
if ! _storyroom_node_ok; then
  _storyroom_cache="${STORYROOM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storyroom-node}"
  if [ ! -x "$_storyroom_cache/node_modules/.bin/node" ]; then
    echo "use-node: installing Node 24 into $_storyroom_cache (one time)" >&2
    mkdir -p "$_storyroom_cache" &&
      npm install --silent --no-audit --no-fund --prefix "$_storyroom_cache" node@24 >&2
  fi
  PATH="$_storyroom_cache/node_modules/.bin:$PATH"
  export PATH
  if ! _storyroom_node_ok; then
    echo "use-node: could not provide Node >= 22.18" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
unset -f _storyroom_node_ok
