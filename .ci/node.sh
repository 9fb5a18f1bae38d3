# Sourced by .ci/run: puts the Node.js that .nvmrc names first on PATH.
# A machine whose own Node.js is another version gets that exact version from the npm registry
# (the node-<platform>-<arch> package is the official binary, with no install script), kept in a
# cache outside the clone so that a second run reuses it.
wanted="$(tr -d '[:space:]' < .nvmrc)"
have="$(node -p 'process.versions.node' 2>/dev/null || true)"
if [ "$have" != "$wanted" ]; then
  platform="$(node -p 'process.platform + "-" + process.arch' 2>/dev/null || echo linux-x64)"
  cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/sec-modification-tracker/node-$wanted"
  if [ ! -x "$cache/node_modules/node-$platform/bin/node" ]; then
    echo "Node.js $wanted: fetching node-$platform@$wanted from the npm registry (this machine has ${have:-none})"
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund "node-$platform@$wanted" >/dev/null
  fi
  export PATH="$cache/node_modules/node-$platform/bin:$PATH"
fi
echo "Node.js $(node -v), npm $(npm -v)"
