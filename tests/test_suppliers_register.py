"""Tests for importing the supplier register into storage, on SQLite and PostgreSQL: suppliers
and their contracts, re-imports that change nothing, and the export of the register as held."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sample_register import contract_register, sample_register
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crp_checker.store.supplier_models import Supplier, SupplierContract
from crp_checker.suppliers import (
    RegisterFileError,
    count_suppliers,
    import_register,
    list_suppliers,
    normalise_name,
    spend_categories,
    write_register,
)
from crp_checker.suppliers.export import HEADERS


def _count(session: Session, model: type[object] = Supplier) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _counts(counts: object) -> tuple[int, int, int]:
    return (counts.created, counts.updated, counts.unchanged)  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_500_rows_with_5_bad_import_495_and_report_the_5_by_line(
    session: Session, kind: str
) -> None:
    sample = sample_register(count=500, bad=5)
    data = sample.csv_bytes() if kind == "csv" else sample.xlsx_bytes()
    report = import_register(session, data, f"register.{kind}")
    assert _counts(report.suppliers) == (495, 0, 0)
    assert _counts(report.contracts) == (495, 0, 0)
    assert [line for line, _ in report.errors] == sample.bad_lines
    reasons = " ".join(reason for _, reason in report.errors)
    for expected in ("name is empty", "Companies House", "annual spend", "date", "email"):
        assert expected in reasons
    assert _count(session) == 495

    again = import_register(session, data, f"register.{kind}")
    assert _counts(again.suppliers) == (0, 0, 495)
    assert _counts(again.contracts) == (0, 0, 495)
    assert [line for line, _ in again.errors] == sample.bad_lines
    assert _count(session) == 495


def _spend_by_supplier(rows: list[list[str]], bad_lines: list[int]) -> dict[str, Decimal]:
    """Each good row's value added up by supplier (normalised name: unique in the sample)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line, row in enumerate(rows[1:], start=2):
        if line not in bad_lines:
            totals[normalise_name(row[0])] += Decimal(row[5].replace("£", "").replace(",", ""))
    return totals


def test_a_register_with_one_row_per_contract_keeps_every_contract(
    session: Session, tmp_path: Path
) -> None:
    # 300 suppliers, two of them with a second contract on a later row, and 5 bad rows.
    sample = contract_register(suppliers=300, repeats=2, bad=5)
    report = import_register(session, sample.csv_bytes(), "contracts.csv")
    assert [line for line, _ in report.errors] == sample.bad_lines
    assert _counts(report.suppliers) == (300, 0, 0)
    assert _counts(report.contracts) == (302, 0, 0)
    assert (_count(session), _count(session, SupplierContract)) == (300, 302)
    expected = _spend_by_supplier(sample.rows, sample.bad_lines)
    for supplier in session.scalars(select(Supplier)):
        assert supplier.annual_spend == expected[supplier.normalised_name]

    # The export holds the register as held: one row per contract, spend = sum of its rows.
    out = tmp_path / "register.csv"
    assert write_register(session, out) == 302
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(exported) == 302
    by_supplier: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in exported:
        by_supplier[row["Supplier Name"]].append(row)
    assert sum(1 for rows in by_supplier.values() if len(rows) == 2) == 2
    for rows in by_supplier.values():
        total = sum(Decimal(row["Contract Value"]) for row in rows)
        assert {Decimal(row["Supplier Annual Spend"]) for row in rows} == {total}

    # The same file again, the same content as XLSX, and the export itself: nothing changes.
    for data, name in (
        (sample.csv_bytes(), "contracts.csv"),
        (sample.xlsx_bytes(), "contracts.xlsx"),
        (out.read_bytes(), "register.csv"),
    ):
        again = import_register(session, data, name)
        assert _counts(again.suppliers) == (0, 0, 300), name
        assert _counts(again.contracts) == (0, 0, 302), name
    assert (_count(session), _count(session, SupplierContract)) == (300, 302)


def test_the_xlsx_export_is_formula_safe_and_reads_back_unchanged(
    session: Session, tmp_path: Path
) -> None:
    data = (
        b"Supplier Name,Contract Reference,Annual Value,Contact Email\r\n"
        b'"=HYPERLINK(""http://evil.example"",""Acme"")",C-1,100,a@acme.example\r\n'
        b"Bolt Ltd,C-2,200,b@bolt.example\r\n"
    )
    import_register(session, data)
    out = tmp_path / "register.xlsx"
    assert write_register(session, out) == 2
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names[1].startswith("=HYPERLINK")
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))
    again = import_register(session, out.read_bytes(), "register.xlsx")
    assert _counts(again.contracts) == (0, 0, 2)
    csv_out = tmp_path / "register.csv"
    write_register(session, csv_out)
    assert "'=HYPERLINK" in csv_out.read_text(encoding="utf-8-sig")


def test_imported_values_are_normalised(session: Session) -> None:
    data = (
        "Supplier Name,Company No.,Annual Spend (£),Contract End Date,Contact Email,CRP URL,"
        "Spend Category,Contracts\r\n"
        'Acme Widgets Ltd,1234567,"£12,500.00",31/03/2027,crp@acme.example,'
        "acme.example/crp.pdf,ICT,C001; C002\r\n"
    ).encode()
    report = import_register(session, data)
    assert report.suppliers.created == 1 and report.errors == []
    supplier = session.scalars(select(Supplier)).one()
    assert supplier.normalised_name == "acme widgets"
    assert supplier.companies_house_number == "01234567"
    assert supplier.annual_spend == Decimal("12500.00")
    assert supplier.crp_url == "https://acme.example/crp.pdf"
    (contract,) = supplier.contracts
    assert (contract.title, contract.spend_category) == ("C001; C002", "ICT")
    assert (contract.value, contract.end_date) == (Decimal("12500.00"), dt.date(2027, 3, 31))
    assert supplier.categories == ["ICT"]


def test_reimport_updates_by_number_then_by_name_and_keeps_absent_columns(
    session: Session,
) -> None:
    first = (
        "Name,Company number,Spend,CRP URL\r\n"
        "Acme Ltd,01234567,100,https://acme.example/crp.pdf\r\n"
        "Bolt & Nut LLP,,200,https://bolt.example/crp.pdf\r\n"
    )
    assert import_register(session, first.encode()).suppliers.created == 2
    # Renamed (same number), and the same firm spelt differently (matched by name).
    second = (
        "Name,Company number,Spend\r\nAcme Widgets Limited,1234567,150\r\nBOLT AND NUT,,200\r\n"
    )
    report = import_register(session, second.encode())
    assert _counts(report.suppliers) == (0, 2, 0) and report.errors == []
    assert _counts(report.contracts) == (0, 1, 1)  # Acme's spend changed, Bolt's did not
    acme, bolt = list_suppliers(session)
    assert (acme.name, acme.normalised_name, acme.annual_spend) == (
        "Acme Widgets Limited",
        "acme widgets",
        Decimal("150.00"),
    )
    assert acme.crp_url == "https://acme.example/crp.pdf"  # no URL column: left alone
    assert (bolt.name, bolt.crp_url) == ("BOLT AND NUT", "https://bolt.example/crp.pdf")
    # A number arriving later is added to the supplier matched by name.
    third = "Name,Company number\r\nBolt and Nut,SC123456\r\n"
    assert import_register(session, third.encode()).suppliers.updated == 1
    assert list_suppliers(session, search="SC123456")[0].id == bolt.id
    assert list_suppliers(session, search="sc 123456")[0].id == bolt.id


def test_contracts_are_matched_by_reference_and_their_sum_is_the_spend(session: Session) -> None:
    first = (
        "Supplier,Contract Ref,Value,End date,Category\r\n"
        "Acme Ltd,C-1,100,2027-01-31,ICT\r\n"
        "Acme Ltd,C-2,50.50,2026-09-30,Facilities\r\n"
        "ACME LIMITED,c-3,25,,ICT\r\n"
    )
    report = import_register(session, first.encode())
    assert _counts(report.suppliers) == (1, 0, 0)
    assert _counts(report.contracts) == (3, 0, 0)
    (acme,) = list_suppliers(session)
    assert acme.annual_spend == Decimal("175.50")
    assert acme.categories == ["Facilities", "ICT"]
    # One contract changes (C-2), one is left out of the file (C-3 stays), one is new (C-4).
    second = (
        "Supplier,Contract Ref,Value,End date,Category\r\n"
        "Acme Ltd,C-1,100,2027-01-31,ICT\r\n"
        "Acme Ltd,C-2,60,2026-09-30,Facilities\r\n"
        "Acme Ltd,C-4,10,2028-01-01,Highways\r\n"
    )
    report = import_register(session, second.encode())
    assert _counts(report.contracts) == (1, 1, 1)
    assert _counts(report.suppliers) == (0, 0, 1)
    session.refresh(acme)
    assert sorted(c.reference or "" for c in acme.contracts) == ["C-1", "C-2", "C-4", "c-3"]
    assert acme.annual_spend == Decimal("195.00")


def test_a_one_row_per_supplier_register_updates_its_contract_as_the_cell_changes(
    session: Session,
) -> None:
    import_register(session, b"Supplier,Contracts,Spend\r\nAcme Ltd,C001,100\r\n")
    report = import_register(session, b"Supplier,Contracts,Spend\r\nAcme Ltd,C001; C002,140\r\n")
    assert _counts(report.contracts) == (0, 1, 0)
    (acme,) = list_suppliers(session)
    assert [(c.title, c.value) for c in acme.contracts] == [("C001; C002", Decimal("140.00"))]
    # A later export with a reference column: the contract gains its reference.
    later = b"Supplier,Contract Reference,Contract Title,Spend\r\nAcme Ltd,R-9,C001; C002,140\r\n"
    assert _counts(import_register(session, later).contracts) == (0, 1, 0)
    session.refresh(acme)
    assert [(c.reference, c.title) for c in acme.contracts] == [("R-9", "C001; C002")]
    assert acme.annual_spend == Decimal("140.00")


def test_repeated_contracts_and_ambiguous_names_are_reported_not_guessed(
    session: Session,
) -> None:
    data = (
        "Name,Company number,Contract reference\r\n"
        "Acme Ltd,01234567,C-1\r\n"
        "Acme Limited,02345678,C-1\r\n"  # same name, another company: a second supplier
        "ACME,01234567,C-1\r\n"  # the first row's contract again
        "Acme plc,,C-7\r\n"  # which Acme?
        "ACME,01234567,C-2\r\n"  # the first supplier's second contract: fine
    )
    report = import_register(session, data.encode())
    assert _counts(report.suppliers) == (2, 0, 0)
    assert _counts(report.contracts) == (3, 0, 0)
    assert report.errors[0] == (4, "It repeats contract 'C-1' of the same supplier on line 2.")
    assert report.errors[1][0] == 5 and "2 suppliers" in report.errors[1][1]
    without_references = b"Name\r\nBolt Ltd\r\nBolt Ltd\r\n"
    report = import_register(session, without_references)
    assert report.errors == [
        (
            3,
            "It repeats the same supplier's contract on line 2; give each contract its own "
            "contract reference.",
        )
    ]


def test_two_companies_of_one_name_stay_apart_when_their_numbers_come_in_one_file(
    session: Session,
) -> None:
    import_register(session, b"Name,Contract reference\r\nAcme Ltd,C-1\r\n")
    data = (
        "Name,Company number,Contract reference\r\n"
        "Acme Ltd,01234567,C-1\r\n"  # the registered Acme gains its number
        "Acme Limited,07654321,C-9\r\n"  # another company of the same name
    )
    report = import_register(session, data.encode())
    assert report.errors == [] and _counts(report.suppliers) == (1, 1, 0)
    numbers = sorted(s.companies_house_number or "" for s in list_suppliers(session))
    assert numbers == ["01234567", "07654321"]


def test_a_supplier_detail_that_differs_between_its_rows_is_noted_and_the_first_kept(
    session: Session,
) -> None:
    data = (
        "Name,Contract reference,Contact email\r\n"
        "Acme Ltd,C-1,crp@acme.example\r\n"
        "Acme Ltd,C-2,\r\n"  # empty: says nothing
        "Acme Ltd,C-3,other@acme.example\r\n"
    )
    report = import_register(session, data.encode())
    assert report.errors == []
    assert len(report.notes) == 1 and report.notes[0][0] == 4
    assert "other@acme.example" in report.notes[0][1] and "line 2" in report.notes[0][1]
    (acme,) = list_suppliers(session)
    assert acme.contact_email == "crp@acme.example"


def test_lists_filter_by_contract_category_and_search(session: Session) -> None:
    import_register(session, sample_register(count=30, bad=0).csv_bytes())
    assert count_suppliers(session) == 30
    categories = spend_categories(session)
    assert categories == sorted(categories) and "ICT" in categories
    assert count_suppliers(session, category="ICT") == 5
    assert all("ICT" in s.categories for s in list_suppliers(session, category="ICT"))
    found = list_suppliers(session, search="builders 1 ltd")
    assert found and all("builders 1" in s.normalised_name for s in found)


def test_spend_past_what_the_register_holds_refuses_the_file_and_writes_nothing(
    session: Session,
) -> None:
    data = b"Name,Contract reference,Value\r\nBig Ltd,A,900000000000\r\nBig Ltd,B,900000000000\r\n"
    with pytest.raises(RegisterFileError, match="add up to more"):
        import_register(session, data)
    session.rollback()
    assert _count(session) == 0
