#!/usr/bin/env bash
# Render the nginx templates (*.conf.in) into OUT_DIR, filling the @@NAME@@ placeholders.
# The production install and deploy/local-cluster.sh both use this, so they run the same configuration.
#
# Usage:
#   APP_PORTS="8501 8502" CACHE_DIR=/var/cache/nginx/dashboard HEALTH_ADDR=127.0.0.1:8590 \
#   SERVER_NAME=dashboard.example.go.kr HEALTH_ALLOW="10.0.0.0/24" bash deploy/nginx/render.sh OUT_DIR
set -euo pipefail
OUT="${1:?usage: render.sh OUT_DIR}"
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_PORTS="${APP_PORTS:-8501 8502}"
CACHE_DIR="${CACHE_DIR:-/var/cache/nginx/dashboard}"
HEALTH_ADDR="${HEALTH_ADDR:-127.0.0.1:8590}"
SERVER_NAME="${SERVER_NAME:-dashboard.example.go.kr}"
HEALTH_ALLOW="${HEALTH_ALLOW:-}"

servers=""
for port in $APP_PORTS; do
    servers+="    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;"$'\n'
done
allow=""
for net in $HEALTH_ALLOW; do
    allow+="    allow ${net};"$'\n'
done
mkdir -p "$OUT"
for template in "$HERE"/*.conf.in; do
    target="$OUT/$(basename "$template" .in)"
    APP_SERVERS="${servers%$'\n'}" HEALTH_ALLOW_LINES="${allow%$'\n'}" CACHE_DIR="$CACHE_DIR" HEALTH_ADDR="$HEALTH_ADDR" \
        SERVER_NAME="$SERVER_NAME" python3 -c '
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name in ("APP_SERVERS", "CACHE_DIR", "HEALTH_ADDR", "SERVER_NAME"):
    text = text.replace("@@" + name + "@@", os.environ[name])
text = text.replace("@@HEALTH_ALLOW@@", os.environ["HEALTH_ALLOW_LINES"])
if "@@" in text:
    sys.exit("unfilled placeholder in " + sys.argv[1])
open(sys.argv[2], "w", encoding="utf-8").write(text)
' "$template" "$target"
done
echo "$OUT"
