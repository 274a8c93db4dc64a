"""The archive's red seal, drawn: a ring, a five-pointed star, the archive's name along the upper arc."""
from __future__ import annotations

import math

from reportlab.lib import colors

SEAL_RED = colors.Color(0.85, 0.08, 0.08, alpha=0.88)


def draw_seal(canvas, cx: float, cy: float, radius: float, name: str, font: str, label: str = "证明专用章") -> None:
    """Draw the seal centred at (cx, cy) on the canvas."""
    c = canvas
    c.saveState()
    c.setStrokeColor(SEAL_RED)
    c.setFillColor(SEAL_RED)
    c.setLineWidth(radius * 0.07)
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
    size = radius * (0.26 if len(name) <= 8 else 0.2)
    n = max(len(name), 1)
    spread = min(250.0, 40.0 * n)  # degrees of arc the name covers, centred on the top
    for i, ch in enumerate(name):
        angle = 90 + spread / 2 - (spread * (i + 0.5) / n)
        rad = math.radians(angle)
        r = radius * 0.78
        c.saveState()
        c.translate(cx + r * math.cos(rad), cy + r * math.sin(rad))
        c.rotate(angle - 90)
        c.setFont(font, size)
        c.drawCentredString(0, -size * 0.35, ch)
        c.restoreState()
    c.setFont(font, size * 0.7)
    c.drawCentredString(cx, cy - radius * 0.62, label)
    c.restoreState()
