"""Charts drawn as SVG by the server: the same markup in the browser's preview and in the PDF
(WeasyPrint draws inline SVG), with no script and nothing fetched."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 440, 180  # points: within the 156 mm (442 pt) text area
LEFT, BOTTOM, TOP = 8, 24, 18


def bar_chart_svg(block: dict) -> SafeString:
    """A vertical bar chart of block["bars"] ([label, value] pairs), each bar labelled with its
    value; the scale starts at zero."""
    bars = block.get("bars") or []
    if not bars:
        return mark_safe("")
    peak = max(value for _label, value in bars) or 1
    slot = (WIDTH - 2 * LEFT) / len(bars)
    bar_width = slot * 0.6
    plot_height = HEIGHT - BOTTOM - TOP
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}pt" height="{HEIGHT}pt" '
        f'aria-label="{escape(block.get("title", ""))}">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - LEFT}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#000" stroke-width="0.6"/>',
    ]
    for index, (label, value) in enumerate(bars):
        height = plot_height * value / peak
        x = LEFT + slot * index + (slot - bar_width) / 2
        y = HEIGHT - BOTTOM - height
        centre = x + bar_width / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{height:.1f}" '
            'fill="#777"/>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">'
            f"{escape(value)}</text>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 12:.1f}" text-anchor="middle" '
            f'font-size="9">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
