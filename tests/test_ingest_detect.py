"""Format detection from content: supported kinds, misnamed files, and clear refusals."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from reportlab.pdfgen import canvas

from crp_checker.errors import (
    CorruptFileError,
    CRPError,
    EncryptedFileError,
    UnsupportedFormatError,
)
from crp_checker.ingest import ingest, ingest_bytes
from crp_checker.ingest.detect import looks_like_html, looks_like_markdown

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _pdf_bytes(text: str = "Net zero by 2050.") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def _docx_bytes(text: str = "Net zero by 2050.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _rezip(data: bytes, name: str, old: bytes, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1)
    return _zip(files)


def test_pdf_named_docx_is_read_as_pdf_with_a_warning() -> None:
    document = ingest(_pdf_bytes(), name="plan.docx")
    assert document.source.kind == "pdf"
    assert document.pages[0].text == "Net zero by 2050."
    assert document.warnings == [
        "The file name 'plan.docx' suggests a Word file but the content is PDF; it was read as PDF."
    ]


def test_pdf_header_after_junk_is_still_a_pdf() -> None:
    document = ingest(b"\r\n" * 20 + _pdf_bytes(), name="plan.pdf")
    assert document.source.kind == "pdf"


def test_docx_named_pdf_is_read_as_docx() -> None:
    document = ingest(_docx_bytes(), name="plan.pdf")
    assert document.source.kind == "docx"
    assert "suggests a PDF file" in document.warnings[0]


def test_matching_extension_gives_no_warning() -> None:
    assert ingest(_docx_bytes(), name="plan.docx").warnings == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG image"),
        (b"GIF89a" + b"\x00" * 100, "GIF image"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "program"),
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "Windows program"),
        (b"{\\rtf1\\ansi Net zero by 2050}", "Rich Text"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 50, "gzip"),
        (OLE + b"\x00" * 600, "legacy Office document"),
    ],
    ids=["png", "jpeg", "gif", "elf", "exe", "rtf", "gzip", "doc"],
)
def test_binary_formats_are_refused_by_name(data: bytes, says: str) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        ingest(data, name="plan.pdf")
    assert says in caught.value.message
    assert caught.value.hint


def test_zip_archives_that_are_not_word_documents_are_refused() -> None:
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        ingest(xlsx, name="plan.docx")
    with pytest.raises(UnsupportedFormatError, match="zip archive"):
        ingest(_zip({"plan.pdf": _pdf_bytes()}), name="plans.zip")


def test_macro_enabled_word_file_renamed_docx_is_refused() -> None:
    docm = _rezip(
        _docx_bytes(),
        "[Content_Types].xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    with pytest.raises(UnsupportedFormatError) as caught:
        ingest(docm, name="plan.docx")
    assert "macro-enabled" in caught.value.message
    assert ".docx" in caught.value.hint


def test_word_file_embedding_a_macro_workbook_is_still_read() -> None:
    # Only the main document's content type matters, not those of embedded objects.
    with_xlsm = _rezip(
        _docx_bytes(),
        "[Content_Types].xml",
        b"<Default Extension=",
        b'<Default Extension="xlsm" ContentType="application/vnd.ms-excel.sheet.'
        b'macroEnabled.12"/><Default Extension=',
    )
    assert ingest(with_xlsm, name="plan.docx").pages[0].text == "Net zero by 2050."


def test_encrypted_word_file_is_refused_as_encrypted() -> None:
    # An encrypted .docx is an OLE container whose directory names these two streams
    # (UTF-16LE); a minimal stand-in carries the same signature.
    names = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 40
    names += "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedFileError):
        ingest(OLE + b"\x00" * 504 + names + b"\x00" * 512, name="plan.docx")


def test_broken_zip_is_corrupt() -> None:
    truncated = _docx_bytes()[:200]
    with pytest.raises(CorruptFileError):
        ingest(truncated, name="plan.docx")


def test_errors_are_crp_errors_with_hints() -> None:
    with pytest.raises(CRPError) as caught:
        ingest(b"\x89PNG\r\n\x1a\n", name="scan.png")
    assert "PDF" in str(caught.value)


@pytest.mark.parametrize(
    "start",
    [
        b"<!DOCTYPE html><html><body><p>Net zero</p></body></html>",
        b"\xef\xbb\xbf  <html lang='en'><p>Net zero</p></html>",
        b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html><html></html>",
        b"<!-- saved page -->\n<html><body>x</body></html>",
        b"<div><p>Net zero by 2050</p><p>Scope 1</p></div>",
    ],
)
def test_looks_like_html(start: bytes) -> None:
    assert looks_like_html(start)


@pytest.mark.parametrize(
    "text",
    [
        b"Net zero by 2050. Scope 1 < 200 tCO2e and Scope 2 > 100.",
        b"# Carbon Reduction Plan\nNet zero by 2050 <br> next",
    ],
)
def test_not_html(text: bytes) -> None:
    assert not looks_like_html(text)


def test_markdown_needs_two_kinds_of_syntax() -> None:
    assert looks_like_markdown("# Plan\n\nWe are **committed** to net zero.")
    assert looks_like_markdown("## Plan\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert not looks_like_markdown("# Plan\nWe are committed to net zero by 2050.")
    assert not looks_like_markdown("Scope 3* includes business travel.\n- item\n- item")


def test_content_type_decides_only_when_bytes_are_ambiguous() -> None:
    fragment = b"Net zero by 2050<br>Scope 1: 200 tCO2e"
    as_text = ingest_bytes(fragment, name="plan", content_type=None)
    as_html = ingest_bytes(fragment, name="plan", content_type="text/html")
    assert as_text.source.kind == "text"
    assert as_html.source.kind == "html"
    assert as_html.pages[0].text == "Net zero by 2050\nScope 1: 200 tCO2e"
    # A server that calls an HTML page a PDF does not make it a PDF.
    page = b"<!DOCTYPE html><html><body><p>Moved</p></body></html>"
    assert ingest_bytes(page, name="plan.pdf", content_type="application/pdf").source.kind == "html"
