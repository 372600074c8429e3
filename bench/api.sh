#!/usr/bin/env bash
# Benchmark of the public API beside the bare reference page measured in the same run (see bench/README.md, "API").
# Usage: bash bench/api.sh. Needs a JDK 17, python3, wrk and psql. Writes bench/API.md (figures; the "Reading" under
# them is written by a person after the run).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${BENCH_PG_PORT:-54339}
APP_PORT=${BENCH_APP_PORT:-8099}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-9099}
BARE_PORT=${BENCH_BARE_PORT:-8098}
DURATION=${BENCH_DURATION:-15s}
JVM_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=70}
WORK=target/bench-api
rm -rf "$WORK" && mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client"; exit 1; }
PLATFORM=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml | head -1)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then ./mvnw -B -q package -DskipTests; fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f bench/bare-page/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q -f bench/bare-page/pom.xml clean package -DskipTests -Dquarkus.platform.version="$PLATFORM"
fi

SETUP_PID= APP_PID= BARE_PID= PG_CTL=()
cleanup() {
  for pid in $BARE_PID $APP_PID $SETUP_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ ${#PG_CTL[@]} -gt 0 ] && { "${PG_CTL[@]}" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true; }
}
trap cleanup EXIT
wait_ready() { # url log pid
  for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.1
  done
  tail -50 "$2"; exit 1
}

# 1. The app creates its database on a fresh embedded PostgreSQL; then it is seeded (API workspaces, the bare rows).
echo "Creating the database (port $PG_PORT)…"
DAILYDOCO_PGDATA="$PWD/$WORK/pgdata" DAILYDOCO_PGPORT=$PG_PORT DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" \
  DAILYDOCO_MANAGEMENT_PORT=$MANAGEMENT_PORT JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$APP_PORT" \
  bin/dailydoco >"$WORK/setup.log" 2>&1 &
SETUP_PID=$!
wait_ready "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" "$WORK/setup.log" "$SETUP_PID"
PASSWORDS="$WORK/pgdata/dailydoco-passwords.properties"
password() { sed -n "s/^$1=//p" "$PASSWORDS"; }
PGPASSWORD=$(password postgres)
export PGPASSWORD
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dailydoco -v ON_ERROR_STOP=1 -q)
echo "Seeding (100 API workspaces with 60 projects each; the bare page's 1,000,000 rows)…"
"${PSQL[@]}" -f bench/api-seed.sql
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -f bench/bare-page-seed.sql

# 2. PostgreSQL on its own with pg_stat_statements; both apps start against it with the same JVM flags.
PG_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
PG_CTL=("$(dirname "$(readlink "/proc/$PG_PID/exe")")/pg_ctl")
[ "$(id -u)" = 0 ] && PG_CTL=(unshare -U "${PG_CTL[@]}")
kill -KILL "$SETUP_PID"; wait "$SETUP_PID" 2>/dev/null || true; SETUP_PID=
"${PG_CTL[@]}" -D "$WORK/pgdata" -m fast -w stop >/dev/null
"${PG_CTL[@]}" -D "$WORK/pgdata" -l "$PWD/$WORK/postgres.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories='' -c max_connections=100 -c timezone=UTC -c fsync=on -c synchronous_commit=on \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" start >/dev/null
"${PSQL[@]}" -c "create extension if not exists pg_stat_statements"

QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bare_page" QUARKUS_DATASOURCE_USERNAME=bare_page \
  QUARKUS_DATASOURCE_PASSWORD=bare-page-bench DAILYDOCO_JAR=bench/bare-page/target/quarkus-app/quarkus-run.jar \
  JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$BARE_PORT" bin/dailydoco >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
wait_ready "http://127.0.0.1:$BARE_PORT/q/health/ready" "$WORK/bare.log" "$BARE_PID"
# The rate limits are raised out of the way (every call still draws from both buckets: that is what is measured).
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/dailydoco" \
  QUARKUS_DATASOURCE_USERNAME=dailydoco_app QUARKUS_DATASOURCE_PASSWORD="$(password dailydoco_app)" \
  QUARKUS_FLYWAY_USERNAME=dailydoco_owner QUARKUS_FLYWAY_PASSWORD="$(password dailydoco_owner)" \
  DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" DAILYDOCO_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  DAILYDOCO_API_REQUESTS_PER_MINUTE_PER_KEY=100000000 DAILYDOCO_API_REQUESTS_PER_MINUTE_PER_WORKSPACE=100000000 \
  JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$APP_PORT" bin/dailydoco >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_ready "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" "$WORK/app.log" "$APP_PID"

# 3. name|port|method|path|auth
CELLS=(
  "bare|$BARE_PORT|GET|/?owner={n}|none"
  "API GET /api/v1/projects|$APP_PORT|GET|/api/v1/projects|key"
  "API POST /api/v1/projects|$APP_PORT|POST|/api/v1/projects|key"
)
field() { echo "$1" | cut -d'|' -f"$2"; }
run() { # cell connections seconds
  BENCH_METHOD=$(field "$1" 3) BENCH_PATH=$(field "$1" 4) BENCH_AUTH=$(field "$1" 5) \
    wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$3" -s bench/api.lua "http://127.0.0.1:$(field "$1" 2)" | grep '^RESULT' | sed 's/^RESULT //'
}
cell() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ddk_live_000000000000_bench-secret-0-0123456789" \
  "http://127.0.0.1:$APP_PORT/api/v1/projects")
[ "$status" = 200 ] || { echo "GET /api/v1/projects answers $status"; tail -30 "$WORK/app.log"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: text/html' "http://127.0.0.1:$BARE_PORT/?owner=1")
[ "$status" = 200 ] || { echo "the bare page answers $status"; tail -30 "$WORK/bare.log"; exit 1; }
echo "Warming up…"
for c in "${CELLS[@]}"; do run "$c" 4 5s >/dev/null; done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A P95
ROWS="$WORK/rows.md"; : > "$ROWS"
for conns in 1 4; do
  entries=("${CELLS[@]}" "${CELLS[0]}")
  for i in "${!entries[@]}"; do
    c=${entries[$i]}; name=$(field "$c" 1)
    [ "$i" = 0 ] && name="bare before"; [ "$i" = "$(( ${#entries[@]} - 1 ))" ] && name="bare after"
    r=$(run "$c" "$conns" "$DURATION")
    echo "$name c=$conns: $r"
    P95["$name,$conns"]=$(cell "$r" p95_ms)
    echo "$name|$conns|$(cell "$r" p50_ms)|$(cell "$r" p95_ms)|$(cell "$r" p99_ms)|$(cell "$r" rps)|$(cell "$r" errors)" >> "$ROWS"
  done
  P95["bare,$conns"]=$(awk -v a="${P95["bare before,$conns"]}" -v b="${P95["bare after,$conns"]}" 'BEGIN { printf "%.2f", (a + b) / 2 }')
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# 4. Metering per call: each API cell again, 5 s at 4 connections, with pg_stat_statements reset before; the
# statements (and their execution and planning time) per call, by what they serve.
METER="$WORK/meter.md"; : > "$METER"
for c in "${CELLS[@]:1}"; do
  "${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
  r=$(run "$c" 4 5s); n=$(cell "$r" requests)
  "${PSQL[@]}" -At -F $'\t' -c "with s as (select s.*, case
        when query like '%api_rate_bucket%' then '2 rate limits (Bucket4j buckets, key and workspace)'
        when query like '%api_usage_month%' then '3 monthly count (quota)'
        when query like '%api_caller%' or query like '%app.api_key_prefix%' then '1 key look-up'
        when query like '%api_idempotency%' then '4 idempotency'
        else '5 the endpoint (and transaction control)' end as part
      from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = 'dailydoco' and query not like '%pg_stat_statements%')
    select part, round(sum(calls)::numeric / $n, 2), round((sum(total_exec_time + total_plan_time) / $n)::numeric, 3)
    from s group by part order by part" \
    | awk -F'\t' -v name="$(field "$c" 1)" '{ sub(/^[0-9] /, "", $1); printf "| %s | %s | %s | %s |\n", name, $1, $2, $3 }' >> "$METER"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
{
  echo "# API benchmark results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash bench/api.sh\`, $(nproc) cores shared by wrk, both JVMs, PostgreSQL"
  echo "and other work (load average 1/5/15 min: $LOAD_BEFORE before the measured cells, $LOAD_AFTER after);"
  echo "$(java -version 2>&1 | head -1); Quarkus $PLATFORM on both sides; PostgreSQL $("${PSQL[@]}" -At -c 'show server_version')"
  echo "(fsync and synchronous commit on). Both JVMs: \`JAVA_OPTS=$JVM_OPTS\`. wrk on loopback, $DURATION per cell after a"
  echo "5 s warm-up; 100 keys of 100 Enterprise workspaces in rotation (60 projects each), rate limits raised out of the"
  echo "way (every call still draws from its key's and its workspace's bucket and is counted)."
  echo
  echo "**bare** = \`bench/bare-page/\` (see README.md), measured before and after the API cells at each connection count;"
  echo "ratios divide by the mean of the two. **GET** = the first page of \`/api/v1/projects\` (20 of 60);"
  echo "**POST** = a new project (no Idempotency-Key), with its audit entry and outgoing-webhook check."
  echo
  echo "| Cell | Connections | p50 ms | p95 ms | p99 ms | requests/s | errors | p95 ÷ bare |"
  echo "|---|---|---|---|---|---|---|---|"
  while IFS='|' read -r name conns p50 p95 p99 rps errors; do
    case "$name" in bare*) x="—" ;; *) x=$(ratio "$p95" "${P95["bare,$conns"]}") ;; esac
    echo "| $name | $conns | $p50 | $p95 | $p99 | $rps | $errors | $x |"
  done < "$ROWS"
  echo
  echo "Goal: API p95 ≤ 1.25 × the bare page's at 1 and 4 connections."
  echo
  echo "## Metering per call (5 s at 4 connections, pg_stat_statements)"
  echo
  echo "| Cell | Part | statements per call | ms per call (execution + planning) |"
  echo "|---|---|---|---|"
  cat "$METER"
} > bench/API.md
echo "Wrote bench/API.md"
