"""Forms of oversight actions, government tasks, progress reviews and campaigns."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.accounts.selectors import unit_choices
from congress.forms import DateInput, FilterForm
from deputies.models import Activity

from ..models import Campaign, GovernmentTask, OversightAction, ProgressReview
from ..selectors.actions import (
    action_choices,
    campaign_choices,
    plan_item_choices,
    task_choices,
)
from ..services.actions import FIRST_YEAR, split_names


class YearField(forms.IntegerField):
    """A year to filter by; bounded, so that a year the database cannot hold fails in the
    form, not in the query."""

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=2100, **kwargs)


class ActionFilterForm(FilterForm):
    """The action list's filters: year, kind, campaign (the user's township's)."""

    year = YearField(label=_("year"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("", _("All kinds")), *OversightAction.Kind.choices],
        required=False,
    )
    campaign = forms.ModelChoiceField(
        label=_("campaign"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, task):
        number = f"{task.number}. " if task.number else ""
        return f"{task.year} {task.get_kind_display()} · {number}{task.title}"


def _field(model, name: str, **kwargs) -> forms.Field:
    """The form field of a model field, with its label, help and validators."""
    return model._meta.get_field(name).formfield(**kwargs)


class ActionForm(forms.Form):
    """An action and the deputies' activity it owns, in one form. The deputies' attendance
    is recorded on its own page; photos are uploaded on the action's page."""

    kind = _field(OversightAction, "kind")
    title = _field(Activity, "title")
    start_date = _field(Activity, "start_date", widget=DateInput())
    end_date = _field(Activity, "end_date", widget=DateInput())
    place = _field(Activity, "place")
    unit = _field(OversightAction, "unit")
    tasks = TaskChoiceField(
        label=_("government tasks"),
        queryset=GovernmentTask.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Tasks of the action's year (or, for a year-end review, the year before)."),
    )
    target = _field(OversightAction, "target")
    campaign = _field(OversightAction, "campaign")
    plan_item = _field(OversightAction, "plan_item")
    content = _field(Activity, "content", widget=forms.Textarea(attrs={"rows": 3}))
    findings = _field(OversightAction, "findings", widget=forms.Textarea(attrs={"rows": 4}))
    opinions = _field(OversightAction, "opinions", widget=forms.Textarea(attrs={"rows": 4}))
    opinions_sent_on = _field(OversightAction, "opinions_sent_on", widget=DateInput())
    staff_names = forms.CharField(
        label=_("staff taking part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their names, one per line or separated by 、 or ，."),
    )
    other_participants = forms.IntegerField(
        label=_("other participants"),
        min_value=0,
        initial=0,
        help_text=_("People who are neither deputies nor staff named above (villagers...)."),
    )

    def __init__(self, *args, township, action: OversightAction | None = None, **kwargs):
        if action is not None:
            activity = action.activity
            kwargs["initial"] = {
                "kind": action.kind,
                "title": activity.title,
                "start_date": activity.start_date,
                "end_date": activity.end_date,
                "place": activity.place,
                "unit": action.unit_id,
                "tasks": list(action.tasks.values_list("pk", flat=True)),
                "target": action.target,
                "campaign": action.campaign_id,
                "plan_item": action.plan_item_id,
                "content": activity.content,
                "findings": action.findings,
                "opinions": action.opinions,
                "opinions_sent_on": action.opinions_sent_on,
                "staff_names": "\n".join(action.staff.values_list("name", flat=True)),
                "other_participants": activity.other_participants,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(township=township)
        self.fields["tasks"].queryset = task_choices(township=township)
        self.fields["campaign"].queryset = campaign_choices(township=township)
        self.fields["plan_item"].queryset = plan_item_choices(township=township)

    def clean_staff_names(self) -> list[str]:
        return split_names(self.cleaned_data["staff_names"])


class TaskFilterForm(FilterForm):
    year = YearField(label=_("year"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("", _("All kinds")), *GovernmentTask.Kind.choices],
        required=False,
    )


class TaskForm(forms.ModelForm):
    class Meta:
        model = GovernmentTask
        fields = ["year", "kind", "number", "title", "description", "unit", "leader"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(township=township)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, action):
        return f"{action.activity.start_date:%Y-%m-%d} {action.activity.title}"


class ReviewForm(forms.ModelForm):
    action = ActionChoiceField(
        label=_("recorded by the oversight action"),
        queryset=OversightAction.objects.none(),
        required=False,
    )

    class Meta:
        model = ProgressReview
        fields = ["stage", "date", "progress", "notes", "action"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, task: GovernmentTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = action_choices(township=task.township_id)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "start_date", "end_date", "description", "plan_item"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = plan_item_choices(township=township)
