"""Rebuild the bundled data folders (run by hand; the output is committed, so a clone runs without ../shared).

Usage: ``python scripts/build_bundled_data.py [--shared ../shared]``

``data/`` (the default, real data):

- ``boundaries.geojson``: Ansan's outline, its two 구 and 25 행정동, simplified
  (about 40 m) from Statistics Korea's 2018 boundaries (KOGL Type 1), marked
  ``accuracy = approximate``.
- ``areas.geojson``: the five development areas as approximate outlines drawn at
  the places and of the sizes the reports give; each fact keeps its source.
- ``services.geojson`` and ``status_history.csv``: the smart-city projects of
  ``PROJECTS.md`` as reported, one record each, ``is_sample = false``. A point is a
  ``places.csv`` point, the point of a reported lot number in a public dataset, or
  a 동 centre of the bundled boundaries (``geo.places``); nothing is guessed, and
  a field no source gives stays empty. The history holds the reported dated events.
- ``reference/``: the public point layers of ``reference/public_layers`` with a
  ``manifest.yaml`` (title, provider, data date, licence, popup fields).

``data/demo/``: the same plan, boundaries and areas with the 96 illustrative
services (``is_sample = true``, seeded, so a rebuild is identical), for
demonstrations with ``DASHBOARD_DATA_DIR=data/demo``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import yaml
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places import dong_anchor  # noqa: E402
from geo.schema import AREAS, SERVICES  # noqa: E402
from geo.vocab import SMART_HUB_EN, SMART_HUB_KO, STATUS_TERMS, label  # noqa: E402

METRIC = "EPSG:5186"

BOUNDARY_SOURCE = "통계청 SGIS 2018 행정동 경계(공공누리 제1유형)를 약 40 m로 단순화"

# Centre (lat, lon), target area (m²), aspect ratio and rotation of each approximate outline.
# ASV sits "around Hanyang University ERICA": its outline reaches the campus's main gate.
AREA_OUTLINES = {
    "singil2": ((37.3338, 126.7722), 750_000, 1.6, 35),
    "jangsang": ((37.3535, 126.8760), 2_205_604, 1.7, -35),
    "gfez": ((37.2990, 126.8470), 1_660_000, 1.5, 20),
    "choji": ((37.3188, 126.8098), 183_927, 1.3, 10),
    # 건건동·사사동, south and east of 반월역, inside Ansan's eastern edge.
    "uiwang_gunpo_ansan": ((37.3040, 126.9000), 1_990_000, 1.3, 60),
}


# Each area's facts in Korean and English: the English fields translate the same facts and sources
# (English screens show them through geo.i18n.localized), never a new figure.
AREA_FACTS: list[dict[str, Any]] = [
    {
        "area_id": "singil2",
        "name_ko": "신길2 공공주택지구",
        "name_en": "Singil-2 new town",
        "kind_ko": "3기 신도시 (공공주택지구)",
        "kind_en": "3rd-generation new town (public housing district)",
        "location_ko": "단원구 신길동 일원, 신길온천역(4호선) 인접",
        "location_en": "Singil-dong, Danwon-gu, next to Singiloncheon station (Line 4)",
        "reported_area_m2": 750000,
        "homes": 6192,
        "residents": None,
        "facts_ko": "면적 약 75만 ㎡(자료별 75만~75.8만 ㎡); 주택 6,192호(최신 보도, 발표 당시 7,000호·이후 5,600호); "
        "사업시행자 LH·안산도시공사",
        "facts_en": "About 750,000 m² (750,000–758,000 by source); 6,192 homes (latest report; "
        "7,000 as announced, later 5,600); developers LH and Ansan Urban Corporation",
        "source": "국토교통부 3차 신규 공공택지 발표(2019-05-07) 및 이후 언론 보도",
        "source_en": "MOLIT announcement of the 3rd new public housing sites (2019-05-07) and later press reports",
        "conflicts": [
            {
                "field_ko": "주택 수",
                "field_en": "Homes",
                "values": [
                    {
                        "value_ko": "7,000호",
                        "value_en": "7,000",
                        "source": "국토교통부 발표 (2019-05-07)",
                        "source_en": "MOLIT announcement (2019-05-07)",
                    },
                    {
                        "value_ko": "5,600호",
                        "value_en": "5,600",
                        "source": "청년 희망타운 계획 보도",
                        "source_en": "Reports on the youth hope town plan",
                    },
                    {
                        "value_ko": "6,192호",
                        "value_en": "6,192",
                        "source": "최신 보도 (보도 매체는 확인하지 못함)",
                        "source_en": "Latest press report (outlet not identified)",
                    },
                ],
            }
        ],
    },
    {
        "area_id": "jangsang",
        "name_ko": "장상 공공주택지구",
        "name_en": "Jangsang new town",
        "kind_ko": "3기 신도시 (공공주택지구)",
        "kind_en": "3rd-generation new town (public housing district)",
        "location_ko": "상록구 장상동·장하동·수암동·부곡동·양상동 일원",
        "location_en": "Jangsang-dong, Jangha-dong, Suam-dong, Bugok-dong and Yangsang-dong, Sangnok-gu",
        "reported_area_m2": 2205604,
        "homes": 14078,
        "residents": 35000,
        "facts_ko": "면적 220만 5,604 ㎡; 주택 14,078호(최신 보도, 2019년 발표 13,000호), 약 3만 5천 명; "
        "2020-05 지구 지정; 2025-11-07 착공, 2028년 부지조성 완료 예정; 신안산선 장하역(계획); "
        "사업시행자 LH·GH·안산도시공사",
        "facts_en": "2,205,604 m²; 14,078 homes (latest; 13,000 in 2019), about 35,000 residents; "
        "designated 2020-05; construction began 2025-11-07, land works to finish 2028; "
        "planned Shin-Ansan Line station (Jangha); developers LH, GH, Ansan Urban Corporation",
        "source": "국토교통부 3차 신규 공공택지 발표(2019-05-07); 착공 보도(2025-11-07)",
        "source_en": "MOLIT announcement of the 3rd new public housing sites (2019-05-07); "
        "groundbreaking reports (2025-11-07)",
    },
    {
        "area_id": "gfez",
        "name_ko": "경기경제자유구역 안산사이언스밸리(ASV)지구",
        "name_en": "Gyeonggi FEZ, Ansan Science Valley district",
        "kind_ko": "경제자유구역",
        "kind_en": "Free economic zone",
        "location_ko": "상록구 사동 일원, 한양대 ERICA·경기테크노파크 주변",
        "location_en": "Sa-dong, Sangnok-gu, around Hanyang University ERICA and Gyeonggi Technopark",
        "reported_area_m2": 1660000,
        "homes": None,
        "residents": None,
        "facts_ko": "면적 1.66 ㎢; 첨단 로봇·제조 혁신; 2025-09-22 경제자유구역위원회 의결, "
        "2026-01-15 지정 고시; 사업기간 2026~2032년, 사업비 4,105억원; 경기경제자유구역 4개 지구 6.9 ㎢로 확대",
        "facts_en": "1.66 km²; advanced robotics and manufacturing; approved 2025-09-22, designated "
        "2026-01-15; 2026–2032, KRW 410.5 bn; Gyeonggi FEZ grows to four districts, 6.9 km²",
        "source": "언론 보도(2025-09-23, 2026-01-15)",
        "source_en": "Press reports (2025-09-23, 2026-01-15)",
    },
    {
        "area_id": "choji",
        "name_ko": "초지역세권 개발",
        "name_en": "Choji station area",
        "kind_ko": "역세권 개발",
        "kind_en": "Station-area development",
        "location_ko": "단원구 초지동 666-2 일원, 초지역·화랑유원지·와스타디움 인접",
        "location_en": "Around 666-2 Choji-dong, Danwon-gu, next to Choji station, Hwarang Park and Wa Stadium",
        "reported_area_m2": 183927,
        "homes": None,
        "residents": None,
        "facts_ko": "면적 183,927 ㎡; 주거·대형 상업·업무·숙박·문화체육·학교 복합개발; "
        "안산도시공사 참여 민관합동 법인; 초지역(4호선·서해선·수인분당선, 인천발 KTX·신안산선 계획)",
        "facts_en": "183,927 m²; mixed use: housing, a large mall, offices, lodging, culture and sports, "
        "a school; public–private company with Ansan Urban Corporation; next to Choji station",
        "source": "언론 보도(2024-05-20, 2024-07-10)",
        "source_en": "Press reports (2024-05-20, 2024-07-10)",
    },
    {
        "area_id": "uiwang_gunpo_ansan",
        "name_ko": "의왕·군포·안산 공공주택지구 (안산 구역)",
        "name_en": "Uiwang-Gunpo-Ansan new town (Ansan part)",
        "kind_ko": "3기 신도시 (공공주택지구)",
        "kind_en": "3rd-generation new town (public housing district)",
        "location_ko": "상록구 반월동(법정동 건건동·사사동) 일원, 반월역(4호선) 쪽",
        "location_en": "Banwol-dong, Sangnok-gu (legal dongs Geongeon-dong and Sasa-dong), on the Banwol station side",
        "reported_area_m2": 1990000,
        "homes": 13000,
        "residents": None,
        "facts_ko": "안산 구역 약 199만 ㎡, 주택 약 13,000호(2021년 발표 당시 안산시 수치); 지구 전체 597만 ㎡, "
        "41,518호(지구계획 승인 2025-12-31); 공동시행 경기도·GH·LH·군포도시공사·안산도시공사; "
        "첫 입주 2029년 예상; 2026년 2월 승인된 스마트도시계획 보도에 신길2·장상과 함께 대상지로 언급",
        "facts_en": "Ansan part about 1,990,000 m² and about 13,000 homes (Ansan's figures at the 2021 announcement); "
        "whole district 5,970,000 m², 41,518 homes (district plan approved 2025-12-31); co-implementers "
        "Gyeonggi Province, GH, LH, Gunpo and Ansan urban corporations; first residents expected 2029; listed "
        "with Singil-2 and Jangsang in the February 2026 reports on the approved smart city plan",
        "source": "아시아경제 2026-02-03; SBS/연합뉴스 2026-02-04; 세계일보 2025-12-31; 이데일리 2021-08-30",
        "source_en": "Asia Economy 2026-02-03; SBS/Yonhap News 2026-02-04; Segye Ilbo 2025-12-31; Edaily 2021-08-30",
        "source_url": "https://www.asiae.co.kr/article/2026020310412189000",
    },
]


# Reported projects of ../shared/PROJECTS.md, one entry per row, in its order.
# where: ("place", name in places.csv) | ("address", dataset file, 지번 address, label)
#        | ("dong", [dong names]) | ("route", [stops]) | ("citywide",)
# events: (date, old status, new status, reason ko, reason en) — the dated events the reports give.
KYEONGGI_0619 = ("경기일보 (2025-06-19)", "https://m.kyeonggi.com/article/20250619580169")
# English of the services' sources: each outlet as it spells itself in English, and the builder's own
# source phrases translated; dates and addresses stay as they are. A source with Korean left after these
# stops the build (name its outlet here): English screens never show a source this table did not translate.
SOURCE_EN = {
    "스마트시티 종합포털": "Smart City Korea portal",
    "강소형 스마트도시 공모 계획 보도": "Reports on the compact smart city grant plan",
    "언론 보도 (출처마다 다름; 어느 매체의 수치인지 확인하지 못함)": (
        "Press reports (figures differ by source; outlet not identified)"
    ),
    "글로벌이코노믹": "Global Economic",
    "경기일보": "Kyeonggi Ilbo",
    "경기매일": "Kyeonggi Maeil",
    "경인일보": "Kyeongin Ilbo",
    "뉴스1": "News1",
    "뉴스웍스": "Newsworks",
    "뉴스핌": "Newspim",
    "뉴시스": "Newsis",
    "머니S": "Money S",
    "서울경제": "Seoul Economic Daily",
    "서울신문": "Seoul Shinmun",
    "시민일보": "Siminilbo",
    "신아일보": "Shinailbo",
    "아시아경제": "Asia Economy",
    "아주경제": "Aju Business Daily",
    "연합뉴스": "Yonhap News",
    "쿠키메디": "Kuki Medi",
    "쿠키뉴스": "Kuki News",
    "프레시안": "Pressian",
    "한국경제": "Korea Economic Daily",
}
# English names of the route stops that have no point in places.csv (those that do carry their own).
STOPS_EN = {"한국산업기술시험원": "Korea Testing Laboratory (KTL)", "안산도시개발": "Ansan Urban Development"}
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def english_source(source: str | None) -> str | None:
    """The English of a service source (outlet names and phrases from :data:`SOURCE_EN`); None stays None."""
    if source is None:
        return None
    english = source
    for korean, text in SOURCE_EN.items():
        english = english.replace(korean, text)
    if HANGUL.search(english):
        raise SystemExit(f"source '{source}': no English for '{english}' (add the outlet to SOURCE_EN)")
    return english


NEWS1_0619 = "뉴스1 (2025-06-19), https://news1.kr/amp/local/gyeonggi/5819377"
GRANT_KO = "2025 강소형 스마트도시 조성사업(160억)의 일부"
GRANT_EN = "Part of the 2025 compact smart city grant programme (KRW 16 bn)"
HUB_KO = f"{SMART_HUB_KO}; 지도에는 산단이 있는 행정동 초지동의 중심점에 표시"
HUB_EN = f"{SMART_HUB_EN}; drawn at the centre of Choji-dong, the dong the estate lies in"
SELECTED_0619 = [
    (
        "2025-06-19",
        None,
        "계획",
        "강소형 스마트도시 조성사업 공모 선정",
        "Selected in the compact smart city grant competition",
    )
]

PROJECTS: list[dict[str, Any]] = [
    dict(
        n=1,
        name_ko="2025 강소형 스마트도시 조성사업 (지역소멸 대응형)",
        name_en="2025 compact smart city programme (for regions at risk of decline)",
        what_ko="국토교통부 공모 사업으로 다국어 교통(MaaS), 상권 분석, AI 교육, 원격 건강관리, 도로 위험 탐지, 스마트 네스트센터를 묶은 사업입니다.",
        what_en="A MOLIT grant programme that bundles multilingual transport (MaaS), shop analytics, AI education, remote health care, road-hazard detection and the Smart Nest Centre.",
        where=("dong", ["원곡동", "초지동"]),
        where_ko="원곡동·초지동 (지도에는 원곡동 중심점에 표시)",
        where_en="Wongok-dong and Choji-dong (drawn at the centre of Wongok-dong)",
        area_id="citywide",
        domain="기타",
        domain_reported="여러 분야 (several)",
        status="계획",
        status_ko="2025-06-19 공모 선정",
        status_en="Selected 2025-06-19",
        budget=160.0,
        budget_ko="160억원 (국비 80억 + 지방비 80억), 2027년 12월까지",
        budget_en="KRW 16 bn (national 8 bn + local 8 bn), to 2027-12",
        start_year=2025,
        end_year=2027,
        source=KYEONGGI_0619,
        others=NEWS1_0619,
        reported_on="2025-06-19",
        events=SELECTED_0619,
    ),
    dict(
        n=2,
        name_ko="다국어 통합교통서비스(MaaS) 플랫폼",
        name_en="Multilingual mobility-as-a-service (MaaS) platform",
        what_ko="교통·관광·일자리·행정 정보를 여러 언어로 한 번에 안내하는 앱·웹 서비스입니다.",
        what_en="One multilingual app and website for transport, tourism, jobs and administration.",
        where=("dong", ["원곡동", "초지동"]),
        where_ko="원곡동·초지동 중심 (지도에는 원곡동 중심점에 표시)",
        where_en="Focused on Wongok-dong and Choji-dong (drawn at the centre of Wongok-dong)",
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="계획",
        status_ko="계획 (2025-06-19 선정 사업의 일부)",
        status_en="Planned (part of the programme selected 2025-06-19)",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=KYEONGGI_0619,
        others=NEWS1_0619,
        reported_on="2025-06-19",
        events=SELECTED_0619,
    ),
    dict(
        n=3,
        name_ko="행동데이터 기반 상권 활성화 플랫폼",
        name_en="Behaviour-data platform for local shops",
        what_ko="다문화 상권의 이용 행태 데이터를 분석해 상점을 돕는 플랫폼입니다.",
        what_en="Analyses visitor-behaviour data to help shops in multicultural districts.",
        where=("dong", ["원곡동", "초지동"]),
        where_ko="원곡동·초지동 (지도에는 원곡동 중심점에 표시)",
        where_en="Wongok-dong and Choji-dong (drawn at the centre of Wongok-dong)",
        area_id="citywide",
        domain="기타",
        domain_reported="경제 (economy)",
        status="계획",
        status_ko="계획 (2025-06-19 선정 사업의 일부)",
        status_en="Planned (part of the programme selected 2025-06-19)",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=KYEONGGI_0619,
        others=NEWS1_0619,
        reported_on="2025-06-19",
        events=SELECTED_0619,
    ),
    dict(
        n=4,
        name_ko="AI 맞춤형 교육 (중도입국·외국인주민 자녀)",
        name_en="AI-based tailored education for children of foreign residents",
        what_ko="중도입국 자녀와 외국인주민 자녀를 위한 AI 기반 맞춤형 교육과 언어 교육입니다.",
        what_en="AI-based tailored and language education for children who arrived mid-school and children of foreign residents.",
        where=("citywide",),
        where_ko="장소 미공개",
        where_en="No place reported",
        area_id="citywide",
        domain="교육",
        domain_reported="교육·복지",
        status="계획",
        status_ko="계획 (2025-06-19 선정 사업의 일부)",
        status_en="Planned (part of the programme selected 2025-06-19)",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=("뉴스1 (2025-06-19)", "https://news1.kr/amp/local/gyeonggi/5819377"),
        others="프레시안 (2025-07-15)",
        reported_on="2025-07-15",
        events=SELECTED_0619,
    ),
    dict(
        n=5,
        name_ko="건강관리·원격의료 지원체계",
        name_en="Health management and remote care",
        what_ko="협력 병원과 함께하는 건강관리와 원격 진료 지원입니다.",
        what_en="Health management and remote care with partner hospitals.",
        where=("citywide",),
        where_ko="장소 미공개",
        where_en="No place reported",
        area_id="citywide",
        domain="보건·의료·복지",
        domain_reported="보건·복지",
        status="계획",
        status_ko="계획 (2025-06-19 선정 사업의 일부)",
        status_en="Planned (part of the programme selected 2025-06-19)",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=("프레시안 (2025-07-15)", None),
        others="뉴스핌 (2025-07-15)",
        reported_on="2025-07-15",
        events=SELECTED_0619,
    ),
    dict(
        n=6,
        name_ko="AI 기반 도로 위험 탐지",
        name_en="AI road-hazard detection",
        what_ko="AI로 도로 위의 위험 요소를 찾아내는 서비스입니다.",
        what_en="Detects hazards on the road with AI.",
        where=("citywide",),
        where_ko="장소 미공개",
        where_en="No place reported",
        area_id="citywide",
        domain="방범·방재",
        domain_reported="안전",
        status="계획",
        status_ko="계획 (2025-06-19 선정 사업의 일부)",
        status_en="Planned (part of the programme selected 2025-06-19)",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=("뉴스핌 (2025-07-15)", None),
        others=None,
        reported_on="2025-07-15",
        events=SELECTED_0619,
    ),
    dict(
        n=7,
        name_ko="스마트 네스트센터",
        name_en="Smart Nest Centre",
        what_ko="AI 전시·체험관, 데이터 리빙랩, 교육장을 갖춘 시설입니다.",
        what_en="An AI exhibition and experience hall with a data living lab and a training room.",
        where=("place", "안산도시정보센터"),
        where_ko="안산도시정보센터 (상록구 사동)",
        where_en="Ansan Urban Information Centre (Sa-dong, Sangnok-gu)",
        area_id="citywide",
        domain="행정",
        domain_reported="행정",
        status="계획",
        status_ko="2025-07-15 발표",
        status_en="Announced 2025-07-15",
        budget=None,
        budget_ko=GRANT_KO,
        budget_en=GRANT_EN,
        source=("아주경제 (2025-07-15)", "https://ajunews.com/amp/20250715132546273"),
        others=None,
        reported_on="2025-07-15",
        events=[("2025-07-15", None, "계획", "조성 계획 발표", "Plan announced")],
    ),
    dict(
        n=8,
        name_ko="자율주행자동차 시범운행지구 · 자율주행 셔틀",
        name_en="Autonomous-vehicle pilot zone and autonomous shuttle",
        what_ko="약 11 km 노선을 자율주행 셔틀이 시범 운행합니다: 도시정보센터 → 한양대 ERICA 정문 → 한국산업기술시험원 → 안산호수공원 → 안산도시개발 → 원시역 → 시우역 → 초지역.",
        what_en="An autonomous shuttle on a route of about 11 km: Urban Information Centre → Hanyang Univ. ERICA main gate → KTL → Ansan Lake Park → Ansan Urban Development → Wonsi Stn → Siu Stn → Choji Stn.",
        where=(
            "route",
            [
                "안산도시정보센터",
                "한양대 ERICA 정문 정류장",
                "한국산업기술시험원",
                "안산호수공원",
                "안산도시개발",
                "원시역",
                "시우역(구 원곡역)",
                "초지역",
            ],
        ),
        where_ko="정류장 8곳을 잇는 노선 (ASV와 초지 연결)",
        where_en="A route through eight stops (links ASV and Choji)",
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="계획",
        status_ko="2025-12-09 시범운행지구 지정; 2026-01-21 경찰 안전 협의; 일부 시간·구간부터 운행 예정",
        status_en="Pilot zone designated 2025-12-09; police safety meeting 2026-01-21; to start on limited hours and sections",
        budget=None,
        budget_ko="운행 준비비는 강소형 스마트도시 조성사업에서 지원",
        budget_en="Start-up funded by the compact smart city programme",
        source=("뉴시스 (2025-12-13)", "https://newsis.com/view/?id=NISX20251213_0003439814"),
        others="글로벌이코노믹 (2026-01-23)",
        reported_on="2026-01-23",
        events=[
            (
                "2025-12-09",
                None,
                "계획",
                "자율주행자동차 시범운행지구 지정",
                "Designated as an autonomous-vehicle pilot zone",
            )
        ],
        conflicts=[
            dict(
                field_ko="노선 정류장 수",
                field_en="Stops on the route",
                values=[
                    dict(
                        value_ko="5곳 (공모 계획)",
                        value_en="5 (grant plan)",
                        source="강소형 스마트도시 공모 계획 보도 (2025-06-19)",
                    ),
                    dict(
                        value_ko="8곳 (지정된 시범운행지구)",
                        value_en="8 (designated pilot zone)",
                        source="뉴시스 (2025-12-13)",
                    ),
                ],
            )
        ],
    ),
    dict(
        n=9,
        name_ko="통합관제센터 (CCTV)",
        name_en="Integrated CCTV control centre",
        what_ko="CCTV 8,289대를 24시간 살피며, 이 가운데 AI 감지 CCTV가 배회·쓰러짐·폭행·화재·밀집을 찾아냅니다.",
        what_en="24-hour monitoring of 8,289 CCTV cameras; those with AI detection spot loitering, falls, assault, fire and crowds.",
        where=("dong", ["사동"]),
        where_ko="상록구 사동 (2010년 사동 교통센터 건물에 개소; 2025년 보도에는 주소 없음)",
        where_en="Sa-dong, Sangnok-gu (opened 2010 in the Sa-dong traffic centre building; the 2025 reports give no address)",
        area_id="citywide",
        domain="방범·방재",
        domain_reported="안전",
        status="운영",
        status_ko="운영 중 (안산도시공사)",
        status_en="Operating (Ansan Urban Corporation)",
        budget=None,
        budget_ko=None,
        budget_en=None,
        department="안산도시공사",
        source=("경인일보 (2025-04-15)", "https://kyeongin.com/article/1736242"),
        others="경기일보 (2025-04-15); 쿠키뉴스 (2010-04-13)",
        reported_on="2025-04-15",
        events=[
            (
                "2010-04-13",
                None,
                "운영",
                "사동 교통센터 건물에 통합관제센터 개소 (쿠키뉴스 보도)",
                "Centre opened in the Sa-dong traffic centre building (Kuki News)",
            )
        ],
        conflicts=[
            dict(
                field_ko="AI 감지 CCTV 수",
                field_en="CCTVs with AI detection",
                values=[
                    dict(value_ko="3,337대", value_en="3,337", source="경인일보 (2025-04-15)"),
                    dict(value_ko="3,340대", value_en="3,340", source="경기일보 (2025-04-15)"),
                ],
            )
        ],
    ),
    dict(
        n=10,
        name_ko="지능형교통체계(ITS)",
        name_en="Intelligent transport system (ITS)",
        what_ko="스마트 교차로, 좌회전 감응 신호, 긴급차량 우선 신호, 어린이보호구역 보행 안전 시설입니다.",
        what_en="Smart intersections, left-turn sensing signals, emergency-vehicle priority and school-zone pedestrian safety.",
        where=("dong", ["초지동"]),
        where_ko=HUB_KO,
        where_en=HUB_EN,
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="계획",
        status_ko="2024년 말까지 구축 계획 (2023-04-05 보도); 완료 여부 미확인",
        status_en="Build planned to end-2024 (reported 2023-04-05); completion not confirmed",
        budget=68.0,
        budget_ko="68억원 (국비 41억 + 시비 27억), 2023–2024",
        budget_en="KRW 6.8 bn (national 4.1 bn + city 2.7 bn), 2023–2024",
        start_year=2023,
        end_year=2024,
        source=("한국경제/연합뉴스 (2023-04-05)", "https://hankyung.com/article/202304056363Y"),
        others=None,
        reported_on="2023-04-05",
        events=[("2023-04-05", None, "계획", "구축 계획 보도", "Build plan reported")],
    ),
    dict(
        n=11,
        name_ko="AI 스마트 공영주차장",
        name_en="AI smart public car parks",
        what_ko="'안산스마트공영주차장' 앱으로 빈 주차면을 실시간 안내합니다.",
        what_en="Live free-space guidance in the Ansan smart public parking app.",
        where=("address", "ansan_parking_lots.csv", "경기도 안산시 단원구 고잔동 545-1", "안산세무서뒤"),
        where_ko="공영주차장 9곳: 안산세무서 뒤, 상하수도사업소 앞, 여성회관 뒤, 안산상공회의소 뒤 (2022-10, 569면); 고잔동 556-1, 560-1, 531-1, 554-2 2곳 (2023-09, 394면). 지도에는 첫 주차장(안산세무서 뒤)만 표시",
        where_en="9 public car parks: behind the tax office, in front of the water works office, behind the women's hall, behind the chamber of commerce (2022-10, 569 spaces); Gojan-dong 556-1, 560-1, 531-1 and two at 554-2 (2023-09, 394 spaces). The map shows the first (behind the tax office)",
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="운영",
        status_ko="운영 중 (2022-10 4곳, 2023-09 5곳 추가)",
        status_en="Operating (4 car parks from 2022-10, 5 more from 2023-09)",
        budget=None,
        budget_ko=None,
        budget_en=None,
        source=("경인일보 (2023-11-10)", "https://kyeongin.com/article/1663609"),
        others="쿠키뉴스 (2022-10-25)",
        reported_on="2023-11-10",
        events=[
            (
                "2022-10-25",
                None,
                "운영",
                "주차장 4곳(569면) 운영 보도",
                "Four car parks (569 spaces) reported in service",
            )
        ],
    ),
    dict(
        n=12,
        name_ko="내비게이션 연계 공영주차장 안내 시범사업",
        name_en="Car-navigation guidance to public car parks (pilot)",
        what_ko="차량 내비게이션에 공영주차장과 빈 주차면을 보여 줍니다.",
        what_en="Car navigation shows public car parks and their free spaces.",
        where=("citywide",),
        where_ko="대상 주차장 미정",
        where_en="Car parks not yet chosen",
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="계획",
        status_ko="2025-12-22 추진 회의",
        status_en="Planning meeting 2025-12-22",
        budget=None,
        budget_ko=None,
        budget_en=None,
        source=("프레시안 (2025-12-23)", None),
        others=None,
        reported_on="2025-12-23",
        events=[("2025-12-22", None, "계획", "시범사업 추진 회의", "Pilot planning meeting")],
    ),
    dict(
        n=13,
        name_ko="IoT 스마트 가로등",
        name_en="IoT smart street lights",
        what_ko="LED 가로등 1,594개와 밝기 조절·원격 제어 장치 1,809개입니다.",
        what_en="1,594 LED lamps with 1,809 dimming and remote-control units.",
        where=("dong", ["초지동"]),
        where_ko=HUB_KO,
        where_en=HUB_EN,
        area_id="citywide",
        domain="환경·에너지·수자원",
        domain_reported="에너지·안전",
        status="운영",
        status_ko="사업 완료 (2021-12-03 보도)",
        status_en="Completed (reported 2021-12-03)",
        budget=21.37,
        budget_ko="국비 21.37억원, 2021-03 ~ 2021-11",
        budget_en="National KRW 2.137 bn, 2021-03 to 2021-11",
        start_year=2021,
        end_year=2021,
        funding="국비",
        source=("스마트시티 종합포털 smartcity.go.kr (2021-12-03)", None),
        others=None,
        reported_on="2021-12-03",
        events=[("2021-12-03", None, "운영", "사업 완료 보도", "Completion reported")],
    ),
    dict(
        n=14,
        name_ko="스마트그린산단 통합관제",
        name_en="Smart green industrial estate control system",
        what_ko="방범 CCTV 31대(안산 쪽), 미세먼지·화재 감지 센서, 열화상 카메라입니다.",
        what_en="31 crime-prevention CCTVs (Ansan side), fine-dust and fire sensors and thermal cameras.",
        where=("dong", ["초지동"]),
        where_ko=HUB_KO,
        where_en=HUB_EN,
        area_id="citywide",
        domain="방범·방재",
        domain_reported="안전·환경",
        status="운영",
        status_ko="2023-11-24 준공",
        status_en="Completed 2023-11-24",
        budget=98.5,
        budget_ko="국비 84.3억 + 지방비 14.2억원 (안산·시흥 합계)",
        budget_en="National KRW 8.43 bn + local 1.42 bn (Ansan and Siheung together)",
        source=("신아일보 (2023-12-04)", None),
        others="경기일보 (2023-12-04)",
        reported_on="2023-12-04",
        events=[("2023-11-24", None, "운영", "준공", "Completed")],
    ),
    dict(
        n=15,
        name_ko="AX(인공지능 전환) 실증산단",
        name_en="AI transformation (AX) demonstration estate",
        what_ko="기업이 함께 쓰는 AI 실증 환경과 기업별 실증 사업입니다.",
        what_en="A shared AI test-bed and demonstrations by firms.",
        where=("dong", ["초지동"]),
        where_ko=HUB_KO,
        where_en=HUB_EN,
        area_id="citywide",
        domain="기타",
        domain_reported="산업",
        status="계획",
        status_ko="2025-12-02 선정",
        status_en="Selected 2025-12-02",
        budget=140.0,
        budget_ko="국비 140억원, 2028년까지",
        budget_en="National KRW 14 bn, to 2028",
        end_year=2028,
        start_year=2025,
        funding="국비",
        source=("아시아경제 (2025-12-02)", None),
        others="서울신문 (2025-12-02)",
        reported_on="2025-12-02",
        events=[("2025-12-02", None, "계획", "실증산단 선정", "Selected")],
    ),
    dict(
        n=16,
        name_ko="디지털전환허브 · 스마트혁신센터",
        name_en="Digital Transformation Hub and Smart Innovation Centre",
        what_ko="실증 스마트공장, 제조데이터센터, 시험용 로봇을 갖춘 시설입니다.",
        what_en="A demonstration smart factory, a manufacturing data centre and test robots.",
        where=("dong", ["사동"]),
        where_ko="상록구 사동 1369-21 (사동 90블록); 이 지번의 좌표가 없어 사동 중심점에 표시",
        where_en="Sa-dong 1369-21, Sangnok-gu (block 90); no point for this lot, drawn at the centre of Sa-dong",
        area_id="gfez",
        domain="기타",
        domain_reported="산업",
        status="운영",
        status_ko="2023-12-20 개소 (경기테크노파크)",
        status_en="Opened 2023-12-20 (Gyeonggi Technopark)",
        budget=None,
        budget_ko="출처마다 다름 (아래 '출처 간 차이')",
        budget_en="Sources differ (see 'Where sources differ')",
        department="경기테크노파크",
        source=("아주경제 (2023-12-21)", "https://ajunews.com/view/20231221105806970"),
        others=None,
        reported_on="2023-12-21",
        events=[("2023-12-20", None, "운영", "개소", "Opened")],
        conflicts=[
            dict(
                field_ko="사업비",
                field_en="Cost",
                values=[
                    dict(
                        value_ko="300억원",
                        value_en="KRW 30 bn",
                        source="언론 보도 (출처마다 다름; 어느 매체의 수치인지 확인하지 못함)",
                    ),
                    dict(
                        value_ko="465억원",
                        value_en="KRW 46.5 bn",
                        source="언론 보도 (출처마다 다름; 어느 매체의 수치인지 확인하지 못함)",
                    ),
                ],
            )
        ],
    ),
    dict(
        n=17,
        name_ko="수소 시범도시",
        name_en="Hydrogen pilot city",
        what_ko="하루 1.8톤 개질기, 13.15 km 배관, 원포공원 440 kW 연료전지(단원병원·504가구), 안산도시개발의 운영센터, 대부도 방아머리의 그린수소 실증 시설입니다.",
        what_en="A 1.8 t/day reformer, a 13.15 km pipeline, a 440 kW fuel cell at Wonpo Park (Danwon hospital, 504 homes), an operations centre at Ansan Urban Development and a green-hydrogen test plant at Bangameori, Daebu-do.",
        where=("place", "원포공원"),
        where_ko="원포공원; 대부도 방아머리; 안산도시개발(단원구 첨단로 670). 지도에는 원포공원만 표시",
        where_en="Wonpo Park; Bangameori, Daebu-do; Ansan Urban Development (670 Cheomdan-ro). The map shows Wonpo Park only",
        area_id="citywide",
        domain="환경·에너지·수자원",
        domain_reported="에너지·환경",
        status="운영",
        status_ko="2024-10-29 준공",
        status_en="Completed 2024-10-29",
        budget=477.0,
        budget_ko="477억원 (국비 200 + 도비 60 + 시비 217), 2020-01 ~ 2024-09",
        budget_en="KRW 47.7 bn (national 20 bn, provincial 6 bn, city 21.7 bn), 2020-01 to 2024-09",
        start_year=2020,
        end_year=2024,
        source=("경인일보 (2024-10-29)", "https://kyeongin.com/article/1715280"),
        others="머니S (2024-10-29)",
        reported_on="2024-10-29",
        events=[("2024-10-29", None, "운영", "준공", "Completed")],
    ),
    dict(
        n=18,
        name_ko="수소e로움 충전소",
        name_en="Suso-eroum hydrogen station",
        what_ko="배관으로 수소를 받는 충전소로 하루 최대 70대를 충전합니다.",
        what_en="A pipeline-fed hydrogen station for up to 70 cars a day.",
        where=("dong", ["초지동"]),
        where_ko="단원구 초지동 672-2; 이 지번의 좌표가 없어 초지동 중심점에 표시",
        where_en="Choji-dong 672-2, Danwon-gu; no point for this lot, drawn at the centre of Choji-dong",
        area_id="citywide",
        domain="환경·에너지·수자원",
        domain_reported="에너지·교통",
        status="운영",
        status_ko="2021-04-23부터 운영",
        status_en="Operating since 2021-04-23",
        budget=45.0,
        budget_ko="45억원",
        budget_en="KRW 4.5 bn",
        source=("뉴스웍스 (2021-04-20)", None),
        others=None,
        reported_on="2021-04-20",
        events=[("2021-04-23", None, "운영", "운영 시작 (보도된 개소일)", "Opened (reported opening day)")],
    ),
    dict(
        n=19,
        name_ko="수소교통 복합기지",
        name_en="Hydrogen transport hub",
        what_ko="대형 수소충전소, 전기차 충전, 대형차 주차장을 갖춘 기지입니다(15,187㎡).",
        what_en="A large hydrogen station, EV charging and heavy-vehicle parking (15,187 m²).",
        where=("address", "ansan_parking_lots.csv", "경기도 안산시 단원구 원시동 772-6", "공단삼거리 제2주차장"),
        where_ko="원시동 772-6 (공단삼거리)",
        where_en="Wonsi-dong 772-6 (Gongdan junction)",
        area_id="citywide",
        domain="환경·에너지·수자원",
        domain_reported="에너지·교통",
        status="운영",
        status_ko="2020-12-16 선정; 2025-04 충전소 개소 보도",
        status_en="Selected 2020-12-16; station opening reported 2025-04",
        budget=80.0,
        budget_ko="80억원 (국비 40 + 도비 12 + 시비 28)",
        budget_en="KRW 8 bn (national 4 bn, provincial 1.2 bn, city 2.8 bn)",
        source=("쿠키메디 (2025-04-18)", None),
        others="경기매일 (2020-12-16)",
        reported_on="2025-04-18",
        events=[
            ("2020-12-16", None, "계획", "공모 선정", "Selected"),
            (
                "2025-04-18",
                "계획",
                "운영",
                "충전소 개소 보도 (2025년 4월; 보도일로 기록)",
                "Station opening reported (April 2025; recorded on the report's date)",
            ),
        ],
    ),
    dict(
        n=20,
        name_ko="수소에너지 융복합단지 (2026 수소도시)",
        name_en="Hydrogen energy complex (2026 hydrogen city)",
        what_ko="수소 저장·출하 시설, 수소용기 검사소, 수소차 정비소를 짓습니다.",
        what_en="Hydrogen storage and dispatch, a tank inspection station and a fuel-cell vehicle workshop.",
        where=("address", "ansan_parking_lots.csv", "경기도 안산시 단원구 원시동 772-6", "공단삼거리 제2주차장"),
        where_ko="원시동 공단삼거리 (원시동 772-6 공영주차장 지점에 표시)",
        where_en="Gongdan junction, Wonsi-dong (drawn at the public car park at 772-6)",
        area_id="citywide",
        domain="환경·에너지·수자원",
        domain_reported="에너지",
        status="계획",
        status_ko="2025-09-19 선정; 2026–2028 건설",
        status_en="Selected 2025-09-19; to be built 2026–2028",
        budget=188.0,
        budget_ko="188억원, 2026–2028 건설",
        budget_en="KRW 18.8 bn, built 2026–2028",
        start_year=2026,
        end_year=2028,
        source=("아시아경제 (2025-09-19)", None),
        others=None,
        reported_on="2025-09-19",
        events=[("2025-09-19", None, "계획", "수소도시 공모 선정", "Selected as a hydrogen city")],
    ),
    dict(
        n=21,
        name_ko="똑버스 (수요응답형 버스)",
        name_en="Ttokbus demand-responsive bus",
        what_ko="'똑타' 앱으로 부르면 AI가 배차하는 수요응답형 버스입니다.",
        what_en="A demand-responsive bus dispatched by AI, booked in the Ttokta app.",
        where=("dong", ["대부동", "초지동"]),
        where_ko="대부도 (2023-03-21부터); 안산스마트허브 성곡·원시·목내·초지동 (2024-07-04부터). 지도에는 대부동 중심점에 표시",
        where_en="Daebu-do (from 2023-03-21); Ansan Smart Hub: Seonggok, Wonsi, Moknae and Choji (from 2024-07-04). Drawn at the centre of Daebu-dong",
        area_id="citywide",
        domain="교통",
        domain_reported="교통",
        status="운영",
        status_ko="운영 중",
        status_en="Operating",
        budget=None,
        budget_ko="대부도: 도비 30 : 시비 70",
        budget_en="Daebu-do: province 30 : city 70",
        source=("연합뉴스 (2024-07-04)", None),
        others="서울경제 (2023-03-19)",
        reported_on="2024-07-04",
        events=[("2023-03-21", None, "운영", "대부도 운행 시작", "Service started on Daebu-do")],
    ),
    dict(
        n=22,
        name_ko="무인민원발급기 외국어 지원",
        name_en="Civil-document kiosks in foreign languages",
        what_ko="무인민원발급기에서 4~5개 외국어로 민원 서류를 뗄 수 있습니다.",
        what_en="Civil-document kiosks in 4 to 5 languages.",
        where=("place", "상록구청"),
        where_ko="상록구청, 안산시청, 단원구청, 상록수역광장, 월피동·원곡동 행정복지센터, 고대안산병원. 지도에는 상록구청만 표시",
        where_en="Sangnok-gu office, City Hall, Danwon-gu office, Sangnoksu station square, Wolpi-dong and Wongok-dong community centres, Korea Univ. Ansan Hospital. The map shows the Sangnok-gu office only",
        area_id="citywide",
        domain="행정",
        domain_reported="행정",
        status="운영",
        status_ko="2025-04부터 운영",
        status_en="Operating since 2025-04",
        budget=None,
        budget_ko=None,
        budget_en=None,
        source=("시민일보 (2025-04-10)", None),
        others="머니S (2025-04-10)",
        reported_on="2025-04-10",
        events=[
            (
                "2025-04-10",
                None,
                "운영",
                "외국어 지원 시작 보도 (2025년 4월; 보도일로 기록)",
                "Foreign-language support reported (April 2025; recorded on the report's date)",
            )
        ],
    ),
    dict(
        n=23,
        name_ko="스쿨존 스마트 안전시설",
        name_en="Smart safety equipment in school zones",
        what_ko="어린이보호구역의 LED 바닥 신호등, 음성 안내, 옐로카펫입니다.",
        what_en="LED floor signals, voice guides and yellow carpets at school zones.",
        where=("citywide",),
        where_ko="어린이보호구역 곳곳 (지도의 '어린이보호구역' 기반 시설 레이어 참고)",
        where_en="School zones across the city (see the school-zone reference layer)",
        area_id="citywide",
        domain="방범·방재",
        domain_reported="안전",
        status="구축",
        status_ko="2024년 개선 사업 2024년 말 완료 예정",
        status_en="2024 upgrade due end-2024",
        budget=52.6,
        budget_ko="2024년 개선 52.6억원 (도비·시비 50:50)",
        budget_en="2024 upgrade KRW 5.26 bn (province and city 50:50)",
        start_year=2024,
        end_year=2024,
        source=("연합뉴스 via tvtoday (2024-10-06)", None),
        others=None,
        reported_on="2024-10-06",
        events=[("2024-10-06", None, "구축", "2024년 개선 사업 진행 보도", "2024 upgrade reported under way")],
    ),
    dict(
        n=24,
        name_ko="공공와이파이",
        name_en="Public Wi-Fi",
        what_ko="무료 공공와이파이 546곳, 무선접속장치 997대입니다.",
        what_en="Free public Wi-Fi at 546 sites with 997 access points.",
        where=("citywide",),
        where_ko="시 전역 (예전 설치 장소는 지도의 '공공와이파이' 기반 시설 레이어)",
        where_en="Citywide (older sites: the public Wi-Fi reference layer)",
        area_id="citywide",
        domain="기타",
        domain_reported="통신",
        status="운영",
        status_ko="운영 중",
        status_en="Operating",
        budget=None,
        budget_ko=None,
        budget_en=None,
        source=("아주경제 (2019-09-30)", None),
        others=None,
        reported_on="2019-09-30",
        events=[("2019-09-30", None, "운영", "운영 현황 보도", "Service reported in operation")],
    ),
    dict(
        n=25,
        name_ko="한양대 ERICA 캠퍼스 자율주행 배달로봇",
        name_en="Autonomous delivery robots at Hanyang Univ. ERICA",
        what_ko="캠퍼스 안에서 로봇이 음식을 무료로 배달합니다.",
        what_en="Free food delivery by robots on campus.",
        where=("place", "한양대 ERICA 정문 정류장"),
        where_ko="한양대 ERICA (지도에는 정문 정류장 지점에 표시)",
        where_en="Hanyang Univ. ERICA (drawn at the main-gate bus stop)",
        area_id="gfez",
        domain="물류",
        domain_reported="물류",
        status="계획",
        status_ko="2025-12부터 서비스 예정 (2025-11-11 보도)",
        status_en="Service from 2025-12 (reported 2025-11-11)",
        budget=None,
        budget_ko=None,
        budget_en=None,
        source=("아시아경제 (2025-11-11)", None),
        others=None,
        reported_on="2025-11-11",
        events=[
            (
                "2025-11-11",
                None,
                "계획",
                "2025년 12월 서비스 개시 예정 보도",
                "Service announced to start in December 2025",
            )
        ],
    ),
]


# (name_ko, name_en, domain, direction, geometry kind, public description)
SERVICE_CATALOGUE = [
    (
        "스마트 횡단보도",
        "Smart crosswalk",
        "교통",
        "citizen",
        "point",
        "보행자를 감지해 운전자에게 알리고 무단횡단을 막는 횡단보도입니다.",
    ),
    (
        "스마트 버스정류장",
        "Smart bus shelter",
        "교통",
        "citizen",
        "point",
        "냉난방, 공기정화, 실시간 버스 도착 안내를 갖춘 정류장입니다.",
    ),
    (
        "수요응답형 버스(DRT)",
        "Demand-responsive bus",
        "교통",
        "citizen",
        "polygon",
        "앱으로 부르면 정해진 구역 안에서 원하는 곳까지 운행하는 버스입니다.",
    ),
    (
        "스마트 주차 안내",
        "Smart parking guidance",
        "교통",
        "citizen",
        "point",
        "빈 주차면을 실시간으로 알려 주차 시간을 줄입니다.",
    ),
    (
        "개인형 이동수단 거점",
        "Micromobility hub",
        "교통",
        "green",
        "point",
        "공유 자전거와 킥보드를 안전하게 세우고 충전하는 거점입니다.",
    ),
    (
        "자율주행 셔틀 시범노선",
        "Autonomous shuttle pilot route",
        "교통",
        "citizen",
        "line",
        "정해진 노선을 자율주행 셔틀이 시범 운행합니다.",
    ),
    (
        "스마트 교차로 신호제어",
        "Adaptive traffic signals",
        "교통",
        "admin",
        "point",
        "교통량에 맞춰 신호 시간을 자동으로 조정합니다.",
    ),
    (
        "지능형 CCTV 관제",
        "Intelligent CCTV monitoring",
        "방범·방재",
        "admin",
        "point",
        "위험 상황을 자동으로 감지해 통합운영센터에 알립니다.",
    ),
    ("안심 귀갓길", "Safe way home", "방범·방재", "citizen", "line", "밤길 비상벨과 밝은 조명으로 귀갓길을 지킵니다."),
    (
        "침수 감지 센서망",
        "Flood sensor network",
        "방범·방재",
        "admin",
        "point",
        "도로와 지하차도의 침수를 미리 감지해 알립니다.",
    ),
    (
        "스마트 비상벨",
        "Smart emergency bell",
        "방범·방재",
        "citizen",
        "point",
        "누르면 경찰과 통합운영센터에 바로 연결됩니다.",
    ),
    (
        "미세먼지 측정 센서망",
        "Fine-dust sensor network",
        "환경·에너지·수자원",
        "green",
        "point",
        "동네별 미세먼지를 실시간으로 측정해 공개합니다.",
    ),
    (
        "스마트 가로등",
        "Smart streetlight",
        "시설물 관리",
        "green",
        "line",
        "사람과 차량에 맞춰 밝기를 조절해 전기를 아낍니다.",
    ),
    (
        "공공건물 태양광·에너지 관리",
        "Public building solar and energy management",
        "환경·에너지·수자원",
        "green",
        "point",
        "공공건물의 태양광 발전과 에너지 사용을 관리합니다.",
    ),
    (
        "스마트 물관리",
        "Smart water management",
        "환경·에너지·수자원",
        "green",
        "polygon",
        "상수도 누수와 수질을 원격으로 감시합니다.",
    ),
    (
        "전기차 충전 통합 안내",
        "EV charging guidance",
        "환경·에너지·수자원",
        "green",
        "point",
        "가까운 전기차 충전기와 사용 가능 여부를 알려 줍니다.",
    ),
    (
        "그린 스마트 공원",
        "Green smart park",
        "환경·에너지·수자원",
        "green",
        "polygon",
        "빗물 재이용과 스마트 조명을 갖춘 친환경 공원입니다.",
    ),
    (
        "독거노인 IoT 돌봄",
        "IoT care for seniors living alone",
        "보건·의료·복지",
        "citizen",
        "polygon",
        "생활 감지 센서로 홀로 사는 어르신의 안부를 살핍니다.",
    ),
    (
        "스마트 경로당",
        "Smart senior centre",
        "보건·의료·복지",
        "citizen",
        "point",
        "비대면 건강관리와 여가 프로그램을 제공합니다.",
    ),
    (
        "무장애 보행 안내",
        "Barrier-free walking guidance",
        "보건·의료·복지",
        "citizen",
        "line",
        "휠체어와 유모차가 다니기 쉬운 길을 안내합니다.",
    ),
    (
        "디지털 트윈 도시관리",
        "Digital twin city management",
        "행정",
        "admin",
        "polygon",
        "도시를 3차원 가상공간으로 만들어 개발과 시설을 관리합니다.",
    ),
    (
        "도시통합운영센터 연계",
        "Integrated operations centre link",
        "행정",
        "admin",
        "point",
        "교통·안전·환경 정보를 통합운영센터에서 함께 봅니다.",
    ),
    ("공공 와이파이", "Public Wi-Fi", "행정", "citizen", "point", "공원과 정류장에서 무료 와이파이를 제공합니다."),
    (
        "시민 리빙랩",
        "Citizen living lab",
        "행정",
        "citizen",
        "point",
        "시민이 직접 도시 문제의 해법을 찾고 시험합니다.",
    ),
    ("스마트폴", "Smart pole", "시설물 관리", "admin", "point", "가로등, CCTV, 와이파이, 센서를 한 기둥에 모았습니다."),
    (
        "지하시설물 통합관리",
        "Underground utility management",
        "시설물 관리",
        "admin",
        "polygon",
        "상하수도와 전력 등 지하시설물 정보를 한곳에서 관리합니다.",
    ),
    ("스마트 도서관", "Smart library kiosk", "교육", "citizen", "point", "24시간 무인으로 책을 빌리고 반납합니다."),
    (
        "스마트 관광 안내",
        "Smart tourism guide",
        "문화·관광·스포츠",
        "citizen",
        "point",
        "관광지와 행사 정보를 여러 언어로 안내합니다.",
    ),
    (
        "스마트 생활체육 시설",
        "Smart sports facility",
        "문화·관광·스포츠",
        "citizen",
        "point",
        "예약과 이용 현황을 온라인으로 확인합니다.",
    ),
    (
        "공동 물류 거점",
        "Shared logistics hub",
        "물류",
        "green",
        "point",
        "택배를 한곳에 모아 친환경 차량으로 배송합니다.",
    ),
    (
        "로봇 배송 시범",
        "Robot delivery pilot",
        "물류",
        "citizen",
        "line",
        "정해진 구간에서 배송 로봇이 물건을 나릅니다.",
    ),
    (
        "스마트 일자리 지원센터",
        "Smart job centre",
        "근로·고용",
        "citizen",
        "point",
        "첨단산업 일자리와 교육을 연결해 드립니다.",
    ),
    (
        "스마트 공동주택 관리",
        "Smart apartment management",
        "주거",
        "citizen",
        "polygon",
        "관리비, 에너지, 시설 고장을 앱으로 확인합니다.",
    ),
    (
        "스마트 제조 혁신 지원",
        "Smart manufacturing support",
        "기타",
        "admin",
        "polygon",
        "중소 제조기업의 디지털 전환을 돕습니다.",
    ),
]

AREA_SERVICE_COUNT = {"singil2": 16, "jangsang": 20, "gfez": 16, "choji": 12, "citywide": 32}

DEPARTMENTS = {
    "교통": "교통정책과",
    "방범·방재": "안전총괄과",
    "환경·에너지·수자원": "기후에너지과",
    "시설물 관리": "도로관리과",
    "보건·의료·복지": "복지정책과",
    "행정": "스마트도시과",
    "교육": "평생교육과",
    "문화·관광·스포츠": "관광과",
    "물류": "경제정책과",
    "근로·고용": "일자리정책과",
    "주거": "공동주택과",
    "기타": "기업지원과",
}

PHASES = {"단기": (2025, 2027), "중기": (2027, 2030), "장기": (2029, 2035)}
FUNDING_CHOICES = ["국비", "도비", "시비", "민자"]
STATUS_WEIGHTS = {"계획": 30, "설계": 22, "구축": 18, "운영": 20, "보류": 6, "취소": 4}
PROGRESSION = ["계획", "설계", "구축", "운영"]

# Citywide services sit near the urban centre, not on the Daebu islands.
CITY_CORE = Polygon([(126.76, 37.29), (126.90, 37.29), (126.90, 37.36), (126.76, 37.36)])


def approximate_outline(centre: tuple[float, float], area_m2: float, aspect: float, rotation: float) -> Polygon:
    """An irregular octagon of exactly ``area_m2`` around ``centre`` (lat, lon), in EPSG:4326."""
    centre_metric = gpd.GeoSeries([Point(centre[1], centre[0])], crs=4326).to_crs(METRIC).iloc[0]
    # Corners cut at different depths so the outline does not look like a stamp.
    cuts = [0.22, 0.12, 0.3, 0.18]
    w, h = aspect, 1.0
    pts = [
        (-w + cuts[0], -h),
        (w - cuts[1], -h),
        (w, -h + cuts[1]),
        (w, h - cuts[2]),
        (w - cuts[2], h),
        (-w + cuts[3], h),
        (-w, h - cuts[3]),
        (-w, -h + cuts[0]),
    ]
    shape = Polygon(pts)
    shape = affinity.scale(shape, math.sqrt(area_m2 / shape.area), math.sqrt(area_m2 / shape.area), origin=(0, 0))
    shape = affinity.rotate(shape, rotation, origin=(0, 0))
    shape = affinity.translate(shape, centre_metric.x, centre_metric.y)
    return gpd.GeoSeries([shape], crs=METRIC).to_crs(4326).iloc[0]


def random_point_in(polygon: BaseGeometry, rng: random.Random) -> Point:
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        candidate = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(candidate):
            return candidate


def service_geometry(kind: str, polygon: BaseGeometry, rng: random.Random):
    start = random_point_in(polygon, rng)
    if kind == "point":
        return start
    metric_start = gpd.GeoSeries([start], crs=4326).to_crs(METRIC).iloc[0]
    if kind == "line":
        angle = rng.uniform(0, math.pi)
        length = rng.uniform(250, 700)
        pts = [metric_start]
        for _ in range(3):
            angle += rng.uniform(-0.5, 0.5)
            last = pts[-1]
            pts.append(Point(last.x + length / 3 * math.cos(angle), last.y + length / 3 * math.sin(angle)))
        line = LineString(pts)
        clipped = gpd.GeoSeries([line], crs=METRIC).to_crs(4326).iloc[0].intersection(polygon)
        return clipped if isinstance(clipped, LineString) and clipped.length > 0 else start
    radius = rng.uniform(120, 260)
    zone = metric_start.buffer(radius, quad_segs=3)
    zone = gpd.GeoSeries([zone], crs=METRIC).to_crs(4326).iloc[0].intersection(polygon)
    return zone if isinstance(zone, Polygon) and not zone.is_empty else start


def status_path(final: str, rng: random.Random) -> list[str]:
    """The statuses a service passed through to reach ``final``, starting at 계획."""
    if final in PROGRESSION:
        return PROGRESSION[: PROGRESSION.index(final) + 1]
    reached = PROGRESSION[: rng.randint(1, 3)]
    return [*reached, final]


def build_boundaries(reference: Path) -> gpd.GeoDataFrame:
    dongs = gpd.read_file(reference / "ansan_admdong_2018.geojson").to_crs(METRIC)
    dongs["geometry"] = dongs.geometry.make_valid()
    dongs["gu"] = dongs["code"].str[:5].map({"31091": "상록구", "31092": "단원구"})
    rows = []
    for _, dong in dongs.iterrows():
        rows.append(
            {
                "boundary_id": f"dong-{dong['code']}",
                "level": "dong",
                "name_ko": dong["name"],
                "name_en": dong["name_eng"],
                "gu": dong["gu"],
                "geometry": dong.geometry,
            }
        )
    for gu, en, code in (("상록구", "Sangnok-gu", "31091"), ("단원구", "Danwon-gu", "31092")):
        rows.append(
            {
                "boundary_id": f"gu-{code}",
                "level": "gu",
                "name_ko": gu,
                "name_en": en,
                "gu": gu,
                "geometry": unary_union(dongs.loc[dongs["gu"] == gu].geometry.tolist()),
            }
        )
    rows.append(
        {
            "boundary_id": "city-31090",
            "level": "city",
            "name_ko": "안산시",
            "name_en": "Ansan",
            "gu": "",
            "geometry": unary_union(dongs.geometry.tolist()),
        }
    )
    frame = gpd.GeoDataFrame(rows, crs=METRIC)
    frame["geometry"] = frame.geometry.simplify(40).make_valid().buffer(0)
    frame["source"] = BOUNDARY_SOURCE
    frame["accuracy"] = "approximate"
    return frame.to_crs(4326)


def build_services(areas: gpd.GeoDataFrame, city: Polygon, rng: random.Random) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    services, history = [], []
    city_core = CITY_CORE.intersection(city.buffer(-0.001))
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    n = 0
    for area_id, count in AREA_SERVICE_COUNT.items():
        polygon = city_core if area_id == "citywide" else areas.set_index("area_id").geometry[area_id]
        for template in rng.sample(SERVICE_CATALOGUE, count):
            name_ko, name_en, domain, direction, kind, description = template
            n += 1
            phase = rng.choices(list(PHASES), weights=[5, 3, 2])[0]
            start = rng.randint(*PHASES[phase])
            end = start + rng.randint(1, 4)
            final = rng.choices(statuses, weights=weights)[0]
            if phase == "장기" and final in ("구축", "운영"):
                final = "계획"
            path = status_path(final, rng)
            when = date(2024, 6, 1) + timedelta(days=rng.randint(0, 200))
            changes = []
            for old, new in itertools.pairwise(path):
                when = when + timedelta(days=rng.randint(60, 240))
                if when > date(2026, 11, 20):
                    break
                changes.append((old, new, when))
            current = changes[-1][1] if changes else "계획"
            # Keep the period consistent with the history: building starts, and operation ends, inside it.
            for _, new, when_changed in changes:
                if new in ("구축", "운영"):
                    start = min(start, when_changed.year)
                if new == "운영":
                    end = max(end, when_changed.year)
            service_id = f"SVC-{n:03d}"
            place = (
                "" if area_id == "citywide" else f" ({areas.set_index('area_id').loc[area_id, 'name_ko'].split()[0]})"
            )
            services.append(
                {
                    "service_id": service_id,
                    "name_ko": f"{name_ko}{place}",
                    "name_en": name_en,
                    "domain": domain,
                    "direction": direction,
                    "area_id": area_id,
                    "status": current,
                    "phase": phase,
                    "start_year": start,
                    "end_year": end,
                    "budget_krw_100m": round(
                        rng.choice([0.5, 1, 2, 3, 5, 8, 12, 20, 35, 60]) * rng.uniform(0.8, 1.3), 1
                    ),
                    "funding": rng.choices(FUNDING_CHOICES, weights=[3, 2, 4, 1])[0],
                    "department": DEPARTMENTS[domain],
                    "description_public": description,
                    "updated_at": (
                        changes[-1][2] if changes else date(2024, 6, 1) + timedelta(days=rng.randint(0, 120))
                    ).isoformat(),
                    "is_sample": True,
                    "geometry": service_geometry(kind, polygon, rng),
                }
            )
            for old, new, when_changed in changes:
                history.append(
                    {
                        "service_id": service_id,
                        "changed_at": when_changed.isoformat(),
                        "old_status": old,
                        "new_status": new,
                        "changed_by": DEPARTMENTS[domain],
                        "reason": f"{old}→{new} 단계 전환(예시)",
                        "reason_en": f"{label(STATUS_TERMS, old, 'en')} → {label(STATUS_TERMS, new, 'en')} (sample)",
                        "is_sample": True,
                    }
                )
    return gpd.GeoDataFrame(services, crs=4326), pd.DataFrame(history)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write compact, stable GeoJSON (6 decimals ≈ 0.1 m) so diffs stay reviewable."""
    features = []
    for record in frame.to_dict("records"):
        geometry = record.pop("geometry")
        properties = {k: _plain(k, v) for k, v in record.items()}
        features.append({"type": "Feature", "properties": properties, "geometry": _rounded(mapping(geometry))})
    collection = {"type": "FeatureCollection", "name": path.stem, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", encoding="utf-8")


# Integer columns that pandas turns into floats when some rows are empty.
INTEGER_COLUMNS = ("start_year", "end_year", "homes", "residents")


def _plain(key: str, value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if key in INTEGER_COLUMNS and isinstance(value, float):
        return int(value)
    return value


def _rounded(geometry: dict) -> dict:
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], 6), round(coords[1], 6)]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


# Public point layers of ../shared/reference/public_layers (README there): copied unchanged,
# described here once. Licence per the standard datasets' terms.
KOGL1 = "공공누리 제1유형 (출처표시) / 공공데이터 이용허락범위 제한 없음 — 출처: {provider}"
REFERENCE_LAYERS: list[dict[str, Any]] = [
    dict(
        layer_id="school_zones",
        file="ansan_school_zones.csv",
        title_ko="어린이보호구역",
        title_en="School zones",
        dataset="전국어린이보호구역표준데이터",
        provider="경기도 안산시",
        data_date="2026-06-15",
        name_field="대상시설명",
        popup_fields=["시설종류", "CCTV설치여부", "CCTV설치대수", "보호구역도로폭", "소재지도로명주소"],
    ),
    dict(
        layer_id="parking_lots",
        file="ansan_parking_lots.csv",
        title_ko="공영주차장",
        title_en="Public car parks",
        dataset="전국주차장정보표준데이터",
        provider="경기도 안산시",
        data_date="2023-01-11",
        name_field="주차장명",
        popup_fields=["주차장유형", "주차구획수", "요금정보", "주차기본요금", "주차기본시간", "소재지지번주소"],
    ),
    dict(
        layer_id="enforcement_cameras",
        file="ansan_traffic_enforcement_cameras.csv",
        title_ko="무인교통단속카메라",
        title_en="Traffic enforcement cameras",
        dataset="전국무인교통단속카메라표준데이터",
        provider="경기도 안산시, 경찰청",
        data_date="2020",
        name_field="설치장소",
        popup_fields=["도로노선명", "제한속도", "소재지지번주소"],
    ),
    dict(
        layer_id="urban_parks",
        file="ansan_urban_parks.csv",
        title_ko="도시공원",
        title_en="Urban parks",
        dataset="전국도시공원정보표준데이터",
        provider="경기도 안산시",
        data_date="2021-08-31",
        name_field="공원명",
        popup_fields=["공원구분", "공원면적", "소재지지번주소"],
        kiosk=True,
    ),
    dict(
        layer_id="public_wifi",
        file="ansan_public_wifi.csv",
        title_ko="공공와이파이",
        title_en="Public Wi-Fi",
        dataset="전국무료와이파이표준데이터",
        provider="안산시청",
        data_date="2015–2016",
        name_field="설치장소명",
        popup_fields=["설치장소상세", "설치시설구분", "설치년월", "소재지도로명주소"],
    ),
    dict(
        layer_id="ev_chargers",
        file="ansan_ev_chargers.csv",
        title_ko="전기차 충전소",
        title_en="EV chargers",
        dataset="전국전기차충전소표준데이터",
        provider="경기도 안산시",
        data_date="2020-05-31",
        name_field="충전소명",
        popup_fields=["급속충전기대수", "완속충전기대수", "급속충전타입구분", "소재지도로명주소"],
    ),
    dict(
        layer_id="public_facilities",
        file="ansan_public_facilities_open.csv",
        title_ko="개방 공공시설",
        title_en="Public facilities open to citizens",
        dataset="전국공공시설개방정보표준데이터",
        provider="경기도 안산시",
        data_date="2020-05-31",
        name_field="개방시설명",
        popup_fields=["개방장소명", "개방시설유형구분", "수용가능인원수", "유료사용여부", "소재지도로명주소"],
    ),
    dict(
        layer_id="rail_stations",
        file="ansan_rail_stations_korail_std.csv",
        title_ko="철도역 (4호선·수인분당선)",
        title_en="Rail stations (Line 4, Suin-Bundang)",
        dataset="전국도시철도역사정보표준데이터",
        provider="한국철도공사",
        data_date="2020-12-31",
        name_field="역사명",
        popup_fields=["노선명", "환승역구분"],
        kiosk=True,
        lat="역위도",
        lon="역경도",
    ),
    dict(
        layer_id="rail_stations_seohae",
        file="ansan_rail_stations_seoul_master.csv",
        title_ko="철도역 (서해선)",
        title_en="Rail stations (Seohae Line)",
        dataset="서울시 역사마스터 정보 (서울 열린데이터광장 OA-21232)",
        provider="서울특별시",
        data_date="미기재",
        name_field="역사명",
        popup_fields=["호선"],
        kiosk=True,
        where={"호선": "서해선"},
        licence="공공누리 제1유형 (출처표시) — 출처: 서울특별시; 시우역은 옛 이름 '원곡'으로 실려 있음",
    ),
]


def build_areas(city) -> gpd.GeoDataFrame:
    """The development areas: approximate outlines, clipped to Ansan (the new town runs on into Uiwang and Gunpo)."""
    rows = []
    for facts in AREA_FACTS:
        untranslated = [f for f in ("kind", "location", "facts", "source") if not facts.get(f"{f}_en")]
        if untranslated:
            raise SystemExit(f"area {facts['area_id']}: no English for {', '.join(untranslated)}")
        centre, area_m2, aspect, rotation = AREA_OUTLINES[facts["area_id"]]
        outline = approximate_outline(centre, area_m2, aspect, rotation).intersection(city)
        conflicts = facts.get("conflicts")
        rows.append(
            {
                **facts,
                "conflicts": json.dumps(conflicts, ensure_ascii=False) if conflicts else None,
                "accuracy": "approximate",
                "outline_source": "보도된 위치·면적으로 그린 개략 경계(공식 경계 아님)",
                "geometry": outline,
            }
        )
    frame = gpd.GeoDataFrame(rows, crs=4326)
    return frame[[*AREAS.column_names, "geometry"]]


def read_places(public_layers: Path) -> dict[str, Point]:
    with (public_layers / "places.csv").open(encoding="utf-8") as handle:
        return {row["name_ko"]: Point(float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


def address_point(public_layers: Path, file: str, address: str, name: str) -> Point:
    """The point of the row of ``file`` whose 지번 address and name are the reported ones."""
    frame = pd.read_csv(public_layers / file, dtype=str)
    rows = frame.loc[(frame["소재지지번주소"] == address) & (frame.iloc[:, 1] == name)]
    if len(rows) != 1:
        raise SystemExit(f"{file}: expected one row for {address} / {name}, found {len(rows)}")
    return Point(float(rows["경도"].iloc[0]), float(rows["위도"].iloc[0]))


def project_geometry(project: dict, places: dict[str, Point], boundaries: gpd.GeoDataFrame, public_layers: Path):
    """The geometry, its accuracy and a note on stops left out, as the project's ``where`` says."""
    kind, *spec = project["where"]
    if kind == "place":
        return places[spec[0]], "place", None
    if kind == "address":
        return address_point(public_layers, *spec), "address", None
    if kind == "dong":
        # A project reported for several dongs is drawn at the first one's centre (its text names them all).
        return dong_anchor(boundaries, spec[0][0]), "dong", None
    if kind == "route":
        stops = spec[0]
        known = [places[s] for s in stops if s in places]
        missing = [s for s in stops if s not in places]
        return LineString(known), "route", missing
    return places["안산시청"], "citywide", None


def build_projects(
    boundaries: gpd.GeoDataFrame, public_layers: Path, projects_md: str
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    places = read_places(public_layers)
    services, history = [], []
    for project in PROJECTS:
        if project["name_ko"] not in projects_md:
            raise SystemExit(f"project {project['n']} '{project['name_ko']}' is not in PROJECTS.md: update the builder")
        geometry, accuracy, missing = project_geometry(project, places, boundaries, public_layers)
        where_ko, where_en = project["where_ko"], project["where_en"]
        if missing:
            where_ko += f". 좌표가 없어 선에서 뺀 정류장: {', '.join(missing)}"
            where_en += f". Stops left out of the line (no point): {', '.join(STOPS_EN[stop] for stop in missing)}"
        service_id = f"ANS-{project['n']:02d}"
        outlet, url = project["source"]
        events = project["events"]
        services.append(
            {
                "service_id": service_id,
                "name_ko": project["name_ko"],
                "name_en": project["name_en"],
                "domain": project["domain"],
                "direction": None,
                "area_id": project["area_id"],
                "status": project["status"],
                "phase": None,
                "start_year": project.get("start_year"),
                "end_year": project.get("end_year"),
                "budget_krw_100m": project["budget"],
                "funding": project.get("funding"),
                "department": project.get("department"),
                "description_public": project["what_ko"],
                "updated_at": project["reported_on"],
                "is_sample": False,
                "description_public_en": project["what_en"],
                "domain_reported": project["domain_reported"],
                "status_reported_ko": project["status_ko"],
                "status_reported_en": project["status_en"],
                "budget_note_ko": project["budget_ko"],
                "budget_note_en": project["budget_en"],
                "location_ko": where_ko,
                "location_en": where_en,
                "location_accuracy": accuracy,
                "source": outlet,
                "source_url": url,
                "sources_other": project["others"],
                "reported_on": project["reported_on"],
                "conflicts": json.dumps(english_conflicts(project["conflicts"]), ensure_ascii=False)
                if project.get("conflicts")
                else None,
                "source_en": english_source(outlet),
                "sources_other_en": english_source(project["others"]),
                "geometry": geometry,
            }
        )
        if events[-1][2] != project["status"]:
            raise SystemExit(f"project {project['n']}: the last event must reach the reported status")
        for when, old, new, reason_ko, reason_en in events:
            history.append(
                {
                    "service_id": service_id,
                    "changed_at": when,
                    "old_status": old,
                    "new_status": new,
                    "changed_by": outlet,
                    "reason": reason_ko,
                    "reason_en": reason_en,
                    "is_sample": False,
                }
            )
    frame = gpd.GeoDataFrame(services, crs=4326)
    return frame[[*SERVICES.column_names, "geometry"]], pd.DataFrame(history)


def english_conflicts(conflicts: list[dict]) -> list[dict]:
    """A service's disagreeing facts with each value's source also in English (``source_en``)."""
    return [
        item | {"values": [value | {"source_en": english_source(value["source"])} for value in item["values"]]}
        for item in conflicts
    ]


def build_reference(public_layers: Path, target: Path) -> list[dict]:
    """Copy the public layers (rows unchanged) and describe them in ``manifest.yaml``."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = []
    for spec in REFERENCE_LAYERS:
        shutil.copyfile(public_layers / spec["file"], target / spec["file"])
        entry = {
            "layer_id": spec["layer_id"],
            "file": spec["file"],
            "title_ko": spec["title_ko"],
            "title_en": spec["title_en"],
            "provider": spec["provider"],
            "data_date": spec["data_date"],
            "licence": spec.get("licence") or KOGL1.format(provider=spec["provider"]),
            "source": f"{spec['dataset']} ({spec['provider']}), 공개 저장소의 사본에서 안산 행만 추림",
            "name_field": spec["name_field"],
            "popup_fields": spec["popup_fields"],
            "lat": spec.get("lat", "위도"),
            "lon": spec.get("lon", "경도"),
            "kiosk": spec.get("kiosk", False),
        }
        if spec.get("where"):
            entry["where"] = spec["where"]
        manifest.append(entry)
    header = (
        "# Public point layers (기반 시설) of Ansan: files copied unchanged; built by scripts/build_bundled_data.py.\n"
    )
    text = yaml.safe_dump({"layers": manifest}, allow_unicode=True, sort_keys=False, width=120)
    (target / "manifest.yaml").write_text(header + text, encoding="utf-8")
    return manifest


def write_history(history: pd.DataFrame, path: Path) -> None:
    history.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="data folder to write (default: data/)")
    args = parser.parse_args()
    reference, public_layers = args.shared / "reference", args.shared / "reference" / "public_layers"
    DATA, DEMO = args.out, args.out / "demo"
    DEMO.mkdir(parents=True, exist_ok=True)

    boundaries = build_boundaries(reference)
    write_geojson(boundaries, DATA / "boundaries.geojson")
    # Anchors and outlines come from the written (rounded) file, as the tests and the app read it.
    boundaries = gpd.read_file(DATA / "boundaries.geojson")
    city = boundaries.loc[boundaries["level"] == "city"].geometry.iloc[0]
    areas = build_areas(city)
    write_geojson(areas, DATA / "areas.geojson")

    projects, events = build_projects(
        boundaries, public_layers, (args.shared / "PROJECTS.md").read_text(encoding="utf-8")
    )
    write_geojson(projects, DATA / "services.geojson")
    write_history(events, DATA / "status_history.csv")
    layers = build_reference(public_layers, DATA / "reference")

    if DATA != ROOT / "data":  # plan.yaml is written by hand, not built
        shutil.copyfile(ROOT / "data" / "plan.yaml", DATA / "plan.yaml")
    for name in ("plan.yaml", "boundaries.geojson", "areas.geojson"):
        shutil.copyfile(DATA / name, DEMO / name)
    samples, sample_history = build_services(areas, city, random.Random(20260202))
    write_geojson(samples, DEMO / "services.geojson")
    write_history(sample_history, DEMO / "status_history.csv")
    print(
        f"{len(projects)} reported projects, {len(events)} dated events, {len(layers)} reference layers; "
        f"demo: {len(samples)} sample services, {len(sample_history)} status changes"
    )


if __name__ == "__main__":
    main()
