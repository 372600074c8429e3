#!/usr/bin/env bash
# Faults under load on the local cluster (deploy/cluster.sh up first): pages and signed Stripe webhooks go through
# HAProxy while one node is killed with SIGKILL, then the replica, then the primary is restarted. Writes
# deploy/FAULTS.md: errors seen by clients, the longest outage, and acknowledged webhooks missing from the database
# (must be 0). It reports figures; it is not a test.
#   FAULTS_SECONDS (90)  length of the load; the faults come at 15 s, 35 s and 55 s
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${DAILYDOCO_CLUSTER_DIR:-$PWD/target/cluster}
PGBIN=${DAILYDOCO_PGBIN:-/usr/lib/postgresql/15/bin}
SECONDS_TOTAL=${FAULTS_SECONDS:-90}
[ -f "$DIR/secrets.env" ] || { echo "no cluster: run deploy/cluster.sh up first" >&2; exit 1; }
set -a; . "$DIR/secrets.env"; set +a
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
WORK=$DIR/faults; mkdir -p "$WORK"
TAG=$(date +%s)

python3 bench/webhook_events.py customer-updated 50 $((SECONDS_TOTAL * 100)) "$STRIPE_WEBHOOK_SECRET" "$WORK/events.txt" "f$TAG" >/dev/null
python3 deploy/load.py http://127.0.0.1:${DAILYDOCO_CLUSTER_PORT:-8180} "$WORK/events.txt" "$SECONDS_TOTAL" "$WORK/log.json" &
LOAD=$!
START=$(date +%s.%N)
at() { sleep "$(python3 -c "import time; print(max(0, $START + $1 - time.time()))")"; }
mark() { echo "$(python3 -c "import time; print(round(time.time() - $START, 1))") $*" | tee -a "$WORK/timeline.txt"; }
: >"$WORK/timeline.txt"

at 15; mark "kill -9 node 1"; kill -KILL "$(cat "$DIR/node1.pid")"
at 35; mark "kill -9 the replica"; kill -KILL "$(head -1 "$DIR/replica/postmaster.pid")"
at 55; mark "restart the primary (fast shutdown, start)"
as_pg "$PGBIN/pg_ctl" -D "$DIR/primary" -m fast -w stop >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/pglogs/primary.log" -w start >/dev/null
mark "primary accepting connections"
wait $LOAD

# Acknowledged events missing from the database: the one figure that must be 0.
python3 - "$WORK/log.json" >"$WORK/acked.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    if r["kind"] == "webhook" and r["outcome"] == 200:
        print(r["event"])
PY
PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -At -h 127.0.0.1 -p 55432 -U postgres -d dailydoco >"$WORK/missing.txt" <<SQL
create temp table acked(event_id text);
\copy acked from '$WORK/acked.txt'
select count(*) from acked a where not exists (select 1 from stripe_event e where e.event_id = a.event_id);
SQL

python3 - "$WORK" "$START" <<'PY' >deploy/FAULTS.md
import json, sys, collections, datetime, os
work, start = sys.argv[1], float(sys.argv[2])
log = json.load(open(os.path.join(work, "log.json")))
missing = open(os.path.join(work, "missing.txt")).read().split()[-1]
timeline = open(os.path.join(work, "timeline.txt")).read().strip().splitlines()
def ok(r): return isinstance(r["outcome"], int) and r["outcome"] < 500
print("# Faults under load\n")
print("Run on %s by `bash deploy/faults.sh` against `deploy/cluster.sh up` (primary + streaming replica, 3 nodes, "
      "HAProxy health-checking `/q/health/ready`), on one machine with %d cores; load average (1 min) at the end: "
      "%.1f.\n" % (datetime.datetime.now(datetime.timezone.utc).strftime("%-d %b %Y, %H:%M UTC"), os.cpu_count(),
                   os.getloadavg()[0]))
print("Load: 3 connections looping over public pages, 2 connections sending signed `customer.updated` events "
      "(built from Stripe's published fixtures by `bench/webhook_events.py`), each event once.\n")
print("| second | fault |\n|---|---|")
for line in timeline:
    t, what = line.split(" ", 1); print("| %s | %s |" % (t, what))
print("\n| kind | requests | answered < 500 | 5xx | network errors | longest run of failures |\n|---|---|---|---|---|---|")
for kind in ("page", "webhook"):
    rows = sorted((r for r in log if r["kind"] == kind), key=lambda r: r["t"])
    counts = collections.Counter("ok" if ok(r) else ("5xx" if isinstance(r["outcome"], int) else "net") for r in rows)
    longest, begin = 0.0, None
    for r in rows:
        if ok(r):
            if begin is not None: longest = max(longest, r["t"] - begin); begin = None
        elif begin is None: begin = r["t"]
    print("| %s | %d | %d | %d | %d | %.1f s |" % (kind, len(rows), counts["ok"], counts["5xx"], counts["net"], longest))
acked = sum(1 for r in log if r["kind"] == "webhook" and r["outcome"] == 200)
print("\n**Acknowledged webhooks missing from the database: %s** (of %d acknowledged). A webhook answered with an "
      "error or not at all is not acknowledged: Stripe delivers it again, so it is not lost.\n" % (missing, acked))
errors = collections.Counter(str(r["outcome"]) for r in log if not ok(r))
print("Failures by outcome: %s.\n" % (", ".join("%s × %d" % kv for kv in errors.most_common()) or "none"))
PY
cat deploy/FAULTS.md
# Bring the killed parts back.
bash deploy/cluster.sh up >/dev/null && echo "faults: cluster restored"
