"""Rules for the method and the declaration (PPN 006 grounds b, c, e): standards and sign-off."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from crp_checker.formatting import uk_date
from crp_checker.rules.helpers import (
    date_bounds,
    evidence,
    join_words,
    judge_bounds,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Severity

STANDARDS = {
    "ghg_protocol": "the GHG Protocol Corporate Standard",
    "secr": "SECR (Streamlined Energy and Carbon Reporting) for Scope 1 and 2",
    "scope3_standard": "the GHG Protocol Corporate Value Chain (Scope 3) Standard",
    "uk_conversion_factors": "the UK Government GHG conversion factors",
}


@rule(
    "methodology",
    title="Reporting standards named",
    section="method",
    severity=Severity.MANDATORY,
    serves="b, e",
)
def methodology(facts: Facts, ctx: RuleContext) -> Result:
    """The Technical Standard asks for emissions measured with the GHG Protocol, SECR for Scope 1
    and 2, the Scope 3 Standard and the UK Government conversion factors (DESNZ, formerly BEIS
    or Defra), so that figures from different suppliers mean the same thing. The check is that
    the standards are named: a plan naming them passes even where its figures cannot follow
    them, which other rules catch (RULE_LABELS.md point 14). ISO 14064-1 alone is partial,
    flagged for an evaluator."""
    ev = evidence(facts, "methodology")
    named = [STANDARDS[key] for key in STANDARDS if key in facts.methodology]
    missing = [STANDARDS[key] for key in STANDARDS if key not in facts.methodology]
    fix = f"Say the figures were calculated following {join_words(missing)}."
    if not missing:
        return Result(Outcome.PASS, f"The plan names {join_words(named)}.", None, ev)
    if named:
        return Result(
            Outcome.PARTIAL,
            f"The plan names {join_words(named)}, but not {join_words(missing)}.",
            fix,
            ev,
        )
    if "iso14064" in facts.methodology:
        return Result(
            Outcome.PARTIAL,
            "The plan follows ISO 14064-1 instead of the standards PPN 006 names; an evaluator "
            "should check it covers the same ground.",
            f"Also say how the figures relate to {join_words(missing)}.",
            ev,
        )
    return Result(
        Outcome.FAIL,
        f"No reporting standard or conversion factors were named in {ctx.where}.",
        fix,
        ev,
        absent=True,
    )


@rule(
    "declaration",
    title="Declaration citing PPN 06/21 or PPN 006",
    section="method",
    severity=Severity.MANDATORY,
    serves="c",
)
def declaration(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 requires the completed declaration that the plan was prepared in line with the PPN
    and its reporting standard; it is what the board signs. A declaration, "Director's
    Statement" or sign-off line citing PPN 06/21 or PPN 006 passes. One without the PPN (a
    "Statement of accuracy", "approved by the directors") is partial, and so is a plan that
    cites the PPN only to frame its commitment ("In accordance with PPN 06/21, we are committed
    to net zero"): that is not a declaration (RULE_LABELS.md point 15). A signature alone, with
    no statement, is no declaration."""
    ev = evidence(facts, "declaration")
    if facts.declaration == "ppn":
        return Result(
            Outcome.PASS, "The declaration cites PPN 06/21 or PPN 006.", None, evidence=ev
        )
    fix = (
        "Add the template declaration: 'This Carbon Reduction Plan has been completed in "
        "accordance with PPN 006 and associated guidance and reporting standard for Carbon "
        "Reduction Plans.'"
    )
    if facts.declaration == "plain":
        return Result(
            Outcome.PARTIAL,
            "There is a declaration, but it does not mention PPN 06/21 or PPN 006.",
            fix,
            ev,
        )
    return Result(Outcome.FAIL, f"No declaration was found in {ctx.where}.", fix, ev, absent=True)


@rule(
    "board-sign-off",
    title="Signed off by the board",
    section="method",
    severity=Severity.MANDATORY,
    serves="c",
)
def board_sign_off(facts: Facts, ctx: RuleContext) -> Result:
    """The plan must be reviewed and signed off by the board of directors (or partners, trustees,
    a sole trader's owner or an equivalent governing body), so the commitment binds the
    organisation. A plan "signed off by our Managing Director" (one director, CEO or partner)
    passes: a careful evaluator reads a director's approval as the board's (RULE_LABELS.md
    point 6). A director's signature with no sign-off statement, "management team" or
    "Executive Team" wording, or an approval by one manager below board level is partial. A
    plan only signed by someone below board level, with no approval by any body, fails."""
    ev = evidence(facts, "board_sign_off")
    fix = (
        "State that the plan has been reviewed and signed off by the board of directors (or "
        "the equivalent management body: partners, trustees, the owner)."
    )
    if facts.board_sign_off == "board":
        return Result(Outcome.PASS, "The board (or equivalent body) signed off the plan.", None, ev)
    if facts.board_sign_off == "director":
        return Result(
            Outcome.PASS,
            "A director signed off the plan; the plan does not say the whole board did.",
            None,
            ev,
        )
    if facts.board_sign_off == "signature":
        return Result(
            Outcome.PARTIAL,
            "A director signed the plan, but it does not say the board (or equivalent) reviewed "
            "and signed it off.",
            fix,
            ev,
        )
    if facts.board_sign_off == "management":
        return Result(
            Outcome.PARTIAL,
            "The plan was signed off by management, not the board or equivalent.",
            fix,
            ev,
        )
    who = facts.signatory
    if who.name and who.director_level is False:
        # PPN 006 asks for the board's sign-off; one person below board level signing alone,
        # with no approval by any body, is no sign-off at all (not "management team" wording).
        return Result(
            Outcome.FAIL,
            f"The plan is signed only by {who.name}, {who.role}, a role below board level; "
            "it does not say the board (or an equivalent body) approved it.",
            fix,
            evidence(facts, "signatory"),
        )
    if who.name:
        # A signature with no approval wording and no role: signed off by someone, but whether
        # they speak for the board is a question for a person, not a fail.
        signed = evidence(facts, "signatory")
        role = f", {who.role}," if who.role else ""
        where = f" (p. {signed[0].page})" if signed else ""
        return Result(
            Outcome.NEEDS_REVIEW,
            f"The plan is signed by {who.name}{role} but does not say who approved it.",
            fix,
            signed,
            question=(
                f"Does {who.name}{role.rstrip(',')}, who signed the plan{where}, sign for the "
                "board or an equivalent body?"
            ),
        )
    return Result(
        Outcome.FAIL,
        f"No board sign-off was found in {ctx.where}.",
        fix,
        ev,
        absent=True,
    )


@rule(
    "signatory",
    title="Named director-level signatory",
    section="method",
    severity=Severity.MANDATORY,
    serves="c",
)
def signatory(facts: Facts, ctx: RuleContext) -> Result:
    """Someone at board level must sign with their name and role, so the buyer knows who is
    accountable. A role without a name is not a signature. Board level (RULE_LABELS.md point 6):
    any director title (Managing Director, Director of Operations, Operations Director, Group
    Finance Director), a chief executive or other chief officer (CEO, CFO, COO), the chair of
    the board or governing committee, a partner, trustee, owner or proprietor. Not board level
    (partial): Company Secretary, managers including a General Manager, heads and leads."""
    ev = evidence(facts, "signatory")
    who = facts.signatory
    fix = "Sign the plan with the name and role of a director (or partner, trustee, owner)."
    if not who.name:
        role = f" (a role, '{who.role}', is given without a name)" if who.role else ""
        return Result(
            Outcome.FAIL,
            f"The plan is not signed by a named person{role}.",
            fix,
            ev,
            absent=not who.role,
            rests_on=("signatory.name",),  # a sign-off whose name could not be read
        )
    if who.role is None:
        return Result(Outcome.PARTIAL, f"Signed by {who.name}, with no role given.", fix, ev)
    if who.director_level is True:
        return Result(Outcome.PASS, f"Signed by {who.name}, {who.role.rstrip('.')}.", None, ev)
    if who.director_level is False:
        return Result(
            Outcome.PARTIAL, f"Signed by {who.name}, {who.role}: a role below board level.", fix, ev
        )
    where = f" (p. {ev[0].page})" if ev else ""
    return Result(
        Outcome.NEEDS_REVIEW,
        f"Signed by {who.name}, {who.role}: the checker cannot tell whether this role is at "
        "board level.",
        "An evaluator should confirm the signatory's role; write 'Director' in the role if it is.",
        ev,
        question=f"Is '{who.role}'{where}, the role {who.name} signed in, a board-level role?",
    )


@rule(
    "sign-off-date",
    title="Sign-off dated and recent",
    section="method",
    severity=Severity.MANDATORY,
    serves="c",
)
def sign_off_date(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 expects the plan to be signed off and updated every year; a sign-off older than
    the buyer's limit (12 months by default), or dated in the future, is not current. When only
    the month or year is given, both its earliest and latest day are checked."""
    ev = evidence(facts, "sign_off_date")
    limit = ctx.buyer.max_signoff_age_months
    check = ctx.buyer.check_date
    fix = f"Date the sign-off and renew the plan at least every {limit} months."
    day, precision = facts.sign_off_date, facts.sign_off_date_precision
    if day is None:
        issued = ""
        if facts.publication_date is not None:
            issued = (
                " (the plan's issue date "
                f"{uk_date(facts.publication_date, facts.publication_date_precision)} does not "
                "date the sign-off)"
            )
        return Result(
            Outcome.FAIL,
            f"The sign-off is not dated{issued}.",
            "Add the date next to the signature. " + fix,
            ev,
            absent=True,
        )
    written = uk_date(day, precision)
    early, late = date_bounds(day, precision)
    if early > check:
        return Result(
            Outcome.FAIL,
            f"The sign-off is dated {written}, after the check date {uk_date(check)}.",
            "Correct the sign-off date: it must be the day the board signed.",
            ev,
        )
    # Part of the month (or year) has passed, so the plan was not necessarily future-dated.
    late = min(late, check)
    expired_before = check - relativedelta(months=limit)
    warn_before = check - relativedelta(months=limit - 1)

    def judge(signed: dt.date) -> Outcome:
        if signed < expired_before:
            return Outcome.FAIL
        return Outcome.PARTIAL if signed < warn_before else Outcome.PASS

    outcome, certain = judge_bounds((early, late), judge)
    if not certain:
        where = f" (p. {ev[0].page})" if ev else ""
        return Result(
            Outcome.NEEDS_REVIEW,
            f"The sign-off is dated {written}, without the day or month: it is within the "
            f"{limit}-month limit only if signed on or after {uk_date(expired_before)}.",
            "Give the full date of the sign-off. " + fix,
            ev,
            question=(f"Was the plan signed off{where} on or after {uk_date(expired_before)}?"),
        )
    limit_text = f"the limit is {limit} months before {uk_date(check)}"
    if outcome is Outcome.PASS:
        return Result(outcome, f"The sign-off is dated {written}; {limit_text}.", None, ev)
    if outcome is Outcome.PARTIAL:
        return Result(
            outcome,
            f"The sign-off is dated {written} and expires within a month ({limit_text}).",
            "Renew the plan and its sign-off now. " + fix,
            ev,
        )
    return Result(
        outcome,
        f"The sign-off is dated {written}, older than {limit} months at {uk_date(check)}.",
        "Review the plan, update its figures and have the board sign it again. " + fix,
        ev,
    )
