"""The handout's pages, one per slide of the briefing (``geo.briefing.slides.briefing_slides``), then an appendix.

Each page function takes what its slide shows and returns a 16:9 Plotly figure; the
slide and the page share their contents through ``geo.briefing.slides`` (the portfolio's
groups, the services in operation, an area's projects or nearest ones, which charts
have something to show), so they cannot disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from geo import charts
from geo.analysis import plan as plan_facts
from geo.analysis.aggregate import area_label
from geo.analysis.history import services_as_of
from geo.analysis.stats import headline_items
from geo.analysis.trend import trend_by_quarter
from geo.briefing.handout.layout import blank_page, footer, paste, table_page, text_block, wrap
from geo.briefing.handout.maps import AREA_MAP_BOX, area_map_figure
from geo.briefing.slides import (
    AREA_NAMES_MAX,
    CHANGES_PER_SLIDE,
    PORTFOLIO_NAMES_MAX,
    TODAY_NAMES_MAX,
    PortfolioEntry,
    area_charts,
    area_facts,
    area_map_services,
    briefing_slides,
    budget_line,
    changes_table,
    citizen_services,
    domain_status_counts,
    last_data_update,
    near_text,
    nearest_projects,
    operating_services,
    portfolio_groups,
    programme_parts,
    projects_in_area,
    services_table,
    shows_names,
    status_counts,
)
from geo.i18n import localized_column, t
from geo.loaders import DashboardData
from geo.mapping.canvas import needs_canvas_map
from geo.model.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    CITYWIDE,
    DOMAIN_TERMS,
    SHAPE_GLYPHS,
    STATUS_TERMS,
    ServiceStatus,
    label,
)

#: Services per appendix page: the full list stays within a few pages.
APPENDIX_ROWS_PER_PAGE = 33
#: Most pages of a handout: "what changed" gives way (its first rows, and a line saying where the rest are).
MAX_PAGES = 12
#: Where an area page puts its map when no chart is drawn under it: the whole height of the left half.
AREA_MAP_BOX_TALL = ((0.0, 0.47), (0.08, 1.0))
#: Characters a line of each page's text holds (Hangul is about twice as wide as Latin).
COLUMN_CHARS = {"ko": 30, "en": 50}


def _badge(status: str, lang: str) -> str:
    """A status as its shape in its colour and its word (never colour alone), for a text block."""
    term = STATUS_TERMS.get(status)
    if term is None:
        return status
    return f"<span style='color:{term.colour}'>{SHAPE_GLYPHS.get(term.shape, '●')}</span> <b>{term.label(lang)}</b>"


def _status_line(services: pd.DataFrame, lang: str) -> str:
    unit = t("metric.count_unit", lang)
    return "   ".join(f"{_badge(s, lang)} {n:,}{unit}" for s, n in status_counts(services).items())


def _cover(
    data: DashboardData, services: gpd.GeoDataFrame, as_of: date, updated: date | None, lang: charts.Lang
) -> Any:
    """Page 1, the overview slide: the plan as reported (left), and apart from it Ansan's reported projects."""
    plan = data.plan
    fig = blank_page(f"{plan.get('title', {}).get(lang, t('app.title', lang))} · {t('nav.briefing', lang)}")
    width = 52 if lang == "ko" else 95
    remark = plan_facts.mayor_remark(plan, lang)
    gazette = plan_facts.gazette_note(plan, lang)
    applies = plan_facts.applies_to(plan, data.areas, lang)
    lines = [
        f"<b>{t('briefing.plan_heading', lang)}</b>",
        f"<span style='color:#00457A'><b>{t('plan.approved', lang)}</b></span>",
        *([wrap(gazette, width)] if gazette else []),
        f"<b>{t('plan.aims', lang)}</b>: {' · '.join(plan_facts.aims(plan, lang))}",
        *([f"<i>{wrap(remark, width)}</i>"] if remark else []),
        *([wrap(f"{t('plan.applies_to', lang)}: {' · '.join(applies)}", width)] if applies else []),
        "",
        f"<b>{t('home.vision', lang)}</b>",
        *(f"“{line[lang]}”" for line in plan.get("vision", [])),
        "",
        f"<b>{t('home.directions', lang)}</b>",
        *(f"{n}. {d[lang]}" for n, d in enumerate(plan.get("directions", []), start=1)),
        "",
        f"<b>{t('chart.milestones', lang)}</b>",
        *(
            f"{row.date}  {row.label}{' ※' if row.note else ''}"
            for row in charts.milestones_frame(plan, lang).itertuples()
        ),
        "",
        f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b> · {t('briefing.last_change', lang)} "
        f"{updated.isoformat() if updated else '—'}",
    ]
    text_block(fig, lines, 0.0, 1.0, 18)
    sources = [plan_facts.source_line(plan, lang)]
    notes = [f"※ {row.date}: {row.note}" for row in charts.milestones_frame(plan, lang).itertuples() if row.note]  # type: ignore[str-bytes-safe]  # pandas-stubs types row fields as any scalar, bytes included
    text_block(fig, [wrap(line, width + 10) for line in (*notes, *sources)], 0.0, 0.07, 13)
    # Ansan's reported projects in a box of their own: no source ties them to the plan, their budgets are not its.
    fig.add_shape(
        type="rect", xref="paper", yref="paper", x0=0.56, x1=1.0, y0=0.2, y1=1.0,
        line={"color": "#C8D2DC", "width": 2}, fillcolor="#F7F9FB", layer="below",
    )  # fmt: skip
    items = {item.key: item for item in headline_items(services, data.areas, lang)}
    budget_label, budget, coverage = budget_line(services, lang)
    box_width = 36 if lang == "ko" else 62
    box = [
        f"<span style='font-size:24px'><b>{t('briefing.portfolio', lang)}</b></span>",
        "",
        f"{items['services'].label} <span style='font-size:30px;color:#005A9C'>"
        f"<b>{items['services'].value}</b></span>    {items['operating'].label} "
        f"<span style='font-size:30px;color:#005A9C'><b>{items['operating'].value}</b></span>",
        "",
        _status_line(services, lang),
        "",
        f"{budget_label} <span style='font-size:30px;color:#005A9C'><b>{budget}</b></span>",
        f"<span style='font-size:15px;color:#444444'>{wrap(coverage, box_width + 8)}</span>",
        "",
        f"<span style='font-size:15px;color:#444444'>{wrap(t('briefing.not_the_plan', lang), box_width + 8)}</span>",
    ]
    text_block(fig, box, 0.575, 0.975, 19)
    return fig


def _entry_lines(entry: PortfolioEntry, lang: str, chars: int) -> list[str]:
    programme = f" ({t('briefing.programme_parts', lang, n=len(entry.parts))})" if entry.parts else ""
    lines = [f"{_badge(entry.status, lang)}  {wrap(entry.name + programme, chars)}"]
    for part in entry.parts:
        domain = label(DOMAIN_TERMS, part.domain, lang)
        lines.append(f"   └ {_badge(part.status, lang)}  {wrap(f'{part.name} · {domain}', chars - 3)}")
    return lines


def _columns(blocks: list[list[str]], count: int) -> list[list[str]]:
    """Blocks of lines laid into ``count`` columns in order, each column about as long as the others."""
    total = sum(len(b) for b in blocks)
    columns: list[list[str]] = [[] for _ in range(count)]
    column = 0
    for block in blocks:
        if columns[column] and len(columns[column]) + len(block) / 2 > total / count and column < count - 1:
            column += 1
        columns[column].extend(block)
    return columns


def _line_count(lines: list[str]) -> int:
    return sum(line.count("<br>") + 1 for line in lines)


def _portfolio_page(services: gpd.GeoDataFrame, lang: charts.Lang) -> go.Figure:
    """The portfolio slide: every project by domain with its status, a programme's parts under it (three
    columns); at city scale services by domain and status instead."""
    fig = blank_page(t("briefing.portfolio", lang))
    text_block(fig, [_status_line(services, lang)], 0.0, 1.04, 18)
    notes = [t("briefing.not_the_plan", lang)]
    if not shows_names(services, PORTFOLIO_NAMES_MAX):
        notes.insert(0, t("briefing.portfolio_counts", lang, n=f"{len(services):,}"))
        counts = domain_status_counts(services)
        table = pd.DataFrame({t("field.domain", lang): [label(DOMAIN_TERMS, d, lang) for d in counts.index]})
        for status in counts.columns:
            table[label(STATUS_TERMS, status, lang)] = [f"{int(v):,}" for v in counts[status]]
        table[t("chart.total", lang)] = [f"{int(v):,}" for v in counts.sum(axis=1)]
        fig.add_trace(_table(table, (0.0, 1.0), (0.12, 0.95)))
    else:
        chars = COLUMN_CHARS["en" if lang == "en" else "ko"]
        unit = t("metric.count_unit", lang)
        blocks = []
        for group in portfolio_groups(services, lang):
            colour = DOMAIN_TERMS[group.domain].colour if group.domain in DOMAIN_TERMS else "#666666"
            heading = (
                f"<span style='color:{colour}'>■</span> <b>{label(DOMAIN_TERMS, group.domain, lang)} · "
                f"{group.projects:,}{unit}</b>"
            )
            lines = [heading]
            for entry in group.entries:
                lines += _entry_lines(entry, lang, chars)
            blocks.append([*lines, ""])
        columns = _columns(blocks, 3)
        longest = max(_line_count(c) for c in columns)
        # As large as the longest column allows on the page (about 660 px of text height).
        size = 20 if longest <= 22 else 16 if longest <= 30 else 13
        for n, column in enumerate(columns):
            text_block(fig, column, n / 3, 0.95, size)
        if parts := programme_parts(services):
            notes.insert(0, t("briefing.parts_note", lang, n=parts))
    text_block(fig, [f"<span style='color:#444444'>{note}</span>" for note in notes], 0.0, 0.06, 14)
    return fig


def _table(table: pd.DataFrame, x: tuple[float, float], y: tuple[float, float]) -> go.Table:
    """A light table (as :func:`~geo.briefing.handout.layout.table_page`'s) in a rectangle of a page."""
    return table_page(table, "", [2.4] + [1.0] * (len(table.columns) - 1)).data[0].update(domain={"x": x, "y": y})


def _today_page(services: gpd.GeoDataFrame, as_of: date, lang: charts.Lang) -> go.Figure:
    """What citizens can use today: each project in operation with its public description and place."""
    fig = blank_page(t("briefing.today", lang))
    running = operating_services(services)
    if running.empty:
        text_block(fig, [t("briefing.today_none", lang, as_of=as_of.isoformat())], 0.0, 0.95, 20)
        return fig
    if not shows_names(running, TODAY_NAMES_MAX):
        text_block(fig, [t("briefing.today_counts", lang, n=f"{len(running):,}", as_of=as_of.isoformat())], 0, 1.04, 16)
        counts = running["domain"].value_counts()
        table = pd.DataFrame(
            {
                t("field.domain", lang): [label(DOMAIN_TERMS, d, lang) for d in counts.index],
                t("metric.operating", lang): [f"{int(v):,}" for v in counts],
            }
        )
        fig.add_trace(_table(table, (0.0, 0.6), (0.1, 0.95)))
        return fig
    text_block(fig, [t("briefing.today_note", lang, n=len(running), as_of=as_of.isoformat())], 0.0, 1.04, 16)
    chars = COLUMN_CHARS["en" if lang == "en" else "ko"] + 4
    where = t("briefing.where", lang)
    blocks = [
        [
            f"{_badge(ServiceStatus.OPERATING, lang)}  <b>{wrap(item.name, chars - 6)}</b>",
            wrap(item.description, chars),
            *([f"<span style='font-size:13px;color:#444444'>{wrap(f'{where}: {item.where}', chars + 8)}</span>"]
              if item.where else []),
            "",
        ]
        for item in citizen_services(running, lang)
    ]  # fmt: skip
    columns = _columns(blocks, 3)
    size = 17 if max(_line_count(c) for c in columns) <= 28 else 14
    for n, column in enumerate(columns):
        text_block(fig, column, n / 3, 0.95, size)
    return fig


def _area_page(data: DashboardData, services: gpd.GeoDataFrame, area_id: str, lang: charts.Lang) -> go.Figure:
    """An area slide: map with scale bar (left), what is known with source, then the projects inside or the
    nearest ones (right); the two charts under the map only where they have something to show."""
    fig = blank_page(area_label(data.areas, area_id, lang, short=False))
    inside = projects_in_area(services, area_id)
    near = () if len(inside) else nearest_projects(services, data.areas, area_id, lang)
    drawn = area_charts(services, area_id)
    on_map, _ = area_map_services(services, data.areas, area_id, near)
    box = AREA_MAP_BOX if drawn.any else AREA_MAP_BOX_TALL
    cell = paste(fig, area_map_figure(data.boundaries, data.areas, on_map, area_id, lang, near=bool(near)), 1, *box)
    fig.layout.legend.update(x=0.0, y=box[1][0] - 0.02, yanchor="top", orientation="h", font={"size": 14})
    facts, source = area_facts(data.areas, area_id, lang)
    width = 54 if lang == "ko" else 80
    # Wrapped with its label, so the first line of a long value stays inside the page too.
    lines = [f"<b>{fact.label}</b>" + wrap(f"{fact.label}: {fact.value}", width)[len(fact.label) :] for fact in facts]
    notes = [wrap(f"{t('field.source', lang)}: {source}", width + 12), t("briefing.map_note", lang)]
    if area_id in (data.plan.get("applies_to") or []) and (gazette := plan_facts.gazette_note(data.plan, lang)):
        notes.insert(0, wrap(gazette, width + 12))
    lines += [f"<span style='font-size:13px'>{note}</span>" for note in notes]
    lines.append("")
    if inside.empty:
        # No "0건" and no empty chart: a sentence with the nearest projects and their distance.
        lines.append(f"<b>{wrap(near_text(near, lang), width)}</b>")
        if near:
            lines.append(f"<span style='font-size:13px'>{t('briefing.near_note', lang)}</span>")
    else:
        lines.append(f"<b>{t('briefing.in_area', lang, n=f'{len(inside):,}')}</b>")
        if shows_names(inside, AREA_NAMES_MAX):
            names = localized_column(inside, "name", lang)
            lines += [f"{_badge(s, lang)}  {wrap(n, width - 6)}" for s, n in zip(inside["status"], names, strict=True)]
        else:
            lines.append(_status_line(inside, lang))
        if not drawn.any:
            lines.append(f"<span style='font-size:13px'>{t('briefing.no_charts', lang)}</span>")
    text_block(fig, lines, 0.52, 1.0, 16)
    if drawn.by_direction is not None:
        cell = paste(fig, charts.direction_figure(drawn.by_direction, lang, "normal"), cell, (0.0, 0.44), (0.1, 0.36))
    if drawn.budget_by_year is not None:
        x = (0.54, 1.0) if drawn.by_direction is not None else (0.0, 0.44)
        cell = paste(fig, charts.budget_by_year_figure(drawn.budget_by_year, lang, "normal"), cell, x, (0.1, 0.36))
        fig.layout[f"legend{cell - 1}" if cell > 2 else "legend"].update(y=0.03)
    return fig


def _trend_page(data: DashboardData, as_of: date, lang: charts.Lang) -> go.Figure:
    """The trend slide: the very figure of /districts' city view (projects by status at each quarter's end and
    the reported budget with its coverage), its last quarter read on the as-of day."""
    fig = blank_page(t("briefing.trend", lang))
    trend = trend_by_quarter(data.services, data.status_history, as_of, lang)
    if len(trend) < 2:
        text_block(fig, [t("chart.no_services" if trend.empty else "trend.one_quarter", lang)], 0.0, 0.95, 20)
        return fig
    # The chart's title and two-line note stand above the rectangle, its legend under it.
    paste(fig, charts.trend_figure(trend, lang, "large"), 1, (0.0, 1.0), (0.16, 0.86))
    # The budget's axis shares the quarters' axis: the second x axis paste adds for it stays hidden.
    fig.update_layout(xaxis2={"visible": False})
    return fig


def appendix_counts(services: pd.DataFrame, lang: str = "ko", areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """The handout's appendix at city scale: services per area (rows, vocabulary order, 시 전역 last) and status
    (columns, legend order), with totals, as text with thousands separators. An area outside the plan's five
    (imported) comes after them, before 시 전역, named from ``areas`` (the store's areas layer)."""
    present = set(services["area_id"])
    plan_order = [a for a in AREA_TERMS if a != CITYWIDE]
    others = sorted(a for a in present if a not in AREA_TERMS)
    areas_shown = [a for a in [*plan_order, *others, CITYWIDE] if a in present]
    grid = pd.crosstab(services["area_id"], services["status"]).reindex(index=areas_shown, columns=list(STATUS_TERMS))
    grid = grid.fillna(0).astype(int)
    grid[t("chart.total", lang)] = grid.sum(axis=1)
    grid.loc["__total__"] = grid.sum(axis=0)
    names = [
        label(AREA_SHORT, a, lang) if a in AREA_SHORT or areas is None else area_label(areas, a, lang)
        for a in areas_shown
    ] + [t("chart.total", lang)]
    table = pd.DataFrame({t("field.area", lang): names})
    for column in grid.columns:
        heading = label(STATUS_TERMS, column, lang) if column in STATUS_TERMS else column
        table[heading] = [f"{v:,}" for v in grid[column]]
    return table


def _appendix(
    services: pd.DataFrame, lang: charts.Lang, room: int = MAX_PAGES, areas: pd.DataFrame | None = None
) -> list[go.Figure]:
    """Every service with area, domain, status, period and budget; at city scale counts per area and status.

    At most ``room`` pages: a longer list keeps its first rows, and its last page says how many more there are
    and where the dashboard lists them (the handout keeps to :data:`MAX_PAGES`).
    """
    if needs_canvas_map(services):
        # A city's device layers (100,000 services) would make a list of 3,000 pages: counts instead.
        title = f"{t('briefing.appendix', lang)} · {t('briefing.appendix_counts', lang, n=f'{len(services):,}')}"
        return [table_page(appendix_counts(services, lang, areas), title, [2.4] + [1.0] * (len(STATUS_TERMS) + 1))]
    table = services_table(services, lang)
    room = max(1, room)
    cut = -(-len(table) // APPENDIX_ROWS_PER_PAGE) > room
    # A cut list's last page gives three rows to the line saying where the rest are (two left it on the last row).
    shown = room * APPENDIX_ROWS_PER_PAGE - 3 if cut else len(table)
    pages = []
    for start in range(0, shown, APPENDIX_ROWS_PER_PAGE):
        chunk = table.iloc[start : min(start + APPENDIX_ROWS_PER_PAGE, shown)]
        title = f"{t('briefing.appendix', lang)} · {t('briefing.services_table', lang)} ({start + 1}–{start + len(chunk)} / {len(table)})"
        pages.append(table_page(chunk, title, [3.4, 1.3, 1.8, 1, 1.2, 1.1], row_px=21))
    if cut:
        text_block(pages[-1], [t("briefing.appendix_more", lang, n=f"{len(table) - shown:,}")], 0.0, 0.02, 15)
    return pages


def briefing_figures(data: DashboardData, as_of: date, since: date, lang: charts.Lang = "ko") -> list[go.Figure]:
    """Every page of the PDF briefing as a Plotly figure, in order (testable without Chromium).

    One page per slide of the briefing (``geo.briefing.slides.briefing_slides``: the cover, the
    portfolio, what citizens can use today, each area, the trend by quarter, what changed), then
    the appendix (:data:`APPENDIX_ROWS_PER_PAGE` services a page, or counts at city scale). At most
    :data:`MAX_PAGES` pages: the appendix keeps the pages the slides leave (with one for what
    changed), then "what changed" keeps the pages left (each its first rows, and a line saying how
    many more the dashboard shows). Services have their status on ``as_of`` (``geo.analysis.history``).
    """
    services = services_as_of(data.services, data.status_history, as_of)
    updated = last_data_update(data.services)
    changes = changes_table(data.status_history, data.services, since, as_of, lang)
    # The handout prints the data, not the visitors' responses: the citizens' voice slide has no page.
    slides = tuple(s for s in briefing_slides(changes=len(changes), areas=data.areas) if s.kind != "voice")
    # Every slide keeps its page (what changed at least its first); the appendix, then what changed, give way.
    appendix = _appendix(services, lang, MAX_PAGES - sum(1 for s in slides if s.kind != "changes") - 1, data.areas)
    others = sum(1 for s in slides if s.kind != "changes") + len(appendix)
    room = max(1, MAX_PAGES - others)
    pages: list[go.Figure] = []
    for slide in slides:
        if slide.kind == "overview":
            pages.append(_cover(data, services, as_of, updated, lang))
        elif slide.kind == "portfolio":
            pages.append(_portfolio_page(services, lang))
        elif slide.kind == "today":
            pages.append(_today_page(services, as_of, lang))
        elif slide.kind == "area" and (data.areas["area_id"] == slide.area_id).any():
            pages.append(_area_page(data, services, slide.area_id or "", lang))
        elif slide.kind == "trend":
            pages.append(_trend_page(data, as_of, lang))
        elif slide.kind == "changes" and slide.part < room:
            count = f" · {t('briefing.changes_count', lang, n=len(changes))}" if len(changes) else ""
            title = f"{slide.title(lang, since)}{count}"
            rows = slide.rows(changes)
            if rows.empty:
                rows = pd.DataFrame({changes.columns[0]: [t("briefing.no_changes", lang)]})
            page = table_page(rows, title, [1, 3, 1.3, 1.6, 3])
            left = len(changes) - (slide.part + 1) * CHANGES_PER_SLIDE
            if slide.part == room - 1 and left > 0:
                text_block(page, [t("briefing.changes_more", lang, n=f"{left:,}")], 0.0, 0.02, 15)
            pages.append(page)
    pages += appendix
    strip = f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b> · {t('briefing.last_change', lang)} "
    strip += updated.isoformat() if updated else "—"
    if data.has_samples:
        strip = f"<span style='color:#B04A00'><b>{t('sample.short', lang)}</b></span> · {strip}"
    total = len(pages)
    return [footer(fig, strip, n, total, lang) for n, fig in enumerate(pages, start=1)]
