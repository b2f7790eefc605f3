"""What 읽어 주기 reads on a kiosk screen: the screen's heading and the same HTML the screen shows, as text.

``kiosk_screen_fragments`` builds a screen's text column with the kiosk's own builders (the page shows
exactly these); ``kiosk_speech_text`` turns them into sentences with :func:`geo.speech.screen_speech_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from geo.clock import city_today
from geo.kiosk.area import area_screen_html
from geo.kiosk.overview import overview_html
from geo.kiosk.screens import KioskScreen, project_screen_html
from geo.kiosk.then import then_and_now, then_now_html
from geo.loaders import DashboardData
from geo.model.reference_layers import ReferenceLayer
from geo.speech import screen_speech_text


def kiosk_screen_fragments(
    screen: KioskScreen,
    data: DashboardData,
    layers: Sequence[ReferenceLayer],
    lang: str,
    near: tuple[float, float] | None = None,
    today: date | None = None,
) -> list[str]:
    """The HTML of the screen's text column, as ``app_pages/kiosk.py`` places it (map excluded).

    ``today``: the day the then-and-now screen compares with (None: today).
    """
    if screen.kind == "overview":
        return [overview_html(data.plan, data.services, lang)]
    if screen.kind == "projects":
        return [project_screen_html(data.services, screen, lang, near)]
    if screen.kind == "then":
        day = today or city_today()
        return [then_now_html(then_and_now(data.services, data.status_history, data.plan, day, lang), lang)]
    return [area_screen_html(data.plan, data.areas, data.services, layers, screen.area_id or "", lang)]


def kiosk_speech_text(
    screen: KioskScreen,
    data: DashboardData,
    layers: Sequence[ReferenceLayer],
    lang: str,
    near: tuple[float, float] | None = None,
    today: date | None = None,
) -> str:
    """The text read aloud for ``screen`` in ``lang``: its title, then what its text column shows."""
    fragments = kiosk_screen_fragments(screen, data, layers, lang, near, today)
    return screen_speech_text(screen.title(lang), fragments, lang)
