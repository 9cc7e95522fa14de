"""What the work report pages share: the download's file name, a version's address, the
refusal shown when a non-draft is to be changed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from ..drafting.base import in_report_language
from ..models import ReportVersion

NOT_A_DRAFT = gettext_lazy("Only a draft can be changed: this version is %(state)s.")
EDIT = "reports.change_reportversion"


def version_filename(version: ReportVersion) -> str:
    """练溪镇2024年人大主席团工作报告（第1版）.pdf: the document's name in its own language."""
    report = version.report
    kind = in_report_language(report.get_kind_display())
    return f"{report.township.name}{report.year}年{kind}（第{version.number}版）.pdf"


def version_url(version_or_pk) -> str:
    pk = getattr(version_or_pk, "pk", version_or_pk)
    return reverse("reports:version", args=[pk])


class DraftOnlyMixin:
    """Pages that change a draft: a version under review or final sends the user back to its
    page with a message (the services refuse the change anyway)."""

    def draft_version(self) -> ReportVersion:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            version = self.draft_version()  # 404 for a version the user may not read
            if not version.is_editable:
                messages.error(request, NOT_A_DRAFT % {"state": version.get_state_display()})
                return redirect(version_url(version))
        return super().dispatch(request, *args, **kwargs)
