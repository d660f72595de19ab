#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for `make run` and `make test` when no database is configured.
# Usage: scripts/local-postgres.sh start|stop|status|url
# The data directory lives under /tmp, keyed by the clone's path: the server must run as the `postgres` user when we are
# root, and a clone below a mode-700 home directory would be unreachable for that user.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
key=$(printf '%s' "$here" | sha1sum | cut -c1-10)
dir="${TIMELINE_PG_DIR:-/tmp/sinorussiatimeline-pg-$key}"
# Below 32768, outside Linux's ephemeral range (32768-60999): a port in that range can be taken at any moment by some
# outgoing connection or a test server bound to port 0, and the cluster would fail to start ("Address already in use").
port="${TIMELINE_PG_PORT:-$((24000 + 16#${key:0:3} % 1000))}"
bin=/usr/lib/postgresql/15/bin

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_binaries() {
  if [ ! -x "$bin/pg_ctl" ]; then
    echo "PostgreSQL 15 server not found; installing postgresql-15 with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2
  fi
}

running() { [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; }

# A running cluster is reached on the port it was started with (line 4 of postmaster.pid), which an older version of
# this script or another TIMELINE_PG_PORT may have chosen.
if running; then port=$(sed -n 4p "$dir/postmaster.pid"); fi

url() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=timeline;Maximum Pool Size=50"; }

# Bound as PostgreSQL binds it (SO_REUSEADDR), so the closed connections of a cluster stopped a moment ago (TIME_WAIT)
# do not count, and another program listening there does.
port_taken() {
  python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null \
    && return 1 || return 0
}

start() {
  ensure_binaries
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; exit 1; }
  fi
  if ! running; then
    if port_taken; then
      echo "Port $port on 127.0.0.1 is taken by another program: set TIMELINE_PG_PORT to a free port." >&2
      exit 1
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=${TIMELINE_PG_FSYNC:-on}" start >&2
  fi
  # The database the service and the tests use; created once.
  if ! as_pg psql -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='timeline'" postgres 2>/dev/null | grep -q 1; then
    as_pg psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database timeline" postgres >&2
  fi
}

case "${1:-}" in
  start) start; url ;;
  stop) if running; then as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2; else echo "not running" >&2; fi ;;
  status) if running; then echo "running on port $port, data in $dir"; else echo "stopped (data in $dir)"; exit 3; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
