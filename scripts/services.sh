#!/usr/bin/env bash
# Sourced by up.sh and test.sh: makes sure PostgreSQL and Redis answer on 127.0.0.1.
# Reuses running servers; else starts installed ones; else installs Debian's packages (as root); else says what to do.
PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379

accord_pg_up() { (exec 3<>/dev/tcp/$PG_HOST/$PG_PORT) 2>/dev/null && { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h $PG_HOST -p $PG_PORT || true; }; }
accord_redis_up() { (exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }
accord_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }
accord_wait() { for _ in $(seq 1 30); do "$1" && return 0; sleep 1; done; return 1; }

accord_apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  echo "accord: installing $* from the OS packages" >&2
  accord_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    accord_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

accord_start_pg() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql/ >/dev/null 2>&1 && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    accord_as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null ||
      accord_as_root pg_ctlcluster "$version" main start 2>/dev/null || true
    return 0
  fi
  return 1
}

accord_ensure_postgres() {
  accord_pg_up && return 0
  echo "accord: PostgreSQL is not answering on $PG_HOST:$PG_PORT; starting it" >&2
  if ! accord_start_pg; then
    accord_apt_install postgresql || {
      echo "accord: cannot install PostgreSQL here. Install PostgreSQL >= 13 listening on $PG_HOST:$PG_PORT with user postgres (password postgres), or set DATABASE_URL." >&2
      return 1
    }
    accord_start_pg
    accord_wait accord_pg_up || true
    # A fresh Debian cluster wants a password over TCP: give postgres the one the defaults use.
    accord_as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
  fi
  accord_wait accord_pg_up || { echo "accord: PostgreSQL did not come up on $PG_HOST:$PG_PORT" >&2; return 1; }
}

accord_ensure_redis() {
  accord_redis_up && return 0
  echo "accord: Redis is not answering on 127.0.0.1:$REDIS_PORT; starting it" >&2
  if ! command -v redis-server >/dev/null 2>&1; then
    accord_apt_install redis-server || {
      echo "accord: cannot install Redis here. Install Redis >= 6.2 listening on 127.0.0.1:$REDIS_PORT, or set REDIS_URL." >&2
      return 1
    }
  fi
  accord_redis_up || redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no >/dev/null
  accord_wait accord_redis_up || { echo "accord: Redis did not come up on 127.0.0.1:$REDIS_PORT" >&2; return 1; }
}

# Only the default local services are managed; explicit URLs are the user's to run.
accord_ensure_services() {
  if [ -z "${DATABASE_URL:-}" ] || [[ "$DATABASE_URL" == *@127.0.0.1:5432/* ]] || [[ "$DATABASE_URL" == *@localhost:5432/* ]]; then
    accord_ensure_postgres || return 1
  fi
  if [ -z "${REDIS_URL:-}" ] || [[ "$REDIS_URL" == redis://127.0.0.1:6379* ]] || [[ "$REDIS_URL" == redis://localhost:6379* ]]; then
    accord_ensure_redis || return 1
  fi
}

# Installs the locked dependencies when node_modules is missing or was installed from another lockfile.
accord_ensure_dependencies() {
  local root="$ACCORD_ROOT" stamp="$ACCORD_ROOT/node_modules/.accord-lock-sha256" want
  want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  if [ ! -d "$root/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "accord: installing dependencies" >&2
    # `npm install`, not `npm ci`: npm 11 refuses `ci` when the lockfile lacks other platforms' optional binaries
    # (it records only this platform's); `install` keeps to the locked versions and leaves the lockfile as it is.
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error) || return 1
    echo "$want" >"$stamp"
  fi
}
