"""Two-column detection from text rectangles: split real columns, leave tables and forms alone."""

from __future__ import annotations

from crp_checker.ingest.layout import Rect, column_regions

LINE = 12.0  # line pitch in points
HEIGHT = 9.0  # glyph box height


def _column(left: float, right: float, top: float, lines: int, short_every: int = 6) -> list[Rect]:
    """Rectangles of running text: full lines, a short one at each paragraph end."""
    rects = []
    for i in range(lines):
        y = top - i * LINE
        end = left + (right - left) * 0.4 if i % short_every == short_every - 1 else right
        rects.append((left, y - HEIGHT, end, y))
    return rects


def test_two_columns_with_header_and_footer_read_left_then_right() -> None:
    header = [(72.0, 780.0, 520.0, 792.0)]
    footer = [(72.0, 30.0, 520.0, 39.0)]
    left = _column(72, 285, 740, 40)
    right = _column(305, 520, 740, 40)
    regions = column_regions(header + left + right + footer)
    assert regions is not None
    assert len(regions) == 4
    top, col_left, col_right, bottom = regions
    assert top.bottom > 740 and top.right > 500  # full-width header first
    assert col_left.right <= 305 and col_right.left >= 285
    assert col_left.right == col_right.left  # cut inside the gutter
    assert bottom.top < 740 - 40 * LINE and bottom.right > 500  # footer last


def test_single_column_page_is_not_split() -> None:
    assert column_regions(_column(72, 520, 740, 50)) is None


def test_too_little_text_is_not_split() -> None:
    assert column_regions(_column(72, 285, 740, 3) + _column(305, 520, 740, 3)) is None


def test_table_with_cell_gaps_is_not_split() -> None:
    rects: list[Rect] = []
    for i in range(20):  # label | figure | figure | figure, every row separate cells
        y = 700 - i * LINE
        rects += [(72, y - HEIGHT, 150, y), (200, y - HEIGHT, 230, y)]
        rects += [(330, y - HEIGHT, 360, y), (460, y - HEIGHT, 490, y)]
    assert column_regions(rects) is None


def test_label_value_form_is_not_split() -> None:
    rects: list[Rect] = []
    for i in range(15):  # "Supplier name:" ... value, with labels of different lengths
        y = 700 - i * 2 * LINE
        rects += [(72, y - HEIGHT, 120 + (i % 4) * 15, y), (300, y - HEIGHT, 450 + (i % 3) * 20, y)]
    assert column_regions(rects) is None


def test_table_of_wrapped_text_is_not_split() -> None:
    rects: list[Rect] = []
    top = 740.0
    for _row in range(8):  # each row: three wrapped lines in both cells, rows start together
        rects += _column(72, 285, top, 3, short_every=3)
        rects += _column(305, 520, top, 3, short_every=3)
        top -= 3 * LINE + 8
    assert column_regions(rects) is None


def test_two_columns_with_paragraphs_that_do_not_line_up_are_split() -> None:
    left = _column(72, 285, 740, 24, short_every=5) + _column(72, 285, 440, 18, short_every=5)
    right = _column(305, 520, 720, 30, short_every=7) + _column(305, 520, 340, 10, short_every=7)
    assert column_regions(left + right) is not None
