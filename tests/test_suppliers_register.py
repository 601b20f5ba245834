"""Tests for importing the supplier register into storage, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sample_register import sample_register
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import (
    count_suppliers,
    import_register,
    list_suppliers,
    spend_categories,
)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Supplier)) or 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_500_rows_with_5_bad_import_495_and_report_the_5_by_line(
    session: Session, kind: str
) -> None:
    sample = sample_register(count=500, bad=5)
    data = sample.csv_bytes() if kind == "csv" else sample.xlsx_bytes()
    report = import_register(session, data, f"register.{kind}")
    assert (report.created, report.updated, report.unchanged) == (495, 0, 0)
    assert [line for line, _ in report.errors] == sample.bad_lines
    reasons = " ".join(reason for _, reason in report.errors)
    for expected in ("name is empty", "Companies House", "annual spend", "date", "email"):
        assert expected in reasons
    assert _count(session) == 495

    again = import_register(session, data, f"register.{kind}")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 495)
    assert [line for line, _ in again.errors] == sample.bad_lines
    assert _count(session) == 495


def test_imported_values_are_normalised(session: Session) -> None:
    data = (
        "Supplier Name,Company No.,Annual Spend (£),Contract End Date,Contact Email,CRP URL,"
        "Spend Category,Contracts\r\n"
        'Acme Widgets Ltd,1234567,"£12,500.00",31/03/2027,crp@acme.example,'
        "acme.example/crp.pdf,ICT,C001; C002\r\n"
    ).encode()
    report = import_register(session, data)
    assert report.created == 1 and report.errors == []
    supplier = session.scalars(select(Supplier)).one()
    assert supplier.normalised_name == "acme widgets"
    assert supplier.companies_house_number == "01234567"
    assert supplier.annual_spend == Decimal("12500.00")
    assert supplier.contract_end_date == dt.date(2027, 3, 31)
    assert supplier.crp_url == "https://acme.example/crp.pdf"
    assert (supplier.spend_category, supplier.contracts) == ("ICT", "C001; C002")


def test_reimport_updates_by_number_then_by_name_and_keeps_absent_columns(
    session: Session,
) -> None:
    first = (
        "Name,Company number,Spend,CRP URL\r\n"
        "Acme Ltd,01234567,100,https://acme.example/crp.pdf\r\n"
        "Bolt & Nut LLP,,200,https://bolt.example/crp.pdf\r\n"
    )
    assert import_register(session, first.encode()).created == 2
    # Renamed (same number), and the same firm spelt differently (matched by name).
    second = (
        "Name,Company number,Spend\r\nAcme Widgets Limited,1234567,150\r\nBOLT AND NUT,,200\r\n"
    )
    report = import_register(session, second.encode())
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 2, 0, [])
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
    assert import_register(session, third.encode()).updated == 1
    assert list_suppliers(session, search="SC123456")[0].id == bolt.id


def test_duplicates_and_ambiguous_names_are_reported_not_guessed(session: Session) -> None:
    data = (
        "Name,Company number\r\n"
        "Acme Ltd,01234567\r\n"
        "Acme Limited,02345678\r\n"  # same name, another company: a second supplier
        "ACME,01234567\r\n"  # the first row again
        "Acme plc,\r\n"  # which Acme?
    )
    report = import_register(session, data.encode())
    assert report.created == 2
    assert report.errors[0] == (4, "It is the same supplier as line 2.")
    assert report.errors[1][0] == 5 and "2 suppliers" in report.errors[1][1]


def test_lists_filter_by_category_and_search(session: Session) -> None:
    import_register(session, sample_register(count=30, bad=0).csv_bytes())
    assert count_suppliers(session) == 30
    categories = spend_categories(session)
    assert categories == sorted(categories) and "ICT" in categories
    assert count_suppliers(session, category="ICT") == 5
    assert all(s.spend_category == "ICT" for s in list_suppliers(session, category="ICT"))
    found = list_suppliers(session, search="builders 1 ltd")
    assert found and all("builders 1" in s.normalised_name for s in found)
