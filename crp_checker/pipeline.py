"""assess(): ingest -> extract -> rules -> score. The only entry point the doors call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from os import PathLike
from typing import Any

from crp_checker import __version__
from crp_checker.buyer import load_buyer_settings
from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.ingest.fetch import is_reachable
from crp_checker.rules import RULEBOOK_VERSION, RULES, RuleContext
from crp_checker.schemas import Assessment, BuyerSettings, Document, Facts, SourceInfo
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
    return judge(
        facts,
        buyer,
        source=document.source,
        page_count=len(document.pages),
        unreadable_pages=document.unreadable_pages,
        warnings=document.warnings,
    )


def judge(
    facts: Facts,
    buyer: BuyerSettings,
    *,
    source: SourceInfo,
    page_count: int,
    unreadable_pages: Sequence[int] = (),
    warnings: Sequence[str] = (),
) -> Assessment:
    """Run the rules and the score on given facts: the last stages of `assess`, also used to
    judge again facts a person corrected, without reading the plan again."""
    ctx = RuleContext(buyer=buyer, unreadable_pages=tuple(unreadable_pages), page_count=page_count)
    findings = [registered.run(facts, ctx) for registered in RULES.values()]
    result = score(findings, facts, buyer)
    return Assessment(
        tool_version=__version__,
        rulebook_version=RULEBOOK_VERSION,
        assessed_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        source=source,
        pages=page_count,
        settings=buyer,
        verdict=result.verdict,
        score=result.score,
        maturity=result.maturity,
        maturity_name=result.maturity_name,
        grounds_failed=result.grounds_failed,
        findings=findings,
        facts=facts,
        support=match_support(findings),
        warnings=list(warnings),
    )
