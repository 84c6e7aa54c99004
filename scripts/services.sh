#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for the tests, on free loopback ports.
#
#   scripts/services.sh start     install (Debian packages) if missing, start both, write .services/env
#   scripts/services.sh stop      stop both; PostgreSQL's data folder is deleted (its log is kept)
#   scripts/services.sh run CMD…  start, run CMD with the env exported, stop (whatever CMD returns,
#                                 also on Ctrl-C); exits with CMD's status
#
# .services/env exports ZNDRAW_JOBLIB_TEST_POSTGRES_URL and ZNDRAW_JOBLIB_TEST_REDIS_URL.
#
# Where the data lives: Redis (run as the caller) under .services/redis/. PostgreSQL refuses to
# run as root, so as root it runs as the `postgres` user, who may not be able to enter the clone
# (a home folder is mode 0700): its data folder is a fresh `mktemp -d` under /tmp owned by
# `postgres`, recorded in .services/pg/root; `stop` deletes it and keeps its log as
# .services/pg/server.log. A start that fails stops whatever it had started.
#
# PG_BIN=/usr/lib/postgresql/<version>/bin picks a PostgreSQL (default: the newest installed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR="$ROOT/.services"

log() { printf 'services: %s\n' "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

is_root() { [ "$(id -u)" = 0 ]; }

as_postgres() {  # initdb and postgres refuse to run as root; run from / (the caller's folder may be private)
  if is_root; then (cd / && su postgres -s /bin/sh -c "$*"); else (cd / && sh -c "$*"); fi
}

install_packages() {
  if command -v redis-server >/dev/null && [ -n "$(pg_bin)" ]; then return; fi
  log "installing redis-server and postgresql from Debian packages"
  local sudo=""; is_root || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server postgresql >/dev/null
}

redis_port() { cat "$DIR/redis/port" 2>/dev/null || true; }
pg_root() { cat "$DIR/pg/root" 2>/dev/null || true; }

start_redis() {
  local port; port=$(redis_port)
  if [ -n "$port" ] && redis-cli -p "$port" ping >/dev/null 2>&1; then return; fi
  mkdir -p "$DIR/redis"
  port=$(free_port)
  echo "$port" > "$DIR/redis/port"  # recorded first: a failed start below still gets stopped
  redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$DIR/redis" --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/redis/redis.log"
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" ping >/dev/null
  log "redis on 127.0.0.1:$port"
}

start_postgres() {
  local bin root port
  bin=$(pg_bin)
  [ -n "$bin" ] || { log "no PostgreSQL found under /usr/lib/postgresql"; return 1; }
  root=$(pg_root)
  if [ -n "$root" ] && [ -f "$DIR/pg/port" ] \
     && "$bin/pg_isready" -h 127.0.0.1 -p "$(cat "$DIR/pg/port")" >/dev/null 2>&1; then return; fi
  mkdir -p "$DIR/pg"
  if [ -z "$root" ] || [ ! -d "$root" ]; then
    root=$(mktemp -d /tmp/zndraw-joblib-pg.XXXXXX)
    echo "$root" > "$DIR/pg/root"  # recorded first: `stop` removes it whatever happens next
    is_root && chown postgres:postgres "$root"
  fi
  if [ ! -f "$root/data/PG_VERSION" ]; then
    as_postgres "'$bin/initdb' -D '$root/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  port=$(free_port)
  as_postgres "'$bin/pg_ctl' -D '$root/data' -l '$root/server.log' -w -t 120 \
    -o \"-p $port -c listen_addresses=127.0.0.1 -k '$root' -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=300\" start >/dev/null"
  echo "$port" > "$DIR/pg/port"
  log "postgresql on 127.0.0.1:$port (data in $root)"
}

write_env() {
  cat > "$DIR/env" <<ENV
export ZNDRAW_JOBLIB_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:$(cat "$DIR/pg/port")/postgres
export ZNDRAW_JOBLIB_TEST_REDIS_URL=redis://127.0.0.1:$(cat "$DIR/redis/port")/0
ENV
}

stop_redis() {
  local port; port=$(redis_port)
  if [ -n "$port" ]; then redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; fi
  if [ -f "$DIR/redis/redis.pid" ]; then  # not answering (yet): end it by its pid
    kill "$(cat "$DIR/redis/redis.pid")" 2>/dev/null || true
    rm -f "$DIR/redis/redis.pid"
  fi
  rm -f "$DIR/redis/port"
}

stop_postgres() {
  local root bin; root=$(pg_root)
  if [ -n "$root" ] && [ -d "$root" ]; then
    bin=$(pg_bin)
    if [ -f "$root/data/postmaster.pid" ] && [ -n "$bin" ]; then
      as_postgres "'$bin/pg_ctl' -D '$root/data' -m immediate stop >/dev/null 2>&1" || true
    fi
    [ -f "$root/server.log" ] && cp "$root/server.log" "$DIR/pg/server.log"
    rm -rf "$root"
  fi
  rm -f "$DIR/pg/root" "$DIR/pg/port"
}

stop() {
  stop_redis
  stop_postgres
  rm -f "$DIR/env"
}

start() {
  install_packages
  mkdir -p "$DIR"
  trap 'rc=$?; trap - EXIT; if [ "$rc" -ne 0 ]; then log "start failed: stopping what was started"; stop; fi; exit "$rc"' EXIT
  trap 'exit 130' INT TERM
  start_redis
  start_postgres
  write_env
  trap - EXIT INT TERM
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    start
    trap 'rc=$?; trap - EXIT; stop; exit "$rc"' EXIT
    trap 'exit 130' INT TERM
    # shellcheck disable=SC1091
    source "$DIR/env"
    set +e; "$@"; rc=$?; set -e
    exit "$rc"
    ;;
  *) echo "usage: $0 start|stop|run CMD..." >&2; exit 2 ;;
esac
