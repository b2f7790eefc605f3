"""Escaping at the boundary: every text from data passes here before it enters HTML or a script."""

from __future__ import annotations

import html
import json
import re
from typing import Any


def escape_html(value: object) -> str:
    """Text safe to place in HTML content or a quoted attribute; ``None`` becomes an empty string."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def json_for_script(value: Any) -> str:
    """JSON safe to embed inside a ``<script>`` element (no ``</script>``, no line separators)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


# An absolute server path (POSIX, or a Windows drive path): a slash not inside a word, a URL or a
# relative path, then its segments. The last segment stops at Hangul, so a particle stays ("/srv/data에서").
_SERVER_PATH = re.compile(
    r"(?<![\w.:/~])(?:/[^\s/()'\"<>,;]+)*/[^\s/()'\"<>,;\uac00-\ud7a3]+/?"
    r"|\b[A-Za-z]:\\[^\s()'\"<>,;]*"
)


def hide_server_paths(text: str, placeholder: str) -> str:
    """``text`` with every absolute server path replaced by ``placeholder``, for messages shown on a page.

    A server's folders mean nothing to staff and tell an outsider how the server
    is laid out; the full message still goes to the log. URLs, ``A/B`` words and
    relative names such as ``reference/manifest.yaml`` are kept.
    """
    return _SERVER_PATH.sub(placeholder, text)


def md_text(text: str) -> str:
    """``text`` with Markdown syntax escaped, for messages that quote data (file, column or service names).

    Streamlit's alerts render Markdown: an unescaped ``![x](http://...)`` in a
    file's column name would make the browser fetch an outside image.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
