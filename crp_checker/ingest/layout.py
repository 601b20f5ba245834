"""Two-column page detection from text rectangles, so columns are read left then right.

pdfium returns text in content-stream order, which on some two-column pages interleaves the
columns line by line. We look for a vertical gutter that no text crosses over most of the
body, check that both sides read like running text (not a table or a label/value form), and
return the regions to read in order: full-width parts stay where they are. A table of
wrapped text looks like two columns too; its rows give it away, as they start at the same
heights on both sides.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, y up)

_MIN_RECTS = 12
_MIN_LINES_PER_SIDE = 4
_MIN_GUTTER = 4.0  # points
_LOW_COVERAGE = 0.12  # share of the busiest x position still counted as "empty gutter"
_CROSSING_LINES = 3  # or this many lines crossing it (full-width headings and footers)
_MIN_COLUMN_SHARE = 0.25  # each column at least this share of the text width
_MIN_BODY_SHARE = 0.5  # columns hold at least this share of the text (by line height)
_FULL_LINE = 0.7  # a line this share of its column's width counts as "full"
_MIN_FULL_LINES = 0.5
_MIN_ASPECT = 10.0  # mean line width / height: running text, not numbers or labels
_CELL_GAP = 1.5  # a gap inside a line wider than this many line heights separates table cells
_MAX_GAPPY_LINES = 0.2
_BLOCK_GAP = 0.4  # extra space (in line heights) that starts a new paragraph or table row
_ROW_TOLERANCE = 2.0  # points
# The largest page PDF allows (200 inches); text spread wider has been placed by a damaged or
# hostile file, and the gutter search would allocate per point of it (fuzzing found 40 s).
_MAX_TEXT_WIDTH = 14_400.0


@dataclass(frozen=True)
class Region:
    """A rectangle of the page to read as one piece, in PDF coordinates."""

    left: float
    bottom: float
    right: float
    top: float


def _gutter(rects: Sequence[Rect], x0: float, x1: float) -> tuple[float, float] | None:
    """The widest low-coverage vertical strip in the middle half of the text, if any."""
    size = int(x1 - x0) + 2
    diff = [0.0] * (size + 1)
    for left, bottom, right, top in rects:
        diff[max(0, int(left - x0))] += top - bottom
        diff[min(size, int(right - x0) + 1)] -= top - bottom
    coverage, running = [], 0.0
    for step in diff[:size]:
        running += step
        coverage.append(running)
    line_height = statistics.median(top - bottom for _, bottom, _, top in rects)
    cutoff = max(max(coverage) * _LOW_COVERAGE, line_height * _CROSSING_LINES)
    lo, hi = int(size * 0.25), int(size * 0.75)
    best: tuple[int, int] | None = None
    start = None
    for x in range(lo, hi + 1):
        empty = x < hi and coverage[x] <= cutoff
        if empty and start is None:
            start = x
        elif not empty and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < _MIN_GUTTER:
        return None
    return x0 + best[0], x0 + best[1]


def _lines(rects: Sequence[Rect]) -> list[list[Rect]]:
    """Group rectangles whose vertical middles fall inside each other into lines."""
    lines: list[list[Rect]] = []
    bounds: list[tuple[float, float]] = []
    for rect in sorted(rects, key=lambda r: -r[3]):
        mid = (rect[1] + rect[3]) / 2
        if lines and bounds[-1][0] <= mid <= bounds[-1][1]:
            lines[-1].append(rect)
            bounds[-1] = (min(bounds[-1][0], rect[1]), max(bounds[-1][1], rect[3]))
        else:
            lines.append([rect])
            bounds.append((rect[1], rect[3]))
    return lines


def _gappy(line: list[Rect]) -> bool:
    """True when the line has a gap wide enough to separate table cells."""
    height = max(r[3] for r in line) - min(r[1] for r in line)
    ordered = sorted(line)
    reach = ordered[0][2]
    for rect in ordered[1:]:
        if rect[0] - reach > height * _CELL_GAP:
            return True
        reach = max(reach, rect[2])
    return False


def _reads_like_text(rects: Sequence[Rect], text_width: float) -> bool:
    """Running text: enough lines, mostly full, long, and without table-cell gaps."""
    lines = _lines(rects)
    if len(lines) < _MIN_LINES_PER_SIDE:
        return False
    extents = [(min(r[0] for r in ln), max(r[2] for r in ln), ln) for ln in lines]
    left = min(e[0] for e in extents)
    width = max(e[1] for e in extents) - left
    if width < text_width * _MIN_COLUMN_SHARE:
        return False
    full = sum(1 for x0, x1, _ in extents if x1 - x0 >= width * _FULL_LINE)
    aspect = sum(
        (x1 - x0) / max(max(r[3] for r in ln) - min(r[1] for r in ln), 1.0)
        for x0, x1, ln in extents
    ) / len(lines)
    gappy = sum(1 for ln in lines if _gappy(ln))
    return (
        full >= len(lines) * _MIN_FULL_LINES
        and aspect >= _MIN_ASPECT
        and gappy <= len(lines) * _MAX_GAPPY_LINES
    )


def _block_starts(rects: Sequence[Rect]) -> list[float]:
    """Tops of the lines that follow extra vertical space: paragraph or table-row starts."""
    spans = sorted(
        ((min(r[1] for r in ln), max(r[3] for r in ln)) for ln in _lines(rects)),
        key=lambda span: -span[1],
    )
    gaps = [spans[i][0] - spans[i + 1][1] for i in range(len(spans) - 1)]
    if not gaps:
        return []
    usual_gap = statistics.median(gaps)
    height = statistics.median(top - bottom for bottom, top in spans)
    return [spans[i + 1][1] for i, gap in enumerate(gaps) if gap > usual_gap + height * _BLOCK_GAP]


def _rows_align(left: Sequence[Rect], right: Sequence[Rect]) -> bool:
    """True when blocks start at the same heights on both sides: table rows, not columns."""
    starts, others = _block_starts(left), _block_starts(right)
    matched = sum(1 for y in starts if any(abs(y - z) <= _ROW_TOLERANCE for z in others))
    return matched >= 2 and matched >= min(len(starts), len(others)) / 2


def column_regions(rects: Sequence[Rect]) -> list[Region] | None:
    """Regions in reading order when the page is laid out in two columns, else None."""
    rects = [r for r in rects if all(map(math.isfinite, r)) and r[2] > r[0] and r[3] > r[1]]
    if len(rects) < _MIN_RECTS:
        return None
    x0, x1 = min(r[0] for r in rects), max(r[2] for r in rects)
    if x1 - x0 > _MAX_TEXT_WIDTH:
        return None
    gutter = _gutter(rects, x0, x1)
    if gutter is None:
        return None
    middle = (gutter[0] + gutter[1]) / 2
    # Walk the page top-down; a rectangle crossing the gutter ends a column block.
    blocks: list[tuple[str, list[Rect]]] = []
    for rect in sorted(rects, key=lambda r: -(r[1] + r[3])):
        kind = "span" if rect[0] < middle < rect[2] else "cols"
        if blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(rect)
        else:
            blocks.append((kind, [rect]))
    left_side = [r for kind, rs in blocks if kind == "cols" for r in rs if r[2] <= middle]
    right_side = [r for kind, rs in blocks if kind == "cols" for r in rs if r[0] >= middle]
    column_height = sum(r[3] - r[1] for r in left_side + right_side)
    total_height = sum(r[3] - r[1] for r in rects)
    if column_height < total_height * _MIN_BODY_SHARE:
        return None
    if not (_reads_like_text(left_side, x1 - x0) and _reads_like_text(right_side, x1 - x0)):
        return None
    if _rows_align(left_side, right_side):
        return None
    return _regions(blocks, x0 - 1, middle, x1 + 1)


def _regions(
    blocks: list[tuple[str, list[Rect]]], x0: float, middle: float, x1: float
) -> list[Region]:
    # Cut between blocks halfway through the vertical gap, so no line is split across two.
    tops = [max(r[3] for r in rs) for _, rs in blocks]
    bottoms = [min(r[1] for r in rs) for _, rs in blocks]
    cuts = [tops[0] + 1]
    cuts += [(bottoms[i] + tops[i + 1]) / 2 for i in range(len(blocks) - 1)]
    cuts.append(bottoms[-1] - 1)
    regions: list[Region] = []
    for i, (kind, _) in enumerate(blocks):
        top, bottom = cuts[i], cuts[i + 1]
        if kind == "span":
            regions.append(Region(x0, bottom, x1, top))
        else:
            regions.append(Region(x0, bottom, middle, top))
            regions.append(Region(middle, bottom, x1, top))
    return regions
