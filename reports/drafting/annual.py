"""The presidium's annual work report (人大主席团工作报告), section by section, in the order of
the 2024 report: an opening, 一、 to 九、, and next year's work plan. Each writer reads the
year through the DraftContext and quotes every figure as a token."""

from django.utils.translation import gettext_lazy as _

from .base import DocumentSpec, DraftContext, SectionDraft, SectionSpec


def write_opening(ctx: DraftContext) -> SectionDraft:
    year = ctx.figure("year", ctx.year, _("Year of the report"))
    return SectionDraft(
        body=(
            f"{year}年，{ctx.township.name}的人大工作在县人大常委会的指导下，在镇党委的正确领导下，"
            "切实履行宪法和法律赋予的职权，紧紧围绕重点工作开展各项活动，密切联系代表，"
            "调动代表履职积极性，提升镇人大工作整体水平。现将一年来的工作汇报如下："
        )
    )


def write_sessions(ctx: DraftContext) -> SectionDraft:
    held = ctx.summary_figure("sessions", "held")
    reports = ctx.summary_figure("sessions", "reports")
    return SectionDraft(body=f"全年召开镇人民代表大会{held}次，听取和审议报告{reports}项。")


ANNUAL_REPORT = DocumentSpec(
    kind="annual",
    title=lambda ctx: f"{ctx.township.name}人大主席团{ctx.year}年工作报告",
    addressee=lambda ctx: "县人大常委会",
    issuer=lambda ctx: f"{ctx.township.name}人大主席团",
    sections=[
        SectionSpec("opening", _("Opening"), write_opening, heading="none"),
        SectionSpec("sessions", "精心组织，依法开好镇人代会", write_sessions),
    ],
)
