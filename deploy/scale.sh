#!/usr/bin/env bash
# Scale figures on the local cluster: dashboard requests/s and Stripe webhook ingest events/s through HAProxy with 3,
# 2 and 1 app nodes (nodes stopped gracefully between runs), with what PostgreSQL was doing meanwhile — its share of
# the machine's CPU and what its busy sessions waited on (pg_stat_activity sampled every 0.5 s) — and the size of
# every table after seeding. Writes deploy/SCALE.md. It reports figures; it is not a test. Run it in a slot when the
# machine is shared (/work/bin/slot-style wrappers), and read only ratios within one run.
#
#   bash deploy/scale.sh            cluster.sh up (own directory), seed once, measure, restore all nodes
#   SCALE_SECONDS (20)       length of each dashboard run       SCALE_CONNECTIONS (16)  wrk connections
#   SCALE_EVENTS (2000)      webhook deliveries per run          SCALE_CUSTOMERS (1000)  paying workspaces seeded
#   SCALE_ORDER ("3 2 1")    node counts in the order measured; a second run in another order ("1 2 3") is added to
#                            the report beside the first (each order's results stay in target/…/scale/results-*.txt)
# Needs wrk and psql (apt-get install -y wrk postgresql-client) besides what deploy/cluster.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DAILYDOCO_CLUSTER_DIR=${DAILYDOCO_CLUSTER_DIR:-$PWD/target/scale-cluster}
DIR=$DAILYDOCO_CLUSTER_DIR
LB=http://127.0.0.1:${DAILYDOCO_CLUSTER_PORT:-8180}
RUN_SECONDS=${SCALE_SECONDS:-20}
CONNECTIONS=${SCALE_CONNECTIONS:-16}
EVENTS=${SCALE_EVENTS:-2000}
CUSTOMERS=${SCALE_CUSTOMERS:-1000}
ORDER=${SCALE_ORDER:-3 2 1}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

bash deploy/cluster.sh up >/dev/null
set -a; . "$DIR/secrets.env"; set +a
WORK=$DIR/scale; mkdir -p "$WORK"
PSQL=(env PGPASSWORD="$PG_SUPERUSER_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 55432 -U postgres -d dailydoco)

send_webhooks() { # events-file -> RESULT fields; each event sent once (bench/webhooks.lua), wrk stopped when all answered
  local done_file="$WORK/wrk-done" out="$WORK/wrk-webhooks.out"
  rm -f "$done_file"
  BENCH_EVENTS=$1 BENCH_THREADS=2 BENCH_DONE=$done_file \
    wrk -t2 -c"$CONNECTIONS" -d900s --timeout 60s -s bench/webhooks.lua "$LB/webhooks/stripe" >"$out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null && [ "$(cat "$done_file" 2>/dev/null | wc -l)" -lt 2 ]; do sleep 0.2; done
  kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" || true
  grep '^RESULT' "$out" | sed 's/^RESULT //'
}
pending() { "${PSQL[@]}" -At -c "select count(*) from stripe_event where status = 'PENDING'"; }

if [ ! -f "$DIR/seeded" ]; then
  echo "scale: seeding (bench/seed.sql, rollups.sql, webhooks-seed.sql with $CUSTOMERS customers)…"
  START=$(date +%s)
  "${PSQL[@]}" -f bench/seed.sql
  "${PSQL[@]}" -f bench/rollups.sql
  "${PSQL[@]}" -v customers="$CUSTOMERS" -f bench/webhooks-seed.sql
  "${PSQL[@]}" -c "analyze"
  # The Stripe customers are linked through the app itself, as in production (signed checkout.session.completed).
  python3 bench/webhook_events.py checkout "$CUSTOMERS" "$STRIPE_WEBHOOK_SECRET" "$WORK/checkout.txt"
  send_webhooks "$WORK/checkout.txt" >/dev/null
  echo $(( $(date +%s) - START )) >"$DIR/seeded"
fi
"${PSQL[@]}" -f bench/requests.sql >"$WORK/requests.txt"

# CPU time by kind of process, read from /proc before and after a run: the share of the whole machine (all cores).
cpu_snapshot() { python3 - "$DIR" <<'PY'
import json, os, sys
d = sys.argv[1]
nodes = set()
for n in range(1, 10):
    try: nodes.add(int(open(os.path.join(d, "node%d.pid" % n)).read().strip()))
    except (OSError, ValueError): pass
kinds = {"postgres": 0, "app nodes": 0, "haproxy": 0, "wrk": 0, "other": 0}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
        comm = open("/proc/%s/comm" % pid).read().strip()
    except OSError:
        continue
    jiffies = int(fields[11]) + int(fields[12])
    kind = ("app nodes" if int(pid) in nodes else "postgres" if comm.startswith("postgres") or comm.startswith("postmaster")
            else comm if comm in ("haproxy", "wrk") else "other")
    kinds[kind] += jiffies
cpu = [int(x) for x in open("/proc/stat").readline().split()[1:8]]
print(json.dumps({"total": sum(cpu), "busy": sum(cpu) - cpu[3] - cpu[4], "kinds": kinds}))
PY
}
cpu_shares() { python3 - "$1" "$2" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
total = b["total"] - a["total"]
share = {k: 100.0 * (b["kinds"][k] - a["kinds"][k]) / total for k in a["kinds"] if k != "other"}
# Processes that ended during the run take their CPU time with them: "other" is the machine's busy time minus the rest.
share["other"] = max(0.0, 100.0 * (b["busy"] - a["busy"]) / total - sum(share.values()))
print(" ".join("%s=%.0f" % (k.replace(" ", "_"), v) for k, v in share.items()))
PY
}
# What PostgreSQL's busy sessions do, sampled every 0.5 s in one connection: "CPU" when active and waiting on nothing.
sample_start() {
  printf '%s\n' "select 'SAMPLE' union all select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity where datname = 'dailydoco' and state = 'active' and pid <> pg_backend_pid();" '\watch 0.5' \
    | "${PSQL[@]}" -At >"$WORK/activity-$1.txt" 2>/dev/null &
  SAMPLER=$!
}
sample_stop() { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; python3 - "$WORK/activity-$1.txt" <<'PY'
import collections, sys
lines = [l.strip() for l in open(sys.argv[1]) if l.strip()]
samples = max(1, lines.count("SAMPLE"))
waits = collections.Counter(l for l in lines if l != "SAMPLE")
top = ", ".join("%s %.1f" % (w, n / samples) for w, n in waits.most_common(3)) or "none"
print("active=%.1f top=%s" % (sum(waits.values()) / samples, top.replace(" ", "_")))
PY
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2-; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS=$WORK/results-${ORDER// /}.txt; : >"$RESULTS"
running() { [ -f "$DIR/node$1.pid" ] && kill -0 "$(cat "$DIR/node$1.pid")" 2>/dev/null; }
for N in $ORDER; do
  for n in 1 2 3; do
    if [ "$n" -le "$N" ] && ! running "$n"; then bash deploy/cluster.sh start "$n" >/dev/null; fi
    if [ "$n" -gt "$N" ] && running "$n"; then bash deploy/cluster.sh stop "$n" >/dev/null; fi
  done
  # Every node's JIT warms on the same load it is then measured with.
  echo "scale: $N node(s): warming up"
  BENCH_PATH="/t/{slug}/referrals" BENCH_REQUESTS="$WORK/requests.txt" \
    wrk -t2 -c"$CONNECTIONS" -d10s -s bench/rotate.lua "$LB" >/dev/null 2>&1 || true

  echo "scale: $N node(s): dashboard, $CONNECTIONS connections, ${RUN_SECONDS}s"
  A=$(cpu_snapshot); sample_start "dashboard-$N"
  DASH=$(BENCH_PATH="/t/{slug}/referrals" BENCH_REQUESTS="$WORK/requests.txt" \
    wrk -t2 -c"$CONNECTIONS" -d"${RUN_SECONDS}s" --timeout 30s -s bench/rotate.lua "$LB" | grep '^RESULT' | sed 's/^RESULT //')
  DASH_PG=$(sample_stop "dashboard-$N"); DASH_CPU=$(cpu_shares "$A" "$(cpu_snapshot)")

  echo "scale: $N node(s): $EVENTS signed invoice.paid deliveries, $CONNECTIONS connections"
  python3 bench/webhook_events.py invoice-paid "$CUSTOMERS" "$EVENTS" "$STRIPE_WEBHOOK_SECRET" "$WORK/events-$N.txt" \
    "s$N$(date +%s)" >/dev/null
  A=$(cpu_snapshot); sample_start "webhooks-$N"
  HOOK=$(send_webhooks "$WORK/events-$N.txt")
  HOOK_PG=$(sample_stop "webhooks-$N"); HOOK_CPU=$(cpu_shares "$A" "$(cpu_snapshot)")
  LAST=$(date +%s.%N)
  for _ in $(seq 1 3000); do [ "$(pending)" = 0 ] && break; sleep 0.2; done
  DRAIN=$(awk -v a="$LAST" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  echo "$N|$DASH|$DASH_PG|$DASH_CPU|$HOOK|$HOOK_PG|$HOOK_CPU|$DRAIN|$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
for n in 1 2 3; do running "$n" || bash deploy/cluster.sh start "$n" >/dev/null; done

"${PSQL[@]}" -At -F '|' >"$WORK/tables.txt" <<'SQL'
select c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), pg_relation_size(c.oid)
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p') order by pg_total_relation_size(c.oid) desc limit 25;
SQL
DB_SIZE=$("${PSQL[@]}" -At -c "select pg_database_size('dailydoco')")
# The seed writes no referral clicks: their bytes per row come from 100,000 synthetic ones inserted and rolled back.
CLICK_BYTES=$("${PSQL[@]}" -At <<'SQL' | tail -1
begin;
create temp table click_before as select pg_total_relation_size('referral_click') as bytes;
insert into referral_click (id, code, sponsor_user_id, clicked_at, ip_hash)
select gen_random_uuid(), 'bench' || lpad((i % 100000)::text, 6, '0'), md5('user-' || (i % 100000))::uuid,
       now() - (i || ' seconds')::interval, encode(sha256(('address-' || i)::bytea), 'hex')
from generate_series(1, 100000) as i;
select (pg_total_relation_size('referral_click') - bytes) / 100000 from click_before;
rollback;
SQL
)

python3 - "$WORK" "$WORK/tables.txt" "$DB_SIZE" "$LOAD_BEFORE" "$LOAD_AFTER" "$(cat "$DIR/seeded")" \
  "$RUN_SECONDS" "$CONNECTIONS" "$EVENTS" "$CUSTOMERS" "$CLICK_BYTES" >deploy/SCALE.md <<'PY'
import datetime, os, sys
import glob
work, tables, db_size, load_before, load_after, seeded, secs, conns, events, customers, click_bytes = sys.argv[1:]
def kv(s): return dict(x.split("=", 1) for x in s.split())
rows = []
for path in sorted(glob.glob(os.path.join(work, "results-*.txt")), key=os.path.getmtime):
    order = " → ".join(os.path.basename(path)[len("results-"):-len(".txt")])
    rows += [[order] + l.rstrip("\n").split("|") for l in open(path) if l.strip()]
print("# Scale: 1, 2 and 3 app nodes on one machine\n")
print("Run on %s by `bash deploy/scale.sh` against `deploy/cluster.sh up` (PostgreSQL 15 primary + streaming replica, "
      "HAProxy, app nodes on the packaged jar), on one machine with %d cores shared by every process of the run (wrk, "
      "HAProxy, the nodes, both PostgreSQL servers) and by other work: load average (1, 5, 15 min) %s before, %s after. "
      "Seeded once (%s s): `bench/seed.sql` (100,000 people in 10,000 workspaces, 14 months of invoices, ~1M "
      "commission rows), `bench/rollups.sql`, `bench/webhooks-seed.sql` (%s paying workspaces with 7-level chains).\n"
      % (datetime.datetime.now(datetime.timezone.utc).strftime("%-d %b %Y, %H:%M UTC"), os.cpu_count(),
         load_before, load_after, seeded, customers))
print("- **Dashboard**: `/t/{slug}/referrals` (the referral dashboard's first view) through HAProxy, rotating 1,000 "
      "signed-in sessions (`bench/rotate.lua`), %s connections for %s s after 5 s of warm-up." % (conns, secs))
print("- **Webhook ingest**: signed `invoice.paid` deliveries (`SCALE_EVENTS` a cell: %s in the last run; "
      "`bench/webhook_events.py`, Stripe's published shapes), each once, %s connections (`bench/webhooks.lua`); events/s from the first request to the last answer; "
      "each applies the invoice and writes its 7 levels of commission rows. *Queue empty after* = seconds from the "
      "last answer until no event was pending." % (events, conns))
print("- **CPU %** = share of the whole machine (100 % = both cores) used by each kind of process during the run, "
      "from /proc. **PG busy** = PostgreSQL sessions active at a sample on average (every 0.5 s), with what the "
      "busiest waited on (`CPU` = running, no wait event).\n")
print("| order measured | nodes | dashboard req/s | p50 / p95 ms | errors | PG busy (top waits) | CPU % PG / nodes / wrk / other |"
      "\n|---|---|---|---|---|---|---|")
for r in rows:
    o, r = r[0], r[1:]
    d, pg, cpu = kv(r[1]), kv(r[2]), kv(r[3])
    print("| %s | %s | %s | %s / %s | %s | %s (%s) | %s / %s / %s / %s |" % (o, r[0], d["rps"], d["p50_ms"], d["p95_ms"],
          d["errors"], pg["active"], pg["top"].replace("_", " "), cpu["postgres"], cpu["app_nodes"], cpu["wrk"],
          cpu["other"]))
print("\n| order measured | nodes | webhook events/s | p50 / p95 ms | non-2xx | PG busy (top waits) | CPU % PG / nodes / wrk / other "
      "| queue empty after |\n|---|---|---|---|---|---|---|---|")
for r in rows:
    o, r = r[0], r[1:]
    h, pg, cpu = kv(r[4]), kv(r[5]), kv(r[6])
    print("| %s | %s | %s | %s / %s | %s | %s (%s) | %s / %s / %s / %s | %s s |" % (o, r[0], h["rps"], h["p50_ms"],
          h["p95_ms"], int(h["non2xx"]) + int(h["socket_errors"]), pg["active"], pg["top"].replace("_", " "),
          cpu["postgres"], cpu["app_nodes"], cpu["wrk"], cpu["other"], r[7]))
print("\nLoad average (1 min) after each cell: %s.\n" % ", ".join("%s node(s) (%s): %s" % (r[1], r[0], r[9]) for r in rows))
print("## Table sizes after seeding\n\nThe 25 largest tables (rows estimated by `reltuples` after `analyze`; bytes with "
      "indexes and TOAST from `pg_total_relation_size`). Database: %.0f MB.\n" % (int(db_size) / 1e6))
print("| table | rows | total MB | table MB | bytes/row (total) |\n|---|---|---|---|---|")
for line in open(tables):
    name, n, total, heap = line.strip().split("|")
    n, total, heap = int(n), int(total), int(heap)
    print("| %s | %s | %.1f | %.1f | %s |" % (name, "{:,}".format(max(n, 0)), total / 1e6, heap / 1e6,
          "{:,}".format(total // n) if n > 0 else "–"))
print("\nReferral clicks (none seeded): %s bytes per row with its index, from 100,000 synthetic clicks inserted and "
      "rolled back." % click_bytes)
PY
cat deploy/SCALE.md
