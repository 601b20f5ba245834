"""The report ordered for action: what decides the verdict, what to fix first, what is met.

A small supplier reads the top of a report and stops; so the requirements that decide the
verdict are named first, then each gap with what the plan says, what to do and an example of
wording that meets the rule. Nothing here judges: it only sorts what the rules decided.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from crp_checker.report.wording import OUTCOME_LABELS, evidence_line
from crp_checker.schemas import Assessment, Finding, Outcome, Severity, Verdict
from crp_checker.settings import DATA_DIR

EXAMPLES_FILE = DATA_DIR / "example_wording.toml"
# Within each group: what certainly fails, then what a person must decide, then what is half met.
_GAP_ORDER = (Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.PARTIAL)
_SCORED = (Severity.MANDATORY, Severity.GOOD_PRACTICE)


@lru_cache(maxsize=1)
def example_wording() -> dict[str, str]:
    """Rule id -> an example of wording that meets the rule (packaged data)."""
    with EXAMPLES_FILE.open("rb") as handle:
        return dict(tomllib.load(handle)["examples"])


@dataclass(frozen=True)
class FixItem:
    """One gap as the supplier works on it: the finding, what the plan says, an example."""

    finding: Finding
    says: list[str]
    example: str | None

    @property
    def rule(self) -> str:
        return self.finding.rule


@dataclass(frozen=True)
class Actions:
    """The findings re-ordered for a supplier who has five minutes."""

    decisive: list[Finding]
    mandatory: list[FixItem]
    good_practice: list[FixItem]
    met: list[Finding]

    @property
    def to_fix(self) -> list[FixItem]:
        return self.mandatory + self.good_practice

    @property
    def met_summary(self) -> str:
        """The checks met as counts: "26 pass, 4 not applicable"."""
        counts = Counter(f.outcome for f in self.met)
        return ", ".join(
            f"{counts[o]} {OUTCOME_LABELS[o].lower()}" for o in OUTCOME_LABELS if counts[o]
        )


def _says(finding: Finding, pages: int) -> list[str]:
    if finding.evidence:
        return [evidence_line(e) for e in finding.evidence]
    plural = "" if pages == 1 else "s"
    return [f"Nothing: no passage in the plan's {pages} page{plural} bears on this."]


def _gaps(assessment: Assessment, severity: Severity) -> list[FixItem]:
    found = [f for f in assessment.findings if f.severity is severity and f.outcome in _GAP_ORDER]
    found.sort(key=lambda f: _GAP_ORDER.index(f.outcome))  # stable: rulebook order within
    examples = example_wording()
    return [FixItem(f, _says(f, assessment.pages), examples.get(f.rule)) for f in found]


def decisive_findings(assessment: Assessment) -> list[Finding]:
    """The requirements that decide the verdict, to name in the headline."""
    mandatory = [f for f in assessment.findings if f.severity is Severity.MANDATORY]
    if assessment.verdict in (Verdict.NOT_A_CRP, Verdict.NON_COMPLIANT):
        return [f for f in mandatory if f.outcome is Outcome.FAIL]
    if assessment.verdict is Verdict.NEEDS_REVIEW:
        return [f for f in mandatory if f.outcome is Outcome.NEEDS_REVIEW]
    if assessment.verdict is Verdict.COMPLIANT_WITH_GAPS:
        gaps = [f for f in assessment.findings if f.severity in _SCORED and f.outcome in _GAP_ORDER]
        return sorted(gaps, key=lambda f: f.severity is not Severity.MANDATORY)
    return []


_LEADS = {
    Verdict.NOT_A_CRP: "Fails",
    Verdict.NON_COMPLIANT: "Fails",
    Verdict.NEEDS_REVIEW: "For a person to decide",
    Verdict.COMPLIANT_WITH_GAPS: "Only partly met",
}


def decisive_lead(assessment: Assessment) -> str:
    """How the deciding requirements are introduced: "Fails", "For a person to decide", ..."""
    return _LEADS.get(assessment.verdict, "")


def decisive_line(assessment: Assessment) -> str:
    """The headline's second line: the deciding requirements by name; "" when compliant."""
    names = "; ".join(f.title for f in decisive_findings(assessment))
    return f"{decisive_lead(assessment)}: {names}" if names else ""


_MATURITY_WHY = {
    1: "no plan yet, or no net zero commitment and no figures",
    2: "stays at 2 until every mandatory requirement is met",
    3: "every mandatory requirement is met; 4 needs a quantified target with an interim "
    "milestone, all five Scope 3 categories with figures and totals that add up",
    4: "5 needs net zero by the local ambition year and emissions on track",
    5: "the highest level",
}


def score_line(assessment: Assessment) -> str:
    """The score and the maturity level side by side, each saying what it measures."""
    return (
        f"Score {assessment.score}/100: checks met, mandatory ones counted double. "
        f"Maturity {assessment.maturity} of 5 ({assessment.maturity_name}): "
        f"{_MATURITY_WHY[assessment.maturity]}."
    )


def actions(assessment: Assessment) -> Actions:
    """The findings sorted for action: deciding ones, gaps by severity, and the rest."""
    mandatory = _gaps(assessment, Severity.MANDATORY)
    good_practice = _gaps(assessment, Severity.GOOD_PRACTICE)
    to_fix = {item.rule for item in mandatory + good_practice}
    return Actions(
        decisive=decisive_findings(assessment),
        mandatory=mandatory,
        good_practice=good_practice,
        met=[f for f in assessment.findings if f.rule not in to_fix],
    )
