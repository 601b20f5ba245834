"""PDF plans: fast text from pdfium, columns in reading order, OCR only where needed."""

from __future__ import annotations

import io
import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from crp_checker.errors import (
    CorruptFileError,
    CRPError,
    EmptyFileError,
    EncryptedFileError,
    TooLargeError,
)
from crp_checker.ingest.base import Parsed, RawPage, Table, page_list
from crp_checker.ingest.bombs import check_pdf_streams
from crp_checker.ingest.layout import column_regions
from crp_checker.ingest.normalize import row_line
from crp_checker.ingest.ocr import PageOCR, scale_for, tesseract_path
from crp_checker.ingest.ruled import RuledTable, ruled_tables, text_with_tables
from crp_checker.settings import Settings

# PDFium is not thread-safe; a server running checks in threads must not enter it twice.
_PDFIUM_LOCK = threading.Lock()

_MIN_TEXT_CHARS = 20  # fewer visible characters than this and the page has no real text layer
_MIN_IMAGE_SHARE = 0.05  # an image covering this share of the page may be a scan
_OUTLINED_TEXT_PATHS = 200  # this many vector paths and no text: text drawn as outlines
_GARBLE_CHECK_CHARS = 40
_GARBLE_WARN = 0.10
_GARBLE_UNUSABLE = 0.40
_CID = re.compile(r"\(cid:\d+\)")
_EXPORTER_NOISE = re.compile(
    r"^\s*Microsoft (?:Word|PowerPoint) - |\.(?:docx?|pptx?|pdf)\s*$", re.I
)
# Characters text is made of: letters and digits of any script, ASCII and Latin-1 symbols,
# general punctuation, super/subscripts, currency, letterlike symbols, arrows, maths, box
# drawing, shapes (bullets) and dingbats. Control, private-use and replacement characters
# in bulk mean broken font encodings.
_BAD_CHAR = re.compile(r"[^\s\w!-~\u00a0-\u00ff\u2000-\u22ff\u2500-\u27bf]")


_NO_LAYER = "{pages} {has} no text layer and could not be read: {detail}."
_GARBLED = "{pages} {has} garbled text (broken fonts) and could not be read: {detail}."
_DAMAGED = "{pages} could not be read: {detail}."


@dataclass
class _Reading:
    """What the page loop learns, collected for warnings after the loop."""

    pages: list[RawPage] = field(default_factory=list)
    # (message template, detail) -> page numbers, so one warning names all pages alike.
    unreadable: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    garbled: list[int] = field(default_factory=list)
    ocr: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _visible(text: str) -> int:
    return len("".join(text.split()))


def garbled_share(text: str) -> float:
    """Share of visible characters that are not letters, digits or ordinary punctuation."""
    cid_chars = sum(len(c) for c in _CID.findall(text))
    text = _CID.sub("", text)
    total = _visible(text) + cid_chars
    return (len(_BAD_CHAR.findall(text)) + cid_chars) / total if total else 0.0


def _open(data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code can be left over from an earlier failure, so a password error
        # counts only when the file really declares encryption.
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise EncryptedFileError("The PDF is password-protected.") from exc
        if _has_no_pages(data):  # pdfium refuses a PDF with an empty page tree
            raise EmptyFileError("The PDF has no pages.") from exc
        raise CorruptFileError(
            f"The PDF is damaged or incomplete and could not be opened ({_reason(exc)})."
        ) from exc


def _reason(exc: Exception) -> str:
    """pdfium's reason without its wrapper: "Failed to load document (PDFium: X)." -> "x"."""
    match = re.search(r"PDFium: ([^)]*)", str(exc))
    return (match.group(1) if match else str(exc)).strip().rstrip(".").lower()


def _has_no_pages(data: bytes) -> bool:
    """A second opinion from pdfminer (via pdfplumber) on a PDF that pdfium cannot open."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages) == 0
    except Exception:  # pdfminer raises many types on broken files: then it is just corrupt
        return False


def _has_graphics(page: Any) -> bool:
    """True when the page draws a sizeable image or many paths: content without a text layer."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    paths = 0
    kinds = (pdfium.raw.FPDF_PAGEOBJ_IMAGE, pdfium.raw.FPDF_PAGEOBJ_PATH)
    for obj in page.get_objects(filter=kinds, max_depth=4):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= _OUTLINED_TEXT_PATHS:
                return True
            continue
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= area * _MIN_IMAGE_SHARE:
            return True
    return False


def _page_text(page: Any, textpage: Any) -> tuple[str, list[Table]]:
    """The page's text, reading two columns left then right when the page has them, and
    each ruled table as rows of cells in its place."""
    if page.get_rotation() != 0:
        return str(textpage.get_text_range()), []
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    tables = _apart(ruled_tables(page, textpage))
    if not tables:
        return _flow_text(textpage, rects, None), []
    if column_regions(rects) is None:
        return text_with_tables(textpage, tables), [t.rows for t in tables]
    parts: list[str] = []
    top = math.inf
    for table in tables:
        left, bottom, right, table_top = table.box
        parts.append(_flow_text(textpage, rects, (table_top, top)))
        parts += [row_line(cells) for cells in table.rows]
        beside = [
            r for r in rects if _inside(r, (bottom, table_top)) and not left <= _mid_x(r) <= right
        ]
        parts.append(_flow_text(textpage, beside, (bottom, table_top)))
        top = bottom
    parts.append(_flow_text(textpage, rects, (-math.inf, top)))
    return "\n".join(part for part in parts if part.strip()), [t.rows for t in tables]


def _apart(tables: list[RuledTable]) -> list[RuledTable]:
    """Tables one above another (top first); a table beside another is left as text."""
    kept: list[RuledTable] = []
    for table in tables:
        if not kept or table.box[3] <= kept[-1].box[1] + 1:
            kept.append(table)
    return kept


def _mid_x(rect: tuple[float, float, float, float]) -> float:
    return (rect[0] + rect[2]) / 2


def _inside(rect: tuple[float, float, float, float], band: tuple[float, float]) -> bool:
    return band[0] < (rect[1] + rect[3]) / 2 < band[1]


def _flow_text(
    textpage: Any, rects: list[tuple[float, float, float, float]], band: tuple[float, float] | None
) -> str:
    """The text of the page, or of a horizontal band of it, columns in reading order."""
    if band is not None:
        rects = [r for r in rects if _inside(r, band)]
        if not rects:
            return ""
    regions = column_regions(rects)
    if regions:
        parts = (textpage.get_text_bounded(r.left, r.bottom, r.right, r.top) for r in regions)
        return "\n".join(part for part in parts if part.strip())
    if band is None:
        return str(textpage.get_text_range())
    left = min(r[0] for r in rects) - 1
    right = max(r[2] for r in rects) + 1
    bottom = max(band[0], min(r[1] for r in rects) - 1)
    top = min(band[1], max(r[3] for r in rects) + 1)
    return str(textpage.get_text_bounded(left, bottom, right, top))


class _PdfReader:
    """One pass over the pages of an open PDF, with OCR as the fallback for image pages."""

    def __init__(self, pdf: Any, settings: Settings) -> None:
        self.pdf = pdf
        self.settings = settings
        self.tesseract = tesseract_path(settings)
        self.result = _Reading()
        self.ocr: PageOCR | None = None  # started at the first page that needs it
        self.awaiting: list[tuple[int, str]] = []  # (page number, its problem) sent to OCR

    def read(self) -> _Reading:
        try:
            for index in range(len(self.pdf)):
                self.result.pages.append(self._page(index))
        except BaseException:
            if self.ocr is not None:
                self.ocr.close()
            raise
        if self.ocr is not None:
            self._collect_ocr(self.ocr)
        return self.result

    def _collect_ocr(self, ocr: PageOCR) -> None:
        """Put each OCR'd page's text in its place, or record why it stayed unread."""
        results = ocr.results()
        for number, problem in self.awaiting:
            text = results[number]
            if isinstance(text, str):
                self.result.pages[number - 1] = RawPage(text=text, method="ocr")
                self.result.ocr.append(number)
            else:
                self.result.pages[number - 1] = RawPage(method="none")
                self.result.unreadable[problem, str(text)].append(number)

    def _page(self, index: int) -> RawPage:
        number = index + 1
        try:
            page = self.pdf[index]
        except pdfium.PdfiumError:
            self.result.unreadable[_DAMAGED, "the page is damaged"].append(number)
            return RawPage(method="none")
        try:
            return self._read_page(page, index)
        except pdfium.PdfiumError:
            self.result.unreadable[_DAMAGED, "the page is damaged"].append(number)
            return RawPage(method="none")
        finally:
            page.close()

    def _read_page(self, page: Any, index: int) -> RawPage:
        textpage = page.get_textpage()
        try:
            text, tables = _page_text(page, textpage)
        finally:
            textpage.close()
        visible = _visible(text)
        if visible < _MIN_TEXT_CHARS:
            if not _has_graphics(page):
                return RawPage(text=text)  # a blank page, or one with a line or two
            return self._without_text(page, index + 1, _NO_LAYER)
        share = garbled_share(text) if visible >= _GARBLE_CHECK_CHARS else 0.0
        if share >= _GARBLE_UNUSABLE:
            return self._without_text(page, index + 1, _GARBLED)
        if share >= _GARBLE_WARN:
            self.result.garbled.append(index + 1)
        return RawPage(text=text, tables=tables)

    def _without_text(self, page: Any, number: int, problem: str) -> RawPage:
        """Send the page to OCR if we may (its text is filled in after the loop); otherwise
        record why it stays unread."""
        detail = self._ocr_refusal()
        if detail is None:
            assert self.tesseract is not None
            self.ocr = self.ocr or PageOCR(self.settings, self.tesseract)
            width, height = page.get_size()
            bitmap = page.render(scale=scale_for(width, height, self.settings.ocr_dpi))
            try:
                image = bitmap.to_pil().convert("L")  # a copy: the bitmap is closed below
            finally:
                bitmap.close()
            self.ocr.submit(number, image)
            self.awaiting.append((number, problem))
            return RawPage(method="ocr")
        self.result.unreadable[problem, detail].append(number)
        return RawPage(method="none")

    def _ocr_refusal(self) -> str | None:
        """Why OCR may not run on one more page, or None when it may."""
        if self.tesseract is None:
            off = self.settings.ocr != "auto"
            return "OCR is switched off (CRP_OCR)" if off else "tesseract is not installed"
        limit = self.settings.ocr_max_pages
        if len(self.awaiting) >= limit:
            return f"over the OCR limit of {limit} page{'' if limit == 1 else 's'}"
        return self.ocr.over_budget() if self.ocr is not None else None


def _warnings(reading: _Reading) -> list[str]:
    warnings = []
    if reading.ocr:
        was = "was" if len(reading.ocr) == 1 else "were"
        warnings.append(
            f"{page_list(reading.ocr).capitalize()} had no usable text layer and {was} read "
            "by OCR (tesseract): check quoted figures against the original."
        )
    for (template, detail), numbers in reading.unreadable.items():
        pages = page_list(numbers).capitalize()
        has = "has" if len(numbers) == 1 else "have"
        warnings.append(template.format(pages=pages, has=has, detail=detail))
    if reading.garbled:
        warnings.append(
            f"The text of {page_list(reading.garbled)} looks partly garbled (unusual "
            "characters from the PDF's fonts): words and figures there may be misread."
        )
    return warnings + reading.warnings


def _title(pdf: Any) -> str | None:
    """The Title metadata, without the "Microsoft Word - " and ".docx" that exporters add."""
    try:
        title = str(pdf.get_metadata_value("Title"))
    except pdfium.PdfiumError:
        return None
    return _EXPORTER_NOISE.sub("", title).strip() or None


def parse_pdf(data: bytes, settings: Settings) -> Parsed:
    """Read every page of a PDF into text, with OCR where a page has no usable text layer."""
    check_pdf_streams(data)
    with _PDFIUM_LOCK:
        pdf = _open(data)
        try:
            count = len(pdf)
            if count > settings.max_pages:
                raise TooLargeError(
                    f"The PDF has {count} pages, over the limit of {settings.max_pages}."
                )
            reading = _PdfReader(pdf, settings).read()
            title = _title(pdf)
            damaged = sum(len(n) for (t, _), n in reading.unreadable.items() if t == _DAMAGED)
            if count and damaged == count:
                raise CorruptFileError("The PDF opens but none of its pages can be read.")
        except CRPError:
            raise
        except Exception as exc:  # anything pdfium raises on a broken file
            raise CorruptFileError(f"The PDF could not be read ({exc}).") from exc
        finally:
            pdf.close()
    return Parsed(pages=reading.pages, title=title, warnings=_warnings(reading))
