"""A deputy's one-page performance summary (代表履职情况): the year's record from
deputies.selectors.performance (sessions attended, activities, proposals, voters contacted and
reported to, points and grade) as a short official document. Drawn on the fly, never stored,
and printed through the same GB/T 9704 template as the work reports."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from deputies.models import Activity, Deputy
from deputies.selectors import performance_for_deputy

from ..printing import PrintedDocument, printed_sections
from .base import DraftContext, chinese_date, in_report_language


@dataclass
class SummarySection:
    """A section of the summary: what printing.printed_sections reads from a ReportSection."""

    title: str
    body: str
    heading: str = "numbered"
    blocks: list = field(default_factory=list)


def deputy_summary_sections(*, deputy: Deputy, year: int) -> tuple[list[SummarySection], dict]:
    """The summary's sections, figures as tokens, and the figures they quote."""
    record = performance_for_deputy(deputy=deputy, year=year)
    ctx = DraftContext(township=deputy.township, year=year)
    url = f"{reverse('deputies:detail', args=[deputy.pk])}?{urlencode({'year': year})}"

    def n(key: str, value, label) -> str:
        return ctx.figure(f"deputy.{key}", value, label, url)

    the_year = ctx.figure("year", year, _("Year of the report"))
    sessions = record.sessions_attended + record.sessions_on_leave + record.sessions_absent
    attended = n("sessions_attended", record.sessions_attended, _("Congress sessions attended"))
    if sessions:
        meetings = f"{the_year}年，{deputy.name}代表出席{ctx.town}人民代表大会会议{attended}次"
        if record.sessions_on_leave:
            leave = n("sessions_on_leave", record.sessions_on_leave, _("On approved leave"))
            meetings += f"，请假{leave}次"
        if record.sessions_absent:
            absent = n("sessions_absent", record.sessions_absent, _("Absent without leave"))
            meetings += f"，缺席{absent}次"
        meetings += "，认真审议各项报告，依法行使表决权。" if record.sessions_attended else "。"
    else:
        meetings = f"{the_year}年，{ctx.town}人民代表大会未召开需{deputy.name}代表出席的会议。"

    total = sum(record.activities.values())
    activities = n("activities", total, _("Activities attended"))
    kinds = [
        in_report_language(kind.label)
        + n(f"activities.{kind}", record.activities[kind], kind.label)
        + "次"
        for kind in Activity.Kind
        if record.activities.get(kind)
    ]
    activity_text = f"全年参加代表活动{activities}次"
    activity_text += "，其中" + "、".join(kinds) + "。" if kinds else "。"
    if total:
        activity_text += "积极参加学习培训、视察调研和代表小组活动，履职能力不断提高。"

    proposals = n("proposals", record.proposals, _("Proposals made"))
    contacts = n("voter_contacts", record.voter_contacts, _("Voter contacts"))
    reports = n("reports_to_voters", record.reports_to_voters, _("Reports to voters"))
    voters = (
        f"全年提出议案、建议和意见{proposals}件。"
        f"联系走访选民{contacts}次，向选民报告履职情况{reports}次，"
        "认真听取和反映群众的意见和要求。"
    )

    points = n("points", record.points, _("Points"))
    if record.year_complete:
        grade = f"评定等次为{in_report_language(record.grade_label)}。"
        points_text = f"按照代表履职积分办法，全年履职积分{points}分，{grade}"
    else:
        points_text = f"按照代表履职积分办法，截至目前履职积分{points}分，年度结束后评定等次。"

    sections = [
        SummarySection("出席代表大会会议情况", meetings),
        SummarySection("参加闭会期间活动情况", activity_text),
        SummarySection("提出建议和联系选民情况", voters),
        SummarySection("履职积分情况", points_text),
    ]
    return sections, ctx.figures


def deputy_summary_document(*, deputy: Deputy, year: int) -> PrintedDocument:
    """The summary as the PDF template prints it: title, sections, the issuing body, today."""
    sections, figures = deputy_summary_sections(deputy=deputy, year=year)
    return PrintedDocument(
        title=f"{deputy.name}代表{year}年度履职情况",
        addressee="",
        issuer=f"{deputy.township.name}人大主席团",
        issue_date=chinese_date(timezone.localdate()),
        sections=printed_sections(sections, figures),
        figures=figures,
    )
