"""Downloads keep their context (geo.analysis.exports.ExportContext) and charts carry it as a caption line."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from geo import charts
from geo.analysis import aggregate
from geo.analysis.exports import ExportContext, services_source, to_csv_bytes, to_xlsx_bytes

CONTEXT = ExportContext("신길2", date(2026, 5, 13), date(2026, 5, 10), '=HYPERLINK("x") 보도', sample=True)
TABLE = pd.DataFrame({"status": ["운영"], "count": [3]})


def test_csv_starts_with_area_dates_source_and_sample_note_then_the_table():
    rows = list(csv.reader(io.StringIO(to_csv_bytes(TABLE, context=CONTEXT).decode("utf-8-sig"))))
    assert rows[0] == ["대상지", "신길2"]
    assert rows[1] == ["기준일", "2026-05-13"]
    assert rows[2] == ["데이터 최종 갱신", "2026-05-10"]
    # The source came from data: it must not run as a formula in Excel.
    assert rows[3] == ["출처", '\'=HYPERLINK("x") 보도']
    assert rows[4][0] == "예시 데이터" and "실제 사업 현황이 아닙니다" in rows[4][1]
    assert rows[5] == []
    assert rows[6] == ["추진 상태", "서비스 수"] and rows[7] == ["운영", "3"]


def test_without_samples_there_is_no_sample_row_and_english_labels_follow_the_language():
    plain = ExportContext("All areas", date(2026, 5, 13), None, "News report", sample=False)
    rows = list(csv.reader(io.StringIO(to_csv_bytes(TABLE, context=plain, lang="en").decode("utf-8-sig"))))
    assert rows[:4] == [
        ["Area", "All areas"],
        ["As of", "2026-05-13"],
        ["Data last updated", "—"],
        ["Source", "News report"],
    ]
    assert rows[4] == []


def test_xlsx_keeps_the_data_sheet_clean_and_puts_the_context_on_a_second_sheet():
    book = load_workbook(io.BytesIO(to_xlsx_bytes(TABLE, context=CONTEXT)))
    assert book.sheetnames == ["데이터", "자료 정보"]
    assert [c.value for c in book["데이터"][1]] == ["추진 상태", "서비스 수"]
    about = {row[0].value: row[1].value for row in book["자료 정보"].iter_rows(min_row=2)}
    assert about["대상지"] == "신길2" and about["기준일"] == "2026-05-13" and about["데이터 최종 갱신"] == "2026-05-10"
    assert "예시 데이터" in about


def test_chart_caption_says_the_same_in_short_lines(bundled):
    fig = charts.area_comparison_figure(aggregate.services_by_area_status(bundled.services))
    captioned = charts.with_caption(fig, CONTEXT.caption())
    subtitle = captioned.layout.title.subtitle.text
    for part in ("대상지 신길2", "기준일 2026-05-13", "데이터 최종 갱신 2026-05-10", "출처:", "예시 데이터"):
        assert part in subtitle
    assert all(len(line) <= charts.CAPTION_LINE_CHARS for line in subtitle.split("<br>") if " · " in line)
    assert captioned.layout.margin.t > fig.layout.margin.t
    assert fig.layout.title.subtitle.text is None  # the original figure is left as it was


def test_services_source_names_the_records_sources_or_the_dashboard():
    assert services_source(pd.DataFrame({"name_ko": ["a"]})) == "안산 스마트도시 대시보드 스마트서비스 데이터"
    frame = pd.DataFrame({"source": ["A 보도", "B 보도", "A 보도", None, "C 보도"]})
    assert services_source(frame) == "A 보도; B 보도 외 1건"


def test_english_chart_captions_name_the_sources_in_english_or_the_korean_one_when_none():
    frame = pd.DataFrame(
        {
            "source": ["경기일보 (2025-06-19)", "뉴스1 (2025-06-19)", "가져온 보도"],
            "source_en": ["Kyeonggi Ilbo (2025-06-19)", "News1 (2025-06-19)", None],
        }
    )
    assert services_source(frame, "en", most=3) == "Kyeonggi Ilbo (2025-06-19); News1 (2025-06-19); 가져온 보도"
    assert services_source(frame, "ko") == "경기일보 (2025-06-19); 뉴스1 (2025-06-19) 외 1건"
    assert services_source(frame.drop(columns="source_en"), "en", most=1) == "경기일보 (2025-06-19) and 2 more"


def test_milestone_labels_take_turns_above_and_below_on_four_levels(bundled):
    fig = charts.milestones_figure(bundled.plan)
    labels = [a for a in fig.layout.annotations if a.name == "milestone"]
    assert len(labels) == len(bundled.plan["milestones"])
    heights = [a.ay for a in labels]
    # Neighbours (a month apart at the end of the plan) never share a level.
    assert all(a != b for a, b in itertools.pairwise(heights))
    assert all(a != b for a, b in zip(heights, heights[2:], strict=False))
