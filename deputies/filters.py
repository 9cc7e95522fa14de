import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Deputy, Mandate
from .selectors import (
    constituency_choices,
    deputies_with_mandate,
    deputy_group_choices,
    mandate_filter,
)


class RosterFilter(django_filters.FilterSet):
    """The roster's filters. Mandate criteria apply together to one seat (a county deputy who is
    in office), not to any mandate each."""

    # A person's name (姓名), not the name of a record (名称).
    q = django_filters.CharFilter(
        label=Deputy._meta.get_field("name").verbose_name, method="filter_name"
    )
    level = django_filters.ChoiceFilter(
        label=_("level"), choices=Mandate.Level.choices, method="filter_mandate"
    )
    term = django_filters.NumberFilter(label=_("term"), method="filter_mandate")
    group = django_filters.ModelChoiceFilter(
        label=_("deputy group"), queryset=None, method="filter_mandate"
    )
    constituency = django_filters.ModelChoiceFilter(
        label=_("constituency"), queryset=None, method="filter_mandate"
    )
    status = django_filters.ChoiceFilter(
        label=_("mandate status"), choices=Mandate.Status.choices, method="filter_mandate"
    )
    affiliation = django_filters.ChoiceFilter(
        label=_("political affiliation"), choices=Deputy.Affiliation.choices
    )
    gender = django_filters.ChoiceFilter(label=_("gender"), choices=Deputy.Gender.choices)

    class Meta:
        model = Deputy
        fields = ["q", "level", "term", "group", "constituency", "status", "affiliation", "gender"]

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = deputy_group_choices(township=township)
        self.filters["constituency"].queryset = constituency_choices(township=township)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"

    def filter_name(self, queryset, name, value):
        typed = Q(name__icontains=value.strip())
        letters = "".join(value.split()).lower()
        if letters.isascii() and letters.isalpha():  # 张三 typed as "zhangsan" or "zhang"
            typed |= Q(name_pinyin__contains=letters)
        return queryset.filter(typed)

    def filter_mandate(self, queryset, name, value):
        # Applied once, in filter_queryset, so that all mandate criteria meet on one mandate.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        criteria = mandate_filter(
            level=data.get("level"),
            term=data.get("term"),
            group=data.get("group"),
            constituency=data.get("constituency"),
            status=data.get("status"),
        )
        if criteria:
            queryset = deputies_with_mandate(queryset, criteria)
        return queryset
