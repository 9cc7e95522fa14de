from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput
from congress.models import Unit

from ..models import WorkEvaluation
from ..models.evaluations import Verdict


class EvaluationForm(forms.Form):
    """The unit evaluated and the presidium's conclusion."""

    unit = forms.ModelChoiceField(label=_("Unit evaluated"), queryset=Unit.objects.none())
    conclusion = forms.CharField(
        label=_("Overall result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=WorkEvaluation._meta.get_field("conclusion").help_text,
    )

    def __init__(self, *args, township, current_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(township=township)
        if current_unit is not None:
            # A unit deactivated since stays choosable for the evaluation that names it.
            units = units.filter(is_active=True) | units.filter(pk=current_unit.pk)
        else:
            units = units.filter(is_active=True)
        self.fields["unit"].queryset = units.order_by("name")


class RatingsForm(forms.Form):
    """The ratings grid: for each deputy present, 满意 / 基本满意 / 不满意 and their opinions."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row["deputy"].pk
            self.fields[f"v{pk}"] = forms.ChoiceField(
                label=row["deputy"].name,
                choices=Verdict.choices,
                required=False,
                initial=row["verdict"],
                widget=forms.RadioSelect,
            )
            self.fields[f"o{pk}"] = forms.CharField(
                label=_("Opinions of %(name)s") % {"name": row["deputy"].name},
                required=False,
                initial=row["opinion"],
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    def clean(self):
        data = super().clean()
        for row in self.rows:
            pk = row["deputy"].pk
            if data.get(f"o{pk}", "").strip() and not data.get(f"v{pk}"):
                self.add_error(
                    f"v{pk}",
                    _("Choose a rating for %(name)s to go with the opinions.")
                    % {"name": row["deputy"].name},
                )
        return data

    def ratings(self) -> dict[int, tuple[str, str]]:
        """{deputy id: (verdict, opinion)} of the rows given a rating."""
        return {
            row["deputy"].pk: (
                self.cleaned_data[f"v{row['deputy'].pk}"],
                self.cleaned_data.get(f"o{row['deputy'].pk}", ""),
            )
            for row in self.rows
            if self.cleaned_data.get(f"v{row['deputy'].pk}")
        }

    def bound_rows(self):
        for row in self.rows:
            pk = row["deputy"].pk
            yield row["deputy"], self[f"v{pk}"], self[f"o{pk}"]


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("The unit's response"), widget=forms.Textarea(attrs={"rows": 4})
    )
    improvements = forms.CharField(
        label=_("Improvements made"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    responded_on = forms.DateField(label=_("Responded on"), widget=DateInput)
