"""House-style section headings (round 2 of issue 11): plans head their sections in their own
words ("Our commitment", "What we have done", "Milestones"); such a heading counts only as a
whole line, because the same words open sentences and wrapped lines."""

from __future__ import annotations

import pytest
from documents import document, facts_of

from crp_checker.extract.context import DocumentContext


def _headings(text: str) -> dict[str, str]:
    context = DocumentContext.build(document(text))
    return {context.lines[i].text: key for i, key in context.headings.items()}


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Our commitment", "commitment"),
        ("2. Our net zero pledge", "commitment"),
        ("Our carbon footprint", "current"),
        ("Targets", "targets"),
        ("Milestones:", "targets"),
        ("What we have done", "projects"),
        ("Future carbon reduction initiatives", "projects"),
        ("Measures in effect during the contract", "projects"),
        ("Statement of accuracy", "declaration"),
        ("Board approval", "declaration"),
    ],
)
def test_a_house_style_heading_opens_its_section(heading: str, key: str) -> None:
    got = _headings(f"Carbon Reduction Plan\n{heading}\nSome text follows here.")
    assert got.get(heading) == key


@pytest.mark.parametrize(
    "line",
    [
        "Our commitment is to halve our fuel use.",
        "Targets are set against the 2022 baseline",
        "our carbon footprint across all areas of our operations.",
        "What we have done so far has cut fuel use by a fifth",
    ],
)
def test_the_same_words_opening_a_sentence_are_no_heading(line: str) -> None:
    assert line not in _headings(f"Carbon Reduction Plan\n{line}\nMore text.")


def test_a_bare_baseline_table_header_is_no_heading() -> None:
    text = (
        "Carbon Reduction Plan\nFuture Targets\nTarget Year Target (tCO2e) Reduction vs\n"
        "Baseline\n2030 1.5 -72%"
    )
    assert "Baseline" not in _headings(text)


def _sections(text: str) -> dict[str, str | None]:
    context = DocumentContext.build(document(text))
    return {line.text: context.section_of_line[line.index] for line in context.lines}


@pytest.mark.parametrize(
    ("targets", "own"),
    [
        ("3. Targets", "4. Emissions"),
        ("2) Reduction targets", "3) Our numbers in detail"),
        ("5. Carbon reduction targets", "6 Footprint by category"),
    ],
)
def test_the_next_numbered_heading_ends_a_template_section(targets: str, own: str) -> None:
    """synthetic-f uf11: "3. Targets" then "4. Emissions", a heading in the plan's own words;
    the Scope 3 table under it was read as part of the targets and dropped."""
    sections = _sections(
        f"{targets}\nWe will halve our emissions by 2030.\n{own}\nBusiness travel | 83.4 | 61.8 |"
    )
    assert sections["We will halve our emissions by 2030."] == "targets"
    assert sections["Business travel | 83.4 | 61.8 |"] is None


@pytest.mark.parametrize(
    "line",
    [
        "4. Upstream transportation and distribution",  # a numbered Scope 3 category
        "7. Governance",  # not the next number
        "4. We will replace the two remaining diesel vans with electric vans by 2027",
    ],
)
def test_other_numbered_lines_do_not_end_the_section(line: str) -> None:
    sections = _sections(f"3. Targets\nWe will halve our emissions by 2030.\n{line}\n")
    assert sections[line] == "targets"


def test_a_scope3_table_under_an_own_numbered_heading_is_read() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\n3. Targets\nTotal emissions are to be reduced by 50% by 2030.\n"
        "4. Emissions\nEmissions in tCO2e | 2020 (baseline) | 2025 (current reporting year) |\n"
        "Scope 1 | 27.6 | 0.0 |\nScope 2 | 44.9 | 28.3 |\nScope 3 | 184.2 | 144.7 |\n"
        "Total | 256.7 | 173.0 |\n"
        "Scope 1 is 0.0 tCO2e in 2025 because we no longer burn any fuel.\n"
        "Scope 3 category | 2020 (baseline) | 2025 (current reporting year) |\n"
        "Upstream transportation and distribution | 1.7 | 1.3 |\n"
        "Waste generated in operations | 2.9 | 2.1 |\nBusiness travel | 83.4 | 61.8 |\n"
        "Employee commuting | 96.2 | 79.5 |\n"
        "Downstream transportation and distribution | Not relevant – we do not distribute goods"
        " | Not relevant |\n"
    )
    assert facts.scope3_categories == [4, 5, 6, 7, 9]
    assert all(t.year != 2025 for t in facts.targets)  # the zero's reason is no target
