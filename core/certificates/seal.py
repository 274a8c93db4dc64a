"""The archive's red seal, drawn: a ring, a five-pointed star, the archive's name along the upper arc; and the
printed name and date it is stamped over."""
from __future__ import annotations

import math
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..clock import chinese_date
from ..errors import ConfigError

SEAL_RED = colors.Color(0.85, 0.08, 0.08, alpha=0.88)
RING_WIDTH = 0.07  # of the radius
SEAL_RADIUS = 21 * mm  # a 42 mm seal, the usual size of an official one
LEADING = 1.35  # of the printed name and date, times their size
_SIGN_SIZES = [x / 2 for x in range(24, 13, -1)]  # 12 pt down to 7 pt
_TEXT_MARGIN = 0.8 * mm  # between the printed text and the seal's lettering


def _arc(radius: float, name: str) -> tuple[int, float, float, float]:
    """(characters, degrees of arc, radius of the characters' centres, character size) of the name on the seal."""
    n = max(len(name), 1)
    spread = min(250.0, 40.0 * n)  # degrees of arc the name covers, centred on the top
    r = radius * 0.78
    # a long name gets smaller characters, so that neighbours on the arc never touch
    return n, spread, r, min(radius * (0.26 if n <= 8 else 0.2), r * math.radians(spread) / n * 0.9)


def clear_radius(radius: float, name: str) -> float:
    """The radius inside the name's arc: within it the seal has only its star and label (what may be stamped over)."""
    _, _, r, size = _arc(radius, name)
    return r - 0.5 * size


def draw_seal(canvas, cx: float, cy: float, radius: float, name: str, font: str, label: str = "证明专用章") -> None:
    """Draw the seal centred at (cx, cy) on the canvas."""
    c = canvas
    c.saveState()
    c.setStrokeColor(SEAL_RED)
    c.setFillColor(SEAL_RED)
    c.setLineWidth(radius * RING_WIDTH)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    star = radius * 0.3
    points = [(cx + star * (1 if i % 2 == 0 else 0.38) * math.cos(math.pi / 2 + i * math.pi / 5),
               cy + star * (1 if i % 2 == 0 else 0.38) * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    n, spread, r, size = _arc(radius, name)
    for i, ch in enumerate(name):
        angle = 90 + spread / 2 - (spread * (i + 0.5) / n)
        rad = math.radians(angle)
        c.saveState()
        c.translate(cx + r * math.cos(rad), cy + r * math.sin(rad))
        c.rotate(angle - 90)
        c.setFont(font, size)
        c.drawCentredString(0, -size * 0.35, ch)
        c.restoreState()
    c.setFont(font, size * 0.7)
    c.drawCentredString(cx, cy - radius * 0.62, label)
    c.restoreState()


def _fits_ring(lines: list[str], font: str, size: float, inner: float, top: float) -> bool:
    """Whether lines of this size, the first with its top `top` above the centre, stay within `inner` of it."""
    for i, text in enumerate(lines):
        high = top - i * size * LEADING
        low = high - size  # a CJK glyph box is the font size high
        reach = max(abs(high), abs(low))
        if reach >= inner or stringWidth(text, font, size) > 2 * math.sqrt(inner ** 2 - reach ** 2):
            return False
    return True


def signature_block(name: str, when: date, font: str, radius: float = SEAL_RADIUS) -> tuple[float, list[str]]:
    """(font size, lines) of the archive's name and the date, sized to sit inside the seal's ring.

    Stamped the Chinese way, the seal covers the name and the date; they must not run out of its ring, nor into
    the name along its rim, so a long name gets a smaller size and, below 9 pt, more lines.
    """
    dated = chinese_date(when)
    inner = clear_radius(radius, name) - _TEXT_MARGIN
    best: tuple[float, list[str]] = (0.0, [])
    for k in (1, 2, 3):
        step = -(-len(name) // k)
        lines = [name[i:i + step] for i in range(0, len(name), step)] + [dated]
        size = next((size for size in _SIGN_SIZES
                     if _fits_ring(lines, font, size, inner, len(lines) * size * LEADING / 2)), 0.0)
        if size > best[0]:
            best = (size, lines)
        if best[0] >= 9:
            break  # one line of 9 pt or more reads better than two
    if not best[0]:
        raise ConfigError(f"档案馆名称「{name}」太长，印章内放不下（archive 表的 name）。请使用简称。")
    return best


def stamp(canvas, cx: float, cy: float, name: str, when: date, font: str, radius: float = SEAL_RADIUS) -> None:
    """Print the archive's name and the date centred at (cx, cy), and stamp the seal over them."""
    size, lines = signature_block(name, when, font, radius)
    canvas.setFont(font, size)
    top = cy + len(lines) * size * LEADING / 2
    for i, text in enumerate(lines):
        canvas.drawCentredString(cx, top - i * size * LEADING - size * 0.88, text)  # baseline under the glyph top
    draw_seal(canvas, cx, cy, radius, name, font)
