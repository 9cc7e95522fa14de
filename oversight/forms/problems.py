"""The forms of the problem pages: filters, a problem, each move of its workflow, the unit's
report with its evidence, and putting problems on a congress session's agenda."""

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.accounts.selectors import unit_choices
from congress.forms import DateInput, FilterForm
from congress.models import Unit
from congress.roles import Role
from congress.scoping import visible_to
from deputies.selectors import deputy_choices

from ..models import Campaign, Problem
from ..rules import EVIDENCE_EXTENSIONS, RECTIFICATION_AGENDA_TITLE
from ..selectors.problems import OPEN
from ..workflow import ProblemStatus


class ProblemFilterForm(FilterForm):
    """The list's filters; `filters()` gives the selector its arguments. A unit filters
    neither by unit nor by campaign, a deputy not by unit (they read no such list)."""

    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("Any status")), (OPEN, _("Open")), *ProblemStatus.choices],
    )
    overdue = forms.ChoiceField(
        label=_("Overdue or not"),
        required=False,
        choices=[("", _("Either")), ("yes", _("Overdue")), ("no", _("Not overdue"))],
    )
    # Bounded: a year the database cannot hold would fail in the query, not in the form.
    year = forms.IntegerField(label=_("year"), required=False, min_value=1980, max_value=2100)
    unit = forms.ModelChoiceField(label=_("responsible unit"), queryset=None, required=False)
    campaign = forms.ModelChoiceField(label=_("campaign"), queryset=None, required=False)
    action = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role in (Role.UNIT, Role.DEPUTY):  # they read no list of units
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = visible_to(Unit.objects.all(), user)
            self.fields["unit"].empty_label = _("Every unit")
        if user.role == Role.UNIT:  # nor of campaigns
            del self.fields["campaign"]
        else:
            self.fields["campaign"].queryset = visible_to(Campaign.objects.all(), user)
            self.fields["campaign"].empty_label = _("Every campaign")

    def filters(self) -> dict:
        """The valid filters, for problem_list_for_user: overdue as a yes or no."""
        data = super().filters()
        if "overdue" in data:
            data["overdue"] = data["overdue"] == "yes"
        return data


class ProblemForm(forms.ModelForm):
    """A problem found: what, where, which unit fixes it, what is asked, by when."""

    class Meta:
        model = Problem
        fields = ["description", "place", "unit", "requirement", "deadline"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "requirement": forms.Textarea(attrs={"rows": 2}),
            "deadline": DateInput(),
        }

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        units = unit_choices(township=township)
        if self.instance.pk:  # a unit no longer in use stays shown on its own problems
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.distinct().order_by("name")


class NoteForm(forms.Form):
    """Begin and send back: a note (required where the move says so). Rendered with
    `{% crispy %}` inside the page's own form tag."""

    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, move, problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = move.note_required
        if move.note_required:
            self.fields["note"].label = _("Why it is not rectified")
        if move.name == "send_back":  # staff's step: dated, for one entered later from paper
            self.fields["sent_back_on"] = forms.DateField(
                label=_("Date"), required=False, initial=timezone.localdate, widget=DateInput
            )
            self.fields["note"] = self.fields.pop("note")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class VerifyForm(NoteForm):
    verified_on = forms.DateField(label=_("verified on"), widget=DateInput)
    verifiers = forms.ModelMultipleChoiceField(
        label=_("Deputies who verified it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The deputies who checked the rectification on the spot, if any."),
    )

    field_order = ["verified_on", "verifiers", "note"]

    def __init__(self, *args, move, problem, **kwargs):
        super().__init__(*args, move=move, problem=problem, **kwargs)
        self.fields["verified_on"].initial = timezone.localdate()
        self.fields["verifiers"].queryset = deputy_choices(township=problem.township_id)
        # The township's deputies side by side: forty in a column would fill the page.
        self.helper.layout = Layout("verified_on", InlineCheckboxes("verifiers"), "note")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the service checks each (type, size, content)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class ReportForm(forms.Form):
    text = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 5}))
    rectified_on = forms.DateField(label=_("rectified on"), widget=DateInput)
    files = MultipleFileField(
        label=_("Evidence"),
        required=False,
        help_text=_("Photos (JPG, PNG), PDF or Word, at most 10 MB each; choose several at once."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rectified_on"].initial = timezone.localdate()


class ToAgendaForm(forms.Form):
    """Staff tick open problems and choose a congress session in preparation."""

    session = forms.ModelChoiceField(label=_("congress session"), queryset=None)
    title = forms.CharField(
        label=_("Agenda item"), max_length=200, initial=RECTIFICATION_AGENDA_TITLE
    )
    presenter = forms.CharField(
        label=_("presented by"),
        max_length=100,
        required=False,
        help_text=_("Who delivers it, e.g. 镇长 张三."),
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Open problems"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sessions, problems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = lambda p: (
            f"{p.description}（{p.unit.name}，{p.get_status_display()}）"
        )
