"""The rulebook listing (terminal, Markdown for the README, JSON), from the registered rules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Protocol

from rich.table import Table

from crp_checker.report.text import console_output, make_console


class RuleInfo(Protocol):
    """What the rulebook listing needs from a registered rule."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def serves(self) -> Sequence[str]: ...


RULE_COLUMNS = ("id", "section", "severity", "serves", "title")


def rule_rows(rules: Iterable[RuleInfo]) -> list[dict[str, str]]:
    """The rulebook as plain rows, one per rule id, in registration order."""
    return [
        {
            "id": rule.id,
            "section": rule.section,
            "severity": str(rule.severity),
            "serves": rule.serves if isinstance(rule.serves, str) else ", ".join(rule.serves),
            "title": rule.title,
        }
        for rule in rules
    ]


def render_rules_text(rules: Iterable[RuleInfo], *, color: bool, width: int = 100) -> str:
    """The rulebook as a terminal table."""
    console = make_console(color, width)
    table = Table(title="The CRP rulebook", title_justify="left")
    for column in RULE_COLUMNS:
        table.add_column(column, no_wrap=column == "id")
    for row in rule_rows(rules):
        table.add_row(*(row[c] for c in RULE_COLUMNS))
    console.print(table)
    return console_output(console)


def render_rules_markdown(rules: Iterable[RuleInfo]) -> str:
    """The rulebook as a Markdown table, for the README."""
    lines = ["| " + " | ".join(RULE_COLUMNS) + " |", "|" + "---|" * len(RULE_COLUMNS)]
    for row in rule_rows(rules):
        cells = [f"`{row['id']}`", *(row[c].replace("|", "\\|") for c in RULE_COLUMNS[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_rules_json(rules: Iterable[RuleInfo]) -> str:
    """The rulebook as a JSON list of rows."""
    return json.dumps(rule_rows(rules), indent=2) + "\n"
