"""Letters and visits (信访) pages, staff only. The person's identity is shown only to staff
holding petitions.view_petitioner: to everyone else every page and the export say
（身份信息已隐藏）, and the edit form leaves the identity out."""

from urllib.parse import quote

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import DetailView, FormView, ListView

from congress.excel import XLSX_CONTENT_TYPE, write_table
from congress.pagination import BoundedPaginator
from congress.views_mixins import (
    CreateOnceMixin,
    FilterFormListMixin,
    MoveStep,
    ServiceFormMixin,
    TownshipMixin,
    WorkflowMoveView,
)

from .forms import (
    PetitionFilterForm,
    PetitionForm,
    PetitionMoveForm,
    PetitionPolicyForm,
    PetitionReplyForm,
)
from .selectors import (
    HIDDEN_IDENTITY,
    may_see_petitioner,
    petition_detail,
    petition_get_for_user,
    petition_list_for_user,
    petition_policy_for,
)
from .services import (
    petition_move,
    petition_policy_update,
    petition_receive,
    petition_reply,
    petition_update,
)
from .workflow import PETITION_WORKFLOW


def _detail_url(petition) -> str:
    return reverse("petitions:detail", args=[petition.pk])


class IdentityMixin:
    """Whether this user may see who wrote or visited, for the template and the forms."""

    @cached_property
    def identity(self) -> bool:
        return may_see_petitioner(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "identity": self.identity}


class PetitionMixin(IdentityMixin):
    @cached_property
    def petition(self):
        return petition_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "petition": self.petition}

    def get_success_url(self, result):
        return _detail_url(self.petition)


class PetitionListView(PermissionRequiredMixin, IdentityMixin, FilterFormListMixin, ListView):
    """Letters and visits, newest first, with filters and search; `?format=xlsx` exports the
    rows the filters select."""

    permission_required = "petitions.view_petition"
    template_name = "petitions/petition_list.html"
    context_object_name = "petitions"
    paginate_by = 50
    paginator_class = BoundedPaginator

    filter_form_class = PetitionFilterForm
    query_ignored = ("page", "format")
    rows_when_invalid = True

    def get_filter_form_kwargs(self):
        return {"identity": self.identity}

    list_for_user = staticmethod(petition_list_for_user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self) -> HttpResponse:
        header = [
            _("Received on"),
            _("Channel"),
            pgettext("petition", "Name"),
            _("Contact"),
            _("Address"),
            _("Number of people"),
            pgettext("petition", "Category"),
            pgettext("petition", "Subject"),
            _("Content"),
            _("Handling unit"),
            _("State"),
            _("Accept by"),
            _("Conclude by"),
            _("Result"),
        ]
        hidden = str(HIDDEN_IDENTITY)
        rows = [
            [
                p.received_on,
                p.get_channel_display(),
                p.name if self.identity else hidden,
                p.contact if self.identity else hidden,
                p.address if self.identity else hidden,
                p.people,
                p.get_category_display(),
                p.subject,
                p.content,
                p.unit.name if p.unit else "",
                p.get_status_display(),
                p.accept_by,
                p.conclude_by,
                p.result,
            ]
            for p in self.get_queryset()
        ]
        response = HttpResponse(
            write_table(header, rows, title=_("Letters and visits")),
            content_type=XLSX_CONTENT_TYPE,
        )
        filename = _("letters-and-visits.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class PetitionCreateView(
    PermissionRequiredMixin, TownshipMixin, IdentityMixin, CreateOnceMixin, FormView
):
    """Register a letter, visit, call or online message: by staff who may see who wrote or
    visited, since the person is recorded with it."""

    permission_required = ("petitions.add_petition", "petitions.view_petitioner")
    template_name = "petitions/petition_form.html"
    form_class = PetitionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.township, "identity": True}

    def perform(self, form):
        return petition_receive(township=self.township, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, petition):
        return _("Registered. Decide whether to accept it by %(day)s.") % {
            "day": petition.accept_by.isoformat()
        }

    def get_success_url(self, petition):
        return _detail_url(petition)


class PetitionDetailView(PermissionRequiredMixin, PetitionMixin, DetailView):
    permission_required = "petitions.view_petition"
    template_name = "petitions/petition_detail.html"

    def get_object(self, queryset=None):
        return self.petition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, petition = self.request.user, self.petition
        context.update(petition_detail(petition=petition))
        context["moves"] = [
            {
                "move": move,
                "form": PetitionMoveForm(move=move),
                "url": reverse("petitions:move", args=[petition.pk, move.name]),
            }
            for move in PetitionMoveView.moves_for(user=user, record=petition)
        ]
        if user.has_perm("petitions.change_petition"):
            context["reply_form"] = PetitionReplyForm()
        return context


class PetitionEditView(PermissionRequiredMixin, PetitionMixin, ServiceFormMixin, FormView):
    permission_required = "petitions.change_petition"
    template_name = "petitions/petition_form.html"
    form_class = PetitionForm
    success_message = _("Saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            # A copy: the form writes into its instance, the service reads the stored row.
            "instance": petition_get_for_user(user=self.request.user, pk=self.petition.pk),
            "township": self.petition.township,
            "identity": self.identity,
        }

    def perform(self, form):
        return petition_update(petition=self.petition, by=self.request.user, **form.cleaned_data)


def _petition_move(view, petition, data):
    return petition_move(petition=petition, by=view.request.user, move=view.move.name, **data)


# Every move of a petition's course takes the same form and the same service.
MOVES = {move.name: MoveStep(PetitionMoveForm, _petition_move) for move in PETITION_WORKFLOW.moves}


class PetitionMoveView(PermissionRequiredMixin, PetitionMixin, WorkflowMoveView):
    """One step of the course: accept, do not accept, conclude, reopen."""

    permission_required = "petitions.change_petition"
    template_name = "petitions/petition_move.html"
    workflow = PETITION_WORKFLOW
    moves = MOVES
    move_kwarg = "petition_move"
    context_object_name = "petition"

    def get_record(self):
        return self.petition

    def get_success_message(self, petition):
        return _("It is now %(status)s.") % {"status": petition.get_status_display()}


class PetitionReplyView(PermissionRequiredMixin, PetitionMixin, ServiceFormMixin, FormView):
    """Record the handling unit's answer, or the reply sent to the person."""

    permission_required = "petitions.change_petition"
    template_name = "petitions/petition_reply.html"
    form_class = PetitionReplyForm
    success_message = _("Reply recorded.")

    def perform(self, form):
        return petition_reply(petition=self.petition, by=self.request.user, **form.cleaned_data)


class PetitionPolicyView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    """The township's deadlines for letters and visits, in calendar days."""

    permission_required = "petitions.change_petitionpolicy"
    template_name = "petitions/petition_policy.html"
    form_class = PetitionPolicyForm
    success_message = _("Deadlines saved. Letters and visits already received keep theirs.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": petition_policy_for(township=self.township),
        }

    def perform(self, form):
        return petition_policy_update(
            township=self.township, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, policy):
        return reverse("petitions:list")
