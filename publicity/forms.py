from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import DateInput

from .models import Article, Publication
from .services import PublicationEntry

# Empty rows offered for more outlets: a new article rarely has more than three.
NEW_ROWS_ON_CREATE, NEW_ROWS_ON_EDIT = 3, 2


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "submitted_on", "author", "submitted_to"]
        widgets = {"submitted_on": DateInput()}


class PublicationForm(forms.Form):
    """One outlet the article was published at; an empty row is left out."""

    outlet = forms.ChoiceField(
        label=_("Published at"), choices=[("", "---------"), *Publication.Outlet.choices]
    )
    outlet_name = forms.CharField(
        label=_("Name of the newspaper or outlet"),
        max_length=Publication._meta.get_field("outlet_name").max_length,
        required=False,
        validators=Publication._meta.get_field("outlet_name").validators,
    )
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DateInput)

    def entry(self) -> PublicationEntry:
        data = self.cleaned_data
        return PublicationEntry(data["outlet"], data["outlet_name"], data["published_on"])


class BasePublicationFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def entries(self) -> list[PublicationEntry]:
        """The rows filled in and not marked to be removed."""
        return [
            form.entry()
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def publication_formset(*, data=None, publications=()):
    """The rows of an article's form: one per outlet it is recorded at (with a box to remove
    it), then empty ones to add more."""
    initial = [
        {"outlet": p.outlet, "outlet_name": p.outlet_name, "published_on": p.published_on}
        for p in publications
    ]
    formset_class = forms.formset_factory(
        PublicationForm,
        formset=BasePublicationFormSet,
        extra=NEW_ROWS_ON_EDIT if initial else NEW_ROWS_ON_CREATE,
        can_delete=True,
        can_delete_extra=False,
        max_num=len(Publication.Outlet) * 4,
        validate_max=True,
    )
    return formset_class(data=data, initial=initial, prefix="publications")
