import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from congress.accounts.selectors import unit_choices
from congress.forms import AllYesNoSelect
from sessions.selectors import session_choices

from .models import Assignment, Proposal, ProposalField
from .selectors import overdue_q
from .workflow import Status

# "12", "第12号", "12号": a registered number typed into the search box.
NUMBER = re.compile(r"^第?\s*(\d{1,9})\s*号?$")


def _township(request):
    """The township whose sessions, fields and units the drop-downs offer (none without)."""
    return getattr(getattr(request, "user", None), "township", None)


def _sessions(request):
    return session_choices(township=_township(request))


def _fields(request):
    return ProposalField.objects.filter(township=_township(request))


def _units(request):
    return unit_choices(township=_township(request))


class ProposalFilter(django_filters.FilterSet):
    """The proposal list's filters: a search over title and number, year, session, kind,
    field, status (the home page's to-do links use it), lead unit, key, overdue. The choices
    are the user's township's (pass `request`)."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    # Bounded: a year the database cannot hold would fail in the query, not in the form.
    year = django_filters.NumberFilter(
        label=_("year"), field_name="submitted_at__year", min_value=1980, max_value=2100
    )
    session = django_filters.ModelChoiceFilter(label=_("Session"), queryset=_sessions)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Proposal.Kind.choices)
    field = django_filters.ModelChoiceFilter(label=_("Field"), queryset=_fields)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("Lead unit"), field_name="handling_unit", queryset=_units
    )
    key = django_filters.BooleanFilter(
        label=_("Key proposal"), field_name="is_key", widget=AllYesNoSelect
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=AllYesNoSelect
    )
    # The proposals assigned at one 交办会: where a work report's meeting figures lead.
    meeting = django_filters.NumberFilter(
        label=_("Assignment meeting"), method="filter_meeting", widget=forms.HiddenInput
    )

    class Meta:
        model = Proposal
        fields = [
            "q",
            "year",
            "session",
            "kind",
            "field",
            "status",
            "unit",
            "key",
            "overdue",
            "meeting",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"

    def search(self, queryset, name, value):
        """The title contains the words; a number alone also finds the proposal with it."""
        value = value.strip()
        if not value:
            return queryset
        match = Q(title__icontains=value)
        if number := NUMBER.match(value):
            match |= Q(number=int(number[1]))
        return queryset.filter(match)

    def filter_meeting(self, queryset, name, value):
        if value is None:
            return queryset
        at_meeting = Assignment.objects.filter(proposal=OuterRef("pk"), meeting_id=value)
        return queryset.filter(Exists(at_meeting))

    def filter_overdue(self, queryset, name, value):
        """Overdue (selectors.overdue_q), or not."""
        if value is None:
            return queryset
        return queryset.filter(overdue_q() if value else ~overdue_q())
