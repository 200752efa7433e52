#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- name …]`: builds, then runs the benchmark suite (bench/run.ts).
# `npm run bench:probe [-- …]`: builds, then runs the summary probe instead (bench/probe.ts, a diagnostic).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$ACCORD_ROOT/scripts/services.sh"
cd "$ACCORD_ROOT"
accord_ensure_dependencies
accord_ensure_services
npm run --silent build
if [[ "${1:-}" == "--probe" ]]; then
  shift
  exec node dist/bench/probe.js "$@"
fi
node dist/bench/run.js "$@"
