#!/bin/bash
# The stand-in image's entrypoint, doing what the official image's does for `postgres ...`: on an
# empty data directory, initdb with POSTGRES_USER as superuser and a password for connections
# over the network, then a temporary server on the socket only creates POSTGRES_DB (so that, as
# with the official image, "ready to accept connections" is logged twice on a first start), and
# finally the server runs in the foreground as the postgres user.
set -euo pipefail

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [[ ${1:-} != postgres ]]; then
  exec "$@"
fi

user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 0700 "$PGDATA"

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  if [[ -z ${POSTGRES_PASSWORD:-} ]]; then
    echo "error: the database is uninitialised and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  as_postgres initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA"
  rm -f "$pwfile"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  if [[ $db != postgres ]]; then
    as_postgres psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres \
      -c "create database \"$db\""
  fi
  as_postgres pg_ctl -D "$PGDATA" -m fast -w stop
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
