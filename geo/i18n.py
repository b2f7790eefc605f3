"""The translation table: every user-facing text, Korean first, English available.

Pages call ``t(key, lang)``; a missing key shows the key itself so it is
noticed, and ``tests/test_i18n.py`` checks that every key has both languages.
Labels of vocabulary values (statuses, domains, areas) live in ``geo.vocab``.
"""

from __future__ import annotations

LANGUAGES = ("ko", "en")

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"ko": "안산 스마트도시 대시보드", "en": "Ansan Smart City Dashboard"},
    "app.subtitle": {
        "ko": "안산시 스마트도시계획(2026년 1월 국토교통부 승인)을 지도로 봅니다",
        "en": "Ansan's Smart City Plan (approved by MOLIT, January 2026) on maps",
    },
    "nav.home": {"ko": "종합 현황", "en": "Overview"},
    "nav.map": {"ko": "지도 탐색", "en": "Map explorer"},
    "nav.districts": {"ko": "지구별 현황", "en": "District profiles"},
    "nav.briefing": {"ko": "브리핑", "en": "Briefing"},
    "nav.kiosk": {"ko": "키오스크", "en": "Kiosk"},
    "nav.data": {"ko": "데이터 관리", "en": "Data management"},
    "lang.label": {"ko": "언어", "en": "Language"},
    "sample.banner": {
        "ko": "예시 데이터: 스마트서비스와 상태 이력은 설명을 위한 예시이며 실제 사업 현황이 아닙니다. "
        "계획·대상지 사실은 출처와 함께 표시합니다.",
        "en": "Sample data: the smart services and their status history are illustrative, not the real "
        "project status. Facts from the plan and about the areas are shown with their source.",
    },
    "sample.short": {"ko": "예시 데이터", "en": "Sample data"},
    "approximate.note": {
        "ko": "지도 경계는 개략 도형입니다(공식 경계 아님).",
        "en": "Outlines on the map are approximate (not official boundaries).",
    },
    "home.vision": {"ko": "비전", "en": "Vision"},
    "home.directions": {"ko": "추진 방향", "en": "Directions"},
    "home.fields": {"ko": "중점 분야", "en": "Key fields"},
    "home.headline": {"ko": "주요 지표", "en": "Headline numbers"},
    "home.map": {"ko": "대상지와 스마트서비스", "en": "Areas and smart services"},
    "home.chart": {"ko": "대상지별 서비스 추진 상태", "en": "Services by area and status"},
    "home.source": {"ko": "출처", "en": "Source"},
    "metric.services": {"ko": "스마트서비스", "en": "Smart services"},
    "metric.operating": {"ko": "운영 중", "en": "Operating"},
    "metric.areas": {"ko": "개발 대상지", "en": "Development areas"},
    "metric.budget": {"ko": "총사업비", "en": "Total budget"},
    "metric.count_unit": {"ko": "건", "en": ""},
    "metric.area_unit": {"ko": "곳", "en": ""},
    "unit.100m_krw": {"ko": "억원", "en": "× KRW 100 m"},
    "error.title": {"ko": "데이터를 불러올 수 없습니다", "en": "The data cannot be loaded"},
    "error.body": {
        "ko": "아래 파일을 고친 뒤 페이지를 새로 고치세요. 데이터 폴더: {path}",
        "en": "Fix the files below, then reload the page. Data folder: {path}",
    },
    "error.settings": {"ko": "설정 값이 올바르지 않습니다", "en": "A setting is not valid"},
    "legend.status": {"ko": "추진 상태", "en": "Status"},
    "legend.areas": {"ko": "개발 대상지", "en": "Development areas"},
    "layer.city": {"ko": "안산시 경계", "en": "Ansan outline"},
    "layer.gu": {"ko": "구 경계", "en": "District (gu) boundaries"},
    "layer.dong": {"ko": "행정동 경계", "en": "Dong boundaries"},
    "layer.areas": {"ko": "개발 대상지", "en": "Development areas"},
    "layer.services": {"ko": "스마트서비스", "en": "Smart services"},
    "field.area_m2": {"ko": "면적", "en": "Area"},
    "field.status": {"ko": "추진 상태", "en": "Status"},
    "field.domain": {"ko": "서비스 분야", "en": "Domain"},
    "field.area": {"ko": "대상지", "en": "Area"},
    "field.phase": {"ko": "추진 단계", "en": "Phase"},
    "field.budget": {"ko": "사업비", "en": "Budget"},
    "field.department": {"ko": "담당 부서", "en": "Department"},
    "field.period": {"ko": "사업 기간", "en": "Period"},
    "field.description": {"ko": "시민 안내", "en": "For citizens"},
    "field.source": {"ko": "출처", "en": "Source"},
    "field.count": {"ko": "서비스 수", "en": "Services"},
    # --- map explorer ---
    # --- district profiles and charts ---
    "chart.domain_status": {"ko": "분야별 서비스 추진 상태", "en": "Services by domain and status"},
    "chart.domain": {"ko": "분야별 스마트서비스", "en": "Smart services by domain"},
    "chart.direction": {"ko": "추진 방향별 스마트서비스", "en": "Smart services by direction"},
    "chart.budget_year": {"ko": "연도별 사업비(재원별)", "en": "Budget by year and funding source"},
    "chart.budget_funding": {"ko": "재원별 사업비", "en": "Budget by funding source"},
    "chart.timeline": {"ko": "서비스 추진 일정", "en": "Service timeline"},
    "chart.progress": {"ko": "대상지별 추진율", "en": "Progress by area"},
    "chart.compare": {"ko": "대상지 비교(같은 눈금)", "en": "Areas compared (same scale)"},
    "chart.dong_count": {"ko": "행정동별 스마트서비스 수", "en": "Smart services per dong"},
    "chart.dong_budget": {"ko": "행정동별 사업비", "en": "Budget per dong"},
    "chart.milestones": {"ko": "스마트도시계획 수립 경과", "en": "How the plan was made"},
    "chart.excluding_cancelled": {"ko": "취소 사업 제외", "en": "cancelled services excluded"},
    "chart.budget_spread": {
        "ko": "사업비를 사업 기간에 균등 배분",
        "en": "each budget spread evenly over its years",
    },
    "chart.no_data": {"ko": "표시할 데이터가 없습니다", "en": "No data to show"},
    "chart.total": {"ko": "합계", "en": "Total"},
    "chart.as_of": {"ko": "기준일", "en": "As of"},
    "chart.year": {"ko": "연도", "en": "Year"},
    "chart.share_operating": {"ko": "운영 비율", "en": "Operating"},
    "chart.share_on_schedule": {"ko": "일정 준수 비율", "en": "On schedule"},
    "chart.progress_note": {
        "ko": "운영 비율 = 운영 ÷ (전체 − 취소). 일정 지연 = 종료 연도가 지났는데 운영 전이거나, "
        "시작 연도가 지났는데 계획·보류 상태",
        "en": "Operating = operating ÷ (all − cancelled). Behind schedule = past its end year and not "
        "operating, or past its start year and still planned or on hold",
    },
    "chart.dong_note": {
        "ko": "서비스 위치(대표점)가 속한 행정동 기준, 개략 경계",
        "en": "By the dong each service's anchor point lies in; approximate outlines",
    },
    "field.funding": {"ko": "재원", "en": "Funding"},
    "field.direction": {"ko": "추진 방향", "en": "Direction"},
    "field.gu": {"ko": "구", "en": "District (gu)"},
    "field.dong": {"ko": "행정동", "en": "Dong"},
    # --- briefing and kiosk ---
    # --- data management ---
}


def t(key: str, lang: str = "ko", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Korean when the language is unknown)."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["ko"]
    return text.format(**values) if values else text
