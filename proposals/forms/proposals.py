import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.accounts.selectors import unit_choices
from congress.forms import DateInput
from deputies.selectors import deputy_choices
from sessions.selectors import session_choices

from ..models import AnswerCategory, AssignmentMeeting, Proposal, ProposalField, Rating
from ..permissions import enters_paper_records, handles
from ..selectors import deputies_to_rate, lead_member_choices, meeting_choices
from ..selectors.deputy import cosigner_choices


class TownshipChoicesMixin:
    """Drop-downs of the township's sessions and fields."""

    def limit_choices(self, township):
        if "session" in self.fields:
            self.fields["session"].queryset = session_choices(township=township)
        if "field" in self.fields:
            self.fields["field"].queryset = ProposalField.objects.filter(
                township=township, active=True
            )


class DraftForm(TownshipChoicesMixin, forms.ModelForm):
    """A deputy writes their proposal; a motion states its subject, grounds and solution."""

    class Meta:
        model = Proposal
        fields = ["kind", "session", "field", "title", "content", "solution"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "solution": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(township)


class PaperForm(TownshipChoicesMixin, forms.ModelForm):
    """Staff enter a paper proposal: who proposed it, who signed it, the day it was submitted."""

    cosigners = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Co-signers"),
        help_text=_("The other deputies who signed the paper."),
    )
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput)

    class Meta:
        model = Proposal
        fields = ["proposer", "deputy", "kind", "session", "field", "title", "content", "solution"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "solution": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = ["proposer", "deputy", "cosigners", "kind", "submitted_on"]

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(township)
        deputies = deputy_choices(township=township)
        self.fields["deputy"].queryset = deputies
        self.fields["cosigners"].queryset = deputies
        self.fields["submitted_on"].initial = timezone.localdate()

    def clean_submitted_on(self):
        day = self.cleaned_data["submitted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The submission date cannot be in the future."))
        return day


class InviteForm(forms.Form):
    deputies = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Ask to co-sign")
    )
    confirm_by = forms.DateField(label=_("Confirm by"), required=False, widget=DateInput)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = cosigner_choices(proposal=proposal)


class NoteForm(forms.Form):
    """A move that takes a note (required where the move says so)."""

    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    # Moves a deputy makes on their own draft: a button, nothing to explain.
    WITHOUT_NOTE = {"submit", "withdraw"}
    # Staff's moves dated by the day they happened (entered later from paper); the answer and
    # the assignment have their own date fields.
    DATED = {"register", "refuse", "send_back", "close"}

    def __init__(self, *args, move, proposal=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        self.fields["note"].required = move.note_required
        if move.name in self.WITHOUT_NOTE:
            del self.fields["note"]
        if (
            move.name in self.DATED
            and proposal is not None
            and user is not None
            and handles(user=user, proposal=proposal)
        ):
            self.fields["on"] = forms.DateField(
                label=_("Date"),
                required=False,  # empty: today
                initial=timezone.localdate,
                widget=DateInput,
                help_text=_("The day it was done; for a step entered later from paper."),
            )
            if "note" in self.fields:  # the note last
                self.fields["note"] = self.fields.pop("note")


class RegisterForm(NoteForm):
    field = forms.ModelChoiceField(queryset=None, label=_("Field"), required=False)
    is_key = forms.BooleanField(label=_("Key proposal (重点)"), required=False)
    lead_member = forms.ModelChoiceField(
        queryset=None,
        label=_("Presidium member leading it"),
        required=False,
        help_text=_("Needed for a key proposal."),
    )
    as_suggestion = forms.BooleanField(
        label=_("Not on the agenda: register this motion as a suggestion"),
        required=False,
        help_text=_("Give the presidium's reason in the note."),
    )

    field_order = ["field", "is_key", "lead_member", "as_suggestion", "note"]

    def __init__(self, *args, proposal, user=None, **kwargs):
        super().__init__(*args, proposal=proposal, user=user, **kwargs)
        self.fields["field"].queryset = ProposalField.objects.filter(
            township=proposal.township_id, active=True
        )
        self.fields["field"].initial = proposal.field_id
        self.fields["lead_member"].queryset = lead_member_choices(township=proposal.township_id)
        if proposal.kind != Proposal.Kind.MOTION:
            del self.fields["as_suggestion"]


class AssignForm(NoteForm):
    unit = forms.ModelChoiceField(queryset=None, label=_("Lead unit (主办)"))
    co_units = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Co-units (协办)"),
    )
    meeting = forms.ModelChoiceField(queryset=None, required=False, label=_("Assignment meeting"))
    assigned_on = forms.DateField(
        label=_("Assigned on"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: the meeting's day, or today. The deadline is counted from this day."),
    )
    hard = forms.BooleanField(label=_("Hard to handle: up to six months"), required=False)
    deadline = forms.DateField(
        label=_("Answer due"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: three months (six if hard), moved to a working day."),
    )

    field_order = ["unit", "co_units", "meeting", "assigned_on", "hard", "deadline", "note"]

    def __init__(self, *args, proposal, user=None, **kwargs):
        super().__init__(*args, proposal=proposal, user=user, **kwargs)
        units = unit_choices(township=proposal.township)
        self.fields["unit"].queryset = units
        self.fields["co_units"].queryset = units
        self.fields["meeting"].queryset = meeting_choices(township=proposal.township_id)


class AnswerForm(NoteForm):
    category = forms.ModelChoiceField(queryset=None, label=_("Category"))
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    contact_person = forms.CharField(
        label=_("Met the deputy"),
        max_length=50,
        required=False,
        help_text=_("Who from the unit met or called the deputy."),
    )
    met_on = forms.DateField(label=_("Met on"), required=False, widget=DateInput)
    answered_on = forms.DateField(
        label=_("Answered on"),
        required=False,
        widget=DateInput,
        help_text=_("For a paper answer entered later; empty: today."),
    )

    field_order = ["category", "text", "contact_person", "met_on", "answered_on"]

    def __init__(self, *args, proposal, user=None, **kwargs):
        super().__init__(*args, proposal=proposal, **kwargs)
        del self.fields["note"]
        self.fields["category"].queryset = AnswerCategory.objects.filter(
            township=proposal.township_id
        )
        if user is None or not enters_paper_records(user=user, township_id=proposal.township_id):
            del self.fields["answered_on"]


class RateForm(NoteForm):
    deputy = forms.ModelChoiceField(
        queryset=None,
        label=_("Rating of"),
        help_text=_(
            "A paper rating form entered by staff. The lead deputy's rating is the item's; a "
            "co-signer's is kept beside it."
        ),
    )
    attitude = forms.ChoiceField(
        label=_("Handling attitude"), choices=Rating.Level.choices, widget=forms.RadioSelect
    )
    result = forms.ChoiceField(
        label=_("Handling result"), choices=Rating.Level.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when not satisfied: it goes back to the unit to be handled again."),
    )
    rated_on = forms.DateField(
        label=_("Rated on"),
        required=False,
        widget=DateInput,
        help_text=_(
            "The day on the paper form: not after today, not before the answer. Empty: today."
        ),
    )

    field_order = ["deputy", "attitude", "result", "reasons", "rated_on"]

    def __init__(self, *args, proposal, user=None, **kwargs):
        super().__init__(*args, proposal=proposal, **kwargs)
        del self.fields["note"]
        if user is not None and enters_paper_records(user=user, township_id=proposal.township_id):
            field = self.fields["deputy"]
            field.queryset = deputies_to_rate(proposal=proposal)
            lead = proposal.deputy_id
            field.label_from_instance = lambda deputy: (
                _("%(name)s (lead deputy)") % {"name": deputy} if deputy.pk == lead else str(deputy)
            )
            field.initial = lead
        else:
            del self.fields["deputy"]
            del self.fields["rated_on"]


class DateCorrectionForm(forms.Form):
    """Staff correct the date of one of the proposal's events, saying why."""

    event = forms.ChoiceField(label=_("Step whose date is corrected"))
    day = forms.DateField(label=_("Correct date"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [
            (each.event, f"{each.label}（{timezone.localdate(each.at).isoformat()}）")
            for each in events
        ]


# ------------------------------------------------------------------------ assignment meetings


class MeetingForm(forms.ModelForm):
    class Meta:
        model = AssignmentMeeting
        fields = ["date", "place", "note"]
        widgets = {"date": DateInput, "note": forms.Textarea(attrs={"rows": 3})}


class MeetingAssignForm(forms.Form):
    """The meeting's batch: for each registered proposal, whether it is handed out now, its
    lead unit, co-units, the hard flag and a deadline (empty: the default). The units are
    read once for every row."""

    ROW_FIELDS = ("selected", "unit", "co_units", "hard", "deadline")
    SELECTED = re.compile(r"^p(\d+)-selected$")

    @classmethod
    def chosen_ids(cls, data) -> list[int]:
        """The proposals ticked in a sent batch (by their field names)."""
        return [int(found[1]) for key in data or () if (found := cls.SELECTED.match(key))]

    def __init__(self, *args, proposals, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        self.units = {str(unit.pk): unit for unit in units}
        choices = [(pk, unit.name) for pk, unit in self.units.items()]
        for proposal in self.proposals:
            key = f"p{proposal.pk}"
            self.fields[f"{key}-selected"] = forms.BooleanField(
                label=_("Assign “%(title)s”") % {"title": proposal.title},
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{key}-unit"] = forms.ChoiceField(
                label=_("Lead unit (主办)"),
                choices=[("", "---------"), *choices],
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{key}-co_units"] = forms.MultipleChoiceField(
                label=_("Co-units (协办)"),
                choices=choices,
                required=False,
                widget=forms.SelectMultiple(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{key}-hard"] = forms.BooleanField(
                label=_("Hard to handle"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{key}-deadline"] = forms.DateField(
                label=_("Answer due"),
                required=False,
                widget=DateInput(attrs={"class": "form-control form-control-sm"}),
            )

    def clean(self):
        cleaned = super().clean()
        chosen = [p for p in self.proposals if cleaned.get(f"p{p.pk}-selected")]
        if not chosen:
            raise forms.ValidationError(_("Choose at least one proposal to assign."))
        for proposal in chosen:
            if not cleaned.get(f"p{proposal.pk}-unit"):
                self.add_error(f"p{proposal.pk}-unit", _("Choose its lead unit."))
        return cleaned

    def bound_rows(self):
        """(proposal, {field name: bound field}) for each row, for the template."""
        for proposal in self.proposals:
            yield proposal, {name: self[f"p{proposal.pk}-{name}"] for name in self.ROW_FIELDS}

    def items(self) -> list:
        from ..services import MeetingItem

        data = self.cleaned_data
        return [
            MeetingItem(
                proposal=proposal,
                unit=self.units.get(data[f"p{proposal.pk}-unit"]),
                co_units=[self.units[pk] for pk in data[f"p{proposal.pk}-co_units"]],
                hard=data[f"p{proposal.pk}-hard"],
                deadline=data[f"p{proposal.pk}-deadline"],
            )
            for proposal in self.proposals
            if data.get(f"p{proposal.pk}-selected")
        ]


# ------------------------------------------------------------------------ merging and splitting


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=None,
        label=_("Merge into"),
        help_text=_("The suggestion that goes on; it keeps its own number and handling."),
    )
    note = forms.CharField(
        label=_("Why they are the same"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets
        self.fields["into"].label_from_instance = _target_label


def _target_label(proposal) -> str:
    number = proposal.number_label or proposal.get_status_display()
    return f"{proposal.title}（{number}）"


class SplitPartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))
    solution = forms.CharField(
        label=_("Proposed solution"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


SPLIT_MAX_PARTS = 10
SplitFormSet = forms.formset_factory(
    SplitPartForm,
    extra=0,
    min_num=2,
    validate_min=True,
    max_num=SPLIT_MAX_PARTS,
    validate_max=True,
)


class SplitNoteForm(forms.Form):
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The new proposals are named in the note by themselves."),
    )


# ------------------------------------------------------------------------ the township's lists


class ProposalFieldForm(forms.ModelForm):
    class Meta:
        model = ProposalField
        fields = ["name"]


class ProposalFieldEditForm(forms.ModelForm):
    class Meta:
        model = ProposalField
        fields = ["name", "active"]


class AnswerCategoryForm(forms.ModelForm):
    class Meta:
        model = AnswerCategory
        fields = ["label"]
