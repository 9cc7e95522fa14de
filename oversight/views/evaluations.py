"""Work evaluation pages: thin views over oversight.services.evaluations and its selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from congress.pagination import BoundedPaginator
from congress.views_mixins import CreateOnceMixin, ServiceFormMixin, YearMixin

from ..forms.evaluations import EvaluationForm, RatingsForm, RespondForm
from ..selectors.evaluations import (
    evaluation_action_get_for_user,
    evaluation_get_for_user,
    evaluation_list_for_user,
    evaluation_rating_rows,
    evaluation_ratings_for_user,
    evaluation_result,
    may_read_who_rated,
)
from ..services.evaluations import (
    evaluation_ratings_set,
    evaluation_respond,
    evaluation_start,
    evaluation_update,
    may_respond,
)


def _detail_url(evaluation) -> str:
    return reverse("oversight:evaluation_detail", args=[evaluation.pk])


class EvaluationListView(PermissionRequiredMixin, YearMixin, ListView):
    """The year's evaluations: unit, date, the ratings counted, satisfaction."""

    permission_required = "oversight.view_workevaluation"
    template_name = "oversight/evaluations/evaluation_list.html"
    context_object_name = "evaluations"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return evaluation_list_for_user(user=self.request.user, year=self.year)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "query": f"year={self.year}",
        }


class EvaluationMixin:
    @cached_property
    def evaluation(self):
        return evaluation_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "evaluation": self.evaluation}

    def get_success_url(self, result):
        return _detail_url(self.evaluation)


class EvaluationStartView(PermissionRequiredMixin, CreateOnceMixin, FormView):
    """Start the evaluation an action of kind 工作评议 holds; if it holds one already, that
    one is where the page leads."""

    permission_required = "oversight.add_workevaluation"
    template_name = "oversight/evaluations/evaluation_form.html"
    form_class = EvaluationForm

    @cached_property
    def action(self):
        return evaluation_action_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _existing(self):
        evaluation = getattr(self.action, "evaluation", None)
        if evaluation is None:
            return None
        messages.info(self.request, _("This oversight action already holds its evaluation."))
        return redirect(_detail_url(evaluation))

    def get(self, request, *args, **kwargs):
        return self._existing() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._existing() or super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"unit": self.action.unit_id}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.action.township_id}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}

    def perform(self, form):
        return evaluation_start(action=self.action, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, evaluation):
        return _("Evaluation of %(unit)s started: record the deputies' ratings.") % {
            "unit": evaluation.unit.name
        }

    def get_success_url(self, evaluation):
        return _detail_url(evaluation)


class EvaluationDetailView(PermissionRequiredMixin, DetailView):
    """The evaluation: the result counted, the conclusion, the unit's response. Who rated what
    only for staff and members; a deputy sees their own rating, the unit none."""

    # Whoever reads oversight actions may come here; the selector decides which evaluations.
    permission_required = "oversight.view_oversightaction"
    template_name = "oversight/evaluations/evaluation_detail.html"
    context_object_name = "evaluation"

    def get_object(self, queryset=None):
        return evaluation_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, evaluation = self.request.user, self.object
        context.update(
            result=evaluation_result(evaluation),
            ratings=list(evaluation_ratings_for_user(evaluation=evaluation, user=user)),
            who_rated=may_read_who_rated(user),
        )
        if may_respond(user=user, evaluation=evaluation):
            context["respond_form"] = RespondForm(
                initial={
                    "response": evaluation.response,
                    "improvements": evaluation.improvements,
                    "responded_on": evaluation.responded_on or timezone.localdate(),
                }
            )
        return context


class EvaluationEditView(PermissionRequiredMixin, EvaluationMixin, ServiceFormMixin, FormView):
    permission_required = "oversight.change_workevaluation"
    template_name = "oversight/evaluations/evaluation_form.html"
    form_class = EvaluationForm

    def get_initial(self):
        return {"unit": self.evaluation.unit_id, "conclusion": self.evaluation.conclusion}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "township": self.evaluation.action.township_id,
            "current_unit": self.evaluation.unit,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.evaluation.action}

    def perform(self, form):
        return evaluation_update(
            evaluation=self.evaluation, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, evaluation):
        return _("Evaluation saved.")


class EvaluationRatingsView(PermissionRequiredMixin, EvaluationMixin, ServiceFormMixin, FormView):
    """The ratings grid: one row per deputy present at the meeting."""

    permission_required = "oversight.change_evaluationrating"
    template_name = "oversight/evaluations/evaluation_ratings.html"

    def get_form(self, form_class=None):
        rows = evaluation_rating_rows(evaluation=self.evaluation)
        data = self.request.POST if self.request.method == "POST" else None
        return RatingsForm(data, rows=rows)

    def perform(self, form):
        return evaluation_ratings_set(
            evaluation=self.evaluation, by=self.request.user, ratings=form.ratings()
        )

    def get_success_message(self, saved):
        return _("Ratings saved: %(n)s changed.") % {"n": len(saved)}


class EvaluationRespondView(PermissionRequiredMixin, EvaluationMixin, ServiceFormMixin, FormView):
    """The evaluated unit's response and improvements (its people, or staff from paper)."""

    permission_required = "oversight.respond_workevaluation"
    template_name = "oversight/evaluations/evaluation_respond.html"
    form_class = RespondForm

    def get_initial(self):
        evaluation = self.evaluation
        return {
            "response": evaluation.response,
            "improvements": evaluation.improvements,
            "responded_on": evaluation.responded_on or timezone.localdate(),
        }

    def perform(self, form):
        return evaluation_respond(
            evaluation=self.evaluation, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, evaluation):
        return _("The unit's response is recorded.")
