from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services import FIRST_YEAR


class ReportRequestForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"] = forms.IntegerField(
            label=_("year"), min_value=FIRST_YEAR, max_value=this_year, initial=this_year
        )
