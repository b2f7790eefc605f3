"""Texts of the accessibility self-assessment's table (``python -m geo accessibility-report``).

Each requirement of ``geo.accessibility`` has three texts, ``report.<id>.requirement``, ``.guideline`` (the
KWCAG 2.2 item or guideline it serves) and ``.method`` (how it was checked). This module is not searched
for the kiosk's modes (``geo.accessibility.mode_presence``): the report naming a mode is not the kiosk having it.
"""

TEXTS: dict[str, dict[str, str]] = {
    "report.col.number": {"ko": "번호", "en": "No."},
    "report.col.requirement": {"ko": "요구 사항", "en": "Requirement"},
    "report.col.guideline": {"ko": "KWCAG 2.2 항목·지침", "en": "KWCAG 2.2 item or guideline"},
    "report.col.method": {"ko": "점검 방법", "en": "How checked"},
    "report.col.result": {"ko": "결과", "en": "Result"},
    "report.col.detail": {"ko": "근거", "en": "Evidence"},
    "report.large_text.requirement": {
        "ko": "큰 글씨 (화면 전체 약 2배)",
        "en": "Large text (whole layout about 2×)",
    },
    "report.large_text.guideline": {
        "ko": "WCAG 1.4.4, 1.4.10; MSIT 키오스크 평가(200 %)",
        "en": "WCAG 1.4.4, 1.4.10; MSIT kiosk evaluation (200 %)",
    },
    "report.large_text.method": {
        "ko": "키오스크 코드에 ?text=large 처리 여부; --url이면 그 모드에서 axe",
        "en": "kiosk code handles ?text=large; with --url, axe in that mode",
    },
    "report.contrast.requirement": {
        "ko": "고대비 (글자 4.5:1, 큰 글자·지도 기호 3:1)",
        "en": "High contrast (text 4.5:1, large text and symbols 3:1)",
    },
    "report.contrast.guideline": {
        "ko": "KWCAG 5.4.3 텍스트 콘텐츠의 명도 대비; 5.4.1 색에 무관한 인식; NIA 키오스크 지침",
        "en": "KWCAG 5.4.3 contrast of text content; 5.4.1 recognition without colour; NIA kiosk guideline",
    },
    "report.contrast.method": {
        "ko": "테마 색 쌍의 명도 대비 계산; ?contrast=high 처리 여부",
        "en": "contrast of each theme's colour pairs; ?contrast=high handled",
    },
    "report.time.requirement": {
        "ko": "시간 조절: 20초 전 경고와 계속 보기, 일시정지·이전·다음",
        "en": "Time: a 20 s warning with Keep viewing; pause, previous, next",
    },
    "report.time.guideline": {
        "ko": "KWCAG 6.2.1 응답시간 조절, 6.2.2 정지 기능 제공, 6.1.1 키보드 사용 보장",
        "en": "KWCAG 6.2.1 adjustable response time, 6.2.2 a way to stop, 6.1.1 keyboard access",
    },
    "report.time.method": {
        "ko": "키오스크 코드에 '계속 보기'와 일시정지 여부 (동작은 브라우저 테스트)",
        "en": "kiosk code has 'keep viewing' and pause (behaviour: browser tests)",
    },
    "report.speech.requirement": {
        "ko": "음성 안내 (읽어 주기, 빠르기·음량, 한국어·영어, 오프라인)",
        "en": "Read aloud (rate, volume, Korean and English, offline)",
    },
    "report.speech.guideline": {
        "ko": "NIA 키오스크 접근성 지침 (음성 안내); KWCAG 7.2.1 사용자 요구에 따른 실행",
        "en": "NIA kiosk accessibility guideline (voice guidance); KWCAG 7.2.1 running on the user's request",
    },
    "report.speech.method": {
        "ko": "설치된 음성 엔진과 언어 (python -m geo.health에도 보고)",
        "en": "installed speech engine and its languages (also in python -m geo.health)",
    },
    "report.reach.requirement": {
        "ko": "낮은 화면 (휠체어 이용자: 조작부를 화면 아래 절반에)",
        "en": "Low reach (every control in the lower half)",
    },
    "report.reach.guideline": {
        "ko": "장애인차별금지법 시행령 (키오스크); NIA 키오스크 지침 (조작 범위)",
        "en": "Enforcement Decree of the Disability Discrimination Act (kiosks); NIA kiosk guideline (reach)",
    },
    "report.reach.method": {
        "ko": "키오스크 코드에 ?reach=low 처리 여부; 설치 높이는 사람이 점검",
        "en": "kiosk code handles ?reach=low; mounting height by a person",
    },
    "report.phone.requirement": {
        "ko": "내 휴대폰으로 보기 (QR, 공개 화면만)",
        "en": "View on my phone (QR code, public view only)",
    },
    "report.phone.guideline": {
        "ko": "지능정보화 기본법 (대체 수단: 이용자 기기의 보조 웹사이트); KWCAG 5.1.1 적절한 대체 텍스트",
        "en": "Framework Act on Intelligent Informatization (an alternative: a website on the user's own device); "
        "KWCAG 5.1.1 appropriate text alternatives",
    },
    "report.phone.method": {
        "ko": "QR을 오프라인으로 생성(SVG, 대체 텍스트); 공개 주소 설정 여부",
        "en": "QR made offline (SVG with a text alternative); public address set",
    },
    "report.help.requirement": {"ko": "도움말 (사용법, 문의처)", "en": "Help (how to use, whom to ask)"},
    "report.help.guideline": {
        "ko": "KWCAG 7.2.2 찾기 쉬운 도움 정보",
        "en": "KWCAG 7.2.2 help that is easy to find",
    },
    "report.help.method": {
        "ko": "키오스크 코드와 문구에 도움말 여부; 문의처는 사람이 점검",
        "en": "kiosk code and texts have help; the contact by a person",
    },
    "report.modes.requirement": {
        "ko": "모드마다 버튼과 URL 매개변수, 대기 초기화 때 해제",
        "en": "Each mode a button and URL parameter, reset when idle",
    },
    "report.modes.guideline": {
        "ko": "KWCAG 6.1.1 키보드 사용 보장; 운영 (키오스크 PC 시작 주소)",
        "en": "KWCAG 6.1.1 keyboard access; operation (the kiosk PC's start address)",
    },
    "report.modes.method": {
        "ko": "?text=large, ?contrast=high, ?reach=low 처리 여부",
        "en": "?text=large, ?contrast=high, ?reach=low handled",
    },
    "report.self_check.requirement": {"ko": "자체 점검 보고서 (이 표)", "en": "Self-check report (this table)"},
    "report.self_check.guideline": {"ko": "KWCAG 2.2 자체 평가", "en": "KWCAG 2.2 self-assessment"},
    "report.self_check.method": {
        "ko": "python -m geo accessibility-report",
        "en": "python -m geo accessibility-report",
    },
    "report.staff_axe.requirement": {
        "ko": "직원 화면: axe-core 심각·치명 위반 없음 (한국어·영어)",
        "en": "Staff pages: no serious or critical axe-core violation (ko, en)",
    },
    "report.staff_axe.guideline": {
        "ko": "KWCAG 5.4.3 명도 대비, 6.4.2 제목 제공, 8.2.1 웹 애플리케이션 접근성 준수",
        "en": "KWCAG 5.4.3 contrast, 6.4.2 titles, 8.2.1 accessible web applications",
    },
    "report.staff_axe.method": {
        "ko": "--url의 직원 서버 각 화면에서 axe-core (Chromium)",
        "en": "axe-core in Chromium on each page of a staff server given by --url",
    },
    "report.kiosk_axe.requirement": {
        "ko": "키오스크 기본·모드 화면: axe-core 위반 없음",
        "en": "Kiosk screens, every mode: no axe-core violation",
    },
    "report.kiosk_axe.guideline": {"ko": "KWCAG 5.4.3, 6.1.1, 8.2.1", "en": "KWCAG 5.4.3, 6.1.1, 8.2.1"},
    "report.kiosk_axe.method": {
        "ko": "--url의 키오스크 서버에서 axe-core (기본, 고대비, 큰 글씨, 낮은 화면 × 한국어·영어)",
        "en": "axe-core on a kiosk server given by --url (default, high contrast, large text, low reach × ko, en)",
    },
}
