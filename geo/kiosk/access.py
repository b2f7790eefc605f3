"""The kiosk's accessibility: display modes, the visitor's control of time, help, and contrast arithmetic.

A public information kiosk must be usable by everyone (장애인차별금지법 and KWCAG 2.2). What the screen
can do lives here, as plain functions the page calls and the tests drive:

- three display modes, each a button on the kiosk and a URL parameter for the kiosk PC's start-up URL
  (``?text=large``, ``?contrast=high``, ``?reach=low``): :class:`KioskModes`; a visitor's choice lasts
  until the idle reset, which returns to the start-up URL's modes;
- which screen a mode change keeps (:func:`same_section`; the time controls are in ``geo.kiosk.rotation``);
- the help screen's text (:func:`help_html`), with whom to ask (the configured contact or a neutral
  default, never an invented number);
- WCAG contrast ratios (:func:`contrast_ratio`), so the tests can hold both themes to 4.5:1 for text and
  3:1 for symbols.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from geo.html import escape_html
from geo.i18n import t
from geo.kiosk.screens import KioskScreen

#: Each mode's URL parameter and the value that turns it on.
MODE_PARAMS: dict[str, tuple[str, str]] = {
    "large_text": ("text", "large"),
    "high_contrast": ("contrast", "high"),
    "low_reach": ("reach", "low"),
}
#: The layout's scale at ``text=large``: the whole kiosk (text, buttons, cards, legends, map) at 200 %.
LARGE_TEXT_SCALE = 2.0


@dataclass(frozen=True)
class KioskModes:
    """The display modes in force: 큰 글씨, 고대비, 낮은 화면."""

    large_text: bool = False
    high_contrast: bool = False
    low_reach: bool = False

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> KioskModes:
        """The modes a URL asks for (``?text=large&contrast=high&reach=low``); other values are ignored."""
        return cls(**{mode: params.get(name, "").strip().lower() == on for mode, (name, on) in MODE_PARAMS.items()})

    def toggled(self, mode: str) -> KioskModes:
        """These modes with ``mode`` (a field name) switched."""
        if mode not in MODE_PARAMS:
            raise ValueError(f"mode must be one of {', '.join(MODE_PARAMS)}, not {mode!r}")
        return replace(self, **{mode: not getattr(self, mode)})

    def is_on(self, mode: str) -> bool:
        return bool(getattr(self, mode))

    @property
    def scale(self) -> float:
        """How much larger than the default the layout is drawn."""
        return LARGE_TEXT_SCALE if self.large_text else 1.0

    def css_classes(self) -> str:
        """Class names for the page (``kiosk-large``, ``kiosk-contrast``, ``kiosk-low``)."""
        names = {"large_text": "kiosk-large", "high_contrast": "kiosk-contrast", "low_reach": "kiosk-low"}
        return " ".join(names[mode] for mode in MODE_PARAMS if self.is_on(mode))


def same_section(old: tuple[KioskScreen, ...], new: tuple[KioskScreen, ...], position: int) -> int:
    """Where screen ``position`` of ``old`` is in ``new`` (its section's first page), after a mode changed the pages."""
    if not 0 <= position < len(old):
        return 0
    section = old[position].section
    return next((n for n, screen in enumerate(new) if screen.section == section), 0)


# --- help -------------------------------------------------------------------------------------------------


def help_html(lang: str, contact: str = "") -> str:
    """How to use the kiosk and whom to ask, escaped; ``contact`` from the settings (a neutral line when empty)."""
    steps = "".join(f"<li>{escape_html(t(f'kiosk.help_{n}', lang))}</li>" for n in range(1, 7))
    ask = t("kiosk.help_contact", lang, contact=contact) if contact else t("kiosk.help_contact_default", lang)
    return (
        f'<section class="kiosk-help" aria-labelledby="kiosk-help-title">'
        f'<h2 id="kiosk-help-title" class="kiosk-screen-title">{escape_html(t("kiosk.help_title", lang))}</h2>'
        f'<ol class="kiosk-help-steps">{steps}</ol>'
        f'<p class="kiosk-help-ask"><b>{escape_html(t("kiosk.help_ask", lang))}</b> {escape_html(ask)}</p>'
        "</section>"
    )


# --- contrast (WCAG 2.x) ----------------------------------------------------------------------------------


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of a ``#RRGGBB`` colour (0 black to 1 white)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"colour must be #RRGGBB, not {colour!r}")
    channels = []
    for start in (0, 2, 4):
        c = int(value[start : start + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


#: The kiosk's colour pairs (foreground, background) in each theme, as its CSS (ui.kiosk_access) uses them:
#: the tests hold text to 4.5:1 and the status symbols to 3:1, and the accessibility report reads them
#: (a role ending in ``_symbol`` needs 3:1). The default theme's symbols carry a dark outline instead.
KIOSK_THEMES: dict[str, dict[str, tuple[str, str]]] = {
    "default": {
        "text": ("#000000", "#FFFFFF"),
        "text_body": ("#1A1A1A", "#FFFFFF"),
        "text_muted": ("#333333", "#FFFFFF"),
        "headline": ("#00457A", "#E8EEF4"),
        "link": ("#005A9C", "#FFFFFF"),
        "sample": ("#8A3B00", "#FFFFFF"),
        "page_number": ("#FFFFFF", "#1A1A1A"),  # the page number, the warning
    },
    "high_contrast": {
        "text": ("#FFFFFF", "#000000"),
        "chosen": ("#FFD400", "#000000"),
        "chosen_button": ("#000000", "#FFD400"),
        "sample": ("#FFB870", "#000000"),
    },
}


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
