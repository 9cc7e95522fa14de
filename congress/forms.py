import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .attendance import AttendanceStatus
from .models import AuthEvent, User
from .pagination import count_up_to


def form_add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


# The hidden field of a create form that carries its one-time token (congress.views_mixins).
SUBMISSION_TOKEN = "submission_token"
FORM_EXPIRED = _("This form has expired. Check it and submit it again.")


def add_submission_token(form: forms.BaseForm) -> forms.BaseForm:
    """Give a create form its one-time token: a hidden field, a new value each time the page
    is shown, sent back with the form and used once (CreateOnceMixin)."""
    form.fields[SUBMISSION_TOKEN] = forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={"required": FORM_EXPIRED, "invalid": FORM_EXPIRED},
    )
    return form


def renew_submission_token(form: forms.BaseForm) -> None:
    """A form shown again (with errors) gets a fresh token; a token error shows as the
    form's own message, since its field is hidden."""
    if SUBMISSION_TOKEN not in form.fields or not form.is_bound:
        return
    form.data = form.data.copy()
    form.data[SUBMISSION_TOKEN] = str(uuid.uuid4())
    if SUBMISSION_TOKEN in form.errors:
        del form.errors[SUBMISSION_TOKEN]
        form.add_error(None, FORM_EXPIRED)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ProtectedFileInput(forms.ClearableFileInput):
    """A file input whose current file links to the view that serves it behind the login
    (`download_url`); Django's own links to a public media URL, which this site does not have.
    Rendered by templates/bootstrap5/layout/field_file.html."""

    def __init__(self, attrs=None, *, download_url: str = ""):
        super().__init__(attrs=attrs)
        self.download_url = download_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["download_url"] = self.download_url
        return context


# A drop-down lists at most this many records. Past it (a province's roster in one list) the
# field is a box for the record's name: a page of 50,000 <option>s is megabytes nobody scrolls.
SELECT_LIMIT = 500


class ChoiceByNameField(forms.ModelChoiceField):
    """A ModelChoiceField that stays a drop-down for a short list and becomes a name box for a
    long one; the name must name exactly one record of the queryset (or give its number)."""

    def __init__(self, queryset, *, name_field: str = "name", **kwargs):
        super().__init__(queryset, **kwargs)
        self.name_field = name_field
        self.by_name = count_up_to(queryset, SELECT_LIMIT) > SELECT_LIMIT
        if self.by_name:
            self.widget = forms.TextInput(attrs={"autocomplete": "off"})
            self.help_text = _("Type the name as the roster has it.")

    def prepare_value(self, value):
        if not self.by_name or value in self.empty_values:
            return super().prepare_value(value)
        if isinstance(value, self.queryset.model):
            return getattr(value, self.name_field)
        if str(value).isdigit():
            record = self.queryset.filter(pk=value).first()
            return getattr(record, self.name_field) if record else value
        return value

    def to_python(self, value):
        if not self.by_name or value in self.empty_values:
            return super().to_python(value)
        value = str(value).strip()
        if value.isdigit():
            return super().to_python(value)
        matches = list(self.queryset.filter(**{self.name_field: value})[:2])
        if not matches:
            raise ValidationError(_("No one of that name is on the list."), code="invalid_choice")
        if len(matches) > 1:
            raise ValidationError(
                _("More than one has that name: type the number of the one you mean."),
                code="ambiguous",
            )
        return matches[0]


class AttendanceForm(forms.Form):
    """One choice per deputy on the roll: present, on approved leave, absent, or not involved."""

    clear = forms.BooleanField(label=_("Clear all marks"), required=False)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        blank = [("", _("Not involved"))]
        for row in rows:
            self.fields[f"d{row['deputy'].pk}"] = forms.ChoiceField(
                label=row["deputy"].name,
                choices=blank + list(AttendanceStatus.choices),
                required=False,
                initial=row["status"],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def statuses(self) -> dict[int, str]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("d") and value
        }

    def bound_rows(self):
        for row in self.rows:
            yield row["deputy"], self[f"d{row['deputy'].pk}"]


class ProfileForm(forms.Form):
    """What every user sets for themselves: where email goes and how often."""

    email = forms.EmailField(label=_("Email address"), required=False)
    email_frequency = forms.ChoiceField(
        label=_("Email notifications"),
        choices=User.EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Notifications always appear on this site; email is in addition."),
    )


class AllYesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter's drop-down: 全部 (no filter), 是, 否. Django's (and django-filter's
    BooleanFilter's) says 未知 for the empty choice, as if a record could be neither."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("All")), ("true", _("Yes")), ("false", _("No")))


class FilterForm(forms.Form):
    """A list's filters (with FilterFormListMixin): small fields in one row, and `filters()`,
    the valid values for the list's selector (none when the form is not valid). A yes/no field
    offers 全部/是/否 (AllYesNoSelect)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.NullBooleanSelect:
                field.widget = AllYesNoSelect(field.widget.attrs)
            if isinstance(field.widget, forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        # A yes/no field's 否 (False) is a filter too; an unticked box or 全部 is none.
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value or (value is False and isinstance(self.fields[name], forms.NullBooleanField))
        }


class AuthEventFilterForm(FilterForm):
    """The audit log's filters: what happened, to which account, between which days."""

    kind = forms.ChoiceField(
        label=_("Event"), choices=[("", _("All events")), *AuthEvent.Kind.choices], required=False
    )
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
