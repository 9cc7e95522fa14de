from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Township, Unit, User
from ..models.townships import KIND_HELP
from ..roles import GRANTABLE_PERMISSIONS, STAFF_CREATES_ROLES, Role

USERNAME_HELP = _(
    "What the person types to log in: letters, digits and @ . + - _ only, for example "
    "a mobile number."
)


class AccountCreateForm(forms.Form):
    """A township's new account made by its staff: a colleague, a presidium member or a
    handling unit's person (deputies' accounts are made from the roster)."""

    full_name = forms.CharField(label=_("Full name"), max_length=50)
    username = forms.CharField(label=_("Username"), max_length=150, help_text=USERNAME_HELP)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in STAFF_CREATES_ROLES],
        initial=Role.UNIT,
    )
    unit = forms.ModelChoiceField(
        label=_("Handling unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("For a handling unit's person only."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UnitForm(forms.ModelForm):
    """A new handling unit, active."""

    class Meta:
        model = Unit
        fields = ["name", "kind"]


class UnitEditForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "is_active"]
        help_texts = {
            "is_active": _("A deactivated unit keeps its proposals but is offered for no new one.")
        }


class TownshipCreateForm(forms.Form):
    """A township and the first staff account, who then adds everyone else."""

    name = forms.CharField(label=_("Township name"), max_length=50)
    kind = forms.ChoiceField(
        label=pgettext_lazy("township kind", "Kind of township"),
        choices=Township.Kind.choices,
        widget=forms.RadioSelect,
        help_text=KIND_HELP,
        error_messages={
            "required": pgettext_lazy(
                "township kind", "Choose whether it is a 镇, a 乡 or a 民族乡."
            )
        },
    )
    county = forms.CharField(label=_("County"), max_length=50)
    current_term = forms.IntegerField(
        label=_("Current term"),
        min_value=1,
        max_value=100,
        help_text=_("The number of the township congress now sitting: 18 for the 18th."),
    )
    all_signers_rate = forms.BooleanField(
        label=_("Every signing deputy rates an answer"),
        required=False,
        help_text=_(
            "Not ticked (the usual practice): the lead deputy's rating is the item's, co-signers "
            "may add theirs. Ticked: an answer waits for every signing deputy's rating."
        ),
    )
    staff_full_name = forms.CharField(label=_("Staff member's full name"), max_length=50)
    staff_username = forms.CharField(
        label=_("Staff member's username"), max_length=150, help_text=USERNAME_HELP
    )


class TownshipUpdateForm(forms.Form):
    """What the county administrator may correct on a township: its name, its kind (which
    decides the words it reads), its county, and how its deputies rate answers. The term moves
    on with the first session of a new term (sessions), not here."""

    name = TownshipCreateForm.base_fields["name"]
    kind = TownshipCreateForm.base_fields["kind"]
    county = TownshipCreateForm.base_fields["county"]
    all_signers_rate = TownshipCreateForm.base_fields["all_signers_rate"]


class StaffCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=50)
    username = forms.CharField(label=_("Username"), max_length=150, help_text=USERNAME_HELP)


REASON_HELP = _(
    "Why, in a few words (the person asked by phone, left the office…): the audit log keeps "
    "it with your name."
)


class ReasonForm(forms.Form):
    """A change to an account (a new initial password, deactivation): the reason the audit
    log keeps; the service checks it."""

    reason = forms.CharField(label=_("Reason"), max_length=200, help_text=REASON_HELP)


class StaffPasswordForm(ReasonForm):
    """Which of a township's staff accounts gets a new initial password, and why."""

    user = forms.ModelChoiceField(label=_("Staff account"), queryset=User.objects.none())
    field_order = ["user", "reason"]

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.display_name}（{user.username}）"
        )


class PermissionsForm(ReasonForm):
    """The grantable permissions a staff account holds (GRANTABLE_PERMISSIONS), and why they
    change."""

    permissions = forms.MultipleChoiceField(
        label=_("Access beyond the role"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(GRANTABLE_PERMISSIONS.items()),
    )
    field_order = ["permissions", "reason"]
