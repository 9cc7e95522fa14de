from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput

from .models import ReportSection, ReportVersion, WorkReport
from .services import FIRST_YEAR

BODY_HELP = _(
    "One paragraph per line. A figure taken from the records is written [value|key], e.g. "
    "[14|oversight.problems]: it links to the records it counts and is updated when the draft "
    "is generated again. A number typed by hand, outside such a token, is highlighted in yellow "
    "in the preview: check it against the records before the report is submitted."
)


class WorkReportForm(forms.Form):
    """A new work report: the year (past years allowed) and the kind of document."""

    kind = forms.ChoiceField(label=_("kind"), choices=WorkReport.Kind.choices)

    field_order = ["year", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        # The report of the year just ended is the one written at the turn of the year.
        self.fields["year"] = forms.IntegerField(
            label=_("year"), min_value=FIRST_YEAR, max_value=this_year, initial=this_year - 1
        )
        self.order_fields(self.field_order)


class VersionForm(forms.ModelForm):
    class Meta:
        model = ReportVersion
        fields = ["title", "addressee", "issuer", "issue_date"]
        widgets = {"issue_date": DateInput}


class SectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["title", "heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"body": BODY_HELP}


class SectionAddForm(forms.Form):
    """A blank section staff write, or a standard section that was deleted, drafted again."""

    BLANK = ""

    standard = forms.ChoiceField(label=_("Section"), required=False)
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    heading = forms.ChoiceField(
        label=_("heading"),
        choices=ReportSection.Heading.choices,
        initial=ReportSection.Heading.NUMBERED,
    )

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [(self.BLANK, _("A blank section")), *missing]

    def clean(self):
        data = super().clean()
        if not data.get("standard") and not data.get("title"):
            self.add_error("title", _("Give the new section a title."))
        return data


class MoveForm(forms.Form):
    """A note with a version's move: required to return a version to draft."""

    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        self.fields["note"].required = move.note_required
        if move.note_required:
            self.fields["note"].label = _("What is to be changed")
