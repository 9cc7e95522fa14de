"""The presidium's annual work report (人大主席团工作报告), section by section, in the order of
the 2024 report: an opening, 一、 to 九、, and next year's work plan. Each writer reads the
year through the DraftContext and quotes every figure as a token: counts, dates, votes, and
any words of a record that hold a number (a report's title "2023年财政收支情况…"), so that no
digit of the generated text is typed by hand."""

import datetime
from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from congress.numerals import chinese_numeral
from deputies.models import Activity
from deputies.selectors.activities import activities_in_year, contacts_in_year
from oversight.models import OversightAction
from oversight.selectors.actions import (
    actions_in_year,
    campaigns_totals,
    with_participants,
)
from oversight.selectors.plans import plan_for_year
from proposals.selectors_report import assignment_meetings_of_year, key_proposals_of_year
from sessions.selectors import sessions_of_year

from .base import (
    DocumentSpec,
    DraftContext,
    SectionDraft,
    SectionSpec,
    bars,
    month_day,
    quote,
    table,
)

# ----------------------------------------------------------------------------- helpers

# Beyond this many, a section counts its activities instead of telling each with its date.
LISTED_ACTIVITIES = 8


def township_name(ctx: DraftContext) -> str:
    return quote(ctx, "township", ctx.township.name, __("Township"))


def date_token(ctx: DraftContext, key: str, day: datetime.date, label, url: str = "") -> str:
    """1月21日, as a token (the date of a record)."""
    return ctx.figure(key, month_day(day), label, url)


def span_token(ctx, key, start, end, label, url="") -> str:
    """1月8日 or 1月8日至15日 (9月2日至8日, as the 2024 report writes a week)."""
    first = date_token(ctx, f"{key}.date", start, label, url)
    if not end or end == start:
        return first
    last = (
        ctx.figure(f"{key}.end", f"{end.day}日", label, url)
        if end.month == start.month
        else date_token(ctx, f"{key}.end", end, label, url)
    )
    return f"{first}至{last}"


def month_token(ctx, key, day: datetime.date, label, url="") -> str:
    return ctx.figure(key, day.month, label, url)


def ordinal(n: int) -> str:
    """一是, 二是, … 十一是: how a report lists the parts of a piece of work."""
    return f"{chinese_numeral(n)}是"


def joined(items: list[str], last: str = "和") -> str:
    """A、B和C."""
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def activities_url() -> str:
    return reverse("deputies:activities")


def activity_url(pk: int) -> str:
    return reverse("deputies:activity_detail", args=[pk])


def _once(ctx: DraftContext, name: str, read):
    """What several sections read, read once per generation."""
    if name not in ctx.extra:
        ctx.extra[name] = read()
    return ctx.extra[name]


def _sessions(ctx: DraftContext):
    return _once(ctx, "sessions", lambda: sessions_of_year(township=ctx.township, year=ctx.year))


def _activities(ctx: DraftContext, kinds=None):
    """The year's deputies' activities other than oversight actions (told in 四 and 七), of
    `kinds` if given."""
    activities = _once(
        ctx,
        "activities",
        lambda: activities_in_year(
            township=ctx.township, year=ctx.year, exclude_kinds=[Activity.Kind.OVERSIGHT]
        ),
    )
    return [a for a in activities if kinds is None or a.kind in kinds]


def session_name(term: int, number: int) -> str:
    """第十八届人民代表大会第二次会议."""
    return f"第{chinese_numeral(term)}届人民代表大会第{chinese_numeral(number)}次会议"


# ----------------------------------------------------------------------------- opening


def write_opening(ctx: DraftContext) -> SectionDraft:
    year = ctx.figure("year", ctx.year, _("Year of the report"))
    return SectionDraft(
        body=(
            f"{year}年，{township_name(ctx)}的人大工作在县人大常委会的指导下，在镇党委的正确领导下，"
            "切实履行宪法和法律赋予的职权，紧紧围绕重点工作开展各项活动，密切联系代表，"
            "调动代表履职积极性，提升镇人大工作整体水平，为促进全镇的经济发展和社会稳定起到了积极作用。"
            "现将一年来的工作汇报如下："
        )
    )


# ----------------------------------------------------------------------------- 一、sessions

# The offices as a township's documents name them.
OFFICES = {
    "chair": "镇人大主席",
    "vice_chair": "镇人大副主席",
    "presidium": "镇人大主席团成员",
    "head": "镇人民政府镇长",
    "deputy_head": "镇人民政府副镇长",
}
# The short form once the government has been named: 镇长1名、副镇长2名.
SHORT_OFFICES = {"head": "镇长", "deputy_head": "副镇长"}


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
    text = f"经过认真筹备，我镇于{day}召开了{name}。"
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
        office = OFFICES.get(election.office) or quote(
            ctx, f"{ekey}.office", election.office_name or __("Other office"), __("Office"), url
        )
        elected = [c for c in election.candidates if c.elected]
        n = ctx.figure(f"{ekey}.elected", len(elected), f"{office}：{__('people elected')}", url)
        offices.append(f"{SHORT_OFFICES.get(election.office, office)}{n}名")
        for index, candidate in enumerate(election.candidates, start=1):
            votes = _votes(ctx, f"{ekey}.{index}", candidate, election_url)
            name = quote(ctx, f"{ekey}.{index}.name", candidate.name, __("Candidate"), election_url)
            if candidate.elected:
                results.append(f"{name}{votes}当选为{office}")
                all_unanimous = all_unanimous and candidate.unanimous
            else:
                results.append(f"{name}{votes}，未当选{office}")
    verb = "补选" if all(e.by_election for e in elections) else "选举"
    government = any(e.office in SHORT_OFFICES for e in elections)
    lead = "镇人民政府" if government and all(e.office in SHORT_OFFICES for e in elections) else ""
    text += f"依法{verb}了{lead}{'、'.join(offices)}：{'；'.join(results)}"
    if all_unanimous and any(c.elected for e in elections for c in e.candidates):
        text += "，全部满票当选，确保了提名人选的依法当选"
    return text + "。"


def write_sessions(ctx: DraftContext) -> SectionDraft:
    sessions = _sessions(ctx)
    if not sessions:
        return SectionDraft(body="本年度未召开镇人民代表大会会议。")
    paragraphs = []
    if len(sessions) > 1:
        held = ctx.summary_figure("sessions", "held", url=reverse("sessions:list"))
        paragraphs.append(f"全年共召开镇人民代表大会会议{held}次。")
    paragraphs += [_session_paragraph(ctx, session) for session in sessions]
    return SectionDraft(body="\n".join(paragraphs))


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
        "镇人大通过加强人大代表的培训学习，提高人大代表政治素养，提高履职能力，"
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
        f"一年来，镇人大加大了对政府工作的监督力度，全年共开展监督活动{total}次、{people}人次。"
        + "；".join(parts)
        + "。"
    ]
    found = ctx.value("problems", "found")
    if found:
        found = ctx.summary_figure("problems", "found")
        closed = ctx.summary_figure("problems", "closed")
        paragraphs.append(
            f"监督中共发现问题{found}个，已整改销号{closed}个。镇人大及时向政府提出了针对性的建议，"
            "跟踪督促整改落实，充分发挥了人大职能作用，有力地推动了政府各项工作的开展。"
        )
    else:
        paragraphs.append(
            "镇人大及时向政府提出了针对性的建议，充分发挥了人大职能作用，有力地推动了政府各项工作的开展。"
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


# ----------------------------------------------------------------------------- 五、proposals


def _category_name(row) -> str:
    """A类（已解决或基本解决）: the statistics' row label repeats the code before the name."""
    name = str(row.label).removeprefix(str(row.key)).strip()
    return f"{row.key}类（{name}）" if name else f"{row.key}类"


def write_proposals(ctx: DraftContext) -> SectionDraft:
    summary = ctx.summary("proposals")
    stats = summary.details["statistics"]
    if not stats.totals.total:
        return SectionDraft(body="本年度代表未提出议案、建议和意见。")
    base = reverse("proposals:list")
    total = ctx.summary_figure("proposals", "total")
    key_count = ctx.figure(
        "proposals.key",
        stats.totals.key_proposals,
        __("of which key proposals"),
        f"{base}?year={ctx.year}&key=true",
    )
    sessions = {str(s.pk): s for s in _sessions(ctx)}
    from_sessions = [row for row in stats.by_session if row.key]
    if len(stats.by_session) == 1 and from_sessions and from_sessions[0].key in sessions:
        session = sessions[from_sessions[0].key]
        source = f"针对镇{session_name(session.term, session.number)}期间代表提出的"
    else:
        source = "针对全年代表提出的"
    key_part = f"（其中{key_count}件确定为重点议案）" if stats.totals.key_proposals else ""
    text = f"{source}{total}件议案、建议和意见{key_part}，镇人大专门进行了规范整理和登记"
    assigned = ctx.summary_figure("proposals", "assigned")
    meetings = assignment_meetings_of_year(township=ctx.township, year=ctx.year)
    if meetings:
        days = []
        for meeting in meetings:
            # The proposals assigned at it: a page staff and members alike may open.
            url = reverse("proposals:list") + f"?meeting={meeting.pk}"
            days.append(
                date_token(
                    ctx,
                    f"proposals.meetings.{meeting.pk}.date",
                    meeting.date,
                    __("Date of the assignment meeting"),
                    url,
                )
            )
        text += (
            f"，并根据人民代表大会有关规定，于{'、'.join(days)}召开了交办会，"
            f"将{assigned}件议案、建议和意见逐件落实到有关承办单位。"
        )
    else:
        text += f"，已将{assigned}件逐件交由有关承办单位办理。"
    answered = ctx.summary_figure("proposals", "answered")
    on_time = ctx.summary_figure("proposals", "on_time")
    categories = [row for row in stats.categories if row.key]
    parts = [
        f"{quote(ctx, f'proposals.category_{row.key}.name', row.key, __('Answer category'))}类"
        f"{ctx.summary_figure('proposals', f'category_{row.key}')}件"
        for row in categories
    ]
    text += f"\n截至年底，已答复{answered}件，其中按期答复{on_time}件"
    if parts:
        text += f"；答复中{'、'.join(parts)}"
    text += "。"
    if stats.ratings:
        attitude = ctx.figure(
            "proposals.satisfaction.attitude",
            f"{stats.satisfied_share('attitude')}%",
            __("Satisfied with the handling attitude (share of ratings)"),
            f"{reverse('proposals:stats')}?year={ctx.year}",
        )
        result = ctx.figure(
            "proposals.satisfaction.result",
            f"{stats.satisfied_share('result')}%",
            __("Satisfied with the handling result (share of ratings)"),
            f"{reverse('proposals:stats')}?year={ctx.year}",
        )
        text += f"代表对办理态度的满意率为{attitude}，对办理结果的满意率为{result}。"
    text += "做到件件有答复、事事有回音。"
    for item in key_proposals_of_year(township=ctx.township, year=ctx.year):
        url = reverse("proposals:detail", args=[item.pk])
        title = quote(ctx, f"proposals.{item.pk}.title", item.title, __("Key proposal"), url)
        line = f"\n如重点议案《{title}》"
        if item.unit:
            unit = quote(ctx, f"proposals.{item.pk}.unit", item.unit, __("Lead unit"), url)
            line += f"由{unit}主办"
        if item.category_code:
            code = quote(
                ctx,
                f"proposals.{item.pk}.category",
                item.category_code,
                __("Answer category"),
                url,
            )
            line += f"，答复为{code}类"
        text += (
            line
            + "，镇人大对重点议案提出具体可行性要求，力抓督促检查，确保提高办理工作进度和质量。"
        )
    rows = [
        [
            quote(
                ctx,
                f"proposals.category_{row.key}.label",
                _category_name(row),
                __("Answer category"),
            ),
            ctx.summary_figure("proposals", f"category_{row.key}"),
            ctx.figure(
                f"proposals.category_{row.key}.share",
                f"{row.share}%" if row.share is not None else "—",
                f"{row.key}：{__('share of the answers')}",
            ),
        ]
        for row in categories
    ]
    blocks = [table("代表建议答复分类统计", ["答复类别", "件数", "占比"], rows)] if rows else []
    return SectionDraft(body=text, blocks=blocks)


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
            body="镇人大主席团积极组织人大代表围绕全镇中心工作履职尽责，"
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
        body="镇人大主席团积极组织人大代表支持和推动全镇中心工作的深入开展。"
        + "；".join(parts)
        + "，积极引导人大代表当好中心工作的宣传者、表率者、监督者。"
        + closing
    )


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
            f"为充分发挥人大代表在全镇中心工作中的作用，我镇从{month}月份开始"
            f"在县镇人大代表中开展了“{title}”主题活动。"
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
            done.append(f"{when}，镇人大主席团组织开展{name}{place}（{times}人次）")
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
                f"活动共开展{n}次，组织县、镇人大代表及镇机关干部等共{people}人次参加。"
            )
        paragraphs.append(text)
        if total.problems:
            paragraphs.append(
                f"活动期间，代表们共查找出问题{found}个，针对问题，镇人大广泛征求意见，加强调查研究，"
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
        "基层组织换届选举工作是当前工作重点，镇人大在村级组织换届选举中认真履行职责，加强监督，"
        f"严格把好各大选举关口节点。镇人大主席团成员深入{villages}个村（社区），"
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
        "。镇人大主席团加强对换届选举工作法律程序上的监督，认真执行选举法律、法规，"
        "确保了整个选举过程依法、民主、科学、规范，为换届选举工作的顺利进行提供了可靠的保障。"
    )
    return SectionDraft(body=text)


# ----------------------------------------------------------------------------- 九、the presidium

OUTLETS = {
    "county_site": "县人大网站",
    "city_site": "市人大信息网",
    "province_site": "省人大网站",
    "newspaper": "报刊",
    "other": "其他媒体",
}


def write_presidium(ctx: DraftContext) -> SectionDraft:
    items = []
    evaluations = ctx.summary("evaluations").details.get("evaluations", [])
    if evaluations:
        parts = []
        for evaluation in evaluations:
            url = reverse("oversight:evaluation_detail", args=[evaluation["pk"]])
            key = f"evaluations.{evaluation['pk']}"
            month = month_token(ctx, f"{key}.month", evaluation["date"], __("Month"), url)
            unit = quote(ctx, f"{key}.unit", evaluation["unit"], __("Unit evaluated"), url)
            present = ctx.figure(
                f"{key}.present",
                evaluation["present"],
                f"{evaluation['unit']}：{__('deputies present')}",
                url,
            )
            text = (
                f"{month}月份，组织{present}名人大代表对{unit}进行了工作评议，"
                "召开座谈会听取工作汇报，代表们对工作提出建议和意见，并对存在的问题进行评议"
            )
            if evaluation["rated"]:
                counts = evaluation["counts"]
                verdicts = [
                    ctx.figure(
                        f"{key}.{verdict}",
                        counts.get(verdict, 0),
                        f"{evaluation['unit']}：{name}",
                        url,
                    )
                    for verdict, name in (
                        ("satisfied", "满意"),
                        ("fairly", "基本满意"),
                        ("dissatisfied", "不满意"),
                    )
                ]
                share = ctx.figure(
                    f"{key}.satisfaction",
                    f"{evaluation['satisfaction']:.1f}%",
                    f"{evaluation['unit']}：{__('satisfaction')}",
                    url,
                )
                text += (
                    f"，测评结果为满意{verdicts[0]}票、基本满意{verdicts[1]}票、"
                    f"不满意{verdicts[2]}票，满意率{share}"
                )
            parts.append(text)
        items.append(
            "坚持人大代表评议制度。为加强人大代表对驻镇站所和政府相关部门的有效监督，"
            + "；".join(parts)
            + "。"
        )
    items.append(
        "进一步规范人大工作制度。制订和完善镇人大主席团议事规则、主席团工作职责、主席团成员联系代表、"
        "代表联系选民、议案建议办理等制度，使人大工作制度化、规范化。"
    )
    publicity = ctx.summary("publicity")
    blocks = []
    if publicity["submitted"]:
        submitted = ctx.summary_figure("publicity", "submitted")
        outlets = [f for f in publicity.figures if f.key in OUTLETS]
        # The city's site first, as the 2024 report lists the higher outlet first.
        order = ["province_site", "city_site", "county_site", "newspaper", "other"]
        outlets.sort(key=lambda f: order.index(f.key))
        parts = [
            f"被{OUTLETS[f.key]}录用{ctx.summary_figure('publicity', f.key)}篇"
            for f in outlets
            if f.value
        ]
        text = f"进一步做好人大宣传工作。镇人大积极向县人大信息网投发稿件，全年已投稿{submitted}篇"
        if parts:
            text += "，其中" + "，".join(parts)
        items.append(text + "。同时及时报送代表优秀履职案例。")
        blocks.append(
            table(
                "人大宣传稿件录用情况",
                ["媒体", "录用篇数"],
                [["投稿总数", submitted]]
                + [[OUTLETS[f.key], ctx.summary_figure("publicity", f.key)] for f in outlets],
            )
        )
    else:
        items.append(
            "进一步做好人大宣传工作。积极向县人大信息网投发稿件，及时报送代表优秀履职案例。"
        )
    body = "\n".join(f"{ordinal(n)}{item}" for n, item in enumerate(items, start=1))
    return SectionDraft(body=body, blocks=blocks)


# ----------------------------------------------------------------------------- next year's plan


def write_plan(ctx: DraftContext) -> SectionDraft:
    next_year = ctx.year + 1
    year = ctx.figure("next_year", next_year, _("Year of the work plan"))
    lines = plan_for_year(township=ctx.township, year=next_year)
    if not lines:
        return SectionDraft(body=f"{year}年人大工作计划尚未制订。")
    url = reverse("oversight:plan") + f"?year={next_year}"
    paragraphs = [
        f"{year}年，镇人大主席团将继续在镇党委的领导下，履行宪法和法律赋予的各项职责，"
        "着力提高人大主席团依法履职能力，切实加强代表工作和自身建设，进一步提高人大工作水平。"
    ]
    for line in lines:
        key = f"plan.{line.pk}"
        title = quote(ctx, f"{key}.title", line.title.rstrip("。"), __("Work plan item"), url)
        text = quote(ctx, f"{key}.text", line.text, __("Work plan item"), url)
        paragraphs.append(f"{chinese_numeral(line.number)}、{title}。{text}")
    return SectionDraft(body="\n".join(paragraphs))


ANNUAL_REPORT = DocumentSpec(
    kind="annual",
    title=lambda ctx: f"{ctx.township.name}人大主席团{ctx.year}年工作报告",
    addressee=lambda ctx: "县人大常委会",
    issuer=lambda ctx: f"{ctx.township.name}人大主席团",
    sections=[
        SectionSpec("opening", _("Opening"), write_opening, heading="none"),
        SectionSpec("sessions", "精心组织，依法开好镇人代会", write_sessions),
        SectionSpec("training", "加强学习培训，提高代表履职能力", write_training),
        SectionSpec(
            "between_sessions", "开展闭会期间活动，发挥代表参政议政作用", write_between_sessions
        ),
        SectionSpec("oversight", "加大工作监督力度，推动政府工作开展", write_oversight),
        SectionSpec("proposals", "抓好代表议案督办，提高办理工作质量", write_proposals),
        SectionSpec("central_work", "发挥代表表率作用，助推全镇中心工作", write_central_work),
        SectionSpec("campaigns", "开展代表主题活动，力促整改措施落实", write_campaigns),
        SectionSpec("elections", "助力村级组织换届，把好选举监督关口", write_elections),
        SectionSpec("presidium", "完善人大工作制度，有序推进高效高能", write_presidium),
        SectionSpec("plan", "{next_year}年人大工作思路", write_plan, heading="plain"),
    ],
)
