"""Charts drawn on the server as SVG, each with the data table the page shows beside it.

No JavaScript: the SVG is written here, text escaped, and carries `role="img"`, a `<title>`
and a `<desc>`; the table holds the same numbers for screen readers and for copying.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from crp_checker.formatting import share, tonnes
from crp_checker.suppliers.dashboard import Dashboard

PALETTE = ("#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#f47738")
# Each series differs in colour, dash and marker, so two lines stay apart in greyscale, for
# colour-blind readers and where they overlap; none looks like the target's long dashes.
DASHES = ("", "2 3", "8 3 2 3", "1 2", "4 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle")
WIDTH = 640
LABEL_WIDTH = 190
MAX_LABEL = 30
MAX_X_LABELS = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class Series:
    """One line: a name for the legend and a value per x label (None leaves a gap)."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class ChartTable:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    """An SVG (safe to insert into a page) and its data table."""

    svg: Markup
    table: ChartTable


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _id(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:30] or "chart"
    return f"chart-{slug}-{hashlib.sha256(title.encode()).hexdigest()[:6]}"


def format_value(value: float | None, percent: bool) -> str:
    """A value as the chart and its table show it: "62%" for shares; counts and tonnes as the
    report writes them, so a chart's table reads the same figure as the page beside it."""
    if value is None or percent:
        return share(value)
    return tonnes(value, unit=False)


def _open(title: str, description: str, height: int) -> list[str]:
    ident = _id(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="sans-serif" font-size="13">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(description)}</desc>',
    ]


def bar_chart(
    title: str,
    description: str,
    bars: Sequence[Bar],
    *,
    percent: bool = False,
    value_header: str = "Value",
    label_header: str = "Item",
) -> Chart:
    """Horizontal bars (long labels such as spend categories stay readable)."""
    row, top = 28, 10
    height = top * 2 + max(1, len(bars)) * row
    largest = max([1.0 if percent else 0.0] + [b.value for b in bars]) or 1.0
    span = WIDTH - LABEL_WIDTH - 70
    parts = _open(title, description, height)
    for i, bar in enumerate(bars):
        y = top + i * row
        length = max(0.0, bar.value) / largest * span
        shown = format_value(bar.value, percent)
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end">'
            f"{_e(_short(bar.label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}"><title>{_e(bar.label)}: {_e(shown)}</title></rect>',
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 18}">{_e(shown)}</text>',
        ]
    if not bars:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{top + 18}">No data yet.</text>')
    parts.append("</svg>")
    table = ChartTable(
        caption=title,
        headers=[label_header, value_header],
        rows=[[bar.label, format_value(bar.value, percent)] for bar in bars],
    )
    return Chart(svg=Markup("\n".join(parts)), table=table)


def line_chart(
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    percent: bool = True,
    target: float | None = None,
    target_label: str = "Target",
    label_header: str = "Period",
) -> Chart:
    """Lines over labelled x points, with an optional dashed horizontal target line."""
    height, left, right, top, bottom = 300, 60, 20, 20, 70
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    largest = 1.0 if percent else max([*values, target or 0.0, 1.0]) * 1.1
    step = plot_w / max(1, len(labels) - 1)

    def x(i: int) -> float:
        return left + (i * step if len(labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - min(max(value, 0.0), largest) / largest * plot_h

    parts = _open(title, description, height)
    for k in range(5):
        tick = largest * k / 4
        parts += [
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#b1b4b6" stroke-width="0.5"/>',
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{_e(format_value(tick, percent))}</text>",
        ]
    every = -(-len(labels) // MAX_X_LABELS)  # thin the axis labels; the table has them all
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
                f"{_e(_short(label))}</text>"
            )
    if target is not None:
        parts += [
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
            'stroke="#0b0c0c" stroke-width="1.5" stroke-dasharray="8 4"/>',
            f'<text x="{WIDTH - right}" y="{y(target) - 5:.1f}" text-anchor="end">'
            f"{_e(target_label)} ({_e(format_value(target, percent))})</text>",
        ]
    for n, line in enumerate(series):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        for segment in _segments(line.values):
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in segment)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
            marker = MARKERS[n % len(MARKERS)]
            parts += [
                _marker(
                    marker,
                    x(i),
                    y(v),
                    colour,
                    f"{line.name}, {labels[i]}: {format_value(v, percent)}",
                )
                for i, v in segment
            ]
        legend_x, legend_y = left + n % 3 * 190, height - 38 + n // 3 * 16
        parts += [
            f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>",
            _marker(MARKERS[n % len(MARKERS)], legend_x + 12, legend_y, colour, line.name),
            f'<text x="{legend_x + 30}" y="{legend_y + 4}">{_e(_short(line.name))}</text>',
        ]
    parts.append("</svg>")
    headers = [label_header, *(s.name for s in series)]
    if target is not None:
        headers.append(target_label)
    rows = []
    for i, label in enumerate(labels):
        cells = [label, *(format_value(_at(s.values, i), percent) for s in series)]
        if target is not None:
            cells.append(format_value(target, percent))
        rows.append(cells)
    return Chart(svg=Markup("\n".join(parts)), table=ChartTable(title, headers, rows))


def _marker(kind: str, cx: float, cy: float, colour: str, title: str) -> str:
    """A point of a series: circle, square, diamond or triangle, with its value as a tooltip."""
    tip = f"<title>{_e(title)}</title>"
    if kind == "square":
        return (
            f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}" '
            f'data-marker="square">{tip}</rect>'
        )
    if kind in ("diamond", "triangle"):
        if kind == "diamond":
            points = [(cx, cy - 5), (cx + 5, cy), (cx, cy + 5), (cx - 5, cy)]
        else:
            points = [(cx, cy - 5), (cx + 5, cy + 4), (cx - 5, cy + 4)]
        text = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        return f'<polygon points="{text}" fill="{colour}" data-marker="{kind}">{tip}</polygon>'
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}" data-marker="circle">'
        f"{tip}</circle>"
    )


def _at(values: Sequence[float | None], i: int) -> float | None:
    return values[i] if i < len(values) else None


def _segments(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Runs of consecutive known values (a gap in the data is a gap in the line)."""
    segments: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((i, value))
    return [segment for segment in segments if segment]


def render_table(table: ChartTable) -> Markup:
    """The chart's data as an HTML table with a caption and header cells."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{_e(c)}</th>' if j == 0 else f"<td>{_e(c)}</td>"
            for j, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return Markup(
        f'<table class="chart-data"><caption>{_e(table.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


MATURITY_NAMES = {1: "Not started", 2: "Starting", 3: "Compliant", 4: "Advanced", 5: "Leading"}


def maturity_chart(dashboard: Dashboard) -> Chart:
    """Suppliers by the maturity level of their latest plan (and how many have none)."""
    bars = [
        Bar(f"{level} {name}", dashboard.maturity.get(level, 0))
        for level, name in MATURITY_NAMES.items()
    ]
    bars.append(Bar("No plan", dashboard.not_assessed))
    most = max(bars, key=lambda bar: bar.value)
    return bar_chart(
        "Suppliers by plan maturity",
        f"Number of suppliers at each maturity level of their latest plan; the most common is "
        f"{most.label} ({most.value:.0f} of {dashboard.suppliers}).",
        bars,
        label_header="Maturity level",
        value_header="Suppliers",
    )


def category_chart(dashboard: Dashboard) -> Chart:
    """The share of each spend category's suppliers with a compliant plan."""
    bars = [Bar(row.category, row.compliant.share or 0.0) for row in dashboard.categories]
    return bar_chart(
        "Compliant plans by spend category",
        "Share of suppliers in each spend category whose latest plan is compliant: "
        + "; ".join(f"{bar.label} {format_value(bar.value, True)}" for bar in bars)
        + ".",
        bars,
        percent=True,
        label_header="Spend category",
        value_header="Share compliant",
    )


def trend_chart(dashboard: Dashboard) -> Chart:
    """Shares compliant and committed to the local year, by quarter, with the target line."""
    labels = [point.label for point in dashboard.trend]
    local = f"Net zero by {dashboard.local_ambition_year}"
    series = [
        Series("Compliant plan", [p.compliant.share for p in dashboard.trend]),
        Series(local, [p.net_zero_local.share for p in dashboard.trend]),
    ]
    now = dashboard.trend[-1] if dashboard.trend else None
    summary = (
        f"At {now.label}: {format_value(now.compliant.share, True)} compliant, "
        f"{format_value(now.net_zero_local.share, True)} committed to net zero by "
        f"{dashboard.local_ambition_year}."
        if now
        else "No assessments yet."
    )
    return line_chart(
        "Supply chain readiness by quarter",
        f"Share of suppliers by quarter against the {format_value(dashboard.target_share, True)} "
        f"target. {summary}",
        labels,
        series,
        target=dashboard.target_share,
        target_label="Target",
        label_header="Quarter",
    )
