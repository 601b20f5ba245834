"""Tests for reading supplier registers: names, company numbers, cells and header spellings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from sample_register import sample_register

from crp_checker.suppliers import cells
from crp_checker.suppliers.names import normalise_company_number, normalise_name
from crp_checker.suppliers.spreadsheet import RegisterFileError, header_field, read_register


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Widgets Ltd.", "acme widgets"),
        ("ACME WIDGETS LIMITED", "acme widgets"),
        ("Acme-Widgets", "acme widgets"),
        ("Smith & Sons PLC", "smith and sons"),
        ("Smith and Sons LLP", "smith and sons"),
        ("Café Crème Ltd Limited", "cafe creme"),
        ("Limited Edition Prints Ltd", "limited edition prints"),
        ("Limited", "limited"),
        ("O'Brien's Builders", "obriens builders"),
    ],
)
def test_names_normalise_case_punctuation_and_legal_suffix(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("01234567", "01234567"),
        ("1234567", "01234567"),
        ("1234567.0", "01234567"),
        ("sc 12345", "SC012345"),
        ("OC301234", "OC301234"),
    ],
)
def test_company_numbers_are_eight_characters_zero_padded(number: str, expected: str) -> None:
    assert normalise_company_number(number) == expected


@pytest.mark.parametrize("number", ["123456789", "SC1234567", "ABC12345", "12-34", ""])
def test_impossible_company_numbers_are_refused(number: str) -> None:
    with pytest.raises(ValueError):
        normalise_company_number(number)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("£12,500.00", Decimal("12500.00")),
        ("12500", Decimal("12500.00")),
        ("GBP 1,000.5", Decimal("1000.50")),
        (12500.456, Decimal("12500.46")),
        (7, Decimal("7.00")),
        ("", None),
        (None, None),
    ],
)
def test_money_reads_pounds_to_the_penny(value: object, expected: Decimal | None) -> None:
    assert cells.money(value) == expected


@pytest.mark.parametrize("value", ["twelve thousand", "-5", "£1e20", "NaN", True])
def test_money_refuses_what_is_not_an_amount(value: object) -> None:
    with pytest.raises(cells.CellError):
        cells.money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("31/03/2026", dt.date(2026, 3, 31)),
        ("01/02/2026", dt.date(2026, 2, 1)),  # UK day first, not 2 January
        ("31 March 2026", dt.date(2026, 3, 31)),
        (dt.datetime(2026, 3, 31, 0, 0), dt.date(2026, 3, 31)),
        ("", None),
    ],
)
def test_dates_are_iso_or_uk_day_first(value: object, expected: dt.date | None) -> None:
    assert cells.date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2026", "2026-02-30", "March 2026", "soon", "12"])
def test_impossible_or_incomplete_dates_are_refused(value: str) -> None:
    with pytest.raises(cells.CellError):
        cells.date(value)


def test_urls_without_a_scheme_get_https_and_non_urls_are_refused() -> None:
    assert cells.url("www.acme.example/crp.pdf") == "https://www.acme.example/crp.pdf"
    with pytest.raises(cells.CellError):
        cells.url("see our website")
    with pytest.raises(cells.CellError):
        cells.email("accounts at acme")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Supplier Name", "name"),
        ("COMPANY NO.", "companies_house_number"),
        ("Companies House Number", "companies_house_number"),
        ("CRN", "companies_house_number"),
        ("Annual Spend (£)", "value"),
        ("Annual Value (£)", "value"),
        ("Contract Value GBP", "value"),
        ("Contract Ref", "contract_reference"),
        ("Contract Title", "contract_title"),
        ("Contracts", "contract_title"),
        ("spend category", "spend_category"),
        ("Contract End", "end_date"),
        ("E-mail", "contact_email"),
        ("CRP link", "crp_url"),
        ("Notes", None),
    ],
)
def test_headers_are_matched_case_insensitively_in_common_spellings(
    header: str, field: str | None
) -> None:
    assert header_field(header) == field


def test_csv_and_xlsx_of_the_same_register_read_the_same() -> None:
    sample = sample_register(count=20, bad=2)
    from_csv = read_register(sample.csv_bytes(), "register.csv")
    from_xlsx = read_register(sample.xlsx_bytes(), "register.xlsx")
    assert len(from_csv.rows) == len(from_xlsx.rows) == 20
    assert [r.line for r in from_csv.rows] == list(range(2, 22))
    assert from_csv.columns == from_xlsx.columns
    first_csv, first_xlsx = from_csv.rows[0].cells, from_xlsx.rows[0].cells
    assert {k: cells.text(v) for k, v in first_csv.items()} == {
        k: cells.text(v) for k, v in first_xlsx.items()
    }


def test_semicolon_separated_cp1252_csv_with_blank_rows() -> None:
    data = "Name;Annual spend\r\nCafé Ltd;£1.000\r\n;\r\nBistro Ltd;200\r\n".encode("cp1252")
    sheet = read_register(data)
    assert [(row.line, row.cells["name"]) for row in sheet.rows] == [
        (2, "Café Ltd"),
        (4, "Bistro Ltd"),
    ]
    assert sheet.columns == {"name", "value"}


def test_xlsx_numbers_and_dates_come_through_typed() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Company", "Company number", "Spend", "End date"])
    sheet.append(["Acme Ltd", 1234567, 12500.5, dt.datetime(2027, 3, 31)])
    path_bytes = _xlsx(workbook)
    row = read_register(path_bytes).rows[0]
    assert cells.company_number(row.cells["companies_house_number"]) == "01234567"
    assert cells.money(row.cells["value"]) == Decimal("12500.50")
    assert cells.date(row.cells["end_date"]) == dt.date(2027, 3, 31)


def _xlsx(workbook: openpyxl.Workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Spend,Category\r\n10,ICT\r\n", "no supplier name column"),
        (b"PK\x03\x04not really a zip", "not a readable .xlsx"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(data: bytes, message: str) -> None:
    with pytest.raises(RegisterFileError, match=message):
        read_register(data, "register")


def test_the_sample_breaks_exactly_the_rows_it_says() -> None:
    sample = sample_register(count=500, bad=5)
    assert len(sample.rows) == 501 and len(sample.bad_lines) == 5
    assert len(set(sample.bad_lines)) == 5 and all(2 <= n <= 501 for n in sample.bad_lines)
