"""The product's controlled vocabularies, defined once.

Statuses, service domains, plan directions, phases, funding sources and
development areas, each with its Korean and English label and, where the
design asks for one, its colour and marker shape (``../shared/DESIGN.md``).
Every page, loader, chart and test spells these values through this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: the stored value and how it is shown."""

    value: str
    ko: str
    en: str
    colour: str = "#666666"
    shape: str = "circle"

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


class ServiceStatus(StrEnum):
    """추진 상태, stored in Korean as the city writes it."""

    PLANNED = "계획"
    DESIGN = "설계"
    BUILDING = "구축"
    OPERATING = "운영"
    ON_HOLD = "보류"
    CANCELLED = "취소"


@dataclass(frozen=True)
class StatusTerm(Term):
    """A status and how every screen treats it, so no page spells a status word to decide."""

    #: Lines and zones drawn dashed: not (or no longer) on the ground.
    dashed: bool = False
    #: Counted as 추진 중 (going ahead): planned, designed, built or running.
    active: bool = True
    #: Counted in budgets and progress shares (추진 대상): a cancelled service's budget will not be spent.
    counted: bool = True
    #: Shown on the public kiosk; a cancelled service will not come, so the public never sees it.
    on_kiosk: bool = True
    #: Text colour on a bar filled with the status colour (white on the dark ones).
    ink: str = "#000000"

    @property
    def hollow(self) -> bool:
        """Drawn as an outline only (bars, markers): the service was cancelled."""
        return self.shape == "hollow"


# Okabe-Ito colours, darkened where a map symbol fell under 3:1 on white (WCAG 1.4.11, issue #21): 설계 is
# Okabe-Ito blue, 구축 a burnt orange darker than 보류's vermillion, so the two stay apart in red-green
# colour blindness (a lighter orange at 3:1 is the vermillion's twin there). The shape keeps status readable without colour.
STATUS_TERMS: dict[str, StatusTerm] = {
    t.value: t
    for t in (
        StatusTerm(ServiceStatus.PLANNED, "계획", "Planned", "#808080", "circle", dashed=True),
        StatusTerm(ServiceStatus.DESIGN, "설계", "Design", "#0072B2", "square", ink="#FFFFFF"),
        StatusTerm(ServiceStatus.BUILDING, "구축", "Building", "#A04400", "triangle", ink="#FFFFFF"),
        StatusTerm(ServiceStatus.OPERATING, "운영", "Operating", "#009E73", "star"),
        StatusTerm(ServiceStatus.ON_HOLD, "보류", "On hold", "#D55E00", "diamond", active=False),
        StatusTerm(
            ServiceStatus.CANCELLED,
            "취소",
            "Cancelled",
            "#000000",
            "hollow",
            dashed=True,
            active=False,
            counted=False,
            on_kiosk=False,
            ink="#FFFFFF",
        ),
    )
}

#: Statuses counted as 추진 중 (the kiosk's "going ahead"), in vocabulary order.
ACTIVE_STATUSES: tuple[str, ...] = tuple(value for value, term in STATUS_TERMS.items() if term.active)
#: Statuses counted in budgets and progress shares (all but 취소), in vocabulary order.
COUNTED_STATUSES: tuple[str, ...] = tuple(value for value, term in STATUS_TERMS.items() if term.counted)
#: Statuses the public kiosk shows, in vocabulary order.
KIOSK_STATUSES: tuple[str, ...] = tuple(value for value, term in STATUS_TERMS.items() if term.on_kiosk)

# The forward path of a service; 보류 and 취소 sit outside it.
STATUS_PROGRESSION: tuple[str, ...] = ("계획", "설계", "구축", "운영")

# 스마트도시법 시행령 제2조: the twelve service domains, each with one fixed colour.
DOMAIN_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("행정", "행정", "Administration", "#4E79A7"),
        Term("교통", "교통", "Transport", "#F28E2B"),
        Term("보건·의료·복지", "보건·의료·복지", "Health & welfare", "#E15759"),
        Term("환경·에너지·수자원", "환경·에너지·수자원", "Environment, energy & water", "#59A14F"),
        Term("방범·방재", "방범·방재", "Crime & disaster prevention", "#B07AA1"),
        Term("시설물 관리", "시설물 관리", "Facility management", "#76B7B2"),
        Term("교육", "교육", "Education", "#EDC948"),
        Term("문화·관광·스포츠", "문화·관광·스포츠", "Culture, tourism & sports", "#FF9DA7"),
        Term("물류", "물류", "Logistics", "#9C755F"),
        Term("근로·고용", "근로·고용", "Work & employment", "#BAB0AC"),
        Term("주거", "주거", "Housing", "#8CD17D"),
        Term("기타", "기타", "Other", "#79706E"),
    )
}

# The plan's three directions (추진 방향), keyed by a short stable id.
DIRECTION_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("citizen", "시민 중심 체감형 스마트서비스 확대", "Citizen-centred smart services", "#0072B2"),
        Term("admin", "디지털 기반 스마트도시 행정 고도화", "Digital smart-city administration", "#CC79A7"),
        Term("green", "탄소중립을 실현하는 그린 스마트도시 조성", "Carbon-neutral green smart city", "#009E73"),
    )
}

PHASE_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("단기", "단기", "Short term"),
        Term("중기", "중기", "Mid term"),
        Term("장기", "장기", "Long term"),
    )
}

FUNDING_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("국비", "국비", "National", "#0072B2"),
        Term("도비", "도비", "Provincial", "#56B4E9"),
        Term("시비", "시비", "City", "#E69F00"),
        # A report that gives the province's and the city's part as one sum (ANS-01's 지방비 80억).
        Term("지방비", "지방비", "Local (unsplit)", "#009E73"),
        Term("민자", "민자", "Private", "#CC79A7"),
    )
}

# What a reported budget covers (사업비 기준): set only where the source says so, so that a total
# never adds a national share, one year's spending or another city's part as if it were a whole cost.
BUDGET_BASIS_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("total", "총사업비", "Total cost"),
        Term("national_share", "국비만", "National share only"),
        Term("one_year", "한 해 분", "One year only"),
        Term("with_other_city", "다른 시 몫 포함", "Includes another city's share"),
    )
}

CITYWIDE = "citywide"

# The five development areas of DESIGN.md section 2, plus 시 전역: a service outside every
# development area (its 동 or the industrial estate is named in its location, and the
# 구/동 views count it where it lies) or one with no place at all.
AREA_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("singil2", "신길2 공공주택지구", "Singil-2 new town", "#1B9E77"),
        Term("jangsang", "장상 공공주택지구", "Jangsang new town", "#D95F02"),
        Term("gfez", "경기경제자유구역 안산사이언스밸리(ASV)지구", "Gyeonggi FEZ Ansan Science Valley", "#7570B3"),
        Term("choji", "초지역세권 개발", "Choji station area", "#E7298A"),
        Term(
            "uiwang_gunpo_ansan",
            "의왕·군포·안산 공공주택지구 (안산 구역)",
            "Uiwang-Gunpo-Ansan new town (Ansan part)",
            "#66A61E",
        ),
        Term(CITYWIDE, "시 전역", "Citywide", "#666666"),
    )
}

# Short names for charts and buttons, where the full name does not fit.
AREA_SHORT: dict[str, Term] = {
    t.value: t
    for t in (
        Term("singil2", "신길2", "Singil-2"),
        Term("jangsang", "장상", "Jangsang"),
        Term("gfez", "경기경제자유구역", "Gyeonggi FEZ"),
        Term("choji", "초지역세권", "Choji"),
        Term("uiwang_gunpo_ansan", "의왕·군포·안산", "Uiwang-Gunpo-Ansan"),
        Term(CITYWIDE, "시 전역", "Citywide"),
    )
}

DEVELOPMENT_AREA_IDS: tuple[str, ...] = ("singil2", "jangsang", "gfez", "choji", "uiwang_gunpo_ansan")

# How a service's geometry was placed (real records; samples leave it empty).
LOCATION_ACCURACY_TERMS: dict[str, Term] = {
    t.value: t
    for t in (
        Term("address", "보도된 지번·건물의 지점", "Point of the reported lot number or building"),
        Term("place", "이름난 장소의 지점(역·공원·청사)", "Point of a named place (station, park, office)"),
        Term("dong", "행정동 중심점·경계(개략)", "Administrative dong centre or outline (approximate)"),
        Term("route", "보도된 정류장을 잇는 선", "Line through the reported stops"),
        Term("citywide", "장소 보도되지 않음·시 전역(시청에 표시)", "No place reported, citywide (drawn at City Hall)"),
    )
}

ACCURACY_VALUES: tuple[str, ...] = ("approximate", "surveyed", "official")

BOUNDARY_LEVELS: tuple[str, ...] = ("city", "gu", "dong")


# Status shapes as text for HTML (briefing slides, handout, kiosk cards; st.html drops inline SVG), matching the
# map's markers.
SHAPE_GLYPHS: dict[str, str] = {
    "circle": "●",
    "square": "■",
    "triangle": "▲",
    "star": "★",
    "diamond": "◆",
    "hollow": "○",
}


def label(terms: Mapping[str, Term], value: str, lang: str = "ko") -> str:
    """The label of ``value`` in ``lang``; an unknown value is shown as it is."""
    term = terms.get(value)
    return term.label(lang) if term else str(value)


def colour(terms: Mapping[str, Term], value: str) -> str:
    term = terms.get(value)
    return term.colour if term else "#666666"
