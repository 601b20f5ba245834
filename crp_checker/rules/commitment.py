"""Rules for the net zero commitment (PPN 006 ground a): is there one, by when, of what kind."""

from __future__ import annotations

from crp_checker.rules.helpers import evidence, plural
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Severity


def _has_net_zero_statement(facts: Facts) -> bool:
    return facts.net_zero_strength is not None or facts.net_zero_year is not None


def _quoted(facts: Facts) -> str:
    return f" ('{facts.net_zero_wording}')" if facts.net_zero_wording else ""


def _carbon_neutral_only(facts: Facts) -> bool:
    no_net_zero = not _has_net_zero_statement(facts)
    return facts.carbon_neutral_only or (facts.carbon_neutral_year is not None and no_net_zero)


def _carbon_neutral_phrase(facts: Facts) -> str:
    year = f" by {facts.carbon_neutral_year}" if facts.carbon_neutral_year else ""
    return f"carbon neutrality{year}"


@rule(
    "net-zero-commitment",
    title="Commitment to net zero",
    section="commitment",
    severity=Severity.MANDATORY,
    serves="a",
)
def net_zero_commitment(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 requires a firm organisational commitment to reach net zero; a promise only to
    reduce emissions, or a hope to reach net zero, is not enough. Supporting someone else's
    target ("we support the UK Government's net zero 2050 target", "we play our part in the
    UK's transition") is not the organisation's own commitment and fails; an aim or a hope
    ("we aim to reach net zero by 2045") is partial."""
    ev = evidence(facts, "net_zero", "carbon_neutral")
    if facts.net_zero_strength == "commitment":
        return Result(
            Outcome.PASS, f"The plan commits to net zero{_quoted(facts)}.", None, evidence=ev
        )
    if facts.net_zero_strength == "aspiration":
        return Result(
            Outcome.PARTIAL,
            f"Net zero is stated only as an aim or hope, not a commitment{_quoted(facts)}.",
            "State it as a commitment: 'We are committed to achieving net zero emissions by "
            "[year]', approved by the board.",
            ev,
        )
    if facts.net_zero_year is not None and not facts.carbon_neutral_only:
        # A dated net zero statement without a pledge verb ("We will play our part in
        # achieving net zero by 2040"): whether it is the organisation's commitment is a
        # reading a person should make, not a reason to exclude the bid.
        where = f" (p. {ev[0].page})" if ev and ev[0].page is not None else ""
        return Result(
            Outcome.NEEDS_REVIEW,
            f"The plan states net zero by {facts.net_zero_year}{_quoted(facts)}, without "
            "saying it is committed to it.",
            "State it as a commitment: 'We are committed to achieving net zero emissions by "
            f"{facts.net_zero_year}'.",
            ev,
            question=f"Is '{facts.net_zero_wording}'{where} the organisation's own commitment "
            f"to net zero by {facts.net_zero_year}?",
        )
    if _carbon_neutral_only(facts):
        return Result(
            Outcome.FAIL,
            f"The plan pledges {_carbon_neutral_phrase(facts)}, but makes no commitment to "
            "net zero.",
            f"Add a commitment to reach net zero emissions by {ctx.buyer.net_zero_deadline} at "
            "the latest; carbon neutrality through offsets does not meet PPN 006.",
            ev,
        )
    outside = evidence(facts, "net_zero_outside")
    if outside:
        return Result(
            Outcome.FAIL,
            f"The plan supports an outside net zero target ('{outside[0].quote}'), but makes no "
            "net zero commitment of its own.",
            "Add the organisation's own commitment: 'We are committed to achieving net zero "
            f"emissions by [year]' ({ctx.buyer.net_zero_deadline} at the latest).",
            outside,
        )
    return Result(
        Outcome.FAIL,
        f"No commitment to net zero was found in {ctx.where}.",
        "Add a board-approved commitment: 'We are committed to achieving net zero emissions "
        f"by [year]' ({ctx.buyer.net_zero_deadline} at the latest).",
        ev,
        absent=True,
    )


@rule(
    "net-zero-year",
    title="Net zero year on or before the deadline",
    section="commitment",
    severity=Severity.MANDATORY,
    serves="a",
)
def net_zero_year(facts: Facts, ctx: RuleContext) -> Result:
    """The net zero commitment must have a year no later than the buyer's deadline (2050 under
    PPN 006, in line with the UK's legal target). The year of a target the plan only supports
    or quotes (the UK's 2050) is not the organisation's year; a commitment for Scope 1 and 2
    only keeps its year (its scope is judged by `net-zero-covers-all-scopes`)."""
    deadline = ctx.buyer.net_zero_deadline
    ev = evidence(facts, "net_zero")
    year = facts.net_zero_year
    if year is None:
        extra = ""
        if facts.carbon_neutral_year is not None:
            extra = (
                f" (the plan's year {facts.carbon_neutral_year} is for carbon neutrality, "
                "not net zero)"
            )
            ev += evidence(facts, "carbon_neutral")
        elif evidence(facts, "net_zero_outside"):
            extra = " (the year the plan gives belongs to a target it supports, not its own)"
            ev += evidence(facts, "net_zero_outside")
        return Result(
            Outcome.FAIL,
            f"No net zero year was found in {ctx.where}{extra}.",
            f"State the year by which the organisation will reach net zero: {deadline} or earlier.",
            ev,
            absent=True,
        )
    if year <= deadline:
        return Result(
            Outcome.PASS, f"Net zero by {year}, on or before {deadline}.", None, evidence=ev
        )
    return Result(
        Outcome.FAIL,
        f"Net zero by {year} is {plural(year - deadline, 'year')} after the {deadline} deadline.",
        f"Bring the net zero year forward to {deadline} or earlier.",
        ev,
    )


@rule(
    "net-zero-not-carbon-neutral",
    title="Net zero, not only carbon neutrality",
    section="commitment",
    severity=Severity.MANDATORY,
    serves="a",
    confidence="secondary",
)
def net_zero_not_carbon_neutral(facts: Facts, ctx: RuleContext) -> Result:
    """Carbon neutrality can be claimed by buying offsets while emissions stay the same; net zero
    means cutting emissions and only balancing the residue. A carbon neutral pledge with no net
    zero commitment fails. A net zero commitment beside a carbon neutral goal (neutral by 2030
    on the way to net zero by 2045) passes: the net zero is there. Offsetting presented as the
    main way to net zero ("our route relies mainly on offsetting", "net zero through
    offsetting") is partial; offsetting only the residue, or as one route among several, is
    not. With neither statement in the plan (or only support for someone else's target) this
    check does not apply, because the missing commitment already fails
    `net-zero-commitment`."""
    ev = evidence(facts, "net_zero", "carbon_neutral", "offsets")
    if _carbon_neutral_only(facts):
        return Result(
            Outcome.FAIL,
            f"The plan pledges {_carbon_neutral_phrase(facts)} only; there is no net zero "
            "commitment.",
            "Commit to net zero (deep cuts in Scope 1, 2 and 3 emissions, offsetting only the "
            "residue), not only carbon neutrality.",
            ev,
        )
    if not _has_net_zero_statement(facts):
        return Result(
            Outcome.NOT_APPLICABLE,
            "The plan states neither net zero nor carbon neutrality; see net-zero-commitment.",
        )
    if facts.offsets_main_route:
        return Result(
            Outcome.PARTIAL,
            "The plan commits to net zero but presents offsetting as the main way to get there.",
            "Show how emissions themselves will be cut (energy, fleet, suppliers) and keep "
            "offsets for the residual emissions only.",
            ev,
        )
    return Result(
        Outcome.PASS,
        "The commitment is to net zero, not only to carbon neutrality.",
        None,
        ev,
    )


@rule(
    "net-zero-covers-all-scopes",
    title="Net zero covers all scopes",
    section="commitment",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def net_zero_covers_all_scopes(facts: Facts, ctx: RuleContext) -> Result:
    """A net zero pledge for Scope 1 and 2 alone leaves out the supply chain, usually most of an
    organisation's emissions. Without a net zero statement this does not apply."""
    ev = evidence(facts, "net_zero_scope", "net_zero")
    if not _has_net_zero_statement(facts):
        return Result(
            Outcome.NOT_APPLICABLE,
            "There is no net zero statement whose scope could be checked; see net-zero-commitment.",
        )
    fix = (
        "Commit to net zero across Scopes 1, 2 and 3 (the whole organisation and its value chain)."
    )
    if facts.net_zero_scope == "all":
        return Result(Outcome.PASS, "The net zero commitment covers all scopes.", None, evidence=ev)
    if facts.net_zero_scope == "scope12":
        return Result(
            Outcome.PARTIAL,
            "The net zero commitment is limited to Scope 1 and 2 emissions.",
            fix,
            ev,
        )
    return Result(
        Outcome.PARTIAL,
        "The net zero commitment does not say which scopes it covers.",
        fix,
        ev,
        absent=True,
    )


@rule(
    "uk-operations-covered",
    title="Commitment covers at least UK operations",
    section="commitment",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def uk_operations_covered(facts: Facts, ctx: RuleContext) -> Result:
    """The Technical Standard asks for the organisation's UK operations at least; a plan for one
    site or one contract says little about the company the buyer is contracting with."""
    ev = evidence(facts, "boundary")
    if facts.boundary == "uk_or_wider":
        return Result(Outcome.PASS, "The plan covers UK operations or wider.", None, evidence=ev)
    fix = "State that the commitment and the emissions cover at least all UK operations."
    if facts.boundary == "single_site":
        return Result(
            Outcome.FAIL, "The plan covers a single site or contract only.", fix, evidence=ev
        )
    return Result(
        Outcome.PARTIAL,
        f"The plan does not say which operations it covers (looked in {ctx.where}).",
        fix,
        ev,
        absent=True,
    )


@rule(
    "local-ambition",
    title="Net zero by the local ambition year",
    section="commitment",
    severity=Severity.INFO,
    serves="-",
)
def local_ambition(facts: Facts, ctx: RuleContext) -> Result:
    """Greater Manchester and Stockport aim for carbon neutrality by 2038; suppliers who match it
    help the region's supply chain goal. Shown for information, not scored."""
    target = ctx.buyer.local_ambition_year
    ev = evidence(facts, "net_zero")
    year = facts.net_zero_year
    if year is None:
        return Result(
            Outcome.NOT_APPLICABLE,
            "No net zero year is given to compare with the local ambition; see net-zero-year.",
        )
    if year <= target:
        return Result(
            Outcome.PASS,
            f"Net zero by {year} meets the local ambition of {target}.",
            None,
            ev,
        )
    return Result(
        Outcome.PARTIAL,
        f"Net zero by {year} is {plural(year - target, 'year')} after the local ambition of "
        f"{target}.",
        f"Consider bringing the net zero year forward to {target}, in line with Greater "
        "Manchester's ambition (not required to bid).",
        ev,
    )
