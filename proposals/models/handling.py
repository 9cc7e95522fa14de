"""How a proposal is handled: the assignment meeting (交办会), each unit's assignment and
deadline, extensions, co-units' views, the lead unit's answer and the signers' ratings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.attachments import AttachedFile
from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from deputies.models import Deputy

from .proposals import SIGNERS, UNITS, Proposal


class AssignmentMeeting(models.Model):
    """A dated meeting at which staff hand many proposals to the units (交办会)."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="assignment_meetings",
        verbose_name=_("township"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(
        _("place"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    note = models.TextField(_("note"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("assignment meeting")
        verbose_name_plural = _("assignment meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return _("Assignment meeting of %(date)s") % {"date": self.date.strftime("%Y-%m-%d")}


class Assignment(models.Model):
    """A proposal handed to a unit: the lead unit (主办) answers, co-units (协办) send it their
    view. One row per proposal and unit; reassigning removes the old unit's row."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead unit")  # 主办
        CO = "co", _("Co-unit")  # 协办

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("proposal")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("handling unit")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)
    meeting = models.ForeignKey(
        AssignmentMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("assignment meeting"),
    )
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("answer due"))
    is_hard = models.BooleanField(
        _("hard to handle"), default=False, help_text=_("Up to six months (代表法 Art 51).")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    scope = Scope(township="proposal__township", owner="proposal__" + SIGNERS, unit="unit")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit"], name="assignment_once_per_unit")
        ]
        # A unit's items by deadline (its queue): read in order, a page at a time.
        indexes = [models.Index(fields=["unit", "deadline"], name="assignment_unit_deadline")]

    def __str__(self):
        # Not through the proposal: the history shows it after an admin deleted the proposal.
        return f"{self.unit} ({self.get_role_display()})"


class DeadlineExtension(models.Model):
    """A unit asks for more time, with a reason; staff approve or refuse it."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("assignment"),
    )
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"), validators=[validate_plain_text])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved = models.BooleanField(_("approved"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True, validators=[validate_plain_text])

    history = HistoricalRecords()

    scope = Scope(township="assignment__proposal__township", unit="assignment__unit")

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["pk"]

    def __str__(self):
        return str(self.new_deadline)


class CoUnitOpinion(models.Model):
    """A co-unit's view, sent to the lead unit before it answers."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("assignment")
    )
    text = models.TextField(_("view"), validators=[validate_plain_text])
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope(township="assignment__proposal__township", unit="assignment__proposal__" + UNITS)

    class Meta:
        verbose_name = _("co-unit view")
        verbose_name_plural = _("co-unit views")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:20]


class AnswerCategory(models.Model):
    """How far an answer settles the matter (A 已解决或基本解决 ... D 留作参考); staff rename."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="answer_categories",
        verbose_name=_("township"),
    )
    code = models.CharField(_("code"), max_length=5, validators=[validate_visible_text])
    label = models.CharField(_("name"), max_length=50, validators=[validate_visible_text])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("answer category")
        verbose_name_plural = _("answer categories")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["township", "code"], name="answer_category_code_once")
        ]

    def __str__(self):
        return f"{self.code} {self.label}"


class Answer(models.Model):
    """The lead unit's answer: its category, text, who met the deputy, and when."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="answers", verbose_name=_("proposal")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="answers", verbose_name=_("handling unit")
    )
    category = models.ForeignKey(
        AnswerCategory,
        on_delete=models.PROTECT,
        null=True,
        related_name="answers",
        verbose_name=_("category"),
    )
    text = models.TextField(_("answer"), validators=[validate_plain_text])
    contact_person = models.CharField(
        _("met the deputy"),
        max_length=50,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("Who from the unit met or called the deputy."),
    )
    met_on = models.DateField(_("met on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    returned = models.BooleanField(
        _("returned"), default=False, help_text=_("Staff sent it back as not good enough.")
    )

    history = HistoricalRecords()

    scope = Scope(township="proposal__township", owner="proposal__" + SIGNERS, unit="unit")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["answered_at", "pk"]

    def __str__(self):
        return f"{self.unit}: {self.category or ''}"


def answer_attachment_path(instance, filename):
    return f"proposals/answers/{instance.answer_id}/{filename}"


class AnswerAttachment(AttachedFile):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("answer")
    )
    file = models.FileField(_("file"), upload_to=answer_attachment_path)

    history = HistoricalRecords()

    scope = Scope(
        township="answer__proposal__township",
        owner="answer__proposal__" + SIGNERS,
        unit="answer__unit",
    )

    class Meta:
        verbose_name = _("answer attachment")
        verbose_name_plural = _("answer attachments")
        ordering = ["pk"]


class Rating(models.Model):
    """A signer's rating of an answer: attitude (办理态度) and result (办理结果)."""

    class Level(models.TextChoices):
        # With a context: the reports to voters' "Satisfied" is 比较满意, a rating's is 满意.
        SATISFIED = "satisfied", pgettext_lazy("rating", "Satisfied")  # 满意
        BASIC = "basic", pgettext_lazy("rating", "Basically satisfied")  # 基本满意
        UNSATISFIED = "unsatisfied", pgettext_lazy("rating", "Not satisfied")  # 不满意

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("answer")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("deputy")
    )
    attitude = models.CharField(_("handling attitude"), max_length=20, choices=Level.choices)
    result = models.CharField(_("handling result"), max_length=20, choices=Level.choices)
    reasons = models.TextField(_("reasons"), blank=True, validators=[validate_plain_text])
    rated_at = models.DateTimeField(_("rated at"))

    history = HistoricalRecords()

    scope = Scope(township="answer__proposal__township", owner="deputy__user", unit="answer__unit")

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["rated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "deputy"], name="rating_once_per_answer")
        ]

    def __str__(self):
        return f"{self.deputy}: {self.get_attitude_display()}/{self.get_result_display()}"

    @property
    def is_unsatisfied(self) -> bool:
        return self.Level.UNSATISFIED in {self.attitude, self.result}
