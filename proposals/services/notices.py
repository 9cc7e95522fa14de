"""Who hears of each step of a proposal's handling, and in which words: the units that must
act, or the deputies who signed it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from congress.models import User
from congress.notifications.services import notify
from congress.roles import Role
from congress.wording import township_language

from ..models import Proposal

SUBMITTED_NOTICE = gettext_lazy("New proposal submitted: “%(title)s”")

# Who hears of each step: the units that must act, or the deputies who signed it.
STEP_NOTICES = {
    "register": gettext_lazy("Your proposal is registered: “%(title)s”"),
    "refuse": gettext_lazy("Your proposal was not registered: “%(title)s”"),
    "assign": gettext_lazy("Assigned to your unit: “%(title)s”"),
    "reassign": gettext_lazy("Assigned to your unit: “%(title)s”"),
    "send_back": gettext_lazy("Sent back to be handled again: “%(title)s”"),
    "rate_unsatisfied": gettext_lazy("The deputy is not satisfied; answer again: “%(title)s”"),
    "answer": gettext_lazy("Your proposal has been answered: “%(title)s”"),
    "close": gettext_lazy("Your proposal has been closed: “%(title)s”"),
}


def _subject(template, proposal: Proposal) -> str:
    # Stored text, read later by someone else: in the site's language, not the actor's.
    with township_language(proposal.township):
        return str(template) % {"title": proposal.title}


def _send(recipients, proposal: Proposal, template, kind: str, body: str = "") -> None:
    notify(
        recipients=recipients,
        kind=kind,
        subject=_subject(template, proposal),
        body=body,
        url=reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )


def notify_units(proposal: Proposal, template, body: str = "") -> None:
    units = proposal.assignments.values("unit_id")
    recipients = User.objects.filter(unit_id__in=units, role=Role.UNIT)
    _send(recipients, proposal, template, "proposals.to_unit", body)


def notify_signers(proposal: Proposal, template, move: str, body: str = "") -> None:
    recipients = User.objects.filter(
        deputy__signatures__proposal=proposal, deputy__signatures__declined_at__isnull=True
    )
    _send(recipients, proposal, template, f"proposals.{move}", body)


def notify_staff(proposal: Proposal, template, kind: str) -> None:
    recipients = User.objects.filter(township_id=proposal.township_id, role=Role.STAFF)
    _send(recipients, proposal, template, kind)
