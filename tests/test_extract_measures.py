"""Measures in effect, planned measures, savings and contract coverage, by class of wording.

Classes: ongoing measures written in the present tense; a "completed" heading over plans; a
completed measure in the past tense outside any list; planned lists; "Label: items" cues;
offsets (neither measures nor savings); savings; the contract statement in its wordings.
"""

from __future__ import annotations

from functools import cache

import pytest
from documents import facts_of
from shared_data import require_shared

from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.schemas import Facts

HEAD = "Carbon Reduction Plan\nPublished: 1 June 2025\n"


@pytest.mark.parametrize(
    "text",
    [
        "Our approach\nWe buy renewable electricity for the depot and both offices.",
        "How we work\nOur default operating model is remote-first, so nobody commutes daily.",
        "Transport\nOur fleet is fully electric and charged on site.",
        "Drivers\nEvery driver completes eco-driving training each year.",
        "Energy\nThe warehouse runs on a 100% renewable tariff.",
        "Electricity\nWe purchase 100% renewable electricity for all sites.",
        "Cars\nAll company cars are hybrid or electric.",
    ],
)
def test_an_ongoing_measure_is_a_measure_in_effect(text: str) -> None:
    facts = facts_of(HEAD + text)
    assert [m.specific for m in facts.completed_measures] == [True]
    assert not facts.future_measures
    assert facts.measures_during_contract == "implied"


@pytest.mark.parametrize(
    "items",
    [
        "- Install LED lighting in the workshop\n- Introduce a cycle-to-work scheme",
        "• Replace four diesel vans with electric vans (2026)\n• Solar PV on the roof (2027)",
        "• We will replace 6 diesel vans with electric models during 2026.\n"
        "• Route optimisation software to be rolled out to all technicians.",
        "• Solar panels on the unit are being considered for 2027.\n"
        "• We plan to switch to a green tariff when our contract ends.",
        "• Plan to replace the gas boiler with a heat pump\n• Considering a cycle-to-work scheme",
        "We are looking at electric vans.\nWe will install solar panels in 2026.",
    ],
)
def test_plans_under_a_completed_heading_are_plans(items: str) -> None:
    for heading in ("Completed Carbon Reduction Initiatives", "What we have done", "Completed:"):
        facts = facts_of(f"{HEAD}Carbon Reduction Projects\n{heading}\n{items}")
        assert not facts.completed_measures, heading
        assert len(facts.future_measures) == 2, heading
        assert facts.measures_during_contract is None


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2023 we switched the office to a renewable electricity tariff.",
        "Since 2022 all our company cars have been electric.",
        "We have installed LED lighting and occupancy sensors throughout the warehouse.",
        "Last year the gas boiler was replaced by an air-source heat pump.",
        "Since 2021, staff have worked from home three days a week.",
    ],
)
def test_a_past_measure_outside_any_list_counts(sentence: str) -> None:
    facts = facts_of(f"{HEAD}About us\nWe are a small firm in Leeds. {sentence}")
    assert [m.specific for m in facts.completed_measures] == [True]


@pytest.mark.parametrize(
    ("cue", "status"),
    [
        ("Planned", "future"),
        ("Next steps", "future"),
        ("What we will do next", "future"),
        ("In the future we hope to implement further measures such as:", "future"),
        ("Completed", "completed"),
        ("Already in place", "completed"),
        ("Ongoing", "completed"),
    ],
)
def test_a_list_cue_sets_the_status_of_plain_items(cue: str, status: str) -> None:
    facts = facts_of(f"{HEAD}Carbon Reduction Projects\n{cue}\n• Heat pump for the main office.")
    measures = facts.completed_measures if status == "completed" else facts.future_measures
    assert [m.text for m in measures] == ["• Heat pump for the main office."]


def test_inline_cues_label_their_own_items() -> None:
    facts = facts_of(
        HEAD + "What we are doing\nAlready in place: we run 11 hybrid and 4 electric vehicles.\n"
        "Next: every vehicle we replace will be electric, starting in 2026."
    )
    assert [m.text[:17] for m in facts.completed_measures] == ["Already in place:"]
    assert [m.text[:5] for m in facts.future_measures] == ["Next:"]


def test_a_dated_future_item_is_planned_even_in_a_plain_list() -> None:
    facts = facts_of(
        f"{HEAD}Carbon Reduction Projects\n• Heat pump (2027).\n• LED lighting (2022)."
    )
    assert [m.year for m in facts.future_measures] == [2027]
    assert [m.year for m in facts.completed_measures] == [2022]


@pytest.mark.parametrize(
    "sentence",
    [
        "Through our partner, avoidance schemes have reduced carbon emissions by 219.7 tCO2e, "
        "offsetting our footprint.",
        "We have funded reforestation projects that planted 2,485 trees on our behalf.",
        "We bought verified carbon offsets equal to 40 tCO2e, saving the same again next year.",
    ],
)
def test_offsets_are_neither_measures_nor_savings(sentence: str) -> None:
    facts = facts_of(f"{HEAD}Carbon Reduction Projects\nCompleted\n{sentence}")
    assert not facts.completed_measures
    assert facts.savings_tco2e is None


@pytest.mark.parametrize(
    ("sentence", "tonnes", "share"),
    [
        (
            "Together the completed measures save about 61 tCO2e a year, 12% of the footprint.",
            61,
            12,
        ),
        ("The LED retrofit saved 4.2 tCO2e (8%) in its first year.", 4.2, 8),
        ("These measures have reduced our emissions by 15%.", None, 15),
        ("The new boiler saves 3,500 kg CO2e a year.", 3.5, None),
    ],
)
def test_savings(sentence: str, tonnes: float | None, share: float | None) -> None:
    facts = facts_of(f"{HEAD}Carbon Reduction Projects\n{sentence}")
    assert (facts.savings_tco2e, facts.savings_percent) == (tonnes, share)


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("These measures will be in effect when we perform the contract.", "explicit"),
        (
            "The environmental management measures above will be in effect when performing the "
            "contract.",
            "explicit",
        ),
        (
            "These measures apply to every site we run, including those covered by this contract.",
            "explicit",
        ),
        ("All of these measures will continue while we work on any public commission.", "explicit"),
        (
            "The measures in this plan will remain in place throughout any contract we deliver.",
            "explicit",
        ),
        (
            "We confirm that the measures above will be applied when delivering services under "
            "this contract.",
            "explicit",
        ),
        (
            "All of the above measures will remain in place for the duration of any contract "
            "awarded to us.",
            "explicit",
        ),
        ("These measures have been completed or implemented and will remain ongoing.", "ongoing"),
        (
            "The initiatives above remain in place and will continue to deliver reductions.",
            "ongoing",
        ),
    ],
)
def test_contract_statements(statement: str, kind: str) -> None:
    facts = facts_of(
        f"{HEAD}Carbon Reduction Projects\nCompleted\n• LED lighting (2022).\n{statement}"
    )
    assert facts.measures_during_contract == kind
    assert [m.text for m in facts.completed_measures] == ["• LED lighting (2022)."]


def test_contracts_named_in_passing_are_not_a_contract_statement() -> None:
    facts = facts_of(
        f"{HEAD}About us\nPPN 06/21 applies to central government contracts above £5 million.\n"
        "Planned\n• Solar PV (2027)."
    )
    assert facts.measures_during_contract is None


@cache
def _lean_tree(version: str) -> Facts:
    path = (
        require_shared() / "real-crps" / "more" / f"lean-tree_carbon-reduction-plan_{version}.pdf"
    )
    return extract(ingest(path))


def test_lean_tree_offsets_are_not_savings() -> None:
    """Lean Tree 2024: Ecologi's "avoidance schemes have reduced carbon emissions by 219.72
    tCO2e, offsetting our company emissions" is offsetting, not a saving or a measure."""
    facts = _lean_tree("2024")
    assert facts.savings_tco2e is None
    assert not any("Ecologi" in m.text for m in facts.completed_measures)


def test_lean_tree_completed_ev_scheme_is_not_planned() -> None:
    """Lean Tree 2024 and 2026-03: the EV car scheme (launched March 2023) and the SME Climate
    Commitment (signed March 2025) are done, and "will remain ongoing" keeps them in effect."""
    plan_2024 = _lean_tree("2024")
    assert any("Electric Vehicle" in m.text for m in plan_2024.completed_measures)
    assert not any("scheme" in m.text for m in plan_2024.future_measures)
    assert plan_2024.measures_during_contract == "ongoing"
    plan_2026 = _lean_tree("2026-03")
    assert any("SME Climate Commitment" in m.text for m in plan_2026.completed_measures)
    assert not any("SME Climate Commitment" in m.text for m in plan_2026.future_measures)
    assert plan_2026.savings_tco2e == 4.0  # "our EV car scheme has saved over 4 tCO2e"


def test_plan_statements_and_numbered_subheadings_are_not_measures() -> None:
    facts = facts_of(
        f"{HEAD}This Carbon Reduction Plan has been prepared in accordance with PPN 06/21 and "
        "sets out the renewable electricity and travel measures we have implemented.\n"
        "Carbon Reduction Measures\nWe have implemented the following measures:\n"
        "4.1 Remote-First Working Model\n"
        "Our default operating model is remote-first.\n4.2 Sustainable Travel Policy\n"
        "• Rail travel over air travel for UK destinations."
    )
    assert [m.text[:10] for m in facts.completed_measures] == ["Our defaul", "• Rail tra"]


def test_unnumbered_title_case_items_still_count() -> None:
    facts = facts_of(
        f"{HEAD}Carbon Reduction Projects\nCompleted\nLED Lighting Upgrade At All Sites"
    )
    assert [m.text for m in facts.completed_measures] == ["LED Lighting Upgrade At All Sites"]
