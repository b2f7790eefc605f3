"""Screen text of the kiosk's accessibility: its modes, time controls, idle warning and help."""

TEXTS: dict[str, dict[str, str]] = {
    "kiosk.controls": {"ko": "화면 조작", "en": "Screen controls"},
    "kiosk.pause": {"ko": "멈춤", "en": "Pause"},
    "kiosk.resume": {"ko": "▶ 자동 넘김", "en": "▶ Play"},
    "kiosk.previous": {"ko": "◀ 이전", "en": "◀ Previous"},
    "kiosk.next": {"ko": "다음 ▶", "en": "Next ▶"},
    "kiosk.mode_large_text": {"ko": "큰 글씨", "en": "Large text"},
    "kiosk.mode_high_contrast": {"ko": "고대비", "en": "High contrast"},
    "kiosk.mode_low_reach": {"ko": "낮은 화면", "en": "Low reach"},
    "kiosk.mode_on": {"ko": "✓ {mode}", "en": "✓ {mode}"},
    "kiosk.help": {"ko": "도움말", "en": "Help"},
    "kiosk.help_close": {"ko": "도움말 닫기", "en": "Close help"},
    "kiosk.warning": {
        "ko": "{s}초 뒤 처음 화면으로 돌아갑니다",
        "en": "Returning to the start in {s} s",
    },
    "kiosk.keep": {"ko": "계속 보기", "en": "Keep viewing"},
    "kiosk.help_title": {"ko": "키오스크 사용 방법", "en": "How to use this kiosk"},
    "kiosk.help_1": {
        "ko": "화면은 스스로 넘어갑니다. 화면을 누르면 멈추고, ‘▶ 자동 넘김’을 누르면 다시 넘어갑니다.",
        "en": "The screens change by themselves. Touch the screen to stop them; ‘▶ Play’ starts them again.",
    },
    "kiosk.help_2": {
        "ko": "‘◀ 이전’과 ‘다음 ▶’으로 한 화면씩 옮겨 가고, 위의 단추로 원하는 화면을 바로 엽니다.",
        "en": "‘◀ Previous’ and ‘Next ▶’ move one screen at a time; the screen buttons open a screen directly.",
    },
    "kiosk.help_3": {
        "ko": "‘큰 글씨’는 화면 전체를 두 배로, ‘고대비’는 검은 바탕에 밝은 글씨로, "
        "‘낮은 화면’은 모든 단추를 화면 아래쪽으로 옮깁니다.",
        "en": "‘Large text’ draws the whole screen twice as large, ‘High contrast’ shows light text on black, "
        "‘Low reach’ moves every button to the lower half of the screen.",
    },
    "kiosk.help_4": {
        "ko": "키보드로도 쓸 수 있습니다: Tab으로 단추를 고르고 Enter로 누르며, ←·→로 이전·다음 화면을 엽니다.",
        "en": "A keyboard works too: Tab chooses a button, Enter presses it, ← and → open the previous and "
        "next screen.",
    },
    "kiosk.help_5": {
        "ko": "한동안 누르지 않으면 처음 화면과 처음 설정으로 돌아갑니다. 그 전에 남은 시간이 보이며, "
        "‘계속 보기’를 누르면 계속 볼 수 있습니다.",
        "en": "After a while without a touch the kiosk returns to its first screen and settings. The time left "
        "shows first: ‘Keep viewing’ lets you go on.",
    },
    "kiosk.help_6": {
        "ko": "‘한국어’와 ‘English’로 언어를 바꿉니다.",
        "en": "‘한국어’ and ‘English’ change the language.",
    },
    "kiosk.help_ask": {"ko": "도움이 필요하면:", "en": "Need help?"},
    "kiosk.help_contact": {"ko": "{contact}", "en": "{contact}"},
    "kiosk.help_contact_default": {
        "ko": "안내 데스크 직원에게 문의하세요.",
        "en": "Please ask the staff at the information desk.",
    },
}
