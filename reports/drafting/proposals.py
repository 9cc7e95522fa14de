"""The report on the handling of deputies' proposals (代表建议办理情况报告): the totals, by field
and unit, the answer categories A/B/C/D with their shares, satisfaction and each key item."""

from django.utils.translation import gettext_lazy as _

from .base import DocumentSpec, DraftContext, SectionDraft, SectionSpec


def write_overview(ctx: DraftContext) -> SectionDraft:
    total = ctx.summary_figure("proposals", "total")
    return SectionDraft(body=f"{ctx.year}年，代表共提出建议{total}件。")


PROPOSALS_REPORT = DocumentSpec(
    kind="proposals",
    title=lambda ctx: f"关于{ctx.year}年代表建议办理情况的报告",
    addressee=lambda ctx: "县人大常委会",
    issuer=lambda ctx: f"{ctx.township.name}人大主席团",
    sections=[
        SectionSpec("overview", _("Overview"), write_overview),
    ],
)
