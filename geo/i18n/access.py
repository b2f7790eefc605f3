"""Texts of the kiosk's 읽어 주기 (read aloud) and 내 휴대폰으로 보기 (phone view), and of the accessibility report."""

TEXTS: dict[str, dict[str, str]] = {
    "speech.read": {"ko": "읽어 주기", "en": "Read aloud"},
    "speech.again": {"ko": "다시 읽기", "en": "Read again"},
    "speech.rate": {"ko": "읽는 빠르기", "en": "Speed"},
    "speech.volume": {"ko": "소리 크기", "en": "Volume"},
    "speech.rate.slow": {"ko": "느리게", "en": "Slow"},
    "speech.rate.normal": {"ko": "보통", "en": "Normal"},
    "speech.rate.fast": {"ko": "빠르게", "en": "Fast"},
    "speech.volume.quiet": {"ko": "작게", "en": "Quiet"},
    "speech.volume.normal": {"ko": "보통", "en": "Normal"},
    "speech.volume.loud": {"ko": "크게", "en": "Loud"},
    "speech.unavailable": {
        "ko": "이 키오스크에는 음성 엔진이 설치되어 있지 않아 읽어 주기를 쓸 수 없습니다. 안내 데스크에 문의해 주세요.",
        "en": "Read aloud is not available: no speech engine is installed on this kiosk. Please ask at the help desk.",
    },
    "speech.failed": {
        "ko": "지금은 읽어 드릴 수 없습니다. 잠시 후 다시 눌러 주세요.",
        "en": "The screen cannot be read just now. Please try again in a moment.",
    },
    "speech.playing": {"ko": "이 화면을 읽고 있습니다", "en": "Reading this screen"},
    "phone.title": {"ko": "내 휴대폰으로 보기", "en": "View on my phone"},
    "phone.hint": {
        "ko": "휴대폰 카메라로 QR 코드를 찍으면 이 안내를 휴대폰에서 볼 수 있습니다.",
        "en": "Scan the QR code with your phone's camera to see this guide on your phone.",
    },
    "phone.alt": {
        "ko": "QR 코드: 휴대폰에서 이 안내 화면 열기 ({url})",
        "en": "QR code: open this guide on your phone ({url})",
    },
    "phone.address": {"ko": "주소", "en": "Address"},
}
