"""Import the council's supplier register: new suppliers are added, known ones updated.

A supplier is the same one when its Companies House number matches, else when its normalised
name does; so re-importing a corrected spreadsheet updates rows rather than duplicating them.
A bad row is reported with its line number and reason, and never stops the good rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.store.models import utcnow
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import cells
from crp_checker.suppliers.names import normalise_name
from crp_checker.suppliers.spreadsheet import RegisterRow, read_register


@dataclass
class ImportReport:
    """What an import did: counts, and each refused row as (line number, reason)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Rows accepted (created, updated or already up to date)."""
        return self.created + self.updated + self.unchanged


def _values(row: RegisterRow) -> dict[str, Any]:
    """The row's typed values by Supplier attribute; raises CellError for the first bad cell."""
    readers = {
        "name": lambda v: cells.bounded(cells.text(v), 200, "supplier name"),
        "companies_house_number": cells.company_number,
        "contracts": lambda v: cells.bounded(cells.text(v), 10_000, "contracts cell"),
        "spend_category": lambda v: cells.bounded(cells.text(v), 100, "spend category"),
        "annual_spend": cells.money,
        "contract_end_date": cells.date,
        "contact_email": cells.email,
        "crp_url": cells.url,
    }
    values = {name: readers[name](value) for name, value in row.cells.items()}
    name = values.get("name")
    if not isinstance(name, str) or not name:
        raise cells.CellError("the supplier name is empty")
    if not normalise_name(name):
        raise cells.CellError(f"the supplier name {values['name']!r} has no letters or digits")
    return values


class _Index:
    """The register as it stands, looked up by number and by normalised name."""

    def __init__(self, suppliers: list[Supplier]) -> None:
        self.by_number = {
            s.companies_house_number: s for s in suppliers if s.companies_house_number
        }
        self.by_name: dict[str, list[Supplier]] = defaultdict(list)
        for supplier in suppliers:
            self.by_name[supplier.normalised_name].append(supplier)

    def add(self, supplier: Supplier) -> None:
        if supplier.companies_house_number:
            self.by_number[supplier.companies_house_number] = supplier
        if supplier not in self.by_name[supplier.normalised_name]:
            self.by_name[supplier.normalised_name].append(supplier)

    def find(self, number: str | None, name: str) -> Supplier | None:
        """The supplier this row is, or None for a new one; CellError when it is ambiguous."""
        if number is not None and number in self.by_number:
            return self.by_number[number]
        same_name = self.by_name.get(name, [])
        if number is not None:
            # A supplier with another number is another company that happens to share the name.
            same_name = [s for s in same_name if s.companies_house_number is None]
        if len(same_name) > 1:
            raise cells.CellError(
                f"{len(same_name)} suppliers in the register are called {same_name[0].name!r}; "
                "add the Companies House number to say which one"
            )
        return same_name[0] if same_name else None


def import_register(
    session: Session, data: bytes, filename: str = "", *, now: dt.datetime | None = None
) -> ImportReport:
    """Add or update suppliers from a CSV or XLSX register; see the module docstring.

    Only the columns the file has are written, so a file without a CRP URL column leaves the
    stored URLs alone; an empty cell in a column the file has clears that value.
    Raises RegisterFileError when the file as a whole cannot be read.
    """
    sheet = read_register(data, filename)
    now = now or utcnow()
    index = _Index(list(session.scalars(select(Supplier))))
    report = ImportReport()
    claimed: dict[Supplier, int] = {}  # supplier -> the line that matched it
    for row in sheet.rows:
        try:
            values = _values(row)
            normalised = normalise_name(values["name"])
            number = values.get("companies_house_number")
            supplier = index.find(number, normalised)
            if supplier is not None and supplier in claimed:
                raise cells.CellError(f"it is the same supplier as line {claimed[supplier]}")
        except cells.CellError as error:
            reason = str(error)
            report.errors.append((row.line, reason[:1].upper() + reason[1:] + "."))
            continue
        values["normalised_name"] = normalised
        if supplier is None:
            supplier = Supplier(**values, created_at=now, updated_at=now)
            session.add(supplier)
            index.add(supplier)
            report.created += 1
        elif _update(supplier, values, now):
            index.add(supplier)
            report.updated += 1
        else:
            report.unchanged += 1
        claimed[supplier] = row.line
    session.flush()
    return report


def _update(supplier: Supplier, values: dict[str, Any], now: dt.datetime) -> bool:
    changed = False
    for name, value in values.items():
        if name == "companies_house_number" and value is None:
            continue  # a row without the number does not forget a known one
        if getattr(supplier, name) != value:
            setattr(supplier, name, value)
            changed = True
    if changed:
        supplier.updated_at = now
    return changed
