"""The oversight pages, one module of routes per area."""

from . import actions, elections, evaluations, petitions, plans, problems, publicity

app_name = "oversight"
urlpatterns = [
    *actions.urlpatterns,
    *problems.urlpatterns,
    *evaluations.urlpatterns,
    *petitions.urlpatterns,
    *plans.urlpatterns,
    *elections.urlpatterns,
    *publicity.urlpatterns,
]
