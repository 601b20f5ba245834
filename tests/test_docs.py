"""The README is the manual: it shows the two commands and lists every rule as the code does."""

from __future__ import annotations

import re
from pathlib import Path

from crp_checker.rules import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands_first() -> None:
    first_section = README.split("\n## ", 2)[1]
    assert "make run" in first_section and "make test" in first_section


def test_readme_rule_table_matches_the_registry() -> None:
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| [a-z]+ \| ([a-z ]+) \|", README, re.M))
    assert set(rows) == set(RULES)
    for rule_id, rule in RULES.items():
        assert rows[rule_id] == str(rule.severity).replace("_", " "), rule_id
