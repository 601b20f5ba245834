"""Sign-off and issue-date layouts (round 3 of issue 11), each class in several wordings of our
own: the role written above the name or before it in prose, a signature written as initials over
a name field, two signatures side by side, names with lower-case particles, LLP and chief-officer
roles, "the 12th day of March", and a line naming the plan that carries its issue date."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from

from crp_checker.extract.values import find_dates

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
SIGN = "Declaration and Sign Off\nThis plan has been reviewed and signed off by the board.\n"


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        ("Signed on behalf of the Supplier:\nManaging Director\nGrace Example\n12 March 2026",
         "Grace Example", "Managing Director"),
        ("Signed:\nChair of Trustees\nRevd Alan Example\nDate: 3 June 2025",
         "Revd Alan Example", "Chair of Trustees"),
        ("For and on behalf of Acme Widgets Ltd\nOperations Director\nSam Example",
         "Sam Example", "Operations Director"),
    ],
)  # fmt: skip
def test_a_role_written_above_the_name(block: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + SIGN + block)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.signatory.director_level is True


def test_a_line_above_that_is_not_only_a_role_is_not_taken_for_one() -> None:
    facts = facts_of(HEAD + SIGN + "Signed by the Director's office\nGrace Example\n")
    assert facts.signatory.role is None


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("This plan was signed off by our Managing Director, Grace Example, on 12 March 2026.",
         "Grace Example", "Managing Director"),
        ("It was approved by the Chief Executive, Tom Example, on 12 March 2026.",
         "Tom Example", "Chief Executive"),
        ("The plan was authorised by our owner, Sam Example, on 12 March 2026.",
         "Sam Example", "owner"),
    ],
)  # fmt: skip
def test_a_role_before_the_name_in_a_signing_sentence(sentence: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + "Sign off\n" + sentence)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    "rows",
    [
        "Signed | G. Example |\nName | Grace Example |\nPosition | Managing Director |",
        "Signature: G Example\nPrint name: Grace Example\nJob title: Managing Director",
        "Signed: G.R. Example\nFull name: Grace Example\nRole: Managing Director",
    ],
)
def test_a_signature_written_as_initials_gives_way_to_the_name_field(rows: str) -> None:
    facts = facts_of(HEAD + SIGN + rows + "\nDate: 12 March 2026")
    assert (facts.signatory.name, facts.signatory.role) == ("Grace Example", "Managing Director")


def test_a_signature_table_in_word_with_initials_then_a_name() -> None:
    data = docx_plan(
        [*HEAD.splitlines(), "Declaration and Sign Off", "Signed on behalf of the Supplier:"],
        [
            ["Signed", "G. Example"],
            ["Name", "Grace Example"],
            ["Position", "Finance Director"],
            ["Date", "12/03/2026"],
        ],
    )
    facts = facts_from(data, "plan.docx")
    assert (facts.signatory.name, facts.signatory.role) == ("Grace Example", "Finance Director")
    assert facts.sign_off_date == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        ("Grace Example          Peter Example\nManaging Director      Finance Director",
         "Grace Example", "Managing Director"),
        ("Signed:\nDr Ann Example     Raj Example\nChief Executive    Company Secretary",
         "Dr Ann Example", "Chief Executive"),
    ],
)  # fmt: skip
def test_two_signatures_side_by_side_give_the_first(block: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + SIGN + "Signed on behalf of the Supplier:\n" + block)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)


@pytest.mark.parametrize(
    "name", ["Rhys ap Gwilym", "Ana dos Santos", "Pieter ter Horst", "Omar ibn Khalid"]
)
def test_names_with_lower_case_particles(name: str) -> None:
    facts = facts_of(HEAD + SIGN + f"Name: {name}\nTitle: Senior Partner\nDate: 12 Mar 2026")
    assert (facts.signatory.name, facts.signatory.director_level) == (name, True)


@pytest.mark.parametrize(
    "role",
    ["Designated Member", "Chief Technology Officer", "Board Member", "Executive Chair"],
)
def test_llp_members_chairs_and_chief_officers_are_board_level(role: str) -> None:
    facts = facts_of(HEAD + SIGN + f"Signed: Sarah Example, {role}\nDate: 12 March 2026")
    assert (facts.signatory.role, facts.signatory.director_level) == (role, True)


@pytest.mark.parametrize(
    "text",
    [
        "Dated this 12th day of March 2026",
        "signed on the 12th day of March, 2026",
        "this 12 day of March 2026",
    ],
)
def test_the_nth_day_of_a_month(text: str) -> None:
    found = find_dates(text)
    assert (found[0].value, found[0].precision) == (dt.date(2026, 3, 12), "day")


@pytest.mark.parametrize(
    "footer",
    [
        "Acme Widgets Ltd | Carbon Reduction Plan | Issued 03/03/2026",
        "Carbon Reduction Plan v2 - issued 3 March 2026",
        "Acme Widgets Ltd · Carbon Reduction Plan · Published: 3rd March 2026",
    ],
)
def test_a_line_naming_the_plan_gives_its_issue_date(footer: str) -> None:
    body = "\n".join(f"Paragraph {i} of the plan about our emissions." for i in range(20))
    facts = facts_of(HEAD + body + "\n" + SIGN + "Signed: Grace Example, Director\n" + footer)
    assert facts.publication_date == dt.date(2026, 3, 3)


def test_an_issue_word_in_an_ordinary_line_late_in_the_plan_is_not_the_plans_date() -> None:
    body = "\n".join(f"Paragraph {i} of the plan about our emissions." for i in range(20))
    text = HEAD + body + "\nOur supplier code was issued 3 March 2026 to all contractors.\n"
    assert facts_of(text).publication_date is None
