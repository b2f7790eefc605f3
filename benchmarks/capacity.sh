#!/usr/bin/env bash
# Capacity for a city, in one run: p50/p95 page-ready for 1, 5, 10 and 20 concurrent sessions on /map,
# /districts and the kiosk, on one instance and on the local cluster (two staff and two kiosk instances
# behind nginx), each level followed by the same level on a bare Streamlit page (benchmarks/apps/bare_app.py,
# one st.write) so the ratio app ÷ bare is the figure. Prints markdown tables with the time and load average.
#
#   flock /tmp/browser.lock bash benchmarks/capacity.sh            # BENCH_DURATION=15 s per level by default
#
# Uses the cluster of deploy/local-cluster.sh (brought up if not running, taken down again if it started it)
# and a bare server on BENCH_BARE_PORT (8662). One instance = a cluster instance asked directly (8701 staff,
# 8711 kiosk: the same PostGIS, no nginx). Needs root like the cluster script.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${DASHBOARD_PYTHON:-$(command -v python)}"
DURATION="${BENCH_DURATION:-15}"
LEVELS="${BENCH_LEVELS:-1,5,10,20}"
BARE_PORT="${BENCH_BARE_PORT:-8662}"
BARE="http://127.0.0.1:$BARE_PORT"
OUT="${BENCH_OUT:-/tmp/capacity-$(date -u +%Y%m%dT%H%M%S).md}"

started_cluster=0
if ! curl -fs -o /dev/null "http://127.0.0.1:8080/_stcore/health"; then
    DASHBOARD_PYTHON="$PYTHON" bash "$ROOT/deploy/local-cluster.sh" up
    started_cluster=1
fi
# The same server flags as the instances (deploy/bin/dashboard-instance.sh): without fileWatcherType none each
# new session would watch the source tree, and the bare page would be the slow one.
(cd "$ROOT/benchmarks/apps" && exec "$PYTHON" -m streamlit run bare_app.py --server.port "$BARE_PORT" \
    --server.address 127.0.0.1 --server.headless true --server.fileWatcherType none \
    --browser.gatherUsageStats false) >/tmp/capacity-bare.log 2>&1 &
bare_pid=$!
cleanup() {
    kill "$bare_pid" 2>/dev/null || true
    if [[ "$started_cluster" == 1 ]]; then bash "$ROOT/deploy/local-cluster.sh" down; fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fs -o /dev/null "$BARE/_stcore/health" && break; sleep 0.5; done
"$PYTHON" "$ROOT/benchmarks/bench_load.py" load --url "$BARE" --page "" --n 1 --duration 3 >/dev/null  # warm

{
    echo "machine: $(nproc) cores, $(uname -m), $(. /etc/os-release && echo "$PRETTY_NAME"), $("$PYTHON" -V)," \
        "streamlit $("$PYTHON" -c 'import streamlit; print(streamlit.__version__)'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for target in "one instance|http://127.0.0.1:8701|http://127.0.0.1:8711" \
        "cluster (2+2 behind nginx)|http://127.0.0.1:8080|http://127.0.0.1:8081"; do
        IFS='|' read -r name staff kiosk <<<"$target"
        for page in map districts kiosk; do
            url="$staff"
            [[ "$page" == kiosk ]] && url="$kiosk"
            echo
            echo "## $name: $page"
            # Warm the page once (caches, first load of the data) so the first level is not a cold start.
            "$PYTHON" "$ROOT/benchmarks/bench_load.py" load --url "$url" --page "$page" --n 1 --duration 3 >/dev/null
            "$PYTHON" "$ROOT/benchmarks/bench_load.py" load --url "$url" --page "$page" --n "$LEVELS" \
                --duration "$DURATION" --bare "$BARE"
        done
    done
    echo
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
echo "written: $OUT" >&2
