from django import forms

from .models import Deputy
from .selectors import constituency_choices, deputy_group_choices


class DeputyForm(forms.ModelForm):
    class Meta:
        model = Deputy
        fields = ["name", "level", "constituency", "group"]

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = constituency_choices(township=township)
        self.fields["group"].queryset = deputy_group_choices(township=township)
