"""Renders an Assessment for people and machines: terminal text, HTML, JSON and CSV rows.

Every door (CLI, web, batch) renders through here, so a verdict reads the same everywhere.
Nothing here judges a plan: it only words what the rules and the score already decided.
"""

from __future__ import annotations

from crp_checker.formatting import NOT_DISCLOSED, tonnes, uk_date
from crp_checker.report.environment import get_environment
from crp_checker.report.html import render_html, stylesheet
from crp_checker.report.rulebook import (
    RULE_COLUMNS,
    RuleInfo,
    render_rules_json,
    render_rules_markdown,
    render_rules_text,
    rule_rows,
)
from crp_checker.report.summary import FactRow, findings_by_section, key_facts, outcome_counts
from crp_checker.report.tabular import (
    CSV_COLUMNS,
    csv_error_row,
    csv_row,
    error_parts,
    render_json,
    render_json_list,
)
from crp_checker.report.text import render_text
from crp_checker.report.wording import (
    OUTCOME_LABELS,
    SCOPE_FIELDS,
    SEVERITY_LABELS,
    VERDICT_LABELS,
    Cell,
    emissions_cell,
    evidence_line,
    grounds_label,
    period_label,
    period_notes,
    verdict_sentence,
)

__all__ = [
    "CSV_COLUMNS",
    "NOT_DISCLOSED",
    "OUTCOME_LABELS",
    "RULE_COLUMNS",
    "SCOPE_FIELDS",
    "SEVERITY_LABELS",
    "VERDICT_LABELS",
    "Cell",
    "FactRow",
    "RuleInfo",
    "csv_error_row",
    "csv_row",
    "emissions_cell",
    "error_parts",
    "evidence_line",
    "findings_by_section",
    "get_environment",
    "grounds_label",
    "key_facts",
    "outcome_counts",
    "period_label",
    "period_notes",
    "render_html",
    "render_json",
    "render_json_list",
    "render_rules_json",
    "render_rules_markdown",
    "render_rules_text",
    "render_text",
    "rule_rows",
    "stylesheet",
    "tonnes",
    "uk_date",
    "verdict_sentence",
]
