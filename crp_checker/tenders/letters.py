"""A clarification letter as words, then as a printable page and as a Word document.

`build_letter` writes the letter once; the HTML page and the DOCX render the same `Letter`, so
the printed letter and the one sent as a file say the same. Plan quotes and names are
untrusted: the page escapes them, the DOCX drops characters Word cannot hold.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.shared import Pt
from markupsafe import Markup

from crp_checker.formatting import uk_date
from crp_checker.report.environment import get_environment
from crp_checker.report.html import stylesheet
from crp_checker.report.wording import evidence_line, grounds_label
from crp_checker.schemas import Evidence
from crp_checker.store.tender_models import Clarification
from crp_checker.tenders.clarify import NOT_FOUND
from crp_checker.tenders.text import printable

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATUS = {"fail": "Not met", "needs_review": "Could not be confirmed from the plan"}


@dataclass(frozen=True)
class LetterItem:
    """One requirement the bidder is asked about."""

    number: int
    title: str
    status: str
    found: str
    quotes: list[str]
    request: str


@dataclass(frozen=True)
class Letter:
    """Everything the letter says, in order."""

    subject: str
    date: str
    reply_by: str
    bidder: str
    salutation: str
    opening: list[str]
    items: list[LetterItem]
    closing: list[str]
    signer: str


def _item(number: int, item: dict[str, Any]) -> LetterItem:
    grounds = grounds_label(item.get("grounds", []))
    status = STATUS.get(item["outcome"], item["outcome"])
    quotes = [
        evidence_line(Evidence(page=q.get("page"), quote=q.get("quote", "")))
        for q in item.get("quotes", [])
    ]
    return LetterItem(
        number=number,
        title=item["title"],
        status=f"{status} ({grounds})" if grounds else status,
        found=item["message"],
        quotes=quotes or [NOT_FOUND],
        request=item["request"],
    )


def build_letter(letter: Clarification) -> Letter:
    """The words of a recorded clarification letter."""
    bid = letter.bid
    tender = bid.tender
    plan = letter.assessment_record.source_name
    count = len(letter.items)
    requirements = "mandatory requirement" if count == 1 else f"{count} mandatory requirements"
    signer = letter.created_by.name or letter.created_by.email
    return Letter(
        subject=f"Clarification request: {tender.title} (reference {tender.reference})",
        date=uk_date(letter.sent_on),
        reply_by=uk_date(letter.reply_by),
        bidder=bid.bidder_name,
        salutation=f"Dear {bid.bidder_name},",
        opening=[
            f"Thank you for your bid for {tender.title} (reference {tender.reference}). As part "
            f"of the evaluation we checked the Carbon Reduction Plan you submitted ({plan}) "
            "against the requirements of Procurement Policy Note 006, as at the procurement "
            f"date, {uk_date(tender.procurement_date)}.",
            f"Your plan does not meet, or we could not confirm from it, the {requirements} "
            "below. A plan must meet every mandatory requirement to pass this "
            "tender's carbon reduction condition. For each one we quote what we found in your "
            "plan, with its page, and say what we need from you.",
            f"Please reply by {uk_date(letter.reply_by)}. You may send the information asked "
            "for, or a revised Carbon Reduction Plan; a revised plan is checked again with "
            "this tender's settings.",
        ],
        items=[_item(number, item) for number, item in enumerate(letter.items, start=1)],
        closing=[
            f"If anything in this letter is unclear, please contact us quoting reference "
            f"{tender.reference}.",
            "Yours faithfully,",
        ],
        signer=signer,
    )


def render_letter_html(letter: Clarification) -> str:
    """The letter as a standalone, script-free page to print."""
    context = {
        "standalone": True,
        "stylesheet": Markup(stylesheet()),  # trusted package file, not user input
        "letter": build_letter(letter),
        "record": letter,
    }
    return get_environment().get_template("tender_letter.html").render(context)


def letter_docx(letter: Clarification) -> bytes:
    """The letter as a Word document (.docx)."""
    words = build_letter(letter)
    document = Document()
    document.core_properties.title = printable(words.subject)[:255]
    document.core_properties.author = printable(words.signer)[:255]
    document.styles["Normal"].font.size = Pt(11)

    def paragraph(text: str, *, label: str = "", style: str | None = None) -> None:
        para = document.add_paragraph(style=style)
        if label:
            para.add_run(label).bold = True
        para.add_run(printable(text))

    paragraph(words.date)
    document.add_heading(printable(words.subject), level=1)
    paragraph(words.salutation)
    for text in words.opening:
        paragraph(text)
    for item in words.items:
        document.add_heading(printable(f"{item.number}. {item.title}"), level=2)
        paragraph(item.status, label="Status: ")
        paragraph(item.found, label="What we found: ")
        paragraph("", label="Where in your plan:")
        for quote in item.quotes:
            paragraph(quote, style="List Bullet")
        paragraph(item.request, label="What to send: ")
    paragraph(words.reply_by, label="Please reply by: ")
    for text in words.closing:
        paragraph(text)
    paragraph(words.signer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
