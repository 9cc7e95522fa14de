"""Forms of the deadline pages: an extension request and its decision, a co-unit's view, a
working-day correction."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput
from congress.models import WorkdayOverride


class ExtensionRequestForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the unit needs more time; staff decide."),
    )

    def __init__(self, *args, current=None, latest=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current and latest:
            self.fields["new_deadline"].help_text = _(
                "Now due %(current)s; at most %(latest)s. A day off moves to the next working day."
            ) % {"current": date_format(current), "latest": date_format(latest)}


class ExtensionDecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the new deadline")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when refusing: the unit is told why."),
    )


class CoUnitOpinionForm(forms.Form):
    text = forms.CharField(
        label=_("The co-unit's view"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the lead unit, which answers the deputies."),
    )


class WorkdayOverrideForm(forms.ModelForm):
    is_workday = forms.TypedChoiceField(
        label=_("This day is"),
        choices=[("0", _("A day off")), ("1", _("A working day (make-up day)"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = WorkdayOverride
        fields = ["date", "is_workday", "note"]
        widgets = {"date": DateInput}
