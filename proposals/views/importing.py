"""Importing the term's earlier proposals and answers from Excel: the template, the upload (every
row checked, nothing saved), the preview with each row's errors, and importing all rows or none.

The rows read from the upload wait in the user's session between the preview and the import;
they are checked again when imported."""

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from congress.excel import XLSX_CONTENT_TYPE
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, TownshipMixin

from ..services.import_rows import ImportRow
from ..services.importing import (
    earlier_import_apply,
    earlier_import_check,
    earlier_import_read,
    earlier_import_template,
)
from ..workflow import Status

PERMISSION = "proposals.assign_proposal"
SESSION_KEY = "proposals.earlier_import"
PREVIEW_ROWS = 50


class EarlierImportTemplateView(PermissionRequiredMixin, TownshipMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        content = earlier_import_template(township=self.township)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        filename = _("earlier-proposals-template.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class EarlierImportUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("workbook of earlier proposals (.xlsx)"))


class EarlierImportUploadView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """Upload a workbook: its rows are read and checked, and kept for the preview."""

    permission_required = PERMISSION
    template_name = "proposals/import_upload.html"
    form_class = EarlierImportUploadForm

    def perform(self, form):
        upload = form.cleaned_data["file"]
        plan = earlier_import_read(township=self.township, upload=upload)
        self.request.session[SESSION_KEY] = {
            "township": self.township.pk,
            "name": upload.name[:200],
            "rows": [row.as_json() for row in plan.rows],
        }
        return plan

    def get_success_url(self, plan):
        return reverse("proposals:import_check")


class EarlierImportCheckView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """GET: every row checked against the township as it is now, errors named by row and
    column. POST: import all rows, or none when any has an error."""

    permission_required = PERMISSION
    template_name = "proposals/import_check.html"
    form_class = forms.Form

    @cached_property
    def stored(self) -> dict | None:
        stored = self.request.session.get(SESSION_KEY)
        if not stored or stored.get("township") != self.township.pk:
            return None
        return stored

    def rows(self) -> list[ImportRow]:
        return [ImportRow.from_json(row) for row in self.stored["rows"]]

    def dispatch(self, request, *args, **kwargs):
        # Only for a user who may import (the others get the permission's 403).
        if request.user.has_perm(PERMISSION) and self.stored is None:
            messages.info(request, _("Upload the workbook first."))
            return redirect("proposals:import")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        plan = earlier_import_check(township=self.township, rows=self.rows())
        return {
            **super().get_context_data(**kwargs),
            "name": self.stored["name"],
            "plan": plan,
            "stages": [
                (Status(stage).label, plan.count(stage))
                for stage in ("submitted", "registered", "assigned", "answered", "rated")
            ],
            "preview_rows": plan.rows[:PREVIEW_ROWS],
            "more_rows": max(len(plan.rows) - PREVIEW_ROWS, 0),
        }

    def perform(self, form):
        imported = earlier_import_apply(
            township=self.township, rows=self.rows(), by=self.request.user
        )
        self.request.session.pop(SESSION_KEY, None)
        return imported

    def get_success_message(self, imported):
        return _("%(n)s earlier proposals imported.") % {"n": len(imported)}

    def get_success_url(self, imported):
        return reverse("proposals:list")
