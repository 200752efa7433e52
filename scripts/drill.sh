#!/usr/bin/env bash
# `npm run drill [-- name …]`: builds, then runs the fault drills (bench/drills/run.ts). Each drill runs its own
# Redis (and PostgreSQL cluster) and never touches the machine's shared servers beyond creating databases of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$ACCORD_ROOT/scripts/services.sh"
cd "$ACCORD_ROOT"
accord_ensure_dependencies
accord_ensure_services
command -v redis-server >/dev/null 2>&1 || { echo "accord: the drills need redis-server on the PATH" >&2; exit 1; }
npm run --silent build
node dist/bench/drills/run.js "$@"
