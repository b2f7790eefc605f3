"""내 휴대폰으로 보기: the address of the public kiosk view for a visitor's phone, and its QR code as inline SVG.

The QR code is made here, offline, by segno (pure Python, BSD-3-Clause); the address is the city's public
kiosk view (``DASHBOARD_PUBLIC_URL``) with the kiosk's language and display modes, so the phone opens the
same public screen and nothing else: a staff page has no URL on a kiosk-mode server.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import segno

from geo.html import escape_html

# Query parameters a phone may carry over from the kiosk: the language and the display modes.
PUBLIC_PARAMETERS = ("lang", "text", "contrast", "reach")
QR_SCALE = 5  # px per module: a version-3 code is then 185 px, readable by a phone from about 1 m


def phone_url(public_url: str, lang: str, modes: Mapping[str, str] | None = None) -> str:
    """The public kiosk view at ``public_url`` in ``lang`` with the visitor's display ``modes``.

    Only the public parameters (language, text size, contrast, reach) are kept; a fragment is dropped.
    """
    parts = urlsplit(public_url)
    query = {k: v for k, v in parse_qsl(parts.query) if k in PUBLIC_PARAMETERS}
    query.update({k: v for k, v in (modes or {}).items() if k in PUBLIC_PARAMETERS and v})
    query["lang"] = lang
    ordered = [(k, query[k]) for k in PUBLIC_PARAMETERS if k in query]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(ordered), ""))


def qr_svg(url: str, label: str, scale: int = QR_SCALE) -> str:
    """The QR code of ``url`` as an inline ``<svg role="img">`` named by ``label`` (its text alternative).

    Black on white with a four-module quiet zone (phones read it in any kiosk theme); error correction M.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=scale, border=4, dark="#000000", light="#FFFFFF", svgclass="kiosk-qr", title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape_html(label)}" ', 1)


def qr_png(url: str, scale: int = QR_SCALE) -> bytes:
    """The QR code of ``url`` as PNG bytes (segno writes PNG itself: no imaging library)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="png", scale=scale, border=4, dark="#000000", light="#FFFFFF"
    )
    return buffer.getvalue()


def qr_img_html(url: str, label: str, scale: int = QR_SCALE) -> str:
    """The QR code inlined in the page as a PNG ``data:`` image with ``label`` as its text alternative.

    A data URI, not an ``<svg>`` element: Streamlit's ``st.html`` keeps only HTML (its sanitiser drops SVG,
    and an SVG data URI did not decode there), and a data URI is still part of the page (no request leaves it).
    """
    encoded = base64.b64encode(qr_png(url, scale)).decode("ascii")
    return f'<img class="kiosk-qr" src="data:image/png;base64,{encoded}" alt="{escape_html(label)}">'


def phone_view_html(url: str, title: str, hint: str, alt: str, address_label: str) -> str:
    """The block beside the QR code: its heading, how to use it, the code and the address written out."""
    return (
        f'<div class="kiosk-phone"><div class="kiosk-phone-title">{escape_html(title)}</div>'
        f"{qr_img_html(url, alt)}"
        f'<div class="kiosk-phone-hint">{escape_html(hint)}</div>'
        f'<div class="kiosk-phone-url">{escape_html(address_label)}: {escape_html(url)}</div></div>'
    )
