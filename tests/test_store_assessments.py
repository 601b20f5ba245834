"""Tests for crp_checker.store.assessments: saving, visibility by role, lists, previous plan."""

from __future__ import annotations

import datetime as dt

import pytest
from databases import add_assessment, add_user
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from crp_checker.schemas import Verdict
from crp_checker.store import (
    AssessmentRecord,
    Role,
    StoredFile,
    User,
    count_assessments_for,
    create_organisation,
    disable_user,
    get_assessment_for,
    list_assessments_for,
    previous_assessment,
    save_assessment,
    session_scope,
    store_file,
)


def test_saving_keeps_the_full_assessment_and_its_indexed_columns(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    record = add_assessment(session, ann, b"plan v1", score=61)
    assessment = record.assessment
    assert (record.verdict, record.score, record.maturity) == (Verdict.NON_COMPLIANT, 61, 2)
    assert (record.net_zero_year, record.is_crp, record.check_date) == (
        2060,
        True,
        dt.date(2025, 6, 1),
    )
    assert (record.rulebook_version, record.tool_version) == ("2025.1", "0.1.0")
    assert record.organisation is ann.organisation and record.user is ann
    assert record.file.sha256 == assessment.source.sha256
    assert assessment.findings[2].evidence[0].page == 3
    assert record.created_at.tzinfo is not None and record.submitted_at == record.created_at


def test_the_stored_json_reads_back_equal_to_what_was_saved(
    engine: Engine, session: Session
) -> None:
    ann = add_user(session, "ann@acme.example")
    record = add_assessment(session, ann)
    saved = record.assessment
    session.commit()
    with session_scope(engine) as other:
        again = other.scalars(select(AssessmentRecord)).one()
        assert again.assessment == saved


def test_out_of_range_paging_arguments_are_clamped(session: Session) -> None:
    ann = add_user(session, "ann@acme.example")
    add_assessment(session, ann)
    assert len(list_assessments_for(session, ann, limit=10**9, offset=-5)) == 1
    assert list_assessments_for(session, ann, limit=-1) == []


def test_lists_leave_the_json_unloaded_and_report_lookups_load_it(
    engine: Engine, session: Session
) -> None:
    ann = add_user(session, "ann@acme.example")
    first = add_assessment(session, ann, b"v1")
    saved = add_assessment(session, ann, b"v2")
    session.commit()
    with session_scope(engine) as listing:
        listed = list_assessments_for(listing, listing.get_one(User, ann.id))
        assert "data" in inspect(listed[0]).unloaded
    with session_scope(engine) as lookup:
        found = get_assessment_for(lookup, lookup.get_one(User, ann.id), saved.public_id)
        assert found is not None
        previous = previous_assessment(lookup, found)
    # The report page may render after its session has closed.
    assert found.assessment.source.sha256 == saved.file.sha256
    assert previous is not None and previous.assessment.source.sha256 == first.file.sha256


def test_public_ids_are_random_not_sequential(session: Session) -> None:
    ann = add_user(session, "ann@acme.example")
    ids = [add_assessment(session, ann, f"plan {n}".encode()).public_id for n in range(5)]
    assert len(set(ids)) == 5
    assert all(len(public_id) == 32 and not public_id.isdigit() for public_id in ids)


def test_a_supplier_sees_only_their_organisations_assessments(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    colleague = add_user(session, "cat@acme.example", organisation="Acme Ltd")
    bob = add_user(session, "bob@beta.example", organisation="Beta Ltd")
    ours = add_assessment(session, ann, b"acme plan")
    theirs = add_assessment(session, bob, b"beta plan")
    assert get_assessment_for(session, ann, ours.public_id) is ours
    assert get_assessment_for(session, colleague, ours.public_id) is ours
    assert get_assessment_for(session, ann, theirs.public_id) is None
    assert get_assessment_for(session, bob, ours.public_id) is None
    assert get_assessment_for(session, ann, "0" * 32) is None
    assert [r.public_id for r in list_assessments_for(session, ann)] == [ours.public_id]
    assert count_assessments_for(session, bob) == 1


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.CLIMATE, Role.ADMIN])
def test_council_staff_see_every_organisations_assessments(session: Session, role: Role) -> None:
    staff = add_user(session, f"{role.value}@council.example", role)
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    bob = add_user(session, "bob@beta.example", organisation="Beta Ltd")
    records = [add_assessment(session, ann, b"acme"), add_assessment(session, bob, b"beta")]
    for record in records:
        assert get_assessment_for(session, staff, record.public_id) is record
    assert {r.public_id for r in list_assessments_for(session, staff)} == {
        r.public_id for r in records
    }


def test_anonymous_and_disabled_users_see_nothing(session: Session) -> None:
    evaluator = add_user(session, "eve@council.example", Role.EVALUATOR)
    record = add_assessment(session, add_user(session, "ann@acme.example"))
    assert get_assessment_for(session, None, record.public_id) is None
    disable_user(session, evaluator.email)
    assert get_assessment_for(session, evaluator, record.public_id) is None
    assert list_assessments_for(session, evaluator) == []


def test_lists_are_newest_first_paged_and_filtered(session: Session) -> None:
    evaluator = add_user(session, "eve@council.example", Role.EVALUATOR)
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    bob = add_user(session, "bob@beta.example", organisation="Beta Ltd")
    made = [
        add_assessment(session, ann, b"a1", verdict=Verdict.NON_COMPLIANT),
        add_assessment(session, bob, b"b1", verdict=Verdict.COMPLIANT),
        add_assessment(session, ann, b"a2", verdict=Verdict.COMPLIANT),
    ]
    newest_first = [r.public_id for r in reversed(made)]
    listed = list_assessments_for(session, evaluator, limit=2)
    assert [r.public_id for r in listed] == newest_first[:2]
    listed = list_assessments_for(session, evaluator, limit=2, offset=2)
    assert [r.public_id for r in listed] == newest_first[2:]
    compliant = list_assessments_for(session, evaluator, verdict=Verdict.COMPLIANT)
    assert [r.public_id for r in compliant] == [made[2].public_id, made[1].public_id]
    assert count_assessments_for(session, evaluator, verdict=Verdict.COMPLIANT) == 2
    assert ann.organisation_id is not None
    acme = list_assessments_for(session, evaluator, organisation_id=ann.organisation_id)
    assert [r.public_id for r in acme] == [made[2].public_id, made[0].public_id]
    # A supplier cannot widen their view with another organisation's id.
    assert bob.organisation_id is not None
    assert list_assessments_for(session, ann, organisation_id=bob.organisation_id) == []


def test_previous_is_the_same_organisations_plan_submitted_before(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    colleague = add_user(session, "cat@acme.example", organisation="Acme Ltd")
    bob = add_user(session, "bob@beta.example", organisation="Beta Ltd")
    first = add_assessment(session, ann, b"acme v1")
    add_assessment(session, bob, b"beta v1")
    second = add_assessment(session, colleague, b"acme v2")
    add_assessment(session, bob, b"beta v2")
    third = add_assessment(session, ann, b"acme v3")
    assert previous_assessment(session, third) is second
    assert previous_assessment(session, second) is first
    assert previous_assessment(session, first) is None


def test_previous_prefers_the_earlier_plan_under_the_same_rulebook(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    first = add_assessment(session, ann, b"acme v1", rulebook_version="old")
    second = add_assessment(session, ann, b"acme v2", rulebook_version="old")
    first_again = save_assessment(
        session,
        first.assessment.model_copy(update={"rulebook_version": "new"}),
        file=first.file,
        user=ann,
        reassessed_from=first,
    )
    second_again = save_assessment(
        session,
        second.assessment.model_copy(update={"rulebook_version": "new"}),
        file=second.file,
        user=ann,
        reassessed_from=second,
    )
    third = add_assessment(session, ann, b"acme v3", rulebook_version="new")
    assert previous_assessment(session, third) is second_again
    assert previous_assessment(session, second_again) is first_again
    assert previous_assessment(session, second) is first
    assert previous_assessment(session, first_again) is None


def test_without_organisation_or_supplier_there_is_no_previous_plan(session: Session) -> None:
    # An officer's checks are of many suppliers' plans: the one they checked before is
    # usually another supplier's, so it is never "the previous plan" (see
    # test_suppliers_versions for checks linked to a register supplier).
    evaluator = add_user(session, "eve@council.example", Role.EVALUATOR)
    first = add_assessment(session, evaluator, b"bid 7 v1")
    second = add_assessment(session, evaluator, b"bid 9")
    assert first.organisation is None
    assert previous_assessment(session, second) is None


def test_a_supplier_assessment_always_goes_to_their_organisation(session: Session) -> None:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    beta = create_organisation(session, "Beta Ltd")
    with pytest.raises(ValueError, match="own organisation"):
        add_assessment(session, ann, organisation=beta)
    evaluator = add_user(session, "eve@council.example", Role.EVALUATOR)
    record = add_assessment(session, evaluator, b"bid", organisation=beta)
    assert record.organisation is beta


def test_an_assessment_must_be_of_the_stored_file(session: Session) -> None:
    ann = add_user(session, "ann@acme.example")
    record = add_assessment(session, ann, b"the plan")
    other = store_file(session, b"another plan", "other.txt", "text")
    with pytest.raises(ValueError, match="not made from this file"):
        save_assessment(session, record.assessment, file=other, user=ann)


def test_a_failed_save_leaves_neither_row_behind(engine: Engine, session: Session) -> None:
    ann = add_user(session, "ann@acme.example")
    session.commit()
    with pytest.raises(RuntimeError), session_scope(engine) as scoped:
        user = scoped.merge(ann)
        add_assessment(scoped, user, b"half-way")
        raise RuntimeError("the request failed after saving")
    assert session.scalar(select(func.count()).select_from(AssessmentRecord)) == 0
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 0
