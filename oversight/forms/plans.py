from django import forms

from ..models import PlanItem


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["year", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
