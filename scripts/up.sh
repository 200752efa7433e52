#!/usr/bin/env bash
# Command 1 of the quick start: Node 24, dependencies, PostgreSQL and Redis, migrations, demo data, then the API,
# the worker and a local mail catcher in the foreground. Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$ACCORD_ROOT/scripts/services.sh"
cd "$ACCORD_ROOT"
export NPM_CONFIG_UPDATE_NOTIFIER=false
accord_ensure_dependencies
accord_ensure_services

export DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/accord}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@accord.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-accord-demo-admin}"
export PORT="${PORT:-3000}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1025}"

# The application database, created on first run.
db_name=$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$DATABASE_URL")
node -e '
  const { Client } = require("pg");
  const url = new URL(process.argv[1]); const name = url.pathname.slice(1); url.pathname = "/postgres";
  const c = new Client({ connectionString: url.toString() });
  c.connect().then(async () => {
    const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!r.rowCount) { await c.query(`CREATE DATABASE "${name}"`); console.log(`accord: created database ${name}`); }
    await c.end();
  }).catch((e) => { console.error(`accord: cannot reach PostgreSQL: ${e.message}`); process.exit(1); });
' "$DATABASE_URL"

echo "== build"; npm run --silent build
echo "== migrations"; npm run --silent migration:run
echo "== demo data"; npm run --silent seed:demo

pids=()
stop() { trap - INT TERM; echo; echo "accord: stopping"; kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; exit 0; }
trap stop INT TERM
if [ -f dist/scripts/dev-mail-catcher.js ] && [ "$SMTP_URL" = "smtp://127.0.0.1:1025" ]; then
  node dist/scripts/dev-mail-catcher.js & pids+=($!)
fi
SHUTDOWN_DRAIN_MS="${SHUTDOWN_DRAIN_MS:-0}" node dist/apps/api/src/main.js & pids+=($!) # no load balancer to drain
node dist/apps/worker/src/main.js & pids+=($!)
sleep 2
cat <<INFO

  Accord is up (database $db_name).
    API docs     http://localhost:$PORT/docs
    OpenAPI      http://localhost:$PORT/openapi.json
    Health       http://localhost:$PORT/health/ready
    Admin login  $ADMIN_EMAIL / $ADMIN_PASSWORD   (POST /v1/auth/login)
  Ctrl-C stops everything.

INFO
wait -n "${pids[@]}" || true
stop
