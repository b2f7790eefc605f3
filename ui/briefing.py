"""The briefing's Streamlit-specific look and keys: projector type sizes, presentation mode, clicker keys.

Presentation mode hides the sidebar, Streamlit's header and toolbars and the
slide controls with CSS (they stay in the page, so the keys can still click
them); the slide then owns the whole screen. Keys reach the server through
hidden buttons (found by their ``.st-key-<key>`` class), as clickers send
keys, not clicks. Blanking the screen ("b", as PowerPoint does) is a black
layer in the browser alone: nothing reruns.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import streamlit as st

from geo.html import escape_html
from ui import widget_keys as keys
from ui.page_script import page_script

#: Session key of the notes on dates of the address that could not be used (kept for the visit).

#: Keys that move the briefing, as presentation clickers and keyboards send them.
NEXT_KEYS: tuple[str, ...] = ("PageDown", "ArrowRight", "ArrowDown", " ", "Enter")
PREVIOUS_KEYS: tuple[str, ...] = ("PageUp", "ArrowLeft", "ArrowUp", "Backspace")
FIRST_KEYS: tuple[str, ...] = ("Home",)
LAST_KEYS: tuple[str, ...] = ("End",)
#: Blank screen: "b" and "." (PowerPoint's keys; clickers send one of them).
BLANK_KEYS: tuple[str, ...] = ("b", "B", ".")
#: Enter or leave presentation mode; Escape only leaves it. F5 starts a show in PowerPoint.
PRESENT_KEYS: tuple[str, ...] = ("p", "P", "F5")
LEAVE_KEYS: tuple[str, ...] = ("Escape",)

#: Large type for the projector: the page's own text (charts and maps size themselves).
BRIEFING_CSS = keys.widget_css("""<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 1rem; }
$BRIEFING_SLIDE h1 { font-size: 2.6rem; padding: 0.2rem 0 0; }
$BRIEFING_SLIDE p, $BRIEFING_SLIDE li { font-size: 1.4rem; line-height: 1.45; }
$BRIEFING_SLIDE [data-testid="stMetricValue"], $BRIEFING_SLIDE [data-testid="stMetricValue"] * {
  font-size: min(2.8rem, 14cqi); font-weight: 700; color: #005A9C; }
$BRIEFING_SLIDE [data-testid="stMetricLabel"] p { font-size: 1.4rem; }
$BRIEFING_SLIDE [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
$BRIEFING_SLIDE [data-testid="stAlert"] p { font-size: 1.1rem; }
$BRIEFING_SLIDE table { font-size: 1.25rem; }
.bf-summary { font-size: 1.3rem; margin: 0 0 0.4rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1.4rem; }
.bf-glyph { font-size: 1.25em; margin-right: 0.25em; }
.bf-status-word { font-weight: 600; }
.bf-portfolio { column-count: 3; column-gap: 2.2rem; }
.bf-group { break-inside: avoid; margin: 0 0 0.7rem; }
.bf-group-title { font-size: 1.45rem; font-weight: 700; border-bottom: 2px solid #D0D7DE; margin-bottom: 0.2rem; }
.bf-swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 0.15em; margin-right: 0.4em; }
.bf-portfolio ul, .bf-area-projects { list-style: none; padding: 0; margin: 0; }
.bf-portfolio li, .bf-area-projects li { font-size: 1.3rem; line-height: 1.3; margin: 0.2rem 0; display: grid;
  grid-template-columns: 4.4em 1fr; align-items: baseline; }
.bf-portfolio li li { font-size: 1.15rem; margin: 0.1rem 0; }
.bf-en li { grid-template-columns: 6.4em 1fr; }
.bf-portfolio li > ul.bf-parts { grid-column: 1 / -1; margin-left: 1.6em; border-left: 3px solid #D0D7DE;
  padding-left: 0.5em; }
.bf-badge { white-space: nowrap; font-size: 0.92em; }
.bf-tag { color: #555555; font-size: 0.9em; }
.bf-cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem 1.6rem; }
.bf-card { border-left: 5px solid #009E73; padding: 0.2rem 0.6rem; }
.bf-card-name { font-size: 1.35rem; font-weight: 700; line-height: 1.3; }
.bf-card-text { font-size: 1.2rem; line-height: 1.35; }
.bf-card-where { font-size: 1.05rem; color: #444444; line-height: 1.3; }
.bf-counts { font-size: 1.2rem; border-collapse: collapse; }
.bf-counts th, .bf-counts td { padding: 0.2rem 0.8rem; border-bottom: 1px solid #D0D7DE; text-align: right; }
.bf-counts th:first-child { text-align: left; }
$BRIEFING_PREVIOUS button, $BRIEFING_NEXT button { min-height: 3rem; font-size: 1.3rem; }
$BRIEFING_HIDDEN { display: none !important; }
.briefing-counter { position: fixed; right: 1.2rem; bottom: 0.6rem; z-index: 1000; font-size: 1.3rem;
  font-weight: 700; color: #1A1A1A; background: rgba(255, 255, 255, 0.85); padding: 0.1rem 0.6rem;
  border-radius: 0.4rem; font-variant-numeric: tabular-nums; }
</style>""")

#: Presentation mode: nothing but the slide and its counter.
PRESENTATION_CSS = keys.widget_css("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="collapsedControl"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stElementToolbar"],
$BRIEFING_CONTROLS, footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2.5rem 0.4rem; max-width: 100%; }
[data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: hidden !important; }
.stApp [data-stale="true"], .stApp .stale-element { opacity: 1 !important; transition: none !important; }
$BRIEFING_SLIDE h1 { padding-top: 0; }
</style>""")


#: Leaflet's own buttons inside a slide's map: nothing to click on a projector.
_MAP_CONTROLS_CSS = (
    "<style>.leaflet-control-zoom, .dash-fullscreen, .leaflet-control-layers { display: none !important; }</style>"
)


def day_field(container: Any, label: str, key: str, default: date, max_value: date) -> date:
    """A date field that starts at ``default`` (the URL's day) and keeps the visitor's choice afterwards; a
    choice later than ``max_value`` (a start after a new as-of day) goes back to ``default``."""
    chosen = st.session_state.get(key)
    if isinstance(chosen, date) and chosen > max_value:
        st.session_state[key] = min(default, max_value)
    if key in st.session_state:
        return cast(date, container.date_input(label, key=key, max_value=max_value))
    return cast(date, container.date_input(label, value=min(default, max_value), key=key, max_value=max_value))


def without_map_controls(map_html: str) -> str:
    """A rendered Folium page whose zoom, full-screen and layer buttons are hidden (presentation mode)."""
    return map_html.replace("</head>", _MAP_CONTROLS_CSS + "</head>", 1)


def counter_html(position: int, count: int, hint: str) -> str:
    """The slide counter ('3 / 8') at the bottom right; ``hint`` (how to leave) is its tooltip."""
    return (
        f'<div class="briefing-counter" data-slide="{position}" title="{escape_html(hint)}">'
        f"{position + 1} / {count}</div>"
    )


def keyboard_script(buttons: dict[str, str], presenting: bool, position: int = 0) -> str:
    """A script for the page: clicker and keyboard keys click the briefing's (hidden) buttons.

    ``buttons`` maps an action (``next``, ``previous``, ``first``, ``last``,
    ``present``) to a button's Streamlit key. Keys typed into an input (the
    date fields) are left alone. "b" or "." lays a black screen over
    everything (or lifts it); while it is down any other key only lifts it.
    In presentation mode the slide is scaled down, never cut, when it is
    taller than the window. The listener is installed once per tab and
    replaced on a later run; ``position`` (the slide shown) makes each
    slide's script new, so it runs again and fits the new slide. The script is ``static/js/briefing_keys.js``.
    """
    return page_script(
        "briefing_keys.js",
        {
            "buttons": {action: f"{keys.selector(key)} button" for action, key in buttons.items()},
            "keys": {
                "next": list(NEXT_KEYS),
                "previous": list(PREVIOUS_KEYS),
                "first": list(FIRST_KEYS),
                "last": list(LAST_KEYS),
                "present": list(PRESENT_KEYS),
                "leave": list(LEAVE_KEYS) if presenting else [],
            },
            "blank": list(BLANK_KEYS),
            "presenting": presenting,
            "slide": position,
        },
    )
