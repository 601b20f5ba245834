"""PDF ingest on PDFs generated in the tests: columns, table rows, OCR, garbled, broken, locked."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from shared_data import require_program

from crp_checker.errors import CorruptFileError, EmptyFileError, EncryptedFileError, TooLargeError
from crp_checker.ingest import ingest
from crp_checker.ingest.pdf import garbled_share
from crp_checker.settings import Settings, get_settings

WIDTH, HEIGHT = A4


@pytest.fixture
def tesseract() -> str:
    """The OCR program (tests that read scans need it; CI installs it)."""
    return require_program("tesseract")


def _pdf(*pages: Callable[[canvas.Canvas], None], **options: object) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, **options)
    for draw in pages:
        draw(pdf)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lines(pdf: canvas.Canvas, lines: list[str], top: float = HEIGHT - 72) -> None:
    pdf.setFont("Helvetica", 11)
    for i, line in enumerate(lines):
        pdf.drawString(72, top - i * 14, line)


def _settings(**values: object) -> Settings:
    return Settings(**values)  # type: ignore[arg-type]


def _two_column_page(pdf: canvas.Canvas) -> None:
    # Drawn row by row (left line, right line, ...) as some exporters do, so the content
    # stream interleaves the columns and only layout analysis can restore reading order.
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 60, "Acme Ltd Carbon Reduction Plan - heading across both columns")
    left = textwrap.wrap(
        " ".join(
            f"Left{i} we are committed to reducing our emissions every year." for i in range(12)
        ),
        45,
    )
    right = textwrap.wrap(
        " ".join(
            f"Right{i} these measures apply while we perform the contract." for i in range(12)
        ),
        45,
    )
    pdf.setFont("Helvetica", 10)
    for i, (a, b) in enumerate(zip(left, right, strict=False)):
        pdf.drawString(72, HEIGHT - 100 - i * 13, a)
        pdf.drawString(310, HEIGHT - 100 - i * 13, b)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 40, "Acme Ltd - Registered in England and Wales - Company number 0123456")


def _find(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, pattern
    return match.start()


def test_two_column_page_reads_left_column_then_right() -> None:
    data = _pdf(_two_column_page)
    with pdfium.PdfDocument(data) as raw:  # the fixture really interleaves the columns
        stream_text = raw[0].get_textpage().get_text_range()
    assert stream_text.index("Right0") < stream_text.index("Left1")

    text = ingest(data, name="two-columns.pdf").pages[0].text
    lefts = [_find(rf"\bLeft{i}\b", text) for i in range(12)]
    rights = [_find(rf"\bRight{i}\b", text) for i in range(12)]
    assert lefts == sorted(lefts) and rights == sorted(rights)
    assert max(lefts) < min(rights)
    assert text.startswith("Acme Ltd Carbon Reduction Plan")
    assert text.rstrip().endswith("Company number 0123456")


def test_single_column_page_keeps_its_line_order() -> None:
    lines = [
        f"Line {i}: our emissions fell this year thanks to measures listed below."
        for i in range(30)
    ]
    lines[5] = "Short line."
    text = ingest(_pdf(lambda pdf: _lines(pdf, lines)), name="plain.pdf").pages[0].text
    assert text.split("\n") == lines


TABLE_ROWS = [
    ["Emissions (tCO2e)", "2022/23 baseline", "2024/25 current"],
    ["Scope 1", "200.5", "180.2"],
    ["Scope 2", "111.0", "95.4"],
    ["Scope 3", "435.9", "401.3"],
    ["", "", ""],
    ["Total", "747.4", "676.9"],
]


def _emissions_table_pdf(copies: int = 1) -> bytes:
    """One page per copy, each with a heading and a ruled emissions table."""
    styles = getSampleStyleSheet()
    story: list[Flowable] = []
    for _ in range(copies):
        table = Table(TABLE_ROWS, colWidths=[200, 130, 130])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Paragraph("Baseline and current emissions", styles["Heading2"]), table]
        story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story[:-1])
    return buffer.getvalue()


def test_table_page_keeps_rows_on_lines() -> None:
    page = ingest(_emissions_table_pdf(), name="table.pdf").pages[0]
    assert "Scope 1 200.5 180.2" in page.text.split("\n")


def test_table_of_wrapped_text_is_read_row_by_row() -> None:
    # Two wide cells of wrapped text per row look like two columns; the rows must stay whole.
    styles = getSampleStyleSheet()
    rows = [
        [
            Paragraph(
                f"Measure {i}: replace the fleet with electric vans, fit chargers at each depot.",
                styles["Normal"],
            ),
            Paragraph(
                f"Outcome {i}: lower Scope 1 diesel emissions every year of the contract term.",
                styles["Normal"],
            ),
        ]
        for i in range(8)
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, colWidths=[230, 230])])
    text = ingest(buffer.getvalue(), name="measures.pdf").pages[0].text
    order = [_find(rf"{kind} {i}:", text) for i in range(8) for kind in ("Measure", "Outcome")]
    assert order == sorted(order)


def test_pdf_without_pages_is_empty() -> None:
    buffer = io.BytesIO()
    with pdfium.PdfDocument.new() as empty:
        empty.save(buffer)
    with pytest.raises(EmptyFileError, match="no pages"):
        ingest(buffer.getvalue(), name="no-pages.pdf")


def test_pdfplumber_is_not_opened_for_a_readable_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    real_open = pdfplumber.open

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", counting_open)
    prose = [f"We will cut our emissions by {i}% through measures on page {i}." for i in range(9)]
    ingest(_pdf(lambda pdf: _lines(pdf, prose), lambda pdf: _lines(pdf, prose)), name="prose.pdf")
    assert opened == []

    unruled = _pdf(lambda pdf: _lines(pdf, ["Scope 1 12.5 tCO2e", "Scope 2 40.1", "Scope 3 7.75"]))
    ingest(unruled, name="unruled.pdf")  # no ruling lines: pdfplumber could find no table
    assert opened == []

    ingest(_emissions_table_pdf(copies=2), name="two-tables.pdf")  # the text lines suffice
    assert opened == []


def _image_pdf(pages: list[list[str]]) -> bytes:
    """An image-only PDF (like a scan): text drawn into pictures, no text layer."""
    font = ImageFont.load_default(size=44)
    images = []
    for lines in pages:
        image = Image.new("RGB", (1654, 2339), "white")  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            draw.text((150, 200 + i * 90), line, fill="black", font=font)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return buffer.getvalue()


SCAN = [
    "Carbon Reduction Plan",
    "We are committed to Net Zero by 2045.",
    "Scope 1 emissions 125 tCO2e",
]


def test_image_only_page_is_read_by_ocr(tesseract: str) -> None:
    document = ingest(_image_pdf([SCAN]), name="scan.pdf", settings=_settings(ocr="auto"))
    page = document.pages[0]
    assert page.method == "ocr"
    assert "Net Zero by 2045" in page.text
    assert "125 tCO2e" in page.text
    assert document.ocr_pages == [1]
    assert any("page 1" in w.lower() and "ocr" in w.lower() for w in document.warnings)


def test_image_only_page_without_ocr_is_unreadable_not_empty() -> None:
    document = ingest(_image_pdf([SCAN]), name="scan.pdf", settings=_settings(ocr="off"))
    assert document.pages[0].method == "none"
    assert document.pages[0].text == ""
    assert document.unreadable_pages == [1]
    assert document.warnings == [
        "Page 1 has no text layer and could not be read: OCR is switched off (CRP_OCR)."
    ]


def test_ocr_off_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRP_OCR", "off")
    get_settings.cache_clear()
    try:
        document = ingest(_image_pdf([SCAN]), name="scan.pdf")
    finally:
        get_settings.cache_clear()
    assert document.unreadable_pages == [1]


def test_missing_tesseract_leaves_page_unreadable_with_a_reason() -> None:
    settings = _settings(tesseract_cmd="no-such-tesseract-binary")
    document = ingest(_image_pdf([SCAN]), name="scan.pdf", settings=settings)
    assert document.unreadable_pages == [1]
    assert "tesseract is not installed" in document.warnings[0]


def test_ocr_stops_at_the_page_limit(tesseract: str) -> None:
    settings = _settings(ocr_max_pages=1)
    document = ingest(_image_pdf([SCAN, SCAN, SCAN]), name="scan.pdf", settings=settings)
    assert [p.method for p in document.pages] == ["ocr", "none", "none"]
    assert any(
        w.startswith("Pages 2-3 have no text layer") and w.endswith("over the OCR limit of 1 page.")
        for w in document.warnings
    )


def test_ocr_timeout_leaves_page_unreadable(tesseract: str) -> None:
    settings = _settings(ocr_timeout_seconds=0.001)
    document = ingest(_image_pdf([SCAN]), name="scan.pdf", settings=settings)
    assert document.unreadable_pages == [1]
    assert "over the OCR time budget of 0.001 s" in document.warnings[0]


def test_blank_page_is_empty_text_without_warning() -> None:
    data = _pdf(lambda pdf: _lines(pdf, ["Net zero by 2050."]), lambda pdf: None)
    document = ingest(data, name="blank-page.pdf")
    assert [(p.method, p.text) for p in document.pages] == [
        ("text", "Net zero by 2050."),
        ("text", ""),
    ]
    assert document.warnings == []


def test_pdf_with_only_blank_pages_is_empty() -> None:
    with pytest.raises(EmptyFileError):
        ingest(_pdf(lambda pdf: None, lambda pdf: None), name="blank.pdf")


def test_garbled_page_is_unreadable_without_ocr() -> None:
    garbage = ["".join(f"(cid:{n})" for n in range(i, i + 12)) for i in range(20)]
    document = ingest(
        _pdf(lambda pdf: _lines(pdf, garbage)), name="cid.pdf", settings=_settings(ocr="off")
    )
    assert document.unreadable_pages == [1]
    assert document.warnings[0].startswith("Page 1 has garbled text")


def test_partly_garbled_page_keeps_text_with_a_warning() -> None:
    lines = [f"Scope {i % 3 + 1} emissions were reduced this year (cid:{i})" for i in range(20)]
    document = ingest(_pdf(lambda pdf: _lines(pdf, lines)), name="cid.pdf")
    assert document.pages[0].method == "text"
    assert "Scope 1 emissions were reduced this year" in document.pages[0].text
    assert any("garbled" in w for w in document.warnings)


def test_password_protected_pdf_is_refused() -> None:
    locked = _pdf(
        lambda pdf: _lines(pdf, ["Secret plan"]),
        encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner"),
    )
    with pytest.raises(EncryptedFileError) as caught:
        ingest(locked, name="locked.pdf")
    assert "password" in str(caught.value).lower()


def test_stale_pdfium_error_code_does_not_make_later_files_encrypted() -> None:
    locked = _pdf(
        lambda pdf: _lines(pdf, ["Secret plan"]),
        encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner"),
    )
    buffer = io.BytesIO()
    with pdfium.PdfDocument.new() as no_pages:
        no_pages.save(buffer)
    for after in (buffer.getvalue(), b"%PDF-1.7\nnot a PDF\n"):
        with pytest.raises(EncryptedFileError):
            ingest(locked, name="locked.pdf")
        with pytest.raises((EmptyFileError, CorruptFileError)):
            ingest(after, name="next.pdf")


def test_pdf_with_only_an_owner_password_is_read() -> None:
    # Copy/print restrictions without an opening password: the text is readable, so read it.
    restricted = _pdf(
        lambda pdf: _lines(pdf, ["Net zero by 2040."]),
        encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0),
    )
    assert ingest(restricted, name="restricted.pdf").pages[0].text == "Net zero by 2040."


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\nthis is not really a PDF\n", b"%PDF-1.4\n" + b"\x00\xff" * 200],
    ids=["text-after-header", "binary-junk"],
)
def test_broken_pdf_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptFileError) as caught:
        ingest(data, name="broken.pdf")
    assert caught.value.__cause__ is not None


def test_pdf_over_the_page_limit_is_too_large() -> None:
    page = lambda pdf: _lines(pdf, ["Some text"])  # noqa: E731
    with pytest.raises(TooLargeError) as caught:
        ingest(_pdf(page, page, page), name="long.pdf", settings=_settings(max_pages=2))
    assert "3 pages" in caught.value.message


def test_title_comes_from_metadata_without_exporter_noise() -> None:
    def titled(pdf: canvas.Canvas) -> None:
        pdf.setTitle("Microsoft Word - Acme Carbon Reduction Plan.docx")
        _lines(pdf, ["Acme"])

    assert ingest(_pdf(titled), name="t.pdf").source.title == "Acme Carbon Reduction Plan"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Scope 1: 12.5 tCO2e – £5k “ok” • ✓ → ≥ 2030", 0.0),
        ("东北电气发展股份有限公司 2018 年", 0.0),  # another script is not garbage
        ("\x01\x02\x03abc", 0.5),  # control characters from a font without a Unicode map
        ("\ue000\ue001\ue002ab", 0.6),  # private-use glyphs
        ("(cid:3)(cid:4)", 1.0),
        ("", 0.0),
    ],
)
def test_garbled_share(text: str, share: float) -> None:
    assert garbled_share(text) == pytest.approx(share)
