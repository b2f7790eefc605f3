"""Screen text of the district profiles and their charts."""

TEXTS: dict[str, dict[str, str]] = {
    # --- district profiles and charts ---
    "districts.title": {"ko": "지구별 현황", "en": "District profiles"},
    "districts.area": {"ko": "대상지 선택", "en": "Choose an area"},
    "districts.as_of": {"ko": "기준일(이 날짜의 추진 상태로 표시)", "en": "As of (statuses on this date)"},
    "districts.as_of_note": {
        "ko": "{date} 기준 · 그 날까지 보도된 사업과 그 날의 추진 상태 · {changed}",
        "en": "As of {date} · the projects reported by that day, with their status on that day · {changed}",
    },
    "districts.city": {"ko": "안산시 전체", "en": "All of Ansan"},
    "districts.city_what_text": {
        "ko": "안산시의 보도된 스마트도시 사업 전체 (대상지 안팎 모두)",
        "en": "All of Ansan's reported smart-city projects, inside and outside the development areas",
    },
    "districts.no_projects": {
        "ko": "{date}까지 이 대상지 안에서 보도된 사업은 없습니다.",
        "en": "No project inside this area had been reported by {date}.",
    },
    "districts.nearest": {"ko": "가장 가까운 보도된 사업", "en": "Nearest reported projects"},
    "districts.distance_km": {"ko": "대상지 경계에서 {km} km", "en": "{km} km from the area's edge"},
    "history.last_change": {"ko": "데이터의 마지막 상태 변경 {date}", "en": "data's last status change {date}"},
    "districts.tab_profile": {"ko": "대상지 프로필", "en": "Area profile"},
    "districts.tab_compare": {"ko": "대상지 비교", "en": "Compare areas"},
    "districts.tab_dong": {"ko": "구·동별 분포", "en": "By gu and dong"},
    "districts.facts": {"ko": "주요 사실", "en": "Key facts"},
    "districts.in_progress": {"ko": "설계·구축 중", "en": "In design or building"},
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
    "chart.excluding_cancelled": {
        "ko": "취소 사업·다른 시 몫 제외",
        "en": "cancelled projects and other cities' shares excluded",
    },
    "chart.budget_spread": {
        "ko": "사업비를 사업 기간에 균등 배분",
        "en": "each budget spread evenly over its years",
    },
    "chart.total": {"ko": "합계", "en": "Total"},
    "chart.as_of": {"ko": "기준일", "en": "As of"},
    "chart.year": {"ko": "연도", "en": "Year"},
    "chart.share_operating": {"ko": "운영 비율", "en": "Operating"},
    "chart.progress_note": {
        "ko": "운영 비율 = 운영 ÷ (전체 − 취소). 출처가 기한을 밝히지 않아 일정 준수·지연은 판단하지 않습니다",
        "en": "Operating = operating ÷ (all − cancelled). No source gives due dates, so nothing is judged late "
        "or on schedule",
    },
    "funding.unknown": {"ko": "재원 보도되지 않음", "en": "Not reported"},
    "chart.year_coverage": {
        "ko": "기간이 보도된 {n}건만 표시: {shown} (사업비 합계 {total}의 {share}, {of}건 중)",
        "en": "Only the {n} with a reported period: {shown} ({share} of the {total} total, {n} of {of})",
    },
    "chart.funding_coverage": {
        "ko": "재원이 보도된 사업 {n}건: {shown} (합계 {total}의 {share}, {of}건 중)",
        "en": "Source reported for {n} of {of}: {shown} ({share} of the {total} total)",
    },
    "chart.dong_note": {
        "ko": "서비스 위치(대표점)가 속한 행정동 기준, 개략 경계",
        "en": "By the dong each service's anchor point lies in; approximate outlines",
    },
    "field.funding": {"ko": "재원", "en": "Funding"},
    "field.direction": {"ko": "추진 방향", "en": "Direction"},
    "field.gu": {"ko": "구", "en": "District (gu)"},
    "field.dong": {"ko": "행정동", "en": "Dong"},
    # --- screens branch: what the 시 전역 group is, beside its map ---
    "districts.citywide_what": {"ko": "구분", "en": "What it is"},
    "districts.citywide_what_text": {
        "ko": "어느 개발 대상지에도 속하지 않는 사업: 도시 전체를 대상으로 하는 서비스와 "
        "대상지 밖의 행정동에서 추진되는 사업",
        "en": "Projects that belong to no development area: services for the whole city and "
        "projects in a dong outside the areas",
    },
    "districts.citywide_count": {"ko": "{n}건 (전체 {total}건 중)", "en": "{n} (of {total} in all)"},
    "districts.citywide_where": {"ko": "위치", "en": "Where"},
    "districts.citywide_no_place": {"ko": "장소 보도되지 않음(시 전역)", "en": "No place reported (citywide)"},
    "districts.citywide_budget": {
        "ko": "{budget} (사업비가 보도된 {n}건의 합계, 취소 사업 제외)",
        "en": "{budget} (sum of the {n} services with a reported budget, cancelled services excluded)",
    },
    "districts.citywide_reports": {
        "ko": "사업별 보도 ({first} ~ {last}); 각 사업의 출처는 지도 탐색에서 사업을 누르면 나옵니다",
        "en": "Each service's own report ({first} to {last}); click a service on the map explorer for its source",
    },
    # --- trend branch: projects by status and the reported budget per quarter (geo.analysis.trend, geo.charts.trend) ---
    "trend.quarter": {"ko": "{year}년 {quarter}분기", "en": "{year} Q{quarter}"},
    "trend.year": {"ko": "{year}년", "en": "{year}"},
    "chart.trend": {"ko": "분기별 추이", "en": "Trend by quarter"},
    "trend.projects_axis": {"ko": "사업 수(분기 말)", "en": "Projects (end of quarter)"},
    "trend.budget_line": {"ko": "보도된 사업비 합계", "en": "Reported budget, summed"},
    "trend.budget_hover": {
        "ko": "사업비가 보도된 {n}건 (취소 제외 {of}건 중)",
        "en": "{n} projects with a reported budget (of {of}, cancelled excluded)",
    },
    "trend.note": {
        "ko": "분기 말일(마지막 분기는 {until}) 기준 보도된 사업과 그 날의 추진 상태",
        "en": "Projects reported by each quarter's last day ({until} for the last), status that day",
    },
    "trend.coverage": {
        "ko": "사업비: {last} 사업비가 보도된 {n}건의 합계(취소 제외 {of}건 중)",
        "en": "Budget in {last}: the {n} projects with a reported budget (of {of}, cancelled excluded)",
    },
    "trend.coverage_none": {
        "ko": "사업비: {last} 취소 제외 {of}건 중 사업비가 보도된 사업 없음",
        "en": "Budget in {last}: none of the {of} projects (cancelled excluded) has a reported budget",
    },
    "trend.mixed_bases": {"ko": "보도 기준이 서로 다름", "en": "reported on different bases"},
    "trend.other_city": {
        "ko": "다른 시 몫이 포함된 {n}건 제외",
        "en": "{n} including another city's share left out",
    },
    "trend.one_quarter": {
        "ko": "추이를 그리려면 두 분기 이상의 자료가 필요합니다",
        "en": "A trend needs at least two quarters of data",
    },
}
