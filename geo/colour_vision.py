"""How far apart two colours look, to people with full and with dichromatic colour vision.

The status colours must stay apart for a colour-blind visitor, not only for the designer: a test
simulates protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1.0,
applied in linear sRGB) and measures the CIEDE2000 difference of every pair of statuses.
"""

from __future__ import annotations

import math
import re

RGB = tuple[float, float, float]
Matrix = tuple[RGB, RGB, RGB]

#: Machado et al. (2009) full-severity matrices, in linear sRGB.
CVD_MATRICES: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
#: The ways of seeing the tests compare in: full colour vision and the three dichromacies.
VISIONS: tuple[str, ...] = ("normal", *CVD_MATRICES)


def _linear(colour: str) -> RGB:
    digits = colour.strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", digits):
        raise ValueError(f"colour must be #RRGGBB, not {colour!r}")
    r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (_decode(r), _decode(g), _decode(b))


def _decode(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encode(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(colour: str, vision: str) -> str:
    """``colour`` as a viewer with ``vision`` (one of :data:`VISIONS`) sees it, as ``#RRGGBB``."""
    rgb = _linear(colour)
    if vision != "normal":
        rgb = _apply(CVD_MATRICES[vision], rgb)
    r, g, b = (round(_encode(c) * 255) for c in rgb)
    return f"#{r:02X}{g:02X}{b:02X}"


def _apply(matrix: Matrix, rgb: RGB) -> RGB:
    r, g, b = (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2] for row in matrix)
    return (r, g, b)


def lab(colour: str) -> RGB:
    """CIELAB (D65) of a ``#RRGGBB`` colour."""
    r, g, b = _linear(colour)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(first: str, second: str) -> float:
    """The CIEDE2000 colour difference of two ``#RRGGBB`` colours (about 2: just noticeable)."""
    return ciede2000(lab(first), lab(second))


def ciede2000(first: RGB, second: RGB) -> float:
    """The CIEDE2000 difference of two CIELAB colours (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else h2p - h1p - 360 * round((h2p - h1p) / 360)
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def closest_pair(colours: dict[str, str], vision: str = "normal") -> tuple[str, str, float]:
    """The two names whose colours look closest to a viewer with ``vision``, and their CIEDE2000 difference."""
    seen = {name: simulate(colour, vision) for name, colour in colours.items()}
    names = list(seen)
    pairs = [(a, b, delta_e(seen[a], seen[b])) for i, a in enumerate(names) for b in names[i + 1 :]]
    return min(pairs, key=lambda pair: pair[2])
