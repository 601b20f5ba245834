"""Word (.docx) plans: body paragraphs and tables in document order, pages split at page breaks."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.oxml.ns import qn

from crp_checker.errors import CorruptFileError, CRPError, TooLargeError
from crp_checker.ingest.base import Parsed, RawPage, Table
from crp_checker.ingest.normalize import row_line

# Zip-bomb guard: a real plan is a few MB unpacked with a few dozen parts.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2_000
# The XML is what gets parsed (a tree takes ~10x its text in memory); pictures are not read.
MAX_XML_BYTES = 64 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_RESAVE = "Open it in Word, save it again as a Word document (.docx) or PDF and upload that."

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_PPR, _SECTPR, _TYPE, _VAL = qn("w:pPr"), qn("w:sectPr"), qn("w:type"), qn("w:val")
_PSTYLE, _BREAK_BEFORE = qn("w:pStyle"), qn("w:pageBreakBefore")
_NO_BREAK_HYPHEN, _TXBX = qn("w:noBreakHyphen"), qn("w:txbxContent")
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
# Elements that only wrap content (content controls, tracked insertions, links, fields).
_WRAPPER_TAGS = (
    *("w:sdt", "w:sdtContent", "w:customXml", "w:smartTag", "w:ins", "w:moveTo"),
    *("w:hyperlink", "w:fldSimple", "w:dir", "w:bdo"),
)
_WRAPPERS = frozenset(qn(tag) for tag in _WRAPPER_TAGS)
_FALSE = frozenset({"0", "false", "off"})


@dataclass
class _Pages:
    """Builds pages line by line; a page break only opens a new page after some content."""

    pages: list[RawPage] = field(default_factory=lambda: [RawPage()])
    lines: list[list[str]] = field(default_factory=lambda: [[]])
    current: list[str] = field(default_factory=list)

    def text(self, text: str) -> None:
        self.current.append(text)

    def end_line(self) -> None:
        line = "".join(self.current)
        self.current = []
        if line.strip():
            self.lines[-1].append(line)

    def page_break(self) -> None:
        self.end_line()
        if self.lines[-1] or self.pages[-1].tables:
            self.pages.append(RawPage())
            self.lines.append([])

    def table(self, rows: Table) -> None:
        self.end_line()
        self.lines[-1].extend(row_line(row) for row in rows)
        self.pages[-1].tables.append(rows)

    def finish(self) -> list[RawPage]:
        self.end_line()
        for page, lines in zip(self.pages, self.lines, strict=True):
            page.text = "\n".join(lines)
        return self.pages


def _on(element: Any) -> bool:
    return element is not None and element.get(_VAL, "true").lower() not in _FALSE


def _break_styles(document: Any) -> set[str]:
    """Ids of paragraph styles that start a new page (directly or through basedOn)."""
    styles: dict[str, tuple[str | None, bool | None]] = {}
    for style in document.styles.element.iter(qn("w:style")):
        based = style.find(qn("w:basedOn"))
        flag = style.find(f"{_PPR}/{_BREAK_BEFORE}")
        styles[style.get(qn("w:styleId"), "")] = (
            based.get(_VAL) if based is not None else None,
            None if flag is None else _on(flag),
        )

    def breaks(style_id: str, depth: int = 0) -> bool:
        based, flag = styles.get(style_id, (None, None))
        if flag is not None or based is None or depth > 20:
            return bool(flag)
        return breaks(based, depth + 1)

    return {style_id for style_id in styles if breaks(style_id)}


def _section_breaks(body: Any) -> set[Any]:
    """Section ends followed by a section that starts on a new page.

    A section's start type is stored in its own sectPr, which closes it; so the break after
    one section's sectPr depends on the next sectPr's type (default "nextPage").
    """
    sections = list(body.iter(_SECTPR))
    breaks = set()
    for current, following in itertools.pairwise(sections):
        kind = following.find(_TYPE)
        if kind is None or kind.get(_VAL) != "continuous":
            breaks.add(current)
    return breaks


class _Reader:
    """Walks WordprocessingML blocks (paragraphs, tables, content controls) into pages."""

    def __init__(self, break_styles: set[str], section_breaks: set[Any]) -> None:
        self.break_styles = break_styles
        self.section_breaks = section_breaks

    def blocks(self, parent: Any, out: _Pages) -> None:
        for child in parent:
            if child.tag == _P:
                self.paragraph(child, out)
            elif child.tag == _TBL:
                self.table(child, out)
            elif child.tag in _WRAPPERS:
                self.blocks(child, out)

    def paragraph(self, p: Any, out: _Pages) -> None:
        ppr = p.find(_PPR)
        if ppr is not None:
            style = ppr.find(_PSTYLE)
            direct = ppr.find(_BREAK_BEFORE)
            styled = style is not None and style.get(_VAL) in self.break_styles
            if (direct is not None and _on(direct)) or (direct is None and styled):
                out.page_break()
        self.inline(p, out)
        out.end_line()
        section = ppr.find(_SECTPR) if ppr is not None else None
        if section is not None and section in self.section_breaks:
            out.page_break()

    def inline(self, parent: Any, out: _Pages) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                self.run(child, out)
            elif tag in _WRAPPERS:
                self.inline(child, out)
            elif tag == _ALTERNATE and len(child):
                self.inline(child[0], out)  # mc:Choice; mc:Fallback repeats the same content

    def run(self, run: Any, out: _Pages) -> None:
        for child in run:
            tag = child.tag
            if tag == _T:
                out.text(child.text or "")
            elif tag == _TAB:
                out.text("\t")
            elif tag == _BR:
                if child.get(_TYPE) == "page":
                    out.page_break()
                else:
                    out.text("\n")
            elif tag == _CR:
                out.text("\n")
            elif tag == _NO_BREAK_HYPHEN:
                out.text("-")
            else:
                self.text_boxes(child, out)

    def text_boxes(self, element: Any, out: _Pages) -> None:
        # Drawings and shapes may hold text boxes; mc:Fallback repeats them, so skip it.
        if element.tag == _ALTERNATE:
            element = element[0] if len(element) else element
        boxes = list(element.iter(_TXBX))
        if boxes:
            out.end_line()
            for box in boxes:
                self.blocks(box, out)

    def table(self, tbl: Any, out: _Pages) -> None:
        rows = [self.cells(tr) for tr in _children(tbl, _TR)]
        width = max((len(cells) for cells in rows), default=0)
        nested = any(cell.find(f".//{_TBL}") is not None for cells in rows for cell in cells)
        if width < 2 or nested:
            # A layout table (a one-column box, or a grid holding other tables): read as blocks.
            for cells in rows:
                for cell in cells:
                    self.blocks(cell, out)
            return
        grid = [[self.cell_text(cell) for cell in cells] for cells in rows]
        grid = [row for row in grid if any(row)]
        if grid:
            out.table(grid)

    def cells(self, tr: Any) -> list[Any]:
        return list(_children(tr, _TC))

    def cell_text(self, tc: Any) -> str:
        inner = _Pages()
        self.blocks(tc, inner)
        return " ".join(line.strip() for page in inner.finish() for line in page.text.split("\n"))


def _children(parent: Any, tag: str) -> list[Any]:
    """Children with this tag, looking through content-control and custom-XML wrappers."""
    found: list[Any] = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found


def _check_package(data: bytes) -> None:
    """Refuse zip bombs and XML with a document type declaration before python-docx sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_sizes(entries)
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")) and _has_doctype(archive, entry):
                    raise CorruptFileError(
                        f"The Word file's part {entry.filename!r} declares a document type "
                        "(<!DOCTYPE>), which Word never writes; it may be an XML bomb, so the "
                        "file was not read.",
                        _RESAVE,
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError) as exc:
        raise CorruptFileError("The Word file is damaged: its zip structure is broken.") from exc


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(entry.file_size for entry in entries)
    xml = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels")))
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise TooLargeError(
            f"The Word file unpacks to {unpacked / 1e6:.0f} MB in {len(entries)} parts, over "
            f"the limit of {MAX_UNPACKED_BYTES / 1e6:.0f} MB and {MAX_ENTRIES} parts.",
            "Save the plan as PDF, or remove large embedded files, and upload it again.",
        )
    if xml > MAX_XML_BYTES:
        raise TooLargeError(
            f"The Word file holds {xml / 1e6:.0f} MB of text and markup, over the limit of "
            f"{MAX_XML_BYTES / 1e6:.0f} MB.",
            "Upload the plan itself (usually under 20 pages), saved as PDF or .docx.",
        )


def _has_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """A DOCTYPE comes before the root element, so the first few kB tell."""
    with archive.open(entry) as part:
        head = part.read(4096)
    return bool(_DOCTYPE.search(head))


def _margins(document: Any, reader: _Reader, *, footer: bool) -> list[str]:
    """Distinct lines of the page headers (often the company name) or footers (often the
    publication date, sometimes the only signature), in section order."""
    seen: list[str] = []
    for section in document.sections:
        candidates = [section.footer if footer else section.header]
        if section.different_first_page_header_footer:
            candidates.insert(0, section.first_page_footer if footer else section.first_page_header)
        for margin in candidates:
            if margin.is_linked_to_previous:
                continue
            out = _Pages()
            reader.blocks(margin.part.element, out)
            for page in out.finish():
                seen.extend(line for line in page.text.split("\n") if line not in seen)
    return seen


def parse_docx(data: bytes) -> Parsed:
    """Read a .docx: text and tables per page, with the header text once at the top and the
    footer text once at the end."""
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        reader = _Reader(_break_styles(document), _section_breaks(body))
        out = _Pages()
        reader.blocks(body, out)
        pages = out.finish()
        header = _margins(document, reader, footer=False)
        footer = _margins(document, reader, footer=True)
        title = (document.core_properties.title or "").strip() or None
    except CRPError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, ...
        raise CorruptFileError(f"The Word file could not be read: {exc}.") from exc
    if header:
        pages[0].text = "\n".join([*header, pages[0].text]).strip("\n")
    if footer:
        pages[-1].text = "\n".join([pages[-1].text, *footer]).strip("\n")
    return Parsed(pages=pages, title=title)
