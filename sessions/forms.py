from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput

from .models import CongressSession


class CongressSessionForm(forms.ModelForm):
    class Meta:
        model = CongressSession
        fields = ["term", "number", "start_date", "end_date", "venue"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The session cannot end before it starts."))
        return cleaned
