from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput
from deputies.selectors import deputy_choices

from ..models import ElectionObservation
from ..selectors.elections import village_choices


class ObservationForm(forms.ModelForm):
    """The village and the deputies come from the township; a past day may be entered."""

    class Meta:
        model = ElectionObservation
        fields = ["village", "stage", "date", "observers", "other_observers", "issues", "notes"]
        widgets = {
            "date": DateInput(),
            "observers": forms.CheckboxSelectMultiple,
            "issues": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "observers": _("The deputies (presidium members) who observed this stage."),
            "issues": _("Leave empty when nothing was found."),
        }

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.village if self.instance.village_id else None
        self.fields["village"].queryset = village_choices(township=township, keep=current)
        self.fields["observers"].queryset = deputy_choices(township=township)
