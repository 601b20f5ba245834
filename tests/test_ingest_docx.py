"""Word plans generated with python-docx: order, tables, page breaks, headers, limits, damage."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from crp_checker.errors import CorruptFileError, EmptyFileError, TooLargeError
from crp_checker.ingest import docx as docx_module
from crp_checker.ingest import ingest
from crp_checker.schemas import Document

W = nsdecls("w")


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _read(document: docx.document.Document) -> Document:
    return ingest(_save(document), name="plan.docx")


def _emissions_table(document: docx.document.Document) -> None:
    rows = [("Scope", "Baseline", "Current"), ("Scope 1", "12.5", "10.1"), ("", "", "")]
    rows.append(("Scope 2", "40.1", "38"))
    table = document.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def test_paragraphs_and_tables_in_document_order() -> None:
    document = docx.Document()
    document.core_properties.title = "Acme Carbon Reduction Plan"
    document.add_heading("Carbon Reduction Plan", level=1)
    document.add_paragraph("Baseline emissions (tCO2e):")
    _emissions_table(document)
    document.add_paragraph("")
    document.add_paragraph("Net zero by 2050.")
    result = _read(document)
    assert result.source.kind == "docx"
    assert result.source.title == "Acme Carbon Reduction Plan"
    assert len(result.pages) == 1
    assert result.pages[0].text.split("\n") == [
        "Carbon Reduction Plan",
        "Baseline emissions (tCO2e):",
        "Scope | Baseline | Current |",
        "Scope 1 | 12.5 | 10.1 |",
        "Scope 2 | 40.1 | 38 |",
        "Net zero by 2050.",
    ]
    assert result.pages[0].tables == [
        [["Scope", "Baseline", "Current"], ["Scope 1", "12.5", "10.1"], ["Scope 2", "40.1", "38"]]
    ]


def test_merged_cells_are_not_repeated() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Baseline year: 2022"
    for cell, value in zip(table.rows[1].cells, ("Scope 1", "12.5", "t"), strict=True):
        cell.text = value
    page = _read(document).pages[0]
    assert page.text.split("\n") == ["Baseline year: 2022 |", "Scope 1 | 12.5 | t |"]


def test_explicit_page_breaks_split_pages() -> None:
    document = docx.Document()
    first = document.add_paragraph("Page one text.")
    first.add_run().add_break(WD_BREAK.PAGE)
    first.add_run("Page two starts mid-paragraph.")
    later = document.add_paragraph("Page three, a paragraph set to start a page.")
    later.paragraph_format.page_break_before = True
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Page four, after a section break.")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("Still page four.")
    pages = _read(document).pages
    assert [p.text for p in pages] == [
        "Page one text.",
        "Page two starts mid-paragraph.",
        "Page three, a paragraph set to start a page.",
        "Page four, after a section break.\nStill page four.",
    ]


def test_page_break_from_a_paragraph_style() -> None:
    document = docx.Document()
    document.styles["Heading 1"].paragraph_format.page_break_before = True
    document.add_heading("Commitment", level=1)  # the first page stays the first page
    document.add_paragraph("Net zero by 2050.")
    document.add_heading("Baseline", level=1)
    document.add_paragraph("2022/23")
    pages = _read(document).pages
    assert [p.text for p in pages] == ["Commitment\nNet zero by 2050.", "Baseline\n2022/23"]


def test_header_text_appears_once_at_the_top_of_page_one() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Acme Ltd"
    document.add_paragraph("Carbon Reduction Plan")
    document.add_section(WD_SECTION.NEW_PAGE)  # its header is linked to the first one
    document.add_paragraph("Declaration")
    pages = _read(document).pages
    assert [p.text for p in pages] == ["Acme Ltd\nCarbon Reduction Plan", "Declaration"]


def test_footer_text_appears_once_at_the_end_of_the_last_page() -> None:
    """A Word footer can hold the publication date or the only signature (synthetic-g ug16)."""
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Published 3 March 2026"
    document.add_paragraph("Carbon Reduction Plan")
    document.add_section(WD_SECTION.NEW_PAGE)  # its footer is linked to the first one
    document.add_paragraph("Declaration")
    pages = _read(document).pages
    assert [p.text for p in pages] == [
        "Carbon Reduction Plan",
        "Declaration\nPublished 3 March 2026",
    ]


def test_nested_tables_and_one_column_boxes_read_as_blocks() -> None:
    document = docx.Document()
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Declaration and sign off"
    box.cell(0, 0).add_paragraph("This plan was approved by the board.")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Baseline"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Scope 1"
    inner.cell(0, 1).text = "3.2"
    page = _read(document).pages[0]
    assert page.text.split("\n") == [
        "Declaration and sign off",
        "This plan was approved by the board.",
        "Baseline",
        "Scope 1 | 3.2 |",
    ]
    assert page.tables == [[["Scope 1", "3.2"]]]


def test_content_controls_and_tracked_changes() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(
        0,
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Supplier name: Acme Ltd</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt>"
        ),
    )
    body.insert(
        1,
        parse_xml(
            f'<w:p {W}><w:r><w:t xml:space="preserve">Net zero by </w:t></w:r>'
            "<w:del><w:r><w:delText>2060</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>2045</w:t></w:r></w:ins>"
            "<w:r><w:t>.</w:t><w:tab/><w:t>non</w:t><w:noBreakHyphen/><w:t>stop</w:t></w:r></w:p>"
        ),
    )
    assert _read(document).pages[0].text == "Supplier name: Acme Ltd\nNet zero by 2045.\tnon-stop"


def test_too_many_zip_entries_is_too_large() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(docx_module.MAX_ENTRIES):
            archive.writestr(f"customXml/item{i}.xml", "")
    with pytest.raises(TooLargeError, match="parts"):
        ingest(buffer.getvalue(), name="bomb.docx")


def test_unpacked_size_over_the_limit_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    document = docx.Document()
    document.add_paragraph("x" * 50_000)
    monkeypatch.setattr(docx_module, "MAX_UNPACKED_BYTES", 40_000)
    with pytest.raises(TooLargeError, match="unpacks to"):
        _read(document)


def test_broken_document_xml_is_corrupt() -> None:
    with zipfile.ZipFile(io.BytesIO(_save(docx.Document()))) as source:
        files = {info.filename: source.read(info) for info in source.infolist()}
    files["word/document.xml"] = b"<w:document><w:body>"  # truncated XML
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    with pytest.raises(CorruptFileError) as caught:
        ingest(buffer.getvalue(), name="broken.docx")
    assert caught.value.__cause__ is not None


def test_empty_document_is_refused() -> None:
    with pytest.raises(EmptyFileError):
        _read(docx.Document())
