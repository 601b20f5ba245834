"""Web pages: the visible text only, one line per block, table rows as "cell | cell |" lines."""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.html
from lxml import etree

from crp_checker.ingest.base import Parsed, RawPage, Table
from crp_checker.ingest.grids import grid_columns, grid_rows
from crp_checker.ingest.normalize import row_line

# Everything a reader of the page does not see as text. Links to an embedded plan are not
# followed: we read what the page shows. <embed> is not listed: it is empty, but libxml2 nests
# the content after it inside it.
_DROP_TAGS = (
    "applet button canvas datalist frame frameset head iframe input math noscript "
    "object optgroup option output script select style svg template textarea"
)
_DROP = frozenset(_DROP_TAGS.split())
_BLOCK_TAGS = (
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
_BLOCK = frozenset(_BLOCK_TAGS.split())
_CELLS = ("td", "th")
_LAYOUT_INSIDE = ("table", "h1", "h2", "h3", "h4", "h5", "h6")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read pages labelled Latin-1 as Windows-1252 (WHATWG Encoding), so do we.
_LATIN1 = frozenset({"iso8859-1", "ascii"})


class _Walker:
    """Collects the visible text of an element tree as lines, and its data tables."""

    def __init__(self, sheet: dict[tuple[str, str], int] | None = None) -> None:
        self.parts: list[str] = []
        self.tables: list[Table] = []
        self.sheet = sheet or {}  # grid column counts from the page's style sheet

    def lines(self) -> list[str]:
        text = "".join(self.parts)
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        return [line for line in lines if line]

    def _text(self, text: str | None) -> None:
        if text:
            self.parts.append(text.replace("\n", " "))

    def walk(self, el: Any, *, pre: bool = False, ordinal: str = "") -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None or tag.lower() in _DROP:  # comments, processing instructions, scripts
            self._tail(el, pre)
            return
        tag = tag.lower()
        if tag == "br":
            self.parts.append("\n")
        elif tag == "table" and self._data_table(el):
            self._table(el)
            self._tail(el, pre)
            return
        elif not pre and (grid := grid_rows(el, self.sheet)) is not None:
            self._rows(grid)  # a table drawn with <div>s or a definition list
            self._tail(el, pre)
            return
        block = tag in _BLOCK
        if block:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append(ordinal or "• ")
        pre = pre or tag == "pre"
        self._inline(el.text, pre)
        number = 0
        for child in el:
            if tag == "ol" and isinstance(child.tag, str) and child.tag.lower() == "li":
                number += 1
                self.walk(child, pre=pre, ordinal=f"{number}. ")
            else:
                self.walk(child, pre=pre)
        if block:
            self.parts.append("\n")
        self._tail(el, pre)

    def _inline(self, text: str | None, pre: bool) -> None:
        if text and pre:
            self.parts.append(text)
        else:
            self._text(text)

    def _tail(self, el: Any, pre: bool) -> None:
        self._inline(el.tail, pre)

    def _data_table(self, table: Any) -> bool:
        # Tables used for page layout (one column, or holding headings or other tables) are
        # read as blocks; only grids of cells become "a | b |" rows.
        rows = _own_rows(table)
        if not rows or max(len(_own_cells(row)) for row in rows) < 2:
            return False
        return not any(
            next(cell.iter(*_LAYOUT_INSIDE), None) is not None
            for row in rows
            for cell in _own_cells(row)
        )

    def _rows(self, rows: Table) -> None:
        self.parts.extend("\n" + row_line(cells) + "\n" for cells in rows)
        self.tables.append(rows)

    def _table(self, table: Any) -> None:
        rows: Table = []
        spanned: dict[int, int] = {}  # column -> rows below still covered by a rowspan
        for row in _own_rows(table):
            cells: list[str] = []
            for cell in _own_cells(row):
                _skip_spanned(cells, spanned)
                inner = _Walker()
                inner.walk(cell)
                column = len(cells)
                cells.append(" ".join(inner.lines()))
                width = _span(cell, "colspan")
                cells.extend([""] * (width - 1))  # merged cells keep their columns, blank
                if _span(cell, "rowspan") > 1:
                    for covered in range(column, column + width):
                        spanned[covered] = _span(cell, "rowspan") - 1
            _skip_spanned(cells, spanned)
            if any(cells):
                rows.append(cells)
                self.parts.append("\n" + row_line(cells) + "\n")
        if rows:
            self.tables.append(rows)


_MAX_SPAN = 50


def _span(cell: Any, name: str) -> int:
    """A cell's rowspan or colspan, 1 when missing or odd (hostile pages write anything)."""
    try:
        return max(1, min(int(str(cell.get(name, "1")).strip() or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _skip_spanned(cells: list[str], spanned: dict[int, int]) -> None:
    """Leave a blank cell where a cell of a row above spans down into this row."""
    while spanned.get(len(cells), 0) > 0:
        spanned[len(cells)] -= 1
        cells.append("")


def _own_rows(table: Any) -> list[Any]:
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def _own_cells(row: Any) -> list[Any]:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in _CELLS]


def _page(root: Any, sheet: dict[tuple[str, str], int] | None = None) -> RawPage:
    walker = _Walker(sheet)
    walker.walk(root)
    return RawPage(text="\n".join(walker.lines()), tables=walker.tables)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _LATIN1 else name


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, list[str]]:
    """Decode by BOM, then the HTTP charset, then <meta charset>, else UTF-8 with replacement."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    meta = _META_CHARSET.search(data[:4096])
    chosen = _codec(http_charset) or _codec(meta.group(1).decode("ascii") if meta else None)
    text = data.decode(chosen or "utf-8", errors="replace")
    warnings = []
    if "\ufffd" in text:
        warnings.append("Some characters of the page could not be decoded and were replaced.")
    return text, warnings


def parse_html(data: bytes, *, http_charset: str | None = None) -> Parsed:
    """A web page as one page of visible text; the <title> becomes the document title."""
    text, warnings = decode_html(data, http_charset)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (etree.ParserError, ValueError):
        return Parsed(pages=[RawPage()], warnings=warnings)
    found: str | None = root.findtext(".//title")
    title = _SPACES.sub(" ", found).strip() if found else None
    body = root.find("body")
    sheet = grid_columns(" ".join(style.text_content() for style in root.iter("style")))
    page = _page(body if body is not None else root, sheet)
    return Parsed(pages=[page], title=title or None, warnings=warnings)


def html_fragment(html: str) -> RawPage:
    """A fragment of HTML (such as rendered Markdown) as one page of visible text."""
    if not html.strip():
        return RawPage()
    return _page(lxml.html.fragment_fromstring(html, create_parent="div"))
