#!/usr/bin/env bash
# A throw-away Citus cluster for `npm run test:citus`: a coordinator and two workers, each its own
# PostgreSQL 15 cluster (initdb into a temp dir, pg_ctl) on local ports 5441-5443 by default.
# Never touches the machine's own cluster (5432). Usage:
#   scripts/citus-cluster.sh start DIR   -> prints the coordinator's DATABASE_URL
#   scripts/citus-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
BASE=${CITUS_PORT:-5441}
PORTS=("$BASE" "$((BASE + 1))" "$((BASE + 2))")
DB=aftersale
# initdb and postgres refuse to run as root: run them as the postgres user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$cmd" = stop ]; then
  for p in "${PORTS[@]}"; do
    [ -d "$dir/n$p" ] && as_pg "$BIN/pg_ctl" -D "$dir/n$p" -m immediate stop >/dev/null 2>&1 || true
  done
  exit 0
fi

libdir=$("$BIN/pg_config" --pkglibdir)
if [ ! -f "$libdir/citus.so" ]; then
  echo "citus is not installed in $libdir: run /work/shared/citus/build.sh (or ../shared/citus/build.sh) first" >&2
  exit 2
fi
for p in "${PORTS[@]}"; do
  if "$BIN/pg_isready" -h 127.0.0.1 -p "$p" >/dev/null 2>&1; then
    echo "port $p is already in use: set CITUS_PORT to a free range" >&2
    exit 2
  fi
done
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
for p in "${PORTS[@]}"; do
  d="$dir/n$p"
  as_pg "$BIN/initdb" -D "$d" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb-$p.log" 2>&1
  cat >>"$d/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
# Few shards keep a schema's 30 tables quick to create (every test makes its own schema); still
# more than one per worker, so multi-shard paths (deadline claims, the relay) are exercised.
citus.shard_count = 4
CONF
  as_pg "$BIN/pg_ctl" -D "$d" -l "$dir/log-$p.txt" -w start >/dev/null
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$p" -U postgres -qAt -c "CREATE DATABASE $DB" >/dev/null
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$p" -U postgres -d "$DB" -qAt -c "CREATE EXTENSION citus" >/dev/null
done
c=(as_pg "$BIN/psql" -h 127.0.0.1 -p "${PORTS[0]}" -U postgres -d "$DB" -qAt)
"${c[@]}" -c "SELECT citus_set_coordinator_host('127.0.0.1', ${PORTS[0]})" >/dev/null
"${c[@]}" -c "SELECT citus_add_node('127.0.0.1', ${PORTS[1]})" >/dev/null
"${c[@]}" -c "SELECT citus_add_node('127.0.0.1', ${PORTS[2]})" >/dev/null
echo "postgres://postgres@127.0.0.1:${PORTS[0]}/$DB"
