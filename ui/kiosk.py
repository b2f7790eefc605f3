"""The kiosk's Streamlit-specific look and touch script: full screen, portrait or landscape, no Streamlit chrome.

The layout follows the screen's shape with CSS alone: in landscape the map
and the text sit side by side; in portrait (the usual lobby stand) they
stack, map above and cards below, so the whole screen is used. Buttons wrap
their text instead of cutting it. Streamlit's header, menu, status widget and
dialogs (its English "Page not found" included) never show.
"""

from __future__ import annotations

from ui import widget_keys as keys
from ui.page_script import page_script

#: Streamlit's own chrome and dialogs: hidden on the public screen (``dashboard.py`` adds it before any page runs).
NO_STREAMLIT_CHROME_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="collapsedControl"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stMainMenu"],
[data-testid="stDialog"], [data-baseweb="modal"], [data-testid="stToast"], footer { display: none !important; }
</style>"""

#: Closes any Streamlit dialog as it opens: hidden is not enough, an open modal makes the page inert to touch.
CLOSE_DIALOGS_SCRIPT = (
    "<script>(function () {"
    "var doc = document; var win = window;"
    "function close() {"
    "  var dialog = doc.querySelector('[data-testid=\"stDialog\"]'); if (!dialog) return;"
    '  var button = dialog.querySelector(\'button[aria-label="Close"], button[aria-label="Dismiss"]\');'
    "  if (button) { button.click(); }"
    "}"
    "if (!win.__kioskDialogs) {"
    "  win.__kioskDialogs = new MutationObserver(close);"
    "  win.__kioskDialogs.observe(doc.body, {childList: true, subtree: true}); }"
    "close();"
    "})();</script>"
)

#: High contrast, large type (≥ 24 px), touch targets ≥ 56 px; the layout by the screen's shape.
KIOSK_CSS = keys.widget_css("""<style>
.stApp { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.6rem 2.4rem 0.4rem; max-width: 100%; }
.stApp { word-break: keep-all; overflow-wrap: anywhere; }
.stApp, .stApp p, .stApp li, .stApp span { font-size: 26px; }
.stApp button { min-height: 68px; min-width: 68px; padding: 0.4rem 1.1rem; border-width: 2px; }
/* Buttons wrap their words; they never cut them with an ellipsis. */
.stApp button p, .stApp button div { font-size: 28px; font-weight: 700; white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; line-height: 1.2; }
.stApp [data-stale="true"], .stApp .stale-element { opacity: 1 !important; transition: none !important; }
$KIOSK_TOUCH { display: none !important; }
/* An element that only holds styles or a script takes no room (its gap in the column was 16 px each). */
[data-testid="stElementContainer"]:has(> .stHtml):not(:has(> .stHtml > :not(style, script))) { display: none; }
/* The screen buttons, the control bar and the languages: one row each where the width allows (landscape),
   text 24 px, touch targets 56 px high (KWCAG asks 44 px at least). */
$KIOSK_NAV, $KIOSK_CONTROLS, $KIOSK_TOP, $KIOSK_LANG { row-gap: 10px; column-gap: 10px; }
$KIOSK_NAV button, $KIOSK_CONTROLS button, $KIOSK_TOP button, $KIOSK_LANG button {
  min-height: 56px; min-width: 56px; padding: 0.2rem 0.75rem; }
$KIOSK_NAV button p, $KIOSK_CONTROLS button p, $KIOSK_TOP button p,
$KIOSK_LANG button p { font-size: 24px; }
$KIOSK_CONTROLS button [data-testid="stIconMaterial"] { font-size: 28px; }
/* The map is a picture here: touches go to the page (they pause the rotation) and nothing hides behind a hover. */
$KIOSK_MAP iframe { pointer-events: none; border: 2px solid #333; border-radius: 8px; }
.kiosk-title { font-size: 52px; font-weight: 800; line-height: 1.15; margin: 0; }
.kiosk-screen-title { font-size: 44px; font-weight: 800; margin: 0 0 0.3rem; line-height: 1.2; }
.kiosk-headline { display: flex; flex-wrap: wrap; gap: 6px 22px; align-items: baseline; margin: 0 0 10px;
  padding: 10px 16px; background: #E8EEF4; border-radius: 10px; }
.kiosk-headline b { font-size: 30px; color: #00457A; }
.kiosk-headline span { font-size: 28px; font-weight: 700; }
.kiosk-intro { margin-bottom: 0.6rem; }
.kiosk-kind { font-size: 26px; font-weight: 700; color: #1A1A1A; }
.kiosk-facts { font-size: 24px; color: #1A1A1A; line-height: 1.45; }
.stApp .kiosk-source { font-size: 24px; color: #333333; margin-top: 6px; }
.kiosk-count { font-size: 26px; font-weight: 800; margin: 4px 0 6px; }
.kiosk-page { font-size: 34px; font-weight: 800; color: #FFFFFF; background: #1A1A1A; border-radius: 8px;
  padding: 0 12px; margin-left: 10px; vertical-align: middle; }
/* A page of cards fits its screen (geo.kiosk.screens.paginate); should a card outgrow its estimate, the list still
   scrolls by touch (a thick bar shows it) rather than cutting it. */
.kiosk-list { max-height: 50vh; overflow-y: auto; overscroll-behavior: contain; touch-action: pan-y;
  padding-right: 10px; }
.kiosk-list::-webkit-scrollbar { width: 18px; }
.kiosk-list::-webkit-scrollbar-thumb { background: #555555; border-radius: 9px; }
.kiosk-list::-webkit-scrollbar-track { background: #E8E8E8; border-radius: 9px; }
.kiosk-cards { display: grid; gap: 14px; grid-template-columns: 1fr; }
.kiosk-cards.wide { grid-template-columns: 1fr 1fr; }
.kiosk-card { border: 2px solid #1A1A1A; border-radius: 10px; padding: 12px 16px; background: #FFFFFF; }
.kiosk-card.part { margin-left: 28px; border-left-width: 8px; }  /* a programme's part, under its programme */
.kiosk-rows { display: flex; flex-direction: column; gap: 8px; }
.kiosk-row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; border: 2px solid #1A1A1A;
  border-radius: 10px; padding: 6px 14px; }
.kiosk-row-name { font-size: 28px; font-weight: 800; }
.kiosk-station { font-size: 27px; font-weight: 800; margin: 6px 0; }
.kiosk-plan-note { margin: 4px 0 8px; }
.kiosk-projects { margin-top: 12px; padding-top: 8px; border-top: 3px solid #1A1A1A; }
.kiosk-card-head { display: flex; align-items: center; gap: 18px; flex-wrap: wrap; }
.kiosk-status { display: inline-flex; align-items: center; gap: 8px; font-size: 26px; font-weight: 800; }
.kiosk-area { font-size: 24px; font-weight: 700; background: #E8EEF4; padding: 2px 10px; border-radius: 6px; }
.kiosk-period { font-size: 24px; font-weight: 700; color: #1A1A1A; }
.kiosk-name { font-size: 30px; font-weight: 800; margin-top: 4px; }
.kiosk-desc { font-size: 25px; line-height: 1.4; color: #111111; }
.kiosk-more, .kiosk-empty { font-size: 26px; font-weight: 700; margin-top: 10px; }
.kiosk-more { grid-column: 1 / -1; }  /* under the last card, across both columns of a wide list */
.stApp .kiosk-glyph { font-size: 34px; line-height: 1; -webkit-text-stroke: 1px #1A1A1A; }
.kiosk-numbers { display: flex; flex-wrap: wrap; gap: 10px 14px; margin: 6px 0 8px; }
.kiosk-number { flex: 1 1 0; min-width: 150px; border: 2px solid #1A1A1A; border-radius: 10px; padding: 4px 14px; }
.kiosk-number b { display: block; font-size: 44px; color: #005A9C; line-height: 1.1; white-space: nowrap; }
.kiosk-number span { font-size: 24px; font-weight: 700; line-height: 1.25; display: block; }
.kiosk-vision { font-size: 29px; font-weight: 800; line-height: 1.3; margin: 2px 0; }
.kiosk-directions { font-size: 26px; line-height: 1.4; }
.kiosk-footer { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px; margin-top: 6px; }
.kiosk-dots { display: inline-flex; gap: 12px; }
.kiosk-dot { width: 22px; height: 22px; border-radius: 50%; border: 3px solid #1A1A1A; display: inline-block; }
.kiosk-dot.on { background: #1A1A1A; }
.kiosk-hint { font-size: 24px; font-weight: 700; }
.kiosk-sample { font-size: 24px; font-weight: 800; color: #8A3B00; }
/* Portrait: map above, text and cards below, each the full width; the list takes what is left. */
@media (orientation: portrait) {
  $KIOSK_BODY [data-testid="stHorizontalBlock"] { flex-direction: column; gap: 18px; }
  $KIOSK_BODY [data-testid="stColumn"] { width: 100% !important; flex: 1 1 auto !important; }
  .kiosk-list { max-height: 30vh; }
  .kiosk-list:has(.wide) { max-height: 72vh; }
  .kiosk-cards.wide { grid-template-columns: 1fr; }
}
@media (orientation: landscape) {
  .kiosk-list:has(.wide) { max-height: 62vh; }
  /* Beside the map the text column is short: tighter lines, the same sizes (text stays at 24 px or more). */
  .kiosk-facts, .kiosk-desc, .kiosk-directions { line-height: 1.3; }
  .kiosk-screen-title { font-size: 40px; }
  .kiosk-vision { font-size: 27px; }
  .kiosk-headline { padding: 6px 14px; }
  .kiosk-headline span { font-size: 26px; }
}
</style>""")


def touch_script(button_key: str, throttle_ms: int = 1500, zoom: float = 1.0) -> str:
    """A script for the page (``static/js/kiosk_touch.js``): any touch, click, key or wheel on the page clicks
    the hidden touch button, and the card list and the map share the screen's height.

    Touches on a button are left to the button (it reports itself). At most one report per
    ``throttle_ms``. The listener is installed once per tab and replaced on a later run. ``zoom``: the
    layout's CSS zoom (2 at 큰 글씨), by which the screen's pixels are divided before they size the map.
    """
    config = {"selector": f".st-key-{button_key} button", "throttle": throttle_ms, "zoom": zoom}
    return page_script("kiosk_touch.js", config)


# On the kiosk's maps the legend and the scale stand in the top left corner. Fitted to the city, the bottom left
# (where the staff maps keep them, over the sea) holds 초지 and the free economic zone, whose labels the legend
# covered on the portrait screen; the city's north-west corner is empty land. (Wrapping the legend's two long
# lines to narrow it made it tall enough to cover 신길2 in landscape.)
#: The gap (CSS px) an area label keeps from the legend, the other map controls and the map's edge.
LABEL_MARGIN_PX = 4
KIOSK_MAP_CSS = """<style>
.leaflet-bottom.leaflet-left { top: 0; bottom: auto; }
.leaflet-bottom.leaflet-left .leaflet-control { margin-top: 10px; margin-bottom: 0; }
</style>"""
# At 큰 글씨 the map's page is drawn at 2× with the rest: its legend at the kiosk's 24 px was wider than the map
# (cut at its right edge); at 14 px it is drawn at 28.
KIOSK_MAP_LARGE_CSS = """<style>
.leaflet-container .dash-legend { font-size: 14px; }
</style>"""


def kiosk_map_page(html: str, large: bool = False) -> str:
    """A kiosk map's page (folium's rendered HTML) with :data:`KIOSK_MAP_CSS` in its head (and the 큰 글씨 legend)."""
    # The area labels step clear of the legend and in from the frame's edges, whatever the screen and language.
    labels = page_script("kiosk_map_labels.js", {"margin": LABEL_MARGIN_PX})
    return html.replace("</head>", KIOSK_MAP_CSS + (KIOSK_MAP_LARGE_CSS if large else "") + labels + "</head>", 1)
