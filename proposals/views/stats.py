"""The proposal statistics page and its Excel export, for staff and presidium members."""

from urllib.parse import quote

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from congress.excel import XLSX_CONTENT_TYPE
from congress.views_mixins import TownshipMixin, YearMixin

from ..excel import statistics_workbook
from ..forms.stats import StatisticsFilterForm
from ..selectors.stats import SATISFACTION_DEFINITION, may_read_statistics, proposal_statistics
from ..selectors.tables import Rate, statistics_tables


class StatisticsMixin(PermissionRequiredMixin, TownshipMixin, YearMixin):
    """?year=2024&session=<id>: the year (when missing, the one last chosen, else the
    township's reporting year) and, if chosen, a session of the township; a wrong value shows
    the form's error and the whole year."""

    permission_required = "proposals.view_proposal"

    def has_permission(self):
        return may_read_statistics(self.request.user)

    @cached_property
    def filter_form(self) -> StatisticsFilterForm:
        data = self.request.GET.copy()
        year = self.year  # read first: so a valid ?year= is kept for the next page
        data["year"] = data.get("year") or year
        return StatisticsFilterForm(data, township=self.township)

    @cached_property
    def stats(self):
        form = self.filter_form
        form.is_valid()
        year = form.cleaned_data.get("year") or self.year
        session = form.cleaned_data.get("session")
        return proposal_statistics(township=self.township, year=year, session=session)

    def heading(self) -> str:
        stats = self.stats
        words = [self.township.name, _("Year %(year)s") % {"year": stats.year}]
        if stats.session is not None:
            words.append(str(stats.session))
        return " ".join(words)


class StatisticsView(StatisticsMixin, TemplateView):
    template_name = "proposals/proposal_statistics.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query["year"] = self.stats.year
        return {
            **super().get_context_data(**kwargs),
            "form": self.filter_form,
            "stats": self.stats,
            "tables": statistics_tables(self.stats),
            "heading": self.heading(),
            "headline": [
                (_("Proposals submitted"), self.stats.totals.total, ""),
                (_("On-time answer rate"), Rate(self.stats.totals.on_time_rate), ""),
                (
                    _("Satisfaction with the result"),
                    Rate(self.stats.satisfied_share("result")),
                    SATISFACTION_DEFINITION,
                ),
            ],
            "query": query.urlencode(),
        }


class StatisticsExportView(StatisticsMixin, View):
    def get(self, request):
        workbook = statistics_workbook(statistics_tables(self.stats), heading=self.heading())
        response = HttpResponse(workbook, content_type=XLSX_CONTENT_TYPE)
        filename = _("proposal-statistics-%(year)s.xlsx") % {"year": self.stats.year}
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response
