"""Scopes written in words or with a hyphen (issue 11, round 5; seen in synthetic-k uk04).

"scope one", "SCOPE TWO", "Scope-3" name the same scopes as "Scope 1"; the ingest edge writes
them one way, so tables, prose and commitments all read them. Each wording is our own.
"""

from __future__ import annotations

import pytest

from crp_checker.extract import extract
from crp_checker.ingest import ingest_bytes
from crp_checker.schemas import Facts


def _facts(text: str) -> Facts:
    return extract(ingest_bytes(text.encode(), name="plan.txt"))


_HEAD = (
    "Carbon Reduction Plan\nBaseline year: 1 January 2021 to 31 December 2021\n"
    "Reporting year: 1 January 2025 to 31 December 2025\n"
)


@pytest.mark.parametrize(
    "rows",
    [
        "Emissions (tCO2e) | 2021 (baseline) | 2025 |\n"
        "scope one - diesel for vans, gas heating | 164.3 | 139.7 |\n"
        "SCOPE TWO - office electric | 12.8 | 9.6 |\n"
        "Scope three (see breakdown) | 86.9 | 77.8 |\n"
        "TOTAL | 264.0 | 227.1 |\n",
        "Emissions (tCO2e) | 2021 (baseline) | 2025 |\n"
        "Scope-1 | 164.3 | 139.7 |\nScope-2 | 12.8 | 9.6 |\nScope-3 | 86.9 | 77.8 |\n"
        "Total | 264.0 | 227.1 |\n",
        "Emissions (tCO2e) | 2021 (baseline) | 2025 |\n"
        "Scope One | 164.3 | 139.7 |\nScope Two | 12.8 | 9.6 |\nScope Three | 86.9 | 77.8 |\n"
        "Total | 264.0 | 227.1 |\n",
    ],
)
def test_scopes_in_words_are_read_in_a_table(rows: str) -> None:
    facts = _facts(_HEAD + rows)
    assert (facts.baseline.scope1, facts.baseline.scope2, facts.baseline.scope3) == (
        164.3,
        12.8,
        86.9,
    )
    assert (facts.current.scope1, facts.current.scope2, facts.current.scope3) == (
        139.7,
        9.6,
        77.8,
    )


def test_scopes_in_words_are_read_in_prose() -> None:
    facts = _facts(
        _HEAD + "In 2025 our scope one emissions were 139.7 tCO2e, our scope two emissions "
        "were 9.6 tCO2e and our scope three emissions were 77.8 tCO2e.\n"
    )
    assert (facts.current.scope1, facts.current.scope2, facts.current.scope3) == (139.7, 9.6, 77.8)


def test_a_phrase_that_only_starts_with_scope_is_no_scope() -> None:
    facts = _facts(_HEAD + "The scope one would expect of 12.0 tCO2e is not reported here.\n")
    assert facts.current.scope1 is None


_TABLE = (
    "Emissions (tCO2e) | 2021 (baseline) | 2025 |\nS1 | 164.3 | 139.7 |\nS2 | 12.8 | 9.6 |\n"
    "S3 total | 86.9 | 77.8 |\nTotal S1+S2+S3 | 264.0 | 227.1 |\n"
)


@pytest.mark.parametrize(
    "definition",
    [
        "Abbreviations: S1 = Scope 1 (vans); S2 = Scope 2 (electricity); S3 = Scope 3.\n",
        "Scope 1 (S1) is fuel we burn; Scope 2 (S2) is electricity we buy.\n",
        "",  # no definition, but rows open with S1, S2 and S3
    ],
)
def test_scopes_named_s1_s2_s3_are_read(definition: str) -> None:
    facts = _facts(_HEAD + definition + _TABLE)
    assert (facts.baseline.scope1, facts.baseline.scope2, facts.baseline.scope3) == (
        164.3,
        12.8,
        86.9,
    )
    assert facts.current.total == 227.1


def test_s1_is_no_scope_where_the_plan_does_not_use_the_short_names() -> None:
    # a site code, with no definition and no S2 or S3 rows
    facts = _facts(_HEAD + "Our depots are S1 (Leeds) and S4 (York).\nS1 | 164.3 | 139.7 |\n")
    assert facts.current.scope1 is None


@pytest.mark.parametrize(
    "rows",
    [
        # synthetic-l l16: one scope abbreviated among rows naming the others in full
        "Scope 1 – direct | 61.5 | 52.3 |\nS2 (electricity) | 27.9 | 14.8 |\n"
        "Scope 3 | 74.3 | 69.1 |\n",
        "S1 (fuel) | 61.5 | 52.3 |\nScope 2 | 27.9 | 14.8 |\nScope 3 | 74.3 | 69.1 |\n",
    ],
)
def test_one_abbreviated_scope_among_named_ones_is_read(rows: str) -> None:
    facts = _facts(_HEAD + "Emissions (tCO2e) | 2021 (baseline) | 2025 |\n" + rows)
    assert (facts.baseline.scope1, facts.baseline.scope2) == (61.5, 27.9)
    assert (facts.current.scope2, facts.current.scope3) == (14.8, 69.1)
