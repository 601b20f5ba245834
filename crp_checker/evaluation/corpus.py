"""The labelled sets in the shared folder, as cases: a file with its fact and rule labels.

Three shared sets, each measured on its own because each behaves differently: `real` (the
published PDFs of real-crps/ and real-crps/more/, fact labels for the eleven in more/, rule
labels for all fifteen), `excerpts` (the opening 2,000 characters of 30 real web-page plans,
fact labels only) and `varied` (36 plans and look-alikes written independently of the checker,
fact and rule labels), each split into a tuning and a held-out half; and our own `synthetic`
sets (fixtures/synthetic-crps, 30 plans and look-alikes; fixtures/synthetic-d, 24 more written
to vary sign-off blocks, dates and names; fixtures/synthetic-e, 20 written to vary the layout of
the figures; fixtures/synthetic-f, 16 compliant plans written free-form), written independently
and all tuning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crp_checker.evaluation.split import Half, organisation_key, split

SETS = ("real", "excerpts", "varied", "synthetic", "synthetic-d", "synthetic-e", "synthetic-f")
# Our own independently written plans: all tuning, beside the shared sets.
_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SYNTHETIC_DIRS = {
    "synthetic": _FIXTURES / "synthetic-crps",
    "synthetic-d": _FIXTURES / "synthetic-d",
    "synthetic-e": _FIXTURES / "synthetic-e",
    "synthetic-f": _FIXTURES / "synthetic-f",
    "synthetic-g": _FIXTURES / "synthetic-g",
    "synthetic-h": _FIXTURES / "synthetic-h",
    "synthetic-i": _FIXTURES / "synthetic-i",
    "synthetic-j": _FIXTURES / "synthetic-j",
    "synthetic-k": _FIXTURES / "synthetic-k",
    "synthetic-l": _FIXTURES / "synthetic-l",
    "synthetic-m": _FIXTURES / "synthetic-m",
    "synthetic-n": _FIXTURES / "synthetic-n",
    "synthetic-o": _FIXTURES / "synthetic-o",
}


@dataclass(frozen=True)
class Case:
    """One labelled document and the half of its set it belongs to."""

    set_name: str
    file: str
    path: Path
    half: Half
    facts: dict[str, Any] | None
    rules: dict[str, dict[str, Any]] | None


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _real(root: Path) -> list[tuple[str, Path, dict[str, Any] | None, dict[str, Any] | None]]:
    folder = root / "real-crps"
    facts = {item["file"]: item for item in _read(folder / "more" / "labels.json") or []}
    rules = (_read(folder / "rule_labels.json") or {}).get("plans", {})
    found = []
    for path in sorted([*folder.glob("*.pdf"), *(folder / "more").glob("*.pdf")]):
        key = path.name if path.parent == folder else f"more/{path.name}"
        found.append((key, path, facts.get(path.name), rules.get(key)))
    return found


def _labelled(folder: Path) -> list[tuple[str, Path, dict[str, Any] | None, dict[str, Any] | None]]:
    facts = _read(folder / "labels.json") or []
    rules = (_read(folder / "rule_labels.json") or {}).get("plans", {})
    return [(item["file"], folder / item["file"], item, rules.get(item["file"])) for item in facts]


def load_extra(folder: Path) -> list[Case]:
    """Another labelled folder (labels.json, optional rule_labels.json, the varied format):
    all of it held out, as a set named after the folder; nobody tunes on it."""
    return [
        Case(folder.name, file, path, "held-out", facts, rules)
        for file, path, facts, rules in _labelled(folder)
    ]


def load_cases(shared: Path) -> list[Case]:
    """Every labelled document under `shared` (the folder holding real-crps/ and varied-crps/)."""
    raw = {
        "real": _real(shared),
        "excerpts": _labelled(shared / "real-crps" / "excerpts"),
        "varied": _labelled(shared / "varied-crps"),
    }
    cases: list[Case] = []
    for set_name in ("real", "excerpts", "varied"):
        items = raw[set_name]
        halves = split(set_name, (organisation_key(set_name, file) for file, *_ in items))
        for file, path, facts, rules in items:
            half = halves[organisation_key(set_name, file)]
            cases.append(Case(set_name, file, path, half, facts, rules))
    for set_name, folder in SYNTHETIC_DIRS.items():
        if folder.is_dir():
            cases += [
                Case(set_name, file, path, "tuning", facts, rules)
                for file, path, facts, rules in _labelled(folder)
            ]
    return cases
