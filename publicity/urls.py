from django.urls import path

from . import views

app_name = "publicity"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("new/", views.ArticleCreateView.as_view(), name="create"),
    path("<int:pk>/edit/", views.ArticleEditView.as_view(), name="edit"),
]
