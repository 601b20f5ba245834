"""Tests for crp_checker.reassess: stored plans re-run under the current rulebook, in workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from databases import add_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_worker import fake_assess

from crp_checker.checking import CheckingService
from crp_checker.pipeline import assess
from crp_checker.reassess import plan_reassessment, reassess, run_reassessment
from crp_checker.rules import RULEBOOK_VERSION
from crp_checker.schemas import Assessment
from crp_checker.store import AssessmentRecord, save_assessment, store_file
from crp_checker.store.files import file_path

PLAN = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "net_zero_aspiration.txt"
OLD_RULEBOOK = "ppn006-2024.01"


@pytest.fixture(scope="module")
def old_assessment() -> Assessment:
    """The fixture plan as an older rulebook judged it, under non-default buyer settings."""
    made = assess(
        PLAN.read_bytes(), name=PLAN.name, check_date="2025-09-01", net_zero_deadline=2045
    )
    return made.model_copy(update={"rulebook_version": OLD_RULEBOOK})


def _store_old(session: Session, old: Assessment) -> AssessmentRecord:
    ann = add_user(session, "ann@acme.example", organisation="Acme Ltd")
    stored = store_file(session, PLAN.read_bytes(), PLAN.name, "text")
    record = save_assessment(session, old, file=stored, user=ann)
    session.commit()
    return record


def _rows(session: Session) -> list[AssessmentRecord]:
    return list(session.scalars(select(AssessmentRecord).order_by(AssessmentRecord.id)))


def test_a_stored_plan_is_rerun_into_a_new_row_under_the_current_rulebook(
    session: Session, old_assessment: Assessment
) -> None:
    original = _store_old(session, old_assessment)
    before = dict(original.data)
    report = reassess(session)
    assert (report.considered, len(report.created), report.failures) == (1, 1, [])
    session.expire_all()
    old, new = _rows(session)
    assert old.data == before and old.rulebook_version == OLD_RULEBOOK
    assert new.public_id == report.created[0] != old.public_id
    assert new.rulebook_version == RULEBOOK_VERSION == new.assessment.rulebook_version
    assert new.reassessed_from_id == old.id and new.submitted_at == old.submitted_at
    assert (new.organisation_id, new.user_id, new.file_sha256) == (
        old.organisation_id,
        old.user_id,
        old.file_sha256,
    )
    assessment = new.assessment
    assert assessment.source.name == PLAN.name
    assert assessment.settings == old_assessment.settings
    assert assessment.settings.check_date == dt.date(2025, 9, 1)
    assert assessment.settings.net_zero_deadline == 2045


def test_plans_already_under_the_current_rulebook_are_skipped_unless_forced(
    session: Session, old_assessment: Assessment
) -> None:
    _store_old(session, old_assessment)
    reassess(session)
    again = reassess(session)
    assert (again.considered, again.up_to_date, again.created) == (1, 1, [])
    assert len(_rows(session)) == 2
    forced = reassess(session, force=True)
    assert len(forced.created) == 1 and len(_rows(session)) == 3


def test_since_limits_the_run_to_plans_submitted_from_that_date(
    session: Session, old_assessment: Assessment
) -> None:
    _store_old(session, old_assessment)
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    assert reassess(session, since=tomorrow).considered == 0
    assert len(reassess(session, since=tomorrow - dt.timedelta(days=2)).created) == 1


def test_a_plan_whose_file_is_gone_is_reported_and_the_run_goes_on(
    session: Session, old_assessment: Assessment
) -> None:
    lost = _store_old(session, old_assessment)
    kept_bytes = PLAN.read_bytes() + b"\nA later version.\n"
    kept_assessment = assess(kept_bytes, name="v2.txt", check_date="2025-09-01")
    kept = save_assessment(
        session,
        kept_assessment.model_copy(update={"rulebook_version": OLD_RULEBOOK}),
        file=store_file(session, kept_bytes, "v2.txt", "text"),
        user=lost.user,
    )
    session.commit()
    file_path(lost.file_sha256).unlink()
    report = plan_reassessment(session)
    assert len(report.to_check) == 2
    done = list(run_reassessment(CheckingService(), session, report))
    assert [plan.record_id for plan in done] == [kept.id]
    assert [public_id for public_id, _ in report.failures] == [lost.public_id]
    assert "missing" in report.failures[0][1]
    assert len(report.created) == 1
    assert _rows(session)[-1].reassessed_from_id == kept.id


def hostile_or_real(source: bytes, **options: Any) -> Assessment:
    """In the workers: the commands of test_worker's stand-in, or the real pipeline."""
    if source in (b"CRASH", b"SLEEP", b"HOG"):
        return fake_assess(source, **options)
    return assess(source, **options)


@pytest.mark.parametrize("command", [b"CRASH", b"SLEEP", b"HOG"])
def test_a_hostile_stored_file_fails_in_its_worker_and_never_in_this_process(
    session: Session, old_assessment: Assessment, command: bytes
) -> None:
    """Re-assessment parses stored uploads in the worker pool: a file that crashes, hangs or
    eats memory there becomes a failure line, and this process (the web app's, or the CLI's)
    carries on to the next plan."""
    good = _store_old(session, old_assessment)
    stored = store_file(session, command, "hostile.pdf", "pdf")
    source = old_assessment.source.model_copy(update={"sha256": stored.sha256})
    hostile = save_assessment(
        session, old_assessment.model_copy(update={"source": source}), file=stored, user=good.user
    )
    session.commit()
    with CheckingService.isolated(workers=1, timeout=5, assess_fn=hostile_or_real) as service:
        report = reassess(session, service)
    assert [public_id for public_id, _ in report.failures] == [hostile.public_id]
    assert len(report.created) == 1
    assert _rows(session)[-1].reassessed_from_id == good.id
