"""九、 the presidium's own work and next year's work plan."""

from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from congress.numerals import chinese_numeral
from oversight.selectors.plans import plan_for_year

from ..base import (
    DraftContext,
    SectionDraft,
    quote,
    table,
)
from .common import month_token, ordinal

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
            f"坚持人大代表评议制度。为加强人大代表对驻{ctx.town}站所和政府相关部门的有效监督，"
            + "；".join(parts)
            + "。"
        )
    items.append(
        f"进一步规范人大工作制度。制订和完善{ctx.town}人大主席团议事规则、主席团工作职责、主席团成员联系代表、"
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
        text = (
            f"进一步做好人大宣传工作。{ctx.town}人大积极向县人大信息网投发稿件，"
            f"全年已投稿{submitted}篇"
        )
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
        f"{year}年，{ctx.town}人大主席团将继续在{ctx.town}党委的领导下，履行宪法和法律赋予的各项职责，"
        "着力提高人大主席团依法履职能力，切实加强代表工作和自身建设，进一步提高人大工作水平。"
    ]
    for line in lines:
        key = f"plan.{line.pk}"
        title = quote(ctx, f"{key}.title", line.title.rstrip("。"), __("Work plan item"), url)
        text = quote(ctx, f"{key}.text", line.text, __("Work plan item"), url)
        paragraphs.append(f"{chinese_numeral(line.number)}、{title}。{text}")
    return SectionDraft(body="\n".join(paragraphs))
