"""A session's agenda and the documents of each item."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from congress.files import protected_file_response
from congress.views_mixins import ServiceFormMixin

from .. import forms, selectors, services
from .common import SessionActionView


class AgendaItemAddView(SessionActionView):
    permission_required = "congress_sessions.add_agendaitem"
    success_message = gettext_lazy("Agenda item added.")

    def target(self):
        return selectors.session_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, session):
        form = forms.AgendaItemForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        services.agenda_item_save(
            session=session,
            kind=data["kind"],
            title=data["title"],
            presenter=data["presenter"],
            outcome=data["outcome"],
            order=data["order"] or None,
        )


class AgendaItemEditView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "congress_sessions.change_agendaitem"
    template_name = "sessions/session_child_form.html"
    form_class = forms.AgendaItemForm
    success_message = _("Saved.")

    @cached_property
    def item(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "session": self.item.session,
            "title": _("Agenda item"),
        }

    def perform(self, form):
        return services.agenda_item_save(
            session=self.item.session, item=self.item, **form.cleaned_data
        )

    def get_success_url(self, item):
        return reverse("sessions:detail", args=[item.session_id])


class AgendaItemDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_agendaitem"
    success_message = gettext_lazy("Agenda item removed.")

    def target(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, item):
        services.agenda_item_delete(item=item)


class DocumentAddView(SessionActionView):
    permission_required = "congress_sessions.add_agendadocument"

    def target(self):
        return selectors.agenda_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, item):
        form = forms.DocumentForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Choose a file to upload."))
        return services.agenda_document_attach(
            item=item, upload=form.cleaned_data["file"], by=self.request.user
        )

    def get_success_message(self, document):
        return _("File %(name)s attached.") % {"name": document}


class DocumentView(PermissionRequiredMixin, View):
    """A document of an agenda item, for whoever may read the session."""

    permission_required = "congress_sessions.view_agendadocument"

    def get(self, request, pk):
        document = selectors.agenda_document_get_for_user(user=request.user, pk=pk)
        return protected_file_response(
            document.file,
            filename=str(document),
            inline=str(document).lower().endswith((".pdf", ".png", ".jpg", ".jpeg")),
        )


class DocumentDeleteView(SessionActionView):
    permission_required = "congress_sessions.delete_agendadocument"
    success_message = gettext_lazy("File removed.")

    def target(self):
        return selectors.agenda_document_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def act(self, document):
        services.agenda_document_delete(document=document)

    def get_success_url(self, document, result):
        return reverse("sessions:detail", args=[document.item.session_id])
