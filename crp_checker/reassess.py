"""Re-run stored plans under the current rulebook, in the worker pool; the old assessments
stay as they were, so a verdict can always be explained later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from crp_checker.checking import CheckingService, Plan, Task
from crp_checker.errors import CRPError
from crp_checker.store.files import read_file
from crp_checker.store.reassess import (
    StoredPlan,
    latest_rulebook,
    save_reassessment,
    stored_plan,
    submitted_plans,
)


@dataclass
class ReassessReport:
    """What a `reassess` run did: new public ids, plans already current, and failures."""

    rulebook_version: str
    considered: int = 0
    created: list[str] = field(default_factory=list)
    up_to_date: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (public id, message)
    to_check: list[StoredPlan] = field(default_factory=list, repr=False)


def plan_reassessment(
    session: Session, *, since: dt.date | None = None, force: bool = False
) -> ReassessReport:
    """Which submitted plans (or those since a date) to re-run: all with `force`, else those
    whose latest assessment used another rulebook."""
    from crp_checker.rules import RULEBOOK_VERSION

    report = ReassessReport(rulebook_version=RULEBOOK_VERSION)
    for original in submitted_plans(session, since=since):
        report.considered += 1
        if not force and latest_rulebook(session, original) == RULEBOOK_VERSION:
            report.up_to_date += 1
        else:
            report.to_check.append(stored_plan(original))
    return report


def run_reassessment(
    service: CheckingService, session: Session, report: ReassessReport
) -> Iterator[StoredPlan]:
    """Check each plan from its stored bytes, with its original name, URL, check date and
    buyer settings, and save the result as a new row pointing at the original; yields each
    plan as it is done. Commits after each, so a long run never holds the write lock and a
    failure loses nothing done. The files are parsed in the service's workers, never here.
    """

    queued: list[StoredPlan] = []  # in check_many's order: Checked.index points here

    def tasks() -> Iterator[Task]:
        for plan in report.to_check:  # read one by one, as workers free up
            try:
                data = read_file(plan.file_sha256)
            except CRPError as error:  # missing or altered on disk
                report.failures.append((plan.public_id, error.message))
                continue
            queued.append(plan)
            yield Task(Plan(data, plan.name, plan.url), plan.buyer)

    for checked in service.check_many(tasks()):
        plan = queued[checked.index]
        if checked.assessment is not None:
            report.created.append(save_reassessment(session, plan, checked.assessment))
        else:
            error = checked.error
            message = error.message if isinstance(error, CRPError) else "The check failed."
            report.failures.append((plan.public_id, message))
        yield plan


def reassess(
    session: Session,
    service: CheckingService | None = None,
    *,
    since: dt.date | None = None,
    force: bool = False,
) -> ReassessReport:
    """Plan and run a re-assessment to the end (in-process when no service is given)."""
    report = plan_reassessment(session, since=since, force=force)
    for _ in run_reassessment(service or CheckingService(), session, report):
        pass
    return report
