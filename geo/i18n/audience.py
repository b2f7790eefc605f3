"""Screen text of the briefing, the kiosk and their handout and downloads (presentation mode, small screens)."""

TEXTS: dict[str, dict[str, str]] = {
    # --- briefing and kiosk ---
    "briefing.as_of": {"ko": "기준일", "en": "As of"},
    "briefing.since": {"ko": "변경 비교 시작일", "en": "Changes since"},
    "briefing.period_years": {"ko": "{years}년", "en": "{years}"},  # a service's period: "2026–2028년" / "2026–2028"
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
    "briefing.pdf_preparing": {
        "ko": "PDF를 만드는 중입니다: 약 {seconds}초 걸립니다 (지난번 기준). 지금 누르면 다 될 때 내려받습니다.",
        "en": "The PDF is being made: about {seconds} s (as the last one took). A click now downloads it when done.",
    },
    "briefing.pdf_preparing_first": {
        "ko": "PDF를 만드는 중입니다: 처음이라 걸리는 시간을 아직 모릅니다 (수십 초). 지금 누르면 다 될 때 내려받습니다.",
        "en": "The PDF is being made: the first one, so its time is not known yet (tens of seconds). "
        "A click now downloads it when done.",
    },
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
    # Then and now (geo.kiosk.then): an earlier day beside today, from the reported history only.
    "kiosk.then_nav": {"ko": "그때와 지금", "en": "Then and now"},
    "kiosk.then_title": {"ko": "그때와 지금: 보도된 사업", "en": "Then and now: reported projects"},
    "kiosk.then_month": {"ko": "{year}년 {month}월", "en": "{month} {year}"},
    "kiosk.then_reason_plan": {
        "ko": "안산시가 스마트도시계획 수립을 시작한 때",
        "en": "when Ansan began drawing up its smart city plan",
    },
    "kiosk.then_reason_first": {
        "ko": "처음으로 사업이 보도된 해",
        "en": "the first year a project was reported",
    },
    "kiosk.then_today": {"ko": "{year}년 오늘", "en": "Today, {year}"},
    "kiosk.then_projects": {"ko": "보도된 사업 {n}건", "en": "{n} reported projects"},
    "kiosk.then_none": {"ko": "보도된 사업 없음", "en": "no reported project"},
    "kiosk.then_new": {
        "ko": "{when} 뒤에 새로 보도된 사업 {n}건 (지도에 표시)",
        "en": "{n} projects first reported after {when} (on the map)",
    },
    "kiosk.then_no_new": {"ko": "그 뒤에 새로 보도된 사업은 없습니다", "en": "No project has been reported since"},
    "kiosk.then_more": {"ko": "외 {n}건", "en": "and {n} more"},
    "kiosk.then_basis": {
        "ko": "언론·국토교통부 보도 기준: 사업은 처음 보도된 날부터, 그날의 추진 상태로 셉니다.",
        "en": "From press and MOLIT reports: a project counts from the day it was first reported, with its status that day.",
    },
    "kiosk.then_unavailable": {
        "ko": "비교할 만큼 보도된 기록이 아직 없습니다.",
        "en": "There are not yet enough reports to compare.",
    },
    "kiosk.overview_title": {"ko": "안산시 스마트도시계획", "en": "Ansan Smart City Plan"},
    "kiosk.when": {"ko": "기간", "en": "When"},
    "kiosk.distance": {"ko": "여기서 약 {km} km", "en": "about {km} km from here"},
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
    "export.sheet_data": {"ko": "데이터", "en": "Data"},
    "export.sheet_services": {"ko": "스마트서비스", "en": "Smart services"},
    "export.error": {"ko": "오류", "en": "Error"},
    "export.all_areas": {"ko": "전체 대상지", "en": "All areas"},
    "export.source_services": {
        "ko": "안산 스마트도시 대시보드 스마트서비스 데이터",
        "en": "Ansan Smart City Dashboard smart service data",
    },
    "plan.approved": {"ko": "2026년 1월 국토교통부 승인", "en": "Approved by MOLIT, January 2026"},
    "plan.aims": {"ko": "계획의 목표", "en": "The plan's aims"},
    "plan.citizen_input": {"ko": "시민 참여", "en": "Citizen input"},
    "plan.applies_to": {"ko": "고시 후 적용 대상지", "en": "Applies, once gazetted, to"},
    # The mayor's remark, quoted as his: never the plan's fields (DESIGN.md section 1).
    "plan.mayor_fields": {
        "ko": "안산시장은 {fields} 분야의 연계를 언급했습니다",
        "en": "The mayor named {fields} as fields to work together",
    },
    "kiosk.count": {"ko": "{n}건", "en": "{n} in all"},
    "sources.more": {"ko": "외 {n}건", "en": "and {n} more"},
    # lead (kiosk list cap)
    "kiosk.count_page": {"ko": "{total}건 중 {first}–{last}", "en": "{first}–{last} of {total}"},
    "kiosk.count_one": {"ko": "{total}건 중 {n}번째", "en": "{n} of {total}"},
    "kiosk.more": {"ko": "나머지 {rest}건은 이 목록에 싣지 않았습니다.", "en": "{rest} more are not listed here."},
    "kiosk.more_on_map": {
        "ko": "나머지 {rest}건은 이 목록에 싣지 않았습니다. 지도에서 모두 볼 수 있습니다.",
        "en": "{rest} more are not listed here. The map shows them all.",
    },
    "kiosk.domain_service": {"ko": "{domain} 분야 서비스", "en": "Service in {domain}"},
    # kiosk (issue 20): every reported project in the rotation, by how far along; area landmarks
    "kiosk.group_operating": {"ko": "지금 이용할 수 있어요", "en": "In service now"},
    "kiosk.group_under_way": {"ko": "만들고 있어요", "en": "Being built"},
    "kiosk.group_planned": {"ko": "계획 중이에요", "en": "Planned"},
    "kiosk.group_on_hold": {"ko": "잠시 멈췄어요", "en": "On hold"},
    "kiosk.reported_projects": {
        "ko": "안산시의 보도된 스마트도시 사업",
        "en": "Ansan's reported smart-city projects",
    },
    "kiosk.projects_all": {"ko": "보도된 사업 모두", "en": "Reported projects in all"},
    "kiosk.projects_not_the_plan": {
        "ko": "언론에 보도된 안산시의 사업입니다. 이 사업들이 승인된 계획에 속한다는 보도는 없습니다.",
        "en": "Ansan's projects as the press reported them; no report ties them to the approved plan.",
    },
    "kiosk.citywide": {"ko": "시 전역 · 지도에 없음", "en": "Citywide · not on the map"},
    "kiosk.part_of": {"ko": "{programme}의 세부 사업", "en": "Part of {programme}"},
    "kiosk.parts": {"ko": "세부 사업 {n}건", "en": "{n} parts"},
    "kiosk.station_near": {
        "ko": "가장 가까운 역: {station} (약 {km} km)",
        "en": "Nearest station: {station} (about {km} km)",
    },
    "kiosk.station_inside": {"ko": "대상지 안의 역: {station}", "en": "Station in the area: {station}"},
    "kiosk.area_projects": {"ko": "이 대상지 안의 사업", "en": "Projects in this area"},
    "kiosk.area_nearest": {
        "ko": "이 대상지 안에 보도된 사업은 없습니다. 가장 가까운 사업:",
        "en": "No reported project lies in this area. The nearest:",
    },
    "kiosk.from_area": {"ko": "약 {km} km", "en": "about {km} km"},
    "kiosk.plan_area": {"ko": "스마트도시계획 적용 대상지", "en": "A smart city plan area"},
    # deploy: the kiosk's notice while its server is away (ui/reconnect.py)
    "reconnect.title": {"ko": "잠시 후 다시 연결합니다", "en": "Reconnecting shortly"},
    # --- Streamlit's own widget text, said in Korean on Korean screens (ui/widget_text.py) ---
    "widget.month": {"ko": "{n}월", "en": "{name}"},
    "widget.year_month": {"ko": "{year}년 {n}월", "en": "{name} {year}"},
    "widget.weekdays": {"ko": "일,월,화,수,목,금,토", "en": "Su,Mo,Tu,We,Th,Fr,Sa"},
    "widget.upload_drop": {"ko": "파일을 여기에 끌어다 놓으세요", "en": "Drag and drop file here"},
    "widget.upload_browse": {"ko": "파일 선택", "en": "Browse files"},
    "widget.upload_limit": {"ko": "파일당 최대 {size}", "en": "Limit {size} per file"},
    "widget.no_results": {"ko": "결과 없음", "en": "No results"},
    "widget.choose_date": {"ko": "날짜 선택, {date}", "en": "Choose date, {date}"},
    "widget.calendar_keys": {
        "ko": "화살표 키로 날짜를 옮기고 Enter로 고르며 Esc로 닫습니다.",
        "en": "Use arrow keys to navigate dates. Enter to select. Escape to close.",
    },
    # screens branch: the element toolbar of a table (st.dataframe), in Korean on Korean screens
    "widget.toolbar_csv": {"ko": "CSV로 내려받기", "en": "Download as CSV"},
    "widget.toolbar_search": {"ko": "검색", "en": "Search"},
    "widget.toolbar_fullscreen": {"ko": "전체 화면", "en": "Fullscreen"},
    "widget.toolbar_close_fullscreen": {"ko": "전체 화면 닫기", "en": "Close fullscreen"},
    "widget.toolbar_clear_selection": {"ko": "선택 해제", "en": "Clear selection"},
    "widget.toolbar_columns": {"ko": "열 보이기·숨기기", "en": "Show/hide columns"},
    "reconnect.body": {
        "ko": "화면은 저절로 돌아옵니다. 만지지 않으셔도 됩니다.",
        "en": "The screen comes back by itself. No need to touch it.",
    },
    # --- briefing-scale: the handout's area map at city scale (services counted per dong) ---
    "briefing.count_largest": {"ko": "가장 큰 원 {n}건", "en": "largest circle: {n}"},
    "briefing.appendix_counts": {
        "ko": "대상지·추진 상태별 서비스 수 (모두 {n}건: 목록 대신 건수)",
        "en": "Services by area and status ({n} in all: counts instead of a list)",
    },
    # --- briefing-story: the portfolio, what citizens can use today, areas without empty charts, URL dates ---
    "briefing.portfolio": {
        "ko": "안산시의 보도된 스마트도시 사업",
        "en": "Ansan's reported smart-city projects",
    },
    "briefing.today": {"ko": "지금 시민이 이용할 수 있는 서비스", "en": "What citizens can use today"},
    "briefing.trend": {"ko": "보도된 사업의 분기별 추이", "en": "Reported projects, quarter by quarter"},
    "briefing.plan_heading": {"ko": "스마트도시계획 (보도된 내용)", "en": "The smart city plan, as reported"},
    "briefing.projects_count": {"ko": "보도된 사업 {n}건", "en": "{n} reported projects"},
    "briefing.not_the_plan": {
        "ko": "안산시가 추진하는 사업으로 보도된 것들입니다. 이 사업들을 승인된 스마트도시계획과 묶는 보도는 없습니다.",
        "en": "Projects reported as Ansan's; no report ties them to the approved smart city plan.",
    },
    "briefing.programme_parts": {"ko": "프로그램 · 세부 사업 {n}건", "en": "programme · {n} parts"},
    "briefing.parts_note": {
        "ko": "프로그램의 세부 사업 {n}건은 프로그램 아래에 한 번만 적었습니다 (건수에 한 번씩만 셈).",
        "en": "The {n} parts of a programme are listed once, under it (each counted once).",
    },
    "briefing.portfolio_counts": {
        "ko": "사업이 {n}건이라 이름 대신 분야·추진 상태별 건수를 보여 줍니다 (목록: /data).",
        "en": "{n} projects: counts by domain and status instead of names (the list: /data).",
    },
    "briefing.today_note": {
        "ko": "{as_of} 기준 운영 중인 사업 {n}건 · 설명은 보도 내용에 따름",
        "en": "{n} projects in operation on {as_of} · descriptions as reported",
    },
    "briefing.today_none": {
        "ko": "{as_of} 기준으로 운영 중인 사업은 아직 보도되지 않았습니다.",
        "en": "No project in operation is reported as of {as_of}.",
    },
    "briefing.today_counts": {
        "ko": "{as_of} 기준 운영 중인 사업이 {n}건이라 분야별 건수를 보여 줍니다.",
        "en": "{n} projects in operation on {as_of}: counts by domain.",
    },
    "briefing.where": {"ko": "위치", "en": "Where"},
    "briefing.in_area": {"ko": "이 대상지 안의 보도된 사업 {n}건", "en": "{n} reported projects in this area"},
    "briefing.area_empty": {
        "ko": "이 대상지 안에 보도된 사업은 아직 없습니다.",
        "en": "No reported project lies inside this area yet.",
    },
    "briefing.nearest": {"ko": "가장 가까운 사업", "en": "Nearest projects"},
    "briefing.near_item": {
        "ko": "{name}({status}, 약 {km} km{approx})",
        "en": "{name} ({status}, about {km} km{approx})",
    },
    "briefing.near_inside": {
        "ko": "{name}({status}, 개략 경계 안쪽에 표시됨{approx})",
        "en": "{name} ({status}, drawn inside the approximate outline{approx})",
    },
    "briefing.near_inside_short": {
        "ko": "개략 경계 안쪽에 표시됨{approx}",
        "en": "drawn inside the approximate outline{approx}",
    },
    "briefing.near_km": {"ko": "약 {km} km{approx}", "en": "about {km} km{approx}"},
    "briefing.near_dong": {"ko": ", 동 중심점 기준", "en": ", from a dong centre"},
    "briefing.near_note": {
        "ko": "거리: 대상지의 개략 경계에서 지도에 표시된 지점까지의 직선거리",
        "en": "Distance: straight line from the area's approximate outline to where the map draws the project",
    },
    "briefing.no_charts": {
        "ko": "이 대상지 사업에는 보도된 사업비·연도·추진 방향이 없어 차트를 그리지 않습니다.",
        "en": "No budget, years or direction is reported for this area's projects, so no chart is drawn.",
    },
    "briefing.residents": {"ko": "인구(계획)", "en": "Residents (planned)"},
    "briefing.residents_unit": {"ko": "명", "en": ""},
    "briefing.appendix_more": {
        "ko": "나머지 {n}건은 대시보드의 지도 탐색 결과표와 그 내려받기(CSV·XLSX)에 있습니다 (유인물은 12쪽까지).",
        "en": "{n} more are in the dashboard's map explorer table and its CSV/XLSX download (the handout keeps to 12 pages).",
    },
    "briefing.changes_more": {
        "ko": "이후 {n}건은 대시보드 브리핑의 '달라진 점'에서 볼 수 있습니다 (유인물은 12쪽까지).",
        "en": "{n} more are on the dashboard's briefing, under 'what changed' (the handout keeps to 12 pages).",
    },
    "briefing.last_change": {"ko": "데이터 최종 변경", "en": "Data last changed"},
    "briefing.bad_as_of": {
        "ko": "주소의 기준일 '{value}'은(는) 쓸 수 없어(YYYY-MM-DD, 오늘 이전) {default} 기준으로 보여 줍니다.",
        "en": "The address's as-of day '{value}' cannot be used (YYYY-MM-DD, not after today); showing {default}.",
    },
    "briefing.bad_as_of_reason": {
        "ko": "쓸 수 없는 날짜라(YYYY-MM-DD, 오늘 이전) {default} 기준으로 보여 줍니다",
        "en": "not a usable day (YYYY-MM-DD, not after today); showing {default}",
    },
    "briefing.bad_since_reason": {
        "ko": "쓸 수 없는 날짜라(YYYY-MM-DD, 기준일 이전) {default}부터의 변경을 보여 줍니다",
        "en": "not a usable day (YYYY-MM-DD, not after the as-of day); showing changes since {default}",
    },
    "briefing.bad_since": {
        "ko": "주소의 변경 비교 시작일 '{value}'은(는) 쓸 수 없어(YYYY-MM-DD, 기준일 이전) {default}부터 보여 줍니다.",
        "en": "The address's 'changes since' day '{value}' cannot be used (YYYY-MM-DD, not after the as-of day); "
        "showing changes since {default}.",
    },
}
