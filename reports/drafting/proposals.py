"""The report on the handling of deputies' proposals (代表建议办理情况报告): the totals, by field
and unit, the assignment meeting, answered and on time, the answer categories A/B/C/D with their
shares, satisfaction and each key item.

Every figure is the statistics page's (proposals.selectors.stats.proposal_statistics, carried
by the proposals YearSummary as details["statistics"]), quoted as a token linking to the
records it counts; names and titles holding a digit are quoted as tokens too, so the text has
no number that does not come from the records.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from congress.numerals import chinese_numeral
from proposals.selectors.report import assignment_meetings_of_year, key_proposals_of_year
from proposals.selectors.stats import SATISFACTION_DEFINITION, ProposalStatistics, percent

from .base import (
    DocumentSpec,
    DraftContext,
    SectionDraft,
    SectionSpec,
    bars,
    in_report_language,
    month_day,
    quote,
    table,
)


def _list_url(ctx: DraftContext, **query) -> str:
    return f"{reverse('proposals:list')}?{urlencode({'year': ctx.year, **query})}"


def _stats_url(ctx: DraftContext) -> str:
    return f"{reverse('proposals:stats')}?{urlencode({'year': ctx.year})}"


def _stats(ctx: DraftContext) -> ProposalStatistics:
    return ctx.summary("proposals").details["statistics"]


def _rate(value) -> str:
    """A share as the text prints it: 83.3, or 0 when there is nothing to divide."""
    return "0" if value is None else str(value)


def satisfaction_sentence(ctx: DraftContext, stats: ProposalStatistics, url: str) -> str:
    """代表测评 counted per item (its lead deputy's rating), the same words and figures in the
    proposal-handling report and the work report: N件满意、N件基本满意、N件不满意 and the
    满意率 on the result, then on the attitude, with how the 满意率 is worked out."""
    rated = ctx.figure(
        "proposals.satisfaction.rated", stats.rated, _("Items rated (the lead deputy's)"), url
    )
    parts = []
    for aspect, words, label in (
        ("result", "办理结果", _("Satisfied with the handling result (share of items rated)")),
        ("attitude", "办理态度", _("Satisfied with the handling attitude (share of items rated)")),
    ):
        counts = "、".join(
            in_report_language(row.label)
            + ctx.figure(
                f"proposals.satisfaction.{row.key}.{aspect}", getattr(row, aspect), row.label, url
            )
            + "件"
            for row in stats.satisfaction
        )
        share = ctx.figure(
            f"proposals.satisfaction.{aspect}", _rate(stats.satisfied_share(aspect)), label, url
        )
        parts.append(f"对{words}{counts}，满意率{share}%")
    definition = in_report_language(SATISFACTION_DEFINITION).rstrip("。")
    return f"代表对办理工作进行了测评，已测评{rated}件，" + "；".join(parts) + f"（{definition}）。"


def _year(ctx: DraftContext) -> str:
    return ctx.figure("year", ctx.year, _("Year of the report"))


def _count(ctx: DraftContext, key: str, value, label, url: str) -> str:
    return ctx.figure(f"proposals.{key}", value, label, url)


def _handling_rows(ctx: DraftContext, rows, prefix: str, first, filter_name: str) -> list[list]:
    """A table's rows: the label, then received, key, answered, on time and the on-time rate of
    each row, every figure a token linking to the proposals it counts."""
    result = []
    for row in rows:
        key = f"{prefix}.{row.key or 'none'}"
        query = {filter_name: row.key} if row.key and filter_name else {}
        url = _list_url(ctx, **query)
        key_url = _list_url(ctx, key="true", **query)
        label = quote(ctx, f"proposals.{key}.name", row.label, first)
        result.append(
            [
                label,
                _count(ctx, f"{key}.total", row.total, _("Number of proposals"), url),
                _count(ctx, f"{key}.key", row.key_proposals, _("Of which key"), key_url),
                _count(ctx, f"{key}.answered", row.answered, _("Answered"), url),
                _count(ctx, f"{key}.on_time", row.on_time, _("Answered on time"), url),
                _count(
                    ctx,
                    f"{key}.on_time_rate",
                    _rate(row.on_time_rate),
                    _("On-time answer rate"),
                    url,
                )
                + "%",
            ]
        )
    return result


HANDLING_COLUMNS = ["件数", "其中重点", "已答复", "按时答复", "按时答复率"]


def write_overview(ctx: DraftContext) -> SectionDraft:
    stats = _stats(ctx)
    totals = stats.totals
    year = _year(ctx)
    list_url = _list_url(ctx)
    stats_url = _stats_url(ctx)
    total = ctx.summary_figure("proposals", "total")
    key = _count(
        ctx, "key", totals.key_proposals, _("of which key proposals"), _list_url(ctx, key="true")
    )
    paragraphs = [
        f"{year}年，我{ctx.town}共收到代表提出的议案、建议和意见{total}件，其中确定为重点建议的{key}件。"
        f"{ctx.town}人大主席团对代表提出的建议逐件进行了规范整理和登记，按内容分类后交有关承办单位办理。"
    ]
    kinds = [
        in_report_language(row.label)
        + _count(ctx, f"kind.{row.key}", row.total, row.label, _list_url(ctx, kind=row.key))
        + "件"
        for row in stats.by_kind
    ]
    if len(kinds) > 1:
        paragraphs.append("按类别分，" + "，".join(kinds) + "。")

    meetings = assignment_meetings_of_year(township=ctx.township, year=ctx.year)
    assigned = _count(
        ctx, "assigned", totals.assigned, _("of which assigned to handling units"), list_url
    )
    if meetings:
        held = []
        for meeting in meetings:
            # The proposals assigned at it: a page staff and members alike may open.
            url = reverse("proposals:list") + f"?meeting={meeting.pk}"
            date = ctx.figure(
                f"proposals.meeting.{meeting.pk}.date",
                month_day(meeting.date),
                _("Date of the assignment meeting"),
                url,
            )
            count = ctx.figure(
                f"proposals.meeting.{meeting.pk}.proposals",
                meeting.proposals,
                _("Proposals assigned at the meeting"),
                url,
            )
            held.append(f"{date}召开交办会，交办建议{count}件")
        paragraphs.append(
            f"根据人民代表大会有关规定，{ctx.town}人大主席团于"
            + "；于".join(held)
            + f"。全年共交办建议{assigned}件，由{ctx.town}政府将代表的建议逐件落实到有关承办单位。"
        )
    else:
        paragraphs.append(f"全年共向有关承办单位交办建议{assigned}件。")

    answered = _count(ctx, "answered", totals.answered, _("of which answered"), list_url)
    on_time = _count(ctx, "on_time", totals.on_time, _("of which answered on time"), list_url)
    answer_rate = _count(
        ctx,
        "answer_rate",
        _rate(percent(totals.answered, totals.total)),
        _("Share of the proposals answered"),
        stats_url,
    )
    on_time_rate = _count(
        ctx,
        "on_time_rate",
        _rate(totals.on_time_rate),
        _("On-time answer rate"),
        stats_url,
    )
    paragraphs.append(
        f"截至目前，已答复{answered}件，办复率{answer_rate}%；其中按期答复{on_time}件，"
        f"按时答复率{on_time_rate}%。"
    )

    # Every category of the township (an empty one too), then answers without a category.
    categories = [
        (
            row,
            _count(ctx, f"category.{row.key or 'none'}.count", row.count, row.label, stats_url),
            _count(
                ctx, f"category.{row.key or 'none'}.share", _rate(row.share), _("Share"), stats_url
            ),
        )
        for row in stats.categories
    ]
    if stats.with_current_answer:
        parts = [
            f"{row.key + '类' if row.key else in_report_language(row.label)}{count}件，占{share}%"
            for row, count, share in categories
        ]
        paragraphs.append("从答复类别看，" + "；".join(parts) + "。")

    if stats.rated:
        paragraphs.append(satisfaction_sentence(ctx, stats, stats_url))

    blocks = []
    if stats.by_field:
        blocks.append(
            table(
                "按领域分类",
                ["领域", *HANDLING_COLUMNS],
                _handling_rows(ctx, stats.by_field, "field", _("Field"), "field"),
            )
        )
    if stats.by_unit:
        blocks.append(
            table(
                "按承办单位分类",
                ["承办单位", *HANDLING_COLUMNS],
                _handling_rows(ctx, stats.by_unit, "unit", _("Lead unit"), "unit"),
            )
        )
    if stats.with_current_answer:
        blocks.append(
            table(
                "答复类别",
                ["类别", "件数", "占比"],
                [
                    [
                        quote(
                            ctx,
                            f"proposals.category.{row.key or 'none'}.name",
                            row.label,
                            _("Category"),
                        ),
                        count,
                        share + "%",
                    ]
                    for row, count, share in categories
                ],
            )
        )
        blocks.append(
            bars(
                "答复类别分布",
                [
                    (row.key or in_report_language(row.label), row.count)
                    for row, _c, _s in categories
                ],
                unit="件",
            )
        )
    if stats.rated:
        blocks.append(
            table(
                "满意度测评",
                ["评价", "办理态度（件）", "占比", "办理结果（件）", "占比"],
                [
                    [
                        in_report_language(row.label),
                        _count(
                            ctx,
                            f"satisfaction.{row.key}.attitude",
                            row.attitude,
                            row.label,
                            stats_url,
                        ),
                        _count(
                            ctx,
                            f"satisfaction.{row.key}.attitude_share",
                            _rate(row.attitude_share),
                            _("Share"),
                            stats_url,
                        )
                        + "%",
                        _count(
                            ctx, f"satisfaction.{row.key}.result", row.result, row.label, stats_url
                        ),
                        _count(
                            ctx,
                            f"satisfaction.{row.key}.result_share",
                            _rate(row.result_share),
                            _("Share"),
                            stats_url,
                        )
                        + "%",
                    ]
                    for row in stats.satisfaction
                ],
                note=in_report_language(SATISFACTION_DEFINITION),
            )
        )
    return SectionDraft(body="\n".join(paragraphs), blocks=blocks)


def write_key_proposals(ctx: DraftContext) -> SectionDraft:
    items = key_proposals_of_year(township=ctx.township, year=ctx.year)
    if not items:
        return SectionDraft(body="本年度未确定重点建议。")
    paragraphs = [
        f"{ctx.town}人大主席团对重点建议实行主席团成员领衔督办，跟踪办理进度，督促承办单位提高办理质量。"
        "各件重点建议办理情况如下："
    ]
    for n, item in enumerate(items, start=1):
        url = reverse("proposals:detail", args=[item.pk])
        title = quote(ctx, f"proposals.key_item.{item.pk}.title", item.title, _("Title"), url)
        deputy = quote(
            ctx, f"proposals.key_item.{item.pk}.deputy", item.deputy, _("lead deputy"), url
        )
        who = f"{deputy}代表" if item.by_deputy else deputy
        text = f"（{chinese_numeral(n)}）《{title}》。由{who}领衔提出，"
        if item.unit:
            unit = quote(ctx, f"proposals.key_item.{item.pk}.unit", item.unit, _("Lead unit"), url)
            text += f"交{unit}主办，"
        else:
            text += "尚未交办，"
        if item.category_code:
            code = quote(
                ctx,
                f"proposals.key_item.{item.pk}.category",
                item.category_code,
                _("Category"),
                url,
            )
            text += f"答复类别为{code}类"
            text += f"（{item.category_label}），" if item.category_label else "，"
        else:
            text += "尚未答复，"
        text += f"目前办理状态为{in_report_language(item.status_label)}。"
        paragraphs.append(text)
    return SectionDraft(body="\n".join(paragraphs))


def write_practices(ctx: DraftContext) -> SectionDraft:
    return SectionDraft(
        body=(
            "一是规范交办。对代表提出的建议逐件登记、分类，明确主办和协办单位，召开交办会集中交办，"
            "做到件件有着落。\n"
            "二是跟踪督办。主席团成员领衔督办重点建议，定期了解办理进度，对临近期限的建议及时提醒，"
            "推动承办单位按期答复。\n"
            "三是注重沟通。督促承办单位在办理过程中与代表面对面沟通，答复后征求代表对办理态度和"
            "办理结果的意见，对不满意的建议重新办理。"
        )
    )


def write_next_steps(ctx: DraftContext) -> SectionDraft:
    return SectionDraft(
        body=(
            "办理工作仍存在一些不足：个别建议答复重程序、轻落实，部分涉及资金和规划的建议受条件所限，"
            "一时难以解决；跟踪问效的机制还需完善。\n"
            f"下一步，{ctx.town}人大主席团将进一步提高建议质量，完善交办、督办、评价各环节，"
            "对列入计划逐步解决的建议持续跟踪，确保件件有回音、事事有着落。"
        )
    )


PROPOSALS_REPORT = DocumentSpec(
    kind="proposals",
    title=lambda ctx: f"关于{ctx.year}年代表建议办理情况的报告",
    addressee=lambda ctx: "县人大常委会",
    issuer=lambda ctx: f"{ctx.township.name}人大主席团",
    sections=[
        SectionSpec("overview", "基本情况", write_overview),
        SectionSpec("key_proposals", "重点建议办理情况", write_key_proposals),
        SectionSpec("practices", "主要做法", write_practices),
        SectionSpec("next_steps", "存在问题和下一步打算", write_next_steps),
    ],
)
