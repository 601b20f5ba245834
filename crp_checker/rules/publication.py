"""Rules for where the plan is published: PPN 006 asks suppliers to publish it on their website."""

from __future__ import annotations

from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Severity


@rule(
    "published-online",
    title="Published on the supplier's website",
    section="publication",
    severity=Severity.MANDATORY,
    serves="e",
)
def published_online(facts: Facts, ctx: RuleContext) -> Result:
    """The plan must be published on the supplier's own website, where anyone can read it and see
    it kept up to date. Checked only when the plan's address is known."""
    url = facts.url
    if url is None:
        return Result(
            Outcome.NOT_APPLICABLE, "The plan's web address is not known, so it was not checked."
        )
    fix = "Publish the plan on your own website (for example /carbon-reduction-plan) and link it."
    if facts.url_reachable is False:
        return Result(Outcome.FAIL, f"The plan's address {url} could not be reached.", fix)
    if facts.url_reachable is None:
        return Result(
            Outcome.NEEDS_REVIEW,
            f"Whether {url} can be reached was not checked.",
            "An evaluator should open the address and confirm the plan is there.",
        )
    if facts.url_own_domain is True:
        return Result(Outcome.PASS, f"The plan is published on the supplier's website: {url}.")
    if facts.url_own_domain is False:
        return Result(
            Outcome.PARTIAL,
            f"The plan is hosted on a third-party site, not the supplier's own: {url}.",
            fix,
        )
    return Result(
        Outcome.NEEDS_REVIEW,
        f"The plan is at {url}; the checker cannot tell whether that is the supplier's own site.",
        "An evaluator should confirm the address belongs to the supplier.",
    )
