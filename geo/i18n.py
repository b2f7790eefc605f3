"""The translation table: every user-facing text, Korean first, English available.

Pages call ``t(key, lang)``; a missing key shows the key itself so it is
noticed, and ``tests/test_i18n.py`` checks that every key has both languages.
Labels of vocabulary values (statuses, domains, areas) live in ``geo.vocab``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

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
    "home.direction_count": {"ko": "서비스 {count}건", "en": "{count} services"},
    "home.directions_unclassified": {
        "ko": "보도된 사업은 추진 방향별로 분류되어 있지 않습니다 (출처에 없음).",
        "en": "The reported projects are not classified by direction (no source gives one).",
    },
    "home.chart": {"ko": "대상지별 서비스 추진 상태", "en": "Services by area and status"},
    "home.source": {"ko": "출처", "en": "Source"},
    "metric.services": {"ko": "스마트서비스", "en": "Smart services"},
    "metric.operating": {"ko": "운영 중", "en": "Operating"},
    "metric.areas": {"ko": "개발 대상지", "en": "Development areas"},
    "metric.budget": {"ko": "사업비 합계(보도)", "en": "Budgets reported, summed"},
    "metric.budget_note": {
        "ko": "서비스 수는 모든 상태를 셉니다. 사업비 합계는 취소 사업을 뺀, 사업별로 보도된 금액의 단순 합입니다: "
        "사업비가 보도되지 않은 사업은 빠지고, 한 사업비가 다른 사업을 포함하거나 타 시 분담분을 포함할 수 있습니다.",
        "en": "Service counts include every status. The budget sum adds the amounts reported per project, "
        "cancelled ones excluded: projects without a reported budget are missing, and one budget may include "
        "another project's or another city's share.",
    },
    "metric.count_unit": {"ko": "건", "en": ""},
    "metric.area_unit": {"ko": "곳", "en": ""},
    "unit.100m_krw": {"ko": "억원", "en": "× KRW 100 m"},
    "error.title": {"ko": "데이터를 불러올 수 없습니다", "en": "The data cannot be loaded"},
    "error.body": {
        "ko": "아래 파일을 고친 뒤 페이지를 새로 고치세요. 데이터 폴더: {path}",
        "en": "Fix the files below, then reload the page. Data folder: {path}",
    },
    "store.outdated": {
        "ko": "데이터 폴더({path})의 파일이 저장소를 만든 뒤 바뀌었습니다. 화면은 저장소의 데이터를 보여 줍니다. "
        "바뀐 파일을 반영하려면 데이터 관리에서 가져오거나, 저장소 파일(dashboard.gpkg)을 치우고 다시 시작하세요.",
        "en": "Files in the data folder ({path}) changed after the store was created from them. The screens show "
        "the store's data: import the changed files in Data management, or move dashboard.gpkg away and restart.",
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
    "history.none": {"ko": "아직 상태 변경 이력이 없습니다 (계획 단계).", "en": "No status changes yet (planned)."},
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
    "explorer.share": {
        "ko": "이 화면의 주소(URL)에 필터와 선택이 담겨 있어 북마크·공유할 수 있습니다.",
        "en": "The page address (URL) holds the filters and selection: bookmark or share it.",
    },
    "explorer.none": {
        "ko": "조건에 맞는 서비스가 없습니다. 필터를 줄여 보세요.",
        "en": "No service matches. Try fewer filters.",
    },
    "map.fullscreen": {"ko": "전체 화면", "en": "Full screen"},
    # --- Staff map (map branch): canvas map, results table, extent switch, reference layers ---
    "explorer.fit_results": {"ko": "결과에 맞추기", "en": "Fit to results"},
    "explorer.fit_results_help": {
        "ko": "필터 결과가 모두 보이도록 지도를 맞춥니다",
        "en": "Zoom the map so every filtered service is in view",
    },
    "explorer.in_view": {"ko": "지도 범위 내만", "en": "Only within the map view"},
    "explorer.in_view_help": {
        "ko": "표, 건수, 차트를 지금 지도에 보이는 범위로 좁힙니다",
        "en": "Limit the table, the counts and the chart to what the map shows now",
    },
    "explorer.in_view_count": {
        "ko": "지도 범위 내: {shown:,}건",
        "en": "Within the map view: {shown:,}",
    },
    "explorer.results": {"ko": "결과 목록", "en": "Results"},
    "explorer.results_hint": {
        "ko": "행을 누르면 지도에서 선택하고 확대합니다. 열 제목을 누르면 정렬합니다.",
        "en": "Click a row to select it and zoom to it on the map. Click a column title to sort.",
    },
    "explorer.sort": {"ko": "정렬", "en": "Sort by"},
    "explorer.results_capped": {
        "ko": "{total:,}건 중 정렬 순서로 처음 {limit:,}건을 보여 줍니다. 필터나 '지도 범위 내만'으로 좁히세요.",
        "en": "The first {limit:,} of {total:,} in this order. Narrow the filters or use 'Only within the map view'.",
    },
    "explorer.chart": {"ko": "추진 상태별 건수", "en": "Services by status"},
    "explorer.chart_hint": {
        "ko": "막대를 누르면 그 상태로 지도를 거릅니다",
        "en": "Click a bar to filter the map to that status",
    },
    "explorer.col.name": {"ko": "서비스명", "en": "Service"},
    "explorer.col.area": {"ko": "대상지", "en": "Area"},
    "explorer.col.status": {"ko": "상태", "en": "Status"},
    "explorer.col.domain": {"ko": "분야", "en": "Domain"},
    "explorer.col.budget": {"ko": "사업비(억원)", "en": "Budget (KRW 100 m)"},
    "explorer.cluster_tip": {"ko": "{n}건 · 누르면 확대", "en": "{n} services · click to zoom in"},
    "refmap.layers": {"ko": "기반 시설", "en": "Public facilities"},
    "refmap.count": {"ko": "{count:,}곳", "en": "{count:,}"},
    "refmap.provenance": {"ko": "{provider} · {date} 기준", "en": "{provider} · as of {date}"},
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
    "download.hint": {
        "ko": "그림은 차트 오른쪽 위 카메라 단추로 PNG 저장",
        "en": "Save the chart as PNG with the camera button",
    },
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
        "ko": "PageDown·→·Space 다음, PageUp·← 이전, Home·End 처음·끝, B 화면 가림, P 발표 모드, Esc 나가기",
        "en": "PageDown/→/Space next, PageUp/← previous, Home/End first/last, B blank, P present, Esc leave",
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
    "kiosk.when": {"ko": "기간", "en": "When"},
    "kiosk.services_going_ahead": {"ko": "추진 중인 스마트서비스", "en": "Smart services going ahead"},
    "kiosk.distance": {"ko": "여기서 약 {km} km", "en": "about {km} km from here"},
    "kiosk.nearby_here": {"ko": "이 근처에서 만들고 있는 서비스", "en": "Being built near here"},
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
    # --- data management ---
    "data.title": {"ko": "데이터 관리", "en": "Data management"},
    "data.caption": {
        "ko": "직원용: 스마트서비스 수정, 파일 가져오기, 백업, 내보내기. 모든 변경은 이력에 남습니다.",
        "en": "For staff: edit smart services, import files, back up, export. Every change is kept in the history.",
    },
    "data.tab.edit": {"ko": "서비스 수정", "en": "Edit a service"},
    "data.tab.import": {"ko": "가져오기", "en": "Import"},
    "data.tab.backup": {"ko": "백업·복원", "en": "Backups"},
    "data.tab.export": {"ko": "내보내기", "en": "Export"},
    "data.store": {"ko": "저장소: {where}", "en": "Store: {where}"},
    "auth.title": {"ko": "직원 로그인", "en": "Staff sign-in"},
    "auth.hint": {
        "ko": "데이터 관리는 로그인한 직원만 쓸 수 있습니다. 30분 동안 사용하지 않으면 자동으로 로그아웃됩니다.",
        "en": "Data management is for signed-in staff. You are signed out after 30 minutes without activity.",
    },
    "auth.username": {"ko": "사용자 이름", "en": "Username"},
    "auth.password": {"ko": "비밀번호", "en": "Password"},
    "auth.submit": {"ko": "로그인", "en": "Sign in"},
    "auth.sign_out": {"ko": "로그아웃", "en": "Sign out"},
    "auth.signed_in_as": {"ko": "로그인: {name}", "en": "Signed in: {name}"},
    "auth.signed_out": {"ko": "로그아웃했습니다.", "en": "You are signed out."},
    "auth.expired": {
        "ko": "30분 동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하세요.",
        "en": "You were signed out after 30 minutes without activity. Please sign in again.",
    },
    "auth.timeout_note": {
        "ko": "{minutes}분 동안 사용하지 않으면 로그아웃됩니다",
        "en": "Signed out after {minutes} min without activity",
    },
    "auth.failed": {
        "ko": "사용자 이름 또는 비밀번호가 맞지 않습니다. {left}번 더 틀리면 계정이 잠깁니다.",
        "en": "Wrong username or password. {left} more failures lock the account.",
    },
    "auth.locked": {
        "ko": "'{username}' 계정은 로그인에 여러 번 실패해 잠시 잠겼습니다. {minutes}분 후에 다시 시도하세요.",
        "en": "The account '{username}' is locked after repeated failed sign-ins. Try again in {minutes} min.",
    },
    # Reliability (store branch): sign-in lockout per client, page guard, sign-in for every staff page.
    "error.store": {"ko": "저장소를 사용할 수 없습니다", "en": "The data store cannot be used"},
    "error.unexpected.title": {"ko": "이 화면을 보여 드리지 못했습니다", "en": "This screen could not be shown"},
    "error.unexpected.body": {
        "ko": "예상하지 못한 문제가 생겼습니다. 새로고침하거나 잠시 후 다시 시도하세요. "
        "계속되면 관리자에게 사건 번호 {incident}를 알려 주세요.",
        "en": "Something unexpected went wrong. Reload the page or try again shortly. "
        "If it keeps happening, give the administrator incident number {incident}.",
    },
    "auth.signin_required": {
        "ko": "이 대시보드는 직원 로그인 후에 볼 수 있습니다.",
        "en": "This dashboard is for signed-in staff.",
    },
    "auth.client_locked": {
        "ko": "이 기기에서 로그인에 너무 많이 실패해 잠시 로그인을 막았습니다. {minutes}분 후에 다시 시도하세요.",
        "en": "Too many failed sign-ins from this device. Try again in {minutes} min.",
    },
    "auth.no_accounts": {
        "ko": "직원 계정이 없습니다. 서버에서 python -m geo add-user 사용자이름 으로 계정을 만드세요 (계정 파일: {path}).",
        "en": "There are no staff accounts. Create one on the server with python -m geo add-user NAME (file: {path}).",
    },
    "data.edit.pick": {"ko": "서비스 선택", "en": "Service"},
    "data.edit.search": {"ko": "서비스명이나 ID로 찾기", "en": "Find by name or id"},
    "data.edit.search_hint": {"ko": "예: 횡단보도, SVC-012", "en": "e.g. crosswalk, SVC-012"},
    "data.edit.placeholder": {"ko": "서비스를 고르세요", "en": "Choose a service"},
    "data.edit.none_found": {"ko": "찾는 서비스가 없습니다.", "en": "No service matches."},
    "data.edit.current": {"ko": "현재 값", "en": "Current values"},
    "data.edit.version": {"ko": "버전 {version}", "en": "Version {version}"},
    "data.edit.last_change": {"ko": "마지막 수정: {who}, {when}", "en": "Last edited by {who}, {when}"},
    "data.edit.form": {"ko": "변경할 값", "en": "New values"},
    "data.edit.reason": {"ko": "변경 사유 (필수)", "en": "Reason (required)"},
    "data.edit.reason_hint": {"ko": "예: 실시설계 착수 (2026-03 계약)", "en": "e.g. detailed design started"},
    "data.edit.save": {"ko": "저장", "en": "Save"},
    "data.edit.saved": {
        "ko": "저장했습니다: {name} (버전 {version}). 모든 화면에 바로 반영됩니다.",
        "en": "Saved: {name} (version {version}). Every screen shows it now.",
    },
    "data.edit.no_change": {
        "ko": "바뀐 값이 없습니다. 저장할 내용이 없습니다.",
        "en": "Nothing changed: nothing to save.",
    },
    "data.edit.need_reason": {
        "ko": "변경 사유를 입력하세요: 이력에 남습니다.",
        "en": "Enter a reason: it is kept in the history.",
    },
    "data.edit.conflict": {
        "ko": "서비스 '{service_id}'은(는) 불러온 뒤에 {who}이(가){when} 먼저 변경했습니다 "
        "(불러온 버전 {read}, 현재 버전 {current}). 이번 변경은 저장하지 않았습니다.",
        "en": "'{service_id}' was changed by {who}{when} after you loaded it (your version {read}, now "
        "{current}). Your change was not saved.",
    },
    "data.layer.boundaries": {"ko": "행정 경계", "en": "Administrative boundaries"},
    "data.edit.conflict_title": {"ko": "다른 사람이 먼저 수정했습니다", "en": "Someone else changed it first"},
    "data.edit.latest": {"ko": "지금 저장된 값", "en": "Values stored now"},
    "data.edit.reapply": {"ko": "내 입력을 최신 버전에 다시 적용", "en": "Re-apply my input to the latest version"},
    "data.edit.discard": {"ko": "내 입력 버리고 최신 값 불러오기", "en": "Discard my input, load the latest"},
    "data.edit.reapply_note": {
        "ko": "입력한 값은 그대로 두었습니다. 최신 값과 비교한 뒤 다시 저장하세요.",
        "en": "Your input is kept. Compare it with the latest values, then save again.",
    },
    "data.edit.history": {"ko": "이 서비스의 변경 이력", "en": "Change history of this service"},
    "data.edit.no_history": {"ko": "아직 변경 이력이 없습니다.", "en": "No changes yet."},
    "data.field.start_year": {"ko": "시작 연도", "en": "Start year"},
    "data.field.end_year": {"ko": "종료 연도", "en": "End year"},
    "data.field.budget": {"ko": "사업비(억원)", "en": "Budget (KRW 100 m)"},
    "data.history.when": {"ko": "변경 일시", "en": "When"},
    "data.history.field": {"ko": "항목", "en": "Field"},
    "data.history.old": {"ko": "이전 값", "en": "Old value"},
    "data.history.new": {"ko": "새 값", "en": "New value"},
    "data.history.source": {"ko": "구분", "en": "Source"},
    "data.source.seed": {"ko": "초기 데이터", "en": "Initial data"},
    "data.source.edit": {"ko": "직접 수정", "en": "Edited"},
    "data.source.import": {"ko": "파일 가져오기", "en": "Imported"},
    "data.import.layer": {"ko": "가져올 레이어", "en": "Layer"},
    "data.import.file": {
        "ko": "파일 (GeoJSON, GeoPackage, Shapefile zip, CSV, XLSX)",
        "en": "File (GeoJSON, GeoPackage, zipped Shapefile, CSV, XLSX)",
    },
    "data.import.file_help": {
        "ko": "Shapefile은 .shp·.shx·.dbf·.prj를 함께 zip으로 압축하세요. 좌표계(EPSG:5186·5179·5174·2097)와 "
        "CP949 인코딩은 자동으로 변환합니다. 한도 {limit}.",
        "en": "Zip a Shapefile with its .shp, .shx, .dbf and .prj. CRS (EPSG:5186, 5179, 5174, 2097) and CP949 "
        "are converted automatically. Limit {limit}.",
    },
    "data.import.crs": {
        "ko": "좌표계 (.prj가 없거나 틀릴 때, CSV의 X/Y 열)",
        "en": "CRS (when the .prj is missing or wrong; X/Y columns of a CSV)",
    },
    "data.import.crs_none": {"ko": "자동 (.prj, 없으면 좌표 범위로 추정)", "en": "Automatic (.prj, else guessed)"},
    "data.import.preview": {"ko": "미리보기", "en": "Preview"},
    "data.import.preview_note": {
        "ko": "아직 아무것도 저장하지 않았습니다. 아래 내용을 확인하고 저장을 누르세요.",
        "en": "Nothing is saved yet. Check below, then confirm.",
    },
    "data.import.count": {"ko": "{unit} 수", "en": "Features"},
    "data.import.crs_read": {"ko": "원본 좌표계", "en": "Source CRS"},
    "data.import.encoding": {"ko": "문자 인코딩", "en": "Encoding"},
    "data.import.in_store": {"ko": "이미 있는 ID", "en": "Ids already stored"},
    "data.import.notes": {"ko": "변환·수리 내용", "en": "What was converted or repaired"},
    "data.import.problems": {
        "ko": "문제 {count}개: 고친 파일을 다시 올리세요. 이 상태로는 저장할 수 없습니다.",
        "en": "{count} problems: fix the file and upload it again. It cannot be saved like this.",
    },
    "data.import.ok": {"ko": "검증 통과: 문제 없음", "en": "Valid: no problems"},
    "data.import.preview_layer": {"ko": "가져올 도형", "en": "Features to import"},
    "data.import.mode": {"ko": "저장 방식", "en": "Mode"},
    "data.import.mode_replace": {"ko": "교체: 레이어 전체를 이 파일로 바꿈", "en": "Replace the whole layer"},
    "data.import.mode_append": {"ko": "추가: 새 ID만 더함", "en": "Append new ids only"},
    "data.import.confirm": {"ko": "확인하고 저장", "en": "Confirm and save"},
    "data.import.saved": {
        "ko": "저장했습니다: {layer} {rows}개 (삭제 {removed}개, 변경 이력 {history}건). 자동 백업: {backup}",
        "en": "Saved: {layer} {rows} rows ({removed} removed, {history} history rows). Backup first: {backup}",
    },
    "data.import.wait": {"ko": "파일을 검사하는 중…", "en": "Checking the file…"},
    # importer: column mapping choices, encoding, problem lists, reference layers (importer branch)
    "data.layer.reference": {"ko": "참고 레이어 (공공데이터 점)", "en": "Reference layer (public points)"},
    "data.import.encoding_choice": {"ko": "문자 인코딩", "en": "Text encoding"},
    "data.import.encoding_auto": {"ko": "자동 판별", "en": "Detect"},
    "data.import.mapping_title": {"ko": "열 매핑: 파일의 어느 열이 어느 항목인지", "en": "Column mapping"},
    "data.import.mapping_note": {
        "ko": "자동으로 찾은 매핑입니다. 다르면 고르세요. 필수 항목은 *표. 명령줄로 같은 매핑:",
        "en": "The mapping found automatically; change any choice. Required fields are marked *. Same on the command line:",
    },
    "data.import.mapping_auto": {"ko": "(자동 / 없음)", "en": "(automatic / none)"},
    "data.import.mapping_how": {"ko": "찾은 방법: {how}", "en": "Found: {how}"},
    "data.import.defaults": {"ko": "파일에 없어 채운 값", "en": "Filled in (not in the file)"},
    "data.import.default_column": {"ko": "항목", "en": "Field"},
    "data.import.default_value": {"ko": "값", "en": "Value"},
    "data.import.crs_guessed": {
        "ko": "좌표계를 좌표 범위로 추정했습니다: 지도에서 위치를 확인하고, 다르면 위에서 좌표계를 고르세요.",
        "en": "The CRS was guessed from the coordinates: check the map and choose the CRS above if it is wrong.",
    },
    "data.import.p_file": {"ko": "파일", "en": "File"},
    "data.import.p_where": {"ko": "위치(행/피처)", "en": "Row/feature"},
    "data.import.p_field": {"ko": "항목", "en": "Field"},
    "data.import.p_message": {"ko": "문제", "en": "Problem"},
    "data.import.p_kind": {"ko": "종류", "en": "Kind"},
    "data.import.p_count": {"ko": "개수", "en": "Count"},
    "data.import.p_shown": {
        "ko": "문제 {total:,}개 중 처음 {shown:,}개 (아래는 종류별 개수)",
        "en": "First {shown:,} of {total:,} problems (counts by kind below)",
    },
    "data.import.title": {"ko": "레이어 제목 (같은 제목이면 교체)", "en": "Layer title (same title replaces)"},
    "data.import.title_needed": {"ko": "레이어 제목을 적으세요.", "en": "Enter the layer's title."},
    "data.import.points": {"ko": "가져올 점", "en": "Points to import"},
    "data.import.refused": {"ko": "제외한 행", "en": "Rows left out"},
    "data.import.first_rows": {"ko": "처음 {count}행", "en": "First {count} rows"},
    "data.import.replaces": {
        "ko": "같은 제목의 레이어(점 {count:,}개)를 교체합니다.",
        "en": "Replaces the layer with the same title ({count:,} points).",
    },
    "data.import.reference_saved": {
        "ko": "참고 레이어 '{title}'을(를) 저장했습니다: 점 {rows:,}개.",
        "en": "Saved reference layer '{title}': {rows:,} points.",
    },
    "data.import.provenance": {
        "ko": "제공기관: {provider} · 기준일: {date} · 출처: {source}",
        "en": "Provider: {provider} · Data date: {date} · Source: {source}",
    },
    "data.backup.name": {"ko": "백업 파일", "en": "Backup file"},
    "data.backup.created": {"ko": "만든 시각", "en": "Created"},
    "data.backup.size": {"ko": "크기", "en": "Size"},
    "data.backup.none": {"ko": "아직 백업이 없습니다.", "en": "No backups yet."},
    "data.backup.now": {"ko": "지금 백업", "en": "Back up now"},
    "data.backup.done": {"ko": "백업했습니다: {name}", "en": "Backed up: {name}"},
    "data.backup.restore": {"ko": "복원할 백업", "en": "Backup to restore"},
    "data.backup.confirm": {
        "ko": "복원하면 지금 데이터가 이 백업의 내용으로 바뀝니다 (복원 전 상태는 자동으로 백업합니다)",
        "en": "Restoring replaces the current data with this backup (the current state is backed up first)",
    },
    "data.backup.restore_button": {"ko": "복원", "en": "Restore"},
    "data.backup.restored": {
        "ko": "{name}에서 복원했습니다. 복원 전 상태는 {safety}에 백업했습니다.",
        "en": "Restored from {name}. The previous state is in {safety}.",
    },
    "data.backup.keep": {"ko": "최신 {keep}개를 보관합니다.", "en": "The newest {keep} are kept."},
    "data.export.caption": {
        "ko": "스마트서비스 {count}건. CSV·XLSX는 한글 열 이름과 분류 이름으로, 수식으로 실행되지 않게 저장합니다.",
        "en": "{count} smart services. CSV/XLSX use Korean headers and labels, and are safe from formula injection.",
    },
    "data.export.geojson": {"ko": "GeoJSON", "en": "GeoJSON"},
    "data.export.gpkg": {"ko": "GeoPackage", "en": "GeoPackage"},
    "data.export.csv": {"ko": "CSV (엑셀)", "en": "CSV (Excel)"},
    "data.export.xlsx": {"ko": "XLSX (엑셀)", "en": "XLSX (Excel)"},
    # --- data branch: reported projects, their provenance, sources that disagree, store upgrade ---
    "field.not_reported": {"ko": "미공개", "en": "not reported"},
    "field.reported_on": {"ko": "보도일", "en": "Reported on"},
    "field.status_reported": {"ko": "보도된 상태", "en": "Status as reported"},
    "field.status_as_of": {"ko": "{status} ({date} 보도 기준)", "en": "{status} (as reported on {date})"},
    "field.location_reported": {"ko": "위치(보도)", "en": "Location (as reported)"},
    "field.location_accuracy": {"ko": "위치 표시 방법", "en": "How the location was placed"},
    "field.domain_reported": {"ko": "보도된 분야", "en": "Field as reported"},
    "field.sources_other": {"ko": "다른 출처", "en": "Other sources"},
    "field.conflicts": {"ko": "출처 간 차이", "en": "Where sources differ"},
    "field.conflict_row": {"ko": "{field}: {values}", "en": "{field}: {values}"},
    "store.upgrade.rebuilt": {
        "ko": "번들 데이터가 바뀌어 저장소를 새 데이터로 다시 만들었습니다 (편집 기록이 없는 저장소). 이전 저장소 백업: {backup}",
        "en": "The bundled data changed, so the store (which had no edits) was rebuilt from it. Backup of the old store: {backup}",
    },
    "store.upgrade.edited": {
        "ko": "번들 데이터가 바뀌었지만 이 저장소에는 직원이 편집하거나 가져온 내용이 있어 그대로 두었습니다. "
        "새 데이터를 쓰려면 아래 '가져오기'에서 데이터 폴더의 파일을 미리 보고 가져오세요 (가져오기 전에 백업됩니다).",
        "en": "The bundled data changed, but this store holds staff edits or imports, so it was kept as it is. "
        "To use the new data, preview and import the data folder's files below (a backup is made first).",
    },
    "store.upgrade.preview": {
        "ko": "데이터 폴더의 새 데이터: 서비스 {new}건 (예시 {new_samples}건) · 지금 저장소: 서비스 {old}건",
        "en": "New data in the data folder: {new} services ({new_samples} samples) · store now: {old} services",
    },
    # --- audience (issue 11): presentation mode, handout, kiosk, download context, small screens ---
    "briefing.present": {"ko": "발표 모드", "en": "Present"},
    "briefing.present_help": {
        "ko": "사이드바와 모든 조작 단추를 숨기고 슬라이드만 보입니다 (P 또는 F5). Esc로 나옵니다.",
        "en": "Hides the sidebar and every control; only the slide shows (P or F5). Esc leaves.",
    },
    "chart.no_services": {"ko": "보도된 사업 없음", "en": "No reported projects"},
    "chart.no_budget": {"ko": "보도된 사업비 없음", "en": "No reported budget"},
    "chart.no_direction": {
        "ko": "추진 방향이 보도된 사업 없음",
        "en": "No reported project with a plan direction",
    },
    "chart.no_period": {"ko": "기간이 보도된 사업 없음", "en": "No reported project with a period"},
    "briefing.appendix": {"ko": "부록", "en": "Appendix"},
    "export.area": {"ko": "대상지", "en": "Area"},
    "export.item": {"ko": "항목", "en": "Item"},
    "export.value": {"ko": "내용", "en": "Value"},
    "export.sheet": {"ko": "자료 정보", "en": "About"},
    "export.all_areas": {"ko": "전체 대상지", "en": "All areas"},
    "export.source_services": {
        "ko": "안산 스마트도시 대시보드 스마트서비스 데이터",
        "en": "Ansan Smart City Dashboard smart service data",
    },
    "plan.approved": {"ko": "2026년 1월 국토교통부 승인", "en": "Approved by MOLIT, January 2026"},
    "kiosk.count": {"ko": "{n}건 · 밀어서 모두 보기", "en": "{n} in all · swipe to see every one"},
    "kiosk.domain_service": {"ko": "{domain} 분야 서비스", "en": "A {domain} service"},
    # deploy: the kiosk's notice while its server is away (geo/reconnect.py)
    "reconnect.title": {"ko": "잠시 후 다시 연결합니다", "en": "Reconnecting shortly"},
    "reconnect.body": {
        "ko": "화면은 저절로 돌아옵니다. 만지지 않으셔도 됩니다.",
        "en": "The screen comes back by itself. No need to touch it.",
    },
}


def t(key: str, lang: str = "ko", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Korean when the language is unknown)."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    # An empty English text is deliberate (no unit suffix), so only a missing one falls back.
    text = entry[lang] if lang in entry else entry["ko"]
    return text.format(**values) if values else text


# --- audience: one rule for data fields shown in either language ---------------------------------

#: English for data values that are not vocabulary ids (those are labelled by ``geo.vocab``):
#: the city's departments and the kinds of development area. A value missing here is shown as it
#: is (a proper name, or a new value the data's own ``*_en`` field should translate).
GLOSSARY: dict[str, dict[str, str]] = {
    "department": {
        "기후에너지과": "Climate and Energy Division",
        "복지정책과": "Welfare Policy Division",
        "일자리정책과": "Jobs Policy Division",
        "안전총괄과": "Safety Management Division",
        "공동주택과": "Apartment Housing Division",
        "교통정책과": "Transport Policy Division",
        "도로관리과": "Road Management Division",
        "스마트도시과": "Smart City Division",
        "관광과": "Tourism Division",
        "경제정책과": "Economic Policy Division",
        "평생교육과": "Lifelong Learning Division",
        "기업지원과": "Business Support Division",
        "정보통신과": "ICT Division",
        "도시계획과": "Urban Planning Division",
        "안산도시공사": "Ansan Urban Corporation",
        "경기테크노파크": "Gyeonggi Technopark",
    },
    "kind": {
        "3기 신도시 (공공주택지구)": "3rd-generation new town (public housing district)",
        "3기 신도시(공공주택지구)": "3rd-generation new town (public housing district)",
        "공공주택지구": "Public housing district",
        "경제자유구역": "Free economic zone",
        "역세권 개발": "Station-area development",
    },
    "gu": {"상록구": "Sangnok-gu", "단원구": "Danwon-gu"},
}


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() != ""


def localized(record: Mapping[str, Any] | Mapping[Hashable, Any] | pd.Series, field: str, lang: str = "ko") -> str:
    """The text of ``field`` of a data record in ``lang``: the one rule for bilingual data fields.

    Korean is ``<field>_ko`` (or ``<field>`` when the data has no ``_ko`` column,
    as ``description_public`` or ``source``). English is ``<field>_en`` when the
    record has it, otherwise the :data:`GLOSSARY` entry for the Korean value,
    otherwise the Korean value itself (a proper name without an English one).
    A missing value is an empty string.
    """
    korean = record.get(f"{field}_ko") if _present(record.get(f"{field}_ko")) else record.get(field)
    if lang == "en":
        english = record.get(f"{field}_en")
        if _present(english):
            return str(english)
        if _present(korean) and str(korean) in GLOSSARY.get(field, {}):
            return GLOSSARY[field][str(korean)]
    return str(korean) if _present(korean) else ""


def localized_column(frame: pd.DataFrame, field: str, lang: str = "ko") -> pd.Series:
    """:func:`localized` for every row of ``frame`` (index kept)."""
    return pd.Series([localized(row, field, lang) for row in frame.to_dict("records")], index=frame.index, dtype=object)
