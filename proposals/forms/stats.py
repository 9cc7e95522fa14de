"""The statistics page's choice of year and session (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sessions.selectors import session_choices


class StatisticsFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1980, max_value=2100)
    session = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Session"),
        empty_label=_("The whole year"),
        help_text=_("Only the proposals submitted to this session."),
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = session_choices(township=township)
        self.fields["year"].widget.attrs["class"] = "year-input"
