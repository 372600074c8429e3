#!/usr/bin/env bash
# A local cluster on one machine, from Debian packages only: a PostgreSQL 15 primary with a streaming replica and WAL
# archiving, three app nodes running the packaged jar, HAProxy in front with health checks on the management port.
#
#   deploy/cluster.sh up        build the jar if needed, create (first time) and start everything
#   deploy/cluster.sh status    what runs, HAProxy's view of the nodes, the replica's lag
#   deploy/cluster.sh drain N   take node N out of HAProxy, stop it gracefully, start it again, put it back
#   deploy/cluster.sh roll      drain every node in turn (a rolling restart or upgrade with no lost request)
#   deploy/cluster.sh stop N    take node N out of HAProxy and stop it gracefully (deploy/scale.sh: fewer nodes)
#   deploy/cluster.sh start N   start node N and put it back into HAProxy once it is ready
#   deploy/cluster.sh down      stop everything (data kept); `down --purge` also deletes it
#
# Packages: apt-get install -y postgresql-15 haproxy (as root; the script installs them when it can).
# Everything lives in $DAILYDOCO_CLUSTER_DIR (default target/cluster): data directories, the WAL archive, logs, and
# secrets.env (0600) with the roles' passwords and the app's keys, generated at the first `up`, never defaults.
# Ports: HAProxy 8180 (stats 8404), nodes 8181-8183 (management 9181-9183), primary 55432, replica 55433.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${DAILYDOCO_CLUSTER_DIR:-$PWD/target/cluster}
PGBIN=${DAILYDOCO_PGBIN:-/usr/lib/postgresql/15/bin}
NODES=${DAILYDOCO_CLUSTER_NODES:-3}
LB_PORT=${DAILYDOCO_CLUSTER_PORT:-8180}
PRIMARY_PORT=55432
REPLICA_PORT=55433
JAR=target/quarkus-app/quarkus-run.jar

log() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root: when we are root, its commands run as the packaged `postgres` account.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

need_packages() {
  local missing=()
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
      # The package starts a default cluster on 5432; this one does not use it.
      command -v pg_ctlcluster >/dev/null && pg_ctlcluster 15 main stop 2>/dev/null || true
    else
      die "missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})"
    fi
  fi
}

random() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }

secrets() {
  if [ ! -f "$DIR/secrets.env" ]; then
    umask 077
    cat >"$DIR/secrets.env" <<EOF
PG_SUPERUSER_PASSWORD=$(random)
PG_REPLICATOR_PASSWORD=$(random)
QUARKUS_FLYWAY_USERNAME=dailydoco_owner
QUARKUS_FLYWAY_PASSWORD=$(random)
QUARKUS_DATASOURCE_USERNAME=dailydoco_app
QUARKUS_DATASOURCE_PASSWORD=$(random)
DAILYDOCO_CSRF_KEY=$(random)
DAILYDOCO_REFERRAL_COOKIE_KEY=$(random)
DAILYDOCO_SECOND_FACTOR_KEY=$(random)
DAILYDOCO_SSO_ENCRYPTION_KEY=$(random)
DAILYDOCO_WEBHOOK_ENCRYPTION_KEY=$(random)
STRIPE_WEBHOOK_SECRET=whsec_$(random)
# Empty: the local cluster keeps videos on its disk; fill both (and DAILYDOCO_VIDEO_STORAGE=s3…) for a bucket.
DAILYDOCO_VIDEO_S3_ACCESS_KEY=
DAILYDOCO_VIDEO_S3_SECRET_KEY=
EOF
    umask 022
  fi
  set -a; . "$DIR/secrets.env"; set +a
}

pg_running() { [ -f "$1/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

psql_primary() {
  PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PRIMARY_PORT -U postgres "$@"
}

create_primary() {
  local data=$DIR/primary
  log "initialising the primary in $data"
  mkdir -p "$data" "$DIR/wal-archive" "$DIR/pglogs"
  chown postgres "$data" "$DIR/wal-archive" "$DIR/pglogs" 2>/dev/null || true
  local pwfile; pwfile=$(mktemp); echo "$PG_SUPERUSER_PASSWORD" >"$pwfile"; chmod 644 "$pwfile"
  as_pg "$PGBIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
max_connections = 200
# Acknowledged means on disk: the money ledger and the webhook inbox rely on it.
fsync = on
synchronous_commit = on
wal_level = replica
max_wal_senders = 10
wal_keep_size = 256MB
hot_standby = on
# Every WAL segment is archived: a base backup plus this archive restores to any point in time (deploy/backup.sh).
archive_mode = on
archive_command = 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
archive_timeout = 60
EOF
  cat >"$data/pg_hba.conf" <<EOF
local   all          postgres                  scram-sha-256
host    all          all         127.0.0.1/32  scram-sha-256
host    replication  replicator  127.0.0.1/32  scram-sha-256
EOF
  as_pg "$PGBIN/pg_ctl" -D "$data" -l "$DIR/pglogs/primary.log" -w start >/dev/null
  psql_primary <<EOF
create role replicator login replication password '$PG_REPLICATOR_PASSWORD';
create role dailydoco_owner login password '$QUARKUS_FLYWAY_PASSWORD';
create role dailydoco_app login password '$QUARKUS_DATASOURCE_PASSWORD' nosuperuser nobypassrls;
create database dailydoco owner dailydoco_owner;
\c dailydoco
alter schema public owner to dailydoco_owner;
EOF
}

create_replica() {
  local data=$DIR/replica
  log "cloning the replica from the primary (pg_basebackup, streaming)"
  mkdir -p "$data"; chown postgres "$data" 2>/dev/null || true; chmod 700 "$data"
  as_pg env PGPASSWORD="$PG_REPLICATOR_PASSWORD" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT \
    -U replicator -D "$data" -R -X stream -c fast
  cat >>"$data/postgresql.conf" <<EOF
port = $REPLICA_PORT
# The replica does not archive: the primary's archive is the one backups use.
archive_mode = off
EOF
}

start_pg() {
  local name=$1 data=$DIR/$1
  if pg_running "$data"; then return; fi
  as_pg "$PGBIN/pg_ctl" -D "$data" -l "$DIR/pglogs/$name.log" -w start >/dev/null
  log "$name started"
}

node_port() { echo $((LB_PORT + $1)); }
node_mgmt() { echo $((9180 + $1)); }
node_pid() { cat "$DIR/node$1.pid" 2>/dev/null || true; }
node_alive() { local p; p=$(node_pid "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Each node runs a copy of the built app kept per build: rebuilding target/ for an upgrade then never rewrites the
# jars under nodes that still run the old release, and `roll` moves them to the new copy one at a time
# (docs/decisions/0220-expand-deploy-contract-migrations.md).
release_jar() {
  local id dir
  id=$(cat "$JAR" target/quarkus-app/app/*.jar target/quarkus-app/quarkus/*.dat 2>/dev/null | sha256sum | cut -c1-12)
  dir=$DIR/releases/$id
  if [ ! -d "$dir" ]; then
    mkdir -p "$DIR/releases"; rm -rf "$dir.tmp"; cp -r target/quarkus-app "$dir.tmp"; mv "$dir.tmp" "$dir"
  fi
  echo "$dir/quarkus-run.jar"
}

start_node() {
  local n=$1 jar
  if node_alive "$n"; then return; fi
  jar=$(release_jar)
  # Same keys on every node (sessions, CSRF tokens and referral cookies work on any of them); HAProxy is the one
  # trusted proxy, so the client address comes from its X-Forwarded-For.
  PORT=$(node_port "$n") DAILYDOCO_MANAGEMENT_PORT=$(node_mgmt "$n") DAILYDOCO_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/dailydoco" \
    QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future' \
    DAILYDOCO_REPLICA_JDBC_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/dailydoco" \
    DAILYDOCO_BASE_URL="http://localhost:$LB_PORT" DAILYDOCO_TRUSTED_PROXIES=127.0.0.1 \
    DAILYDOCO_TENANTS_DIR="${DAILYDOCO_TENANTS_DIR:-tenants}" \
    nohup java ${DAILYDOCO_CLUSTER_JAVA_OPTS:--XX:MaxRAMPercentage=10} -jar "$jar" >>"$DIR/logs/node$n.log" 2>&1 &
  echo $! >"$DIR/node$n.pid"
}

wait_ready() {
  local n=$1 deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "http://127.0.0.1:$(node_mgmt "$n")/q/health/ready" 2>/dev/null; do
    node_alive "$n" || die "node $n exited: see $DIR/logs/node$n.log"
    [ $SECONDS -lt $deadline ] || die "node $n not ready after 180 s: see $DIR/logs/node$n.log"
    sleep 1
  done
  log "node $n ready on :$(node_port "$n")"
}

stop_node() {
  local n=$1 p; p=$(node_pid "$n")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill -TERM "$p"
    # Quarkus turns readiness down, serves on for the shutdown delay, then drains requests in flight.
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  fi
  rm -f "$DIR/node$n.pid"
}

haproxy_config() {
  {
    cat <<EOF
global
    stats socket $DIR/haproxy.sock mode 600 level admin
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Only a refused connection is retried on another node: a request a node may have started is never replayed.
    retries 2
    option redispatch
    option forwardfor
frontend public
    bind 127.0.0.1:$LB_PORT
    default_backend app
backend app
    balance leastconn
    option httpchk GET /q/health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
EOF
    for n in $(seq 1 "$NODES"); do
      echo "    server node$n 127.0.0.1:$(node_port "$n") check port $(node_mgmt "$n")"
    done
    cat <<EOF
listen stats
    bind 127.0.0.1:8404
    stats enable
    stats uri /
EOF
  } >"$DIR/haproxy.cfg"
}

haproxy_cmd() { python3 - "$DIR/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode())
out = b""
while True:
    chunk = s.recv(65536)
    if not chunk: break
    out += chunk
print(out.decode(), end="")
EOF
}

start_haproxy() {
  if [ -f "$DIR/haproxy.pid" ] && kill -0 "$(cat "$DIR/haproxy.pid")" 2>/dev/null; then return; fi
  haproxy_config
  haproxy -c -q -f "$DIR/haproxy.cfg"
  haproxy -D -p "$DIR/haproxy.pid" -f "$DIR/haproxy.cfg"
  log "HAProxy on http://127.0.0.1:$LB_PORT (stats http://127.0.0.1:8404)"
}

up() {
  need_packages
  mkdir -p "$DIR/logs"; chmod 755 "$DIR"
  secrets
  if [ ! -f "$JAR" ] || [ "${DAILYDOCO_CLUSTER_BUILD:-0}" = 1 ]; then log "building the jar"; ./mvnw -B -q package -DskipTests; fi
  [ -d "$DIR/primary" ] || create_primary
  start_pg primary
  [ -d "$DIR/replica" ] || create_replica
  start_pg replica
  # The first node migrates the schema alone; the others start once it is ready.
  start_node 1; wait_ready 1
  for n in $(seq 2 "$NODES"); do start_node "$n"; done
  for n in $(seq 2 "$NODES"); do wait_ready "$n"; done
  start_haproxy
  status
}

status() {
  [ -f "$DIR/secrets.env" ] || { log "no cluster in $DIR"; return 0; }
  secrets
  for name in primary replica; do
    if pg_running "$DIR/$name"; then log "$name: running"; else log "$name: stopped"; fi
  done
  if pg_running "$DIR/primary"; then
    psql_primary -At -c "select 'replica ' || application_name || ': ' || state || ', replay lag ' || coalesce(replay_lag::text, '0') from pg_stat_replication" || true
  fi
  for n in $(seq 1 "$NODES"); do
    if node_alive "$n"; then log "node $n: running (pid $(node_pid "$n"), :$(node_port "$n"))"; else log "node $n: stopped"; fi
  done
  if [ -S "$DIR/haproxy.sock" ] && [ -f "$DIR/haproxy.pid" ] && kill -0 "$(cat "$DIR/haproxy.pid")" 2>/dev/null; then
    haproxy_cmd "show stat" | awk -F, '$1=="app" && $2!="BACKEND" {print "cluster: haproxy sees " $2 ": " $18}'
  else
    log "haproxy: stopped"
  fi
}

drain() {
  local n=$1
  secrets
  log "draining node $n"
  haproxy_cmd "set server app/node$n state drain" >/dev/null
  stop_node "$n"
  start_node "$n"; wait_ready "$n"
  haproxy_cmd "set server app/node$n state ready" >/dev/null
  log "node $n back in service"
}

down() {
  if [ -f "$DIR/haproxy.pid" ]; then kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true; rm -f "$DIR/haproxy.pid"; fi
  for n in $(seq 1 "$NODES"); do stop_node "$n"; done
  for name in replica primary; do
    if [ -d "$DIR/$name" ] && pg_running "$DIR/$name"; then as_pg "$PGBIN/pg_ctl" -D "$DIR/$name" -m fast -w stop >/dev/null; fi
  done
  log "stopped"
  if [ "${1:-}" = --purge ]; then rm -rf "$DIR"; log "deleted $DIR"; fi
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  drain) [ -n "${2:-}" ] || die "usage: $0 drain N"; drain "$2" ;;
  roll) for n in $(seq 1 "$NODES"); do drain "$n"; done ;;
  stop) [ -n "${2:-}" ] || die "usage: $0 stop N"; secrets
        haproxy_cmd "set server app/node$2 state drain" >/dev/null; stop_node "$2"
        haproxy_cmd "set server app/node$2 state maint" >/dev/null; log "node $2 stopped" ;;
  start) [ -n "${2:-}" ] || die "usage: $0 start N"; secrets; start_node "$2"; wait_ready "$2"
         haproxy_cmd "set server app/node$2 state ready" >/dev/null; log "node $2 back in service" ;;
  down) down "${2:-}" ;;
  *) sed -n '2,18p' "$0"; exit 2 ;;
esac
