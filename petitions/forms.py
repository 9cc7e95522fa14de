from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.forms import DateInput, FilterForm
from congress.models import Unit

from .models import Petition, PetitionPolicy, PetitionReply
from .services import IDENTITY_FIELDS
from .workflow import PetitionStatus


class PetitionForm(forms.ModelForm):
    """A letter or visit as received. Without `identity` (the user may not see who wrote or
    visited) the name, contact and address are not on the form at all, so saving it leaves
    them as they are."""

    class Meta:
        model = Petition
        fields = [
            "received_on",
            "channel",
            "name",
            "contact",
            "address",
            "people",
            "category",
            "subject",
            "content",
            "unit",
        ]
        widgets = {
            "received_on": DateInput,
            "content": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "name": pgettext_lazy("petition", "Name"),
            "category": pgettext_lazy("petition", "Category"),
            "subject": pgettext_lazy("petition", "Subject"),
        }

    def __init__(self, *args, township, identity: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not identity:
            for name in IDENTITY_FIELDS:
                del self.fields[name]
        # Active units, and the one it names if deactivated since.
        choosable = Q(is_active=True) | Q(pk=self.instance.unit_id or 0)
        self.fields["unit"].queryset = Unit.objects.filter(choosable, township=township)
        self.fields["unit"].required = False
        self.fields["people"].min_value = 1
        self.fields["people"].widget.attrs["min"] = 1
        if not self.instance.pk:
            self.initial.setdefault("received_on", timezone.localdate())


class PetitionFilterForm(FilterForm):
    """The list's filters and search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *PetitionStatus.choices]
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("petition", "Category"),
        required=False,
        choices=[("", _("All categories")), *Petition.Category.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *Petition.Channel.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1980, max_value=2100)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, identity: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = (
            _("Subject, content or name.") if identity else _("Subject or content.")
        )


class PetitionMoveForm(forms.Form):
    """One step: its day (for a paper record), and its note; concluding asks for the result."""

    on = forms.DateField(label=_("Date"), widget=DateInput)
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, move, **kwargs):
        # Prefixed by the move: the detail page shows one form per move it offers.
        super().__init__(*args, prefix=move.name, **kwargs)
        self.move = move
        self.initial.setdefault("on", timezone.localdate())
        if move.name == "conclude":
            self.fields["result"].required = True
            self.fields["note"].help_text = _("Optional: the result is the conclusion's note.")
        else:
            del self.fields["result"]
            self.fields["note"].required = move.note_required
        if move.name == "decline":
            self.fields["note"].label = _("Reason for not accepting")
        if move.name == "accept":
            self.fields["on"].label = _("Accepted on")
            self.fields["on"].help_text = _("The deadline to conclude counts from this day.")


class PetitionReplyForm(forms.ModelForm):
    class Meta:
        model = PetitionReply
        fields = ["direction", "date", "text"]
        widgets = {"date": DateInput, "text": forms.Textarea(attrs={"rows": 4})}
        labels = {"direction": _("Kind of reply")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class PetitionPolicyForm(forms.ModelForm):
    class Meta:
        model = PetitionPolicy
        fields = ["accept_days", "conclude_days"]
