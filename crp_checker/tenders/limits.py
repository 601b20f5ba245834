"""What a tender's settings do at the gate: the effective limits, grace periods included, and a
gate explanation that names them.

The rulebook passes data up to 3 months past `max_data_age_months` as "partial", and a
mandatory partial does not exclude a bid; a form that only said "at most 12 months" hid that.
The dates here are worked out from the procurement date the way the rules work them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from crp_checker.formatting import uk_date
from crp_checker.report.wording import grounds_label
from crp_checker.rules.current import GRACE_MONTHS
from crp_checker.schemas import BuyerSettings, Finding, Outcome, Severity

DATA_AGE_RULE = "reporting-period-recent"
SIGNOFF_RULE = "sign-off-date"
NET_ZERO_RULE = "net-zero-year"


@dataclass(frozen=True)
class Limit:
    """One buyer setting as it works at the gate: its value, any grace, and what passes."""

    rule: str
    setting: str
    label: str
    value: str
    grace: str | None
    effect: str

    @property
    def summary(self) -> str:
        """The value with its grace, e.g. "12 months (15 with the 3-month grace)"."""
        return f"{self.value} ({self.grace})" if self.grace else self.value


def _months_before(check: dt.date, months: int) -> dt.date:
    return check - relativedelta(months=months)


def effective_limits(settings: BuyerSettings) -> list[Limit]:
    """The limits a bid is judged by at the gate, with the dates they fall on."""
    check = settings.check_date
    deadline = settings.net_zero_deadline
    data = settings.max_data_age_months
    signoff = settings.max_signoff_age_months
    data_from = _months_before(check, data)
    grace_from = _months_before(check, data + GRACE_MONTHS)
    signoff_from = _months_before(check, signoff)
    return [
        Limit(
            NET_ZERO_RULE,
            "net_zero_deadline",
            "Net zero deadline",
            str(deadline),
            None,
            f"A commitment to net zero by {deadline} or earlier passes; a later year, or none, "
            "fails the gate (PPN 006 ground a).",
        ),
        Limit(
            DATA_AGE_RULE,
            "max_data_age_months",
            "Maximum data age",
            f"{data} months",
            f"{data + GRACE_MONTHS} months with the {GRACE_MONTHS}-month grace",
            f"Current data ending on or after {uk_date(data_from)} passes; ending from "
            f"{uk_date(grace_from)} to the day before is up to {GRACE_MONTHS} months over the "
            "limit: partial, which still passes the gate but earns half credit for this "
            "requirement; earlier data fails the gate (ground e).",
        ),
        Limit(
            SIGNOFF_RULE,
            "max_signoff_age_months",
            "Maximum sign-off age",
            f"{signoff} months",
            None,
            f"A sign-off dated on or after {uk_date(signoff_from)} passes the gate (partial "
            "in its last month, as a reminder to renew); an older, undated or future sign-off "
            "fails it (ground c). There is no grace period.",
        ),
    ]


def limits_summary(settings: BuyerSettings) -> str:
    """The limits in one line, for the gate explanation."""
    by_setting = {limit.setting: limit for limit in effective_limits(settings)}
    data = by_setting["max_data_age_months"]
    return (
        f"net zero by {settings.net_zero_deadline}; current data at most {data.value} old "
        f"({data.grace}, marked partial); sign-off at most "
        f"{by_setting['max_signoff_age_months'].value} old"
    )


def _titles(items: Sequence[Finding]) -> str:
    return "; ".join(
        f"{f.title} ({grounds_label(f.serves)})" if grounds_label(f.serves) else f.title
        for f in items
    )


def gate_explanation(
    gate: bool | None, outcomes: Sequence[tuple[Finding, Outcome]], settings: BuyerSettings
) -> str:
    """Why the gate stands as it does, naming the mandatory findings that decide it and the
    limits applied (a partial inside the data-age grace is said to pass)."""
    mandatory = [(f, o) for f, o in outcomes if f.severity is Severity.MANDATORY]
    failed = [f for f, o in mandatory if o is Outcome.FAIL]
    review = [f for f, o in mandatory if o is Outcome.NEEDS_REVIEW]
    partial = [f for f, o in mandatory if o is Outcome.PARTIAL]
    parts = []
    if gate is False:
        parts.append(f"Fails on: {_titles(failed)}." if failed else "Not a plan.")
    elif gate is None:
        parts.append(f"An evaluator must decide: {_titles(review)}.")
    else:
        parts.append("Every mandatory requirement is met.")
    if partial and gate is not False:
        grace = [f for f in partial if f.rule == DATA_AGE_RULE]
        others = [f for f in partial if f.rule != DATA_AGE_RULE]
        if grace:
            parts.append(
                f"The current data is older than {settings.max_data_age_months} months but "
                f"inside the {GRACE_MONTHS}-month grace: partial, which passes the gate."
            )
        if others:
            parts.append(f"Partly met (passes the gate): {_titles(others)}.")
    parts.append(f"Limits applied: {limits_summary(settings)}.")
    return " ".join(parts)
