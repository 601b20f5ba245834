"""Tests for the support list, signposting messages, contacts and linking (both backends)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from databases import add_assessment, add_user
from factories import add_supplier, make_assessment, make_finding
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.schemas import Outcome, Severity, Verdict
from crp_checker.settings import get_settings
from crp_checker.store import Role
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import (
    auto_link,
    build_support_list,
    contact_outcome,
    link_assessment,
    linked_supplier,
    list_contacts,
    record_contact,
    signposting_message,
    supplier_support,
    support_list_csv,
    unlinked_assessments,
)
from crp_checker.support import load_routes

MARCH = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
# Each seeded supplier's failing (or partial) scored rules; "certifications" is info only.
PLANS: dict[str, list[tuple[str, Outcome, Severity]]] = {
    "Acme Widgets Ltd": [
        ("net-zero-year", Outcome.FAIL, Severity.MANDATORY),
        ("scope3-reported", Outcome.FAIL, Severity.MANDATORY),
        ("declaration", Outcome.PARTIAL, Severity.MANDATORY),
    ],
    "Bolt & Nut <Engineering> Ltd": [
        ("reduction-targets", Outcome.FAIL, Severity.MANDATORY),
    ],
    "Clean Co Ltd": [("certifications", Outcome.FAIL, Severity.INFO)],
}


def _plan(
    session: Session,
    gaps: list[tuple[str, Outcome, Severity]],
    when: dt.datetime,
    *,
    organisation: str = "Acme Widgets Ltd",
    verdict: Verdict = Verdict.NON_COMPLIANT,
    score: int = 50,
) -> AssessmentRecord:
    findings = [make_finding("crp-identified", "document", Outcome.PASS)] + [
        make_finding(rule, "section", outcome, severity, fix=f"Fix {rule} like this.")
        for rule, outcome, severity in gaps
    ]
    facts = make_assessment().facts.model_copy(update={"organisation": organisation})
    record = add_assessment(
        session,
        None,
        f"{organisation} {when} {score}".encode(),
        findings=findings,
        facts=facts,
        verdict=verdict,
        score=score,
    )
    record.created_at = record.submitted_at = when
    session.flush()
    return record


def _seed(session: Session) -> dict[str, Supplier]:
    suppliers = {}
    for spend, (name, gaps) in enumerate(PLANS.items(), start=1):
        supplier = add_supplier(session, name, spend * 1000, "ICT" if spend % 2 else "Highways")
        link_assessment(session, supplier, _plan(session, gaps, MARCH, organisation=name))
        suppliers[name] = supplier
    suppliers["none"] = add_supplier(session, "No Plan Yet Ltd", 50, "ICT")
    return suppliers


def _expected_routes(gaps: list[tuple[str, Outcome, Severity]]) -> set[str]:
    rules = {rule for rule, _, severity in gaps if severity is not Severity.INFO}
    return {route.id for route in load_routes() if rules & set(route.rules)}


def test_each_supplier_is_grouped_under_the_routes_its_failing_rules_map_to(
    session: Session,
) -> None:
    suppliers = _seed(session)
    listed = build_support_list(session)
    placed: dict[str, set[str]] = {}
    for group in listed.groups:
        for entry, gaps in group.entries:
            placed.setdefault(entry.supplier.name, set()).add(group.route.id)
            assert {gap.rule for gap in gaps} <= set(group.route.rules)
            assert all(gap.fix == f"Fix {gap.rule} like this." for gap in gaps)
    expected = {name: _expected_routes(gaps) for name, gaps in PLANS.items()}
    assert placed == {name: routes for name, routes in expected.items() if routes}
    assert placed["Acme Widgets Ltd"] == {
        "bee-net-zero",
        "gc-growth-hub-green-economy",
        "self-fix",
    }
    assert "Clean Co Ltd" not in placed  # an info rule is not a gap
    assert [s.name for s in listed.without_plan] == [suppliers["none"].name]


def test_filters_by_route_category_and_minimum_spend(session: Session) -> None:
    _seed(session)
    by_route = build_support_list(session, route="self-fix")
    assert [g.route.id for g in by_route.groups] == ["self-fix"]
    assert [e.supplier.name for e, _ in by_route.groups[0].entries] == ["Acme Widgets Ltd"]
    highways = build_support_list(session, category="Highways")
    assert {s.supplier.name for s in highways.suppliers} == {"Bolt & Nut <Engineering> Ltd"}
    big = build_support_list(session, min_spend=Decimal(1500))
    assert {s.supplier.name for s in big.suppliers} == {"Bolt & Nut <Engineering> Ltd"}
    assert big.without_plan == []


def test_the_message_names_the_gaps_and_the_routes_with_their_details(session: Session) -> None:
    suppliers = _seed(session)
    support = supplier_support(session, suppliers["Acme Widgets Ltd"])
    assert support is not None
    message = signposting_message(support)
    assert message.to == "crp@acme.example"
    assert message.subject.startswith("Your Carbon Reduction Plan: 3 things to improve")
    for rule, _, _ in PLANS["Acme Widgets Ltd"]:
        title = rule.replace("-", " ").capitalize()
        assert f"- {title}" in message.body and f"Fix {rule} like this." in message.body
    assert "(partly met)" in message.body  # the declaration is partial
    assert "Bee Net Zero: https://www.beenetzero.co.uk/" in message.body
    assert "Fix it in the plan yourself" in message.body
    assert "Dear Acme Widgets Ltd," in message.body and "{{" not in message.body
    assert set(message.route_ids) == _expected_routes(PLANS["Acme Widgets Ltd"])


def test_a_council_template_replaces_the_default_and_mistakes_are_reported(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suppliers = _seed(session)
    support = supplier_support(session, suppliers["Bolt & Nut <Engineering> Ltd"])
    assert support is not None
    template = tmp_path / "email.txt"
    template.write_text(
        "Subject: Help for {{ supplier.name }}\n"
        "{% for gap in gaps %}{{ gap.rule }} {% endfor %}"
        "| {{ routes|map(attribute='route.id')|join(',') }}\n"
    )
    monkeypatch.setenv("CRP_SIGNPOSTING_TEMPLATE_FILE", str(template))
    get_settings.cache_clear()
    message = signposting_message(support)
    assert message.subject == "Help for Bolt & Nut <Engineering> Ltd"  # text: not escaped
    assert message.body == (
        "reduction-targets | stockport-sme-climate-training,stockport-can-business-forum\n"
    )
    template.write_text("{{ supplier.nonsense }}")
    with pytest.raises(CRPError, match="signposting template"):
        signposting_message(support)
    template.write_text("{{ ''.__class__.__mro__ }}")
    with pytest.raises(CRPError):
        signposting_message(support)  # the sandbox refuses it


def test_csv_export_has_a_row_per_supplier_and_route_and_defuses_formulas(
    session: Session,
) -> None:
    _seed(session)
    add_supplier(session, "=HYPERLINK(evil) Ltd", 10, "ICT")
    rows = list(csv.DictReader(io.StringIO(support_list_csv(build_support_list(session)))))
    acme = [r for r in rows if r["supplier"] == "Acme Widgets Ltd"]
    assert {r["route_id"] for r in acme} == _expected_routes(PLANS["Acme Widgets Ltd"])
    self_fix = next(r for r in acme if r["route_id"] == "self-fix")
    assert self_fix["gap_rules"] == "declaration" and self_fix["annual_spend"] == "1000.00"
    assert self_fix["verdict"] == "non_compliant" and self_fix["assessed_on"] == "2026-03-01"
    unplanned = {r["supplier"] for r in rows if r["verdict"] == "no plan assessed"}
    assert unplanned == {"No Plan Yet Ltd", "'=HYPERLINK(evil) Ltd"}


def test_a_contact_is_recorded_and_the_next_plan_is_compared(session: Session) -> None:
    suppliers = _seed(session)
    acme = suppliers["Acme Widgets Ltd"]
    climate = add_user(session, "climate@council.example", role=Role.CLIMATE)
    contact = record_contact(
        session,
        acme,
        ["bee-net-zero", "self-fix"],
        "Dear Acme ...",
        user=climate,
        contacted_at=MARCH + dt.timedelta(days=7),
    )
    assert list_contacts(session, acme) == [contact]
    waiting = contact_outcome(session, contact)
    assert waiting.before is not None and waiting.after is None and waiting.improved is None
    support = supplier_support(session, acme)
    assert support is not None and support.last_contacted_at == contact.contacted_at

    later = MARCH + dt.timedelta(days=40)
    gaps = [
        ("net-zero-year", Outcome.PASS, Severity.MANDATORY),
        ("scope3-reported", Outcome.PARTIAL, Severity.MANDATORY),
        ("declaration", Outcome.PASS, Severity.MANDATORY),
    ]
    link_assessment(
        session,
        acme,
        _plan(session, gaps, later, verdict=Verdict.COMPLIANT_WITH_GAPS, score=80),
    )
    outcome = contact_outcome(session, contact)
    assert outcome.after is not None and outcome.improved is True
    assert outcome.score_change == 30
    assert outcome.changes is not None
    assert set(outcome.changes.fixed) == {"net-zero-year", "declaration"}
    assert outcome.changes.still_open == ["scope3-reported"]


def test_assessments_link_by_name_only_when_one_supplier_matches(session: Session) -> None:
    acme = add_supplier(session, "ACME WIDGETS LIMITED", 10, "ICT")
    mine = _plan(session, [], MARCH, organisation="Acme Widgets Ltd.")
    result = auto_link(session, mine)
    assert (result.supplier, result.method) == (acme, "name")
    assert linked_supplier(session, mine) == acme

    twin = add_supplier(session, "Bolt Ltd", 10, "ICT")
    add_supplier(session, "Bolt Limited", 10, "Highways")
    ambiguous = _plan(session, [], MARCH, organisation="Bolt")
    result = auto_link(session, ambiguous)
    assert result.supplier is None and twin in result.candidates and len(result.candidates) == 2
    assert linked_supplier(session, ambiguous) is None

    typo = _plan(session, [], MARCH, organisation="Acme Widget Ltd")
    result = auto_link(session, typo)
    assert result.supplier is None and result.candidates[0] == acme
    assert {r.id for r in unlinked_assessments(session)} == {ambiguous.id, typo.id}

    link_assessment(session, twin, typo)  # a person chooses
    assert linked_supplier(session, typo) == twin
    assert auto_link(session, typo).supplier == twin  # and is not overridden


def test_the_organisation_account_links_before_the_name(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Widgets Ltd")
    owned = add_supplier(session, "Acme Trading (Holdings) Ltd", 10, "ICT")
    owned.organisation_id = ann.organisation_id
    add_supplier(session, "Acme Widgets Ltd", 10, "ICT")
    record = add_assessment(session, ann, b"ann's plan")
    result = auto_link(session, record)
    assert (result.supplier, result.method) == (owned, "organisation")
