"""Screening: re-check every supplier whose plan is published at a URL in the register.

Each plan is fetched and checked by the checking service (the isolated worker pool), stored
like a signed-in user's check, then linked to its supplier (method "url"), so the dashboard
and the supplier's history pick it up; an unchanged plan with an unchanged result is not stored
again, its stored check records that it was checked again (suppliers.versions). One supplier's
failure never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crp_checker.checking import Checked, CheckingService
from crp_checker.errors import CRPError
from crp_checker.store import User, save_check, session_scope
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers.linking import link_assessment
from crp_checker.suppliers.versions import latest_of_supplier, unchanged

log = logging.getLogger("crp_checker.suppliers")


@dataclass(frozen=True)
class SupplierToScreen:
    """A supplier with a CRP URL (plain values: the job runs outside the request's session)."""

    supplier_id: int
    name: str
    url: str


@dataclass(frozen=True)
class Screened:
    """What happened to one supplier: the stored report, or why there is none."""

    supplier_id: int
    name: str
    url: str
    public_id: str | None = None
    verdict: str | None = None
    score: int | None = None
    error: str | None = None
    unchanged: bool = False


def suppliers_to_screen(session: Session) -> list[SupplierToScreen]:
    """Every supplier with a CRP URL, by name."""
    statement = (
        select(Supplier.id, Supplier.name, Supplier.crp_url)
        .where(Supplier.crp_url.is_not(None), Supplier.crp_url != "")
        .order_by(Supplier.normalised_name, Supplier.id)
    )
    return [
        SupplierToScreen(id_, name, url) for id_, name, url in session.execute(statement) if url
    ]


def screen(
    service: CheckingService,
    engine: Engine,
    suppliers: Sequence[SupplierToScreen],
    user_id: int | None,
) -> Iterator[Screened]:
    """Fetch, check, store and link each supplier's plan, yielding each as it finishes."""
    for checked in service.check_many([supplier.url for supplier in suppliers]):
        yield _store(engine, suppliers[checked.index], checked, user_id)


def _store(
    engine: Engine, supplier: SupplierToScreen, checked: Checked, user_id: int | None
) -> Screened:
    """Store and link one supplier's check; its error, if it could not be checked or stored."""
    failed = Screened(supplier.supplier_id, supplier.name, supplier.url)
    if isinstance(checked.error, CRPError):
        return _with_error(failed, checked.error.message)
    if checked.error is not None or checked.assessment is None or checked.plan is None:
        log.error("screening %s (%s) failed", supplier.name, supplier.url, exc_info=checked.error)
        return _with_error(failed, "The check failed unexpectedly.")
    plan = checked.plan
    with session_scope(engine) as db:
        found = db.get(Supplier, supplier.supplier_id)
        if found is None:
            return _with_error(failed, "The supplier was removed from the register.")
        latest = latest_of_supplier(db, found.id)
        same = latest is not None and unchanged(db, latest, checked.assessment)
        if latest is not None and same:
            record = latest
        else:
            user = db.get(User, user_id) if user_id is not None else None
            record = save_check(db, plan.data, checked.assessment, user=user, source_url=plan.url)
            link_assessment(db, found, record, user=user, method="url")
        return Screened(
            supplier.supplier_id,
            supplier.name,
            supplier.url,
            public_id=record.public_id,
            verdict=record.verdict.value,
            score=record.score,
            unchanged=same,
        )


def _with_error(screened: Screened, message: str) -> Screened:
    return Screened(screened.supplier_id, screened.name, screened.url, error=message)
