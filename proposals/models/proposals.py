"""A proposal (议案 or 建议), who signed it, its field, its number and its files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.attachments import AttachedFile
from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_plain_text, validate_visible_text
from congress.workflow import StatusChange
from deputies.models import Deputy
from sessions.models import CongressSession

from ..workflow import Status

# Who may see a proposal as "their own" (every deputy who signed it) and as "their unit's" (every
# unit it is assigned to, lead or co-unit); paths from the proposal.
SIGNERS = "signers__deputy__user"
UNITS = "assignments__unit"


class ProposalField(models.Model):
    """A field of work proposals are sorted by (城乡建设, 生态环境 ...): staff keep the list."""

    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="proposal_fields",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=50, validators=[validate_visible_text])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    scope = Scope()

    class Meta:
        verbose_name = _("proposal field")
        verbose_name_plural = _("proposal fields")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="proposal_field_unique_name",
                violation_error_message=_("This field already exists."),
            )
        ]

    def __str__(self):
        return self.name


class Proposal(models.Model):
    """A motion (议案) or a suggestion, criticism or opinion (建议、批评和意见)."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")  # 议案
        SUGGESTION = "suggestion", _("Suggestion, criticism or opinion")  # 建议、批评和意见

    class Proposer(models.TextChoices):
        DEPUTIES = "deputies", _("Deputies")
        PRESIDIUM = "presidium", pgettext_lazy("proposer", "The presidium")
        GOVERNMENT = "government", _("The township government")

    Status = Status

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("township")
    )
    session = models.ForeignKey(
        CongressSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("congress session"),
        help_text=_("Empty for a proposal made between sessions."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUGGESTION)
    proposer = models.CharField(
        _("proposed by"), max_length=20, choices=Proposer.choices, default=Proposer.DEPUTIES
    )
    deputy = models.ForeignKey(
        Deputy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("lead deputy"),
        help_text=_("The deputy who leads it (领衔); empty for the presidium's or government's."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_visible_text],
        help_text=_("For a motion: its subject (案由)."),
    )
    content = models.TextField(
        _("content"),
        help_text=_("For a motion: its grounds (案据)."),
        validators=[validate_plain_text],
    )
    solution = models.TextField(
        _("proposed solution"),
        blank=True,
        help_text=_("方案: what should be done."),
        validators=[validate_plain_text],
    )
    field = models.ForeignKey(
        ProposalField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("field"),
    )
    is_key = models.BooleanField(_("key proposal"), default=False)
    lead_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_proposals_led",
        verbose_name=_("presidium member leading it"),
    )
    # Moved only by proposals.workflow.PROPOSAL_WORKFLOW.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    number_year = models.PositiveSmallIntegerField(_("numbering year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    handling_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("lead handling unit"),
    )
    due_date = models.DateField(
        _("answer due"), null=True, blank=True, db_index=True, help_text=_("The lead unit's.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="split_into",
        verbose_name=_("split from"),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown, with its answer, on the public page.")
    )
    voter_contact = models.OneToOneField(
        "deputies.VoterContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("voter contact it was made from"),
    )

    history = HistoricalRecords()

    scope = Scope(owner=SIGNERS, unit=UNITS)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("assign_proposal", _("Can register and assign proposals")),
            ("answer_proposal", _("Can record a handling unit's answer to a proposal")),
            ("close_proposal", _("Can close an answered proposal")),
            ("submit_on_behalf", _("Can register a proposal on a deputy's behalf")),
            ("rate_proposal", _("Can rate the handling of a proposal one signed")),
        ]
        indexes = [
            models.Index(fields=["township", "-submitted_at"]),
            models.Index(fields=["township", "status", "due_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "number_year", "kind", "number"],
                name="proposal_number_unique",
                violation_error_message=_("This number is already given."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def number_label(self) -> str:
        """建议第3号 (2024): the registered number, empty before registration."""
        if self.number is None:
            return ""
        return _("%(kind)s No. %(number)s (%(year)s)") % {
            "kind": self.get_kind_display() if self.kind == self.Kind.MOTION else _("Suggestion"),
            "number": self.number,
            "year": self.number_year,
        }


class ProposalCounter(models.Model):
    """The last number given per township, year and kind: registration locks its row, so
    numbers are gapless even when two are registered at the same instant (a rolled-back
    registration gives its number back)."""

    township = models.ForeignKey(Township, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Proposal.Kind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "kind"], name="proposal_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.township_id} {self.year} {self.kind}: {self.last}"


class ProposalSigner(models.Model):
    """A deputy who signs a proposal: its lead (领衔), or a co-signer who confirms online before
    a deadline (附议). Every signer follows it and rates its answer."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="signers", verbose_name=_("proposal")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("deputy")
    )
    is_lead = models.BooleanField(_("lead"), default=False)
    confirm_by = models.DateField(_("confirm by"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    history = HistoricalRecords()

    scope = Scope(township="proposal__township", owner="deputy__user", unit="proposal__" + UNITS)

    class Meta:
        verbose_name = _("signer")
        verbose_name_plural = _("signers")
        ordering = ["-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "deputy"],
                name="proposal_signed_once",
                violation_error_message=_("This deputy has already signed it."),
            )
        ]

    def __str__(self):
        return str(self.deputy)

    @property
    def is_confirmed(self) -> bool:
        return self.is_lead or self.confirmed_at is not None


def proposal_attachment_path(instance, filename):
    return f"proposals/{instance.proposal_id}/{filename}"


class ProposalAttachment(AttachedFile):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    file = models.FileField(_("file"), upload_to=proposal_attachment_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    scope = Scope(
        township="proposal__township", owner="proposal__" + SIGNERS, unit="proposal__" + UNITS
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]


class ProposalStatusChange(StatusChange):
    """One step of a proposal's handling: who moved it, when, from where to where, and why."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("proposal"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)

    # Steps are only ever added; the history keeps them when the admin deletes a proposal.
    history = HistoricalRecords()

    scope = Scope(
        township="proposal__township",
        owner="proposal__" + SIGNERS,
        unit="proposal__" + UNITS,
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status or '-'} → {self.to_status}"


class ProposalDateCorrection(models.Model):
    """Staff corrected the date of one of a proposal's events (entered late from paper, or
    typed wrong): which event, the date it had and the date it has now, who and why. The
    event's own records then carry the new date; this row keeps the old one."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("dated event", "submission")
        REGISTERED = "registered", pgettext_lazy("dated event", "registration")
        ASSIGNED = "assigned", pgettext_lazy("dated event", "assignment")
        ANSWERED = "answered", pgettext_lazy("dated event", "answer")

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="date_corrections",
        verbose_name=_("proposal"),
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    old_at = models.DateTimeField(_("date before"))
    new_at = models.DateTimeField(_("date after"))
    reason = models.TextField(_("reason"), validators=[validate_plain_text])
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    # Corrections are only ever added; the history keeps them when the admin deletes one.
    history = HistoricalRecords()

    scope = Scope(
        township="proposal__township", owner="proposal__" + SIGNERS, unit="proposal__" + UNITS
    )

    class Meta:
        verbose_name = _("date correction")
        verbose_name_plural = _("date corrections")
        ordering = ["corrected_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.event} {self.old_at:%Y-%m-%d} → {self.new_at:%Y-%m-%d}"
