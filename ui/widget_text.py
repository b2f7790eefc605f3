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

from geo.html import json_for_script
from geo.i18n import t

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
    many changes a redraw makes. The rest of the page costs a ``closest`` per added node.
    """
    config = json_for_script(
        {
            "selector": ", ".join(WIDGET_SELECTORS),
            "words": korean_widget_texts(),
            "months": {name: n for n, name in enumerate(MONTHS, start=1)},
            "yearMonth": t("widget.year_month", "ko", year="{year}", n="{n}"),
            "choose": t("widget.choose_date", "ko", date="{date}"),
            # The calendar's day headers are one letter (S M T W T F S): said by their column.
            "weekdays": t("widget.weekdays", "ko").split(","),
            "limit": t("widget.upload_limit", "ko", size="{size}"),
        }
    )
    return (
        "<script>(function () {"
        f"var cfg = {config};"
        "var doc = window.parent && window.parent.document ? window.parent.document : document;"
        "var win = doc.defaultView || window;"
        "function say(text) {"
        "  var key = text.trim(); if (!key) return null;"
        "  if (Object.prototype.hasOwnProperty.call(cfg.words, key)) return cfg.words[key];"
        "  var m = key.match(/^([A-Z][a-z]+) (\\d{4})$/);"
        "  if (m && cfg.months[m[1]]) return cfg.yearMonth.replace('{year}', m[2]).replace('{n}', cfg.months[m[1]]);"
        "  m = key.match(/^Choose date, (.+)$/);"
        "  if (m) return cfg.choose.replace('{date}', say(m[1]) || m[1]);"
        "  m = key.match(/^(?:Limit )?(\\S+) per file(.*)$/);"
        "  if (m) return cfg.limit.replace('{size}', m[1]) + m[2];"
        # A toolbar button's label may carry the element's name after a colon ("Search: 결과").
        "  m = key.match(/^([A-Z][A-Za-z ]+): (.+)$/);"
        "  if (m && Object.prototype.hasOwnProperty.call(cfg.words, m[1])) return cfg.words[m[1]] + ': ' + m[2];"
        "  return null; }"
        "function translate(root) {"
        "  var walker = doc.createTreeWalker(root, 4); var node;"
        "  while ((node = walker.nextNode())) { var said = say(node.nodeValue);"
        "    if (said !== null && said !== node.nodeValue) node.nodeValue = said; }"
        "  root.querySelectorAll('button[aria-label]').forEach(function (button) {"
        "    var said = say(button.getAttribute('aria-label'));"
        "    if (said !== null) button.setAttribute('aria-label', said); }); }"
        "function days(root) { root.querySelectorAll('thead th').forEach(function (th, i) {"
        "  var node = doc.createTreeWalker(th, 4).nextNode();"
        "  if (node && cfg.weekdays[i] && node.nodeValue !== cfg.weekdays[i]) node.nodeValue = cfg.weekdays[i]; }); }"
        "var pending = new Set(); var frame = 0;"
        "function flush() { frame = 0; var roots = Array.from(pending); pending.clear();"
        "  roots.forEach(function (root) { if (root.isConnected) { translate(root); days(root); } }); }"
        "function queue(root) { pending.add(root); if (!frame) frame = win.requestAnimationFrame(flush); }"
        "function consider(node) {"
        "  var element = node.nodeType === 1 ? node : node.parentElement; if (!element) return;"
        "  var root = element.closest(cfg.selector); if (root) { queue(root); return; }"
        "  if (node.nodeType === 1 && node.firstElementChild) node.querySelectorAll(cfg.selector).forEach(queue); }"
        "function changed(records) { for (var i = 0; i < records.length; i++) { var record = records[i];"
        "  if (record.type === 'characterData') { consider(record.target); continue; }"
        "  for (var j = 0; j < record.addedNodes.length; j++) consider(record.addedNodes[j]); } }"
        "if (win.__koreanWidgets) { win.__koreanWidgets.disconnect(); }"
        "win.__koreanWidgets = new win.MutationObserver(changed);"
        "win.__koreanWidgets.observe(doc.body, {childList: true, subtree: true, characterData: true});"
        "doc.querySelectorAll(cfg.selector).forEach(queue);"
        "})();</script>"
    )
