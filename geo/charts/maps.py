"""Maps drawn as figures: the 행정동 choropleth, polygons on plain axes in EPSG:5186.

Nothing here loads anything from the internet: no ``geo`` subplot (whose
topojson Plotly fetches from a CDN) and no tile map.
"""

from __future__ import annotations

from typing import Literal

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from geo.analysis.stats import format_budget
from geo.charts.common import (
    Lang,
    Size,
    is_sample,
    sizes,
    style_figure,
)
from geo.i18n import localized_column, t
from geo.io import METRIC_CRS
from geo.model.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    label,
)
from geo.spatial import geometry_path, pad_bounds

# Sequential, colour-blind safe scale for maps (light = few, dark = many).
MAP_COLORSCALE = "YlGnBu"


def _is_dark(colour: str) -> bool:
    """Whether white text reads better than black on ``colour`` (``rgb(r, g, b)`` or ``#rrggbb``)."""
    if colour.startswith("#"):
        r, g, b = (float(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    else:
        r, g, b = (float(part) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def dong_choropleth_figure(
    by_dong: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    value: Literal["count", "budget_krw_100m"] = "count",
    lang: Lang = "ko",
    size: Size = "normal",
    sample: bool | None = None,
    areas: gpd.GeoDataFrame | None = None,
    fit: Literal["data", "city"] = "data",
) -> go.Figure:
    """Map of the 행정동 shaded by services or budget, drawn offline as polygons in EPSG:5186.

    Each dong is a filled polygon on plain x/y axes with equal scale (metres
    of EPSG:5186), so no basemap, topojson or tile is fetched. Dongs with a
    value are labelled with their name and value; a colour bar explains the
    shades. Development areas can be outlined on top.

    Parameters
    ----------
    by_dong : pandas.DataFrame
        ``geo.analysis.aggregate.services_by_place`` at ``dong`` level (``gu``, ``dong``, ``count``, ``budget_krw_100m``).
    boundaries : geopandas.GeoDataFrame
        Administrative boundaries with a CRS (``level == "dong"`` rows are drawn).
    value : {"count", "budget_krw_100m"}
        What to shade.
    areas : geopandas.GeoDataFrame, optional
        Development areas to outline, named in the legend.
    fit : {"data", "city"}
        Frame the dongs that have a value (default) or the whole city.

    Returns
    -------
    plotly.graph_objects.Figure
        One filled scatter trace per dong (``meta`` ``{"dong", "value"}``), then a
        text trace named ``"labels"`` whose ``customdata`` rows are
        ``[gu, dong, value]`` for every dong, then the colour-bar trace.
    """
    if value not in ("count", "budget_krw_100m"):
        raise ValueError(f"value must be 'count' or 'budget_krw_100m', not {value!r}")
    if boundaries.crs is None:
        raise ValueError("boundaries has no CRS; set it (EPSG:4326) before drawing the map")
    s = sizes(size)
    dongs = boundaries.loc[boundaries["level"] == "dong"].to_crs(METRIC_CRS)
    values = by_dong.set_index(["gu", "dong"])[value]
    shown = [float(values.get((gu, name), 0.0)) for gu, name in zip(dongs["gu"], dongs["name_ko"], strict=True)]
    top = max([*shown, 0.0]) or 1.0
    colours = sample_colorscale(MAP_COLORSCALE, [v / top for v in shown])
    # Keys stay Korean (they match the table); what the reader sees is in the screen's language.
    names = list(localized_column(dongs, "name", lang))
    fig = go.Figure()
    for geometry, key, name, amount, fill in zip(dongs.geometry, dongs["name_ko"], names, shown, colours, strict=True):
        xs, ys = geometry_path(geometry)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                line={"color": "#FFFFFF", "width": 1},
                name=name,
                meta={"dong": key, "value": amount},
                hoveron="fills",
                text=f"{name}: {amount:,.0f}" if value == "count" else f"{name}: {format_budget(amount, lang)}",
                hoverinfo="text",
                showlegend=False,
            )
        )
    if areas is not None and not areas.empty:
        for geometry, area_id in zip(areas.to_crs(METRIC_CRS).geometry, areas["area_id"], strict=True):
            xs, ys = geometry_path(geometry)
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": AREA_TERMS[area_id].colour if area_id in AREA_TERMS else "#333333", "width": 3},
                    name=label(AREA_SHORT, area_id, lang),
                    meta={"area_id": area_id},
                    hoverinfo="name",
                    showlegend=True,
                )
            )
    anchors = dongs.geometry.representative_point()
    label_colours = ["#FFFFFF" if _is_dark(fill) else "#111111" for fill in colours]
    texts = [
        (f"{name}<br>{amount:,.0f}" if value == "count" else f"{name}<br>{amount:,.1f}") if amount else ""
        for name, amount in zip(names, shown, strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=list(anchors.x),
            y=list(anchors.y),
            mode="text",
            name="labels",
            text=texts,
            customdata=[
                [gu, name, amount] for gu, name, amount in zip(dongs["gu"], dongs["name_ko"], shown, strict=True)
            ],
            textfont={"size": s["small"], "color": label_colours},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    unit = t("metric.count_unit", lang) if value == "count" else t("unit.100m_krw", lang)
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="colorbar",
            marker={
                "colorscale": MAP_COLORSCALE,
                "cmin": 0,
                "cmax": top,
                "color": [0],
                "showscale": True,
                "colorbar": {
                    "title": {"text": unit, "font": {"size": s["font"]}},
                    "tickfont": {"size": s["small"]},
                    "tickformat": ",.0f",
                    "thickness": s["font"],
                },
            },
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    with_values = dongs.loc[[amount > 0 for amount in shown]]
    if fit == "data" and not with_values.empty:
        # The island 대부동 would take most of the frame; zoom to where the services are (the rest stays drawn).
        minx, miny, maxx, maxy = pad_bounds(with_values.total_bounds, share=0.08)
        fig.update_xaxes(range=[minx, maxx])
        fig.update_yaxes(range=[miny, maxy])
    fig.update_layout(plot_bgcolor="#FFFFFF", legend={"orientation": "h", "y": -0.02})
    title = t("chart.dong_count" if value == "count" else "chart.dong_budget", lang)
    note = t("chart.dong_note", lang) + (f", {t('chart.excluding_cancelled', lang)}" if value != "count" else "")
    style_figure(fig, title, lang, size, is_sample(by_dong, sample), height=int(s["height"] * 1.3), note=note)
    return fig
