"""Clarification letters and re-submitted plans through the web app (issue 14 item 4): the
letter for a plan with failed and uncertain requirements lists each with its quote and page, as
a page to print and as a DOCX; it is recorded on the bid; the revised plan becomes version 2 of
the same bid, compared with version 1. Both database backends."""

from __future__ import annotations

import io
import re

from docx import Document
from lxml import html as lxml_html
from tender_support import (
    NET_ZERO_2060,
    add_upload,
    bid_fields,
    bid_link,
    create_tender,
    page_matrix,
    post,
)
from web_support import PLAN_PDF, WebEnv, csrf

from crp_checker.tenders.letters import DOCX_MEDIA_TYPE

UNSURE = "The board minutes do not show who signed."
LETTER_PATH = re.compile(r"^/tenders/[0-9a-f]{32}/bids/[0-9a-f]{32}/clarifications/([0-9a-f]{32})$")


def _item_texts(html: str) -> dict[str, str]:
    """The letter page's items: heading -> the section's text."""
    tree = lxml_html.fromstring(html)
    return {
        " ".join(section.xpath("string(h2)").split()): " ".join(section.text_content().split())
        for section in tree.xpath("//section[contains(@class, 'letter-item')]")
    }


def test_a_letter_for_failed_and_uncertain_requirements_then_a_revised_plan(env: WebEnv) -> None:
    eve = env.client("evaluator")
    tender = create_tender(eve, reference="LET-1")
    token = csrf(eve, f"/tenders/{tender}")
    assert add_upload(eve, tender, "Late Zero Ltd", NET_ZERO_2060, token=token).status_code == 303
    bid = bid_link(eve.get(f"/tenders/{tender}").text, "Late Zero Ltd")
    # The evaluator is unsure about the signatory: uncertain, so it goes into the letter too.
    unsure = {"rule_id": "signatory", "outcome": "needs_review", "reason": UNSURE}
    assert post(eve, f"{bid}/moderate", token, **unsure).status_code == 303

    page = eve.get(bid).text
    preview = lxml_html.fromstring(page).xpath("//ul[@class='letter-preview']/li")
    assert [li.get("data-rule") for li in preview] == ["net-zero-year", "signatory"]
    titles = [" ".join(li.xpath("string(a)").split()) for li in preview]
    assert preview[1].text_content().endswith("(needs review)")
    bad_date = post(
        eve, f"{bid}/clarifications", token, reply_by="2025-01-01", sent_on="2025-09-05"
    )
    assert bad_date.status_code == 422 and 'id="letter-error"' in bad_date.text
    sent = post(eve, f"{bid}/clarifications", token, reply_by="2025-09-19", sent_on="2025-09-05")
    assert sent.status_code == 303
    assert LETTER_PATH.match(sent.headers["location"])

    letter = eve.get(sent.headers["location"])
    assert (
        letter.status_code == 200 and "script-src" not in letter.headers["content-security-policy"]
    )
    items = _item_texts(letter.text)
    assert list(items) == [f"1. {titles[0]}", f"2. {titles[1]}"]
    net_zero = items[f"1. {titles[0]}"]
    assert "Status: Not met (PPN 006 ground a)" in net_zero
    assert re.search(r"Where in your plan: p\. \d+: “[^”]*20(60|50)[^”]*”", net_zero), net_zero
    assert "What to send: " in net_zero
    signatory = items[f"2. {titles[1]}"]
    assert "Could not be confirmed from the plan" in signatory
    assert re.search(r"p\. \d+: “", signatory) or "Not found in the plan." in signatory
    assert "Please reply by: 19 September 2025" in " ".join(letter.text.split()).replace(
        "</strong>", ""
    ).replace("<strong>", "")

    word = eve.get(sent.headers["location"] + "/letter.docx")
    assert word.status_code == 200 and word.headers["content-type"] == DOCX_MEDIA_TYPE
    assert word.headers["content-disposition"].endswith('clarification-20250905.docx"')
    document = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    for heading, section in items.items():
        assert heading in document
        quote = re.search(r"(p\. \d+: “[^”]*”|Not found in the plan\.)", section)
        assert quote and quote.group(1) in document, heading
    assert "Please reply by: 19 September 2025" in document

    # Recorded on the bid, and in the tender's log.
    page = eve.get(bid).text
    assert "5 September 2025" in page and "19 September 2025" in page
    assert "Clarification letter" in eve.get(f"/tenders/{tender}").text

    # The revised plan: version 2 of the same bid, compared with version 1.
    revised = eve.post(
        f"{bid}/versions",
        data={"csrftoken": token},
        files={"file": (PLAN_PDF.name, PLAN_PDF.read_bytes(), "application/pdf")},
        follow_redirects=False,
    )
    assert revised.status_code == 303, revised.text[:500]
    page = eve.get(bid).text
    tree = lxml_html.fromstring(page)
    answered = {
        row.get("data-rule"): [" ".join(td.text_content().split()) for td in row.xpath("td")]
        for row in tree.xpath("//section[@id='comparison']//tr[@data-rule]")
    }
    assert answered["net-zero-year"] == [titles[0], "Fail", "Pass"]
    assert answered["signatory"][1:] == ["Needs review", "Pass"]  # the moderation stays behind
    fixed = tree.xpath("string(//div[contains(@class, 'change-group--fixed')])")
    assert titles[0] in fixed
    assert "Version 2 compared with version 1" in page and "in reply to" not in fixed
    assert bid_fields(page)["marks"].startswith("15 of 15")
    row = page_matrix(eve.get(f"/tenders/{tender}").text)["Late Zero Ltd"]
    assert "Plan version 2" in row["status"] and row["gate"] == "Pass" and row["marks"] == "15"
    log = eve.get(f"/tenders/{tender}").text
    assert "New plan version" in log and "in reply to the letter sent 5 September 2025" in log

    # The letter on file is unchanged, and nothing more can be sent after finalising.
    assert _item_texts(eve.get(sent.headers["location"]).text) == items
    assert post(eve, f"/tenders/{tender}/finalise", token, confirm="yes").status_code == 303
    late = post(eve, f"{bid}/clarifications", token, reply_by="2025-09-30", sent_on="2025-09-20")
    assert late.status_code == 409
    again = eve.post(
        f"{bid}/versions",
        data={"csrftoken": token},
        files={"file": (PLAN_PDF.name, PLAN_PDF.read_bytes(), "application/pdf")},
        follow_redirects=False,
    )
    assert again.status_code == 409 and "finalised" in again.text
