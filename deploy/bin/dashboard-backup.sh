#!/usr/bin/env bash
# Daily backup with retention (dashboard-backup.timer runs it; an operator may run it by hand too).
#   PostGIS (DATABASE_URL set): pg_dump --format=custom of the dashboard schema into BACKUP_DIR,
#     keeping the newest BACKUP_KEEP files named dashboard-YYYYMMDD-HHMMSS.dump.
#   GeoPackage (no DATABASE_URL): python -m geo backup --keep BACKUP_KEEP (into DASHBOARD_STORE_DIR/backups).
# A failed or killed run leaves no half file behind: pg_dump writes to a hidden .partial file that is
# renamed only when complete, and removed on any error. One JSON line per run goes to the journal
# (event backup, the same fields as the app's python -m geo backup writes).
set -euo pipefail
KEEP="${BACKUP_KEEP:-14}"
PYTHON="${DASHBOARD_PYTHON:-python3}"
SCHEMA="${BACKUP_SCHEMA:-dashboard}"

log() { printf '{"ts": "%s", "level": "%s", "event": "backup", %s}\n' "$(date -u +%Y-%m-%dT%H:%M:%S+00:00)" "$1" "$2"; }

if [[ -z "${DATABASE_URL:-}" ]]; then
    exec "$PYTHON" -m geo backup --keep "$KEEP"  # logs its own line (file, bytes)
fi

DIR="${BACKUP_DIR:?BACKUP_DIR is not set (see dashboard.env)}"
mkdir -p "$DIR"
name="dashboard-$(date -u +%Y%m%d-%H%M%S).dump"
partial="$DIR/.$name.partial"
trap 'rm -f "$partial"' EXIT
if ! pg_dump --format=custom --schema="$SCHEMA" --no-owner --no-privileges --file="$partial" "$DATABASE_URL"; then
    log error "\"backend\": \"postgis\", \"message\": \"pg_dump failed\""
    exit 1
fi
mv "$partial" "$DIR/$name"
trap - EXIT
# Retention: keep the newest KEEP dumps (names sort by time), delete older ones and stale partial files.
ls -1 "$DIR" | grep -E '^dashboard-[0-9]{8}-[0-9]{6}\.dump$' | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
    rm -f -- "$DIR/$old"
done
find "$DIR" -maxdepth 1 -name '.dashboard-*.partial' -mmin +60 -delete
log info "\"backend\": \"postgis\", \"file\": \"$DIR/$name\", \"bytes\": $(stat -c %s "$DIR/$name"), \"keep\": $KEEP"
