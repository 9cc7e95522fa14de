"""The township this deployment serves, its handling units, and its corrections to the
published calendar of working days."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ..scoping import Scope
from ..validators import validate_visible_text

KIND_HELP = pgettext_lazy(
    "township kind", "Decides the words printed for it: 镇长 or 乡长, 镇人民政府 or 乡人民政府."
)


class Township(models.Model):
    """A township-level division (镇, 乡 or 民族乡) whose people's congress this deployment
    serves. Its kind decides the words the product prints for it (congress.wording)."""

    # With the context "township kind", words that name the kinds themselves: the same for
    # every township, never turned into 乡 by the dialect (congress.wording).
    class Kind(models.TextChoices):
        TOWN = "town", pgettext_lazy("township kind", "Town (镇)")
        XIANG = "xiang", pgettext_lazy("township kind", "Township (乡)")
        ETHNIC = "ethnic", pgettext_lazy("township kind", "Ethnic township (民族乡)")

    name = models.CharField(
        _("name"),
        max_length=50,
        unique=True,
        validators=[validate_visible_text],
        error_messages={"unique": _("A township with this name already exists.")},
    )
    county = models.CharField(_("county"), max_length=50, validators=[validate_visible_text])
    kind = models.CharField(
        pgettext_lazy("township kind", "kind of township"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.TOWN,
        db_default=Kind.TOWN,
        help_text=KIND_HELP,
    )
    current_term = models.PositiveSmallIntegerField(_("current term"), help_text=_("届"))
    all_signers_rate = models.BooleanField(
        _("every signer rates"),
        default=False,
        db_default=False,
        help_text=_(
            "Ticked: an answer waits for every signing deputy's rating. Not ticked (the usual "
            "practice): the lead deputy's rating is the item's, co-signers may add theirs."
        ),
    )

    history = HistoricalRecords()

    scope = Scope(township="pk")

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def short_kind(self) -> str:
        """镇 or 乡 (a 民族乡's bodies are the 乡人民政府, 乡长, 乡人大): what 我镇, 镇长 and
        镇人大主席团 are built from."""
        return "镇" if self.kind == self.Kind.TOWN else "乡"


class Unit(models.Model):
    """A handling unit (承办单位): a town-government office, a station or a village committee."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Government office")
        STATION = "station", _("Station")
        VILLAGE = "village", _("Village committee")
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="units", verbose_name=_("township")
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_visible_text])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    scope = Scope(unit="pk")

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="unit_unique_name_per_township",
                violation_error_message=_("A handling unit with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class WorkdayOverride(models.Model):
    """A day staff mark as a working day or a day off against the published calendar: a year
    the State Council has not yet published (chinese-calendar does not know it), or a local
    correction. Deadlines falling on a day off move to the next working day."""

    township = models.ForeignKey(
        Township,
        on_delete=models.CASCADE,
        related_name="workday_overrides",
        verbose_name=_("township"),
    )
    date = models.DateField(_("date"))
    is_workday = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day (调休 make-up day); not: a day off.")
    )
    note = models.CharField(
        _("note"), max_length=100, blank=True, validators=[validate_visible_text]
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("working-day correction")
        verbose_name_plural = _("working-day corrections")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "date"],
                name="workday_override_once",
                violation_error_message=_("This day is already corrected."),
            )
        ]

    def __str__(self):
        return str(self.date)
