#!/usr/bin/env bash
# Chromium in kiosk mode for the lobby display: full screen, no error bubbles, no translate prompt,
# no pinch zoom or swipe navigation, no "restore pages?" after a power cut, no first-run or update nags.
# Usage: kiosk-launch.sh URL   (kiosk-watchdog.sh starts it and starts it again when needed)
set -euo pipefail
URL="${1:?usage: kiosk-launch.sh URL}"
PROFILE="${KIOSK_PROFILE:-$HOME/.config/dashboard-kiosk/chromium}"
BROWSER="${KIOSK_CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
mkdir -p "$PROFILE/Default"
# A power cut leaves "exited_cleanly": false, which makes Chromium offer to restore pages: mark it clean.
prefs="$PROFILE/Default/Preferences"
if [[ -f "$prefs" ]]; then
    sed -i -e 's/"exited_cleanly":false/"exited_cleanly":true/' -e 's/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$prefs"
fi
exec "$BROWSER" \
    --kiosk "$URL" \
    --user-data-dir="$PROFILE" \
    --noerrdialogs \
    --disable-infobars \
    --disable-session-crashed-bubble \
    --hide-crash-restore-bubble \
    --disable-translate \
    --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,InfiniteSessionRestore \
    --disable-pinch \
    --overscroll-history-navigation=0 \
    --no-first-run \
    --no-default-browser-check \
    --disable-component-update \
    --check-for-update-interval=31536000 \
    --password-store=basic \
    --autoplay-policy=no-user-gesture-required \
    --disable-background-networking \
    --disable-sync
