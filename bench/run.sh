#!/usr/bin/env bash
# Benchmark of the app's pages beside a bare reference page measured in the same run (see bench/README.md).
# Usage: bash bench/run.sh. Needs a JDK 17, python3, wrk and psql (apt-get install -y wrk postgresql-client).
# Writes bench/RESULTS.md (figures only; the "Reading" under them is written by a person after the run).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${BENCH_PG_PORT:-54329}
APP_PORT=${BENCH_APP_PORT:-8089}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-9089}
BARE_PORT=${BENCH_BARE_PORT:-8090}
DURATION=${BENCH_DURATION:-15s}
# Both JVMs get the same flags through bin/dailydoco: by default the image's rule for a 1 GB container.
JVM_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=70}
OPERATOR=bench-operator@bench.test
WORK=target/bench
rm -rf "$WORK" && mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client"; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd is missing: a full JDK 17 is needed"; exit 1; }
# Always measure the code in the working tree: a jar left from an older build would run an older schema. The bare
# page is built with the app's Quarkus platform version, so both sides run the same stack.
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
wait_ready() { # url log pid: polls every 0.1 s for a 200, up to 3 minutes, while the process lives
  for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.1
  done
  tail -50 "$2"; exit 1
}
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# 1. The app creates its database on a fresh embedded PostgreSQL (initdb, roles, every migration); then it is seeded.
echo "Creating the database: the app on a fresh embedded PostgreSQL (port $PG_PORT)…"
T0=$(now)
DAILYDOCO_PGDATA="$PWD/$WORK/pgdata" DAILYDOCO_PGPORT=$PG_PORT DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" \
  DAILYDOCO_MANAGEMENT_PORT=$MANAGEMENT_PORT JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$APP_PORT" \
  bin/dailydoco >"$WORK/setup.log" 2>&1 &
SETUP_PID=$!
wait_ready "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" "$WORK/setup.log" "$SETUP_PID"
FIRST_START=$(seconds "$T0" "$(now)")

PASSWORDS="$WORK/pgdata/dailydoco-passwords.properties"
password() { sed -n "s/^$1=//p" "$PASSWORDS"; }
PGPASSWORD=$(password postgres)
export PGPASSWORD
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dailydoco -v ON_ERROR_STOP=1 -q)
echo "Seeding (100,000 users, ~1,000,000 commission rows; the bare page's 1,000,000 rows)…"
SEED_START=$(date +%s)
"${PSQL[@]}" -f bench/seed.sql
[ -f bench/rollups.sql ] && "${PSQL[@]}" -f bench/rollups.sql
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -f bench/bare-page-seed.sql
SEED_SECONDS=$(( $(date +%s) - SEED_START ))
"${PSQL[@]}" -f bench/requests.sql > "$WORK/requests.txt"
ENTRIES=$("${PSQL[@]}" -At -c "select count(*) from commission_entry")
USERS=$("${PSQL[@]}" -At -c "select count(*) from app_user")

# 2. PostgreSQL is taken out of the app's process and restarted on its own, with pg_stat_statements loaded: both apps
# then start the same way, against a running server (as in production), and neither start includes PostgreSQL's.
PG_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
PG_CTL=("$(dirname "$(readlink "/proc/$PG_PID/exe")")/pg_ctl")
# PostgreSQL refuses to run as root; as root, run it in a user namespace of its own, as the app does.
[ "$(id -u)" = 0 ] && PG_CTL=(unshare -U "${PG_CTL[@]}")
kill -KILL "$SETUP_PID"; wait "$SETUP_PID" 2>/dev/null || true; SETUP_PID= # pg_ctl detached PostgreSQL: it keeps running
"${PG_CTL[@]}" -D "$WORK/pgdata" -m fast -w stop >/dev/null
"${PG_CTL[@]}" -D "$WORK/pgdata" -l "$PWD/$WORK/postgres.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories='' -c max_connections=100 -c timezone=UTC -c fsync=on -c synchronous_commit=on \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" start >/dev/null
STATEMENTS=yes
"${PSQL[@]}" -c "create extension if not exists pg_stat_statements" 2>/dev/null || STATEMENTS=no

echo "Starting the bare page (port $BARE_PORT) and the app (port $APP_PORT) against it…"
T0=$(now)
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bare_page" QUARKUS_DATASOURCE_USERNAME=bare_page \
  QUARKUS_DATASOURCE_PASSWORD=bare-page-bench DAILYDOCO_JAR=bench/bare-page/target/quarkus-app/quarkus-run.jar \
  JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$BARE_PORT" bin/dailydoco >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
wait_ready "http://127.0.0.1:$BARE_PORT/q/health/ready" "$WORK/bare.log" "$BARE_PID"
BARE_START=$(seconds "$T0" "$(now)")
T0=$(now)
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/dailydoco" \
  QUARKUS_DATASOURCE_USERNAME=dailydoco_app QUARKUS_DATASOURCE_PASSWORD="$(password dailydoco_app)" \
  QUARKUS_FLYWAY_USERNAME=dailydoco_owner QUARKUS_FLYWAY_PASSWORD="$(password dailydoco_owner)" \
  DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" DAILYDOCO_MANAGEMENT_PORT=$MANAGEMENT_PORT DAILYDOCO_OPERATOR_EMAILS=$OPERATOR \
  JAVA_OPTS="$JVM_OPTS -Dquarkus.http.port=$APP_PORT" bin/dailydoco >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_ready "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" "$WORK/app.log" "$APP_PID"
APP_START=$(seconds "$T0" "$(now)")
echo "Started: bare ${BARE_START}s, app ${APP_START}s (first start with initdb and migrations: ${FIRST_START}s)"

# 3. The pages: name, port, path ({slug}: the session's workspace, {n}: 0–999), cookie (session, none, or a value).
PAGES=(
  "bare|$BARE_PORT|/?owner={n}|session"
  "landing|$APP_PORT|/|none"
  "home|$APP_PORT|/t/{slug}/|session"
  "dashboard|$APP_PORT|/t/{slug}/referrals|session"
  "level|$APP_PORT|/t/{slug}/referrals?members=3|session"
)
# The dashboard's sections, if it loads them from addresses of their own (an hx-get of /t/{slug}/referrals/<name> or
# /t/{slug}/referrals?section=<name>, first page): each is measured as a page of its own.
FIRST_SLUG=$(head -1 "$WORK/requests.txt" | cut -d' ' -f2)
FIRST_COOKIE=$(head -1 "$WORK/requests.txt" | cut -d' ' -f1)
curl -s -H "Cookie: dd_session=$FIRST_COOKIE" "http://127.0.0.1:$APP_PORT/t/$FIRST_SLUG/referrals" > "$WORK/dashboard.html"
SECTIONS=$(grep -o "hx-get=\"/t/$FIRST_SLUG/referrals[^\"]*\"" "$WORK/dashboard.html" | sed "s|hx-get=\"/t/$FIRST_SLUG|/t/{slug}|; s|\"$||" \
  | grep -E '^/t/\{slug\}/referrals(/[a-z-]+|\?section=[a-z-]+)$' | grep -v '/share$' | sort -u || true)
section_name() { local n=${1#*/referrals}; n=${n#/}; echo "section ${n#\?section=}"; }
for s in $SECTIONS; do PAGES+=("$(section_name "$s")|$APP_PORT|$s|session"); done
PAGES+=("leaderboard|$APP_PORT|/leaderboard|session" "analytics|$APP_PORT|/operator/analytics|bench-operator-session")

field() { echo "$1" | cut -d'|' -f"$2"; }
url_of() { # page -> the first request's URL and cookie header, to check its status
  local path; path=$(field "$1" 3); path=${path//\{slug\}/$FIRST_SLUG}; path=${path//\{n\}/0}
  echo "http://127.0.0.1:$(field "$1" 2)$path"
}
cookie_of() { case $(field "$1" 4) in session) echo "dd_session=$FIRST_COOKIE" ;; none) echo "" ;; *) echo "dd_session=$(field "$1" 4)" ;; esac; }
for p in "${PAGES[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $(cookie_of "$p")" -H 'Accept: text/html' "$(url_of "$p")")
  [ "$status" = 200 ] || { echo "$(field "$p" 1) answers $status at $(url_of "$p"), not 200"; tail -30 "$WORK/app.log"; exit 1; }
done
run() { # page-entry connections seconds -> RESULT fields
  BENCH_PATH=$(field "$1" 3) BENCH_COOKIE=$(field "$1" 4) BENCH_REQUESTS="$WORK/requests.txt" \
    wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$3" -s bench/rotate.lua "http://127.0.0.1:$(field "$1" 2)" \
    | grep '^RESULT' | sed 's/^RESULT //'
}
cell() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (a + b) / 2 }'; }

echo "Warming up…"
for p in "${PAGES[@]}"; do run "$p" 4 5s >/dev/null; done
[ "$STATEMENTS" = yes ] && "${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# 4. Each connection count: the bare page, every page of ours, the bare page again; ratios divide by the mean of the
# two bare measurements of that connection count (machine drift during the cell shows as the two bare rows differing).
declare -A P95 RPS
ROWS="$WORK/rows.md"
: > "$ROWS"
for c in 1 4 32; do
  entries=("${PAGES[@]}" "${PAGES[0]}")
  for i in "${!entries[@]}"; do
    p=${entries[$i]}; name=$(field "$p" 1)
    [ "$i" = 0 ] && name="bare before"
    [ "$i" = "$(( ${#entries[@]} - 1 ))" ] && name="bare after"
    r=$(run "$p" "$c" "$DURATION")
    echo "$name c=$c: $r"
    P95["$name,$c"]=$(cell "$r" p95_ms); RPS["$name,$c"]=$(cell "$r" rps)
    echo "$name|$c|$(cell "$r" p50_ms)|$(cell "$r" p95_ms)|$(cell "$r" p99_ms)|$(cell "$r" rps)|$(cell "$r" errors)" >> "$ROWS"
  done
  P95["bare,$c"]=$(mean "${P95["bare before,$c"]}" "${P95["bare after,$c"]}")
  RPS["bare,$c"]=$(mean "${RPS["bare before,$c"]}" "${RPS["bare after,$c"]}")
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

memory() { # pid -> "VmRSS MiB|VmHWM MiB|heap committed MiB|heap used MiB"
  local rss hwm heap
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status")
  hwm=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status")
  heap=$(jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen/ && !done {
      for (i = 1; i <= NF; i++) { if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1) }
      gsub(/[K,]/, "", t); gsub(/[K,]/, "", u); printf "%.0f|%.0f", t / 1024, u / 1024; done = 1 }')
  echo "$rss|$hwm|${heap:-?|?}"
}
BARE_MEMORY=$(memory "$BARE_PID")
APP_MEMORY=$(memory "$APP_PID")
STATEMENTS_TOP="$WORK/statements.md"
if [ "$STATEMENTS" = yes ]; then
  "${PSQL[@]}" -At -F $'\t' -c "select calls, round((total_exec_time + total_plan_time)::numeric, 0),
      round(((total_exec_time + total_plan_time) / calls)::numeric, 3), round(rows::numeric / calls, 1),
      left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = 'dailydoco' and calls > 0 order by total_exec_time + total_plan_time desc limit 12" \
    | awk -F'\t' '{ gsub(/\|/, "\\|", $5); printf "| %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5 }' > "$STATEMENTS_TOP"
fi

# 5. What limits each page: 5 s at 4 connections each with pg_stat_statements reset before and read after, giving the
# database time and the statements per request; the rest of the request's time is the JVM's (and wrk's).
PROFILE="$WORK/profile.md"
: > "$PROFILE"
if [ "$STATEMENTS" = yes ]; then
  for p in "${PAGES[@]}"; do
    name=$(field "$p" 1)
    db=dailydoco; [ "$name" = bare ] && db=bare_page
    "${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
    r=$(run "$p" 4 5s)
    n=$(cell "$r" requests)
    "${PSQL[@]}" -At -F $'\t' -c "with s as (select s.* from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = '$db' and query not like '%pg_stat_statements%')
      select round(sum(calls)::numeric / $n, 1), round((sum(total_exec_time) / $n)::numeric, 2),
        round((sum(total_plan_time) / $n)::numeric, 2),
        (select left(regexp_replace(query, '\s+', ' ', 'g'), 90) from s order by total_exec_time + total_plan_time desc limit 1)
      from s" | awk -F'\t' -v name="$name" -v p50="$(cell "$r" p50_ms)" -v rps="$(cell "$r" rps)" \
      '{ gsub(/\|/, "\\|", $4); printf "| %s | %s | %s | %s | %s | %s | `%s` |\n", name, rps, p50, $1, $2, $3, $4 }' >> "$PROFILE"
  done
fi

# 6. A JFR profile of the page whose p95 is furthest above the bare page's at 4 connections (10 s at 4 connections).
SLOWEST=
worst=0
for p in "${PAGES[@]}"; do
  name=$(field "$p" 1); [ "$name" = bare ] && continue
  x=$(ratio "${P95[$name,4]}" "${P95[bare,4]}")
  if awk -v a="$x" -v b="$worst" 'BEGIN { exit !(a > b) }'; then worst=$x; SLOWEST=$p; fi
done
JFR_SUMMARY="$WORK/jfr.md"
: > "$JFR_SUMMARY"
if [ -n "$SLOWEST" ] && command -v jfr >/dev/null; then
  jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$PWD/$WORK/slowest.jfr" >/dev/null
  run "$SLOWEST" 4 10s >/dev/null
  jcmd "$APP_PID" JFR.stop name=bench >/dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/slowest.jfr" > "$WORK/slowest-samples.txt"
  python3 bench/jfr_summary.py "$WORK/slowest-samples.txt" > "$JFR_SUMMARY"
fi

# The tree query the ledger runs on every paid invoice: ancestors up to depth 7 of a user at depth 7.
DEEP_USER=$("${PSQL[@]}" -At -c "select md5('user-' || 19999)::uuid")
TREE_MS=$("${PSQL[@]}" -At -c "explain (analyze, format json) select ancestor_user_id from referral_tree where user_id = '$DEEP_USER' and depth <= 7 order by depth" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
TREE_ROWS=$("${PSQL[@]}" -At -c "select count(*) from referral_tree")

verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == "<=" ? a <= b : a >= b); print (ok ? "met" : "**missed**") }'; }
{
  echo "# Benchmark results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared by wrk, both JVMs and PostgreSQL (and by other work on"
  echo "the machine: load average 1/5/15 min $LOAD_BEFORE before the measured cells, $LOAD_AFTER after);"
  echo "$(java -version 2>&1 | head -1); Quarkus $PLATFORM on both sides; PostgreSQL $("${PSQL[@]}" -At -c 'show server_version');"
  echo "both JVMs started by \`bin/dailydoco\` with \`JAVA_OPTS=$JVM_OPTS\`. wrk on loopback, ${DURATION} per cell after a"
  echo "5 s warm-up of every page, 1 wrk thread at 1 connection and 2 above."
  echo "Data: $USERS users, $ENTRIES commission_entry rows (seeded in ${SEED_SECONDS}s, with the bare page's rows)."
  echo
  echo "**bare** = \`bench/bare-page/\`, the reference every ratio divides by: one Quarkus page (same platform version,"
  echo "Quarkus REST + Qute + Hibernate ORM Panache + pgjdbc) reading the 20 newest of an owner's rows and the owner's count"
  echo "from a 1,000,000-row table (index on owner and date) in its own database on the same PostgreSQL server, in one"
  echo "transaction, into a Qute layout with a table and an inline SVG chart; it is measured before and after our pages at"
  echo "each connection count and the ratio uses the mean of the two. Our pages: **landing** = \`/\` without a cookie;"
  echo "**home** = a workspace home (\`/t/{slug}/\`, signed in); **dashboard** = the referral dashboard's first view"
  echo "(\`/t/{slug}/referrals\`); **level** = it with level 3 of the network opened (\`?members=3\`);"
  if [ -n "$SECTIONS" ]; then echo "**section …** = each section the dashboard loads from its own address;"; else
    echo "(the dashboard loads no section from an address of its own in this build, so no section rows);"; fi
  echo "**leaderboard** = \`/leaderboard\`; **analytics** = \`/operator/analytics\` as the platform operator."
  echo "Signed-in requests rotate through 1,000 sessions of people high in the referral trees, each on its own workspace."
  echo
  echo "| page | connections | p50 ms | p95 ms | p99 ms | requests/s | errors | p95 ÷ bare | requests/s ÷ bare |"
  echo "|---|---|---|---|---|---|---|---|---|"
  while IFS='|' read -r name c p50 p95 p99 rps errors; do
    echo "| $name | $c | $p50 | $p95 | $p99 | $rps | $errors | $(ratio "$p95" "${P95[bare,$c]}") | $(ratio "$rps" "${RPS[bare,$c]}") |"
  done < "$ROWS"
  echo
  echo "## Goals (ratios to the bare page of the same run)"
  echo
  echo "| goal | connections | measured | verdict |"
  echo "|---|---|---|---|"
  for c in 1 4 32; do
    x=$(ratio "${P95[home,$c]}" "${P95[bare,$c]}"); echo "| home p95 ≤ 1.25× | $c | ${x}× | $(verdict "$x" '<=' 1.25) |"
    x=$(ratio "${RPS[home,$c]}" "${RPS[bare,$c]}"); echo "| home requests/s ≥ 0.8× | $c | ${x}× | $(verdict "$x" '>=' 0.8) |"
    x=$(ratio "${P95[dashboard,$c]}" "${P95[bare,$c]}"); echo "| dashboard first view p95 ≤ 1.5× | $c | ${x}× | $(verdict "$x" '<=' 1.5) |"
    for s in $SECTIONS; do
      n=$(section_name "$s")
      x=$(ratio "${P95[$n,$c]}" "${P95[bare,$c]}"); echo "| $n p95 ≤ 1.5× | $c | ${x}× | $(verdict "$x" '<=' 1.5) |"
    done
    x=$(ratio "${P95[leaderboard,$c]}" "${P95[bare,$c]}"); echo "| leaderboard p95 ≤ 1.25× | $c | ${x}× | $(verdict "$x" '<=' 1.25) |"
    x=$(ratio "${P95[analytics,$c]}" "${P95[bare,$c]}"); echo "| operator analytics p95 ≤ 1.25× | $c | ${x}× | $(verdict "$x" '<=' 1.25) |"
  done
  x=$(ratio "$(field "$APP_MEMORY" 1)" "$(field "$BARE_MEMORY" 1)"); echo "| RSS after the run ≤ 1.3× | – | ${x}× | $(verdict "$x" '<=' 1.3) |"
  x=$(awk -v a="$APP_START" -v b="$BARE_START" 'BEGIN { printf "%.1f", a - b }'); echo "| start ≤ bare + 2 s | – | +${x} s | $(verdict "$x" '<=' 2) |"
  echo
  echo "## Memory and start"
  echo
  echo "Start = from launching the JVM to the first 200 of its readiness URL (\`/q/health/ready\`, which checks the"
  echo "datasource), each against the already running PostgreSQL (the app's migrations already applied: Flyway validates)."
  echo "Memory read from \`/proc/<pid>/status\` and \`jcmd GC.heap_info\` after the last measured cell."
  echo
  echo "| process | start s | VmRSS MiB | VmHWM (peak) MiB | heap committed MiB | heap used MiB |"
  echo "|---|---|---|---|---|---|"
  echo "| bare page | $BARE_START | $(field "$BARE_MEMORY" 1) | $(field "$BARE_MEMORY" 2) | $(field "$BARE_MEMORY" 3) | $(field "$BARE_MEMORY" 4) |"
  echo "| app | $APP_START | $(field "$APP_MEMORY" 1) | $(field "$APP_MEMORY" 2) | $(field "$APP_MEMORY" 3) | $(field "$APP_MEMORY" 4) |"
  echo
  echo "The app's first start on an empty data directory (initdb of the embedded PostgreSQL, roles, every migration):"
  echo "${FIRST_START} s."
  echo
  echo "## What limits each page"
  echo
  if [ "$STATEMENTS" = yes ]; then
    echo "Each page again for 5 s at 4 connections, \`pg_stat_statements\` (with planning times) reset before and read after:"
    echo "the statements, execution and planning time PostgreSQL spent per request. The rest of a request's time is the"
    echo "JVM's: rendering, Hibernate, the connection pool, and waiting for one of the 2 cores."
    echo
    echo "| page | requests/s | p50 ms | statements / request | execution ms / request | planning ms / request | costliest statement |"
    echo "|---|---|---|---|---|---|---|"
    cat "$PROFILE"
    echo
    echo "Over all measured cells, the app's statements by total time (execution + planning):"
    echo
    echo "| calls | total ms | ms / call | rows / call | statement |"
    echo "|---|---|---|---|---|"
    cat "$STATEMENTS_TOP"
  else
    echo "\`pg_stat_statements\` could not be loaded on this PostgreSQL, so there is no per-statement reading."
  fi
  if [ -s "$JFR_SUMMARY" ]; then
    echo
    echo "### JFR: $(field "$SLOWEST" 1) (the page furthest above the bare page at 4 connections), 10 s at 4 connections"
    echo
    cat "$JFR_SUMMARY"
  fi
  echo
  echo "Referral tree (closure table of the 7 nearest ancestors, $TREE_ROWS rows): the ancestors query for a user at"
  echo "depth 7 executes in ${TREE_MS} ms (EXPLAIN ANALYZE, primary-key range scan)."
} > "$WORK/RESULTS.md"
cp "$WORK/RESULTS.md" bench/RESULTS.md
echo "Wrote bench/RESULTS.md"
