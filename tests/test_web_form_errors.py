"""Form errors highlight the field they name (issue 16 item 3): the tender forms' refusals
carry the field at fault, and the page marks it (red bar, message beside it, aria-invalid)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from tender_support import PROCUREMENT_DATE, create_tender, post
from web_support import WebEnv, csrf

VALID = {
    "title": "Grounds maintenance",
    "reference": "GM-1",
    "procurement_date": PROCUREMENT_DATE,
    "climate_weight_percent": "10",
    "marking_scale": "0-5",
}


@pytest.mark.parametrize(
    ("change", "field_id", "words"),
    [
        ({"climate_weight_percent": "250"}, "new-weight", "between 0 and 100"),
        ({"climate_weight_percent": "lots"}, "new-weight", "is not a number"),
        ({"procurement_date": "1 Sept"}, "new-date", "is not a date"),
        ({"title": "  "}, "new-title", "needs a title"),
        ({"max_data_age_months": "0"}, "new-max_data_age_months", "must be between"),
    ],
)
def test_a_refused_tender_highlights_the_field_it_names(
    env: WebEnv, change: dict[str, str], field_id: str, words: str
) -> None:
    eve = env.signed_in("evaluator")
    response = post(eve, "/tenders", csrf(eve, "/tenders"), **(VALID | change))
    assert response.status_code == 422
    tree = lxml_html.fromstring(response.text)
    field = tree.get_element_by_id(field_id)
    assert field.get("aria-invalid") == "true"
    assert f"{field_id}-error" in field.get("aria-describedby")
    assert words in tree.get_element_by_id(f"{field_id}-error").text_content()
    assert "field--error" in field.getparent().get("class")
    others = [el for el in tree.xpath("//input[@aria-invalid]") if el is not field]
    assert not others, "only the field at fault is highlighted"


def test_a_refused_settings_change_highlights_the_field_on_the_tender_page(env: WebEnv) -> None:
    eve = env.signed_in("evaluator")
    tender = create_tender(eve)
    token = csrf(eve, f"/tenders/{tender}")
    fields = VALID | {"climate_weight_percent": "-5"}
    response = post(eve, f"/tenders/{tender}/settings", token, **fields)
    assert response.status_code == 422
    tree = lxml_html.fromstring(response.text)
    assert tree.get_element_by_id("edit-weight").get("aria-invalid") == "true"
    assert "between 0 and 100" in tree.get_element_by_id("edit-weight-error").text_content()
