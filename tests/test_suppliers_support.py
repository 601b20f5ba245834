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
    contact_time,
    link_assessment,
    linked_supplier,
    list_contacts,
    record_contact,
    renewals_due,
    signposting_message,
    suggestions,
    supplier_support,
    support_list_csv,
    unlinked_assessments,
)
from crp_checker.suppliers.linking import NAMED_IN_PLAN, SIMILAR_NAME
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
    assert [e.supplier.name for e in listed.without_plan] == [suppliers["none"].name]


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
    assert self_fix["spend_categories"] == "ICT"
    unplanned = {r["supplier"] for r in rows if r["verdict"] == "no plan"}
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


def test_a_name_in_a_plan_is_only_a_suggestion(session: Session) -> None:
    acme = add_supplier(session, "ACME WIDGETS LIMITED", 10, "ICT")
    mine = _plan(session, [], MARCH, organisation="Acme Widgets Ltd.")
    result = auto_link(session, mine)
    assert result.supplier is None and result.candidates[0] == acme
    assert linked_supplier(session, mine) is None
    first = suggestions(session, mine)[0]
    assert (first.supplier, first.reason) == (acme, NAMED_IN_PLAN)

    twin = add_supplier(session, "Bolt Ltd", 10, "ICT")
    add_supplier(session, "Bolt Limited", 10, "Highways")
    ambiguous = _plan(session, [], MARCH, organisation="Bolt")
    assert [s.supplier.name for s in suggestions(session, ambiguous)][:2] == [
        "Bolt Ltd",
        "Bolt Limited",
    ]

    typo = _plan(session, [], MARCH, organisation="Acme Widget Ltd")
    first = suggestions(session, typo)[0]
    assert (first.supplier, first.reason) == (acme, SIMILAR_NAME)
    assert {r.id for r in unlinked_assessments(session)} == {mine.id, ambiguous.id, typo.id}

    link_assessment(session, twin, typo)  # a person chooses
    assert linked_supplier(session, typo) == twin
    assert auto_link(session, typo).supplier == twin  # and is not overridden


def test_a_supplier_account_links_only_to_its_own_organisations_entry(session: Session) -> None:
    # Ann's organisation is in the register under its Companies House number; her plan names
    # another company that is in the register too: it goes to her organisation, never to it.
    ann = add_user(session, "ann@acme.example", organisation="Acme Widgets Ltd")
    assert ann.organisation is not None
    ann.organisation.companies_house_number = "01234567"
    own = add_supplier(session, "Acme Trading (Holdings) Ltd", 10, "ICT")
    own.companies_house_number = "01234567"
    other = add_supplier(session, "Other Company Ltd", 10, "ICT")
    facts = make_assessment().facts.model_copy(update={"organisation": "Other Company Ltd"})
    record = add_assessment(session, ann, b"ann's plan naming another company", facts=facts)
    result = auto_link(session, record)
    assert (result.supplier, result.method) == (own, "organisation")

    # Without its own entry the plan stays unlinked, with the named company as a suggestion.
    bob = add_user(session, "bob@bolt.example", organisation="Bolt Unregistered Ltd")
    forged = add_assessment(session, bob, b"bob's plan naming another company", facts=facts)
    result = auto_link(session, forged)
    assert result.supplier is None and linked_supplier(session, forged) is None
    assert [s.supplier for s in suggestions(session, forged)] == [other]
    # The account's organisation tied to a register entry, or named as it, links.
    cat = add_user(session, "cat@other.example", organisation="Other Company Limited")
    own_plan = add_assessment(session, cat, b"cat's plan", facts=facts)
    assert auto_link(session, own_plan).supplier == other


def test_a_council_check_links_by_the_plans_address_on_the_suppliers_own_site(
    session: Session,
) -> None:
    acme = add_supplier(session, "Acme Ltd", 10, "ICT")
    acme.crp_url = "https://www.acme.example/files/crp-2025.pdf"
    shared = [add_supplier(session, f"Hosted {n} Ltd", 10, "ICT") for n in (1, 2)]
    for n, supplier in enumerate(shared):
        supplier.crp_url = f"https://docs.host.example/{n}.pdf"
    session.flush()

    def fetched(content: bytes, url: str | None) -> AssessmentRecord:
        record = add_assessment(session, None, content)
        record.source_url = url
        session.flush()
        return record

    exact = fetched(b"a", acme.crp_url)
    assert auto_link(session, exact).method == "url"
    moved = fetched(b"b", "https://acme.example/crp-2026.pdf")
    assert (auto_link(session, moved).supplier, linked_supplier(session, moved)) == (acme, acme)
    hosted = fetched(b"c", "https://docs.host.example/9.pdf")
    result = auto_link(session, hosted)
    assert result.supplier is None and set(result.candidates) == set(shared)


# --------------------------------------------------------------------------- no plan is no plan


def test_a_document_that_is_not_a_plan_is_listed_with_the_suppliers_without_one(
    session: Session,
) -> None:
    suppliers = _seed(session)
    policy = add_supplier(session, "Policy Only Ltd", 5000, "ICT")
    record = _plan(session, [], MARCH, organisation="Policy Only Ltd", verdict=Verdict.NOT_A_CRP)
    link_assessment(session, policy, record)
    listed = build_support_list(session)
    assert "Policy Only Ltd" not in {e.supplier.name for e in listed.suppliers}
    without = {e.supplier.name: e for e in listed.without_plan}
    assert set(without) == {"Policy Only Ltd", suppliers["none"].name}
    assert without["Policy Only Ltd"].record == record and not without["Policy Only Ltd"].has_plan
    rows = list(csv.DictReader(io.StringIO(support_list_csv(listed))))
    policy_row = next(r for r in rows if r["supplier"] == "Policy Only Ltd")
    assert (policy_row["verdict"], policy_row["document_checked"]) == ("no plan", "plan.txt")


def test_the_message_for_a_supplier_with_no_plan(session: Session) -> None:
    suppliers = _seed(session)
    support = supplier_support(session, suppliers["none"])
    assert not support.has_plan and [g.rule for g in support.gaps] == ["crp-identified"]
    helping = {route.id for route in load_routes() if "crp-identified" in route.rules}
    assert {m.route.id for m in support.routes} == helping
    message = signposting_message(support)
    assert message.subject == "A Carbon Reduction Plan for No Plan Yet Ltd, and where to get help"
    assert "We do not yet hold a Carbon Reduction Plan" in message.body
    for word in ("tender", "bid", "Must fix"):
        assert word not in message.body
    # A checked document that is not a plan is named.
    policy = _plan(session, [], MARCH, organisation="No Plan Yet Ltd", verdict=Verdict.NOT_A_CRP)
    link_assessment(session, suppliers["none"], policy)
    message = signposting_message(supplier_support(session, suppliers["none"]))
    assert "we checked plan.txt, the document we hold" in message.body
    assert "It is not a Carbon Reduction Plan" in message.body


def test_the_message_separates_must_fix_from_good_practice_and_names_a_tender_only_if_any(
    session: Session,
) -> None:
    acme = add_supplier(session, "Acme Ltd", 10, "ICT")
    gaps = [
        ("net-zero-year", Outcome.FAIL, Severity.MANDATORY),
        ("scope2-basis", Outcome.PARTIAL, Severity.GOOD_PRACTICE),
    ]
    link_assessment(session, acme, _plan(session, gaps, MARCH, organisation="Acme Ltd"))
    support = supplier_support(session, acme)
    assert [g.rule for g in support.must_fix] == ["net-zero-year"]
    assert [g.rule for g in support.good_practice] == ["scope2-basis"]
    body = signposting_message(support).body
    must, good = body.index("Must fix"), body.index("Good practice")
    assert must < body.index("Net zero year") < good < body.index("Scope2 basis")
    assert "we checked plan.txt" in body
    assert "tender" not in body and "bid" not in body
    with_tender = signposting_message(support, tender="Highways maintenance (HW-7)").body
    assert "your bid for Highways maintenance (HW-7)" in with_tender


def test_a_contact_has_a_day_and_a_note(session: Session) -> None:
    acme = add_supplier(session, "Acme Ltd", 10, "ICT")
    now = dt.datetime(2026, 5, 10, 15, 30, tzinfo=dt.UTC)
    assert contact_time(None, now) == now and contact_time(now.date(), now) == now
    earlier = contact_time(dt.date(2026, 5, 2), now)
    assert earlier.date() == dt.date(2026, 5, 2) and earlier.hour == 23
    with pytest.raises(ValueError, match="future"):
        contact_time(dt.date(2026, 5, 11), now)
    contact = record_contact(
        session, acme, [], "", contacted_at=earlier, note="Phoned: plan due in June."
    )
    assert list_contacts(session, acme)[0].note == "Phoned: plan due in June."
    assert contact.route_ids == [] and contact.contacted_at == earlier


def test_contracts_ending_within_the_window_are_flagged_for_a_recheck(session: Session) -> None:
    today = dt.date(2026, 5, 1)
    soon = add_supplier(session, "Soon Ltd", 10, "ICT", end_date=dt.date(2026, 10, 31))
    add_supplier(session, "Later Ltd", 10, "ICT", end_date=dt.date(2026, 11, 2))
    add_supplier(session, "Ended Ltd", 10, "ICT", end_date=dt.date(2026, 4, 30))
    listed = build_support_list(session, today=today)
    flagged = {e.supplier.name for e in listed.without_plan if e.renewals}
    assert flagged == {"Soon Ltd"}
    assert renewals_due(soon.contracts, today, months=6) == soon.contracts
    assert renewals_due(soon.contracts, today, months=5) == []
    rows = list(csv.DictReader(io.StringIO(support_list_csv(listed))))
    assert next(r for r in rows if r["supplier"] == "Soon Ltd")["renewal_due"] == (
        "Contract without a reference ends 2026-10-31"
    )
