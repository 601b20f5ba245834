"""The spaCy pipeline and its pattern files (models/*.jsonl): they load, and every label is
used by an extractor (a pattern nobody reads is a rule nobody enforces)."""

from __future__ import annotations

import json
from pathlib import Path

from crp_checker.nlp import analyse, join_wrapped_lines, matches
from crp_checker.patterns import load_patterns
from crp_checker.settings import get_settings

PACKAGE = Path(__file__).resolve().parent.parent / "crp_checker"


def test_every_pattern_file_line_is_valid_json_with_label_and_pattern() -> None:
    for path in sorted(get_settings().patterns_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                assert {"label", "pattern"} <= set(entry), (path.name, entry)


def test_every_label_is_used_by_the_code() -> None:
    labels = {p["label"] for p in load_patterns(get_settings().patterns_dir)}
    code = "\n".join(path.read_text() for path in (PACKAGE / "extract").glob("*.py"))
    unused = sorted(label for label in labels if f'"{label}"' not in code)
    assert unused == []


def test_phrase_patterns_match_across_a_line_wrap_but_not_across_a_heading() -> None:
    text = "Scope 3 covers business travel and employee\ncommuting.\nWaste\nBusiness Travel"
    joined = join_wrapped_lines(text)
    assert len(joined) == len(text)
    assert "employee commuting" in joined
    assert "Waste\nBusiness" in joined
    found = matches(analyse([text]), [1])
    hits = [m for m in found if m.label == "SCOPE3_CAT" and m.id == "7"]
    assert hits and text[hits[0].start : hits[0].end] == "employee\ncommuting"


def test_matches_carry_page_offsets() -> None:
    text = "Intro line\nWe are committed to achieving Net Zero by 2040."
    found = [m for m in matches(analyse([text]), [4]) if m.label == "NET_ZERO"]
    assert found and found[0].page == 4
    assert text[found[0].start : found[0].end] == found[0].text
