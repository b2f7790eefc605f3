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
    "field.location": {"ko": "위치(구·동)", "en": "Location (gu, dong)"},
    "field.updated": {"ko": "갱신일", "en": "Updated"},
    "field.kind": {"ko": "유형", "en": "Type"},
    "field.facts": {"ko": "주요 사실", "en": "Key facts"},
    "field.map_outline": {"ko": "지도 도형 기준", "en": "measured on the map outline"},
    "history.title": {"ko": "상태 변경 이력", "en": "Status history"},
    "history.date": {"ko": "변경일", "en": "Date"},
    "history.change": {"ko": "변경", "en": "Change"},
    "history.by": {"ko": "변경자", "en": "By"},
    "history.reason": {"ko": "사유", "en": "Reason"},
    "explorer.title": {"ko": "지도 탐색", "en": "Map explorer"},
    "explorer.filters": {"ko": "필터", "en": "Filters"},
    "explorer.area": {"ko": "대상지", "en": "Area"},
    "explorer.domain": {"ko": "서비스 분야", "en": "Domain"},
    "explorer.status": {"ko": "추진 상태", "en": "Status"},
    "explorer.phase": {"ko": "추진 단계", "en": "Phase"},
    "explorer.years": {"ko": "사업 기간(연도)", "en": "Period (years)"},
    "explorer.search": {"ko": "서비스명 검색", "en": "Search by name"},
    "explorer.search_hint": {"ko": "예: 횡단보도", "en": "e.g. crosswalk"},
    "explorer.any": {"ko": "전체", "en": "All"},
    "explorer.reset": {"ko": "필터 초기화", "en": "Reset filters"},
    "explorer.shown": {"ko": "표시 중: {shown:,} / {total:,}건", "en": "Showing {shown:,} of {total:,}"},
    "explorer.fit": {"ko": "대상지로 이동", "en": "Go to area"},
    "explorer.fit_city": {"ko": "안산 전체", "en": "All of Ansan"},
    "explorer.details": {"ko": "상세 정보", "en": "Details"},
    "explorer.details_hint": {
        "ko": "지도에서 서비스나 대상지를 누르면 여기에 자세한 내용이 나옵니다.",
        "en": "Click a service or an area on the map to see its details here.",
    },
    "explorer.clear_selection": {"ko": "선택 해제", "en": "Clear selection"},
    "explorer.table": {"ko": "서비스 목록", "en": "Service list"},
    "explorer.share": {"ko": "이 화면의 주소(URL)에 필터와 선택이 담겨 있어 북마크·공유할 수 있습니다.",
                       "en": "The page address (URL) holds the filters and selection: bookmark or share it."},
    "explorer.none": {"ko": "조건에 맞는 서비스가 없습니다. 필터를 줄여 보세요.",
                      "en": "No service matches. Try fewer filters."},
    "map.fullscreen": {"ko": "전체 화면", "en": "Full screen"},
    # --- district profiles and charts ---
    "districts.title": {"ko": "지구별 현황", "en": "District profiles"},
    "districts.area": {"ko": "대상지 선택", "en": "Choose an area"},
    "districts.as_of": {"ko": "기준일(이 날짜의 추진 상태로 표시)", "en": "As of (statuses on this date)"},
    "districts.as_of_note": {
        "ko": "{date} 기준 · 상태 이력으로 그 날의 추진 상태를 다시 계산했습니다",
        "en": "As of {date} · statuses recomputed from the status history",
    },
    "districts.tab_profile": {"ko": "대상지 프로필", "en": "Area profile"},
    "districts.tab_compare": {"ko": "대상지 비교", "en": "Compare areas"},
    "districts.tab_dong": {"ko": "구·동별 분포", "en": "By gu and dong"},
    "districts.facts": {"ko": "주요 사실", "en": "Key facts"},
    "districts.in_progress": {"ko": "설계·구축 중", "en": "In design or building"},
    "districts.on_schedule": {"ko": "일정 준수율", "en": "On schedule"},
    "districts.operating_share": {"ko": "운영 비율", "en": "Share operating"},
    "districts.dong_value": {"ko": "지도에 표시할 값", "en": "Value on the map"},
    "districts.gu_table": {"ko": "구별 합계", "en": "Totals per gu"},
    "download.csv": {"ko": "데이터 CSV", "en": "Data (CSV)"},
    "download.xlsx": {"ko": "데이터 XLSX", "en": "Data (XLSX)"},
    "download.hint": {"ko": "그림은 차트 오른쪽 위 카메라 단추로 PNG 저장", "en": "Save the chart as PNG with the camera button"},
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
    "briefing.as_of": {"ko": "기준일", "en": "As of"},
    "briefing.since": {"ko": "변경 비교 시작일", "en": "Changes since"},
    "briefing.next": {"ko": "다음", "en": "Next"},
    "briefing.previous": {"ko": "이전", "en": "Previous"},
    "briefing.keys_hint": {
        "ko": "PageDown·→ 다음, PageUp·← 이전 (리모컨 사용 가능)",
        "en": "PageDown/→ next, PageUp/← previous (clickers work)",
    },
    "briefing.overview": {"ko": "스마트도시계획 한눈에", "en": "The plan at a glance"},
    "briefing.domains": {"ko": "분야별 스마트서비스", "en": "Smart services by domain"},
    "briefing.changes": {"ko": "{since} 이후 달라진 점", "en": "What changed since {since}"},
    "briefing.changes_count": {"ko": "상태 변경 {n}건", "en": "{n} status changes"},
    "briefing.no_changes": {"ko": "이 기간에 상태 변경이 없습니다", "en": "No status changes in this period"},
    "briefing.pdf": {"ko": "PDF 브리핑 내려받기", "en": "Download PDF briefing"},
    "briefing.pdf_error": {"ko": "PDF 브리핑을 만들 수 없습니다", "en": "The PDF briefing cannot be made"},
    "briefing.last_update": {"ko": "데이터 최종 갱신", "en": "Data last updated"},
    "briefing.facts": {"ko": "주요 사실", "en": "Key facts"},
    "briefing.location": {"ko": "위치", "en": "Location"},
    "briefing.kind": {"ko": "유형", "en": "Kind"},
    "briefing.reported_area": {"ko": "면적(보도)", "en": "Area (reported)"},
    "briefing.homes": {"ko": "주택", "en": "Homes"},
    "briefing.homes_unit": {"ko": "호", "en": " homes"},
    "briefing.period": {"ko": "기간", "en": "Period"},
    "briefing.services_table": {"ko": "스마트서비스 목록", "en": "Smart services"},
    "briefing.change": {"ko": "변경", "en": "Change"},
    "briefing.reason": {"ko": "사유", "en": "Reason"},
    "briefing.date": {"ko": "날짜", "en": "Date"},
    "briefing.service": {"ko": "서비스", "en": "Service"},
    "briefing.area_numbers": {"ko": "대상지 현황", "en": "This area"},
    "briefing.map_note": {
        "ko": "지도: 개략 경계(공식 경계 아님), 기호 = 추진 상태",
        "en": "Map: approximate outlines (not official), symbols = status",
    },
    "briefing.font_missing": {
        "ko": "한글 글꼴(Noto Sans CJK)을 찾을 수 없어 PDF를 만들 수 없습니다. "
        "서버에 fonts-noto-cjk 패키지를 설치하세요(apt-get install fonts-noto-cjk).",
        "en": "No Hangul font (Noto Sans CJK) was found, so the PDF cannot be made. "
        "Install the fonts-noto-cjk package on the server (apt-get install fonts-noto-cjk).",
    },
    "briefing.browser_missing": {
        "ko": "PDF를 그릴 Chromium을 찾을 수 없습니다. 서버에 chromium 패키지를 설치하세요.",
        "en": "Chromium, which draws the PDF, was not found. Install the chromium package on the server.",
    },
    "briefing.render_failed": {
        "ko": "PDF를 그리는 중 오류가 났습니다: {reason}",
        "en": "Drawing the PDF failed: {reason}",
    },
    "briefing.page": {"ko": "{n} / {total}쪽", "en": "page {n} of {total}"},
    "kiosk.title": {"ko": "안산 스마트도시", "en": "Smart City Ansan"},
    "kiosk.start": {"ko": "처음", "en": "Start"},
    "kiosk.nearby": {"ko": "지금 만들고 있는 서비스", "en": "Being built now"},
    "kiosk.nearby_title": {
        "ko": "우리 동네에 들어서는 스마트서비스",
        "en": "Smart services coming to your neighbourhood",
    },
    "kiosk.overview_title": {"ko": "안산시 스마트도시계획", "en": "Ansan Smart City Plan"},
    "kiosk.area_services": {"ko": "이곳에 들어서는 스마트서비스", "en": "Smart services here"},
    "kiosk.when": {"ko": "기간", "en": "When"},
    "kiosk.touch": {"ko": "화면 터치", "en": "Screen touched"},
    "kiosk.hint_running": {
        "ko": "화면을 누르면 자동 넘김이 멈춥니다",
        "en": "Touch the screen to stop the slideshow",
    },
    "kiosk.hint_paused": {
        "ko": "자동 넘김 멈춤: {s}초 동안 누르지 않으면 처음 화면으로 돌아갑니다",
        "en": "Slideshow paused: it returns to the start after {s} s without a touch",
    },
    "kiosk.no_services": {"ko": "아직 등록된 서비스가 없습니다", "en": "No services yet"},
    "kiosk.more": {"ko": "외 {n}건", "en": "and {n} more"},
    "kiosk.description_ko_only": {"ko": "", "en": "Description in Korean"},
    # --- data management ---
}


def t(key: str, lang: str = "ko", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Korean when the language is unknown)."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["ko"]
    return text.format(**values) if values else text
