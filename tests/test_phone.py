"""내 휴대폰으로 보기: the public kiosk address for a phone and its QR code (geo.phone, DASHBOARD_PUBLIC_URL)."""

from __future__ import annotations

import base64
import re

import pytest
import segno

from geo.phone import phone_url, phone_view_html, qr_png, qr_svg
from geo.settings import SettingsError, load_settings


def test_the_phone_gets_the_public_kiosk_view_in_the_same_language_and_modes():
    assert phone_url("https://kiosk.ansan.example", "ko") == "https://kiosk.ansan.example/?lang=ko"
    assert (
        phone_url("https://kiosk.ansan.example/kiosk?lang=ko&admin=1#x", "en", {"contrast": "high", "debug": "1"})
        == "https://kiosk.ansan.example/kiosk?lang=en&contrast=high"
    )


def test_the_qr_code_is_inline_svg_named_by_its_text_alternative():
    svg = qr_svg("https://kiosk.ansan.example/?lang=ko", 'QR "코드" <열기>')
    assert svg.startswith('<svg role="img" aria-label="QR &quot;코드&quot; &lt;열기&gt;"')
    assert "<title>QR &quot;코드&quot; &lt;열기&gt;</title>" in svg or '<title>QR "코드" &lt;열기&gt;</title>' in svg
    assert "http" not in svg.replace("https://kiosk.ansan.example/?lang=ko", "")  # nothing linked or fetched
    assert re.search(r'width="(\d+)"', svg)[1] == str(
        segno.make("https://kiosk.ansan.example/?lang=ko", error="m").symbol_size(scale=5)[0]
    )


def test_the_block_writes_the_address_out_escaped():
    html = phone_view_html("https://k.example/?lang=en&text=large", "View on my phone", "Scan it", "QR code", "Address")
    assert "Address: https://k.example/?lang=en&amp;text=large" in html and html.count("<img") == 1
    image = re.search(r'<img class="kiosk-qr" src="data:image/png;base64,([^"]+)" alt="QR code">', html)
    assert base64.b64decode(image[1]) == qr_png("https://k.example/?lang=en&text=large")
    assert qr_png("https://k.example/").startswith(b"\x89PNG") and qr_png("a") != qr_png("b")


def test_the_public_address_is_optional_and_checked():
    assert load_settings({}).public_url is None
    assert load_settings({"DASHBOARD_PUBLIC_URL": " https://kiosk.ansan.example/ "}).public_url == (
        "https://kiosk.ansan.example/"
    )
    with pytest.raises(SettingsError, match=r"DASHBOARD_PUBLIC_URL='kiosk\.ansan\.example'"):
        load_settings({"DASHBOARD_PUBLIC_URL": "kiosk.ansan.example"})
