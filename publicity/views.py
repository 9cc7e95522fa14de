"""Publicity: the articles submitted in a year, how many each outlet published, and the form
that records an article with where it was published."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.pagination import BoundedPaginator
from congress.views_mixins import CreateOnceMixin, TownshipMixin, YearMixin

from .forms import ArticleForm, publication_formset
from .models import Publication
from .selectors import (
    PUBLISHED,
    UNPUBLISHED,
    article_counts_for_user,
    article_get_for_user,
    article_list_for_user,
)
from .services import article_create, article_update


def _articles_url(year: int) -> str:
    return f"{reverse('publicity:list')}?year={year}"


class ArticleListView(PermissionRequiredMixin, YearMixin, ListView):
    permission_required = "publicity.view_article"
    template_name = "publicity/article_list.html"
    context_object_name = "articles"
    paginate_by = 50
    paginator_class = BoundedPaginator

    @cached_property
    def outlet(self) -> str:
        outlet = self.request.GET.get("outlet", "")
        known = {*Publication.Outlet.values, PUBLISHED, UNPUBLISHED}
        return outlet if outlet in known else ""

    def get_queryset(self):
        return article_list_for_user(user=self.request.user, year=self.year, outlet=self.outlet)

    def get_context_data(self, **kwargs):
        counts = article_counts_for_user(user=self.request.user, year=self.year)
        filters = [
            ("", _("All submitted"), counts.submitted),
            (PUBLISHED, _("Published"), counts.published),
            *((row.outlet, row.label, row.count) for row in counts.by_outlet),
            (UNPUBLISHED, _("Not published"), counts.submitted - counts.published),
        ]
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            "outlet": self.outlet,
            "counts": counts,
            "filters": filters,
        }


class ArticleFormMixin:
    """The article's form with its publications' rows, checked together: a row's error
    refuses the whole form, and the service saves all or nothing."""

    template_name = "publicity/article_form.html"
    form_class = ArticleForm

    def current_publications(self):
        return ()

    @cached_property
    def formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return publication_formset(data=data, publications=self.current_publications())

    def form_valid(self, form):
        if not self.formset.is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "formset": self.formset}

    def service_arguments(self, form) -> dict:
        return {**form.cleaned_data, "publications": self.formset.entries()}

    def get_success_url(self, article):
        return _articles_url(article.submitted_on.year)


class ArticleCreateView(
    PermissionRequiredMixin, TownshipMixin, ArticleFormMixin, CreateOnceMixin, FormView
):
    permission_required = "publicity.add_article"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Record a submitted article"),
            "cancel_url": reverse("publicity:list"),
        }

    def perform(self, form):
        return article_create(township=self.township, **self.service_arguments(form))

    def get_success_message(self, article):
        return _("Article “%(title)s” recorded.") % {"title": article.title}


class ArticleEditView(PermissionRequiredMixin, ArticleFormMixin, CreateOnceMixin, FormView):
    permission_required = "publicity.change_article"
    submit_once = False

    @cached_property
    def article(self):
        return article_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def current_publications(self):
        return self.article.publications.all()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.article}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Edit an article"),
            "article": self.article,
            "cancel_url": _articles_url(self.article.submitted_on.year),
        }

    def perform(self, form):
        return article_update(article=self.article, **self.service_arguments(form))

    def get_success_message(self, article):
        return _("Saved.")
