"""Rules for the document itself: is it a CRP, whose is it, when was it issued, is it finished."""

from __future__ import annotations

import re

from crp_checker.formatting import uk_date
from crp_checker.rules.helpers import (
    evidence,
    join_words,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Severity

SECTION_NAMES = {
    "commitment": "Commitment to achieving Net Zero",
    "baseline": "Baseline Emissions Footprint",
    "current": "Current Emissions Reporting",
    "targets": "Emissions Reduction Targets",
    "projects": "Carbon Reduction Projects",
    "declaration": "Declaration and Sign Off",
}

# Template text left in place of the supplier's name.
_NAME_PLACEHOLDER = re.compile(
    r"^\W*$|^\[.*\]$|^<.*>$|^x{2,}$|\btbc\b|\binsert\b|^(supplier|company|organisation|"
    r"organization|business)( name)?\W*$",
    re.IGNORECASE,
)


@rule(
    "crp-identified",
    title="The document is a Carbon Reduction Plan",
    section="document",
    severity=Severity.MANDATORY,
    serves="all",
)
def crp_identified(facts: Facts, ctx: RuleContext) -> Result:
    """A buyer can only accept a Carbon Reduction Plan: an environmental policy or a CSR
    statement does not meet PPN 006, however good it is. A plan may carry another title ("Net
    Zero Plan", "Carbon Reporting and Reduction Plan") or none, if it holds the template's
    sections and the organisation's own content. A document titled "Carbon Reduction Plan"
    with no content (no commitment year, figures, targets or declaration) fails, as do the
    look-alikes: a page that summarises the plan and links to it, a guide to writing one, the
    blank template, a policy, a report or brochure."""
    found = [SECTION_NAMES.get(key, key) for key in facts.sections_found]
    sections = f" Template sections found: {join_words(found)}." if found else ""
    ev = evidence(facts, "crp", "sections.")
    if facts.is_crp and facts.crp_kind == "standalone":
        return Result(Outcome.PASS, f"The document is a Carbon Reduction Plan.{sections}", None, ev)
    if facts.is_crp:
        return Result(
            Outcome.PARTIAL,
            f"Carbon reduction plan content was found inside a larger document.{sections}",
            "Publish the Carbon Reduction Plan as its own document, titled so, using the "
            "six sections of the official template.",
            ev,
        )
    fix = (
        "Write a Carbon Reduction Plan using the government template (PPN 006): net zero "
        "commitment, baseline and current emissions, targets, reduction projects and a signed "
        "declaration."
    )
    note = facts.notes.get("crp")
    if note and "links to it" in note:
        fix = "Submit the Carbon Reduction Plan itself (the document the page links to)."
    if note:
        return Result(
            Outcome.FAIL,
            f"This is not a Carbon Reduction Plan: the document {note}.{sections}",
            fix,
            ev,
        )
    return Result(
        Outcome.FAIL,
        f"No Carbon Reduction Plan was found in {ctx.where}: it is not titled as one and holds "
        f"{len(found)} of the 6 template sections (at least 4 are needed).{sections}",
        fix,
        ev,
        absent=True,
    )


@rule(
    "supplier-named",
    title="The organisation is named",
    section="document",
    severity=Severity.MANDATORY,
    serves="c",
)
def supplier_named(facts: Facts, ctx: RuleContext) -> Result:
    """The plan must say which organisation it belongs to, so the buyer can tell it covers the
    bidder. A plan whose name the checker could not read (a logo, an unusual layout) is put to
    a person rather than failed: every plan a careful reader has labelled names itself, so a
    missing name is more likely a misreading than an anonymous plan. A name left as template
    text fails."""
    ev = evidence(facts, "organisation")
    name = (facts.organisation or "").strip()
    if not name and facts.is_crp:
        return Result(
            Outcome.NEEDS_REVIEW,
            f"No organisation name was read in {ctx.where}.",
            "Put the bidding organisation's legal name at the top of the plan ('Supplier "
            "name: ...').",
            ev,
            absent=True,
            question=f"No organisation name was read in {ctx.where}: which organisation does "
            "this plan belong to, and is it the bidder?",
        )
    if not name:
        return Result(
            Outcome.FAIL,
            f"No organisation name was found in {ctx.where} (looked for 'Supplier name:' and "
            "the title).",
            "Fill in 'Supplier name:' at the top of the plan with the bidding organisation's "
            "legal name.",
            ev,
            absent=True,
        )
    if _NAME_PLACEHOLDER.search(name) or name in facts.placeholders:
        return Result(
            Outcome.FAIL,
            f"The organisation name is still template text: '{name}'.",
            "Replace the placeholder with the bidding organisation's legal name.",
            ev,
        )
    return Result(Outcome.PASS, f"The plan names the organisation: {name}.", None, ev)


@rule(
    "publication-date",
    title="The plan has a publication date",
    section="document",
    severity=Severity.MANDATORY,
    serves="e",
)
def publication_date(facts: Facts, ctx: RuleContext) -> Result:
    """A dated plan shows the buyer which version they are reading and whether it is current;
    PPN 006 expects the plan to be kept up to date. "Publication date", "Issued", "Date of
    issue", "Last updated", a version line or table, or a dated title, header or footer all
    count; a month and year without the day is partial. A reporting period, baseline or
    target date is never read as the publication date, and the sign-off date does not stand
    in for a missing one: the sign-off dates the approval, not the published version (the
    message quotes it so the supplier can simply add it as the publication date)."""
    ev = evidence(facts, "publication_date")
    day, precision = facts.publication_date, facts.publication_date_precision
    if day is None:
        found = f"No publication or issue date was found in {ctx.where}."
        signed = ""
        if "publication_date" in facts.notes:  # a look-alike's own date dates no plan
            found = f"No plan publication date: {facts.notes['publication_date']}."
        elif facts.sign_off_date is not None:
            when = uk_date(facts.sign_off_date, facts.sign_off_date_precision)
            signed = f" The plan is signed off on {when}, but that dates the approval."
            ev = evidence(facts, "sign_off_date")
        return Result(
            Outcome.FAIL,
            f"{found}{signed}",
            "Add the full date the plan was issued (for example 'Publication date: 3 March "
            "2025') near the title.",
            ev,
            absent=True,
        )
    written = uk_date(day, precision)
    if precision in ("month", "year"):
        return Result(
            Outcome.PARTIAL,
            f"The plan is dated {written}, without the day.",
            "Give the full publication date (day, month and year).",
            ev,
        )
    return Result(Outcome.PASS, f"The plan is dated {written}.", None, ev)


@rule(
    "no-placeholders",
    title="No unfilled template text",
    section="document",
    severity=Severity.MANDATORY,
    serves="e",
)
def no_placeholders(facts: Facts, ctx: RuleContext) -> Result:
    """Template text left in ("[insert year]", "XX", "20XX", "TBC") shows the plan is unfinished,
    and the missing values cannot be judged. So do the template's own guidance notes left in
    ("Notes for Completion", "Please complete and publish ...") and a template field left
    empty, even an optional one ("Company Registration Number:" with nothing after it). Dotted
    leader lines that hold a value ("Supplier name: …… Acme Ltd ……") are filled, and a blank
    "Signed:" or "Date:" under the declaration is left to the sign-off rules (a signature may
    be an image)."""
    ev = evidence(facts, "placeholders")
    if facts.placeholders:
        quoted = join_words(f"'{text}'" for text in facts.placeholders)
        return Result(
            Outcome.FAIL,
            f"Unfilled template text remains: {quoted}.",
            "Replace each placeholder with the real value, or remove the line if it does "
            "not apply (and say why).",
            ev,
        )
    return Result(
        Outcome.PASS,
        f"No unfilled template text (such as '[insert year]', 'XX' or 'TBC') was found in "
        f"{ctx.where}.",
        None,
        ev,
        absent=True,
    )


@rule(
    "parent-plan-reliance",
    title="A group plan says it covers the bidder",
    section="document",
    severity=Severity.GOOD_PRACTICE,
    serves="e",
    confidence="secondary",
)
def parent_plan_reliance(facts: Facts, ctx: RuleContext) -> Result:
    """A bidder may rely on its parent's or group's plan, but only if the plan says it covers
    the bidding company; otherwise the buyer cannot tell whose emissions and commitments these
    are."""
    ev = evidence(facts, "group_plan")
    if not facts.group_plan:
        return Result(Outcome.PASS, "The plan is the organisation's own, not a group plan.", None)
    if facts.covers_bidder:
        return Result(
            Outcome.PASS,
            "The plan is a group plan and says it covers its subsidiaries or the bidding company.",
            None,
            ev,
        )
    said = "says it does not cover" if facts.covers_bidder is False else "does not say it covers"
    return Result(
        Outcome.PARTIAL,
        f"The plan is a group or parent company plan and {said} the bidding company.",
        "Add a sentence naming the bidding company (or 'all UK subsidiaries') as covered by "
        "this plan, or publish the bidder's own plan.",
        ev,
        absent=facts.covers_bidder is None,
    )
