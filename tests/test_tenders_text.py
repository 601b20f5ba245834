"""Tests for crp_checker.tenders.text: control characters refused on input (with a message),
and stored text made safe for XML exports (issue 14 item 6)."""

from __future__ import annotations

import pytest

from crp_checker.tenders import InvalidModerationError, InvalidTenderError
from crp_checker.tenders.text import long_text, printable, text_field


@pytest.mark.parametrize(
    "char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\uffff"]
)
def test_control_characters_are_refused_with_their_code(char: str) -> None:
    with pytest.raises(InvalidTenderError, match=f"U\\+{ord(char):04X}") as caught:
        text_field(f"Acme{char} Ltd", "bidder name", 200)
    assert "bidder name" in caught.value.message and caught.value.http_status == 422
    with pytest.raises(InvalidModerationError, match="control character"):
        long_text(f"Because{char}", "reason", 4000, error=InvalidModerationError)


def test_tabs_and_line_breaks_are_white_space_not_control_characters() -> None:
    assert text_field(" Grounds\tmaintenance\n2026 ", "title", 200) == "Grounds maintenance 2026"
    assert long_text("First line.\r\nSecond line.\n", "reason", 4000) == "First line.\nSecond line."
    assert (
        text_field("Société Générale – Zürich", "bidder name", 200) == "Société Générale – Zürich"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "needs a title"), ("   ", "needs a title"), ("x" * 201, "longer than 200")],
)
def test_blank_and_long_fields_are_refused(value: str, message: str) -> None:
    with pytest.raises(InvalidTenderError, match=message):
        text_field(value, "title", 200)


def test_printable_replaces_what_xml_cannot_hold_and_keeps_the_rest() -> None:
    assert printable("A\x00B\x0bC\tD\nE\ud800F") == "A\ufffdB\ufffdC\tD\nE\ufffdF"
    assert printable("Société – 100 tCO₂e") == "Société – 100 tCO₂e"
