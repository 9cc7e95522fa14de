"""The oversight pages, one module of routes per area."""

from . import actions, elections, evaluations, plans, problems

app_name = "oversight"
urlpatterns = [
    *actions.urlpatterns,
    *problems.urlpatterns,
    *evaluations.urlpatterns,
    *plans.urlpatterns,
    *elections.urlpatterns,
]
