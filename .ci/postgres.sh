#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL server for the store tests, then print the URL to export:
#   eval "$(bash .ci/postgres.sh)"    # sets ANALYZER_TEST_POSTGRES_URL
# Runs as root on a Debian/Ubuntu machine (CI, a developer's box). Idempotent: safe to run twice.
set -euo pipefail

DB=${ANALYZER_PG_DB:-analyzer_test}
USER_NAME=${ANALYZER_PG_USER:-analyzer}
PASSWORD=${ANALYZER_PG_PASSWORD:-analyzer}
PORT=${ANALYZER_PG_PORT:-5432}

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -p $port" && break
  sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $port -tAc \"$1\""; }
if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" ]; then
  psql_admin "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql_admin "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi

# a superuser (the read-only SQL tests prove `analyzer sql` refuses it) and a plain login for reader tests
for role in "${USER_NAME}_admin SUPERUSER" "${USER_NAME}_reader NOSUPERUSER NOINHERIT"; do
  set -- $role
  if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$1'")" ]; then
    psql_admin "CREATE ROLE $1 LOGIN $2 ${3:-} PASSWORD '$PASSWORD'" >&2
  fi
done
psql_admin "GRANT CONNECT ON DATABASE $DB TO ${USER_NAME}_reader" >&2

echo "export ANALYZER_TEST_POSTGRES_URL=postgresql://$USER_NAME:$PASSWORD@localhost:$port/$DB"
echo "export ANALYZER_TEST_POSTGRES_SUPERUSER_URL=postgresql://${USER_NAME}_admin:$PASSWORD@localhost:$port/$DB"
echo "export ANALYZER_TEST_POSTGRES_READER_URL=postgresql://${USER_NAME}_reader:$PASSWORD@localhost:$port/$DB"
