"""Work evaluations (工作评议): deputies evaluate a unit or station and each rates it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.models import Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text
from deputies.models import Deputy

from .actions import OversightAction


class Verdict(models.TextChoices):
    SATISFIED = "satisfied", pgettext_lazy("evaluation", "Satisfied")  # 满意
    FAIRLY = "fairly", pgettext_lazy("evaluation", "Fairly satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", pgettext_lazy("evaluation", "Dissatisfied")  # 不满意


class WorkEvaluation(models.Model):
    """The evaluation an oversight action of kind 工作评议 holds: which unit, the overall result,
    and the unit's response. The meeting and the deputies taking part are the action's."""

    Verdict = Verdict

    action = models.OneToOneField(
        OversightAction,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("oversight action"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("unit evaluated"),
    )
    conclusion = models.TextField(
        _("overall result"),
        blank=True,
        help_text=_("The presidium's conclusion; the ratings are counted beside it."),
        validators=[validate_plain_text],
    )
    response = models.TextField(
        _("the unit's response"), blank=True, validators=[validate_plain_text]
    )
    improvements = models.TextField(
        _("improvements made"), blank=True, validators=[validate_plain_text]
    )
    responded_on = models.DateField(_("responded on"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope(township="action__township", unit="unit")

    class Meta:
        verbose_name = _("work evaluation")
        verbose_name_plural = _("work evaluations")
        ordering = ["-pk"]
        permissions = [("respond_workevaluation", _("Can record the unit's response"))]

    def __str__(self):
        return str(self.unit)


class EvaluationRating(models.Model):
    """One deputy's rating of the unit evaluated, with their opinions."""

    evaluation = models.ForeignKey(
        WorkEvaluation,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("work evaluation"),
    )
    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.PROTECT,
        related_name="evaluation_ratings",
        verbose_name=_("deputy"),
    )
    verdict = models.CharField(_("rating"), max_length=20, choices=Verdict.choices)
    opinion = models.TextField(_("opinions"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope(township="evaluation__action__township", owner="deputy__user")

    class Meta:
        verbose_name = _("evaluation rating")
        verbose_name_plural = _("evaluation ratings")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "deputy"],
                name="evaluation_rating_once_per_deputy",
                violation_error_message=_("This deputy has already rated this evaluation."),
            )
        ]

    def __str__(self):
        return f"{self.deputy} {self.get_verdict_display()}"
