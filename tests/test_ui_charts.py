"""The everyday pages' chart captions: made once per figure and caption, never shared with another figure."""

import plotly.graph_objects as go

from geo.charts import with_caption
from ui import charts as ui_charts


def _figure() -> go.Figure:
    return go.Figure(go.Bar(x=["신길2", "장상"], y=[3, 4]), layout={"title": {"text": "사업 수"}})


def test_a_caption_is_made_once_for_the_same_figure_and_caption():
    fig = _figure()
    first = ui_charts.captioned_figure(fig, "전체 · 2026-12-07 기준 · 출처: 보도")
    assert ui_charts.captioned_figure(fig, "전체 · 2026-12-07 기준 · 출처: 보도") is first
    # It is what with_caption makes, and the figure passed in is left as it was.
    assert first.to_dict() == with_caption(fig, "전체 · 2026-12-07 기준 · 출처: 보도").to_dict()
    assert fig.layout.title.subtitle.text is None


def test_another_caption_or_another_figure_gets_its_own_copy():
    fig = _figure()
    today = ui_charts.captioned_figure(fig, "2026-12-07 기준")
    other_day = ui_charts.captioned_figure(fig, "2026-01-01 기준")
    assert other_day is not today and "2026-01-01" in other_day.layout.title.subtitle.text
    # An equal figure that is another object (a page that builds its figure on every run) is captioned anew.
    twin = _figure()
    assert ui_charts.captioned_figure(twin, "2026-12-07 기준") is not today


def test_the_kept_captions_are_bounded():
    figures = [_figure() for _ in range(ui_charts._CAPTIONED_MAX + 5)]
    for fig in figures:
        ui_charts.captioned_figure(fig, "기준")
    assert len(ui_charts._CAPTIONED) == ui_charts._CAPTIONED_MAX
    # The oldest went first; the newest is still kept.
    assert ui_charts.captioned_figure(figures[-1], "기준") is ui_charts._CAPTIONED[(id(figures[-1]), "기준")][1]
