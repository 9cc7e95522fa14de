"""A work report version's course on the core's workflow engine: draft → under review by the
presidium → final, or back to draft from review with a reason. Only a draft is edited; a final
version is frozen and a new version starts from it (reports.services.version_start_next)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.workflow import Move, Workflow


class VersionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report", "Draft")  # 草稿
    REVIEW = "review", pgettext_lazy("report", "Under review by the presidium")  # 主席团审议中
    FINAL = "final", pgettext_lazy("report", "Final")  # 定稿


VERSION_WORKFLOW = Workflow(
    model="reports.ReportVersion",
    states=VersionState,
    initial=VersionState.DRAFT,
    history_model="reports.VersionStatusChange",
    history_field="version",
    field="state",
    moves=[
        Move(
            name="submit",
            label=_("Submit to the presidium for review"),
            sources=(VersionState.DRAFT,),
            target=VersionState.REVIEW,
            permission="reports.change_reportversion",
            todo=_("Report drafts to finish"),
        ),
        Move(
            name="return",
            label=_("Return to draft"),
            sources=(VersionState.REVIEW,),
            target=VersionState.DRAFT,
            permission="reports.approve_reportversion",
            note_required=True,
        ),
        Move(
            name="approve",
            label=_("Approve as final"),
            sources=(VersionState.REVIEW,),
            target=VersionState.FINAL,
            permission="reports.approve_reportversion",
            todo=_("Report versions to review"),
        ),
    ],
)
