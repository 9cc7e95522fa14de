from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Township, Unit
from congress.scoping import Scope
from congress.validators import validate_visible_text
from congress.workflow import StatusChange
from deputies.models import Deputy
from sessions.models import CongressSession

from .workflow import Status


class Proposal(models.Model):
    """A deputy's motion (议案), suggestion (建议) or criticism and opinion (意见)."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")
        SUGGESTION = "suggestion", _("Suggestion")
        OPINION = "opinion", _("Criticism or opinion")

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
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("deputy")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUGGESTION)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    content = models.TextField(_("content"))
    is_key = models.BooleanField(_("key proposal"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    handling_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("handling unit"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    voter_contact = models.OneToOneField(
        "deputies.VoterContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("voter contact it was made from"),
    )

    history = HistoricalRecords()

    scope = Scope(owner="deputy__user", unit="handling_unit")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("assign_proposal", _("Can assign a proposal to a handling unit")),
            ("answer_proposal", _("Can record a handling unit's answer to a proposal")),
            ("close_proposal", _("Can close an answered proposal")),
            ("submit_on_behalf", _("Can register a proposal on a deputy's behalf")),
        ]
        indexes = [models.Index(fields=["township", "-submitted_at"])]

    def __str__(self):
        return self.title


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
        owner="proposal__deputy__user",
        unit="proposal__handling_unit",
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status or '-'} → {self.to_status}"
