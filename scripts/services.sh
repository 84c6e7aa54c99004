#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for the tests, on free loopback ports, under .services/.
#
#   scripts/services.sh start   install (Debian packages) if missing, start both, write .services/env
#   scripts/services.sh stop    stop both (data stays until `make clean`)
#   scripts/services.sh run CMD…  start, run CMD with the env exported, stop (whatever CMD returns)
#
# .services/env exports ZNDRAW_JOBLIB_TEST_POSTGRES_URL and ZNDRAW_JOBLIB_TEST_REDIS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR="$ROOT/.services"
PGDATA="$DIR/pg/data"

log() { printf 'services: %s\n' "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {  # initdb and postgres refuse to run as root
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

install_packages() {
  if command -v redis-server >/dev/null && [ -n "$(pg_bin)" ]; then return; fi
  log "installing redis-server and postgresql from Debian packages"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server postgresql >/dev/null
}

start_redis() {
  if [ -f "$DIR/redis/port" ] && redis-cli -p "$(cat "$DIR/redis/port")" ping >/dev/null 2>&1; then return; fi
  mkdir -p "$DIR/redis"
  local port; port=$(free_port)
  redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$DIR/redis" --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/redis/redis.log"
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" ping >/dev/null
  echo "$port" > "$DIR/redis/port"
  log "redis on 127.0.0.1:$port"
}

start_postgres() {
  local bin; bin=$(pg_bin)
  if [ -f "$DIR/pg/port" ] && "$bin/pg_isready" -h 127.0.0.1 -p "$(cat "$DIR/pg/port")" >/dev/null 2>&1; then return; fi
  mkdir -p "$DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    as_postgres "'$bin/initdb' -D '$PGDATA' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  local port; port=$(free_port)
  as_postgres "'$bin/pg_ctl' -D '$PGDATA' -l '$DIR/pg/server.log' -w -t 60 \
    -o \"-p $port -c listen_addresses=127.0.0.1 -k '$DIR/pg' -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=300\" start >/dev/null"
  echo "$port" > "$DIR/pg/port"
  log "postgresql on 127.0.0.1:$port"
}

write_env() {
  cat > "$DIR/env" <<ENV
export ZNDRAW_JOBLIB_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:$(cat "$DIR/pg/port")/postgres
export ZNDRAW_JOBLIB_TEST_REDIS_URL=redis://127.0.0.1:$(cat "$DIR/redis/port")/0
ENV
}

start() {
  install_packages
  mkdir -p "$DIR"
  start_redis
  start_postgres
  write_env
}

stop() {
  if [ -f "$DIR/redis/port" ]; then redis-cli -p "$(cat "$DIR/redis/port")" shutdown nosave >/dev/null 2>&1 || true; rm -f "$DIR/redis/port"; fi
  if [ -f "$PGDATA/postmaster.pid" ]; then as_postgres "'$(pg_bin)/pg_ctl' -D '$PGDATA' -m immediate stop >/dev/null" || true; fi
  rm -f "$DIR/pg/port" "$DIR/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    start
    # shellcheck disable=SC1091
    source "$DIR/env"
    set +e; "$@"; rc=$?; set -e
    stop
    exit "$rc"
    ;;
  *) echo "usage: $0 start|stop|run CMD..." >&2; exit 2 ;;
esac
