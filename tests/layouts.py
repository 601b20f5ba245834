"""Small plans rendered as Word, HTML and PDF files, for tests of how layouts lose figures."""

from __future__ import annotations

import io

import docx
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.schemas import Facts

_STYLE = getSampleStyleSheet()["Normal"]


def facts_from(data: bytes, name: str) -> Facts:
    """Ingest a rendered file and extract its facts, as the checker does."""
    return extract(ingest(data, name=name))


def docx_plan(before: list[str], rows: list[list[str]], after: tuple[str, ...] = ()) -> bytes:
    """A Word file: paragraphs, one real table, paragraphs."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_footer(paragraphs: list[str], footer: str) -> bytes:
    """A Word file of paragraphs whose page footer holds one line (a date, a signature)."""
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = footer
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_table_plan(
    before: list[str], rows: list[list[str]], widths: list[float] | None = None
) -> bytes:
    """A PDF with paragraphs and a ruled table whose cells wrap over several lines."""
    out = io.BytesIO()
    story: list[object] = [Paragraph(text, _STYLE) for text in before]
    table = Table([[Paragraph(cell, _STYLE) for cell in row] for row in rows], colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    SimpleDocTemplate(out, pagesize=A4).build(story)  # type: ignore[arg-type]
    return out.getvalue()


def pdf_two_columns(paragraphs: list[str]) -> bytes:
    """A PDF page set in two narrow text columns."""
    out = io.BytesIO()
    document = BaseDocTemplate(out, pagesize=A4)
    width, height = A4
    column = (width - 100) / 2
    frames = [
        Frame(40, 40, column, height - 80, id="left"),
        Frame(60 + column, 40, column, height - 80, id="right"),
    ]
    document.addPageTemplates([PageTemplate(frames=frames)])
    document.build([Paragraph(text, _STYLE) for text in paragraphs])
    return out.getvalue()


def pdf_borderless_table(before: list[str], rows: list[list[str]]) -> bytes:
    """A PDF with paragraphs and a table without rules: its rows read as lines of text."""
    out = io.BytesIO()
    story: list[object] = [Paragraph(text, _STYLE) for text in before]
    story.append(Table([[Paragraph(cell, _STYLE) for cell in row] for row in rows]))
    SimpleDocTemplate(out, pagesize=A4).build(story)  # type: ignore[arg-type]
    return out.getvalue()
