"""One factory per object the tests build: Assessments and Findings (without running the
pipeline), register Suppliers, and tenders with bids. Import them; do not copy them into a
test module."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from crp_checker.schemas import (
    Assessment,
    BuyerSettings,
    Evidence,
    Facts,
    Finding,
    Outcome,
    Period,
    Scope3Category,
    Severity,
    Signatory,
    SourceInfo,
    SupportRoute,
    Verdict,
)
from crp_checker.store.models import User
from crp_checker.store.supplier_models import Supplier, SupplierContract
from crp_checker.store.tender_models import Bid, Tender
from crp_checker.suppliers.names import normalise_name
from crp_checker.tenders import add_bid, create_tender, tender_settings

SCRIPT_QUOTE = 'We will reach net zero <script>alert("x")</script> by 2060.'


def make_finding(
    rule: str,
    section: str,
    outcome: Outcome,
    severity: Severity = Severity.MANDATORY,
    *,
    serves: list[str] | None = None,
    evidence: list[Evidence] | None = None,
    fix: str | None = None,
) -> Finding:
    """A finding with a readable title and message derived from its id."""
    return Finding(
        rule=rule,
        title=rule.replace("-", " ").capitalize(),
        section=section,
        outcome=outcome,
        severity=severity,
        serves=serves or ["b"],
        message=f"Message for {rule}.",
        fix=fix,
        evidence=evidence or [],
    )


def make_assessment(**overrides: Any) -> Assessment:
    """A non-compliant plan touching every part of the report; override any field."""
    facts = Facts(
        is_crp=True,
        crp_kind="standalone",
        organisation="Acme Widgets Ltd",
        publication_date=dt.date(2024, 3, 1),
        publication_date_precision="month",
        net_zero_year=2060,
        net_zero_wording="We will reach net zero by 2060.",
        net_zero_strength="commitment",
        baseline=Period(
            label="FY2019/20",
            end_year=2020,
            scope1=120.5,
            scope2=80.0,
            scope3=1234.5,
            total=1435.0,
            unit="tCO2e",
            derived={"scope3": "sum of 5 category rows"},
        ),
        current=Period(
            label="2023",
            start=dt.date(2023, 1, 1),
            end=dt.date(2023, 12, 31),
            end_year=2023,
            scope1=100.25,
            scope2=None,
            scope3=900.0,
            total=None,
            unit="kgCO2e",
            converted_from_kg=True,
            not_numeric={"total": "TBC"},
        ),
        scope3_categories=[4, 6, 7],
        scope3_detail=[
            Scope3Category(number=4, name="Upstream transportation", as_written="deliveries"),
            Scope3Category(number=6, name="Business travel", as_written="business travel"),
            Scope3Category(
                number=7,
                name="Employee commuting",
                as_written="commuting",
                excluded=True,
                reason="all staff work from home",
            ),
        ],
        signatory=Signatory(name=None, role=None),
        sign_off_date=None,
        evidence={
            "organisation": [Evidence(page=1, quote="Acme Widgets Ltd")],
            "net_zero": [Evidence(page=2, quote="We will reach net zero by 2060.")],
        },
    )
    findings = [
        make_finding("crp-identified", "document", Outcome.PASS, serves=["all"]),
        make_finding("net-zero-commitment", "commitment", Outcome.PASS, serves=["a"]),
        make_finding(
            "net-zero-year",
            "commitment",
            Outcome.FAIL,
            serves=["a"],
            fix="Commit to net zero by 2050 at the latest.",
            evidence=[Evidence(page=3, quote=SCRIPT_QUOTE)],
        ),
        make_finding("baseline-emissions", "baseline", Outcome.PASS),
        make_finding(
            "current-emissions",
            "current",
            Outcome.FAIL,
            fix="State Scope 2 and the total for the current year.",
            evidence=[Evidence(page=4, quote="Scope 2: TBC")],
        ),
        make_finding("scope2-basis", "data", Outcome.PARTIAL, Severity.GOOD_PRACTICE),
        make_finding("signatory", "method", Outcome.NEEDS_REVIEW, serves=["c"]),
        make_finding("future-measures", "targets", Outcome.PASS, Severity.GOOD_PRACTICE),
        make_finding("published-online", "publication", Outcome.NOT_APPLICABLE, serves=["e"]),
    ]
    values: dict[str, Any] = {
        "tool_version": "0.1.0",
        "rulebook_version": "2025.1",
        "assessed_at": dt.datetime(2025, 6, 1, 9, 30, tzinfo=dt.UTC),
        "source": SourceInfo(name="acme-crp.pdf", kind="pdf", sha256="ab" * 32, size_bytes=1234),
        "pages": 5,
        "settings": BuyerSettings(check_date=dt.date(2025, 6, 1)),
        "verdict": Verdict.NON_COMPLIANT,
        "score": 55,
        "maturity": 2,
        "maturity_name": "Starting",
        "grounds_failed": ["a", "b"],
        "findings": findings,
        "facts": facts,
        "support": [
            SupportRoute(
                id="bee-net-zero",
                name="Bee Net Zero",
                description="One point of contact for Greater Manchester businesses.",
                url="https://example.org/bee",
                rules=["net-zero-year"],
            )
        ],
        "warnings": ["Page 5 has no text layer and could not be read."],
    }
    values.update(overrides)
    return Assessment(**values)


def add_supplier(
    session: Session,
    name: str,
    spend: int | None = None,
    category: str | None = None,
    *,
    contact: bool = True,
    end_date: dt.date | None = None,
    reference: str | None = None,
) -> Supplier:
    """A supplier in the register with one contract of `spend` in `category` (flushed, so
    it has an id), with a contact email unless not."""
    key = normalise_name(name)
    value = None if spend is None else Decimal(spend).quantize(Decimal("0.01"))
    supplier = Supplier(
        name=name,
        normalised_name=key,
        annual_spend=value,
        contact_email=f"crp@{key.split()[0]}.example" if contact and key else None,
    )
    supplier.contracts.append(
        SupplierContract(
            reference=reference, value=value, spend_category=category, end_date=end_date
        )
    )
    session.add(supplier)
    session.flush()
    return supplier


def make_tender(session: Session, user: User, **overrides: Any) -> Tender:
    """A draft tender (procurement date 1 September 2025, data up to 18 months old)."""
    values: dict[str, Any] = {
        "title": "Grounds maintenance 2026",
        "reference": "SMBC-2026-014",
        "procurement_date": "2025-09-01",
        "climate_weight_percent": 10,
        "buyer_settings": {"max_data_age_months": 18},
    }
    values.update(overrides)
    return create_tender(session, user=user, **values)


def make_tender_plan(tender: Tender, content: bytes, **overrides: Any) -> Assessment:
    """make_assessment() of `content`, as if assessed with the tender's settings."""
    source = SourceInfo(
        name="plan.pdf",
        kind="pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
    )
    return make_assessment(source=source, settings=tender_settings(tender), **overrides)


def add_tender_bid(
    session: Session, tender: Tender, user: User, bidder: str, content: bytes, **overrides: Any
) -> Bid:
    """A bid of `bidder` with make_tender_plan(tender, content, **overrides)."""
    assessment = make_tender_plan(tender, content, **overrides)
    return add_bid(
        session, tender, bidder_name=bidder, data=content, assessment=assessment, user=user
    )
