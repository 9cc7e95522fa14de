from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput

from .models import AgendaItem, Candidate, CongressSession, Election, Resolution


class SessionDatesMixin:
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The session cannot end before it starts."))
        return cleaned


class CongressSessionForm(SessionDatesMixin, forms.ModelForm):
    class Meta:
        model = CongressSession
        fields = ["term", "number", "start_date", "end_date", "venue"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class SessionEditForm(SessionDatesMixin, forms.ModelForm):
    class Meta:
        model = CongressSession
        fields = ["start_date", "end_date", "venue"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class TermStartForm(SessionDatesMixin, forms.ModelForm):
    """The new term and its first session's dates and venue."""

    class Meta:
        model = CongressSession
        fields = ["term", "start_date", "end_date", "venue"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"term": _("The new term (届); the current one ends when its session opens.")}


class MoveForm(forms.Form):
    move = forms.CharField(max_length=30)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChooseForm(forms.Form):
    """Tick the records to link: the session's presidium, its pre-session activities."""

    chosen = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=""
    )

    def __init__(self, *args, queryset, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = queryset
        self.fields["chosen"].label = label


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)


class TaskMarkForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput)


class SittingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        required=False,
        help_text=_("For example 第一次全体会议; empty: the date names it."),
    )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "presenter", "outcome"]


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class SessionScopedChoices:
    """A vote's sitting and agenda item come from its own session."""

    def __init__(self, *args, session, sittings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sitting"].queryset = session.sittings.filter(
            pk__in=[s.pk for s in sittings]
        ).order_by("date", "pk")
        self.fields["sitting"].empty_label = None
        self.fields["sitting"].help_text = _(
            "Only sittings whose roll shows a quorum (two thirds of the deputies in office) "
            "are listed."
        )
        self.fields["agenda_item"].queryset = session.agenda_items.all()


class ResolutionForm(SessionScopedChoices, forms.ModelForm):
    class Meta:
        model = Resolution
        fields = [
            "sitting",
            "agenda_item",
            "kind",
            "title",
            "text",
            "votes_for",
            "votes_against",
            "votes_abstain",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("votes_against", "votes_abstain"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Empty: none.")

    def clean_votes_against(self):
        return self.cleaned_data["votes_against"] or 0

    def clean_votes_abstain(self):
        return self.cleaned_data["votes_abstain"] or 0


class ElectionForm(SessionScopedChoices, forms.ModelForm):
    class Meta:
        model = Election
        fields = ["sitting", "agenda_item", "office", "office_name", "kind", "seats"]


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["name", "deputy", "nominated_by", "nominators"]
        widgets = {"nominators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies
        self.fields["nominators"].queryset = deputies
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Empty: the chosen deputy's name.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not cleaned.get("deputy"):
            self.add_error("name", _("Give the candidate's name or choose the deputy."))
        return cleaned


class CountForm(forms.Form):
    """The tellers' count: the ballots, and for each candidate the votes."""

    ballots_issued = forms.IntegerField(label=_("Ballots issued"), min_value=0)
    ballots_returned = forms.IntegerField(label=_("Ballots returned"), min_value=0)
    ballots_valid = forms.IntegerField(label=_("Valid ballots"), min_value=0)
    ballots_invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0, initial=0)

    COLUMNS = (
        ("for", _("For")),
        ("against", _("Against")),
        ("abstain", _("Abstain")),
        ("write_ins", _("Another person written in")),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(election.candidates.all())
        for field in ("issued", "returned", "valid", "invalid"):
            value = getattr(election, f"ballots_{field}")
            if value is not None:
                self.fields[f"ballots_{field}"].initial = value
        for candidate in self.candidates:
            write_in = candidate.nominated_by == Candidate.Nomination.WRITE_IN
            for key, label in self.COLUMNS:
                if write_in and key != "for":
                    continue
                stored = {
                    "for": candidate.votes_for,
                    "against": candidate.votes_against,
                    "abstain": candidate.votes_abstain,
                    "write_ins": candidate.write_ins,
                }[key]
                self.fields[f"candidate_{candidate.pk}_{key}"] = forms.IntegerField(
                    label=_("%(name)s: %(column)s") % {"name": candidate.name, "column": label},
                    min_value=0,
                    initial=stored if stored is not None else 0,
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                )

    def votes(self) -> dict[int, dict[str, int]]:
        return {
            c.pk: {
                key: self.cleaned_data.get(f"candidate_{c.pk}_{key}", 0) or 0
                for key, _label in self.COLUMNS
            }
            for c in self.candidates
        }

    def rows(self):
        """Each candidate with their vote fields in column order (None where not asked)."""
        for candidate in self.candidates:
            yield (
                candidate,
                [
                    self[f"candidate_{candidate.pk}_{key}"]
                    if f"candidate_{candidate.pk}_{key}" in self.fields
                    else None
                    for key, _label in self.COLUMNS
                ],
            )
