#!/usr/bin/env bash
# Starts a streaming replica of the local PostgreSQL server (127.0.0.1:5432) on 127.0.0.1:5433 (REPLICA_PORT), for
# the read-routing tests (TEST_REPLICA_URL) and for trying REPLICA_DATABASE_URL by hand. Debian's server packages:
# pg_basebackup from the primary, then a hot standby started with pg_ctl. Idempotent: a running replica is kept.
#   scripts/pg-replica.sh          start (allows replication connections from 127.0.0.1 on the primary if needed)
#   scripts/pg-replica.sh stop     stop it and remove its data directory
set -euo pipefail
PORT=${REPLICA_PORT:-5433}
DIR=${REPLICA_DIR:-/var/tmp/crm-pg-replica}
VER=$(ls /etc/postgresql | sort -V | tail -1)
BIN=/usr/lib/postgresql/$VER/bin
HBA=/etc/postgresql/$VER/main/pg_hba.conf
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if [ "${1:-start}" = stop ]; then
  [ -d "$DIR" ] && as_postgres "$BIN/pg_ctl -D $DIR -m fast -w stop" || true
  rm -rf "$DIR" "$DIR.log"
  exit 0
fi
if pg_isready -q -h 127.0.0.1 -p "$PORT"; then echo "replica already running on port $PORT"; exit 0; fi

# The primary must accept replication connections from loopback (the same trust as its other local connections).
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$HBA"; then
  echo 'host replication all 127.0.0.1/32 trust' >> "$HBA"
  psql -h 127.0.0.1 -U postgres -qAtc 'select pg_reload_conf()' > /dev/null
fi

[ -d "$DIR" ] && as_postgres "$BIN/pg_ctl -D $DIR -m immediate -w stop" > /dev/null 2>&1 || true
rm -rf "$DIR" "$DIR.log"
as_postgres "$BIN/pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $DIR -R -X stream -c fast"
# Debian keeps the primary's configuration in /etc: the copy needs its own.
as_postgres "cat > $DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 60s
CONF
as_postgres "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > $DIR/pg_hba.conf"
as_postgres "$BIN/pg_ctl -D $DIR -l $DIR.log -w start" > /dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -qAtc 'select pg_is_in_recovery()' | grep -q t
echo "streaming replica of 127.0.0.1:5432 running on 127.0.0.1:$PORT (data $DIR)"
