"""Plotly figures for the district profiles, the overview and the briefing, built from ``geo.analysis.aggregate`` frames.

Each builder takes the DataFrame of one aggregation and returns a
``plotly.graph_objects.Figure``; the page shows the figure and offers the same
DataFrame for download (``geo.analysis.exports``), so chart and table always agree:

======================================  ==========================================  ==============
builder                                 data (``geo.analysis.aggregate``)                    module
======================================  ==========================================  ==============
:func:`domain_status_figure`            ``services_by_domain_status``               ``areas``
:func:`domain_figure`                   ``services_by_domain_status``               ``areas``
:func:`direction_figure`                ``services_by_direction``                   ``areas``
:func:`area_comparison_figure`          ``services_by_area_status``                 ``areas``
:func:`progress_figure`                 ``progress_by_area``                        ``areas``
:func:`budget_by_year_figure`           ``budget_by_year``                          ``budget``
:func:`budget_by_funding_figure`        ``budget_by_funding``                       ``budget``
:func:`timeline_figure`                 ``timeline_rows``                           ``timelines``
:func:`milestones_figure`               ``milestones_frame`` (from ``plan``)        ``timelines``
:func:`trend_figure`                    ``geo.analysis.trend.trend_by_quarter``              ``trend``
:func:`dong_choropleth_figure`          ``services_by_place`` (dong, boundaries)    ``maps``
======================================  ==========================================  ==============

Look (DESIGN.md section 4): status, domain, direction and funding colours come
from ``geo.model.vocab`` and every colour comes with a label (legend or text);
budgets read ``1,234.5억원``; what every figure shares (fonts, sizes, the
sample badge, captions) is in ``geo.charts.common``.
"""

from geo.charts.areas import (
    area_comparison_figure,
    direction_figure,
    domain_figure,
    domain_status_figure,
    progress_figure,
)
from geo.charts.budget import budget_by_funding_figure, budget_by_year_figure
from geo.charts.common import (
    CAPTION_LINE_CHARS,
    DEFAULT_MARGIN_PX,
    FONT_FAMILY,
    SAMPLE_ANNOTATION_NAME,
    Lang,
    Size,
    chart_title,
    compact_figure,
    no_data_message,
    with_caption,
)
from geo.charts.maps import dong_choropleth_figure
from geo.charts.timelines import milestones_figure, milestones_frame, timeline_figure
from geo.charts.trend import trend_figure

__all__ = [
    "CAPTION_LINE_CHARS",
    "DEFAULT_MARGIN_PX",
    "FONT_FAMILY",
    "SAMPLE_ANNOTATION_NAME",
    "Lang",
    "Size",
    "area_comparison_figure",
    "budget_by_funding_figure",
    "budget_by_year_figure",
    "chart_title",
    "compact_figure",
    "direction_figure",
    "domain_figure",
    "domain_status_figure",
    "dong_choropleth_figure",
    "milestones_figure",
    "milestones_frame",
    "no_data_message",
    "progress_figure",
    "timeline_figure",
    "trend_figure",
    "with_caption",
]
