#!/usr/bin/env bash
# Keeps the lobby screen on the kiosk: starts the browser (kiosk-launch.sh), starts it again if it exits,
# and when the server's health answer comes back after an outage, restarts the browser so the screen is
# a fresh kiosk page even if the browser was left on an error page ("this site can't be reached"),
# e.g. after the PC booted before the server. The page itself also reloads when the server returns
# (geo/reconnect.py); this covers the cases where the page is not there to do it.
# Settings: ~/.config/dashboard-kiosk/kiosk.env (see kiosk.env.example) or the environment.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CONFIG="${KIOSK_CONFIG:-$HOME/.config/dashboard-kiosk/kiosk.env}"
if [[ -f "$CONFIG" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ ^KIOSK_[A-Z_]+= ]] && export "${line?}"
    done <"$CONFIG"
fi
URL="${KIOSK_URL:?KIOSK_URL is not set (see kiosk.env.example)}"
HEALTH="${KIOSK_HEALTH_URL:-${URL%/}/_stcore/health}"
POLL="${KIOSK_POLL:-10}"
LAUNCH="${KIOSK_LAUNCH:-$HERE/kiosk-launch.sh}"

say() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) kiosk-watchdog: $*" >&2; }
healthy() { curl -fsS --max-time 5 -o /dev/null "$HEALTH"; }

browser=""
start_browser() {
    "$LAUNCH" "$URL" &
    browser=$!
    say "browser started (pid $browser)"
}
stop_browser() {
    [[ -n "$browser" ]] || return 0
    kill "$browser" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$browser" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$browser" 2>/dev/null
    wait "$browser" 2>/dev/null
    browser=""
}
trap 'stop_browser; exit 0' INT TERM

was_up=1
healthy || was_up=0
start_browser
while true; do
    sleep "$POLL"
    if ! kill -0 "$browser" 2>/dev/null; then
        say "browser exited; starting it again"
        wait "$browser" 2>/dev/null
        start_browser
    fi
    if healthy; then
        if [[ "$was_up" == "0" ]]; then
            say "server is back; restarting the browser on the kiosk page"
            stop_browser
            start_browser
        fi
        was_up=1
    else
        [[ "$was_up" == "1" ]] && say "server not answering ($HEALTH); the page shows its reconnecting notice"
        was_up=0
    fi
done
