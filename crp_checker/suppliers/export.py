"""The register as held, for the council's own tools: one row per contract with its supplier's
details, spend and latest check (a supplier without contracts gets one row of its own).

The headers are ones the import reads, so exporting and importing the file again changes
nothing. Cells are formula-safe: CSV text that a spreadsheet would run is prefixed with an
apostrophe (report.tabular.safe_cell); XLSX text is written as text cells, never formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.report.tabular import csv_text, safe_cell
from crp_checker.store.supplier_models import Supplier, SupplierContract
from crp_checker.suppliers.contracts import renewal_window_end
from crp_checker.suppliers.listing import LatestCheck, latest_checks

CSV_ENCODING = "utf-8-sig"  # Excel needs the BOM to read "£" and accented names
Value = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class ExportRow:
    supplier: Supplier
    contract: SupplierContract | None
    latest: LatestCheck | None
    renewal_due: bool


def _contract(attribute: str) -> Callable[[ExportRow], Value]:
    def value(row: ExportRow) -> Value:
        return None if row.contract is None else getattr(row.contract, attribute)

    return value


def _latest(attribute: str) -> Callable[[ExportRow], Value]:
    def value(row: ExportRow) -> Value:
        return None if row.latest is None else getattr(row.latest, attribute)

    return value


COLUMNS: tuple[tuple[str, Callable[[ExportRow], Value]], ...] = (
    ("Supplier Name", lambda r: r.supplier.name),
    ("Companies House Number", lambda r: r.supplier.companies_house_number),
    ("Contact Email", lambda r: r.supplier.contact_email),
    ("CRP URL", lambda r: r.supplier.crp_url),
    ("Supplier Annual Spend", lambda r: r.supplier.annual_spend),
    ("Contract Reference", _contract("reference")),
    ("Contract Title", _contract("title")),
    ("Spend Category", _contract("spend_category")),
    ("Contract Value", _contract("value")),
    ("Contract End Date", _contract("end_date")),
    ("Re-check Before Renewal", lambda r: "yes" if r.renewal_due else None),
    ("Plan Status", lambda r: r.latest.status if r.latest else "no_plan"),
    ("Latest Verdict", lambda r: r.latest.verdict.value if r.latest else None),
    ("Latest Score", _latest("score")),
    ("Net Zero Year", _latest("net_zero_year")),
    ("Check Date", _latest("check_date")),
    ("Report", lambda r: f"/reports/{r.latest.public_id}" if r.latest else None),
)
HEADERS = tuple(header for header, _ in COLUMNS)


def export_rows(session: Session, today: dt.date | None = None) -> list[ExportRow]:
    """Every contract of every supplier, suppliers by name."""
    return list(_rows(session, today or dt.date.today()))


def _rows(session: Session, today: dt.date) -> Iterator[ExportRow]:
    last = renewal_window_end(today)
    statement = select(Supplier).order_by(Supplier.normalised_name, Supplier.id)
    suppliers = list(session.scalars(statement))
    latest = latest_checks(session)
    for supplier in suppliers:
        check = latest.get(supplier.id)
        if not supplier.contracts:
            yield ExportRow(supplier, None, check, False)
        for contract in supplier.contracts:
            end = contract.end_date
            due = end is not None and today <= end <= last
            yield ExportRow(supplier, contract, check, due)


def _values(row: ExportRow) -> list[Value]:
    return [value(row) for _, value in COLUMNS]


def register_csv(rows: list[ExportRow]) -> bytes:
    """The rows as CSV bytes (UTF-8 with a byte-order mark)."""
    cells = ([_csv_cell(v) for v in _values(row)] for row in rows)
    return csv_text(HEADERS, cells).encode(CSV_ENCODING)


def _csv_cell(value: Value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(value)


def register_xlsx(rows: list[ExportRow]) -> bytes:
    """The rows as an XLSX workbook of one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(_values(row), start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            if cell.data_type == "f":  # text from a register or a plan: never a formula
                cell.data_type = "s"
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for column in range(1, len(HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 20
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ExportFormatError(CRPError):
    code = "export_format"
    http_status = 400
    default_hint = "Name the file .csv or .xlsx."


def write_register(session: Session, out: Path, today: dt.date | None = None) -> int:
    """Write the register to `out` (.csv or .xlsx) atomically; how many rows."""
    writers = {".csv": register_csv, ".xlsx": register_xlsx}
    writer = writers.get(out.suffix.lower())
    if writer is None:
        raise ExportFormatError(f"{out.name} is neither a .csv nor an .xlsx file.")
    rows = export_rows(session, today)
    data = writer(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return len(rows)
