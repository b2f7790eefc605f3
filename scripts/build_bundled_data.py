"""Rebuild the bundled demo data in ``data/`` (run by hand, output committed).

Usage: ``python scripts/build_bundled_data.py [--reference ../shared/reference]``

- ``boundaries.geojson``: Ansan's outline, its two 구 and 25 행정동, simplified
  (about 40 m) from Statistics Korea's 2018 boundaries (KOGL Type 1), marked
  ``accuracy = approximate``.
- ``areas.geojson``: the four development areas as approximate outlines drawn at
  the places and of the sizes that DESIGN.md reports; each fact keeps its source.
- ``services.geojson`` and ``status_history.csv``: illustrative smart services
  (``is_sample = true``) with a seeded random layout, so a rebuild is identical.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
METRIC = "EPSG:5186"

BOUNDARY_SOURCE = "통계청 SGIS 2018 행정동 경계(공공누리 제1유형)를 약 40 m로 단순화"

# Centre (lat, lon), target area (m²), aspect ratio and rotation of each approximate outline.
AREA_OUTLINES = {
    "singil2": ((37.3338, 126.7722), 750_000, 1.6, 35),
    "jangsang": ((37.3535, 126.8760), 2_205_604, 1.7, -35),
    "gfez": ((37.2990, 126.8480), 1_660_000, 1.5, 20),
    "choji": ((37.3188, 126.8098), 183_927, 1.3, 10),
}

AREA_FACTS = [
    {
        "area_id": "singil2",
        "name_ko": "신길2 공공주택지구",
        "name_en": "Singil-2 new town",
        "kind_ko": "3기 신도시 (공공주택지구)",
        "location_ko": "단원구 신길동 일원, 신길온천역(4호선) 인접",
        "reported_area_m2": 750000,
        "homes": 6192,
        "residents": None,
        "facts_ko": "면적 약 75만 ㎡(자료별 75만~75.8만 ㎡); 주택 6,192호(최신 보도, 발표 당시 7,000호·이후 5,600호); "
        "사업시행자 LH·안산도시공사",
        "facts_en": "About 750,000 m² (750,000–758,000 by source); 6,192 homes (latest report; "
        "7,000 as announced, later 5,600); developers LH and Ansan Urban Corporation",
        "source": "국토교통부 3차 신규 공공택지 발표(2019-05-07) 및 이후 언론 보도",
    },
    {
        "area_id": "jangsang",
        "name_ko": "장상 공공주택지구",
        "name_en": "Jangsang new town",
        "kind_ko": "3기 신도시 (공공주택지구)",
        "location_ko": "상록구 장상동·장하동·수암동·부곡동·양상동 일원",
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
    },
    {
        "area_id": "gfez",
        "name_ko": "경기경제자유구역 안산사이언스밸리(ASV)지구",
        "name_en": "Gyeonggi FEZ, Ansan Science Valley district",
        "kind_ko": "경제자유구역",
        "location_ko": "상록구 사동 일원, 한양대 ERICA·경기테크노파크 주변",
        "reported_area_m2": 1660000,
        "homes": None,
        "residents": None,
        "facts_ko": "면적 1.66 ㎢; 첨단 로봇·제조 혁신; 2025-09-22 경제자유구역위원회 의결, "
        "2026-01-15 지정 고시; 사업기간 2026~2032년, 사업비 4,105억원; 경기경제자유구역 4개 지구 6.9 ㎢로 확대",
        "facts_en": "1.66 km²; advanced robotics and manufacturing; approved 2025-09-22, designated "
        "2026-01-15; 2026–2032, KRW 410.5 bn; Gyeonggi FEZ grows to four districts, 6.9 km²",
        "source": "언론 보도(2025-09-23, 2026-01-15)",
    },
    {
        "area_id": "choji",
        "name_ko": "초지역세권 개발",
        "name_en": "Choji station area",
        "kind_ko": "역세권 개발",
        "location_ko": "단원구 초지동 666-2 일원, 초지역·화랑유원지·와스타디움 인접",
        "reported_area_m2": 183927,
        "homes": None,
        "residents": None,
        "facts_ko": "면적 183,927 ㎡; 주거·대형 상업·업무·숙박·문화체육·학교 복합개발; "
        "안산도시공사 참여 민관합동 법인; 초지역(4호선·서해선·수인분당선, 인천발 KTX·신안산선 계획)",
        "facts_en": "183,927 m²; mixed use: housing, a large mall, offices, lodging, culture and sports, "
        "a school; public–private company with Ansan Urban Corporation; next to Choji station",
        "source": "언론 보도(2024-05-20, 2024-07-10)",
    },
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


def random_point_in(polygon: Polygon, rng: random.Random) -> Point:
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        candidate = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(candidate):
            return candidate


def service_geometry(kind: str, polygon: Polygon, rng: random.Random):
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


def build_areas() -> gpd.GeoDataFrame:
    rows = []
    for facts in AREA_FACTS:
        centre, area_m2, aspect, rotation = AREA_OUTLINES[facts["area_id"]]
        rows.append(
            {
                **facts,
                "accuracy": "approximate",
                "outline_source": "DESIGN.md의 위치·면적으로 그린 개략 경계(공식 경계 아님)",
                "geometry": approximate_outline(centre, area_m2, aspect, rotation),
            }
        )
    return gpd.GeoDataFrame(rows, crs=4326)


def build_services(areas: gpd.GeoDataFrame, city: Polygon, rng: random.Random) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    services, history = [], []
    city_core = CITY_CORE.intersection(city.buffer(-0.001))
    statuses, weights = zip(*STATUS_WEIGHTS.items())
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
            for old, new in zip(path, path[1:]):
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
                        "is_sample": True,
                    }
                )
    return gpd.GeoDataFrame(services, crs=4326), pd.DataFrame(history)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write compact, stable GeoJSON (6 decimals ≈ 0.1 m) so diffs stay reviewable."""
    features = []
    for record in frame.to_dict("records"):
        geometry = record.pop("geometry")
        properties = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
        features.append({"type": "Feature", "properties": properties, "geometry": _rounded(mapping(geometry))})
    collection = {"type": "FeatureCollection", "name": path.stem, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", encoding="utf-8")


def _rounded(geometry: dict) -> dict:
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], 6), round(coords[1], 6)]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args()
    rng = random.Random(20260202)
    boundaries = build_boundaries(args.reference)
    write_geojson(boundaries, DATA / "boundaries.geojson")
    areas = build_areas()
    write_geojson(areas, DATA / "areas.geojson")
    city = boundaries.loc[boundaries["level"] == "city"].geometry.iloc[0]
    services, history = build_services(areas, city, rng)
    write_geojson(services, DATA / "services.geojson")
    history.to_csv(DATA / "status_history.csv", index=False)
    print(f"{len(services)} services, {len(history)} status changes")


if __name__ == "__main__":
    main()
