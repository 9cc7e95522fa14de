from django.urls import path

from ..views import actions

urlpatterns = [
    path("", actions.ActionListView.as_view(), name="list"),
]
