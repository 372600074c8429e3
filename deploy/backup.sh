#!/usr/bin/env bash
# Backups of the local cluster's primary (deploy/cluster.sh): a base backup plus the WAL archive the primary fills
# continuously (archive_mode on, archive_timeout 60 s) restore the database to any point in time.
#
#   deploy/backup.sh base              take a base backup into $DIR/backups/<time>/ (tar, compressed)
#   deploy/backup.sh restore TIME PORT restore the newest base backup older than TIME (UTC, e.g. '2026-12-03 12:00:00')
#                                      into $DIR/restore and start it on PORT, promoted at TIME
#   deploy/backup.sh drill             the restore drill: base backup, paid invoices before and after a moment T,
#                                      restore to T, then check what is there and that the ledger reconciles;
#                                      writes deploy/RESTORE.md
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${DAILYDOCO_CLUSTER_DIR:-$PWD/target/cluster}
PGBIN=${DAILYDOCO_PGBIN:-/usr/lib/postgresql/15/bin}
LB=http://127.0.0.1:${DAILYDOCO_CLUSTER_PORT:-8180}
[ -f "$DIR/secrets.env" ] || { echo "no cluster: run deploy/cluster.sh up first" >&2; exit 1; }
set -a; . "$DIR/secrets.env"; set +a
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_at() { local port=$1; shift; PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d dailydoco "$@"; }
log() { echo "backup: $*"; }

base() {
  local at; at=$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$DIR/backups"; chown postgres "$DIR/backups" 2>/dev/null || true
  as_pg env PGPASSWORD="$PG_REPLICATOR_PASSWORD" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p 55432 -U replicator \
    -D "$DIR/backups/$at" -Ft -z -X fetch -c fast
  log "base backup $DIR/backups/$at"
}

restore() {
  local target=$1 port=$2 chosen=""
  for b in $(ls "$DIR/backups" | sort); do
    # A base backup can only restore to moments after it ended.
    if [[ "$b" < "$(date -u -d "$target" +%Y%m%dT%H%M%SZ)" ]]; then chosen=$b; fi
  done
  [ -n "$chosen" ] || { echo "no base backup older than $target" >&2; exit 1; }
  stop_restore
  mkdir -p "$DIR/restore"; chown postgres "$DIR/restore"; chmod 700 "$DIR/restore"
  as_pg tar -xzf "$DIR/backups/$chosen/base.tar.gz" -C "$DIR/restore"
  cat >>"$DIR/restore/postgresql.auto.conf" <<CONF
port = $port
archive_mode = off
restore_command = 'cp $DIR/wal-archive/%f %p'
recovery_target_time = '$target+00'
recovery_target_action = 'promote'
CONF
  as_pg touch "$DIR/restore/recovery.signal"
  as_pg rm -f "$DIR/restore/standby.signal"
  as_pg "$PGBIN/pg_ctl" -D "$DIR/restore" -l "$DIR/pglogs/restore.log" -w -t 300 start >/dev/null
  for _ in $(seq 1 300); do [ "$(psql_at "$port" -c 'select pg_is_in_recovery()' 2>/dev/null)" = f ] && break; sleep 1; done
  log "restored $chosen to $target on port $port"
}

stop_restore() {
  if [ -f "$DIR/restore/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$DIR/restore" -m fast -w stop >/dev/null || true; fi
  rm -rf "$DIR/restore"
}

send() { # events file -> every event acknowledged once (each is a new invoice), then the queue drained
  python3 deploy/load.py "$LB" "$1" 120 "$1.log.json" --webhooks-only
  for _ in $(seq 1 600); do
    [ "$(psql_at 55432 -c "select count(*) from stripe_event where status = 'PENDING'")" = 0 ] && return
    sleep 0.5
  done
  echo "the webhook queue did not drain" >&2; exit 1
}

drill() {
  local work=$DIR/drill customers=${DRILL_CUSTOMERS:-20} port=55439
  mkdir -p "$work"
  if [ "$(psql_at 55432 -c "select count(*) from tenant where slug like 'wh-t%'")" = 0 ]; then
    log "seeding $customers paying workspaces with 7-level referral chains"
    PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -h 127.0.0.1 -p 55432 -U postgres -d dailydoco \
      -v customers="$customers" -f bench/webhooks-seed.sql >/dev/null
    python3 bench/webhook_events.py checkout "$customers" "$STRIPE_WEBHOOK_SECRET" "$work/checkout.txt" >/dev/null
    send "$work/checkout.txt"
  fi
  base
  local tag; tag=$(date +%s)
  python3 bench/webhook_events.py invoice-paid "$customers" 100 "$STRIPE_WEBHOOK_SECRET" "$work/before.txt" "b$tag" >/dev/null
  send "$work/before.txt"
  sleep 1
  local target; target=$(psql_at 55432 -c "select to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")
  sleep 1
  python3 bench/webhook_events.py invoice-paid "$customers" 100 "$STRIPE_WEBHOOK_SECRET" "$work/after.txt" "a$tag" >/dev/null
  send "$work/after.txt"
  # Close the current WAL segment so the archive holds everything up to now.
  psql_at 55432 -c "select pg_switch_wal()" >/dev/null
  sleep 2
  local started=$SECONDS
  restore "$target" $port
  local took=$((SECONDS - started))
  local before after primary_before primary_after reconciliation
  before=$(psql_at $port -c "select count(*) from commission_invoice where invoice_id like 'in_whbench_b${tag}_%'")
  after=$(psql_at $port -c "select count(*) from commission_invoice where invoice_id like 'in_whbench_a${tag}_%'")
  primary_before=$(psql_at 55432 -c "select count(*) from commission_invoice where invoice_id like 'in_whbench_b${tag}_%'")
  primary_after=$(psql_at 55432 -c "select count(*) from commission_invoice where invoice_id like 'in_whbench_a${tag}_%'")
  reconciliation=$(PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -At -h 127.0.0.1 -p $port -U postgres -d dailydoco -f deploy/reconcile.sql)
  stop_restore
  local verdict=passed
  { [ "$before" = "$primary_before" ] && [ "$after" = 0 ] && [ "$primary_after" -gt 0 ] \
      && echo "$reconciliation" | head -1 | grep -q ', 0 breaks'; } || verdict=FAILED
  {
    echo "# Restore drill"
    echo
    echo "Run on $(date -u '+%-d %b %Y, %H:%M UTC') by \`bash deploy/backup.sh drill\` against \`deploy/cluster.sh up\`: a base"
    echo "backup, then 100 paid invoices (signed \`invoice.paid\` from Stripe's published fixtures, each paying 7 levels"
    echo "of commission), the moment T, 100 more invoices; then the newest base backup before T is restored with the"
    echo "primary's WAL archive to T (\`recovery_target_time\`) on a separate server, and checked."
    echo
    echo "| check | result |"
    echo "|---|---|"
    echo "| restore to T ($target UTC) | $took s, base backup + WAL replay |"
    echo "| invoices paid before T, present after the restore | $before of $primary_before |"
    echo "| invoices paid after T, present after the restore | $after (the primary has $primary_after) |"
    echo "| ledger reconciliation (deploy/reconcile.sql) | $(echo "$reconciliation" | head -1) |"
    echo
    echo "**Drill $verdict.**"
    if [ "$(echo "$reconciliation" | wc -l)" -gt 1 ]; then echo; echo '```'; echo "$reconciliation" | tail -n +2 | head -20; echo '```'; fi
  } >deploy/RESTORE.md
  cat deploy/RESTORE.md
  [ "$verdict" = passed ]
}

case "${1:-}" in
  base) base ;;
  restore) [ $# -eq 3 ] || { echo "usage: $0 restore 'YYYY-MM-DD HH:MM:SS' PORT" >&2; exit 2; }; restore "$2" "$3" ;;
  drill) drill ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
