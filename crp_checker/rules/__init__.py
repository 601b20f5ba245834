"""The CRP rulebook as code: one registered check per rule id in docs/RULES.md.

Importing the section modules registers their rules; `RULES` keeps the rulebook's order.
"""

from __future__ import annotations

from crp_checker.rules import (  # noqa: F401  (imported to register their rules)
    baseline,
    commitment,
    current,
    data,
    document,
    method,
    publication,
    targets,
)
from crp_checker.rules.registry import RULES, SECTIONS, Result, Rule, RuleContext, rule, run_rules

# Bump the suffix whenever a rule's logic changes, so stored assessments stay explainable.
RULEBOOK_VERSION = "ppn006-2025.02+r1"

__all__ = [
    "RULEBOOK_VERSION",
    "RULES",
    "SECTIONS",
    "Result",
    "Rule",
    "RuleContext",
    "rule",
    "run_rules",
]
