"""The pages where people settle what the checker cannot (issue 13 items 1 and 3), on both
backends: correcting a fact on a report page, the review queue for evaluators and the climate
team, answering a question (confirm, correct, set the outcome), and a tender that cannot be
finalised while a question is open."""

from __future__ import annotations

import html

from factories import add_supplier, add_tender_bid, make_assessment, make_finding, make_tender
from lxml import html as lxml_html
from tender_support import page_matrix, post
from web_support import EMAILS, WebEnv, csrf

from crp_checker.readings import reading_question
from crp_checker.schemas import Finding, Outcome, Reading, Severity
from crp_checker.store import get_assessment, get_user_by_email, session_scope
from crp_checker.suppliers.linking import link_assessment
from crp_checker.tenders import Tender, bid_assessment

REASON = "Read against the table on page 2."


def _question_bid(env: WebEnv, reference: str, *, doubt: bool) -> tuple[str, str, str]:
    """A draft tender whose one bid has an open good-practice question (scope2-basis), raised
    by a doubtful reading of the current period when `doubt`: tender, bid, assessment ids."""
    with session_scope(env.engine) as db:
        eve = get_user_by_email(db, EMAILS["evaluator"])
        assert eve is not None
        tender = make_tender(db, eve, reference=reference)
        base = make_assessment(warnings=[])
        facts = base.facts.model_copy(deep=True)
        question = "Which basis do the Scope 2 figures use?"
        if doubt:
            facts.readings["current.label"] = Reading(how="inferred", reason="taken from a heading")
            question = reading_question("current.label", facts.readings["current.label"])
        asked = make_finding(
            "scope2-basis", "data", Outcome.NEEDS_REVIEW, Severity.GOOD_PRACTICE
        ).model_copy(update={"question": question})
        findings: list[Finding] = [
            f.model_copy(update={"outcome": Outcome.PASS}) if f.rule == "signatory" else f
            for f in base.findings
            if f.rule != "scope2-basis"
        ] + [asked]
        bid = add_tender_bid(
            db, tender, eve, "Question Ltd", reference.encode(), facts=facts, findings=findings
        )
        return tender.public_id, bid.public_id, bid.assessment_record.public_id


def _queue(env: WebEnv, role: str) -> list[tuple[str, str]]:
    page = env.signed_in(role).get("/review")
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.text)
    return [
        (str(s.get("data-assessment")), str(s.get("data-rule")))
        for s in tree.xpath("//section[@class='question']")
    ]


def test_a_supplier_corrects_its_own_report_as_its_own_statement(env: WebEnv) -> None:
    ann = env.signed_in("supplier_a")
    page = ann.get(f"/reports/{env.report_a}").text
    assert "Correct a fact the checker misread" in page
    assert "as your organisation&#39;s own statement" in page
    form = {
        "csrftoken": csrf(ann, f"/reports/{env.report_a}"),
        "fact": "net_zero_year",
        "value": "2040",
        "page": "1",
        "quote": "Net Zero emissions by 2040",
        "reason": "The plan was updated.",
    }
    done = ann.post(f"/reports/{env.report_a}/corrections", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text[:500]
    report = html.unescape(ann.get(f"/reports/{env.report_a}").text)
    assert "The net zero year is 2040 (the checker read 2035), as the supplier's own" in report
    bad = ann.post(
        f"/reports/{env.report_a}/corrections",
        data=form | {"value": "soon"},
        follow_redirects=False,
    )
    assert bad.status_code == 422 and "&#39;value&#39; for net_zero_year" in bad.text
    bad = ann.post(
        f"/reports/{env.report_a}/corrections", data=form | {"page": "two"}, follow_redirects=False
    )
    assert bad.status_code == 422 and "&#39;page&#39; must be a page number" in bad.text
    # Another organisation's report is not found; an evaluator may not correct a supplier's.
    bob = env.signed_in("supplier_b")
    other = bob.post(f"/reports/{env.report_a}/corrections", data=form | {"csrftoken": csrf(bob)})
    assert other.status_code == 404
    eve = env.signed_in("evaluator")
    assert "Correct a fact the checker misread" not in eve.get(f"/reports/{env.report_a}").text
    refused = eve.post(f"/reports/{env.report_a}/corrections", data=form | {"csrftoken": csrf(eve)})
    assert refused.status_code == 403


def test_confirming_a_reading_closes_the_question(env: WebEnv) -> None:
    _, _, assessment = _question_bid(env, "REV-1", doubt=True)
    assert (assessment, "scope2-basis") in _queue(env, "evaluator")
    assert (assessment, "scope2-basis") not in _queue(env, "climate")  # tenders are not theirs
    eve = env.signed_in("evaluator")
    page = eve.get("/review").text
    assert "Confirm: the current reporting period is 2023" in page
    assert "Taken from a heading. Is the current reporting period read right?" in page
    form = {"assessment": assessment, "rule": "scope2-basis", "action": "confirm", "reason": REASON}
    done = post(eve, "/review/answer", csrf(eve, "/review"), **form)
    assert done.status_code == 303 and done.headers["location"] == "/review?answered=1"
    # That question is closed; the plan judged again by the rules may ask others.
    assert "Is the current reporting period read right?" not in eve.get("/review").text
    with session_scope(env.engine) as db:
        record = get_assessment(db, assessment)
        assert record is not None
        corrected = record.assessment.facts.corrections["current.label"]
        assert corrected.value == "2023" and corrected.reason == f"Confirmed: {REASON}"
        assert record.corrections[0].question_rule == "scope2-basis"


def test_an_open_question_blocks_finalising_until_its_outcome_is_set(env: WebEnv) -> None:
    tender, _, assessment = _question_bid(env, "REV-2", doubt=False)
    eve = env.signed_in("evaluator")
    token = csrf(eve, f"/tenders/{tender}")
    before = page_matrix(eve.get(f"/tenders/{tender}").text)["Question Ltd"]
    assert before["open_questions"].startswith("1")
    refused = post(eve, f"/tenders/{tender}/finalise", token, confirm="yes")
    assert refused.status_code == 409
    assert "Questions of the checker are still open for: Question Ltd (1)" in refused.text
    page = eve.get("/review").text
    assert "Which basis do the Scope 2 figures use?" in page
    assert f'id="{assessment}-scope2-basis-confirm"' not in page  # no reading to confirm
    form = {
        "assessment": assessment,
        "rule": "scope2-basis",
        "action": "outcome",
        "outcome": "pass",
        "reason": REASON,
    }
    assert post(eve, "/review/answer", csrf(eve, "/review"), **form).status_code == 303
    after = page_matrix(eve.get(f"/tenders/{tender}").text)["Question Ltd"]
    assert after["open_questions"] == "0"
    assert after["score"] != before["score"]  # the answer counts in the marks
    assert post(eve, f"/tenders/{tender}/finalise", token, confirm="yes").status_code == 303
    # Once finalised: the report says why it cannot be corrected, and a post is refused.
    report = eve.get(f"/reports/{assessment}").text
    assert "can no longer be corrected" in report and "Correct a fact the checker" not in report
    fix = {"fact": "net_zero_year", "value": "2040", "reason": "r"}
    refused = post(eve, f"/reports/{assessment}/corrections", token, **fix)
    assert refused.status_code == 409 and "finalised" in refused.text
    with session_scope(env.engine) as db:
        found = db.query(Tender).filter_by(public_id=tender).one()
        assert bid_assessment(found.bids[0]).facts.corrections == {}


def test_the_climate_team_answers_the_registers_questions(env: WebEnv) -> None:
    with session_scope(env.engine) as db:
        record = get_assessment(db, env.report_b)
        assert record is not None
        data = record.assessment
        asked = data.findings[0].model_copy(
            update={"outcome": Outcome.NEEDS_REVIEW, "question": "Is this the plan itself?"}
        )
        record.data = data.model_copy(update={"findings": [asked, *data.findings[1:]]}).model_dump(
            mode="json"
        )
        link_assessment(db, add_supplier(db, "Org B Trading Ltd"), record)
    rule = asked.rule
    assert (env.report_b, rule) in _queue(env, "climate")
    assert (env.report_b, rule) not in _queue(env, "evaluator")
    cat = env.signed_in("climate")
    page = cat.get("/review").text
    assert f'id="{env.report_b}-{rule}-outcome"' in page and "(a moderation)" not in page
    form = {
        "assessment": env.report_b,
        "rule": rule,
        "action": "outcome",
        "outcome": "pass",
        "reason": REASON,
    }
    assert post(cat, "/review/answer", csrf(cat, "/review"), **form).status_code == 303
    assert (env.report_b, rule) not in _queue(env, "climate")
    with session_scope(env.engine) as db:
        record = get_assessment(db, env.report_b)
        assert record is not None
        finding = next(f for f in record.assessment.findings if f.rule == rule)
        assert finding.outcome is Outcome.PASS and finding.question is None
        assert finding.message.endswith(f"Set to pass by {EMAILS['climate']}: {REASON}")
        assert record.assessment.facts.corrections == {}  # no fact was changed
    # A fact can be corrected from the queue too (here: the plan's organisation).
    with session_scope(env.engine) as db:
        record = get_assessment(db, env.report_b)
        assert record is not None
        data = record.assessment
        asked = data.findings[0].model_copy(
            update={"outcome": Outcome.NEEDS_REVIEW, "question": "Whose plan is this?"}
        )
        record.data = data.model_copy(update={"findings": [asked, *data.findings[1:]]}).model_dump(
            mode="json"
        )
    form |= {"action": "correct", "fact": "organisation", "value": "Org B Trading Ltd"}
    assert post(cat, "/review/answer", csrf(cat, "/review"), **form).status_code == 303
    with session_scope(env.engine) as db:
        record = get_assessment(db, env.report_b)
        assert record is not None
        assert record.assessment.facts.organisation == "Org B Trading Ltd"
        assert "Whose plan is this?" not in cat.get("/review").text


def test_the_queue_is_for_council_staff(env: WebEnv) -> None:
    assert env.signed_in("supplier_a").get("/review").status_code == 403
    wrong = post(
        env.signed_in("evaluator"),
        "/review/answer",
        csrf(env.signed_in("evaluator"), "/review"),
        assessment="0" * 32,
        rule="scope2-basis",
        action="confirm",
        reason="r",
    )
    assert wrong.status_code == 422 and "not open" in wrong.text
