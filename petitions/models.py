"""Letters and visits to the congress (信访). Only staff read them; the person's identity only
staff holding `petitions.view_petitioner`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from congress.workflow import StatusChange

from .workflow import PetitionStatus

DEFAULT_ACCEPT_DAYS = 15  # 信访工作条例 Art 32: decide whether to accept within 15 days
DEFAULT_CONCLUDE_DAYS = 60  # Art 36: conclude within 60 days of accepting


class PetitionPolicy(models.Model):
    """A township's deadlines for letters and visits, in calendar days."""

    township = models.OneToOneField(
        Township,
        on_delete=models.CASCADE,
        related_name="petition_policy",
        verbose_name=_("township"),
    )
    accept_days = models.PositiveSmallIntegerField(
        _("days to accept"),
        default=DEFAULT_ACCEPT_DAYS,
        help_text=_("Days from receipt to deciding whether to accept."),
    )
    conclude_days = models.PositiveSmallIntegerField(
        _("days to conclude"),
        default=DEFAULT_CONCLUDE_DAYS,
        help_text=_("Days from acceptance to the conclusion."),
    )

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("letters and visits deadlines")
        verbose_name_plural = _("letters and visits deadlines")

    def __str__(self):
        return str(self.township)


class Petition(models.Model):
    """A letter, visit, call or online message to the township congress."""

    Status = PetitionStatus

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")  # 来信
        VISIT = "visit", _("Visit")  # 来访
        PHONE = "phone", pgettext_lazy("petition channel", "Phone")  # 来电
        ONLINE = "online", _("Online")  # 网上信访

    class Category(models.TextChoices):
        LAND = "land", _("Land and housing")  # 土地房屋
        ENVIRONMENT = "environment", _("Environment")  # 生态环境
        INFRASTRUCTURE = "infrastructure", _("Roads and infrastructure")  # 城乡建设
        SOCIAL = "social", _("Social security and welfare")  # 社会保障
        LAW = "law", _("Law enforcement and justice")  # 执法司法
        COMPLAINT = "complaint", _("Complaint about officials")  # 干部作风
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("township")
    )
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # The person: shown only to staff with petitions.view_petitioner.
    name = models.CharField(_("name"), max_length=50, validators=[validate_visible_text])
    contact = models.CharField(
        _("contact"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, help_text=_("More than one for a group visit.")
    )
    category = models.CharField(
        pgettext_lazy("petition", "category"), max_length=20, choices=Category.choices
    )
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_visible_text])
    content = models.TextField(_("content"), validators=[validate_plain_text])
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("handling unit"),
    )
    accept_by = models.DateField(_("accept by"))
    conclude_by = models.DateField(_("conclude by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    result = models.TextField(_("result"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("letter or visit")
        verbose_name_plural = _("letters and visits")
        ordering = ["-received_on", "-pk"]
        indexes = [
            # Named as when the table was oversight's (the index kept its name when it moved).
            models.Index(
                fields=["township", "status", "-received_on"], name="oversight_p_townshi_1831da_idx"
            )
        ]
        permissions = [("view_petitioner", _("Can see who wrote or visited"))]

    def __str__(self):
        return self.subject


class PetitionStatusChange(StatusChange):
    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("letter or visit"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=PetitionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=PetitionStatus.choices)

    history = HistoricalRecords()

    scope = Scope(township="petition__township")

    class Meta(StatusChange.Meta):
        verbose_name = _("letter or visit status change")
        verbose_name_plural = _("letter or visit status changes")

    def __str__(self):
        return f"{self.petition} → {self.get_to_status_display()}"


class PetitionReply(models.Model):
    """A reply on a letter or visit: the handling unit's answer, or the reply to the person."""

    class Direction(models.TextChoices):
        FROM_UNIT = "from_unit", _("Answer from the handling unit")
        TO_PERSON = "to_person", _("Reply to the person")

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("letter or visit"),
    )
    direction = models.CharField(_("kind"), max_length=20, choices=Direction.choices)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"), validators=[validate_plain_text])
    recorded_by = models.ForeignKey(
        "congress.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    history = HistoricalRecords()

    scope = Scope(township="petition__township")

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.text[:40]
