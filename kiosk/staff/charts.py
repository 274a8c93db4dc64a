"""Charts as inline SVG, drawn on the server: no JavaScript, no external requests.

Each chart is an <svg role="img"> with a <title>; every bar carries class "bar", a data-label and its own
<title> (the number on hover). The same numbers always appear in a table next to the chart, for screen readers.
"""
from __future__ import annotations

from markupsafe import Markup, escape

CHAR_WIDTH = 13  # px per CJK character at the chart's 12px font, for laying out labels
BAR_AREA = 420
ROW = 22


def _text_width(label: str) -> int:
    return sum(CHAR_WIDTH if ord(ch) > 0x2E80 else 7 for ch in label)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def hbar_chart(items: list[tuple[str, float]], *, title: str, chart_id: str, unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value): for categories, channels and centres with long Chinese names."""
    label_w = min(240, max([_text_width(label) for label, _ in items] + [40]) + 10)
    top = max([v for _, v in items] + [0]) or 1
    height = ROW * max(len(items), 1) + 8
    width = label_w + BAR_AREA + 70
    parts = [f'<svg id="{escape(chart_id)}" class="chart" role="img" aria-labelledby="{escape(chart_id)}-t" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{escape(chart_id)}-t">{escape(title)}</title>']
    if not items:
        parts.append('<text x="4" y="18" class="empty">暂无数据</text>')
    for i, (label, value) in enumerate(items):
        y = 4 + i * ROW
        w = round(BAR_AREA * value / top, 1)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
                     f'<rect class="bar" data-label="{escape(label)}" x="{label_w}" y="{y + 3}" width="{w}" '
                     f'height="{ROW - 6}"><title>{escape(label)}：{_number(value)}{escape(unit)}</title></rect>'
                     f'<text x="{label_w + w + 6}" y="{y + 15}">{_number(value)}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(labels: list[str], series: list[tuple[str, list[float]]], *, title: str, chart_id: str,
                 marks: list[bool] | None = None) -> Markup:
    """Vertical bars per day, one colour per series (e.g. booked / checked in / no-show), with a legend.

    `marks` flags days to shade (holidays in a forecast). The last label and every seventh before it are written.
    """
    n, k = len(labels), max(len(series), 1)
    group = max(14, 5 * k + 6)
    left, top_pad, plot_h = 34, 26, 150
    width, height = left + n * group + 24, top_pad + plot_h + 24
    top = max([v for _, values in series for v in values] + [0]) or 1
    cid = escape(chart_id)
    parts = [f'<svg id="{cid}" class="chart" role="img" aria-labelledby="{cid}-t" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{cid}-t">{escape(title)}</title>']
    x = left
    for j, (name, _) in enumerate(series):
        parts.append(f'<rect class="key s{j}" x="{x}" y="6" width="10" height="10"/>'
                     f'<text x="{x + 14}" y="15">{escape(name)}</text>')
        x += 14 + _text_width(name) + 16
    base = top_pad + plot_h
    parts.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{width - 6}" y2="{base}"/>'
                 f'<text x="{left - 4}" y="{top_pad + 10}" text-anchor="end">{_number(top)}</text>'
                 f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>')
    bar_w = (group - 4) / k
    for i, label in enumerate(labels):
        gx = left + i * group
        if marks and marks[i]:
            parts.append(f'<rect class="mark" x="{gx}" y="{top_pad}" width="{group}" height="{plot_h}"/>')
        for j, (name, values) in enumerate(series):
            h = round(plot_h * values[i] / top, 1)
            parts.append(f'<rect class="bar s{j}" data-label="{escape(label)}" x="{gx + 2 + j * bar_w:.1f}" '
                         f'y="{base - h}" width="{bar_w:.1f}" height="{h}">'
                         f'<title>{escape(label)} {escape(name)}：{_number(values[i])}</title></rect>')
        if (n - 1 - i) % 7 == 0:  # the last day, and each week back from it
            parts.append(f'<text x="{gx + group / 2:.1f}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
