"""assess(): ingest -> extract -> rules -> score. The only entry point the doors call."""

from __future__ import annotations

import datetime as dt
from os import PathLike
from typing import Any

from crp_checker import __version__
from crp_checker.buyer import load_buyer_settings
from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.ingest.fetch import is_reachable
from crp_checker.rules import RULEBOOK_VERSION, run_rules
from crp_checker.schemas import Assessment, BuyerSettings, Document
from crp_checker.score import score
from crp_checker.settings import get_settings
from crp_checker.support import match_support


def assess(
    source: str | PathLike[str] | bytes,
    *,
    name: str | None = None,
    url: str | None = None,
    **buyer_settings: Any,
) -> Assessment:
    """Read a plan (path, URL or bytes) and judge it under the given buyer settings.

    `url` is where the plan is published, when known and different from `source`
    (it feeds the `published-online` rule). Raises `CRPError` when the file cannot be read.
    """
    buyer = load_buyer_settings(**buyer_settings)
    document = ingest(source, name=name)
    return assess_document(document, buyer, url=url)


def assess_document(
    document: Document, buyer: BuyerSettings, *, url: str | None = None
) -> Assessment:
    """Judge an already-ingested document; pure apart from the publication check."""
    facts = extract(document, published_url=url)
    if facts.url and facts.url_reachable is None:
        facts.url_reachable = is_reachable(facts.url, get_settings())
    findings = run_rules(facts, document, buyer)
    result = score(findings, facts, buyer)
    return Assessment(
        tool_version=__version__,
        rulebook_version=RULEBOOK_VERSION,
        assessed_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        source=document.source,
        pages=len(document.pages),
        settings=buyer,
        verdict=result.verdict,
        score=result.score,
        maturity=result.maturity,
        maturity_name=result.maturity_name,
        grounds_failed=result.grounds_failed,
        findings=findings,
        facts=facts,
        support=match_support(findings),
        warnings=list(document.warnings),
    )
