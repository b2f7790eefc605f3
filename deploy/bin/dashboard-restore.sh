#!/usr/bin/env bash
# Restore a PostGIS backup (a dump dashboard-backup.sh made) over the dashboard schema, keeping the security
# record: the audit log, sign-in attempts and locks are left out of the restore (a restore never unlocks an
# account), and the restore itself gets an audit row. One transaction: a failure changes nothing.
#   usage: DATABASE_URL=... deploy/bin/dashboard-restore.sh /var/backups/dashboard/dashboard-YYYYMMDD-HHMMSS.dump
# The GeoPackage store does the same with: python -m geo restore NAME
set -euo pipefail
DUMP="${1:?usage: dashboard-restore.sh DUMP_FILE}"
URL="${DATABASE_URL:?DATABASE_URL is not set (see dashboard.env)}"
SCHEMA="${BACKUP_SCHEMA:-dashboard}"
WHO="${SUDO_USER:-${USER:-unknown}}"
[[ "$SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BACKUP_SCHEMA must be a plain lower-case name" >&2; exit 2; }

list="$(mktemp)"
trap 'rm -f "$list"' EXIT
# Everything but the schema entry (dropping it would take the kept tables along) and the kept tables'
# definitions, data, sequences, keys and indexes.
pg_restore --list "$DUMP" | grep -vE ' SCHEMA - | (audit_log|sign_in_attempts|sign_in_locks)( |_id_seq )' >"$list"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction -L "$list" -d "$URL" "$DUMP"
psql "$URL" -q -v ON_ERROR_STOP=1 -v who="$WHO" -v dump="$(basename "$DUMP")" <<SQL
BEGIN;
INSERT INTO $SCHEMA.audit_log (at, user_name, action, detail)
VALUES (to_char(now() AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD"T"HH24:MI:SS') || '+09:00', :'who', 'restore',
        '백업 ' || :'dump' || '에서 복원했습니다 (감사 기록과 로그인 잠금은 유지)');
UPDATE $SCHEMA.store_meta SET value = md5(random()::text || clock_timestamp()::text) WHERE key = 'revision';
COMMIT;
SQL
echo "restored $DUMP into schema $SCHEMA; audit log and sign-in locks kept"
