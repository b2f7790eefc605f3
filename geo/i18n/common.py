"""Screen text shared by every page: the app, navigation, language, sample and status notes, data fields."""

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
    "home.headline": {"ko": "주요 지표", "en": "Headline numbers"},
    "home.map": {"ko": "대상지와 보도된 사업", "en": "Areas and reported projects"},
    "home.projects": {"ko": "안산시의 보도된 스마트도시 사업", "en": "Ansan's reported smart-city projects"},
    "home.projects_note": {
        "ko": "언론에 보도된 안산시의 스마트도시 사업입니다. 어느 출처도 이 사업들을 승인된 계획의 사업으로 밝히지 "
        "않았으며, 계획의 예산·사업 목록은 보도되지 않았습니다.",
        "en": "Ansan's smart-city projects as the press reported them. No source ties them to the approved plan, "
        "and the plan's budget and list of services were not reported.",
    },
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
    "metric.projects": {"ko": "보도된 사업", "en": "Reported projects"},
    "metric.projects_parts": {
        "ko": "세부 사업 {parts}건은 공모 사업 {programmes}건에 속합니다 (둘 다 셈).",
        "en": "{parts} of them are parts of {programmes} programme(s) (both counted).",
    },
    # Budget totals say what they add up (geo.analysis.budget).
    "budget.label": {"ko": "사업비 보도된 {n}건의 합계", "en": "Budgets of {n} projects, summed"},
    "budget.coverage": {
        "ko": "합계 {total}: 사업비가 보도된 {n}건을 더한 값입니다 (취소 제외 {of}건 중).",
        "en": "Total {total}: the {n} projects with a reported budget added up (of {of}, cancelled excluded).",
    },
    "budget.none_reported": {
        "ko": "취소 제외 {of}건 중 사업비가 보도된 사업이 없습니다.",
        "en": "None of the {of} projects (cancelled excluded) has a reported budget.",
    },
    "budget.mixed_bases": {
        "ko": "보도된 기준이 서로 다릅니다: {kinds}.",
        "en": "The budgets were reported on different bases: {kinds}.",
    },
    "budget.basis_unknown": {"ko": "기준 보도되지 않음", "en": "basis not reported"},
    "budget.other_city": {
        "ko": "다른 시 몫이 포함된 {n}건({total})은 합계에서 뺐습니다.",
        "en": "{n} budget(s) that include another city's share ({total}) are left out of the total.",
    },
    "budget.held_by_programme": {
        "ko": "공모 사업의 세부 사업 {n}건은 상위 사업비에 포함되어 따로 더하지 않았습니다.",
        "en": "{n} programme part(s) are inside their programme's budget and not added again.",
    },
    "metric.count_unit": {"ko": "건", "en": ""},
    "metric.area_unit": {"ko": "곳", "en": ""},
    "unit.100m_krw": {"ko": "억원", "en": "× KRW 100 m"},
    "error.title": {"ko": "데이터를 불러올 수 없습니다", "en": "The data cannot be loaded"},
    # content: no server path on any page; say who or which command fixes it instead.
    "error.body": {
        "ko": "아래 파일을 고친 뒤 페이지를 새로 고치세요. 파일은 서버의 데이터 폴더(설정 DASHBOARD_DATA_DIR)에 "
        "있습니다. 직접 고칠 수 없으면 이 화면을 서버 관리자에게 보여 주세요.",
        "en": "Fix the files below, then reload the page. They are in the server's data folder (setting "
        "DASHBOARD_DATA_DIR); if you cannot fix them yourself, show this page to the server administrator.",
    },
    "store.outdated": {
        "ko": "서버의 데이터 파일이 저장소를 만든 뒤 바뀌었습니다. 화면은 지금 저장소의 데이터를 보여 줍니다. "
        "바뀐 내용을 반영하려면 데이터 관리에서 그 파일을 가져오세요. 저장소 전체를 데이터 파일로 다시 만들려면 "
        "서버 관리자에게 요청하세요: python -m geo backup 으로 백업한 뒤 저장소 파일을 옮기고 앱을 다시 시작합니다.",
        "en": "The server's data files changed after the store was created from them. The screens show the "
        "store's data. To use the changes, import those files in Data management. To rebuild the whole store "
        "from the data files, ask the server administrator: back up with python -m geo backup, move the store "
        "file aside and restart the app.",
    },
    "error.path_hidden": {"ko": "(서버 경로)", "en": "(server path)"},
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
    # lead (#14): shown while the first run builds the store
    "data.loading": {
        "ko": "데이터를 불러오는 중입니다. 처음 시작할 때는 데이터 폴더에서 저장소를 만들므로 서비스가 많으면 "
        "몇 초 걸립니다.",
        "en": "Loading the data. On the first start the store is built from the data folder, which takes a few "
        "seconds for large layers.",
    },
    "data.loading_public": {"ko": "안내 화면을 준비하고 있습니다…", "en": "Preparing the information screen…"},
}
