"""Rendering the handout: each page with kaleido in the machine's own Chromium, offline, joined with pypdf.

kaleido 1.x renders each page with ``/usr/bin/chromium``; one Chromium is started
per export. Chromium finds Hangul through fontconfig, so the export first checks
that Noto Sans CJK is installed and otherwise fails with a Korean message instead
of printing empty boxes.
"""

from __future__ import annotations

import glob
import io
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from geo import charts
from geo.briefing.handout.layout import PAGE_HEIGHT_PX, PAGE_WIDTH_PX
from geo.briefing.handout.pages import briefing_figures
from geo.i18n import t
from geo.loaders import DashboardData

if TYPE_CHECKING:  # kaleido is imported when an export runs (it is slow to import)
    from kaleido import PageGenerator

FONT_GLOBS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansKR*.[ot]tf",
)
# Plotly marker symbols matching the status shapes of geo.model.vocab (shape + colour, never colour alone).

_EXPORT_LOCK = threading.Lock()


class BriefingExportError(RuntimeError):
    """The PDF cannot be made; the message says why and what to install, in the page's language."""


def find_cjk_font(patterns: Sequence[str] = FONT_GLOBS) -> Path:
    """The path of an installed Noto Sans CJK (or Noto Sans KR) font file.

    Raises
    ------
    BriefingExportError
        With a Korean message naming the package to install, when none is found.
    """
    for pattern in patterns:
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return Path(found[0])
    raise BriefingExportError(t("briefing.font_missing", "ko"))


def offline_render_page() -> PageGenerator:
    """kaleido's render page with nothing fetched from outside: plotly.js from the installed package, no MathJax.

    kaleido's default page loads MathJax from a CDN (cdnjs) on every export; the figures use no TeX, and a
    city network separated from the internet must see no request at all.
    """
    from kaleido import PageGenerator

    return PageGenerator(mathjax=False)


def figures_to_pdf(figures: Sequence[go.Figure], title: str = "") -> bytes:
    """Render each figure to one PDF page with kaleido (local Chromium) and join them with pypdf.

    Raises
    ------
    BriefingExportError
        When the Hangul font or Chromium is missing, or rendering fails (Korean message).
    """
    find_cjk_font()
    import kaleido
    from pypdf import PdfReader, PdfWriter

    opts = {"format": "pdf", "width": PAGE_WIDTH_PX, "height": PAGE_HEIGHT_PX}
    writer = PdfWriter()
    # One Chromium for the whole export; the lock keeps two exports from sharing or stopping it.
    with _EXPORT_LOCK:
        try:
            kaleido.start_sync_server(page_generator=offline_render_page(), silence_warnings=True)
        except Exception as exc:  # kaleido raises its own types for a missing or broken browser
            raise BriefingExportError(t("briefing.browser_missing", "ko")) from exc
        try:
            for figure in figures:
                page = kaleido.calc_fig_sync(figure, opts=opts)
                for pdf_page in PdfReader(io.BytesIO(page)).pages:
                    writer.add_page(pdf_page)
        except BriefingExportError:
            raise
        except Exception as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "chrome" in message.lower() or "browser" in message.lower():
                raise BriefingExportError(t("briefing.browser_missing", "ko")) from exc
            raise BriefingExportError(t("briefing.render_failed", "ko", reason=message)) from exc
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    writer.add_metadata({"/Title": title, "/Producer": "Ansan Smart City Dashboard"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def briefing_pdf(data: DashboardData, as_of: date, since: date, lang: charts.Lang = "ko") -> bytes:
    """The whole briefing as PDF bytes (16:9 pages, Korean by default); see ``geo.briefing.handout``."""
    find_cjk_font()
    title = f"{t('app.title', lang)} {t('nav.briefing', lang)} ({t('briefing.as_of', lang)} {as_of.isoformat()})"
    return figures_to_pdf(briefing_figures(data, as_of, since, lang), title)
