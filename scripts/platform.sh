#!/usr/bin/env bash
# The two commands a user runs (npm start, npm test), the migrations alone and the benchmark. Each
# first makes sure of what it needs: Node 24 (from the npm registry when the machine's Node is older)
# and the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=24.21.0
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}

log() { printf '\033[1m[platform]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge 24 ]; then return; fi
  local os arch pkg dir bin
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) log "Unsupported OS $(uname -s): install Node 24 yourself"; exit 1 ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) log "Unsupported CPU $(uname -m)"; exit 1 ;; esac
  pkg="node-$os-$arch"
  dir="$ROOT/.tools/node"
  bin="$dir/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$NODE_VERSION" ]; then
    log "Node $(node --version 2>/dev/null || echo none) is too old; installing Node $NODE_VERSION ($pkg) from the npm registry into .tools/"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@$NODE_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
  # Native addons build against Node 24's own headers, shipped in the same package.
  export npm_config_nodedir="$dir/node_modules/$pkg"
}

ensure_dependencies() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    log "Installing dependencies"
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
}

# A local .env (never committed; see .env.example) applies to every step: migrate, start, bench.
if [ -f .env ]; then set -a; . ./.env; set +a; fi

# Apps run from their own folders, so a relative DATA_DIR is anchored at the repository root.
export DATA_DIR="$(cd "$ROOT" && mkdir -p "${DATA_DIR:-./data}" && cd "${DATA_DIR:-./data}" && pwd)"

ensure_node
ensure_dependencies

case "${1:-}" in
  start)
    npx nx run-many -t build --output-style=static
    npx nx run-many -t migrate --output-style=static
    exec node scripts/start-platform.mjs
    ;;
  migrate)
    npx nx run-many -t build --output-style=static
    npx nx run-many -t migrate --output-style=static
    ;;
  test)
    log "Checking formatting (npx prettier --write . fixes it)"
    npx prettier --check . --log-level warn
    npx nx run-many -t lint typecheck build --output-style=static
    npx nx run-many -t test --output-style=static --parallel=1
    ;;
  bench)
    npx nx run-many -t build --output-style=static
    # npm run bench            -> the currencies chain against its baselines
    # npm run bench -- rating  -> call rating with a million prefixes
    # npm run bench -- accounts -> billing accounts, a parent with 10,000 children
    # npm run bench -- pricing  -> promo redemption and 50-line quotes beside raw SQL
    # npm run bench -- soak     -> 10 minutes of a mixed load at 80% of its peak (PostgreSQL)
    if [ "${2:-}" = "rating" ]; then exec node --expose-gc --max-old-space-size=4096 bench/rating.mjs "${@:3}"; fi
    if [ "${2:-}" = "accounts" ]; then exec node bench/accounts.mjs "${@:3}"; fi
    if [ "${2:-}" = "pricing" ]; then exec node bench/pricing.mjs "${@:3}"; fi
    if [ "${2:-}" = "soak" ]; then exec node bench/soak.mjs "${@:3}"; fi
    if [ "${2:-}" = "profile" ]; then exec node bench/profile.mjs "${@:3}"; fi
    exec node bench/run.mjs "${@:2}"
    ;;
  *)
    echo "usage: platform.sh start|migrate|test|bench" >&2
    exit 2
    ;;
esac
