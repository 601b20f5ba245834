"""extract(): Document -> Facts, each fact with evidence or left as "not disclosed".

The order matters a little: the commitment comes before the organisation (whose name is often
the subject of the commitment sentence) and the CRP judgement comes last, because it weighs
everything else that was found.
"""

from __future__ import annotations

from crp_checker.extract.commitment import extract_commitment
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.declaration import extract_declaration
from crp_checker.extract.document import extract_placeholders, extract_scope_and_boundary
from crp_checker.extract.emissions import extract_emissions
from crp_checker.extract.explanations import extract_explanations
from crp_checker.extract.identity import extract_organisation
from crp_checker.extract.kind import judge_crp
from crp_checker.extract.measures import extract_measures
from crp_checker.extract.method import extract_method
from crp_checker.extract.ocr_figures import check_ocr_figures
from crp_checker.extract.publication import extract_publication_date
from crp_checker.extract.scope3 import extract_scope3
from crp_checker.extract.signatory import extract_signatory
from crp_checker.extract.targets import extract_targets
from crp_checker.extract.unread_signoff import mark_unread_signatory
from crp_checker.readings import settle_readings
from crp_checker.schemas import Document, Facts, Scope3Category

__all__ = ["extract"]


def extract(document: Document, *, published_url: str | None = None) -> Facts:
    """Find every fact the rulebook needs, with evidence."""
    context = DocumentContext.build(document)
    facts = Facts()
    categories: dict[int, Scope3Category] = {}
    extract_commitment(context, facts)
    extract_organisation(context, facts)
    extract_publication_date(context, facts)
    extract_emissions(context, facts, categories)
    extract_scope3(context, facts, categories)
    check_ocr_figures(document, facts)
    extract_explanations(context, facts)
    extract_method(context, facts)
    extract_targets(context, facts)
    extract_signatory(context, facts)
    mark_unread_signatory(context, facts)
    extract_measures(context, facts)  # after the sign-off, whose date dates the plan
    extract_declaration(context, facts)
    extract_placeholders(context, facts)
    extract_scope_and_boundary(context, facts)
    judge_crp(context, facts)
    _publication(facts, document, published_url)
    settle_readings(facts)
    return facts


def _publication(facts: Facts, document: Document, published_url: str | None) -> None:
    """Where the plan is published: the URL it was fetched from, or the one given."""
    from crp_checker.extract.publication import judge_url

    url = published_url or document.source.url
    if url:
        facts.url = url
        facts.url_own_domain = judge_url(url)
        if document.source.url and url == document.source.url:
            facts.url_reachable = True
