"""The opening and 一、 the congress sessions: each session, its reports, resolutions and
elections with every vote."""

from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from congress.names import stroke_key

from ..base import (
    DraftContext,
    SectionDraft,
    quote,
)
from .common import _sessions, date_token, joined, session_name, township_name

# ----------------------------------------------------------------------------- opening


def write_opening(ctx: DraftContext) -> SectionDraft:
    year = ctx.figure("year", ctx.year, _("Year of the report"))
    return SectionDraft(
        body=(
            f"{year}年，{township_name(ctx)}的人大工作在县人大常委会的指导下，在{ctx.town}党委的正确领导下，"
            "切实履行宪法和法律赋予的职权，紧紧围绕重点工作开展各项活动，密切联系代表，"
            f"调动代表履职积极性，提升{ctx.town}人大工作整体水平，为促进全{ctx.town}的经济发展和社会稳定起到了积极作用。"
            "现将一年来的工作汇报如下："
        )
    )


# ----------------------------------------------------------------------------- 一、sessions

# The offices as a township's documents name them.
# (镇 or 乡 in place of {town}: Township.short_kind.)
OFFICES = {
    "chair": "{town}人大主席",
    "vice_chair": "{town}人大副主席",
    "presidium": "{town}人大主席团成员",
    "head": "{town}人民政府{town}长",
    "deputy_head": "{town}人民政府副{town}长",
}
# The short form once the government has been named: 镇长1名、副镇长2名.
SHORT_OFFICES = {"head": "{town}长", "deputy_head": "副{town}长"}


def _votes(ctx, key, candidate, url) -> str:
    """赞成36票、反对0票、弃权0票; for a unanimous vote 以36票满票."""
    votes_for = ctx.figure(
        f"{key}.for", candidate.votes_for or 0, f"{candidate.name}：{__('votes for')}", url
    )
    if candidate.unanimous:
        return f"以{votes_for}票满票"
    against = ctx.figure(
        f"{key}.against",
        candidate.votes_against or 0,
        f"{candidate.name}：{__('votes against')}",
        url,
    )
    abstain = ctx.figure(
        f"{key}.abstain",
        candidate.votes_abstain or 0,
        f"{candidate.name}：{__('abstentions')}",
        url,
    )
    return f"以赞成{votes_for}票、反对{against}票、弃权{abstain}票"


def _session_paragraph(ctx: DraftContext, session) -> str:
    url = reverse("sessions:detail", args=[session.pk])
    key = f"sessions.{session.pk}"
    day = date_token(ctx, f"{key}.date", session.start_date, __("Opening date of the session"), url)
    name = f"{township_name(ctx)}{session_name(session.term, session.number)}"
    text = f"经过认真筹备，我{ctx.town}于{day}召开了{name}。"
    reports = [
        quote(ctx, f"{key}.reports.{pk}", title, __("Report heard and reviewed"), url)
        for pk, title in session.reports
    ]
    if reports:
        text += f"大会听取和审议了{joined(reports, '及')}"
    adopted = [r for r in session.resolutions if r.adopted]
    if adopted:
        titles = [
            quote(ctx, f"{key}.resolutions.{r.pk}", r.title, __("Resolution adopted"), url)
            for r in adopted
        ]
        n = ctx.figure(f"{key}.resolutions", len(adopted), __("Resolutions adopted"), url)
        text += "，" if reports else "大会"
        text += f"通过了{'、'.join(titles)}共{n}项决议"
    if reports or adopted:
        text += "，全体人大代表在大会上积极行使职权。"
    elections = [e for e in session.elections if e.candidates]
    if not elections:
        return text
    offices, results, all_unanimous = [], [], True
    for election in elections:
        election_url = reverse("sessions:election", args=[election.pk])
        ekey = f"{key}.elections.{election.pk}"
        office = OFFICES.get(election.office, "").format(town=ctx.town) or quote(
            ctx, f"{ekey}.office", election.office_name or __("Other office"), __("Office"), url
        )
        elected = [c for c in election.candidates if c.elected]
        n = ctx.figure(f"{ekey}.elected", len(elected), f"{office}：{__('people elected')}", url)
        short = SHORT_OFFICES.get(election.office, "").format(town=ctx.town)
        offices.append(f"{short or office}{n}名")
        # Named 按姓氏笔画, as the ballot lists them; the keys keep the order of entry.
        ballot = enumerate(election.candidates, start=1)
        for index, candidate in sorted(ballot, key=lambda entry: stroke_key(entry[1].name)):
            votes = _votes(ctx, f"{ekey}.{index}", candidate, election_url)
            name = quote(ctx, f"{ekey}.{index}.name", candidate.name, __("Candidate"), election_url)
            if candidate.elected:
                results.append(f"{name}{votes}当选为{office}")
                all_unanimous = all_unanimous and candidate.unanimous
            else:
                results.append(f"{name}{votes}，未当选{office}")
    verb = "补选" if all(e.by_election for e in elections) else "选举"
    government = any(e.office in SHORT_OFFICES for e in elections)
    lead = (
        f"{ctx.town}人民政府"
        if government and all(e.office in SHORT_OFFICES for e in elections)
        else ""
    )
    text += f"依法{verb}了{lead}{'、'.join(offices)}：{'；'.join(results)}"
    if all_unanimous and any(c.elected for e in elections for c in e.candidates):
        text += "，全部满票当选，确保了提名人选的依法当选"
    return text + "。"


def write_sessions(ctx: DraftContext) -> SectionDraft:
    sessions = _sessions(ctx)
    if not sessions:
        return SectionDraft(body=f"本年度未召开{ctx.town}人民代表大会会议。")
    paragraphs = []
    if len(sessions) > 1:
        held = ctx.summary_figure("sessions", "held", url=reverse("sessions:list"))
        paragraphs.append(f"全年共召开{ctx.town}人民代表大会会议{held}次。")
    paragraphs += [_session_paragraph(ctx, session) for session in sessions]
    return SectionDraft(body="\n".join(paragraphs))
