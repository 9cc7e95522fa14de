"""Drafting reports from the year's records: see reports.drafting.base for the machinery,
reports.drafting.annual and .proposals for the documents' sections."""

from .base import DocumentSpec, DraftContext, SectionDraft, SectionSpec  # noqa: F401


def document_spec(kind: str) -> DocumentSpec:
    from .annual import ANNUAL_REPORT
    from .proposals import PROPOSALS_REPORT

    return {spec.kind: spec for spec in (ANNUAL_REPORT, PROPOSALS_REPORT)}[kind]
