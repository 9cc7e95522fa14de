import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Proposal
from .workflow import Status


class ProposalFilter(django_filters.FilterSet):
    """The proposal list's filters: status (the home page's to-do links use it), kind, year."""

    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Proposal.Kind.choices)
    # Bounded: a year the database cannot hold would fail in the query, not in the form.
    year = django_filters.NumberFilter(
        label=_("year"), field_name="submitted_at__year", min_value=1980, max_value=2100
    )

    class Meta:
        model = Proposal
        fields = ["status", "kind", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"
