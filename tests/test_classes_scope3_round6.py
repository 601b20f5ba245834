"""Scope 3 classes from plans written in everyday words (round 6).

Categories named as a small supplier names them, in wordings of our own: goods "delivered to
us" or "to the depot" (4), "train and hotel bookings" (6). Negatives: the same words outside a
Scope 3 breakdown, or about something other than goods coming in, are not read.
"""

from __future__ import annotations

import pytest
from documents import facts_of


def _breakdown(*rows: str) -> str:
    return "\n".join(
        [
            "Carbon Reduction Plan",
            "Emissions (tonnes CO2e) 2019 2025",
            "Scope 1 40.1 35.2",
            "Scope 3 61.4 55.2",
            "Scope 3 breakdown (tonnes CO2e) 2019 2025",
            *rows,
        ]
    )


def _numbers(text: str) -> dict[int, str | None]:
    return {c.number: c.figure for c in facts_of(text).scope3_detail}


@pytest.mark.parametrize(
    ("row", "number"),
    [
        ("timber and fixings delivered to us 12.4 11.0", 4),
        ("Stock delivered to our shop | 8.1 | 7.7 |", 4),
        ("Parts and oil delivered to the depot 9.3 8.8", 4),
        ("Paper and ink deliveries to our workshop 5.6 5.1", 4),
        ("Train and hotel bookings 1.3 0.9", 6),
        ("hotel bookings for site surveys 0.7 0.6", 6),
        ("Train travel to client meetings 2.2 1.9", 6),
    ],
)
def test_everyday_category_names_are_read(row: str, number: int) -> None:
    numbers = _numbers(_breakdown(row))
    assert number in numbers
    assert numbers[number] is not None


@pytest.mark.parametrize(
    "text",
    [
        # Not an emissions breakdown: a sentence about how the business runs.
        "Carbon Reduction Plan\nOur team replies to every order the day it is delivered to us.",
        "Carbon Reduction Plan\nHotel bookings for the summer are handled by the office.",
    ],
)
def test_everyday_words_outside_scope3_are_not_read(text: str) -> None:
    assert _numbers(text) == {}


def _cells(row: str) -> str:
    return "\n".join(
        [
            "Carbon Reduction Plan",
            "Our footprint in tonnes of CO2e",
            "| Baseline (2021) | Latest (2025) |",
            "Scope 1 - gas ovens and our van | 30.1 | 25.2 |",
            "Scope 2 - electricity (location-based) | 11.4 | 8.2 |",
            "Scope 3 - the things listed below | 48.8 | 41.9 |",
            "Total | 90.3 | 75.3 |",
            "What goes into Scope 3",
            "| Baseline | Latest |",
            "Flour and boxes delivered to our shop | 23.6 | 20.3 |",
            "Skips and food waste collections | 8.4 | 7.1 |",
            "Train and hotel bookings | 1.2 | 0.8 |",
            "Getting to work | 9.5 | 8.6 |",
            row,
            "These five are the Scope 3 sources we were asked to include.",
        ]
    )


@pytest.mark.parametrize(
    "row",
    [
        "Delivering to customers (our couriers, for the jobs we do not drive to ourselves) "
        "| 6.2 | 5.1 |",
        "Delivering hampers to clients (couriers, for the ones we cannot take) | 3.1 | 2.8 |",
    ],
)
def test_courier_in_a_downstream_bracket_describes_it(row: str) -> None:
    numbers = _numbers(_cells(row))
    assert numbers.get(9) is not None


def test_courier_row_of_its_own_stays_upstream() -> None:
    numbers = _numbers(_cells("Couriers bringing parts to us | 2.4 | 2.1 |"))
    assert numbers.get(4) is not None
