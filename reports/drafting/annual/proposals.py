"""五、 proposal handling."""

from django.urls import reverse
from django.utils.translation import gettext as __

from proposals.selectors.report import assignment_meetings_of_year, key_proposals_of_year

from ..base import (
    DraftContext,
    SectionDraft,
    quote,
    table,
)
from ..proposals import satisfaction_sentence
from .common import _sessions, date_token, session_name

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
        source = f"针对{ctx.town}{session_name(session.term, session.number)}期间代表提出的"
    else:
        source = "针对全年代表提出的"
    key_part = f"（其中{key_count}件确定为重点议案）" if stats.totals.key_proposals else ""
    text = f"{source}{total}件议案、建议和意见{key_part}，{ctx.town}人大专门进行了规范整理和登记"
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
    if stats.rated:
        text += satisfaction_sentence(ctx, stats, f"{reverse('proposals:stats')}?year={ctx.year}")
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
            + f"，{ctx.town}人大对重点议案提出具体可行性要求，力抓督促检查，"
            + "确保提高办理工作进度和质量。"
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
