"""二、 study and training, 三、 activities between sessions, 六、 deputies in the town's
central work."""

from django.urls import reverse
from django.utils.translation import gettext as __

from deputies.models import Activity
from deputies.selectors.activities import contacts_in_year

from ..base import (
    DraftContext,
    SectionDraft,
    quote,
)
from .common import (
    LISTED_ACTIVITIES,
    _activities,
    activities_url,
    activity_url,
    month_token,
    span_token,
)

# ----------------------------------------------------------------------------- 二、study


def _activity_list(ctx: DraftContext, activities) -> str:
    """2月27日，学习党的全会公报（40人次）；6月14日，…"""
    parts = []
    for activity in activities:
        url = activity_url(activity.pk)
        key = f"deputies.activities.{activity.pk}"
        when = span_token(
            ctx, key, activity.start_date, activity.end_date, __("Date of the activity"), url
        )
        title = quote(ctx, f"{key}.title", activity.title, __("Title of the activity"), url)
        people = ctx.figure(
            f"{key}.person_times",
            activity.person_times,
            f"{activity.title}：{__('person-times')}",
            url,
        )
        parts.append(f"{when}，{title}（{people}人次）")
    return "；".join(parts)


def _counted(ctx, key: str, activities, what: str) -> tuple[str, str]:
    count = ctx.figure(f"{key}.count", len(activities), what, activities_url())
    people = ctx.figure(
        f"{key}.person_times",
        sum(a.person_times for a in activities),
        f"{what}：{__('person-times')}",
        activities_url(),
    )
    return count, people


def write_training(ctx: DraftContext) -> SectionDraft:
    training = _activities(ctx, kinds=[Activity.Kind.TRAINING])
    closing = (
        f"{ctx.town}人大通过加强人大代表的培训学习，提高人大代表政治素养，提高履职能力，"
        "及时将上级下发的各文件发放到代表手中，进一步打造“学习型”代表队伍。"
    )
    if not training:
        return SectionDraft(body="本年度未组织代表专题学习培训。\n" + closing)
    count, people = _counted(ctx, "deputies.training", training, __("Study and training sessions"))
    listed = f"：{_activity_list(ctx, training)}" if len(training) <= LISTED_ACTIVITIES else ""
    return SectionDraft(
        body=(
            "以学习促提高，组织人大代表进行政治学习和履职培训。"
            f"全年共组织代表学习培训{count}次、{people}人次{listed}。"
            "在学习过程中，与会人大代表结合工作实际，进行了热烈的讨论。\n" + closing
        )
    )


# ----------------------------------------------------------------------------- 三、between sessions

ACTIVITY_KINDS = {
    Activity.Kind.PRE_SESSION: "会前走访",
    Activity.Kind.INSPECTION: "视察",
    Activity.Kind.SURVEY: "调研",
    Activity.Kind.FORUM: "座谈",
    Activity.Kind.GROUP: "代表小组活动",
    Activity.Kind.VOTERS: "联系选民",
    Activity.Kind.REVIEW: "述职评议",
    Activity.Kind.TRAINING: "学习培训",
    Activity.Kind.OTHER: "其他活动",
}


def _activities_told(ctx: DraftContext, activities) -> str:
    """Each activity with its date, or, for a year of many, the count and person-times of
    each kind (会前走访5次、120人次；座谈3次、60人次)."""
    if len(activities) <= LISTED_ACTIVITIES:
        return _activity_list(ctx, activities)
    by_kind: dict[str, list] = {}
    for activity in activities:
        by_kind.setdefault(activity.kind, []).append(activity)
    parts = []
    for kind, name in ACTIVITY_KINDS.items():
        if kind.value in by_kind:
            count, people = _counted(ctx, f"deputies.kind.{kind.value}", by_kind[kind.value], name)
            parts.append(f"{name}{count}次、{people}人次")
    return "；".join(parts)


# Told in their own sections: study (二), oversight actions (四, 七), themed work (六).
NOT_BETWEEN_SESSIONS = (Activity.Kind.TRAINING, Activity.Kind.OVERSIGHT, Activity.Kind.OTHER)


def write_between_sessions(ctx: DraftContext) -> SectionDraft:
    activities = [a for a in _activities(ctx) if a.kind not in NOT_BETWEEN_SESSIONS]
    paragraphs = []
    if activities:
        count, people = _counted(
            ctx, "deputies.between_sessions", activities, __("Activities between sessions")
        )
        paragraphs.append(
            "认真组织代表开展闭会期间活动，定期向代表小组通报人大工作，听取小组活动汇报。"
            f"全年组织代表开展会前走访、视察调研、座谈征求意见、小组活动等{count}次、{people}人次："
            f"{_activities_told(ctx, activities)}。"
        )
    else:
        paragraphs.append("本年度未另行组织代表开展会前走访、座谈等闭会期间活动。")
    contacts = contacts_in_year(township=ctx.township, year=ctx.year)
    parts = []
    if contacts["liaison_contacts"]:
        n = ctx.figure(
            "deputies.liaison_contacts",
            contacts["liaison_contacts"],
            __("Presidium members' contacts with deputies"),
            reverse("deputies:liaison_contacts"),
        )
        parts.append(f"主席团成员联系走访代表{n}次")
    if contacts["voter_contacts"]:
        n = ctx.figure(
            "deputies.voter_contacts",
            contacts["voter_contacts"],
            __("Deputies' contacts with voters"),
        )
        people = ctx.figure(
            "deputies.voters_met", contacts["voters_met"], __("Voters met by deputies")
        )
        parts.append(f"代表联系选民{n}次、听取选民意见{people}人次")
    if contacts["reports_to_voters"]:
        url = reverse("deputies:reports_to_voters")
        n = ctx.figure(
            "deputies.reports_to_voters",
            contacts["reports_to_voters"],
            __("Deputies' reports to voters"),
            url,
        )
        people = ctx.figure(
            "deputies.voters_attending",
            contacts["voters_attending"],
            __("Voters attending the reports"),
            url,
        )
        parts.append(f"代表向选民述职{n}次、参加选民{people}人次")
    if parts:
        paragraphs.append(f"坚持主席团成员联系代表、代表联系选民制度，全年{'，'.join(parts)}。")
    # The deputies' summary counts every activity once, oversight actions included.
    total = ctx.summary_figure("deputies", "activities")
    people = ctx.summary_figure("deputies", "activity_person_times")
    paragraphs.append(
        f"全年代表共参加学习培训、闭会期间活动和监督活动等各类履职活动{total}次、{people}人次。"
        "通过一系列的闭会活动，既让代表知情知政，又提高了代表履职水平，同时也增强了代表的凝聚力。"
    )
    return SectionDraft(body="\n".join(paragraphs))


# ----------------------------------------------------------------------------- 六、central work


def write_central_work(ctx: DraftContext) -> SectionDraft:
    themed = _activities(ctx, kinds=[Activity.Kind.OTHER])
    closing = (
        "代表们在活动中恪尽职责，协助政府推行工作进展，督促检查所在村及选区的工作进展情况，"
        "密切与群众的沟通联系，认真听取群众呼声，及时反映群众的意见和建议，"
        "督促政府针对性加以整改落实，确保工作取得实效。"
    )
    if not themed:
        return SectionDraft(
            body=f"{ctx.town}人大主席团积极组织人大代表围绕全{ctx.town}中心工作履职尽责，"
            "在学习培训、闭会期间活动和监督活动中当好宣传者、表率者、监督者。" + closing
        )
    parts = []
    for activity in themed:
        url = activity_url(activity.pk)
        key = f"deputies.activities.{activity.pk}"
        month = month_token(ctx, f"{key}.month", activity.start_date, __("Month"), url)
        title = quote(ctx, f"{key}.title", activity.title, __("Title of the activity"), url)
        present = ctx.figure(
            f"{key}.present", activity.present, f"{activity.title}：{__('deputies present')}", url
        )
        parts.append(f"{month}月份，开展了{title}，{present}名代表参加")
    return SectionDraft(
        body=f"{ctx.town}人大主席团积极组织人大代表支持和推动全{ctx.town}中心工作的深入开展。"
        + "；".join(parts)
        + "，积极引导人大代表当好中心工作的宣传者、表率者、监督者。"
        + closing
    )
