from django import forms

from congress.forms import DateInput

from .models import Inspection


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["kind", "date", "subject", "participants", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}
