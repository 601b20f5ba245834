"""Match a plan's gaps to the places a supplier can get help; the routes are editable data."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from crp_checker.errors import CRPError
from crp_checker.rules import RULES
from crp_checker.schemas import Finding, Outcome, Severity, SupportRoute
from crp_checker.score import NOT_A_CRP_RULE
from crp_checker.settings import DATA_DIR, get_settings

DEFAULT_ROUTES_FILE = DATA_DIR / "support_routes.toml"
GAP_OUTCOMES = (Outcome.FAIL, Outcome.PARTIAL)


def load_routes(path: Path | None = None) -> list[SupportRoute]:
    """Read the routes: `path`, else CRP_SUPPORT_ROUTES_FILE, else the packaged defaults.

    A route naming an unknown rule id is refused, so a renamed rule cannot silently stop
    matching.
    """
    source = path or get_settings().support_routes_file or DEFAULT_ROUTES_FILE
    hint = f"Fix {source} (see crp_checker/data/support_routes.toml for the format)."
    try:
        with Path(source).open("rb") as handle:
            raw = tomllib.load(handle)
        routes = [SupportRoute.model_validate(item) for item in raw.get("route", [])]
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as error:
        raise CRPError(f"The support routes file {source} cannot be used: {error}", hint) from error
    unknown = sorted({r for route in routes for r in route.rules if r not in RULES})
    if unknown:
        raise CRPError(f"The support routes file {source} names unknown rules: {unknown}.", hint)
    return routes


def match_support(findings: list[Finding]) -> list[SupportRoute]:
    """The routes that help with this plan's gaps (scored rules that fail or are partial).

    Each returned route's `rules` lists the gap rule ids it matched, in rulebook order.
    """
    gaps = [
        f.rule for f in findings if f.outcome in GAP_OUTCOMES and f.severity is not Severity.INFO
    ]
    if NOT_A_CRP_RULE in gaps and any(
        f.rule == NOT_A_CRP_RULE and f.outcome is Outcome.FAIL for f in findings
    ):
        gaps = [NOT_A_CRP_RULE]  # no plan yet: help to write one, not to mend its parts
    matched: list[SupportRoute] = []
    for route in load_routes():
        served = [rule_id for rule_id in gaps if rule_id in route.rules]
        if served:
            matched.append(route.model_copy(update={"rules": served}))
    return matched
