"""四、 oversight of the government, 七、 the themed campaigns, 八、 election supervision."""

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as __

from oversight.models import OversightAction
from oversight.selectors.actions import (
    actions_in_year,
    campaigns_totals,
    with_participants,
)

from ..base import (
    DraftContext,
    SectionDraft,
    bars,
    quote,
    table,
)
from .common import month_token, ordinal, span_token

# ----------------------------------------------------------------------------- 四、oversight

# What each kind of action does to its subject, as the 2024 report words it.
ACTION_PHRASES = {
    OversightAction.Kind.SPECIAL_CHECK: "对{}进行专项督查",
    OversightAction.Kind.INSPECTION: "组织代表视察{}",
    OversightAction.Kind.SURVEY: "围绕{}开展专题调研",
    OversightAction.Kind.EVALUATION: "组织代表对{}进行工作评议",
    OversightAction.Kind.LAW_CHECK: "对{}开展执法检查",
    OversightAction.Kind.SPECIAL_REPORT: "听取{}专项工作报告",
    OversightAction.Kind.OTHER: "开展{}",
}
KIND_NAMES = {
    OversightAction.Kind.SPECIAL_CHECK: "专项督查",
    OversightAction.Kind.INSPECTION: "视察",
    OversightAction.Kind.SURVEY: "调研",
    OversightAction.Kind.EVALUATION: "工作评议",
    OversightAction.Kind.LAW_CHECK: "执法检查",
    OversightAction.Kind.SPECIAL_REPORT: "听取专项工作报告",
    OversightAction.Kind.OTHER: "其他监督活动",
}


def _year_actions(ctx: DraftContext) -> list[OversightAction]:
    """The year's actions in date order, with their participants: one query."""
    return list(
        actions_in_year(township=ctx.township, year=ctx.year)
        .select_related("activity")
        .order_by("activity__start_date", "pk")
    )


def _action_subject(ctx, action: OversightAction, url: str) -> str:
    subject = action.target if action.kind != OversightAction.Kind.OTHER else ""
    subject = subject or action.activity.title
    phrase = ACTION_PHRASES.get(action.kind, "开展{}")
    return phrase.format(
        quote(ctx, f"oversight.actions.{action.pk}.subject", subject, __("What was overseen"), url)
    )


def write_oversight(ctx: DraftContext) -> SectionDraft:
    actions = _year_actions(ctx)
    if not actions:
        return SectionDraft(body="本年度未开展监督活动。")
    total = ctx.summary_figure("oversight", "actions")
    people = ctx.summary_figure("oversight", "person_times")
    parts = []
    for n, action in enumerate(actions, start=1):
        url = reverse("oversight:detail", args=[action.pk])
        key = f"oversight.actions.{action.pk}"
        month = month_token(ctx, f"{key}.month", action.activity.start_date, __("Month"), url)
        times = ctx.figure(
            f"{key}.person_times",
            action.person_times,
            f"{action.activity.title}：{__('person-times')}",
            url,
        )
        parts.append(f"{ordinal(n)}{month}月份{_action_subject(ctx, action, url)}（{times}人次）")
    paragraphs = [
        f"一年来，{ctx.town}人大加大了对政府工作的监督力度，全年共开展监督活动{total}次、{people}人次。"
        + "；".join(parts)
        + "。"
    ]
    found = ctx.value("problems", "found")
    if found:
        found = ctx.summary_figure("problems", "found")
        closed = ctx.summary_figure("problems", "closed")
        paragraphs.append(
            f"监督中共发现问题{found}个，已整改销号{closed}个。{ctx.town}人大及时向政府提出了针对性的建议，"
            "跟踪督促整改落实，充分发挥了人大职能作用，有力地推动了政府各项工作的开展。"
        )
    else:
        paragraphs.append(
            f"{ctx.town}人大及时向政府提出了针对性的建议，充分发挥了人大职能作用，有力地推动了政府各项工作的开展。"
        )
    by_month = Counter(action.activity.start_date.month for action in actions)
    by_kind: dict[str, list[OversightAction]] = {}
    for action in actions:
        by_kind.setdefault(action.kind, []).append(action)
    list_url = reverse("oversight:list") + f"?year={ctx.year}"
    rows = []
    for kind in OversightAction.Kind:
        if kind.value not in by_kind:
            continue
        done = by_kind[kind.value]
        name = KIND_NAMES[kind]
        rows.append(
            [
                name,
                ctx.figure(
                    f"oversight.kind.{kind.value}.count",
                    len(done),
                    f"{name}：{__('actions')}",
                    f"{list_url}&kind={kind.value}",
                ),
                ctx.figure(
                    f"oversight.kind.{kind.value}.person_times",
                    sum(a.person_times for a in done),
                    f"{name}：{__('person-times')}",
                    f"{list_url}&kind={kind.value}",
                ),
            ]
        )
    rows.append(["合计", total, people])
    blocks = [
        bars("全年监督活动月度分布", [(f"{m}月", by_month.get(m, 0)) for m in range(1, 13)], "次"),
        table("监督活动分类统计", ["类别", "次数", "人次"], rows),
    ]
    return SectionDraft(body="\n".join(paragraphs), blocks=blocks)


# ----------------------------------------------------------------------------- 七、campaigns


def write_campaigns(ctx: DraftContext) -> SectionDraft:
    campaigns = [
        entry["campaign"] for entry in ctx.summary("oversight").details.get("campaigns", [])
    ]
    if not campaigns:
        return SectionDraft(body="本年度未开展代表主题活动。")
    totals = campaigns_totals(c.pk for c in campaigns)
    actions: dict[int, list[OversightAction]] = {c.pk: [] for c in campaigns}
    for action in (
        with_participants(OversightAction.objects.filter(campaign__in=campaigns))
        .select_related("activity")
        .order_by("activity__start_date", "pk")
    ):
        actions[action.campaign_id].append(action)
    paragraphs, rows = [], []
    for campaign in campaigns:
        url = reverse("oversight:campaign_detail", args=[campaign.pk])
        key = f"oversight.campaigns.{campaign.pk}"
        title = quote(ctx, f"{key}.title", campaign.title, __("Campaign"), url)
        month = month_token(ctx, f"{key}.month", campaign.start_date, __("Month"), url)
        text = (
            f"为充分发挥人大代表在全{ctx.town}中心工作中的作用，我{ctx.town}从{month}月份开始"
            f"在县{ctx.town}人大代表中开展了“{title}”主题活动。"
        )
        done = []
        for action in actions[campaign.pk]:
            action_url = reverse("oversight:detail", args=[action.pk])
            akey = f"oversight.actions.{action.pk}"
            when = span_token(
                ctx,
                akey,
                action.activity.start_date,
                action.activity.end_date,
                __("Date of the action"),
                action_url,
            )
            name = quote(ctx, f"{akey}.title", action.activity.title, __("Action"), action_url)
            times = ctx.figure(
                f"{akey}.person_times",
                action.person_times,
                f"{action.activity.title}：{__('person-times')}",
                action_url,
            )
            place = action.activity.place
            if place:
                place = quote(ctx, f"{akey}.place", place, __("Place"), action_url)
                place = f"，深入{place}"
            done.append(f"{when}，{ctx.town}人大主席团组织开展{name}{place}（{times}人次）")
        total = totals[campaign.pk]
        actions_url = reverse("oversight:list") + f"?campaign={campaign.pk}"
        problems_url = reverse("oversight:problems") + f"?campaign={campaign.pk}"
        n = ctx.figure(f"{key}.actions", total.actions, __("Actions of the campaign"), actions_url)
        people = ctx.figure(
            f"{key}.person_times",
            total.person_times,
            __("Person-times in the campaign"),
            actions_url,
        )
        found = ctx.figure(
            f"{key}.problems", total.problems, __("Problems found by the campaign"), problems_url
        )
        closed = ctx.figure(
            f"{key}.problems_closed",
            total.problems_closed,
            __("Problems of the campaign closed"),
            problems_url + "&status=closed",
        )
        if done:
            text += (
                "为推动活动的深入开展，" + "；".join(done) + "。"
                f"活动共开展{n}次，组织县、{ctx.town}人大代表及{ctx.town}机关干部等共{people}人次参加。"
            )
        paragraphs.append(text)
        if total.problems:
            paragraphs.append(
                f"活动期间，代表们共查找出问题{found}个，针对问题，{ctx.town}人大广泛征求意见，加强调查研究，"
                "提出可行性意见，并及时着力督促政府根据意见制订整改治理方案，提出整治目标，"
                f"跟踪监督整改落实，至年底已整改销号{closed}个。"
            )
        rows.append([title, n, people, found, closed])
    blocks = [table("主题活动情况统计", ["主题活动", "次数", "人次", "发现问题", "已销号"], rows)]
    return SectionDraft(body="\n".join(paragraphs), blocks=blocks)


# ----------------------------------------------------------------------------- 八、elections

STAGES = {
    "preparation": "选举准备与宣传",
    "registration": "选民登记",
    "nomination": "候选人提名",
    "voting": "投票选举",
    "handover": "工作移交",
}


def write_elections(ctx: DraftContext) -> SectionDraft:
    summary = ctx.summary("elections")
    if not summary["observations"]:
        return SectionDraft(body="本年度未开展村级组织换届选举监督。")
    villages = ctx.summary_figure("elections", "villages")
    observations = ctx.summary_figure("elections", "observations")
    village_rows = summary.details["villages"]
    stages = [
        STAGES.get(stage, stage)
        for stage in STAGES
        if any(line.stage == stage for v in village_rows for line in v.observations)
    ]
    text = (
        f"基层组织换届选举工作是当前工作重点，{ctx.town}人大在村级组织换届选举中认真履行职责，加强监督，"
        f"严格把好各大选举关口节点。{ctx.town}人大主席团成员深入{villages}个村（社区），"
        f"对{'、'.join(stages)}等环节进行全程观察，共开展观察{observations}次"
    )
    issues = [(v, line) for v in village_rows for line in v.issues]
    if issues:
        n = ctx.summary_figure("elections", "issues")
        parts = []
        for village, line in issues:
            url = reverse("oversight:elections") + f"?year={ctx.year}"
            key = f"elections.observations.{line.pk}"
            what = quote(ctx, f"{key}.issues", line.issues.rstrip("。"), __("Issue found"), url)
            done = quote(ctx, f"{key}.notes", line.notes.rstrip("。"), __("What was done"), url)
            place = quote(ctx, f"{key}.village", village.village, __("Village"), url)
            parts.append(
                f"在{place}{STAGES.get(line.stage, '')}环节发现{what}"
                + (f"，{done}" if done else "")
            )
        text += f"，发现并督促纠正问题{n}个：{'；'.join(parts)}"
    text += (
        f"。{ctx.town}人大主席团加强对换届选举工作法律程序上的监督，认真执行选举法律、法规，"
        "确保了整个选举过程依法、民主、科学、规范，为换届选举工作的顺利进行提供了可靠的保障。"
    )
    return SectionDraft(body=text)
