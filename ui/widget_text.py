"""Streamlit's own widget text in Korean on Korean screens: the date picker's calendar, the file uploader.

Streamlit writes some text of its widgets in English and has no setting for
it (the calendar's month and day names, the uploader's "Drag and drop file
here" and "Browse files"). Where a Streamlit option hides such text, the
pages use it (multiselects without "Select all"); for the rest this script
replaces the English text nodes inside those widgets with the Korean of
``geo.i18n``, again whenever Streamlit redraws them. Only text is changed,
never an element, so the widgets work as before.
"""

from __future__ import annotations

from geo.i18n import t
from ui.page_script import page_script

#: The English month names Streamlit's calendar writes (fixed in its code, whatever the browser's language).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Where Streamlit's English widget text appears; nothing outside these is touched. The element toolbar
#: (a table's Download/Search/Fullscreen) says its words in button labels and in a tooltip drawn on hover.
WIDGET_SELECTORS = (
    '[data-testid="stDateInputCalendar"]',
    '[data-testid="stFileUploaderDropzone"]',
    '[data-testid="stFileUploader"] section',
    '[data-testid="stElementToolbar"]',
    '[data-testid="stTooltipContent"]',
)


def korean_widget_texts() -> dict[str, str]:
    """Streamlit's English widget words (exact text of a node or a button's label) and the Korean shown instead."""
    months = {name: t("widget.month", "ko", n=n) for n, name in enumerate(MONTHS, start=1)}
    weekdays = dict(zip(t("widget.weekdays", "en").split(","), t("widget.weekdays", "ko").split(","), strict=True))
    return {
        **months,
        **weekdays,
        "Drag and drop file here": t("widget.upload_drop", "ko"),
        "Drag and drop files here": t("widget.upload_drop", "ko"),
        "Browse files": t("widget.upload_browse", "ko"),
        "Upload": t("widget.upload_browse", "ko"),
        "No results": t("widget.no_results", "ko"),
        "Use arrow keys to navigate dates. Enter to select. Escape to close.": t("widget.calendar_keys", "ko"),
        "Download as CSV": t("widget.toolbar_csv", "ko"),
        "Search": t("widget.toolbar_search", "ko"),
        "Fullscreen": t("widget.toolbar_fullscreen", "ko"),
        "Close fullscreen": t("widget.toolbar_close_fullscreen", "ko"),
        "Clear selection": t("widget.toolbar_clear_selection", "ko"),
        "Show/hide columns": t("widget.toolbar_columns", "ko"),
    }


def korean_widget_script() -> str:
    """A script for the page (Korean screens): Streamlit's English widget text becomes Korean as it is drawn.

    It watches only what is added or rewritten: a change is looked at when it lies in (or brings) one of
    :data:`WIDGET_SELECTORS`, and the widgets touched are translated once per animation frame, however
    many changes a redraw makes. The rest of the page costs a ``closest`` per added node. The script is
    ``static/js/widget_text.js``.
    """
    config = {
        "selector": ", ".join(WIDGET_SELECTORS),
        "words": korean_widget_texts(),
        "months": {name: n for n, name in enumerate(MONTHS, start=1)},
        "yearMonth": t("widget.year_month", "ko", year="{year}", n="{n}"),
        "choose": t("widget.choose_date", "ko", date="{date}"),
        # The calendar's day headers are one letter (S M T W T F S): said by their column.
        "weekdays": t("widget.weekdays", "ko").split(","),
        "limit": t("widget.upload_limit", "ko", size="{size}"),
    }
    return page_script("widget_text.js", config)
