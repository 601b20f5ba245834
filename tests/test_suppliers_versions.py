"""One history per supplier (both backends): an unchanged plan is not stored twice, "what
changed" compares versions of one supplier's plan only, and re-assessments stay in it."""

from __future__ import annotations

import hashlib
from typing import Any

from databases import add_assessment, add_user
from factories import add_supplier, make_assessment, make_finding
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from crp_checker.checking import Checked, Plan
from crp_checker.schemas import Assessment, Outcome, SourceInfo, Verdict
from crp_checker.store import AssessmentRecord, Role, previous_assessment
from crp_checker.store.reassess import save_reassessment, stored_plan
from crp_checker.suppliers import link_assessment, linked_supplier, supplier_history
from crp_checker.suppliers.linking import store_check
from crp_checker.suppliers.screening import SupplierToScreen, _store


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AssessmentRecord)) or 0


def _checked(content: bytes, **overrides: Any) -> tuple[Plan, Assessment]:
    source = SourceInfo(
        name="plan.txt",
        kind="text",
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
    )
    return Plan(content, "plan.txt"), make_assessment(source=source, **overrides)


def test_a_supplier_account_checking_the_same_plan_again_stores_it_once(
    session: Session,
) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    plan, assessment = _checked(b"Acme's plan, version 1")
    first = store_check(session, plan, assessment, ann)
    again = store_check(session, plan, assessment, ann)
    assert again == first and _count(session) == 1
    record = session.scalars(select(AssessmentRecord)).one()
    assert record.recheck_count == 1 and record.rechecked_at is not None
    # Another version is stored; going back to the first version is a new version too.
    changed, other = _checked(b"Acme's plan, version 2")
    second = store_check(session, changed, other, ann)
    assert second != first and _count(session) == 2
    assert store_check(session, plan, assessment, ann) not in (first, second)
    assert _count(session) == 3


def test_the_same_plan_with_a_different_result_is_a_new_assessment(session: Session) -> None:
    # The same bytes judged on a later day can fail where they passed (the data grew old).
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    plan, assessment = _checked(b"Acme's plan")
    store_check(session, plan, assessment, ann)
    later = assessment.model_copy(update={"verdict": Verdict.NEEDS_REVIEW, "score": 40})
    store_check(session, plan, later, ann)
    assert _count(session) == 2


def test_rescreening_an_unchanged_plan_stores_no_new_assessment(
    session: Session, engine: Engine
) -> None:
    acme = add_supplier(session, "Acme Ltd", 100, "ICT")
    acme.crp_url = "https://acme.example/crp.pdf"
    session.commit()
    target = SupplierToScreen(acme.id, acme.name, acme.crp_url)
    plan, assessment = _checked(b"Acme's published plan")
    plan = Plan(plan.data, plan.name, acme.crp_url)
    checked = Checked(0, acme.crp_url, assessment, None, 0.1, plan=plan)
    first = _store(engine, target, checked, None)
    again = _store(engine, target, checked, None)
    assert (first.unchanged, again.unchanged) == (False, True)
    assert again.public_id == first.public_id
    session.expire_all()
    assert _count(session) == 1
    history = supplier_history(session, acme)
    assert len(history.entries) == 1 and history.entries[0].recheck_count == 1
    assert history.entries[0].method == "url"


def test_what_changed_never_compares_two_suppliers(session: Session) -> None:
    # A council officer screens two suppliers, then one of them again: the later check of
    # Acme is compared with Acme's earlier one, never with Bolt's plan checked in between.
    officer = add_user(session, "cat@council.example", role=Role.CLIMATE)
    acme = add_supplier(session, "Acme Ltd", 100, "ICT")
    bolt = add_supplier(session, "Bolt Ltd", 100, "ICT")
    records = []
    for supplier, content in ((acme, b"acme v1"), (bolt, b"bolt v1"), (acme, b"acme v2")):
        record = add_assessment(session, officer, content)
        link_assessment(session, supplier, record, method="url")
        records.append(record)
    acme_v1, bolt_v1, acme_v2 = records
    assert previous_assessment(session, acme_v2) == acme_v1
    assert previous_assessment(session, bolt_v1) is None
    # An officer's own check, linked to no supplier, has no previous version.
    scratch = add_assessment(session, officer, b"someone's plan")
    assert previous_assessment(session, scratch) is None
    # A supplier account's checks compare within its organisation.
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    mine = [add_assessment(session, ann, content) for content in (b"a1", b"a2")]
    assert previous_assessment(session, mine[1]) == mine[0]


def test_a_reassessment_joins_its_suppliers_history(session: Session) -> None:
    acme = add_supplier(session, "Acme Ltd", 100, "ICT")
    original = add_assessment(session, None, b"acme plan")
    link_assessment(session, acme, original, method="url")
    session.commit()
    newer = make_assessment(
        source=original.assessment.source,
        rulebook_version="2099.1",
        findings=[make_finding("crp-identified", "document", Outcome.PASS)],
    )
    public_id = save_reassessment(session, stored_plan(original), newer)
    record = session.scalars(
        select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
    ).one()
    assert linked_supplier(session, record) == acme
    entries = supplier_history(session, acme).entries
    assert [e.reassessed for e in entries] == [False, True]
