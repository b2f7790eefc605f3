"""The PDF briefing: one click, one 16:9 PDF with the headline numbers, each area's map and key charts.

Why Plotly + kaleido (and pypdf to join the pages), not matplotlib: the
charts in the PDF are the very figures ``geo.charts`` builds for the screen,
so the PDF and the dashboard can never disagree on a number, a colour or a
label, and there is one chart implementation to maintain, not two. Maps are
drawn the way ``geo.charts`` draws its choropleth: polygons, lines and
status symbols on plain x/y axes in EPSG:5186 (no tiles, no topojson), so
nothing is fetched. kaleido 1.x renders each page with the machine's own
Chromium (``/usr/bin/chromium``), offline; one Chromium is started per export
(``kaleido.start_sync_server``), about 0.3 s a page. Chromium finds Hangul
through fontconfig, so the export first checks that Noto Sans CJK is
installed and otherwise fails with a Korean message instead of printing
empty boxes. pypdf, already used by the tests, moves to the runtime
requirements to join the one-page PDFs.

Pages are 1600 × 900 px (1200 × 675 pt, 16:9); each carries the as-of day,
the data's last update, a page number and, when sample records are included,
"예시 데이터".
"""

from __future__ import annotations

import glob
import io
import textwrap
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon

from geo import aggregate, charts
from geo.briefing import area_facts, changes_table, last_data_update, period_text, services_table
from geo.history import services_as_of
from geo.i18n import t
from geo.io import METRIC_CRS
from geo.loaders import DashboardData
from geo.stats import Headline, format_budget, headline
from geo.vocab import AREA_SHORT, AREA_TERMS, DEVELOPMENT_AREA_IDS, STATUS_TERMS, label

PAGE_WIDTH_PX = 1600
PAGE_HEIGHT_PX = 900
TABLE_ROWS_PER_PAGE = 20
FONT_GLOBS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansKR*.[ot]tf",
)
# Plotly marker symbols matching the status shapes of geo.vocab (shape + colour, never colour alone).
STATUS_SYMBOLS = {
    "circle": "circle",
    "square": "square",
    "triangle": "triangle-up",
    "star": "star",
    "diamond": "diamond",
    "hollow": "circle-open",
}
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


def _parts(geometry):
    if isinstance(geometry, MultiPolygon | MultiLineString):
        return list(geometry.geoms)
    return [geometry]


def _path(geometry) -> tuple[list[float | None], list[float | None]]:
    """Polygon exteriors or lines as one x/y path, parts separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in _parts(geometry):
        line = part.exterior if isinstance(part, Polygon) else part
        if isinstance(line, LineString) or hasattr(line, "xy"):
            x, y = line.xy
            xs += [*x, None]
            ys += [*y, None]
    return xs, ys


def area_map_figure(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    area_id: str | None,
    lang: str = "ko",
) -> go.Figure:
    """A static map of one area (or all areas when ``area_id`` is None) in EPSG:5186 metres.

    Dong outlines, the four areas (the chosen one filled), and the area's
    services: points as status symbols, lines and zones in status colours.
    Every layer is reprojected from EPSG:4326 here; nothing is fetched.
    """
    for name, frame in (("boundaries", boundaries), ("areas", areas), ("services", services)):
        if frame.crs is None:
            raise ValueError(f"{name} has no CRS; set it (EPSG:4326) before drawing the map")
    fig = go.Figure()
    dongs = boundaries.loc[boundaries["level"] == "dong"].to_crs(METRIC_CRS)
    for geometry in dongs.geometry:
        xs, ys = _path(geometry)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"color": "#B5B5B5", "width": 1}, hoverinfo="skip", showlegend=False
        )
    city = boundaries.loc[boundaries["level"] == "city"].to_crs(METRIC_CRS)
    for geometry in city.geometry:
        xs, ys = _path(geometry)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"color": "#4D4D4D", "width": 2}, hoverinfo="skip", showlegend=False
        )
    metric_areas = areas.to_crs(METRIC_CRS)
    anchors = metric_areas.geometry.representative_point()
    for geometry, anchor, current in zip(metric_areas.geometry, anchors, metric_areas["area_id"], strict=True):
        colour = AREA_TERMS.get(current, AREA_TERMS["citywide"]).colour
        chosen = area_id is None or current == area_id
        xs, ys = _path(geometry)
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=f"{colour}40" if chosen else f"{colour}14",
            line={"color": colour, "width": 4 if chosen else 2},
            hoverinfo="skip",
            showlegend=False,
        )
        fig.add_annotation(
            x=anchor.x,
            y=anchor.y,
            text=f"<b>{label(AREA_SHORT, current, lang)}</b>",
            showarrow=False,
            font={"size": 22 if chosen else 16, "color": "#1A1A1A"},
            bgcolor="rgba(255,255,255,0.7)",
        )
    shown = services if area_id is None else services.loc[services["area_id"] == area_id]
    metric_services = shown.to_crs(METRIC_CRS)
    for status, term in STATUS_TERMS.items():
        of_status = metric_services.loc[metric_services["status"] == status]
        if of_status.empty:
            continue
        points = of_status.loc[of_status.geom_type == "Point"]
        shapes = of_status.loc[of_status.geom_type != "Point"]
        for geometry in shapes.geometry:
            xs, ys = _path(geometry)
            fig.add_scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": term.colour, "width": 4, "dash": "dash" if status in ("계획", "취소") else "solid"},
                hoverinfo="skip",
                showlegend=False,
            )
        anchors_all = of_status.geometry.representative_point()
        fig.add_scatter(
            x=list(anchors_all.x),
            y=list(anchors_all.y),
            mode="markers",
            name=f"{term.label(lang)} ({len(of_status)})",
            marker={
                "symbol": STATUS_SYMBOLS[term.shape],
                "size": 20 if len(points) else 14,
                "color": term.colour,
                "line": {"color": term.colour if status == "취소" else "#FFFFFF", "width": 2},
            },
            hoverinfo="skip",
        )
    if area_id is not None and (metric_areas["area_id"] == area_id).any():
        frame = pd.concat([metric_areas.loc[metric_areas["area_id"] == area_id, "geometry"], metric_services.geometry])
        minx, miny, maxx, maxy = gpd.GeoSeries(frame, crs=METRIC_CRS).total_bounds
    else:
        minx, miny, maxx, maxy = metric_areas.total_bounds
    pad = 0.45 * max(maxx - minx, maxy - miny, 1500.0)
    fig.update_xaxes(visible=False, range=[minx - pad, maxx + pad])
    fig.update_yaxes(visible=False, range=[miny - pad, maxy + pad], scaleanchor="x", scaleratio=1)
    fig.update_layout(
        plot_bgcolor="#EEF3F7",
        legend={"title": {"text": t("legend.status", lang)}, "font": {"size": 18}},
        font={"family": charts.FONT_FAMILY},
    )
    return fig


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=True)) if text else ""


def _page(fig: go.Figure, title: str, header: str, number: int, total: int, lang: str) -> go.Figure:
    """Give a figure the page frame: size, title (unless it has one) and the header line at the top right.

    The header (sample badge, as-of day, last update, page number) sits above the plot, where no
    legend or axis of ``geo.charts`` goes; the charts' own sample badge is replaced by it.
    """
    fig.update_layout(width=PAGE_WIDTH_PX, height=PAGE_HEIGHT_PX, font={"family": charts.FONT_FAMILY})
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != charts.SAMPLE_ANNOTATION_NAME]
    if not fig.layout.title.text:
        fig.update_layout(title={"text": f"<b>{title}</b>", "font": {"size": 34}, "x": 0.02, "xref": "container"})
    fig.update_layout(title={"y": 0.975, "yref": "container", "yanchor": "top"})
    top = max(fig.layout.margin.t or 0, 120)
    fig.update_layout(margin={"t": top, "b": max(fig.layout.margin.b or 0, 50), "l": 40, "r": 40})
    fig.add_annotation(
        name="page-header",
        text=f"{header} · {t('briefing.page', lang, n=number, total=total)}",
        xref="paper",
        yref="paper",
        x=1,
        y=1,
        yshift=top - 14,
        xanchor="right",
        yanchor="top",
        showarrow=False,
        font={"size": 17, "color": "#333333"},
    )
    return fig


def _numbers_lines(numbers: Headline, lang: str) -> list[tuple[str, str]]:
    unit = t("metric.count_unit", lang)
    return [
        (t("metric.services", lang), f"{numbers.services:,}{unit}"),
        (t("metric.operating", lang), f"{numbers.operating:,}{unit}"),
        (t("metric.areas", lang), f"{numbers.areas}{t('metric.area_unit', lang)}"),
        (t("metric.budget", lang), format_budget(numbers.budget_krw_100m, lang)),
    ]


def _cover(data: DashboardData, services: gpd.GeoDataFrame, as_of: date, updated: date | None, lang: str):
    fig = go.Figure()
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    fig.update_layout(plot_bgcolor="#FFFFFF", title={"text": f"<b>{t('app.title', lang)}</b>", "font": {"size": 44}})
    plan = data.plan
    lines = [
        f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b>",
        f"{t('briefing.last_update', lang)} {updated.isoformat() if updated else '—'}",
    ]
    fig.add_annotation(
        text="<br>".join(lines),
        x=0,
        y=1,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 26},
        align="left",
    )
    numbers = headline(services, data.areas)
    for position, (name, value) in enumerate(_numbers_lines(numbers, lang)):
        x = 0.125 + position * 0.25
        fig.add_annotation(text=name, x=x, y=0.72, showarrow=False, font={"size": 26, "color": "#444444"})
        fig.add_annotation(text=f"<b>{value}</b>", x=x, y=0.62, showarrow=False, font={"size": 44, "color": "#0072B2"})
    vision = "<br>".join(f"“{line[lang]}”" for line in plan.get("vision", []))
    directions = "<br>".join(f"{n}. {d[lang]}" for n, d in enumerate(plan.get("directions", []), start=1))
    fig.add_annotation(
        text=f"<b>{t('home.vision', lang)}</b><br>{vision}<br><br><b>{t('home.directions', lang)}</b><br>{directions}",
        x=0,
        y=0.45,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 22},
    )
    fig.add_annotation(
        text=f"{t('home.source', lang)}: {plan['source'][lang]}",
        x=0,
        y=0.02,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 16, "color": "#444444"},
    )
    if data.has_samples:
        fig.add_annotation(
            text=_wrap(t("sample.banner", lang), 90 if lang == "ko" else 150),
            x=1,
            y=1,
            xanchor="right",
            yanchor="top",
            showarrow=False,
            align="left",
            font={"size": 16, "color": "#8A3B00"},
            bgcolor="#FFF4E5",
            bordercolor="#D55E00",
            borderwidth=2,
            borderpad=8,
        )
    return fig


def _area_page(data: DashboardData, services: gpd.GeoDataFrame, area_id: str, as_of: date, lang: str) -> go.Figure:
    fig = area_map_figure(data.boundaries, data.areas, services, area_id, lang)
    fig.update_layout(
        xaxis={"domain": [0, 0.5]},
        legend={"x": 0.0, "y": -0.02, "yanchor": "top", "orientation": "h", "font": {"size": 16}},
        title={
            "text": f"<b>{label(AREA_TERMS, area_id, lang)}</b>",
            "font": {"size": 34},
            "x": 0.02,
            "xref": "container",
        },
    )
    facts, source = area_facts(data.areas, area_id, lang)
    area_services = services.loc[services["area_id"] == area_id]
    numbers = headline(area_services, data.areas.loc[data.areas["area_id"] == area_id])
    period = (
        period_text(area_services["start_year"].min(), area_services["end_year"].max(), lang)
        if len(area_services)
        else "—"
    )
    number_line = " · ".join(f"{name} <b>{value}</b>" for name, value in _numbers_lines(numbers, lang)[:2])
    number_line += f" · {t('field.budget', lang)} <b>{format_budget(numbers.budget_krw_100m, lang)}</b>"
    number_line += f" · {t('briefing.period', lang)} <b>{period}</b>"
    width = 38 if lang == "ko" else 70
    text = [
        f"<b>{t('briefing.area_numbers', lang)}</b>",
        _wrap(number_line.replace("<b>", "").replace("</b>", ""), width),
    ]
    text.append("")
    for fact in facts:
        text.append(f"<b>{fact.label}</b>: " + _wrap(fact.value, width))
    text.append("")
    text.append(f"<span style='font-size:15px;color:#444'>{t('field.source', lang)}: {_wrap(source, width + 8)}</span>")
    text.append(f"<span style='font-size:15px;color:#444'>{t('briefing.map_note', lang)}</span>")
    fig.add_annotation(
        text="<br>".join(text),
        xref="paper",
        yref="paper",
        x=0.54,
        y=1,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 20},
    )
    return fig


def _table_figure(table: pd.DataFrame, title: str, widths: list[float] | None = None) -> go.Figure:
    fig = go.Figure(
        go.Table(
            columnwidth=widths,
            header={
                "values": [f"<b>{c}</b>" for c in table.columns],
                "fill_color": "#E8EEF4",
                "font": {"size": 18},
                "align": "left",
                "height": 36,
            },
            cells={
                "values": [table[c].to_list() for c in table.columns],
                "font": {"size": 18},
                "align": "left",
                "height": 31,
            },
        )
    )
    fig.update_layout(title={"text": f"<b>{title}</b>", "font": {"size": 34}, "x": 0.02, "xref": "container"})
    return fig


def briefing_figures(data: DashboardData, as_of: date, since: date, lang: str = "ko") -> list[go.Figure]:
    """Every page of the PDF briefing as a Plotly figure, in order (testable without Chromium).

    Services are shown with their status on ``as_of`` (``geo.history``);
    "what changed" lists the changes from ``since`` to ``as_of``.
    """
    services = services_as_of(data.services, data.status_history, as_of)
    updated = last_data_update(data.services)
    sample = data.has_samples
    pages: list[tuple[go.Figure, str]] = [(_cover(data, services, as_of, updated, lang), t("app.title", lang))]
    pages.append(
        (
            charts.area_comparison_figure(aggregate.services_by_area_status(services), lang, "large"),
            t("chart.compare", lang),
        )
    )
    for area_id in DEVELOPMENT_AREA_IDS:
        if not (data.areas["area_id"] == area_id).any():
            continue
        pages.append((_area_page(data, services, area_id, as_of, lang), label(AREA_TERMS, area_id, lang)))
        figure = charts.domain_status_figure(aggregate.services_by_domain_status(services, area_id), lang, "large")
        figure.update_layout(title={"text": f"{label(AREA_SHORT, area_id, lang)} · {t('chart.domain_status', lang)}"})
        pages.append((figure, ""))
    pages.append((charts.domain_status_figure(aggregate.services_by_domain_status(services), lang, "large"), ""))
    pages.append((charts.progress_figure(aggregate.progress_by_area(services, as_of), lang, "large"), ""))
    changes = changes_table(data.status_history, data.services, since, as_of, lang)
    changes_title = t("briefing.changes", lang, since=since.isoformat())
    changes_title += f" ({t('briefing.changes_count', lang, n=len(changes))})"
    for start in range(0, max(len(changes), 1), TABLE_ROWS_PER_PAGE):
        chunk = changes.iloc[start : start + TABLE_ROWS_PER_PAGE]
        if chunk.empty:
            chunk = pd.DataFrame({changes.columns[0]: [t("briefing.no_changes", lang)]})
        pages.append((_table_figure(chunk, changes_title, [1, 3, 1.3, 1.6, 3]), ""))
    table = services_table(services, lang)
    for start in range(0, len(table), TABLE_ROWS_PER_PAGE):
        chunk = table.iloc[start : start + TABLE_ROWS_PER_PAGE]
        title = f"{t('briefing.services_table', lang)} ({start + 1}–{start + len(chunk)} / {len(table)})"
        pages.append((_table_figure(chunk, title, [3.4, 1.3, 1.8, 1, 1.2, 1.1]), ""))
    header = f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b> · {t('briefing.last_update', lang)} "
    header += updated.isoformat() if updated else "—"
    if sample:
        header = f"<span style='color:#D55E00'><b>{t('sample.short', lang)}</b></span> · {header}"
    total = len(pages)
    return [_page(fig, title, header, n, total, lang) for n, (fig, title) in enumerate(pages, start=1)]


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
            kaleido.start_sync_server(silence_warnings=True)
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


def briefing_pdf(data: DashboardData, as_of: date, since: date, lang: str = "ko") -> bytes:
    """The whole briefing as PDF bytes (16:9 pages, Korean by default); see the module docstring."""
    find_cjk_font()
    title = f"{t('app.title', lang)} {t('nav.briefing', lang)} ({t('briefing.as_of', lang)} {as_of.isoformat()})"
    return figures_to_pdf(briefing_figures(data, as_of, since, lang), title)
