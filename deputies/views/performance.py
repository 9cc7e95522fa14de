from urllib.parse import quote

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from congress.excel import XLSX_CONTENT_TYPE, write_table
from congress.views_mixins import ServiceFormMixin, TownshipMixin, YearMixin

from ..forms import PerformanceRulesForm
from ..selectors import (
    performance_for_year,
    performance_ranking,
    performance_rules_for,
    year_is_complete,
)
from ..services import performance_rules_save

PAGE_SIZE = 100


class RankingView(PermissionRequiredMixin, TownshipMixin, YearMixin, TemplateView):
    permission_required = "deputies.view_private"
    template_name = "deputies/ranking.html"

    def get_context_data(self, **kwargs):
        rows = performance_ranking(township=self.township, year=self.year)
        page = rows.page(self.request.GET.get("page"), per_page=PAGE_SIZE)
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "page_obj": page,
            "rows": page.object_list,
            "is_paginated": page.has_other_pages(),
            "paginator": page.paginator,
            "query": f"year={self.year}",
            "rules": rows.rules,
            "year_complete": rows.year_complete,
        }


class RankingExportView(PermissionRequiredMixin, TownshipMixin, YearMixin, View):
    permission_required = "deputies.view_private"

    def get(self, request):
        rows = performance_for_year(township=self.township, year=self.year)
        header = [
            _("Rank"),
            _("Name"),
            _("Sessions attended"),
            _("Sessions on leave"),
            _("Sessions missed"),
            _("Trainings"),
            _("Inspections and surveys"),
            _("Other activities"),
            _("Proposals"),
            _("Voter contacts"),
            _("Reports to voters"),
            _("Points") if year_is_complete(self.year) else _("Points so far"),
            _("Grade"),
        ]
        body = [
            [
                r.rank,
                r.deputy.name,
                r.sessions_attended,
                r.sessions_on_leave,
                r.sessions_absent,
                r.trainings,
                r.inspections,
                r.other_activities,
                r.proposals,
                r.voter_contacts,
                r.reports_to_voters,
                float(r.points),
                str(r.grade_label),
            ]
            for r in rows
        ]
        title = _("Performance %(year)s") % {"year": self.year}
        response = HttpResponse(
            write_table(header, body, title=title), content_type=XLSX_CONTENT_TYPE
        )
        filename = _("deputy-performance-%(year)s.xlsx") % {"year": self.year}
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class PerformanceRulesView(PermissionRequiredMixin, TownshipMixin, ServiceFormMixin, FormView):
    permission_required = "deputies.change_performancerules"
    template_name = "deputies/performance_rules.html"
    form_class = PerformanceRulesForm
    success_message = ""

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": performance_rules_for(self.township),
        }

    def perform(self, form):
        return performance_rules_save(township=self.township, **form.cleaned_data)

    def get_success_message(self, rules):
        return _("Points and thresholds saved.")

    def get_success_url(self, rules):
        return reverse("deputies:ranking")
