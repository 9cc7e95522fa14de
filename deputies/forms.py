import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.forms import ChoiceByNameField, DateInput, ProtectedFileInput

from .excel import parse_month
from .models import (
    DEPUTY_DETAILS,
    DEPUTY_PROFILE_FIELDS,
    Activity,
    Constituency,
    Deputy,
    DeputyGroup,
    LiaisonContact,
    Mandate,
    PerformanceRules,
    ReportToVoters,
    VoterContact,
)
from .selectors import (
    constituency_choices,
    deputy_account_choices,
    deputy_group_choices,
    member_choices,
)
from .services import SELF_SERVICE_FIELDS
from .services.performance import RULE_FIELDS


class MonthField(forms.DateField):
    """A year and month typed as 1975-03 (or 1975.03, 1975/3); stored as the month's first day."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "1975-03"})
    default_error_messages = {"invalid": _("Enter a year and month such as 1975-03.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            return parse_month(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return value


class DeputyProfileForm(forms.ModelForm):
    birth_month = MonthField(label=_("birth year and month"), required=False)

    class Meta:
        model = Deputy
        fields = DEPUTY_PROFILE_FIELDS
        widgets = {"photo": ProtectedFileInput(attrs={"accept": "image/jpeg,image/png"})}

    # The person first; the login account, issued after the roster, last.
    field_order = [*DEPUTY_DETAILS, "photo", "liaison", "user"]

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["liaison"].queryset = member_choices(township=township)
        if "user" in self.fields:
            self.fields["user"].queryset = deputy_account_choices(township=township)
        if self.instance.pk:
            self.fields["photo"].widget.download_url = reverse(
                "deputies:photo", args=[self.instance.pk]
            )


class DeputyCreateForm(DeputyProfileForm):
    """A new deputy: who they are, then their first mandate. No login account: accounts are
    issued after the roster, from the deputy's page (deputies:account_create)."""

    class Meta(DeputyProfileForm.Meta):
        fields = [name for name in DEPUTY_PROFILE_FIELDS if name != "user"]

    field_order = [
        *DEPUTY_DETAILS,
        "photo",
        "level",
        "term",
        "constituency",
        "group",
        "start_date",
        "liaison",
    ]

    # Most people entered here are this township's own deputies.
    level = forms.ChoiceField(
        label=_("level"), choices=Mandate.Level.choices, initial=Mandate.Level.TOWNSHIP
    )
    term = forms.IntegerField(label=_("term"), min_value=1)
    constituency = forms.ModelChoiceField(label=_("constituency"), queryset=None)
    group = forms.ModelChoiceField(label=_("deputy group"), queryset=None, required=False)
    start_date = forms.DateField(
        label=Mandate._meta.get_field("start_date").verbose_name,
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, township=township, **kwargs)
        self.fields["term"].initial = township.current_term
        self.fields["constituency"].queryset = constituency_choices(township=township)
        self.fields["group"].queryset = deputy_group_choices(township=township)


class SelfServiceForm(forms.ModelForm):
    class Meta:
        model = Deputy
        fields = SELF_SERVICE_FIELDS


class MandateForm(forms.ModelForm):
    class Meta:
        model = Mandate
        fields = [
            "level",
            "term",
            "constituency",
            "group",
            "status",
            "start_date",
            "end_date",
            "status_reason",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = constituency_choices(township=township)
        self.fields["group"].queryset = deputy_group_choices(township=township)
        if self.initial.get("term") is None:
            self.initial["term"] = township.current_term
        if self.instance.pk:
            # Level and term identify the seat; a different seat is a new mandate.
            for name in ("level", "term"):
                self.fields[name].disabled = True


class MandateAddForm(MandateForm):
    class Meta(MandateForm.Meta):
        fields = ["level", "term", "constituency", "group", "start_date"]


class ConstituencyForm(forms.ModelForm):
    class Meta:
        model = Constituency
        fields = ["name", "description"]


class DeputyGroupForm(forms.ModelForm):
    class Meta:
        model = DeputyGroup
        fields = ["name", "description"]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "start_date",
            "end_date",
            "place",
            "organiser",
            "group",
            "content",
            "other_participants",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = deputy_group_choices(township=township)
        # An oversight action records its own activity (oversight:create).
        kind = self.fields["kind"]
        kind.choices = [c for c in kind.choices if c[0] != Activity.Kind.OVERSIGHT]


class LiaisonContactForm(forms.ModelForm):
    class Meta:
        model = LiaisonContact
        fields = ["deputy", "date", "content"]
        widgets = {"date": DateInput(), "content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"] = ChoiceByNameField(
            deputies, label=self.fields["deputy"].label, help_text=self.fields["deputy"].help_text
        )


class VoterContactForm(forms.ModelForm):
    class Meta:
        model = VoterContact
        fields = ["date", "voters", "voter_count", "raised"]
        widgets = {"date": DateInput(), "raised": forms.Textarea(attrs={"rows": 4})}


class ReportToVotersForm(forms.ModelForm):
    class Meta:
        model = ReportToVoters
        fields = ["deputy", "date", "place", "voters_attended", "rating", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"] = ChoiceByNameField(
            deputies, label=self.fields["deputy"].label, help_text=self.fields["deputy"].help_text
        )


class PerformanceRulesForm(forms.ModelForm):
    class Meta:
        model = PerformanceRules
        fields = RULE_FIELDS
