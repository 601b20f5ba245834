"""A plan that calls itself by a short name (its initials, or a defined short form) names the
supplier by its full name where it defines the short one."""

from __future__ import annotations

import pytest
from documents import facts_of


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Carbon Reduction Plan\nHarbour View Facilities Management Limited (HVFM)\n"
            "HVFM is committed to achieving net zero emissions by 2045.",
            "Harbour View Facilities Management Limited",
        ),
        (
            "CARBON REDUCTION PLAN\nKestrel Data Systems Ltd (\u201cKestrel\u201d)\n"
            "Kestrel is committed to net zero by 2040.",
            "Kestrel Data Systems Ltd",
        ),
        (
            "Carbon Reduction Plan\nPrepared by Westmoor Housing Trust (WHT)\n"
            "WHT is committed to net zero by 2040.",
            "Westmoor Housing Trust",
        ),
        (
            "Carbon Reduction Plan 2025\nThis plan is published by Tollgate Civil Engineering "
            'Ltd (the "Company").\nThe Company is committed to net zero by 2045.',
            "Tollgate Civil Engineering Ltd",
        ),
        (
            "Carbon Reduction Plan\nNorth Quay Print and Packaging Limited\n"
            "NQPP is committed to reaching net zero by 2050.",
            "North Quay Print and Packaging Limited",
        ),
    ],
)
def test_a_short_name_the_plan_defines_gives_the_full_name(text: str, name: str) -> None:
    assert facts_of(text).organisation == name
