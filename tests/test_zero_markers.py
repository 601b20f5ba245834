"""A scope written as "N/A", "nil" or "-" after its label is a marker with its place in the
table (never a missing figure), and a footnote sign after a zero ties the footnote's reason to
it."""

from __future__ import annotations

import pytest
from documents import facts_of

_PLAN = (
    "Carbon Reduction Plan\nMarlow Fencing Ltd\nReporting Year: 2025\nScope 1: {s1}\n"
    "Scope 2: 8.0 tCO2e\nScope 3: 50.0 tCO2e\nTotal: 58.0 tCO2e\n{note}\n"
)


@pytest.mark.parametrize(
    ("written", "marker"),
    [
        ("N/A", "N/A"),
        ("n/a tCO2e", "n/a"),
        ("-", "-"),
        ("not applicable*", "not applicable"),
    ],
)
def test_a_marker_after_the_label_is_kept_as_written(written: str, marker: str) -> None:
    facts = facts_of(_PLAN.format(s1=written, note=""))
    assert facts.current.scope1 is None
    assert facts.current.not_numeric == {"scope1": marker}


def test_emissions_n_a_after_the_scope_name_is_a_marker_too() -> None:
    text = _PLAN.replace("Scope 1: {s1}", "Scope 1 emissions N/A").format(note="")
    assert facts_of(text).current.not_numeric == {"scope1": "N/A"}


@pytest.mark.parametrize(
    "note",
    [
        "Scope 1 is not applicable: we have no direct emissions sources.",
        "We have no direct emissions sources, so Scope 1 does not apply.",
    ],
)
def test_a_marker_with_a_reason_is_explained(note: str) -> None:
    facts = facts_of(_PLAN.format(s1="N/A", note=note))
    assert facts.current.explanations["scope1"] == note


@pytest.mark.parametrize(
    ("figure", "note"),
    [
        ("0 tCO2e*", "*We lease a serviced office with electric heating and own no vehicles."),
        ("0.0\u2020", "\u2020 No company vehicles; heating is electric."),
        ("0 (1)", "(1) The business is run from home and owns no vehicles."),
        ("nil\u00b9", "\u00b9 We use no gas or fuel on site."),
    ],
)
def test_a_footnote_sign_ties_the_footnotes_reason_to_the_zero(figure: str, note: str) -> None:
    facts = facts_of(_PLAN.format(s1=figure, note=note))
    assert "scope1" in facts.current.explanations
    assert "current.explanations.scope1" not in facts.readings or (
        facts.readings["current.explanations.scope1"].how == "stated"
    )


def test_a_footnote_that_gives_no_reason_goes_to_a_person() -> None:
    facts = facts_of(_PLAN.format(s1="0 tCO2e*", note="*Figures provided by head office."))
    assert "scope1" not in facts.current.explanations
    assert facts.readings["current.explanations.scope1"].how == "inferred"


def test_a_bulleted_list_is_not_a_footnote() -> None:
    text = _PLAN.format(
        s1="0 tCO2e*",
        note="Completed measures:\n* Replaced the gas boiler with a heat pump\n* Switched to LED",
    )
    assert "scope1" not in facts_of(text).current.explanations
