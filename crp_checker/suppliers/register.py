"""Import the council's register: one row per contract (or per supplier); suppliers and their
contracts are added, updated or left as they are.

A row's supplier is the one with its Companies House number, else the one with its normalised
name; a supplier may be on many rows, one per contract (see suppliers.contracts for which
contract a row is). A supplier's details come from its first row that gives each of them (a
later row saying otherwise is noted, not applied); its spend is the sum of its contracts'
values. A bad row is reported with its line number and reason, and never stops the good rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.store.models import utcnow
from crp_checker.store.supplier_models import Supplier, SupplierContract
from crp_checker.suppliers import cells
from crp_checker.suppliers.contracts import find_contract
from crp_checker.suppliers.names import normalise_name
from crp_checker.suppliers.spreadsheet import RegisterFileError, RegisterRow, read_register

MAX_SPEND = Decimal("1e12")  # the SPEND column's limit (store.supplier_models)
SUPPLIER_FIELDS = ("name", "companies_house_number", "contact_email", "crp_url")
FIELD_NAMES = {
    "name": "name",
    "companies_house_number": "Companies House number",
    "contact_email": "contact email",
    "crp_url": "CRP URL",
}
_READERS: dict[str, Callable[[object], Any]] = {
    "name": lambda v: cells.bounded(cells.text(v), 200, "supplier name"),
    "companies_house_number": cells.company_number,
    "contract_reference": lambda v: cells.bounded(cells.text(v), 100, "contract reference"),
    "contract_title": lambda v: cells.bounded(cells.text(v), 500, "contract title"),
    "spend_category": lambda v: cells.bounded(cells.text(v), 100, "spend category"),
    "value": cells.money,
    "end_date": cells.date,
    "contact_email": cells.email,
    "crp_url": cells.url,
}
_CONTRACT_ATTRIBUTES = {
    "contract_reference": "reference",
    "contract_title": "title",
    "spend_category": "spend_category",
    "value": "value",
    "end_date": "end_date",
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    """What an import did, for suppliers and contracts apart; each refused row as (line,
    reason); each accepted row whose supplier details differ from an earlier row as (line, note)."""

    suppliers: Counts = field(default_factory=Counts)
    contracts: Counts = field(default_factory=Counts)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Rows accepted (each is one contract: created, updated or already up to date)."""
        return self.contracts.total


def _values(row: RegisterRow) -> dict[str, Any]:
    """The row's typed values by field; raises CellError for the first bad cell."""
    values = {name: _READERS[name](value) for name, value in row.cells.items()}
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
        # Suppliers given a number by an earlier row of this file (applied after all rows).
        self.numbered: set[int] = set()

    def add(self, supplier: Supplier, number: str | None) -> None:
        if number:
            self.by_number.setdefault(number, supplier)
            self.numbered.add(id(supplier))
        if supplier not in self.by_name[supplier.normalised_name]:
            self.by_name[supplier.normalised_name].append(supplier)

    def find(self, number: str | None, name: str) -> Supplier | None:
        """The supplier this row is, or None for a new one; CellError when it is ambiguous."""
        if number is not None and number in self.by_number:
            return self.by_number[number]
        same_name = self.by_name.get(name, [])
        if number is not None:
            # A supplier with another number is another company that happens to share the name.
            same_name = [
                s
                for s in same_name
                if s.companies_house_number is None and id(s) not in self.numbered
            ]
        if len(same_name) > 1:
            raise cells.CellError(
                f"{len(same_name)} suppliers in the register are called {same_name[0].name!r}; "
                "add the Companies House number to say which one"
            )
        return same_name[0] if same_name else None


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    supplier: Supplier


@dataclass
class _Wanted:
    """A supplier's details as its rows in this file give them, and the line giving each."""

    new: bool
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _error(report: ImportReport, line: int, error: cells.CellError) -> None:
    reason = str(error)
    report.errors.append((line, reason[:1].upper() + reason[1:] + "."))


def import_register(
    session: Session, data: bytes, filename: str = "", *, now: dt.datetime | None = None
) -> ImportReport:
    """Add or update suppliers and contracts from a CSV or XLSX register (module docstring).

    Only the columns the file has are written, so a file without a CRP URL column leaves the
    stored URLs alone; an empty cell in a column the file has clears that value. Contracts not
    in the file are kept. Raises RegisterFileError when the file as a whole cannot be read.
    """
    sheet = read_register(data, filename)
    now = now or utcnow()
    report = ImportReport()
    rows = _resolve_suppliers(session, sheet.rows, report, now)
    rows_per_supplier = Counter(id(row.supplier) for row in rows)
    wanted: dict[int, _Wanted] = {}
    claimed: dict[int, int] = {}  # id(contract) -> the line that gave it
    touched: dict[int, Supplier] = {}
    for row in rows:
        supplier, values = row.supplier, row.values
        contract = find_contract(
            supplier,
            values.get("contract_reference"),
            values.get("contract_title"),
            sole_row=rows_per_supplier[id(supplier)] == 1,
        )
        if contract is not None and id(contract) in claimed:
            _error(report, row.line, _repeated(claimed[id(contract)], contract))
            continue
        if contract is None:
            contract = SupplierContract(created_at=now, updated_at=now)
            supplier.contracts.append(contract)
            _set_contract(contract, values, now)
            report.contracts.created += 1
        elif _set_contract(contract, values, now):
            report.contracts.updated += 1
        else:
            report.contracts.unchanged += 1
        claimed[id(contract)] = row.line
        touched[id(supplier)] = supplier
        _merge(wanted.setdefault(id(supplier), _Wanted(new=supplier.id is None)), row, report)
    for key, supplier in touched.items():
        _apply(supplier, wanted[key], sheet.columns, report, now)
        supplier.annual_spend = _spend(supplier)
        if supplier.annual_spend is not None and supplier.annual_spend >= MAX_SPEND:
            raise RegisterFileError(
                f"The contracts of {supplier.name!r} add up to more than the largest spend "
                "the register holds (£1,000,000,000,000), so nothing was imported.",
                "Check the values of that supplier's contracts.",
            )
    session.flush()
    report.errors.sort()
    report.notes.sort()
    return report


def _resolve_suppliers(
    session: Session, rows: list[RegisterRow], report: ImportReport, now: dt.datetime
) -> list[_Row]:
    """Each readable row with its supplier (new suppliers are added, named by their first row)."""
    index = _Index(list(session.scalars(select(Supplier))))
    resolved: list[_Row] = []
    for row in rows:
        try:
            values = _values(row)
            normalised = normalise_name(values["name"])
            number = values.get("companies_house_number")
            supplier = index.find(number, normalised)
        except cells.CellError as error:
            _error(report, row.line, error)
            continue
        if supplier is None:
            supplier = Supplier(
                name=values["name"],
                normalised_name=normalised,
                companies_house_number=number,
                contact_email=None,
                crp_url=None,
                annual_spend=None,
                organisation_id=None,
                created_at=now,
                updated_at=now,
            )
            session.add(supplier)
        index.add(supplier, number)
        resolved.append(_Row(row.line, values, supplier))
    return resolved


def _repeated(line: int, contract: SupplierContract) -> cells.CellError:
    if contract.reference:
        return cells.CellError(
            f"it repeats contract {contract.reference!r} of the same supplier on line {line}"
        )
    return cells.CellError(
        f"it repeats the same supplier's contract on line {line}; give each contract its own "
        "contract reference"
    )


def _set_contract(contract: SupplierContract, values: dict[str, Any], now: dt.datetime) -> bool:
    """Write the row's contract columns; whether anything changed. A reference is never
    cleared (the contract is known by it)."""
    changed = False
    new = contract.id is None
    for column, attribute in _CONTRACT_ATTRIBUTES.items():
        if column not in values:
            if new:  # every new row gets every column, so the inserts go in one batch
                setattr(contract, attribute, None)
            continue
        value = values[column]
        if attribute == "reference" and value is None and not new:
            continue
        if new or getattr(contract, attribute) != value:
            setattr(contract, attribute, value)
            changed = True
    if changed:
        contract.updated_at = now
    return changed


def _merge(wanted: _Wanted, row: _Row, report: ImportReport) -> None:
    """Take the row's supplier details that no earlier row gave; note the ones that differ."""
    for name in SUPPLIER_FIELDS:
        if name not in row.values:
            continue
        value = row.values[name]
        if name not in wanted.values or wanted.values[name] is None:
            wanted.values[name] = value
            if value is not None:
                wanted.lines[name] = row.line
        elif value is not None and _differs(name, value, wanted.values[name]):
            first = wanted.lines[name]
            report.notes.append(
                (
                    row.line,
                    f"The {FIELD_NAMES[name]} {value!r} differs from {wanted.values[name]!r} "
                    f"on line {first} for the same supplier; line {first}'s is kept.",
                )
            )


def _differs(name: str, value: Any, kept: Any) -> bool:
    if name == "name":
        return bool(value != kept)
    if isinstance(value, str) and isinstance(kept, str):
        return value.casefold() != kept.casefold()
    return bool(value != kept)


def _apply(
    supplier: Supplier,
    wanted: _Wanted,
    columns: frozenset[str],
    report: ImportReport,
    now: dt.datetime,
) -> None:
    """Give the supplier the details its rows asked for; count it created, updated or not."""
    changed = False
    for name in SUPPLIER_FIELDS:
        if name not in columns:
            if wanted.new:  # every new row gets every column, so the inserts go in one batch
                setattr(supplier, name, getattr(supplier, name))
            continue
        value = wanted.values.get(name)
        if name == "companies_house_number" and value is None:
            continue  # a row without the number does not forget a known one
        if getattr(supplier, name) != value:
            setattr(supplier, name, value)
            changed = True
    if changed and normalise_name(supplier.name) != supplier.normalised_name:
        supplier.normalised_name = normalise_name(supplier.name)
    if wanted.new:
        report.suppliers.created += 1
    elif changed:
        supplier.updated_at = now
        report.suppliers.updated += 1
    else:
        report.suppliers.unchanged += 1


def _spend(supplier: Supplier) -> Decimal | None:
    """The sum of the supplier's contract values; None when none has a value."""
    values = [c.value for c in supplier.contracts if c.value is not None]
    return sum(values, Decimal(0)) if values else None
