"""The roster: constituencies, deputy groups, deputies (people) and their mandates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township
from congress.names import NAME_KEY_LENGTH, pinyin_key, stroke_key
from congress.numerals import document_numeral
from congress.scoping import Scope
from congress.validators import validate_visible_text

from ..sorting import SORT_KEY_LENGTH, natural_sort_key
from ..validators import (
    validate_birth_month,
    validate_mandate_date,
    validate_phone,
    validate_term,
)


class NaturalNameQuerySet(models.QuerySet):
    """Bulk writes fill the sort key too, as save() does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.sort_key = natural_sort_key(obj.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for obj in objs:
                obj.sort_key = natural_sort_key(obj.name)
            fields = [*fields, "sort_key"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class NaturallyOrderedByName(models.Model):
    """A named record of the township (a constituency, a deputy group), listed by its name in
    natural order: 第二选区 before 第十选区, 小组2 before 小组10.

    Databases compare text character by character, so the order is kept in a derived column,
    the name with its numbers (digits or Chinese numerals) zero-padded, written on every save.
    """

    NATURAL_ORDER = ["sort_key", "name"]

    name = models.CharField(_("name"), max_length=50, validators=[validate_visible_text])
    description = models.CharField(
        _("description"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    sort_key = models.CharField(_("sort key"), max_length=SORT_KEY_LENGTH, editable=False)

    scope = Scope()

    objects = NaturalNameQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = natural_sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)


class Constituency(NaturallyOrderedByName):
    """An electoral district (选区) of the township."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="constituencies",
        verbose_name=_("township"),
    )
    history = HistoricalRecords(excluded_fields=["sort_key"])

    class Meta:
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        ordering = NaturallyOrderedByName.NATURAL_ORDER
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="constituency_unique_name_per_township",
                violation_error_message=_("A constituency with this name already exists."),
            )
        ]


class DeputyGroup(NaturallyOrderedByName):
    """A deputy group (代表小组): deputies who meet and act together between sessions."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="deputy_groups",
        verbose_name=_("township"),
    )
    history = HistoricalRecords(excluded_fields=["sort_key"])

    class Meta:
        verbose_name = _("deputy group")
        verbose_name_plural = _("deputy groups")
        ordering = NaturallyOrderedByName.NATURAL_ORDER
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="deputygroup_unique_name_per_township",
                violation_error_message=_("A deputy group with this name already exists."),
            )
        ]


class DeputyQuerySet(models.QuerySet):
    """Bulk writes fill the name keys too, as save() does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_name_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for obj in objs:
                obj.fill_name_keys()
            fields = [*fields, *Deputy.NAME_KEYS]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Deputy(models.Model):
    """A person who holds, or held, one or more deputy mandates in this township.

    Deputies are listed as official lists print them, 按姓氏笔画 (congress.names): the order is
    kept in name_stroke_key, written on every save with name_pinyin (for finding a name typed in
    pinyin)."""

    # The official order of names, for querysets that name their order (Meta.ordering is it too).
    OFFICIAL_ORDER = ("name_stroke_key", "pk")
    NAME_KEYS = ("name_stroke_key", "name_pinyin")

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Affiliation(models.TextChoices):
        CPC = "cpc", _("CPC member")
        CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
        YOUTH_LEAGUE = "youth_league", _("Communist Youth League member")
        DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
        NONE = "none", _("No party affiliation")

    class Education(models.TextChoices):
        POSTGRADUATE = "postgraduate", _("Postgraduate")
        BACHELOR = "bachelor", _("Bachelor's degree")
        COLLEGE = "college", _("Junior college")
        SECONDARY = "secondary", _("Senior or vocational secondary school")
        JUNIOR = "junior", _("Junior secondary school or below")

    class Occupation(models.TextChoices):
        OFFICIAL = "official", _("Party and government cadre")
        PROFESSIONAL = "professional", _("Professional and technical")
        ENTERPRISE = "enterprise", _("Enterprise manager")
        WORKER = "worker", _("Worker")
        FARMER = "farmer", _("Farmer")
        VILLAGE_CADRE = "village_cadre", _("Village cadre")
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("township")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
        verbose_name=_("login account"),
    )
    name = models.CharField(_("full name"), max_length=50, validators=[validate_visible_text])
    name_stroke_key = models.CharField(
        _("name in stroke order"), max_length=NAME_KEY_LENGTH, editable=False, default=""
    )
    name_pinyin = models.CharField(
        _("name in pinyin"), max_length=NAME_KEY_LENGTH, editable=False, default=""
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, default="汉族", validators=[validate_visible_text]
    )
    birth_month = models.DateField(
        _("birth year and month"),
        null=True,
        blank=True,
        validators=[validate_birth_month],
        help_text=_("Stored as the first day of the month."),
    )
    affiliation = models.CharField(
        _("political affiliation"),
        max_length=20,
        choices=Affiliation.choices,
        default=Affiliation.NONE,
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, default=Occupation.OTHER
    )
    work_unit = models.CharField(
        _("work unit and post"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("A mobile number, or a landline with its area code: 0578-8123456."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    photo = models.ImageField(_("photo"), upload_to="deputies/photos/", blank=True)
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_deputies",
        verbose_name=_("presidium member in contact"),
    )

    history = HistoricalRecords(excluded_fields=["photo", "name_stroke_key", "name_pinyin"])

    scope = Scope(owner="user")

    objects = DeputyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name_stroke_key", "pk"]
        permissions = [("view_private", _("Can see deputies' phone, address and points"))]
        indexes = [
            models.Index(fields=["township", "name"]),
            models.Index(fields=["township", "name_stroke_key"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_name_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, *self.NAME_KEYS}
        super().save(*args, **kwargs)

    def fill_name_keys(self) -> None:
        self.name_stroke_key = stroke_key(self.name)
        self.name_pinyin = pinyin_key(self.name)


# A deputy's personal details, in the order forms and the roster workbook show them. The one list
# to extend when a detail is added: the profile form, the services, the workbook's columns, the
# import and the demo data all follow it.
DEPUTY_DETAILS = (
    "name",
    "gender",
    "ethnicity",
    "birth_month",
    "affiliation",
    "education",
    "occupation",
    "work_unit",
    "phone",
    "address",
)
# What staff edit on a deputy's record: the login account, the details, the photo and the liaison.
DEPUTY_PROFILE_FIELDS = ("user", *DEPUTY_DETAILS, "photo", "liaison")


class Mandate(models.Model):
    """One deputy's seat at one level for one term (届), and how it stands."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County deputy")
        TOWNSHIP = "township", _("Township deputy")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In office")
        RESIGNED = "resigned", _("Resigned")
        RECALLED = "recalled", _("Recalled")
        TERMINATED = "terminated", _("Terminated")
        TRANSFERRED = "transferred", _("Transferred away")
        EXPIRED = "expired", _("Term ended")  # 任期届满: the next term's first session met

    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("deputy")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    term = models.PositiveSmallIntegerField(_("term"), validators=[validate_term])
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.PROTECT,
        related_name="mandates",
        verbose_name=_("constituency"),
    )
    group = models.ForeignKey(
        DeputyGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("deputy group"),
    )
    status = models.CharField(
        _("mandate status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_index=True,
    )
    start_date = models.DateField(
        _("mandate start date"),
        null=True,
        blank=True,
        validators=[validate_mandate_date],
        help_text=_("The first day in office; empty: from the start of the term."),
    )
    end_date = models.DateField(
        _("mandate end date"),
        null=True,
        blank=True,
        validators=[validate_mandate_date],
        help_text=_("The day the mandate ended: from this day on the deputy is not in office."),
    )
    status_reason = models.CharField(
        _("reason"), max_length=200, blank=True, validators=[validate_visible_text]
    )

    history = HistoricalRecords()

    scope = Scope(township="deputy__township", owner="deputy__user")

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-term", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "level", "term"],
                name="mandate_unique_per_level_and_term",
                violation_error_message=_(
                    "This deputy already holds a mandate at this level in this term."
                ),
            )
        ]

    def __str__(self):
        term = _("term %(term)s") % {"term": document_numeral(self.term)}
        return f"{self.deputy} {self.get_level_display()} {term}"

    @property
    def has_ended(self) -> bool:
        """No longer 在任 (resigned, recalled, terminated, transferred)."""
        return self.status != self.Status.ACTIVE
