from django.urls import path

from ..views import publicity

urlpatterns = [
    path("articles/", publicity.ArticleListView.as_view(), name="articles"),
    path("articles/new/", publicity.ArticleCreateView.as_view(), name="article_create"),
    path("articles/<int:pk>/edit/", publicity.ArticleEditView.as_view(), name="article_edit"),
]
