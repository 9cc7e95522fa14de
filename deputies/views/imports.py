from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from congress.excel import XLSX_CONTENT_TYPE as XLSX
from congress.files import protected_file_response
from congress.views_mixins import (
    CreateOnceMixin,
    ServiceActionView,
    TownshipMixin,
    messages_add_errors,
)

from ..excel import write_workbook
from ..selectors import roster_import_get_for_user, roster_workbook_options
from ..services.importing import (
    roster_import_apply,
    roster_import_discard,
    roster_import_plan,
    roster_import_upload,
)

PREVIEW_ROWS = 50


class ImportTemplateView(PermissionRequiredMixin, TownshipMixin, View):
    permission_required = "deputies.add_rosterimport"

    def get(self, request):
        notes = [
            _(
                "One row per mandate: a deputy who is both a county and a township deputy has two "
                "rows with the same name and birth month."
            ),
            _(
                "Columns with a coloured header are required. Choose values from the drop-down "
                "lists."
            ),
            _("Constituencies and deputy groups must exist in the system before the import."),
            _("Birth month as 1975-03; dates as 2021-12-30."),
            _(
                "A mandate that ended (resigned, recalled, terminated, transferred away) needs "
                "its end date and reason; a mandate in office has no end date."
            ),
            _("Importing the same file again updates the deputies instead of adding them twice."),
        ]
        options = roster_workbook_options(township=self.township)
        content = write_workbook([], title=_("Roster"), notes=notes, options=options)
        response = HttpResponse(content, content_type=XLSX)
        filename = _("roster-import-template.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("roster workbook (.xlsx)"))


class ImportUploadView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "deputies.add_rosterimport"
    template_name = "deputies/import_upload.html"
    form_class = UploadForm

    def perform(self, form):
        return roster_import_upload(
            township=self.township,
            upload=form.cleaned_data["file"],
            user=self.request.user,
        )

    def get_success_url(self, batch):
        return reverse("deputies:import_preview", args=[batch.pk])


class ImportPreviewView(PermissionRequiredMixin, View):
    """GET: every row as checked on upload, errors listed in Chinese. POST: import all rows
    or none."""

    permission_required = "deputies.add_rosterimport"

    def get_batch(self, request, pk):
        return roster_import_get_for_user(user=request.user, pk=pk)

    def get(self, request, pk):
        batch = self.get_batch(request, pk)
        plan = roster_import_plan(batch=batch)
        return render(
            request,
            "deputies/import_preview.html",
            {
                "batch": batch,
                "plan": plan,
                "preview_rows": plan.rows[:PREVIEW_ROWS],
                "more_rows": max(len(plan.rows) - PREVIEW_ROWS, 0),
            },
        )

    def post(self, request, pk):
        batch = self.get_batch(request, pk)
        try:
            plan = roster_import_apply(batch=batch, user=request.user)
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("deputies:import_preview", pk=batch.pk)
        if not plan.is_valid:
            messages.error(request, _("Some rows have errors; nothing was imported."))
            return redirect("deputies:import_preview", pk=batch.pk)
        batch.refresh_from_db()
        messages.success(request, _("Roster imported. %(summary)s") % {"summary": batch.summary})
        return redirect("deputies:list")


class ImportFileView(PermissionRequiredMixin, View):
    """The workbook as uploaded (names, phones, addresses): for staff of its township only."""

    permission_required = "deputies.view_rosterimport"

    def get(self, request, pk):
        batch = roster_import_get_for_user(user=request.user, pk=pk)
        return protected_file_response(batch.file, filename=batch.original_name)


class ImportDiscardView(PermissionRequiredMixin, ServiceActionView):
    """Drop an upload that will not be imported; its file is deleted."""

    permission_required = "deputies.add_rosterimport"

    def target(self):
        return roster_import_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, batch):
        roster_import_discard(batch=batch, by=self.request.user)
        return batch

    def get_success_message(self, batch):
        return _("The upload “%(name)s” was discarded.") % {"name": batch.original_name}

    def get_success_url(self, batch, result):
        return reverse("deputies:import")

    def get_error_url(self, batch):
        return reverse("deputies:import_preview", args=[batch.pk])
