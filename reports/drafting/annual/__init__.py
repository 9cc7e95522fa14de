"""The presidium's annual work report (人大主席团工作报告), section by section, in the order of
the 2024 report: an opening, 一、 to 九、, and next year's work plan. Each writer reads the
year through the DraftContext and quotes every figure as a token: counts, dates, votes, and
any words of a record that hold a number (a report's title "2023年财政收支情况…"), so that no
digit of the generated text is typed by hand."""

from django.utils.translation import gettext_lazy as _

from ..base import DocumentSpec, SectionSpec
from .deputies import write_between_sessions, write_central_work, write_training
from .oversight import write_campaigns, write_elections, write_oversight
from .presidium import write_plan, write_presidium
from .proposals import write_proposals
from .sessions import write_opening, write_sessions

ANNUAL_REPORT = DocumentSpec(
    kind="annual",
    title=lambda ctx: f"{ctx.township.name}人大主席团{ctx.year}年工作报告",
    addressee=lambda ctx: "县人大常委会",
    issuer=lambda ctx: f"{ctx.township.name}人大主席团",
    sections=[
        SectionSpec("opening", _("Opening"), write_opening, heading="none"),
        SectionSpec("sessions", "精心组织，依法开好{town}人代会", write_sessions),
        SectionSpec("training", "加强学习培训，提高代表履职能力", write_training),
        SectionSpec(
            "between_sessions", "开展闭会期间活动，发挥代表参政议政作用", write_between_sessions
        ),
        SectionSpec("oversight", "加大工作监督力度，推动政府工作开展", write_oversight),
        SectionSpec("proposals", "抓好代表议案督办，提高办理工作质量", write_proposals),
        SectionSpec("central_work", "发挥代表表率作用，助推全{town}中心工作", write_central_work),
        SectionSpec("campaigns", "开展代表主题活动，力促整改措施落实", write_campaigns),
        SectionSpec("elections", "助力村级组织换届，把好选举监督关口", write_elections),
        SectionSpec("presidium", "完善人大工作制度，有序推进高效高能", write_presidium),
        SectionSpec("plan", "{next_year}年人大工作思路", write_plan, heading="plain"),
    ],
)
