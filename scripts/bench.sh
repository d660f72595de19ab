#!/usr/bin/env bash
# make bench: the service measured over HTTP on 127.0.0.1 against its physical baseline (pgbench) in the same run.
# Starts its own PostgreSQL 15 cluster (not the test one), builds the service in Release, generates realistic data
# (scripts/bench-generate.py) and loads it through the `seed` verb, then measures with wrk and pgbench, bounded in time,
# medians of several runs. Prints the table and writes docs/performance-results.md, docs/performance-chart.svg and the
# table in docs/performance.md. See docs/performance.md for what each figure means.
#
# Parameters (environment; `make bench SCALE=... DURATION=... RUNS=...` sets the first three):
#   BENCH_ENTRIES    entries in the store (1000000)          BENCH_DURATION  seconds per wrk/pgbench run (10)
#   BENCH_RUNS       runs per figure, median kept (3)        BENCH_IMPORT    entries of the timed bulk import (100000)
#   BENCH_COLD_STARTS cold starts, median kept (5)           BENCH_CORRECTED fraction corrected after asOf (0.1)
#   BENCH_REUSE=1    keep a store already loaded with the same BENCH_ENTRIES (skips generating and loading)
#   BENCH_KEEP_DB=1  leave the bench's PostgreSQL running at the end (for BENCH_REUSE)
#   BENCH_SMOKE=1    tiny sizes and 1 s runs: checks the harness end to end (make test runs it); results stay in
#                    the work directory, docs are not touched, timings are never judged as failures
#   BENCH_REBUILD=0  skip the rebuild (it replays every event: minutes at full size)
#   BENCH_PUBLISH=0  run the plain build output instead of the ReadyToRun publish deploy/Dockerfile ships (the smoke's default)
#   BENCH_CONFIGURATION (Release), BENCH_NO_BUILD=1 (use the existing build), BENCH_PG_DIR, BENCH_PG_PORT, BENCH_WORK
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$(pwd)
key=$(printf '%s' "$here" | sha1sum | cut -c1-10)

smoke=${BENCH_SMOKE:-0}
if [ "$smoke" = 1 ]; then
  entries=${BENCH_ENTRIES:-300}; duration=${BENCH_DURATION:-1}; runs=${BENCH_RUNS:-1}; import=${BENCH_IMPORT:-$entries}
  cold_starts=${BENCH_COLD_STARTS:-1}; audit_wait=${BENCH_AUDIT_WAIT:-60}
else
  entries=${BENCH_ENTRIES:-1000000}; duration=${BENCH_DURATION:-10}; runs=${BENCH_RUNS:-3}; import=${BENCH_IMPORT:-100000}
  cold_starts=${BENCH_COLD_STARTS:-5}; audit_wait=${BENCH_AUDIT_WAIT:-1800}
fi
corrected_fraction=${BENCH_CORRECTED:-0.1}
configuration=${BENCH_CONFIGURATION:-Release}
# The smoke has its own cluster and work directory, so make test never touches a store kept for BENCH_REUSE.
kind=$([ "$smoke" = 1 ] && echo bench-smoke || echo bench)
work=${BENCH_WORK:-/tmp/sinorussiatimeline-$kind-$key}
export TIMELINE_PG_DIR=${BENCH_PG_DIR:-/tmp/sinorussiatimeline-$kind-pg-$key}
# Below Linux's ephemeral range (32768-60999), like scripts/local-postgres.sh, so no outgoing connection holds the port.
export TIMELINE_PG_PORT=${BENCH_PG_PORT:-$(( ($([ "$smoke" = 1 ] && echo 26000 || echo 25000)) + 16#${key:0:3} % 1000 ))}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
rm -f "$work"/*.wrk "$work"/*.pgbench "$work"/rows.tsv "$work"/meta.txt
rows=$work/rows.tsv
meta=$work/meta.txt
report() { python3 scripts/bench-report.py "$@"; }
step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
# row WHAT VALUE UNIT DETAIL BASELINE BASELINE-LABEL RULE TARGET (see scripts/bench-report.py)
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }

service_pid=""; sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  if [ "${BENCH_KEEP_DB:-0}" != 1 ]; then scripts/local-postgres.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

step "Tools"
if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing it with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
fi
pg_bin=/usr/lib/postgresql/15/bin
echo "wrk: $(command -v wrk); pgbench: $pg_bin/pgbench"

step "PostgreSQL (private bench cluster)"
# A cluster kept running (BENCH_KEEP_DB) is reached on the port it was started with.
TIMELINE_PG_PORT=$(scripts/local-postgres.sh start | sed -n 's/.*;Port=\([0-9]*\);.*/\1/p')
[ -n "$TIMELINE_PG_PORT" ] || { echo "The bench's PostgreSQL did not start." >&2; exit 1; }
echo "port $TIMELINE_PG_PORT, data in $TIMELINE_PG_DIR"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_bench() { as_pg psql -h 127.0.0.1 -p "$TIMELINE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
conn="Host=127.0.0.1;Port=$TIMELINE_PG_PORT;Username=postgres;Database=bench;Maximum Pool Size=50"
# CPU seconds PostgreSQL has used so far: its live processes, plus the backends that have exited (the postmaster reaps
# them, so their time is in its cutime/cstime). The difference over a step is the database's share of that step.
pg_cpu() {
  python3 - "$TIMELINE_PG_DIR/postmaster.pid" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
master = int(open(sys.argv[1]).readline())
def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
total = sum(int(x) for x in stat(master)[11:15])  # utime, stime, cutime, cstime
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != master:
        try:
            fields = stat(pid)
        except OSError:
            continue
        if int(fields[1]) == master:  # a backend or a helper process of this cluster
            total += int(fields[11]) + int(fields[12])
print(f"{total / tick:.1f}")
PY
}
pg_cpu_since() { python3 -c "print(f'{$(pg_cpu) - $1:.1f}')"; }
# The CPU seconds (user + system) of a command run under /usr/bin/time, read from the file it wrote.
cpu_of() { awk '{ printf "%.1f", $1 + $2 }' "$1"; }
loaded=$(psql_bench -d bench -c "select count(*) from timeline.mt_doc_timelineentry where id is not null" 2>/dev/null || echo 0)
reuse=0
if [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$work/loaded-entries" ] && [ "$(cat "$work/loaded-entries")" = "$entries" ] && [ "$loaded" -ge "$entries" ]; then
  reuse=1
  echo "Reusing the loaded store ($loaded entries)."
else
  psql_bench -d postgres -c "drop database if exists bench" -c "create database bench"
  rm -f "$work/loaded-entries"
fi

# What is measured is what deploy/Dockerfile ships: a ReadyToRun publish (precompiled native code beside the IL, so a
# start JIT-compiles little; docs/performance.md, "Cold start"). BENCH_PUBLISH=0 (the smoke's default, which reuses the
# Debug build make test made) runs the plain build output instead.
publish=${BENCH_PUBLISH:-$([ "$smoke" = 1 ] && echo 0 || echo 1)}
if [ "$publish" = 1 ]; then
  step "Publish ($configuration, ReadyToRun, as deploy/Dockerfile)"
  bindir=$work/publish
  if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    rm -rf "$bindir"
    dotnet publish src/SinoRussiaTimeline/SinoRussiaTimeline.csproj -c "$configuration" -o "$bindir" -nologo -v quiet \
      -p:UseAppHost=false -r linux-x64 --self-contained false -p:PublishReadyToRun=true
  fi
else
  step "Build ($configuration)"
  if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    dotnet build src/SinoRussiaTimeline/SinoRussiaTimeline.csproj -c "$configuration" -nologo -v quiet
  fi
  bindir=$here/src/SinoRussiaTimeline/bin/$configuration/net10.0
fi
dll=$bindir/SinoRussiaTimeline.dll
[ -f "$dll" ] || { echo "No build at $dll" >&2; exit 1; }
# Run from the build's directory: that is the content root, where appsettings.json (log levels, JSON console) is read,
# as in a deployment. From elsewhere the service would log every request at Information and measure the console.
timeline() { (cd "$bindir" && ConnectionStrings__Timeline="$conn" exec dotnet SinoRussiaTimeline.dll "$@"); }
# The same under /usr/bin/time, which writes the verb's CPU seconds to the file given first (read with cpu_of).
timeline_timed() {
  local cpu_file=$1; shift
  /usr/bin/time -f '%U %S' -o "$cpu_file" bash -c 'cd "$0" && ConnectionStrings__Timeline="$1" exec dotnet SinoRussiaTimeline.dll "${@:2}"' \
    "$bindir" "$conn" "$@"
}

# Keys made by the service's own verb: an editor for writes, an auditor for the export. Only their hashes reach the service.
field() { awk -v name="$1:" '$1 == name { print $2 }'; }
editor_out=$(dotnet "$dll" new-key bench-editor editor); auditor_out=$(dotnet "$dll" new-key bench-auditor auditor)
editor_key=$(field key <<<"$editor_out"); auditor_key=$(field key <<<"$auditor_out")
export Timeline__ApiKeys__0__Name=bench-editor Timeline__ApiKeys__0__Sha256=$(field sha256 <<<"$editor_out") Timeline__ApiKeys__0__Roles__0=editor
export Timeline__ApiKeys__1__Name=bench-auditor Timeline__ApiKeys__1__Sha256=$(field sha256 <<<"$auditor_out") Timeline__ApiKeys__1__Roles__0=auditor
# The per-key write limit protects a public service; the bench is one key writing as fast as it can.
export Timeline__RateLimits__Writes__PermitLimit=1000000000

step "Data: $entries entries, loaded through the seed verb"
slice=$(( import < entries ? import : entries ))
ids=$work/ids.txt
import_rate=nan; import_detail=""; import_validation_rate=nan
if [ "$reuse" = 0 ]; then
  : >"$ids"
  first=0; loaded_so_far=0; load_started=$(date +%s.%N)
  while [ "$first" -lt "$entries" ]; do
    count=$(( entries - first < slice ? entries - first : slice ))
    file=$work/seed-$first.json
    python3 scripts/bench-generate.py --entries "$entries" --first "$first" --count "$count" --out "$file" --ids-out "$work/ids-$first.txt"
    cat "$work/ids-$first.txt" >>"$ids"; rm -f "$work/ids-$first.txt"
    started=$(date +%s.%N)
    pg_before=$(pg_cpu)
    timeline_timed "$work/seed-$first.cpu" seed "$file" >"$work/seed-$first.log" 2>&1 &
    seed_pid=$!
    # Progress: entries stored so far, read from the store while the verb runs.
    while kill -0 "$seed_pid" 2>/dev/null; do
      now=$(psql_bench -d bench -c "select count(*) from timeline.mt_doc_timelineentry" 2>/dev/null || echo 0)
      python3 - "$now" "$entries" "$load_started" <<'PY'
import sys, time
done, total, started = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
rate = done / max(0.001, time.time() - started)
filled = int(30 * done / total)
left = (total - done) / rate if rate > 0 else 0
sys.stderr.write(f"\r  seed [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} entries, {rate:,.0f}/s, about {left / 60:.0f} min left   ")
PY
      sleep 2
    done
    if ! wait "$seed_pid"; then echo; cat "$work/seed-$first.log" >&2; exit 1; fi
    seconds=$(python3 -c "import time; print(f'{time.time() - $started:.2f}')")
    if [ "$first" = 0 ]; then
      import_rate=$(python3 -c "print(f'{$count / $seconds:.1f}')")
      # The seed verb's own validation of the file (every item as the API validates it, on both cores), for the bound below.
      validated_seconds=$(sed -n 's/^seed: file read in .* s, validated in \([0-9.]*\) s$/\1/p' "$work/seed-$first.log")
      import_validation_rate=$(python3 -c "print(f'{$count / max(0.001, float(\"${validated_seconds:-nan}\")):.1f}')")
      import_detail="$count entries in $seconds s, process start included; CPU: the seed process $(cpu_of "$work/seed-$first.cpu") s, PostgreSQL $(pg_cpu_since "$pg_before") s"
    fi
    rm -f "$file"
    first=$(( first + count ))
  done
  echo
  echo "$entries" >"$work/loaded-entries"
  echo "Loaded in $(python3 -c "import time; print(f'{time.time() - $load_started:.0f}')") s."
fi
row "bulk import (seed verb, first $slice entries)" "$import_rate" "entries/s" "$import_detail" "" "" min 20000

step "Service"
# A port for the service below the ephemeral range, checked free: a port the kernel hands out for 0 is free only until
# some outgoing connection (wrk's, Npgsql's) takes it as its source port, before the service binds it.
free_port() {
  python3 -c '
import random, socket, sys
for _ in range(500):
    port = random.randint(23000, 23999)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    sys.exit(0)
sys.exit("no free port in 23000-23999 for the service")'
}
start_service() {
  port=$(free_port) || exit 1
  # exec: the background job's pid is the service's own, for kill and /proc/PID/status.
  (cd "$bindir" && ConnectionStrings__Timeline="$conn" exec dotnet SinoRussiaTimeline.dll --urls "http://127.0.0.1:$port") >>"$work/service.log" 2>&1 &
  service_pid=$!
  base=http://127.0.0.1:$port
}
wait_ready() {
  for _ in $(seq 1 3000); do
    curl -sf -o /dev/null "$base/health/ready" && return 0
    kill -0 "$service_pid" 2>/dev/null || { tail -20 "$work/service.log" >&2; return 1; }
    sleep 0.02
  done
  return 1
}
stop_service() { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; service_pid=""; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$service_pid/status"; }
: >"$work/service.log"
start_service
wait_ready
echo "Listening on $base (pid $service_pid)."

# The asOf instant: after the load, before the corrections (32 clients: group commit shares their commits).
sleep 1
as_of=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
sleep 1
corrections=$(python3 -c "print(max(1, int($entries * $corrected_fraction)))")
echo "Correcting $corrections entries after $as_of ..."
python3 scripts/bench-correct.py "$base" "$editor_key" "$ids" "$corrections" 32

# The audit chain is built asynchronously; measure once it has caught up, so it does not compete with the load.
echo "Waiting for the audit chain to reach the end of the log ..."
chain_started=$(date +%s)
while :; do
  head=$(curl -sf -H "X-Api-Key: $auditor_key" "$base/api/audit/head" || echo '{}')
  read -r chained latest < <(python3 -c "import json,sys; h=json.loads(sys.argv[1] or '{}'); print(h.get('sequence', 0), h.get('latestSequence', 1))" "$head")
  printf '\r  chain at %s of %s   ' "$chained" "$latest" >&2
  [ "$chained" -ge "$latest" ] && break
  if [ $(( $(date +%s) - chain_started )) -gt "$audit_wait" ]; then echo; echo "The chain did not catch up within $audit_wait s; measuring anyway." >&2; break; fi
  sleep 2
done
echo

# Writers record visits of many officials, as newsrooms would: one official for every write would serialise them all on
# that official's stream lock and measure the lock, not the service.
lua_list() { psql_bench -d bench -c "select string_agg(quote_literal(id), ',') from (select id from timeline.mt_doc_official where data->>'country' = '$1' order by id limit 50) o" | tr "'" '"'; }
visitors=$(lua_list CN); hosts=$(lua_list RU)
official=$(cut -d, -f1 <<<"$visitors" | tr -d '"'); host_official=$(cut -d, -f1 <<<"$hosts" | tr -d '"')

# The read: the CN-RU timeline for 2015 to 2016, first page of 50.
page="countries=CN,RU&from=2015&to=2016&limit=50"
step "Read: GET /api/timeline?$page, 8 clients, ${duration} s x $runs"
curl -sf "$base/api/timeline?$page" -o "$work/page.json"
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); assert len(p['items']) > 0, 'the page is empty'; print(len(p['items']), 'items on the page')" "$work/page.json"
for i in $(seq 1 "$runs"); do
  wrk -t2 -c8 -d"${duration}s" --latency "$base/api/timeline?$page" >"$work/read-$i.wrk"
done
read -r read_rps read_p99 read_bad < <(report wrk "$work"/read-*.wrk)
# The same query as raw SQL through pgbench: the statements the service runs for this page (docs/performance.md).
from_day=$(python3 -c "import datetime; print(datetime.date(2015,1,1).toordinal() - 1)")
to_day=$(python3 -c "import datetime; print(datetime.date(2016,12,31).toordinal() - 1)")
sed -e "s/:from/$from_day/g" -e "s/:to/$to_day/g" scripts/bench-read.sql >"$work/read.sql"
[ "$(id -u)" = 0 ] && chown postgres "$work/read.sql" "$work" 2>/dev/null || true
# -l logs every transaction's latency (one file per pgbench thread, read-log-RUN.PID[.THREAD]): the SQL's own p99 at
# 8 clients, the floor under the page's p99 through HTTP on the same cores.
rm -f "$work"/read-log-*
for i in $(seq 1 "$runs"); do
  as_pg "$pg_bin/pgbench" -n -c 8 -j 2 -T "$duration" -l --log-prefix="$work/read-log-$i" -f "$work/read.sql" -h 127.0.0.1 -p "$TIMELINE_PG_PORT" -U postgres bench >"$work/read-$i.pgbench" 2>&1
done
read_tps=$(report pgbench "$work"/read-*.pgbench)
read_sql_p99=$(report pgbench-p99 $(seq -f "$work/read-log-%g" 1 "$runs"))
row "read: timeline page p99 (8 clients)" "$read_p99" "ms" "$(printf '%.0f' "$read_rps") requests/s; p99 of the SQL alone via pgbench: $read_sql_p99 ms" "" "" max 10
row "read: timeline page throughput (8 clients)" "$read_rps" "requests/s" "p99 $read_p99 ms" "$read_tps" "same SQL via pgbench, its p99 $read_sql_p99 ms" ratio 0.5

step "Time travel: the same page with asOf=$as_of"
curl -sf "$base/api/timeline?$page&asOf=$as_of" -o "$work/page-asof.json"
for i in $(seq 1 "$runs"); do
  wrk -t2 -c8 -d"${duration}s" --latency "$base/api/timeline?$page&asOf=$as_of" >"$work/asof-$i.wrk"
done
read -r asof_rps asof_p99 asof_bad < <(report wrk "$work"/asof-*.wrk)
row "time travel: same page with asOf p99 (8 clients)" "$asof_p99" "ms" "$(printf '%.0f' "$asof_rps") requests/s, $corrections entries corrected after asOf" "" "" max 50

step "Writes: POST /api/visits at 1, 8 and 32 clients, ${duration} s x $runs"
cat >"$work/visit.lua" <<LUA
local visitors = { $visitors }
local hosts = { $hosts }
local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = "$editor_key" }
local template = '{"officialIds":["%s"],"hostCountry":"RU","city":"Moscow","hostOfficialIds":["%s"],"date":"2019-05-%02d","title":"Bench visit to Moscow","visitType":"working","tags":["bench"],"sources":[{"title":"Bench report","publisher":"Xinhua","publishedOn":"2019-06-01","language":"en"}]}'
request = function()
  local body = string.format(template, visitors[math.random(#visitors)], hosts[math.random(#hosts)], math.random(1, 28))
  return wrk.format("POST", nil, headers, body)
end
LUA
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -H "X-Api-Key: $editor_key" \
  -d "{\"officialIds\":[\"$official\"],\"hostCountry\":\"RU\",\"hostOfficialIds\":[\"$host_official\"],\"date\":\"2019-05-14\",\"title\":\"Bench visit\",\"sources\":[{\"title\":\"Bench report\",\"publisher\":\"Xinhua\"}]}" \
  "$base/api/visits" || { echo "The write body is refused" >&2; exit 1; }
# Resident memory while writing at 32 clients, sampled every 200 ms.
rss_before_writes=$(rss_mb)
for clients in 1 8 32; do
  threads=$(( clients < 2 ? 1 : 2 ))
  if [ "$clients" = 32 ]; then
    # Written beside and renamed, so the kill below never leaves a truncated file.
    ( max=0; while :; do r=$(awk '/VmRSS/ { print $2 }' "/proc/$service_pid/status" 2>/dev/null || echo 0); [ "$r" -gt "$max" ] && max=$r && echo "$max" >"$work/rss-writes.new" && mv "$work/rss-writes.new" "$work/rss-writes"; sleep 0.2; done ) &
    sampler_pid=$!
  fi
  for i in $(seq 1 "$runs"); do
    wrk -t"$threads" -c"$clients" -d"${duration}s" --latency -s "$work/visit.lua" "$base/api/visits" >"$work/write-$clients-$i.wrk"
  done
  read -r rps p99 bad < <(report wrk "$work"/write-"$clients"-*.wrk)
  [ "$bad" -gt 0 ] && echo "  $bad writes at $clients clients answered with an error status" >&2
  eval "write_rps_$clients=$rps write_p99_$clients=$p99 write_bad_$clients=$bad"
done
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_writes=$(awk '{ printf "%.1f", $1 / 1024 }' "$work/rss-writes")
# The physical limit: one-row jsonb INSERTs, one per transaction, 32 clients, same cluster.
psql_bench -d postgres -c "drop database if exists pgbench_baseline" -c "create database pgbench_baseline"
psql_bench -d pgbench_baseline -c "create table b(id bigserial primary key, data jsonb)"
echo "insert into b(data) values ('{\"a\":1}'::jsonb);" >"$work/insert.sql"
for i in $(seq 1 "$runs"); do
  as_pg "$pg_bin/pgbench" -n -c 32 -j 2 -T "$duration" -f "$work/insert.sql" -h 127.0.0.1 -p "$TIMELINE_PG_PORT" -U postgres pgbench_baseline >"$work/insert-$i.pgbench" 2>&1
done
insert_tps=$(report pgbench "$work"/insert-*.pgbench)
psql_bench -d postgres -c "drop database pgbench_baseline"
row "write: POST /api/visits, 1 client" "$write_rps_1" "requests/s" "p99 $write_p99_1 ms" "" "" info ""
row "write: POST /api/visits, 8 clients" "$write_rps_8" "requests/s" "p99 $write_p99_8 ms" "" "" info ""
row "write: POST /api/visits, 32 clients" "$write_rps_32" "requests/s" "p99 $write_p99_32 ms" "$insert_tps" "pgbench one-row jsonb INSERT, 32 clients" ratio 0.35
# What the service and wrk can do on these cores with no database at all, in the same run: a trivial route, and the same
# write refused by validation (HTTP, API key, JSON, validation, a problem+json answer; no SQL). A write cannot go faster
# than its own refusal, so the second row bounds the write ratio above from this machine's side (docs/performance.md).
for i in $(seq 1 "$runs"); do
  wrk -t2 -c32 -d"${duration}s" --latency "$base/health/live" >"$work/ceiling-live-$i.wrk"
done
read -r live_rps live_p99 _ < <(report wrk "$work"/ceiling-live-*.wrk)
sed -e 's/"title":"Bench visit to Moscow"/"title":""/' "$work/visit.lua" >"$work/visit-refused.lua"
curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "X-Api-Key: $editor_key" \
  -d '{"officialIds":["x"],"hostCountry":"RU","date":"2019-05-14","title":"","sources":[]}' "$base/api/visits" | grep -qx 400 \
  || { echo "The refused write body is not refused with 400" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  wrk -t2 -c32 -d"${duration}s" --latency -s "$work/visit-refused.lua" "$base/api/visits" >"$work/ceiling-refused-$i.wrk"
done
read -r refused_rps refused_p99 _ < <(report wrk "$work"/ceiling-refused-*.wrk)
row "ceiling: GET /health/live, 32 clients (no database)" "$live_rps" "requests/s" "p99 $live_p99 ms" "$insert_tps" "pgbench one-row jsonb INSERT, 32 clients" info ""
row "ceiling: POST /api/visits refused by validation, 32 clients (no database)" "$refused_rps" "requests/s" "p99 $refused_p99 ms" "$insert_tps" "pgbench one-row jsonb INSERT, 32 clients" info ""
# The database's own work for a write, with no service: a visit's three rows (stream, event, timeline entry; a new entry
# has no revision), 32 visits per transaction as one multi-row INSERT per table (the cheapest SQL there is for them,
# cheaper than the group commit's), into empty copies of the three tables with all their indexes, 2 clients (the
# fastest setting here).
# With the refused write above (the request's own work), it bounds what these two cores can do for a stored write.
floor_batch=32
psql_bench -d bench <<'SQL'
set client_min_messages = warning;
drop schema if exists bench_floor cascade;
create schema bench_floor;
create table bench_floor.mt_streams (like timeline.mt_streams including all);
create table bench_floor.mt_events (like timeline.mt_events including all);
alter table bench_floor.mt_events add foreign key (stream_id) references bench_floor.mt_streams (id) on delete cascade;
create table bench_floor.mt_doc_timelineentry (like timeline.mt_doc_timelineentry including all);
create sequence bench_floor.seq;
create table bench_floor.template_event as select * from timeline.mt_events where type = 'visit_recorded' order by seq_id desc limit 1;
create table bench_floor.template_stream as select * from timeline.mt_streams where id = (select stream_id from bench_floor.template_event);
create table bench_floor.template_entry as select * from timeline.mt_doc_timelineentry where id = (select stream_id from bench_floor.template_event);
SQL
[ "$(psql_bench -d bench -c "select count(*) from bench_floor.template_entry")" = 1 ] \
  || { echo "No visit to copy for the write floor" >&2; exit 1; }
cp scripts/bench-write-floor.sql "$work/write-floor.sql"
[ "$(id -u)" = 0 ] && chown postgres "$work/write-floor.sql" 2>/dev/null || true
# floor_rate NAME BATCH: entries per second stored by the floor script at BATCH per transaction (median of the runs).
floor_rate() {
  for i in $(seq 1 "$runs"); do
    as_pg "$pg_bin/pgbench" -n -M extended -c 2 -j 2 -T "$duration" -D k=0 -D run="$1$i" -D batch="$2" -f "$work/write-floor.sql" \
      -h 127.0.0.1 -p "$TIMELINE_PG_PORT" -U postgres bench >"$work/$1-floor-$i.pgbench" 2>&1
  done
  python3 -c "print(f'{$(report pgbench "$work"/"$1"-floor-*.pgbench) * $2:.1f}')"
}
floor_rps=$(floor_rate write "$floor_batch")
# The same rows at the seed's batch size (2,000 entries per transaction, SeedLoader.BatchSize), for the bulk import.
import_batch=2000
import_floor=$(floor_rate import "$import_batch")
psql_bench -d bench -c "set client_min_messages = warning" -c "drop schema bench_floor cascade"
# Both parts need the same two cores, one after the other for each write: 1 / (1/refused + 1/floor).
bound_rps=$(python3 -c "print(f'{1 / (1 / $refused_rps + 1 / $floor_rps):.1f}')")
row "floor: a visit's rows alone, $floor_batch per transaction, one INSERT per table (pgbench, no service)" "$floor_rps" "visits/s" "stream, event and entry rows into empty copies of the tables with their indexes" "$insert_tps" "pgbench one-row jsonb INSERT, 32 clients" info ""
row "bound: the refused write's work plus those rows, on the same 2 cores" "$bound_rps" "visits/s" "1 / (1/refused + 1/floor): the most a stored write can reach here" "$insert_tps" "pgbench one-row jsonb INSERT, 32 clients" info ""
import_bound=$(python3 -c "a, b = float('$import_validation_rate'), float('$import_floor'); print(f'{1 / (1 / a + 1 / b):.1f}')")
row "floor: an entry's rows alone, $import_batch per transaction, one INSERT per table (pgbench, no service)" "$import_floor" "entries/s" "the seed's batch size; the same rows and tables as the write floor" "" "" info ""
row "bound: the seed's validation of the file plus those rows, on the same 2 cores" "$import_bound" "entries/s" "1 / (1/validation + 1/floor), validation $import_validation_rate entries/s in the first file's load: the most a validated import can reach here" "" "" info ""
row "memory: RSS under the write load (max)" "$rss_writes" "MB" "$rss_before_writes MB before" "" "" max 300

step "Audit export: GET /api/audit/events (NDJSON)"
rss_before_export=$(rss_mb)
( max=0; while :; do r=$(awk '/VmRSS/ { print $2 }' "/proc/$service_pid/status" 2>/dev/null || echo 0); [ "$r" -gt "$max" ] && max=$r && echo "$max" >"$work/rss-export.new" && mv "$work/rss-export.new" "$work/rss-export"; sleep 0.1; done ) &
sampler_pid=$!
export_started=$(date +%s.%N)
exported=$(curl -sf -H "X-Api-Key: $auditor_key" "$base/api/audit/events" | wc -l)
export_seconds=$(python3 -c "import time; print(f'{time.time() - $export_started:.1f}')")
sleep 0.3
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_export=$(awk '{ printf "%.1f", $1 / 1024 }' "$work/rss-export")
growth=$(python3 -c "print(f'{max(0.0, $rss_export - $rss_before_export):.1f}')")
row "memory: RSS growth during the audit export" "$growth" "MB" "$exported events in $export_seconds s, $rss_before_export MB before" "" "" max 50
stop_service

step "Cold start: process start to /health/ready 200, existing schema, x $cold_starts"
starts=()
for i in $(seq 1 "$cold_starts"); do
  t0=$(date +%s.%N)
  start_service
  wait_ready
  t1=$(date +%s.%N)
  starts+=("$(python3 -c "print(f'{$t1 - $t0:.3f}')")")
  stop_service
done
echo "  ${starts[*]} s"
cold=$(report median "${starts[@]}")
row "cold start to ready (median of $cold_starts)" "$cold" "s" "runs: ${starts[*]}" "" "" max 2

events=$(psql_bench -d bench -c "select count(*) from timeline.mt_events")
if [ "${BENCH_REBUILD:-1}" = 1 ]; then
  step "Rebuild: every projection from the log (rebuild verb)"
  rebuild_started=$(date +%s.%N)
  pg_before=$(pg_cpu)
  timeline_timed "$work/rebuild.cpu" rebuild >"$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log" >&2; exit 1; }
  rebuild_cpu="CPU: the rebuild process $(cpu_of "$work/rebuild.cpu") s, PostgreSQL $(pg_cpu_since "$pg_before") s"
  rebuild_seconds=$(python3 -c "import time; print(f'{time.time() - $rebuild_started:.1f}')")
  grep '^rebuild:' "$work/rebuild.log" || true
  # The target is 60 s for 1,000,000 events: judged at the same rate on a smaller log (a rate, not a fixed time).
  rebuild_target=$(python3 -c "print(f'{60 * $events / 1000000:.1f}')")
  row "rebuild: every projection" "$rebuild_seconds" "s" "$events events, process start included; $rebuild_cpu; target scaled from 60 s per 1,000,000 events" "" "" max "$rebuild_target"
else
  row "rebuild: every projection" "nan" "s" "skipped (BENCH_REBUILD=0)" "" "" max 60
fi

# Where and when: the figures mean little without the machine and the sizes.
{
  echo "date=$(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "machine=$(nproc) cores ($(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')), $(free -g | awk '/Mem:/ { print $2 }') GiB, shared with other sessions"
  echo "scale=$entries entries in the store, $corrections corrected after asOf, $([ "$reuse" = 1 ] && echo "store reused (no import timed)" || echo "bulk import of $slice entries")"
  echo "runs=$runs runs of $duration s per figure (medians), wrk -t2, pgbench -j 2, $cold_starts cold starts"
  echo "software=.NET $(dotnet --version), PostgreSQL $(as_pg "$pg_bin/postgres" --version | awk '{ print $3 }') (fsync on, default settings), $configuration $([ "$publish" = 1 ] && echo "ReadyToRun publish (as deploy/Dockerfile)" || echo build)"
} >"$meta"

step "Results"
if [ "$smoke" = 1 ]; then
  report render "$rows" "$meta" "$work/performance-results.md" "$work/performance-chart.svg"
  # The smoke checks that every figure was measured; it never judges a timing.
  if grep -q $'\tnan\t' "$rows" || [ "$(wc -l <"$rows")" -lt 11 ]; then echo "bench smoke: a figure was not measured" >&2; exit 1; fi
  echo "bench smoke: every figure measured (sizes too small to judge; see docs/performance.md)"
else
  report render "$rows" "$meta" docs/performance-results.md docs/performance-chart.svg docs/performance.md
  echo "Written: docs/performance-results.md, docs/performance-chart.svg, the table in docs/performance.md; raw outputs in $work"
fi
