"""The tender file: the matrix as CSV and XLSX, and a printable evaluation record per bid.

Every export is built from matrix_rows(), so the page, the CSV and the XLSX show the same
numbers, withdrawn bids included (marked, with the reason). Text from plans and bidders is
untrusted: cells that a spreadsheet would run as a formula are written as text (an apostrophe in
the CSV, a string cell in the XLSX), and characters a workbook cannot hold are replaced.

CSV decision: UTF-8 with a byte-order mark. Excel, which most procurement teams open CSVs with,
reads a BOM-less CSV as the local code page and garbles names such as "Société" or "–"; every
other tool we know of (pandas, LibreOffice, csv module with utf-8-sig) accepts the BOM.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crp_checker import __version__
from crp_checker.report.environment import get_environment
from crp_checker.report.html import stylesheet
from crp_checker.report.tabular import csv_text, safe_cell
from crp_checker.report.wording import VERDICT_LABELS
from crp_checker.store.tender_models import Bid, Tender
from crp_checker.tenders.limits import effective_limits
from crp_checker.tenders.log import LogEntry, bid_log, tender_log
from crp_checker.tenders.results import GATE_LABELS, MatrixRow
from crp_checker.tenders.service import (
    bid_assessment,
    bid_result,
    matrix_rows,
    row_for,
    tender_settings,
)
from crp_checker.tenders.text import printable

CSV_ENCODING = "utf-8-sig"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
Value = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Column:
    """One matrix column: its header, its value (a number stays a number) and its width."""

    header: str
    value: Callable[[MatrixRow], Value]
    width: int = 14


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


MATRIX_COLUMNS: tuple[Column, ...] = (
    Column("Bidder", lambda r: r.bidder, 32),
    Column("Status", lambda r: "Withdrawn" if r.withdrawn else "Active", 12),
    Column("Withdrawn reason", lambda r: r.withdrawn_reason, 40),
    Column("Withdrawn at (UTC)", lambda r: r.withdrawn_at, 18),
    Column("Gate (PPN 006)", lambda r: r.gate_label, 18),
    Column("Grounds failed", lambda r: r.grounds_text or None, 16),
    Column("Gate explanation", lambda r: r.gate_explanation, 60),
    Column("Verdict", lambda r: VERDICT_LABELS[r.verdict], 22),
    Column("Quality score (0-100)", lambda r: r.quality_score),
    Column("Band (0-5)", lambda r: r.band, 10),
    Column("Weighted marks", lambda r: r.marks),
    Column("Marks available", lambda r: r.marks_available),
    Column("Net zero year", lambda r: r.net_zero_year, 12),
    Column("Baseline year", lambda r: r.baseline_year, 12),
    Column("Baseline period", lambda r: r.baseline_label, 14),
    Column("Scope 3 required categories covered", lambda r: len(r.scope3_covered), 16),
    Column("Scope 3 coverage", lambda r: r.scope3_text, 22),
    Column("Moderated", lambda r: _yes_no(r.moderated), 10),
    Column("Moderations", lambda r: r.moderation_count, 12),
    Column("Original verdict", lambda r: VERDICT_LABELS[r.original_verdict], 22),
    Column("Original score", lambda r: r.original_score, 12),
    Column("Plan version", lambda r: r.version, 10),
    Column("Plan file", lambda r: r.source_name, 40),
    Column("Assessment id", lambda r: r.assessment_public_id, 34),
)
LOG_HEADERS = ("When (UTC)", "Who", "Bidder", "Event", "Rule", "Before", "After", "Details")
LOG_SHEET = "Audit log"


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return printable(safe_cell(value))


def matrix_csv(tender: Tender) -> bytes:
    """The matrix as CSV bytes (UTF-8 with BOM, see the module docstring), one row a bidder."""
    rows = (
        [_csv_cell(column.value(row)) for column in MATRIX_COLUMNS] for row in matrix_rows(tender)
    )
    return csv_text([column.header for column in MATRIX_COLUMNS], rows).encode(CSV_ENCODING)


# --------------------------------------------------------------------------- XLSX


def _excel_value(value: Value) -> Value:
    # openpyxl refuses aware datetimes: the sheet says "(UTC)" in its header instead.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, str):
        return printable(value)  # a control character would make openpyxl refuse the cell
    return value


def _put(sheet: Worksheet, row: int, column: int, value: Value) -> None:
    cell = sheet.cell(row=row, column=column, value=_excel_value(value))
    if cell.data_type == "f":  # a string starting with "=" from a plan: keep it as text
        cell.data_type = "s"
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"


def _table(
    sheet: Worksheet, headers: tuple[str, ...], rows: list[list[Value]], widths: list[int]
) -> None:
    """A header row (bold, frozen, wrapped) above the rows, with set column widths."""
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.cell(row=1, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _put(sheet, row_number, column, value)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _log_rows(log: list[LogEntry]) -> list[list[Value]]:
    return [[e.when, e.who, e.bidder, e.event, e.rule, e.before, e.after, e.details] for e in log]


def settings_rows(tender: Tender) -> list[tuple[str, Value]]:
    """The tender's settings as (name, value) pairs, for the Settings sheet and the record."""
    settings = tender_settings(tender)
    rulebooks = sorted({bid.assessment_record.rulebook_version for bid in tender.bids})
    rows: list[tuple[str, Value]] = [
        ("Title", tender.title),
        ("Reference", tender.reference),
        ("Procurement date (check date)", tender.procurement_date),
        ("Climate criterion weight (%)", tender.climate_weight_percent),
        ("Marking scale", tender.marking_scale.value),
        ("Status", tender.status.value),
        ("Created by", tender.created_by.email),
        ("Created at (UTC)", tender.created_at),
        ("Finalised at (UTC)", tender.finalised_at),
        ("Finalised by", tender.finalised_by.email if tender.finalised_by else None),
    ]
    for name, value in settings.model_dump(mode="json").items():
        if name == "check_date":
            continue
        origin = "tender" if name in tender.buyer_settings else "default"
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else value
        rows.append((f"Buyer setting: {name} ({origin})", shown))
    for limit in effective_limits(settings):
        rows.append((f"At the gate: {limit.label} {limit.summary}", limit.effect))
    rows.append(("Rulebook version", ", ".join(rulebooks) or None))
    rows.append(("crp-checker version", __version__))
    return rows


def matrix_xlsx(tender: Tender) -> bytes:
    """The workbook: "Matrix" (numbers as numbers), "Moderation log" and "Settings"."""
    workbook = Workbook()
    matrix = workbook.active
    assert matrix is not None
    matrix.title = "Matrix"
    rows = [[column.value(row) for column in MATRIX_COLUMNS] for row in matrix_rows(tender)]
    _table(
        matrix,
        tuple(column.header for column in MATRIX_COLUMNS),
        rows,
        [column.width for column in MATRIX_COLUMNS],
    )
    log = workbook.create_sheet(LOG_SHEET)
    _table(log, LOG_HEADERS, _log_rows(tender_log(tender)), [18, 28, 28, 20, 26, 14, 14, 80])
    for (cell,) in log.iter_rows(min_row=2, min_col=8, max_col=8):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    settings = workbook.create_sheet("Settings")
    pairs: list[list[Value]] = [[name, value] for name, value in settings_rows(tender)]
    _table(settings, ("Setting", "Value"), pairs, [44, 40])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- record


def render_bid_record(tender: Tender, bid: Bid, *, generated_at: dt.datetime | None = None) -> str:
    """The printable evaluation record of one bid: a standalone, script-free HTML page.

    For a finalised tender the totals are those it was finalised with; the findings show each
    original outcome, the moderated one with its reason, and the evidence with page numbers.
    """
    assessment = bid_assessment(bid)
    context: dict[str, Any] = {
        "standalone": True,
        "stylesheet": Markup(stylesheet()),  # trusted package file, not user input
        "tender": tender,
        "bid": bid,
        "a": assessment,
        "row": row_for(tender, bid),
        "result": bid_result(bid, assessment),
        "history": bid_log(bid),
        "settings": settings_rows(tender),
        "gate_labels": GATE_LABELS,
        "verdict_labels": VERDICT_LABELS,
        "generated_at": generated_at or dt.datetime.now(dt.UTC),
    }
    return get_environment().get_template("tender_record.html").render(context)
