#!/usr/bin/env bash
# Benchmark of Stripe webhook ingest beside a bare signed POST (see bench/README.md, "Webhook ingest").
# Usage: bash bench/webhooks.sh. Needs a JDK 17, python3, wrk and psql (apt-get install -y wrk postgresql-client).
# Writes bench/WEBHOOKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${BENCH_WEBHOOKS_PG_PORT:-54339}
APP_PORT=${BENCH_WEBHOOKS_APP_PORT:-8097}
BARE_PORT=${BENCH_WEBHOOKS_BARE_PORT:-8098}
CUSTOMERS=${BENCH_WEBHOOKS_CUSTOMERS:-1000}
EVENTS=${BENCH_WEBHOOKS_EVENTS:-3000}
SENDERS=16
SECRET="whsec_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=target/bench-webhooks
rm -rf "$WORK" && mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client"; exit 1; }
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then ./mvnw -B -q package -DskipTests; fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f bench/bare-webhook/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q -f bench/bare-webhook/pom.xml package -DskipTests
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Starting the app on a fresh embedded PostgreSQL (port $PG_PORT)…"
STRIPE_WEBHOOK_SECRET=$SECRET DAILYDOCO_PGDATA="$PWD/$WORK/pgdata" DAILYDOCO_PGPORT=$PG_PORT \
  DAILYDOCO_TENANTS_DIR="$WORK/no-tenants" \
  java -Xmx1g -Dquarkus.http.port=$APP_PORT -jar target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
BARE_PID=
cleanup() {
  [ -n "$BARE_PID" ] && { kill "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true; }
  kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true
}
trap cleanup EXIT
wait_ready() { # url log
  for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 1; done
  tail -50 "$2"; exit 1
}
wait_ready "http://127.0.0.1:$APP_PORT/" "$WORK/app.log"

PGPASSWORD=$(sed -n 's/^postgres=//p' "$WORK/pgdata/dailydoco-passwords.properties")
export PGPASSWORD
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dailydoco -v ON_ERROR_STOP=1 -q)
echo "Seeding $CUSTOMERS paying workspaces, each payer with a 7-level referral chain…"
"${PSQL[@]}" -v customers="$CUSTOMERS" -f bench/webhooks-seed.sql

echo "Starting the bare reference (port $BARE_PORT, same PostgreSQL)…"
STRIPE_WEBHOOK_SECRET=$SECRET QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bare_webhook" \
  QUARKUS_DATASOURCE_USERNAME=bare_webhook QUARKUS_DATASOURCE_PASSWORD=bare-webhook-bench \
  java -Xmx1g -Dquarkus.http.port=$BARE_PORT -jar bench/bare-webhook/target/quarkus-app/quarkus-run.jar \
  >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
wait_ready "http://127.0.0.1:$BARE_PORT/" "$WORK/bare.log"

send() { # url events-file connections -> RESULT fields (each event sent once; wrk is stopped when all are answered)
  local threads=$(( $3 < 2 ? 1 : 2 )) done_file="$WORK/wrk-done" out="$WORK/wrk.out"
  rm -f "$done_file"
  BENCH_EVENTS=$2 BENCH_THREADS=$threads BENCH_DONE=$done_file \
    wrk -t"$threads" -c"$3" -d900s --timeout 60s -s bench/webhooks.lua "$1/webhooks/stripe" >"$out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null && [ "$(cat "$done_file" 2>/dev/null | wc -l)" -lt "$threads" ]; do sleep 0.2; done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  grep '^RESULT' "$out" | sed 's/^RESULT //'
}
cell() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
pending() { "${PSQL[@]}" -At -c "select count(*) from stripe_event where status = 'PENDING'"; }
stat() { "${PSQL[@]}" -At -c "select xact_commit + xact_rollback, tup_inserted, tup_updated from pg_stat_database where datname = 'dailydoco'"; }

echo "Linking the Stripe customers through the app (signed checkout.session.completed)…"
python3 bench/webhook_events.py checkout "$CUSTOMERS" "$SECRET" "$WORK/checkout.txt"
echo "checkout: $(send "http://127.0.0.1:$APP_PORT" "$WORK/checkout.txt" 4)"
LINKED=$("${PSQL[@]}" -At -c "select count(*) from billing_route where kind = 'CUSTOMER' and stripe_id like 'cus_whbench%'")
[ "$LINKED" = "$CUSTOMERS" ] || { echo "Only $LINKED of $CUSTOMERS customers were linked"; tail -30 "$WORK/app.log"; exit 1; }

echo "Warming up both…"
python3 bench/webhook_events.py invoice-paid "$CUSTOMERS" 1000 "$SECRET" "$WORK/warm.txt" warm
send "http://127.0.0.1:$BARE_PORT" "$WORK/warm.txt" $SENDERS >/dev/null
send "http://127.0.0.1:$APP_PORT" "$WORK/warm.txt" $SENDERS >/dev/null
for _ in $(seq 1 600); do [ "$(pending)" = 0 ] && break; sleep 0.1; done

echo "Measuring the bare reference ($EVENTS events, $SENDERS senders)…"
python3 bench/webhook_events.py invoice-paid "$CUSTOMERS" "$EVENTS" "$SECRET" "$WORK/bare-events.txt" bare
BARE=$(send "http://127.0.0.1:$BARE_PORT" "$WORK/bare-events.txt" $SENDERS)
echo "bare: $BARE"

echo "Measuring the app's ingest alone ($EVENTS customer.updated events, acknowledged with nothing to apply)…"
python3 bench/webhook_events.py customer-updated "$CUSTOMERS" "$EVENTS" "$SECRET" "$WORK/ack-events.txt" ack
ACK=$(send "http://127.0.0.1:$APP_PORT" "$WORK/ack-events.txt" $SENDERS)
echo "ack: $ACK"
for _ in $(seq 1 600); do [ "$(pending)" = 0 ] && break; sleep 0.1; done

echo "Measuring the app ($EVENTS events, $SENDERS senders)…"
python3 bench/webhook_events.py invoice-paid "$CUSTOMERS" "$EVENTS" "$SECRET" "$WORK/app-events.txt" run
read -r TX0 INS0 UPD0 <<<"$(stat | tr '|' ' ')"
# Profile while it runs: every half second, which statements the app's sessions are in and whether they wait on a lock.
( while :; do "${PSQL[@]}" -At -F '|' -c "select coalesce(wait_event_type, 'CPU or client'), left(regexp_replace(query, '\s+', ' ', 'g'), 70)
      from pg_stat_activity where datname = 'dailydoco' and state = 'active' and pid <> pg_backend_pid()"; sleep 0.5; done \
  >"$WORK/activity.txt" 2>/dev/null ) &
SAMPLER_PID=$!
APP=$(send "http://127.0.0.1:$APP_PORT" "$WORK/app-events.txt" $SENDERS)
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true
LAST=$(date +%s.%N)
for _ in $(seq 1 6000); do [ "$(pending)" = 0 ] && break; sleep 0.1; done
DRAIN=$(awk -v a="$LAST" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
read -r TX1 INS1 UPD1 <<<"$(stat | tr '|' ' ')"
echo "app: $APP; queue empty ${DRAIN}s after the last event"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

DONE=$("${PSQL[@]}" -At -c "select count(*) from stripe_event where event_id like 'evt_whbench_run_%' and status = 'DONE'")
OTHER=$("${PSQL[@]}" -At -c "select coalesce(string_agg(status || ' ' || n, ', '), 'none') from (select status, count(*) n from stripe_event where event_id like 'evt_whbench_run_%' and status <> 'DONE' group by status) s")
EARNED=$("${PSQL[@]}" -At -c "select count(*) from commission_entry where invoice_id like 'in_whbench_run_%'")
BARE_ROWS=$(PGPASSWORD=bare-webhook-bench psql -h 127.0.0.1 -p "$PG_PORT" -U bare_webhook -d bare_webhook -At \
  -c "select count(*) from bare_event where event_id like 'evt_whbench_bare_%'")
per() { awk -v a="$1" -v b="$2" -v n="$EVENTS" 'BEGIN { printf "%.1f", (b - a) / n }'; }
RATIO=$(awk -v a="$(cell "$APP" rps)" -v b="$(cell "$BARE" rps)" 'BEGIN { printf "%.2f", a / b }')
ACK_RATIO=$(awk -v a="$(cell "$ACK" rps)" -v b="$(cell "$BARE" rps)" 'BEGIN { printf "%.2f", a / b }')
KEPT_PACE=$(awk -v d="$DRAIN" 'BEGIN { print (d <= 5 ? "yes" : "no") }')

{
  echo "# Webhook ingest benchmark"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared by wrk, both JVMs and PostgreSQL;"
  echo "$(java -version 2>&1 | head -1). Load average (1/5/15 min) before the run: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo "$CUSTOMERS paying workspaces, each payer with a 7-level referral chain; $EVENTS signed \`invoice.paid\` events"
  echo "per side (\$99.00 each, every one a new invoice), sent once each by wrk with $SENDERS connections."
  echo
  echo "| endpoint | events/s (2xx) | p50 ms | p95 ms | p99 ms | max ms | non-2xx | socket errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for side in bare ack app; do
    case $side in
      bare) r=$BARE; name="bare signed POST, one row" ;;
      ack) r=$ACK; name="app, \`customer.updated\` (stored, nothing to apply)" ;;
      app) r=$APP; name="**app, \`invoice.paid\`** (stored and applied: 7 commission levels)" ;;
    esac
    echo "| $name | $(cell "$r" rps) | $(cell "$r" p50_ms) | $(cell "$r" p95_ms) | $(cell "$r" p99_ms) | $(cell "$r" max_ms) | $(cell "$r" non2xx) | $(cell "$r" socket_errors) |"
  done
  echo
  echo "- **Accepted \`invoice.paid\` ÷ bare: ${RATIO}×** (goal ≥ 0.8×). The app's ingest alone (an event it stores and"
  echo "  acknowledges with nothing to apply) ÷ bare: ${ACK_RATIO}×."
  echo "- **Queue empty ${DRAIN} s after the last accepted event** (goal ≤ 5 s: $KEPT_PACE). Events done: $DONE of"
  echo "  $EVENTS; not done: $OTHER. Commission rows written for them: $EARNED. Bare rows stored: $BARE_ROWS."
  echo "- Per event in PostgreSQL (app, from \`pg_stat_database\`): $(per "$TX0" "$TX1") transactions,"
  echo "  $(per "$INS0" "$INS1") rows inserted, $(per "$UPD0" "$UPD1") rows updated."
  echo
  echo "While the app took \`invoice.paid\`, its active PostgreSQL sessions were sampled every 0.5 s ($(wc -l < "$WORK/activity.txt")"
  echo "session samples); the most frequent (wait, statement):"
  echo
  echo "| samples | waiting on | statement |"
  echo "|---|---|---|"
  sort "$WORK/activity.txt" | uniq -c | sort -rn | head -8 \
    | awk '{ n = $1; $1 = ""; sub(/^ /, ""); split($0, f, "|"); printf "| %d | %s | `%s` |\n", n, f[1], f[2] }'
} > "$WORK/WEBHOOKS.md"
cp "$WORK/WEBHOOKS.md" bench/WEBHOOKS.md
echo "Wrote bench/WEBHOOKS.md"
