#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL + PostGIS server for the store tests.
#
# Idempotent and safe to run again; needs root (apt-get, pg_ctlcluster) on Debian 12 (bookworm).
# Creates the role `dashboard` (password `dashboard`) and the database `dashboard_test` with the
# postgis extension, then prints ONLY the connection URL on stdout, so CI can do:
#
#     export TEST_DATABASE_URL="$(bash scripts/start_postgis.sh)"
#
# Everything else (apt output, progress) goes to stderr.
set -euo pipefail

DB_NAME="${POSTGIS_DB:-dashboard_test}"
DB_USER="${POSTGIS_USER:-dashboard}"
DB_PASSWORD="${POSTGIS_PASSWORD:-dashboard}"

log() { echo "[start_postgis] $*" >&2; }

if [[ "$(id -u)" != "0" ]]; then
    log "root 권한이 필요합니다 (apt-get, pg_ctlcluster). sudo로 실행하세요."
    exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
    if [[ "$apt_updated" == "0" ]]; then
        log "apt-get update"
        apt-get update -q >&2
        apt_updated=1
    fi
    log "apt-get install $*"
    apt-get install -y -q --no-install-recommends "$@" >&2
}

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql postgresql-common
fi

# The server's major version (15 on bookworm), so the PostGIS package matches it.
PG_VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! ls /usr/share/postgresql/"$PG_VERSION"/extension/postgis.control >/dev/null 2>&1; then
    apt_install "postgresql-${PG_VERSION}-postgis-3"
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
    log "creating cluster $PG_VERSION/main"
    pg_createcluster "$PG_VERSION" main >&2
fi

PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')"
STATUS="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $4}')"
if [[ "$STATUS" != "online" ]]; then
    log "starting cluster $PG_VERSION/main on port $PORT"
    pg_ctlcluster "$PG_VERSION" main start >&2
fi

# Poll instead of sleeping a fixed time.
for _ in $(seq 1 60); do
    if pg_isready -q -h localhost -p "$PORT"; then
        break
    fi
    sleep 0.5
done
pg_isready -h localhost -p "$PORT" >&2

as_postgres() { runuser -u postgres -- "$@"; }
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}'")" != "1" ]]; then
    log "creating role ${DB_USER}"
    psql_admin -c "CREATE ROLE \"${DB_USER}\" LOGIN PASSWORD '${DB_PASSWORD}'" >&2
else
    psql_admin -c "ALTER ROLE \"${DB_USER}\" LOGIN PASSWORD '${DB_PASSWORD}'" >&2
fi

if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != "1" ]]; then
    log "creating database ${DB_NAME}"
    psql_admin -c "CREATE DATABASE \"${DB_NAME}\" OWNER \"${DB_USER}\"" >&2
fi

# The extension needs a superuser; the tests then only create schemas and tables as the owner.
psql_admin -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
log "PostGIS $(psql_admin -d "$DB_NAME" -tAc 'SELECT postgis_lib_version()') ready on localhost:${PORT}/${DB_NAME}"

echo "postgresql://${DB_USER}:${DB_PASSWORD}@localhost:${PORT}/${DB_NAME}"
