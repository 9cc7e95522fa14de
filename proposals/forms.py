from django import forms
from django.utils.translation import gettext_lazy as _

from congress.accounts.selectors import unit_choices
from deputies.selectors import deputy_choices
from sessions.selectors import session_choices

from .models import Proposal


class ProposalForm(forms.ModelForm):
    """A deputy submits for themself; staff register a proposal on a deputy's behalf."""

    class Meta:
        model = Proposal
        fields = ["deputy", "session", "kind", "title", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, township, deputy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = session_choices(township=township)
        if deputy is not None:
            del self.fields["deputy"]
        else:
            self.fields["deputy"].queryset = deputy_choices(township=township)


class MoveForm(forms.Form):
    """One move of the handling workflow, with its note (required where the move says so)."""

    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        self.fields["note"].required = move.note_required


class ProposalAssignForm(MoveForm):
    unit = forms.ModelChoiceField(queryset=None, label=_("handling unit"))

    field_order = ["unit", "note"]

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(township=township)
