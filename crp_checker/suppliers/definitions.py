"""What each dashboard figure means, in the words the page and the JSON API both show."""

from __future__ import annotations

from dataclasses import dataclass

from crp_checker.formatting import share
from crp_checker.suppliers.dashboard import Dashboard


@dataclass(frozen=True)
class Definition:
    label: str
    text: str


def definitions(board: Dashboard) -> dict[str, Definition]:
    """Each figure's label and definition, by the key the API and the page's cells use."""
    deadline, local = board.net_zero_deadline, board.local_ambition_year
    no_plan = (
        "A supplier with no assessed plan, or whose latest checked document is not a Carbon "
        "Reduction Plan, has no plan."
    )
    return {
        "suppliers": Definition("Suppliers in the register", "Every supplier in the register."),
        "assessed": Definition(
            "With an assessed plan",
            "Suppliers whose latest checked document is a Carbon Reduction Plan. " + no_plan,
        ),
        "not_a_plan": Definition(
            "Sent a document that is not a plan",
            "Suppliers whose latest checked document is not a Carbon Reduction Plan (for "
            "example an environmental policy); they count as having no plan in every figure.",
        ),
        "total_spend": Definition(
            "Annual spend with all suppliers in the register",
            "The sum of the values of every supplier's contracts.",
        ),
        "assessed_spend": Definition(
            "Annual spend with suppliers that have an assessed plan",
            "The sum of the contract values of the suppliers with an assessed plan.",
        ),
        "median_net_zero_year": Definition(
            "Median net zero year",
            "The middle net zero year among the latest plans that state one; documents that "
            "are not plans are left out.",
        ),
        "compliant": Definition(
            "Compliant plan",
            "The supplier's latest plan is judged compliant or compliant with gaps: no "
            "mandatory requirement fails or needs review, so it passes the PPN 006 gate. Gaps "
            "in good practice do not stop a bid.",
        ),
        "net_zero_deadline": Definition(
            f"Committed to net zero by {deadline}",
            f"The plan commits (not only aspires) to net zero, not just carbon neutrality, in "
            f"{deadline} or earlier: the national deadline.",
        ),
        "net_zero_local": Definition(
            f"Committed to net zero by {local}",
            f"The plan commits (not only aspires) to net zero, not just carbon neutrality, in "
            f"{local} or earlier: the borough's ambition.",
        ),
        "measuring_scope3": Definition(
            "Measuring Scope 3",
            "The plan states a Scope 3 figure above zero for its reporting year or its "
            "baseline year.",
        ),
        "shares": Definition(
            "Shares",
            "Shares are of every supplier in the register: a supplier with no assessed plan "
            "counts as not ready. Spend shares are of the suppliers whose spend is known; a "
            "supplier's spend is the sum of its contracts' values.",
        ),
        "target": Definition(
            "Target",
            f"{share(board.target_share)} of suppliers committed to net zero by {local} "
            "(Greater Manchester's supply chain target).",
        ),
        "maturity": Definition(
            "Maturity of plans",
            "Suppliers by the maturity level (1-5) of their latest plan; suppliers with no "
            "plan are counted apart.",
        ),
        "trend": Definition(
            "Trend",
            "Each quarter uses today's register and, for each supplier, the latest assessment "
            "made by the end of that quarter.",
        ),
        "categories": Definition(
            "By spend category",
            "A supplier is counted in every category it has a contract in; a category's spend "
            "is the sum of its contracts in that category.",
        ),
    }
