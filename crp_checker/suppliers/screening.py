"""Screening: re-check every supplier whose plan is published at a URL in the register.

Each plan is fetched, checked and stored like a signed-in user's check, then linked to its
supplier (method "url"), so the dashboard and the supplier's history pick it up. Fetching and
checking are passed in: the web app fetches with its guarded fetcher and checks in its
isolated worker pool; tests pass stand-ins. One supplier's failure never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.schemas import Assessment
from crp_checker.store import User, save_check, session_scope
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers.linking import link_assessment

log = logging.getLogger("crp_checker.suppliers")

Fetch = Callable[[str], tuple[bytes, str, str]]  # url -> (bytes, file name, final url)
Check = Callable[[bytes, str, str], Assessment]  # (bytes, name, url) -> assessment


@dataclass(frozen=True)
class Target:
    """A supplier to screen (plain values: the job runs outside the request's session)."""

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


def screening_targets(session: Session) -> list[Target]:
    """Every supplier with a CRP URL, by name."""
    statement = (
        select(Supplier.id, Supplier.name, Supplier.crp_url)
        .where(Supplier.crp_url.is_not(None), Supplier.crp_url != "")
        .order_by(Supplier.normalised_name, Supplier.id)
    )
    return [Target(id_, name, url) for id_, name, url in session.execute(statement) if url]


def screen_one(
    engine: Engine, target: Target, fetch: Fetch, check: Check, user_id: int | None
) -> Screened:
    """Fetch, check, store and link one supplier's plan; errors become a `Screened.error`."""
    try:
        data, name, final_url = fetch(target.url)
        assessment = check(data, name, final_url)
    except CRPError as error:
        return Screened(target.supplier_id, target.name, target.url, error=error.message)
    except Exception:  # a bug must not stop the other suppliers; it is logged in full
        log.exception("screening %s (%s) failed", target.name, target.url)
        return Screened(
            target.supplier_id, target.name, target.url, error="The check failed unexpectedly."
        )
    with session_scope(engine) as db:
        supplier = db.get(Supplier, target.supplier_id)
        if supplier is None:
            return Screened(
                target.supplier_id,
                target.name,
                target.url,
                error="The supplier was removed from the register.",
            )
        user = db.get(User, user_id) if user_id is not None else None
        record = save_check(db, data, assessment, user=user, source_url=final_url)
        link_assessment(db, supplier, record, user=user, method="url")
        return Screened(
            target.supplier_id,
            target.name,
            target.url,
            public_id=record.public_id,
            verdict=record.verdict.value,
            score=record.score,
        )
