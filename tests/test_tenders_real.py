"""A test tender with the real plans from ../shared/real-crps/: gate results, moderation and
the exports (CSV, XLSX read back with openpyxl, printable record), on both backends."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import pytest
from databases import add_user
from factories import make_assessment
from openpyxl import load_workbook
from shared_data import require_shared
from sqlalchemy.orm import Session

from crp_checker.pipeline import assess
from crp_checker.report.summary import key_facts
from crp_checker.report.tabular import csv_row
from crp_checker.report.wording import NOT_DISCLOSED
from crp_checker.rules import RULEBOOK_VERSION
from crp_checker.schemas import Assessment, SourceInfo, Verdict
from crp_checker.score import band
from crp_checker.store import Role, User
from crp_checker.tenders import (
    Bid,
    Tender,
    add_bid,
    create_tender,
    matrix_rows,
    moderate,
    tender_buyer_settings,
    tender_settings,
)
from crp_checker.tenders.export import (
    CSV_ENCODING,
    LOG_SHEET,
    MATRIX_COLUMNS,
    matrix_csv,
    matrix_xlsx,
    render_bid_record,
)

PROCUREMENT_DATE = dt.date(2025, 9, 1)
# Bidder -> (file, net zero year and baseline year from SOURCES.md).
PLANS = {
    "SSG Support Services Group Ltd": (
        "ssg-support-services-group_carbon-reduction-plan_2025.pdf",
        2050,
        2023,
    ),
    "EDAN UK": ("edan-uk_carbon-reduction-plan_2023.pdf", 2035, 2022),
    "Kampakis and Co Ltd": (
        "tesseract-academy-kampakis-and-co_carbon-reduction-plan_2025.pdf",
        2050,
        2023,
    ),
    "Integer Training Limited": ("integer-training_NOT-A-CRP_environmental-policy.pdf", None, None),
}


@pytest.fixture(scope="module")
def plans() -> dict[str, tuple[bytes, Assessment]]:
    """Each real PDF assessed once, at the tender's procurement date with default settings."""
    folder = require_shared() / "real-crps"
    found = {}
    for bidder, (name, _, _) in PLANS.items():
        data = (folder / name).read_bytes()
        found[bidder] = (data, assess(data, name=name, check_date=PROCUREMENT_DATE))
    return found


@pytest.fixture
def eve(session: Session) -> User:
    return add_user(session, "eve@council.example", Role.EVALUATOR)


@pytest.fixture
def tender(session: Session, eve: User, plans: dict[str, tuple[bytes, Assessment]]) -> Tender:
    tender = create_tender(
        session,
        title="Grounds maintenance 2026",
        reference="SMBC-2026-014",
        procurement_date=PROCUREMENT_DATE,
        climate_weight_percent=15,
        user=eve,
    )
    assert tender_buyer_settings(tender) == {"check_date": PROCUREMENT_DATE}
    for bidder, (data, assessment) in plans.items():
        add_bid(session, tender, bidder_name=bidder, data=data, assessment=assessment, user=eve)
    return tender


def _bid(tender: Tender, bidder: str) -> Bid:
    return next(bid for bid in tender.bids if bid.bidder_name == bidder)


def _moderate_ssg(session: Session, tender: Tender, eve: User) -> None:
    moderate(
        session,
        _bid(tender, "SSG Support Services Group Ltd"),
        rule_id="scope3-categories",
        outcome="pass",
        reason="Categories 4, 5, 6, 7 and 9 are itemised in the bidder's clarification response.",
        user=eve,
    )


def test_the_real_plans_get_the_expected_gate_results(
    tender: Tender, plans: dict[str, tuple[bytes, Assessment]]
) -> None:
    rows = {row.bidder: row for row in matrix_rows(tender)}
    assert list(rows) == list(PLANS)
    for bidder, (_, net_zero_year, baseline_year) in PLANS.items():
        row = rows[bidder]
        assessment = plans[bidder][1]
        assert assessment.settings == tender_settings(tender)
        # All four fail the gate at 1 September 2025, and so earn no marks.
        assert (row.gate, row.gate_label, row.band, row.marks) == (False, "Fail", 0, 0.0)
        assert row.grounds_failed == assessment.grounds_failed != []
        if assessment.facts.is_crp:  # the policy's facts are not the subject here
            assert (row.net_zero_year, row.baseline_year) == (net_zero_year, baseline_year)
        assert row.quality_score == assessment.score and not row.moderated
    # The environmental policy is not a CRP at all: every PPN 006 ground fails.
    assert rows["Integer Training Limited"].grounds_failed == ["a", "b", "c", "d", "e"]
    # EDAN's 2022 figures are too old for a September 2025 procurement (ground e).
    assert "e" in rows["EDAN UK"].grounds_failed


def test_scope3_coverage_reads_the_same_in_the_matrix_the_report_and_the_csv(
    tender: Tender, plans: dict[str, tuple[bytes, Assessment]]
) -> None:
    """One computation: SSG and EDAN once read "3 of 5" / "5 of 5" here and "0 of 5" there."""
    lines = list(csv.reader(io.StringIO(matrix_csv(tender).decode(CSV_ENCODING))))
    column = lines[0].index("Scope 3 coverage")
    exported = {line[0]: line[column] for line in lines[1:]}
    for row in matrix_rows(tender):
        assessment = plans[row.bidder][1]
        finding = next(f for f in assessment.findings if f.rule == "scope3-categories")
        count = f"{len(row.scope3_covered)} of the {len(row.scope3_required)} required"
        assert finding.message.startswith(count), (row.bidder, finding.message)
        assert (
            exported[row.bidder]
            == row.scope3_text
            == csv_row(assessment)["scope3_required_covered"]
        )
        key_fact = next(r for r in key_facts(assessment) if r.label == "Scope 3 categories")
        assert key_fact.value == NOT_DISCLOSED or key_fact.value.startswith(row.scope3_text)
    ssg = next(r for r in matrix_rows(tender) if r.bidder.startswith("SSG"))
    assert ssg.scope3_text == "0 of 5 (none)"  # named only inside its one Scope 3 total


def test_moderating_the_scope3_finding_opens_the_gate_and_earns_marks(
    session: Session, tender: Tender, eve: User
) -> None:
    before = next(r for r in matrix_rows(tender) if r.bidder.startswith("SSG"))
    assert before.grounds_failed == ["e"] and before.marks == 0.0
    _moderate_ssg(session, tender, eve)
    after = next(r for r in matrix_rows(tender) if r.bidder.startswith("SSG"))
    assert after.gate is True and after.grounds_failed == []
    assert after.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS)
    assert after.quality_score > before.quality_score
    assert after.band is not None and after.marks is not None
    assert after.band == band(after.quality_score, True) > 0
    assert after.marks == pytest.approx(15 * after.band / 5)
    assert after.marks > 0
    assert (after.moderated, after.original_verdict) == (True, Verdict.NON_COMPLIANT)


def test_the_xlsx_holds_the_same_numbers_as_the_matrix(
    session: Session, tender: Tender, eve: User
) -> None:
    _moderate_ssg(session, tender, eve)
    rows = matrix_rows(tender)
    workbook = load_workbook(io.BytesIO(matrix_xlsx(tender)))
    assert workbook.sheetnames == ["Matrix", LOG_SHEET, "Settings"]
    sheet = workbook["Matrix"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == MATRIX_COLUMNS[0].width
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(column.header for column in MATRIX_COLUMNS)
    assert values[1:] == [tuple(column.value(row) for column in MATRIX_COLUMNS) for row in rows]
    headers = list(values[0])
    marks = [line[headers.index("Weighted marks")] for line in values[1:]]
    scores = [line[headers.index("Quality score (0-100)")] for line in values[1:]]
    assert all(isinstance(v, int | float) for v in marks + scores)  # numbers, not text
    assert marks == [row.marks for row in rows] and max(marks) > 0

    log = list(workbook[LOG_SHEET].iter_rows(values_only=True))
    assert log[0][:5] == ("When (UTC)", "Who", "Bidder", "Event", "Rule")
    assert [entry[3] for entry in log[1:]] == ["Bid received"] * len(PLANS) + ["Moderation"]
    when, who, bidder, _, rule, before, after, reason = log[-1]
    assert isinstance(when, dt.datetime) and who == "eve@council.example"
    assert (bidder, rule, before, after) == (
        "SSG Support Services Group Ltd",
        "scope3-categories",
        "Fail",
        "Pass",
    )
    assert isinstance(reason, str) and reason.startswith("Categories 4, 5, 6, 7 and 9")

    settings = dict(workbook["Settings"].iter_rows(values_only=True))
    assert settings["Reference"] == "SMBC-2026-014"
    assert settings["Climate criterion weight (%)"] == 15
    assert settings["Procurement date (check date)"] == dt.datetime(2025, 9, 1)
    assert settings["Buyer setting: net_zero_deadline (default)"] == 2050
    assert settings["Rulebook version"] == RULEBOOK_VERSION


def test_the_csv_has_a_bom_and_the_same_values(tender: Tender) -> None:
    data = matrix_csv(tender)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode(CSV_ENCODING))))
    assert lines[0] == [column.header for column in MATRIX_COLUMNS]
    rows = matrix_rows(tender)
    assert len(lines) == len(rows) + 1
    headers = lines[0]
    for line, row in zip(lines[1:], rows, strict=True):
        assert line[headers.index("Bidder")] == row.bidder
        assert int(line[headers.index("Quality score (0-100)")]) == row.quality_score
        assert float(line[headers.index("Weighted marks")]) == row.marks
        assert line[headers.index("Gate (PPN 006)")] == "Fail"


def test_the_printable_record_traces_marks_to_evidence_and_moderation(
    session: Session, tender: Tender, eve: User
) -> None:
    _moderate_ssg(session, tender, eve)
    html = render_bid_record(
        tender, _bid(tender, "SSG Support Services Group Ltd"), generated_at=dt.datetime.now(dt.UTC)
    )
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "SSG Support Services Group Ltd" in html and "SMBC-2026-014" in html
    assert "Moderated from Fail to Pass by eve@council.example" in html
    assert "itemised in the bidder&#39;s clarification response" in html
    assert "p. 3: “Total Emissions 368.5”" in html  # evidence with its page
    assert "Checker outcome: Pass (not moderated)." in html
    assert "(checker: Not compliant)" in html
    other = render_bid_record(tender, _bid(tender, "Integer Training Limited"))
    assert "fails PPN 006 grounds a, b, c, d, e" in other
    assert "No finding of this bid was moderated" in other


def test_text_that_looks_like_a_formula_stays_text(session: Session, eve: User) -> None:
    tender = create_tender(
        session, title="T", reference="R", procurement_date=PROCUREMENT_DATE, user=eve
    )
    content = b"plan"
    source = SourceInfo(
        name="=cmd.pdf", kind="pdf", sha256=hashlib.sha256(content).hexdigest(), size_bytes=4
    )
    assessment = make_assessment(source=source, settings=tender_settings(tender))
    bidder = '=HYPERLINK("http://evil.example","x")'
    add_bid(session, tender, bidder_name=bidder, data=content, assessment=assessment, user=eve)
    sheet = load_workbook(io.BytesIO(matrix_xlsx(tender)))["Matrix"]
    assert sheet["A2"].value == bidder and sheet["A2"].data_type == "s"
    line = matrix_csv(tender).decode(CSV_ENCODING).splitlines()[1]
    assert line.startswith("'=HYPERLINK") or line.startswith("\"'=HYPERLINK")
