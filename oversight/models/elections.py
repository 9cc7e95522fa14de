from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from deputies.models import Deputy


class ElectionObservation(models.Model):
    """The presidium observing one stage of a village's committee election (村两委换届):
    who observed, and the issues found."""

    class Stage(models.TextChoices):
        PREPARATION = "preparation", _("Preparation and publicity")  # 选举准备与宣传
        REGISTRATION = "registration", _("Voter registration")  # 选民登记
        NOMINATION = "nomination", _("Nomination of candidates")  # 候选人提名
        VOTING = "voting", _("Voting and counting")  # 投票选举
        HANDOVER = "handover", _("Handover")  # 工作移交
        OTHER = "other", _("Other")

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="election_observations",
        verbose_name=_("township"),
    )
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="election_observations",
        verbose_name=_("village"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    observers = models.ManyToManyField(
        Deputy, blank=True, related_name="election_observations", verbose_name=_("observers")
    )
    other_observers = models.CharField(
        _("other observers"),
        max_length=200,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("Names of observers who are not deputies."),
    )
    issues = models.TextField(_("issues found"), blank=True, validators=[validate_plain_text])
    notes = models.TextField(_("notes"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords(m2m_fields=[observers])

    scope = Scope()

    class Meta:
        verbose_name = _("election observation")
        verbose_name_plural = _("election observations")
        ordering = ["-date", "village__name", "pk"]

    def __str__(self):
        return f"{self.village} {self.get_stage_display()}"
