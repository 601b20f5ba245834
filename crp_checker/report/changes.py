"""What changed between two assessments of an organisation's plan: fixed, new and open gaps."""

from __future__ import annotations

from pydantic import BaseModel

from crp_checker.schemas import Assessment, Outcome

GAP_OUTCOMES = frozenset({Outcome.FAIL, Outcome.PARTIAL, Outcome.NEEDS_REVIEW})


class Changes(BaseModel):
    """Rule ids, in rulebook order, grouped by how their gap moved between two plans."""

    fixed: list[str]
    newly_failing: list[str]
    still_open: list[str]


def compare(previous: Assessment, current: Assessment) -> Changes:
    """Compare two assessments; a gap is a fail, partial or needs-review outcome.

    A rule the previous assessment did not have (a newer rulebook) counts as new when it is
    a gap now; a rule the current rulebook dropped is left out.
    """
    before = {finding.rule: finding.outcome in GAP_OUTCOMES for finding in previous.findings}
    changes = Changes(fixed=[], newly_failing=[], still_open=[])
    for finding in current.findings:
        gap_now = finding.outcome in GAP_OUTCOMES
        gap_before = before.get(finding.rule, False)
        if gap_before and gap_now:
            changes.still_open.append(finding.rule)
        elif gap_now:
            changes.newly_failing.append(finding.rule)
        elif gap_before:
            changes.fixed.append(finding.rule)
    return changes
