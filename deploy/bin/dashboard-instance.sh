#!/usr/bin/env bash
# Start one app instance on 127.0.0.1:PORT (nginx is the only thing that talks to it).
# Used by the systemd unit dashboard@PORT.service and by deploy/local-cluster.sh, so both run the same command.
# Usage: dashboard-instance.sh PORT   (run from the app folder, with the environment file loaded)
set -euo pipefail
PORT="${1:?usage: dashboard-instance.sh PORT}"
PYTHON="${DASHBOARD_PYTHON:-python3}"
# Build the store (or bring it up to date) before serving, so no visitor waits for it (seconds at 100,000
# services). A data folder with a problem is not fatal here: the app then starts and shows its Korean error page.
"$PYTHON" -m geo init || echo "dashboard-instance: python -m geo init failed; the app will show why" >&2
exec "$PYTHON" -m streamlit run dashboard.py \
    --server.port "$PORT" \
    --server.address 127.0.0.1 \
    --server.headless true \
    --server.fileWatcherType none \
    --browser.gatherUsageStats false
