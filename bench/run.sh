#!/usr/bin/env bash
# Benchmark of the referral dashboard and the leaderboard (see bench/README.md). Usage: bash bench/run.sh
# Needs: a JDK 17, wrk and psql (apt-get install -y wrk postgresql-client). Writes bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${BENCH_PG_PORT:-54329}
APP_PORT=${BENCH_APP_PORT:-8089}
DURATION=${BENCH_DURATION:-15s}
WORK=target/bench
rm -rf "$WORK" && mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client"; exit 1; }
# Always measure the code in the working tree: a jar left from an older build would run an older schema.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then ./mvnw -B -q package -DskipTests; fi

echo "Starting the app on a fresh embedded PostgreSQL (port $PG_PORT)…"
DAILYDOCO_PGDATA="$PWD/$WORK/pgdata" DAILYDOCO_PGPORT=$PG_PORT DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" \
  java -Xmx1g -Dquarkus.http.port=$APP_PORT -jar target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

# The embedded server asks for passwords; the superuser's was generated into its data directory.
PGPASSWORD=$(sed -n 's/^postgres=//p' "$WORK/pgdata/dailydoco-passwords.properties")
export PGPASSWORD
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dailydoco -v ON_ERROR_STOP=1 -q)
echo "Seeding (100,000 users, ~1,000,000 commission rows)…"
SEED_START=$(date +%s)
"${PSQL[@]}" -f bench/seed.sql
[ -f bench/rollups.sql ] && "${PSQL[@]}" -f bench/rollups.sql
SEED_SECONDS=$(( $(date +%s) - SEED_START ))
"${PSQL[@]}" -f bench/requests.sql > "$WORK/requests.txt"
ENTRIES=$("${PSQL[@]}" -At -c "select count(*) from commission_entry")
USERS=$("${PSQL[@]}" -At -c "select count(*) from app_user")

run() { # page connections
  BENCH_PAGE=$1 BENCH_REQUESTS="$WORK/requests.txt" wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$DURATION" -s bench/rotate.lua \
    "http://127.0.0.1:$APP_PORT" | grep '^RESULT' | sed 's/^RESULT //'
}
cell() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }

echo "Warming up…"
for page in baseline home dashboard level leaderboard; do BENCH_DURATION=5s run "$page" 4 >/dev/null; done

{
  echo "# Benchmark results"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), wrk on loopback,"
  echo "$USERS users, $ENTRIES commission_entry rows (seeded in ${SEED_SECONDS}s), ${DURATION} per cell, 2 wrk threads."
  echo "Pages: **baseline** = the landing page (Qute layout, no database); **home** = a workspace home (session,"
  echo "membership and tenant look-ups: a bare signed-in page); **dashboard** = /t/{slug}/referrals;"
  echo "**level** = the same page with level 3 of the network opened (/t/{slug}/referrals?members=3, first page);"
  echo "**leaderboard** = /leaderboard. Each request rotates through 1,000 pre-seeded sessions."
  echo
  echo "| page | connections | p50 ms | p95 ms | p99 ms | requests/s | errors | p95 ÷ home p95 |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$WORK/RESULTS.md"
for c in 1 4 32; do
  declare -A p95=()
  for page in home baseline dashboard level leaderboard; do
    r=$(run "$page" "$c")
    p95[$page]=$(cell "$r" p95_ms)
    ratio=$(awk -v a="${p95[$page]}" -v b="${p95[home]:-${p95[$page]}}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    echo "| $page | $c | $(cell "$r" p50_ms) | ${p95[$page]} | $(cell "$r" p99_ms) | $(cell "$r" rps) | $(cell "$r" errors) | $ratio |" \
      >> "$WORK/RESULTS.md"
    echo "$page c=$c: $r"
  done
done
# The tree query the ledger runs on every paid invoice: ancestors up to depth 7 of a user at depth 7.
DEEP_USER=$("${PSQL[@]}" -At -c "select md5('user-' || 19999)::uuid")
TREE_MS=$("${PSQL[@]}" -At -c "explain (analyze, format json) select ancestor_user_id from referral_tree where user_id = '$DEEP_USER' and depth <= 7 order by depth" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
TREE_ROWS=$("${PSQL[@]}" -At -c "select count(*) from referral_tree")
{
  echo
  echo "Referral tree (closure table of the 7 nearest ancestors, $TREE_ROWS rows): the ancestors query for a user at"
  echo "depth 7 executes in ${TREE_MS} ms (EXPLAIN ANALYZE, primary-key range scan)."
} >> "$WORK/RESULTS.md"
cp "$WORK/RESULTS.md" bench/RESULTS.md
echo "Wrote bench/RESULTS.md"
