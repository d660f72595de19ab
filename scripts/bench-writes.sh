#!/usr/bin/env bash
# Measures the write path against PostgreSQL's own limit on this machine (docs/performance-writes.md):
#   1. pgbench baseline: one-row jsonb INSERT per transaction, 32 clients, RUNS x DURATION;
#   2. POST /api/visits with wrk at 1, 8 and 32 connections, RUNS x DURATION each (medians, p99, ratio to pgbench),
#      and the service's resident memory under that load;
#   3. cold start: process start to /health/ready on the existing schema (median of RUNS);
#   4. bulk import: the seed verb on a generated file of SEED_ENTRIES entries.
# Usage: scripts/bench-writes.sh            (RUNS=3 DURATION=15 SEED_ENTRIES=100000 by default)
#        RUNS=1 DURATION=3 SEED_ENTRIES=2000 scripts/bench-writes.sh   (a smoke run)
# Uses the private cluster of scripts/local-postgres.sh, in databases of its own that it drops and creates again.
# Needs wrk and pgbench (apt-get install -y wrk postgresql-15). Set GROUP_COMMIT=false to measure without group commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-15}
SEED_ENTRIES=${SEED_ENTRIES:-100000}
PORT=${BENCH_PORT:-5391}
GROUP_COMMIT=${GROUP_COMMIT:-true}
work=$(mktemp -d)
service_pid=
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
base=$(scripts/local-postgres.sh start)
port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$base")
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Building (Release)..." >&2
dotnet build src/SinoRussiaTimeline -c Release -nologo -v quiet >&2
dll=src/SinoRussiaTimeline/bin/Release/net10.0/SinoRussiaTimeline.dll

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"

# 1. pgbench
psql_ -c "drop database if exists bench_writes_pg" -c "create database bench_writes_pg"
psql_ -d bench_writes_pg -c "create table b(id bigserial primary key, data jsonb)"
echo "insert into b(data) values ('{\"a\":1}'::jsonb);" >"$work/insert.sql"
for _ in $(seq "$RUNS"); do
  /usr/lib/postgresql/15/bin/pgbench -h 127.0.0.1 -p "$port" -U postgres -n -c 32 -j 2 -T "$DURATION" -f "$work/insert.sql" bench_writes_pg 2>/dev/null \
    | awk '/^tps/ { print $3 }'
done >"$work/pgbench"
pgbench_tps=$(median <"$work/pgbench")
echo "pgbench one-row jsonb insert, 32 clients: median $pgbench_tps tps (runs: $(paste -sd' ' "$work/pgbench"))"

# The service on a fresh database, with a key, no write rate limit, and the generated officials.
psql_ -c "drop database if exists bench_writes" -c "create database bench_writes"
key_output=$(dotnet "$dll" new-key bench editor)
key=$(awk '$1 == "key:" { print $2 }' <<<"$key_output")
export ConnectionStrings__Timeline="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_writes;Maximum Pool Size=64"
export Timeline__ApiKeys__0__Name=bench Timeline__ApiKeys__0__Roles__0=editor
Timeline__ApiKeys__0__Sha256=$(awk '$1 == "sha256:" { print $2 }' <<<"$key_output")
export Timeline__ApiKeys__0__Sha256
export Timeline__RateLimits__Writes__PermitLimit=0 Timeline__Writes__GroupCommit=$GROUP_COMMIT
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
scripts/generate-seed.py 0 >"$work/officials.json"
dotnet "$dll" seed "$work/officials.json" >/dev/null

start_service() {
  local started=$EPOCHREALTIME
  dotnet "$dll" --urls "http://127.0.0.1:$PORT" >"$work/service.log" 2>&1 &
  service_pid=$!
  until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.02
  done
  awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }'
}
stop_service() { kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=; }

# 3. cold start (the schema exists: the officials' seed created it)
for _ in $(seq "$RUNS"); do start_service; stop_service; done >"$work/cold"
echo "cold start to /health/ready on an existing schema: median $(median <"$work/cold") s (runs: $(paste -sd' ' "$work/cold"))"

# 2. POST /api/visits
start_service >/dev/null
export BENCH_KEY=$key
echo "POST /api/visits (group commit: $GROUP_COMMIT), $DURATION s per run, median of $RUNS:"
printf '| clients | requests/s | p50 ms | p99 ms | of pgbench | RSS MB |\n| --- | --- | --- | --- | --- | --- |\n'
for clients in 1 8 32; do
  : >"$work/rps"; : >"$work/p50"; : >"$work/p99"; : >"$work/rss"
  for _ in $(seq "$RUNS"); do
    threads=$((clients < 2 ? 1 : 2))
    wrk -t "$threads" -c "$clients" -d "${DURATION}s" -s scripts/bench-visits.lua "http://127.0.0.1:$PORT" >"$work/wrk" 2>"$work/wrk.err" &
    wrk_pid=$!
    sleep "$((DURATION * 2 / 3))"; ps -o rss= -p "$service_pid" >>"$work/rss"
    wait "$wrk_pid"
    line=$(grep -m1 '^BENCH' "$work/wrk")
    grep -q 'errors_status=0' <<<"$line" || { echo "non-201 answers: $line" >&2; head -3 "$work/wrk.err" >&2; }
    sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line" >>"$work/rps"
    sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line" >>"$work/p50"
    sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line" >>"$work/p99"
  done
  rps=$(median <"$work/rps")
  printf '| %s | %.0f | %.1f | %.1f | %.1f%% | %.0f |\n' "$clients" "$rps" "$(median <"$work/p50")" "$(median <"$work/p99")" \
    "$(awk -v a="$rps" -v b="$pgbench_tps" 'BEGIN { print 100 * a / b }')" "$(awk '{ print $1 / 1024 }' "$work/rss" | sort -g | tail -1)"
done
# The service's ceiling without the database: the same route with a body that validation refuses (400, nothing read or
# written), at 32 connections. What remains between this and the figures above is the write itself.
cat >"$work/invalid.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "$key"
wrk.body = '{"officialIds":["gen-cn-1"],"hostCountry":"RU","date":"2020-13-45","title":"Refused","sources":[]}'
LUA
wrk -t 2 -c 32 -d "${DURATION}s" -s "$work/invalid.lua" "http://127.0.0.1:$PORT/api/visits" >"$work/invalid" 2>&1
echo "ceiling without the database (POST /api/visits refused by validation, 400), 32 connections: $(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$work/invalid") requests/s"
stop_service

# 4. bulk import
psql_ -c "drop database if exists bench_writes_seed" -c "create database bench_writes_seed"
scripts/generate-seed.py "$SEED_ENTRIES" >"$work/seed.json"
export ConnectionStrings__Timeline="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_writes_seed;Maximum Pool Size=64"
dotnet "$dll" seed "$work/officials.json" >/dev/null  # the schema and officials first, so the timing is the entries'
started=$EPOCHREALTIME
/usr/bin/time -f '%M' -o "$work/seed.rss" dotnet "$dll" seed "$work/seed.json" 2>"$work/seed.err" | tail -1
awk -v a="$started" -v b="$EPOCHREALTIME" -v n="$SEED_ENTRIES" -v rss="$(tail -1 "$work/seed.rss")" \
  'BEGIN { printf "bulk import of %d entries (process start to exit): %.1f s, %.0f entries/s, peak RSS %.0f MB\n", n, b - a, n / (b - a), rss / 1024 }'
echo "== done; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
