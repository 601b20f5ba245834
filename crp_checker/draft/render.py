"""Write a draft plan as DOCX (python-docx) or as a printable HTML page."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.text.paragraph import Paragraph
from markupsafe import Markup

from crp_checker.draft.document import Block, DraftPlan, Line
from crp_checker.report.environment import get_environment
from crp_checker.report.html import stylesheet

_HEADING_LEVELS = {"title": 0, "heading": 1, "subheading": 2}


def _runs(paragraph: Paragraph, line: Line) -> None:
    for piece in line:
        run = paragraph.add_run(piece.text)
        if piece.missing:
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _docx_block(document: WordDocument, block: Block) -> None:
    if block.kind in _HEADING_LEVELS:
        document.add_heading("".join(r.text for r in block.lines[0]), _HEADING_LEVELS[block.kind])
    elif block.kind == "paragraph":
        _runs(document.add_paragraph(), block.lines[0])
    elif block.kind == "bullets":
        for line in block.lines:
            _runs(document.add_paragraph(style="List Bullet"), line)
    else:
        document.add_paragraph().add_run(block.caption).bold = True
        table = document.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for cell, line in zip(cells, row, strict=True):
                _runs(cell.paragraphs[0], line)


def render_docx(plan: DraftPlan) -> bytes:
    """The plan as a Word document; missing values in bold on a yellow highlight."""
    document = Document()
    for block in plan.blocks:
        _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_plan_html(plan: DraftPlan, *, standalone: bool = True) -> str:
    """The plan as one printable page (save as PDF from the browser's print dialogue)."""
    context = {"plan": plan, "standalone": standalone}
    if standalone:
        context["stylesheet"] = Markup(stylesheet())  # trusted package file, not user input
    return get_environment().get_template("draft_plan.html").render(context)
