"""The work plan (工作思路): the year's items in order, with what was done under each."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from congress.views_mixins import CreateOnceMixin, ServiceActionView, TownshipMixin

from ..forms.plans import PlanItemForm
from ..selectors.plans import default_plan_year, plan_for_user, plan_item_get_for_user
from ..services.plans import (
    DIRECTIONS,
    FIRST_PLAN_YEAR,
    plan_item_create,
    plan_item_move,
    plan_item_update,
)


def _plan_url(year: int) -> str:
    return f"{reverse('oversight:plan')}?year={year}"


class PlanYearMixin:
    """?year=2025; next year's plan from November, else this year's, when missing or
    nonsense (a plan is never for later than next year)."""

    @cached_property
    def year(self) -> int:
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return default_plan_year()
        latest = timezone.localdate().year + 1
        return year if FIRST_PLAN_YEAR <= year <= latest else default_plan_year()


class PlanView(PermissionRequiredMixin, PlanYearMixin, TemplateView):
    permission_required = "oversight.view_planitem"
    template_name = "oversight/plans/plan.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "later_year": self.year < timezone.localdate().year + 1,
            "lines": plan_for_user(user=self.request.user, year=self.year),
        }


class PlanItemCreateView(
    PermissionRequiredMixin, TownshipMixin, PlanYearMixin, CreateOnceMixin, FormView
):
    permission_required = "oversight.add_planitem"
    template_name = "oversight/plans/item_form.html"
    form_class = PlanItemForm

    def get_initial(self):
        return {"year": self.year}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Add a work plan item"),
            "cancel_url": _plan_url(self.year),
        }

    def perform(self, form):
        return plan_item_create(township=self.township, **form.cleaned_data)

    def get_success_message(self, item):
        return _("Work plan item “%(title)s” added.") % {"title": item.title}

    def get_success_url(self, item):
        return _plan_url(item.year)


class PlanItemMixin:
    @cached_property
    def item(self):
        return plan_item_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class PlanItemEditView(PermissionRequiredMixin, PlanItemMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.change_planitem"
    template_name = "oversight/plans/item_form.html"
    form_class = PlanItemForm
    submit_once = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Edit a work plan item"),
            "item": self.item,
            "cancel_url": _plan_url(self.item.year),
        }

    def perform(self, form):
        return plan_item_update(item=self.item, **form.cleaned_data)

    def get_success_message(self, item):
        return _("Saved.")

    def get_success_url(self, item):
        return _plan_url(item.year)


class PlanItemMoveView(PermissionRequiredMixin, PlanItemMixin, ServiceActionView):
    """A button beside an item: one place up or down, then back to the plan."""

    permission_required = "oversight.change_planitem"

    def target(self):
        if self.kwargs["direction"] not in DIRECTIONS:
            raise Http404
        return self.item

    def act(self, item):
        plan_item_move(item=item, direction=self.kwargs["direction"])

    def get_success_url(self, item, result):
        return _plan_url(item.year)
