"""Prose figures of issue 11, round 5: classes found in the tuning corpora (synthetic-j uj01),
each with several wordings of our own and the look-alikes that must stay unread."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Outcome

_HEAD = (
    "Carbon Reduction Plan\nBaseline year: 2019/20 (April to March). "
    "Reporting year: 2024/25 (April to March).\n\n"
)


@pytest.mark.parametrize(
    "text",
    [
        # synthetic-j uj01: the baseline figure refers back to the scope of the sentence before
        "The electricity we buy (Scope 2, location-based) accounted for 31.9 tonnes in 2024/25. "
        "In the baseline year it was 47.1 tonnes: the grid is cleaner now.",
        "Scope 2 emissions were 31.9 tCO2e in 2024/25. The figure for 2019/20 was 47.1 tCO2e.",
        "Our Scope 2 emissions came to 31.9 tCO2e in 2024/25. That compares with 47.1 tCO2e in "
        "our 2019/20 baseline.",
        "Purchased electricity (Scope 2) gave 31.9 tCO2e this year. In our baseline year this "
        "stood at 47.1 tCO2e.",
    ],
)
def test_a_figure_that_refers_back_to_the_scope_before_takes_its_own_period(text: str) -> None:
    facts = facts_of(_HEAD + text)
    assert (facts.baseline.scope2, facts.current.scope2) == (47.1, 31.9)


@pytest.mark.parametrize(
    "text",
    [
        # no period of its own: the reference cannot be filed
        "Scope 2 emissions were 31.9 tCO2e in 2024/25. It was 47.1 tCO2e.",
        # two scopes before it: which one it means is not known
        "Scope 1 was 12.0 tCO2e and Scope 2 was 31.9 tCO2e in 2024/25. In the baseline year it "
        "was 47.1 tonnes.",
        # a new paragraph breaks the reference
        "Scope 2 emissions were 31.9 tCO2e in 2024/25.\n\nIn the baseline year it was 47.1 tonnes.",
    ],
)
def test_a_reference_without_its_own_period_or_one_scope_before_it_is_not_read(text: str) -> None:
    facts = facts_of(_HEAD + text)
    assert facts.baseline.scope2 is None
    assert facts.current.scope2 == 31.9


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 2 emissions were 31.9 tCO2e in 2024/25.",
        "Scope 2 came to 31.9 tonnes CO2e for 2024/25.",
        "Scope 2 totalled 31.9 tCO2e during FY2024/25.",
    ],
)
def test_a_sentence_that_dates_its_figure_is_filed_under_that_year_not_read_as_a_row(
    sentence: str,
) -> None:
    facts = facts_of(_HEAD + sentence)
    assert facts.current.scope2 == 31.9
    assert facts.baseline.scope2 is None


def test_a_word_that_starts_with_cut_is_no_reduction() -> None:
    # "cutter" is a machine, not a cut in emissions: the sentence still states actuals
    facts = facts_of(
        _HEAD + "Scope 2 was 31.9 tCO2e in 2024/25. In the baseline year it was 47.1 tonnes, "
        "before the new plasma cutter."
    )
    assert facts.baseline.scope2 == 47.1


_CALENDAR = (
    "Carbon Reduction Plan\nBaseline year: 2019 (1 January to 31 December 2019). Current "
    "reporting year: 2025 (1 January to 31 December 2025).\n\n"
)


@pytest.mark.parametrize(
    "text",
    [
        # synthetic-j uj20: the second pair names no year; it follows the first pair's order
        "Our vans (Scope 1) produced 81.2 tCO2e in 2025 against 96.4 tCO2e in 2019, and "
        "electricity for our depot (Scope 2, location-based) 12.9 tCO2e against 18.7 tCO2e.",
        "Scope 1 came to 81.2 tCO2e in 2025, down from 96.4 tCO2e in 2019; Scope 2 to 12.9 "
        "tCO2e, down from 18.7 tCO2e.",
    ],
)
def test_a_pair_without_years_takes_the_order_of_the_pair_before_it(text: str) -> None:
    facts = facts_of(_CALENDAR + text)
    assert (facts.current.scope1, facts.baseline.scope1) == (81.2, 96.4)
    assert (facts.current.scope2, facts.baseline.scope2) == (12.9, 18.7)


def test_a_pair_without_years_and_no_pair_before_it_is_not_filed_by_a_distant_year() -> None:
    facts = facts_of(
        _CALENDAR + "In 2025 our vans emitted a lot less. Electricity (Scope 2) gave 12.9 tCO2e "
        "against 18.7 tCO2e."
    )
    assert facts.baseline.scope2 is None


@pytest.mark.parametrize(
    ("sentence", "totals"),
    [
        (
            "In total we emitted 156.2 tCO2e in 2025, compared with 184.3 tCO2e in the baseline "
            "year.",
            (184.3, 156.2),
        ),
        ("All told we emitted 156.2 tCO2e in 2025, against 184.3 tCO2e in 2019.", (184.3, 156.2)),
        # the baseline's scopes do not add up to the second figure: it is no total
        (
            "In total we emitted 156.2 tCO2e in 2025, compared with 190.0 tCO2e in the baseline "
            "year.",
            (None, 156.2),
        ),
    ],
)
def test_two_totals_in_one_sentence_are_taken_where_their_scopes_add_up(
    sentence: str, totals: tuple[float | None, float | None]
) -> None:
    facts = facts_of(
        _CALENDAR + "Emissions (tCO2e) | 2019 | 2025 |\nScope 1 | 96.4 | 81.2 |\n"
        "Scope 2 | 18.7 | 12.9 |\nScope 3 | 69.2 | 62.1 |\n\n" + sentence
    )
    assert (facts.baseline.total, facts.current.total) == totals


@pytest.mark.parametrize(
    "row",
    [
        "4 Upstream transport: materials delivered to depot | 22.5 20.1",
        "Category 6 - Business travel | 22.5 20.1",
    ],
)
def test_one_category_row_under_scope_3_is_not_the_scope_3_figure(row: str) -> None:
    facts = facts_of(_CALENDAR + "Scope 3 sources (tCO2e)\nCategory | 2019 | 2025 |\n" + row + "\n")
    assert facts.baseline.scope3 is None
    assert facts.current.scope3 is None


_JANUARY = (
    "Carbon Reduction Plan Year ended 31 January 2026\n"
    "We measure progress from the year ended 31 January 2021, which became our baseline because "
    "it was our first full year of records.\n\n"
)


def test_the_title_names_the_current_period_and_which_became_our_baseline_names_the_base() -> None:
    facts = facts_of(_JANUARY)
    assert (facts.baseline.end_year, facts.current.end_year) == (2021, 2026)


@pytest.mark.parametrize(
    "title",
    ["Carbon Reduction Plan 2026", "Carbon Reduction Plan – 2026 edition"],
)
def test_a_bare_year_after_the_title_is_its_edition_not_its_period(title: str) -> None:
    assert facts_of(f"{title}\nWe are committed to net zero by 2045.\n").current.end_year is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 3 totalled 27.5 tonnes CO2e, compared with 29.4 tonnes CO2e at baseline.",
        "Scope 3 came to 27.5 tCO2e, against 29.4 tCO2e in the baseline year.",
        "Scope 3 was 27.5 tCO2e versus 29.4 tCO2e in our baseline year.",
    ],
)
def test_a_figure_compared_with_the_baseline_is_the_current_one(sentence: str) -> None:
    facts = facts_of(_JANUARY + sentence)
    assert (facts.baseline.scope3, facts.current.scope3) == (29.4, 27.5)


@pytest.mark.parametrize(
    "sentence",
    [
        "Purchased electricity was 1.9 tonnes CO2e this year and 2.7 tonnes CO2e in the "
        "baseline year (Scope 2, location-based).",
        "Electricity came to 1.9 tCO2e this year, against 2.7 tCO2e in the baseline year "
        "(Scope 2).",
    ],
)
def test_a_bracketed_scope_after_a_pair_names_both_figures(sentence: str) -> None:
    facts = facts_of(_JANUARY + sentence)
    assert (facts.baseline.scope2, facts.current.scope2) == (2.7, 1.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "Direct emissions from our trucks, chippers and saws came to 31.2 tonnes CO2e this year.",
        "This year our direct emissions (fuel burnt in our vehicles) were 31.2 tCO2e.",
    ],
)
def test_direct_emissions_are_scope_1(sentence: str) -> None:
    assert facts_of(_JANUARY + sentence).current.scope1 == 31.2


def test_direct_emissions_beside_a_named_scope_are_left_to_it() -> None:
    facts = facts_of(
        _JANUARY + "This year direct emissions were 31.2 tCO2e, of which Scope 3 was none."
    )
    assert facts.current.scope1 is None


def test_the_three_scopes_together_are_the_total() -> None:
    facts = facts_of(
        _JANUARY + "Emissions (tCO2e) | Baseline | This year |\nScope 1 | 38.5 | 31.2 |\n"
        "Scope 2 | 2.7 | 1.9 |\nScope 3 | 29.4 | 27.5 |\n\n"
        "Combined, the three scopes came to 60.6 tonnes CO2e, against 70.6 tonnes CO2e in the "
        "baseline year."
    )
    assert (facts.baseline.total, facts.current.total) == (70.6, 60.6)


_JULY = (
    "Carbon Reduction Plan\nReporting period: 1 July 2024 to 30 June 2025.\n"
    "Baseline period: 1 July 2018 to 30 June 2019.\n\n"
)
_CATEGORIES = (
    "Scope 3 categories (tCO2e)\nCategory | Baseline | Current |\n"
    "Upstream transport (Cat 4) | 118.2 | 95.0 |\nWaste (Cat 5) | 42.7 | 31.0 |\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        # synthetic-l l09: the baseline named just before the second figure
        "Scope 2 (electricity, market-based): 21.6 tCO2e; baseline 39.8 tCO2e.",
        "Scope 2 was 21.6 tCO2e (baseline: 39.8 tCO2e).",
        "Scope 2: 21.6 tCO2e, baseline year 39.8 tCO2e.",
    ],
)
def test_the_baseline_named_just_before_the_second_figure_is_its_period(sentence: str) -> None:
    facts = facts_of(_JULY + sentence + "\n\n" + _CATEGORIES)
    assert (facts.baseline.scope2, facts.current.scope2) == (39.8, 21.6)


@pytest.mark.parametrize(
    "lines",
    [
        "Scope 1 (direct: yard heating, forklifts, vans): 128.9 tCO2e,\n"
        "compared with 145.3 tCO2e at baseline.",
        "Scope 1 (fuel and gas): 128.9 tonnes,\nagainst 145.3 tonnes in the baseline year.",
    ],
)
def test_a_line_ending_in_a_comma_after_its_figure_is_a_sentence_not_a_row(lines: str) -> None:
    facts = facts_of(_JULY + lines + "\n\n" + _CATEGORIES)
    assert (facts.baseline.scope1, facts.current.scope1) == (145.3, 128.9)


@pytest.mark.parametrize("qualifier", ["approx.", "est.", "c."])
def test_a_qualifier_with_a_full_stop_does_not_end_the_sentence(qualifier: str) -> None:
    facts = facts_of(
        _JULY + f"Scope 3: {qualifier} 310 tCO2e this period. The figure is rounded; at "
        "baseline it was 402.6 tCO2e."
    )
    assert (facts.baseline.scope3, facts.current.scope3) == (402.6, 310.0)


def test_a_table_of_categories_leaves_the_scopes_to_the_prose_but_keeps_its_own() -> None:
    facts = facts_of(
        _JULY + "Scope 1 was 128.9 tCO2e this period.\n\n"
        "Emissions | Baseline | Current |\nScope 1 | 145.3 | 130.0 |\nScope 2 | 39.8 | 21.6 |\n"
        "Scope 3 | 402.6 | 310.0 |\n"
    )
    assert facts.current.scope1 == 130.0  # the table's figure stands


@pytest.mark.parametrize(
    ("heading", "role"),
    [("This year's emissions", "current"), ("Our baseline year", "baseline")],
)
def test_a_heading_naming_one_period_carries_it_to_the_paragraph_under_it(
    heading: str, role: str
) -> None:
    facts = facts_of(
        _JANUARY + f"{heading}\nDirect emissions from our trucks and saws came to 31.2 tonnes CO2e."
    )
    assert getattr(facts, role).scope1 == 31.2


def test_a_heading_naming_both_periods_carries_neither() -> None:
    facts = facts_of(
        _JANUARY + "Baseline and current emissions\nDirect emissions from our trucks came to "
        "31.2 tonnes CO2e."
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 1 is zero in both years because we own no vehicles.",
        "Scope 2 is nil in both years as our landlord pays for the electricity.",
    ],
)
def test_a_sentence_about_a_scope_above_a_table_is_not_its_first_row(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        f"{sentence}\n\nEmissions (tCO2e) | 2019 | 2025 |\nScope 1 | 0.0 | 0.0 |\n"
        "Scope 2 | 20.0 | 15.0 |\nScope 3 | 90.0 | 80.0 |\n"
    )
    assert facts.current.unit == "tCO2e"  # the header row above the figures gives the unit
    assert (facts.baseline.scope3, facts.current.scope3) == (90.0, 80.0)


_BASE_2021 = "Carbon Reduction Plan – reporting year 2025\nOur base year is 2021.\n\n"


@pytest.mark.parametrize(
    "paragraph",
    [
        # synthetic-l l01: a label sentence, a figure reached, a clause between, a reference back
        "Scope 1. Scope 1 emissions fell to 14.6 tCO2e. Of this, 11.9 t came from diesel. In "
        "the base year it stood at 17.3 tCO2e.",
        "Scope 1 emissions have fallen to 14.6 tCO2e. Most of this is van diesel. In our base "
        "year the figure was 17.3 tCO2e.",
    ],
)
def test_a_figure_reached_and_its_base_year_figure_referred_back(paragraph: str) -> None:
    facts = facts_of(_BASE_2021 + paragraph)
    assert (facts.baseline.scope1, facts.current.scope1) == (17.3, 14.6)


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 3. Our value chain accounted for 19.7 tCO2e; in 2021 the comparable number was "
        "22.8 tCO2e.",
        "Scope 3: our value chain came to 19.7 tCO2e in 2025; in the base year the equivalent "
        "figure was 22.8 tCO2e.",
    ],
)
def test_a_label_sentence_and_the_comparable_figure_for_the_base_year(sentence: str) -> None:
    facts = facts_of(_BASE_2021 + sentence)
    assert (facts.baseline.scope3, facts.current.scope3) == (22.8, 19.7)


def test_a_line_ending_in_a_comma_after_its_figure_and_words_is_a_sentence() -> None:
    facts = facts_of(
        _BASE_2021 + "Scope 2. Electricity for the office and van charging produced 2.9 tCO2e "
        "(location-based),\nagainst 4.1 tCO2e in the base year.\n"
    )
    assert (facts.baseline.scope2, facts.current.scope2) == (4.1, 2.9)


def test_a_scope_label_ending_in_a_comma_without_a_figure_is_still_a_row_label() -> None:
    from crp_checker.extract.rows import classify

    assert classify("Scope 3: Estimated based on guidance,").kind == "scope"


@pytest.mark.parametrize(
    "sentence",
    [
        # synthetic-o o05: each bracketed scope closes the figure before it
        "In 2021 we emitted 186.4 tonnes of CO2e from burning gas in our ovens and diesel in our "
        "vans (Scope 1) and 74.9 tonnes of CO2e from the electricity we bought, measured on the "
        "location basis (Scope 2).",
        "In 2021 we emitted 186.4 tCO2e from the gas and diesel we burnt (Scope 1), and 74.9 "
        "tCO2e from the electricity we bought for the bakery and shops (Scope 2).",
    ],
)
def test_a_bracketed_scope_after_its_figure_is_not_the_next_figures_label(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2021 (calendar year).\n"
        "Reporting year: 2025 (calendar year).\n\n" + sentence
    )
    assert (facts.baseline.scope1, facts.baseline.scope2) == (186.4, 74.9)
    assert facts.baseline.total is None  # "we emitted 186.4" was Scope 1, not the total


@pytest.mark.parametrize(
    "note",
    [
        # synthetic-o o15, o16
        "Cat. 9 is zero: we do not ship physical products to customers.",
        "Cat. 9 – nil, as we sell services and deliver nothing.",
    ],
)
def test_cat_with_a_full_stop_does_not_end_the_sentence_that_explains_it(note: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nReporting year: 2025\nScope 3 categories (tCO2e) | 2025 |\n"
        "Cat. 4 Upstream transport | 12.0 |\nCat. 9 Downstream transportation and distribution | "
        f"0.0 |\n{note}\n"
    )
    assert run("zeros-explained", facts).outcome is Outcome.PASS
