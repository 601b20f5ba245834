"""Fact corrections: a person settles what the checker read wrong, and the plan is judged again.

A correction names a fact by its path in the JSON contract's facts (`baseline.scope1`,
`current.end`, `net_zero_year`, `is_crp`, `scope3.6`), gives the value with the page and quote
that support it, and a reason. `apply_corrections` sets the values on a copy of the facts,
marks each as `corrected` in `readings` and records it in `facts.corrections` with the
checker's original beside it; `rejudge` runs the rules and the score again on those facts.
"""

from __future__ import annotations

from crp_checker.corrections.apply import (
    OutcomeSet,
    apply_corrections,
    describe,
    judge_again,
    rejudge,
    set_outcomes,
    unreadable_pages,
)
from crp_checker.corrections.model import (
    Correction,
    CorrectionError,
    correctable_facts,
    fact_choices,
    fact_kind,
    fact_value,
    form_value,
    load_corrections,
    parse_correction,
    parse_corrections,
)

__all__ = [
    "Correction",
    "CorrectionError",
    "OutcomeSet",
    "apply_corrections",
    "correctable_facts",
    "describe",
    "fact_choices",
    "fact_kind",
    "fact_value",
    "form_value",
    "judge_again",
    "load_corrections",
    "parse_correction",
    "parse_corrections",
    "rejudge",
    "set_outcomes",
    "unreadable_pages",
]
