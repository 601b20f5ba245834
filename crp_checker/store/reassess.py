"""Re-run stored plans under the current rulebook; the old assessments stay as they were."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.schemas import BuyerSettings
from crp_checker.store.assessments import save_assessment
from crp_checker.store.files import read_file
from crp_checker.store.models import AssessmentRecord


@dataclass
class ReassessReport:
    """What a `reassess` run did: new public ids, plans already current, and failures."""

    rulebook_version: str
    considered: int = 0
    created: list[str] = field(default_factory=list)
    up_to_date: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (public id, message)


def reassess(
    session: Session,
    *,
    since: dt.date | None = None,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReassessReport:
    """Re-run every submitted plan (or those submitted since a date) under the current rulebook.

    Each plan is judged from its stored bytes, with its original name, URL, check date and
    buyer settings, and saved as a new row pointing at the original. Plans whose latest
    assessment already used the current rulebook are skipped unless `force`. Commits after
    each plan, so a long run never holds the write lock and a failure loses nothing done.
    """
    from crp_checker.pipeline import assess  # the whole pipeline: only when asked
    from crp_checker.rules import RULEBOOK_VERSION

    report = ReassessReport(rulebook_version=RULEBOOK_VERSION)
    statement = select(AssessmentRecord.id).where(AssessmentRecord.reassessed_from_id.is_(None))
    if since is not None:
        start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
        statement = statement.where(AssessmentRecord.submitted_at >= start)
    original_ids = list(session.scalars(statement.order_by(AssessmentRecord.id)))
    for done, original_id in enumerate(original_ids, start=1):
        report.considered += 1
        original = session.get_one(AssessmentRecord, original_id)
        if not force and _latest(session, original).rulebook_version == RULEBOOK_VERSION:
            report.up_to_date += 1
        else:
            try:
                assessment = assess(
                    read_file(original.file_sha256),
                    name=original.source_name,
                    url=original.source_url,
                    **_buyer_settings(original),
                )
            except CRPError as error:
                report.failures.append((original.public_id, error.message))
            else:
                record = save_assessment(
                    session,
                    assessment,
                    file=original.file,
                    user=original.user,
                    organisation=original.organisation,
                    source_url=original.source_url,
                    reassessed_from=original,
                )
                session.commit()
                report.created.append(record.public_id)
        if on_progress is not None:
            on_progress(done, len(original_ids))
    return report


def _latest(session: Session, original: AssessmentRecord) -> AssessmentRecord:
    statement = (
        select(AssessmentRecord)
        .where(
            or_(
                AssessmentRecord.id == original.id,
                AssessmentRecord.reassessed_from_id == original.id,
            )
        )
        .order_by(AssessmentRecord.id.desc())
        .limit(1)
    )
    return session.scalars(statement).one()


def _buyer_settings(record: AssessmentRecord) -> dict[str, Any]:
    # Settings the current rulebook no longer has are dropped; new ones take their defaults.
    stored = record.data.get("settings", {})
    return {key: value for key, value in stored.items() if key in BuyerSettings.model_fields}
