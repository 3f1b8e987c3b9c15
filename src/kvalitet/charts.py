"""Charts drawn on the server as SVG, always shown with the data table beside them.

No JavaScript: the same SVG works on the page, in print and inside a PDF. The SVG is an image
with a title for screen readers; the table carries the figures for everyone.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Distinguishable for common colour blindness and at least 3:1 against white (WCAG 1.4.11).
PALETTE = ("#0059b3", "#b35900", "#2e7d32", "#8e24aa", "#c62828", "#455a64")
ROW_HEIGHT = 22
LABEL_WIDTH = 180
PLOT_WIDTH = 360
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    table: Table
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, series name)


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 1
    text = number_format(value, decimal_pos=decimals, use_l10n=True)
    return f"{text} {unit}".strip()


def bar_chart(
    *,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str,
    unit: str = "",
) -> Chart:
    """Horizontal grouped bars: one group per category, one bar per series."""
    values = [v for _name, numbers in series for v in numbers if v is not None]
    top = max(values, default=0) or 1
    group_height = ROW_HEIGHT * max(len(series), 1) + 10
    height = group_height * len(categories) + 10
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="IBM Plex Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for row, category in enumerate(categories):
        y0 = 5 + row * group_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y0 + group_height / 2}" text-anchor="end" '
            f'dominant-baseline="middle" fill="#1a1a1a">{escape(category[:28])}</text>'
        )
        for index, (_name, numbers) in enumerate(series):
            value = numbers[row] if row < len(numbers) else None
            y = y0 + index * ROW_HEIGHT
            bar = 0 if value is None else max(float(value), 0) / top * PLOT_WIDTH
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar:.1f}" '
                f'height="{ROW_HEIGHT - 4}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + bar + 4:.1f}" y="{y + (ROW_HEIGHT - 4) / 2}" '
                f'dominant-baseline="middle" fill="#1a1a1a">{escape(_format(value, unit))}</text>'
            )
    parts.append("</svg>")
    table = Table(
        headers=["", *[name for name, _numbers in series]],
        rows=[
            [category, *[_format(numbers[row], unit) for _name, numbers in series]]
            for row, category in enumerate(categories)
        ],
    )
    legend = [(PALETTE[i % len(PALETTE)], name) for i, (name, _n) in enumerate(series)]
    return Chart(title=title, svg=mark_safe("".join(parts)), table=table, legend=legend)  # noqa: S308
