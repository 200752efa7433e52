#!/usr/bin/env bash
# Command 2 of the quick start: runs every test tier against real PostgreSQL and Redis.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$ACCORD_ROOT/scripts/services.sh"
cd "$ACCORD_ROOT"
export NPM_CONFIG_UPDATE_NOTIFIER=false
accord_ensure_dependencies
accord_ensure_services
echo "== build and type-check"
npm run --silent build
npm run --silent typecheck
echo "== migrations agree with entities"
DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}" npm run --silent migration:check
echo "== unit, integration and e2e tests"
NODE_OPTIONS=--experimental-vm-modules npx jest --maxWorkers=3 "$@"
