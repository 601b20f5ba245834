"""Read a supplier register from CSV or XLSX into rows keyed by field, whatever the headers say.

Councils export registers from finance systems and procurement portals with their own column
names ("Supplier Name", "Company No.", "Contract Ref", "Annual Spend (£)"); headers are matched
case-insensitively against the common spellings below. A register has one row per contract (a
supplier may be on several rows) or one row per supplier. Line numbers are spreadsheet row
numbers (header = 1).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from crp_checker.errors import CRPError

FIELDS = (
    "name",
    "companies_house_number",
    "contract_reference",
    "contract_title",
    "spend_category",
    "value",
    "end_date",
    "contact_email",
    "crp_url",
)
# The fields of the contract on a row; the others are the supplier's.
CONTRACT_FIELDS = frozenset(
    {"contract_reference", "contract_title", "spend_category", "value", "end_date"}
)
# Header spellings, compared with everything but letters and digits removed.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "supplier",
        "suppliername",
        "company",
        "companyname",
        "organisation",
        "organisationname",
        "organization",
        "organizationname",
        "vendor",
        "vendorname",
    ),
    "companies_house_number": (
        "companieshousenumber",
        "companieshouseno",
        "companieshouse",
        "companieshousereference",
        "companynumber",
        "companyno",
        "companyregistrationnumber",
        "companyregistrationno",
        "registrationnumber",
        "registeredcompanynumber",
        "chnumber",
        "chno",
        "crn",
    ),
    "contract_reference": (
        "contractreference",
        "contractreferences",
        "contractref",
        "contractrefs",
        "contractid",
        "contractno",
        "contractnumber",
        "contractcode",
        "reference",
        "ref",
    ),
    "contract_title": (
        "contracts",
        "contract",
        "contractname",
        "contractnames",
        "contracttitle",
        "contractdescription",
        "title",
        "description",
    ),
    "spend_category": (
        "spendcategory",
        "category",
        "procurementcategory",
        "servicecategory",
    ),
    "value": (
        "annualspend",
        "spend",
        "annualspendgbp",
        "annualvalue",
        "annualcontractvalue",
        "spendperyear",
        "yearlyspend",
        "contractvalue",
        "contractvaluegbp",
        "value",
        "valuegbp",
    ),
    "end_date": (
        "contractenddate",
        "contractend",
        "enddate",
        "contractexpiry",
        "contractexpirydate",
        "expirydate",
    ),
    "contact_email": (
        "contactemail",
        "contactemailaddress",
        "email",
        "emailaddress",
    ),
    "crp_url": (
        "crpurl",
        "crplink",
        "crp",
        "carbonreductionplan",
        "carbonreductionplanurl",
        "carbonreductionplanlink",
        "planurl",
        "url",
    ),
}
_ALIAS_TO_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
MAX_ROWS = 100_000
XLSX_MAGIC = b"PK\x03\x04"

# A cell as read: text from CSV; text, numbers, datetimes or None from XLSX.
Cell = object


class RegisterFileError(CRPError):
    """The register file as a whole cannot be read (rows with problems are reported instead)."""

    code = "register_file"
    http_status = 422
    default_hint = (
        "Upload a CSV or Excel (.xlsx) file whose first row holds the column names, with at "
        "least a supplier name column."
    )


@dataclass(frozen=True)
class RegisterRow:
    """One data row: its spreadsheet line number and the cells of the known columns."""

    line: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class RegisterSheet:
    """The rows of a register and which known columns it has (missing columns are left
    untouched on re-import, empty cells clear the value)."""

    columns: frozenset[str]
    rows: list[RegisterRow]


def header_field(header: object) -> str | None:
    """The register field a column header names, or None for a column we do not use."""
    key = _NOT_ALNUM.sub("", str(header or "").casefold().replace("£", "gbp"))
    # "Annual Value (£)" and "Value GBP" name the same column as "Annual Value".
    return _ALIAS_TO_FIELD.get(key) or _ALIAS_TO_FIELD.get(key.removesuffix("gbp"))


def read_register(data: bytes, filename: str = "") -> RegisterSheet:
    """The rows of a CSV or XLSX register (told apart by content, not by the name)."""
    if not data.strip():
        raise RegisterFileError(f"The register {filename or 'file'} is empty.")
    raw_rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    header = next(raw_rows, None)
    if header is None:
        raise RegisterFileError(f"The register {filename or 'file'} has no rows.")
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        field = header_field(title)
        if field is not None and field not in positions:
            positions[field] = index
    if "name" not in positions:
        raise RegisterFileError(
            f"The register {filename or 'file'} has no supplier name column "
            f"(its columns are: {', '.join(str(h) for h in header if h is not None)})."
        )
    rows: list[RegisterRow] = []
    for line, values in enumerate(raw_rows, start=2):
        if line > MAX_ROWS + 1:
            raise RegisterFileError(f"The register has more than {MAX_ROWS} rows.")
        cells = {f: values[i] if i < len(values) else None for f, i in positions.items()}
        if not all(_blank(value) for value in cells.values()):
            rows.append(RegisterRow(line=line, cells=cells))
    return RegisterSheet(columns=frozenset(positions), rows=rows)


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _csv_rows(data: bytes) -> Iterator[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on UK Windows
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        raise RegisterFileError(f"The register is not valid CSV: {error}.") from error


def _xlsx_rows(data: bytes) -> Iterator[list[Cell]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise RegisterFileError(f"The register is not a readable .xlsx file: {error}.") from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()
