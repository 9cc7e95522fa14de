"""The problem pages: thin views over oversight.services.problems and
oversight.selectors.problems. The workflow says which moves a user is offered."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from congress.files import protected_file_response
from congress.pagination import BoundedPaginator
from congress.validators import IMAGE_EXTENSIONS, extension_of
from congress.views_mixins import (
    CreateOnceMixin,
    FilterFormListMixin,
    MoveStep,
    ServiceFormMixin,
    TownshipMixin,
    WorkflowMoveView,
)

from ..forms import problems as forms
from ..selectors.problems import (
    evidence_get_for_user,
    problem_action_for_user,
    problem_default_deadline,
    problem_detail_for_user,
    problem_get_for_user,
    problem_list_for_user,
    problems_for_agenda,
    sessions_in_preparation,
)
from ..services import problems as services
from ..workflow import PROBLEM_WORKFLOW, ProblemStatus


def _begin(view, problem, data):
    return services.problem_begin(problem=problem, by=view.request.user, note=data["note"])


def _send_back(view, problem, data):
    return services.problem_send_back(
        problem=problem,
        by=view.request.user,
        note=data["note"],
        at=services.day_moment(data.get("sent_back_on")),
    )


def _verify(view, problem, data):
    return services.problem_verify(
        problem=problem,
        by=view.request.user,
        verified_on=data["verified_on"],
        verifiers=list(data["verifiers"]),
        note=data["note"],
    )


# The moves the move page makes, each with its form and service; "report" has its own page
# (files).
MOVES = {
    "begin": MoveStep(forms.NoteForm, _begin),
    "send_back": MoveStep(forms.NoteForm, _send_back),
    "verify": MoveStep(forms.VerifyForm, _verify),
}
REPORT = "report"
NOT_PENDING = gettext_lazy(
    "Only a problem still to be rectified can be changed; this one is %(status)s."
)


def move_url(problem, move) -> str:
    if move.name == REPORT:
        return reverse("oversight:problem_report", args=[problem.pk])
    return reverse("oversight:problem_move", args=[problem.pk, move.name])


class ProblemListView(PermissionRequiredMixin, FilterFormListMixin, ListView):
    """Every problem the user may read, filtered; a unit sees its own only."""

    permission_required = "oversight.view_problem"
    template_name = "oversight/problems/problem_list.html"
    context_object_name = "problems"
    paginate_by = 50
    paginator_class = BoundedPaginator

    filter_form_class = forms.ProblemFilterForm

    def get_filter_form_kwargs(self):
        return {"user": self.request.user}

    list_for_user = staticmethod(problem_list_for_user)


class ProblemCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """Staff record the problems an action found, one after another ("save and add
    another" comes back to this page with the unit and deadline kept)."""

    permission_required = "oversight.add_problem"
    template_name = "oversight/problems/problem_form.html"
    form_class = forms.ProblemForm
    ANOTHER = "another"

    @cached_property
    def action(self):
        return problem_action_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_initial(self):
        initial = {"deadline": problem_default_deadline(action=self.action)}
        for name in ("unit", "deadline"):  # kept from the problem just added
            if value := self.request.GET.get(name):
                initial[name] = value
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.action.township}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action": self.action,
            "added": problem_list_for_user(user=self.request.user, action=self.action),
        }

    def perform(self, form):
        return services.problem_add(action=self.action, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, problem):
        return _("Problem recorded: %(problem)s, to %(unit)s by %(deadline)s.") % {
            "problem": problem,
            "unit": problem.unit.name,
            "deadline": problem.deadline.isoformat(),
        }

    def get_success_url(self, problem):
        if self.ANOTHER in self.request.POST:
            url = reverse("oversight:problem_add", args=[self.action.pk])
            return f"{url}?unit={problem.unit_id}&deadline={problem.deadline.isoformat()}"
        return reverse("oversight:problem_detail", args=[problem.pk])


class ProblemDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "oversight.view_problem"
    template_name = "oversight/problems/problem_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        problem = problem_detail_for_user(user=user, pk=self.kwargs["pk"])
        moves = [
            {
                "move": move,
                "url": move_url(problem, move),
                "form": MOVES[move.name].form(move=move, problem=problem)
                if move.name in MOVES
                else None,
            }
            for move in PROBLEM_WORKFLOW.moves_for(user=user, record=problem)
        ]
        days_left = (problem.deadline - timezone.localdate()).days
        return {
            **super().get_context_data(**kwargs),
            "problem": problem,
            "found_on": services.found_on(problem),
            "days_left": days_left,
            "days_overdue": -days_left,
            "moves": moves,
            "can_edit": problem.status == ProblemStatus.PENDING
            and user.has_perm("oversight.change_problem"),
        }


class ProblemEditView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Staff correct a problem while it is still to be rectified."""

    permission_required = "oversight.change_problem"
    template_name = "oversight/problems/problem_form.html"
    form_class = forms.ProblemForm
    success_message = _("Problem saved.")

    @cached_property
    def problem(self):
        return problem_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        allowed = request.user.is_authenticated and self.has_permission()
        if allowed and self.problem.status != ProblemStatus.PENDING:
            messages.error(request, NOT_PENDING % {"status": self.problem.get_status_display()})
            return redirect("oversight:problem_detail", self.problem.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.problem.township,
            "instance": self.problem,
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action": self.problem.action,
            "problem": self.problem,
        }

    def perform(self, form):
        return services.problem_update(
            problem=self.problem, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, problem):
        return reverse("oversight:problem_detail", args=[problem.pk])


class ProblemMoveView(PermissionRequiredMixin, WorkflowMoveView):
    """One move of the rectification workflow (begin, send back, verify) that this user may
    make on this problem, with the form it needs."""

    permission_required = "oversight.view_problem"
    template_name = "oversight/problems/problem_move.html"
    workflow = PROBLEM_WORKFLOW
    moves = MOVES
    move_kwarg = "problem_move"
    context_object_name = "problem"

    def get_record(self):
        return problem_get_for_user(user=self.request.user, pk=self.kwargs[self.record_kwarg])

    def get_move_form_kwargs(self):
        return {"problem": self.record}

    def get_success_message(self, problem):
        return _("The problem is now %(status)s.") % {"status": problem.get_status_display()}

    def get_success_url(self, problem):
        return reverse("oversight:problem_detail", args=[problem.pk])


class ProblemReportView(PermissionRequiredMixin, CreateOnceMixin, FormView):
    """The unit reports a problem rectified, with photos or documents; staff enter a paper
    report the same way."""

    permission_required = "oversight.rectify_problem"
    template_name = "oversight/problems/problem_report.html"
    form_class = forms.ReportForm

    @cached_property
    def problem(self):
        return problem_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.problem  # noqa: B018 - 404 for a problem the user may not read
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        move = PROBLEM_WORKFLOW.move(REPORT)
        return {
            **super().get_context_data(**kwargs),
            "problem": self.problem,
            "move": move,
            "may_report": PROBLEM_WORKFLOW.may(
                user=self.request.user, record=self.problem, move=move
            ),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.problem_report(
            problem=self.problem,
            by=self.request.user,
            text=data["text"],
            rectified_on=data["rectified_on"],
            files=data["files"],
        )

    def get_success_message(self, report):
        return _("Rectification reported; it now waits for verification.")

    def get_success_url(self, report):
        return reverse("oversight:problem_detail", args=[self.problem.pk])


class EvidenceView(PermissionRequiredMixin, View):
    """A file of a rectification report, for whoever may read the problem: a photo shown in
    the page, a document downloaded."""

    permission_required = "oversight.view_problem"

    def get(self, request, pk):
        evidence = evidence_get_for_user(user=request.user, pk=pk)
        name = str(evidence)
        return protected_file_response(
            evidence.file, filename=name, inline=extension_of(name) in IMAGE_EXTENSIONS
        )


class ProblemsToAgendaView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    """Staff put open problems on a congress session in preparation, as one rectification
    report on its agenda."""

    permission_required = ("oversight.change_problem", "congress_sessions.add_agendaitem")
    template_name = "oversight/problems/problems_to_agenda.html"
    form_class = forms.ToAgendaForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "sessions": sessions_in_preparation(township=self.township),
            "problems": problems_for_agenda(user=self.request.user),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.problems_to_agenda(
            township=self.township,
            session=data["session"],
            problems=list(data["problems"]),
            by=self.request.user,
            title=data["title"],
            presenter=data["presenter"],
        )

    def get_success_message(self, item):
        return _("%(n)s problems put on the agenda of %(session)s under “%(item)s”.") % {
            "n": item.problems.count(),
            "session": item.session,
            "item": item.title,
        }

    def get_success_url(self, item):
        return reverse("sessions:detail", args=[item.session_id])
