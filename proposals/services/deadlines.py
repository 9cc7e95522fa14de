"""Writes about deadlines: a lead unit asks for a later deadline and staff decide, co-units
send the lead unit their view, and staff correct the working-day calendar."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.db import save_unique
from congress.models import User, WorkdayOverride
from congress.notifications.services import notify
from congress.roles import Role
from congress.wording import township_language
from congress.workdays import Workdays

from .. import permissions, rules
from ..models import Assignment, CoUnitOpinion, DeadlineExtension, Proposal
from ..workflow import Status

# ------------------------------------------------------------------------ extensions


def latest_extended_deadline(*, assignment: Assignment) -> datetime.date:
    """The latest day an extension may give: MAX_EXTENSION_MONTHS after the current deadline,
    on a working day."""
    township = assignment.proposal.township
    return Workdays(township).months_later(assignment.deadline, rules.MAX_EXTENSION_MONTHS)


def extension_request_check(*, assignment: Assignment, by: User) -> None:
    """Whether `by` may ask for a later deadline on this assignment now: a user of the lead
    unit, while the proposal is being handled, with no other request waiting."""
    if not permissions.works_for_unit(user=by, unit_id=assignment.unit_id):
        raise ValidationError(_("Only the handling unit's own users ask for a later deadline."))
    if not permissions.may_request_extension(user=by, assignment=assignment):
        raise ValidationError(
            _("Only the lead unit asks for a later deadline; a co-unit follows the lead unit's.")
        )
    if assignment.proposal.status != Status.ASSIGNED:
        raise ValidationError(
            _("A later deadline can be asked for only while the proposal is being handled.")
        )
    if assignment.extensions.filter(approved__isnull=True).exists():
        raise ValidationError(
            _("A request for a later deadline is already waiting for staff's decision.")
        )


def _check_new_deadline(assignment: Assignment, new_deadline: datetime.date) -> None:
    latest = latest_extended_deadline(assignment=assignment)
    if new_deadline <= assignment.deadline:
        raise ValidationError(
            {
                "new_deadline": _("The new deadline must be later than the current one (%(day)s).")
                % {"day": date_format(assignment.deadline)}
            }
        )
    if new_deadline > latest:
        raise ValidationError(
            {
                "new_deadline": _(
                    "An extension adds at most %(months)d months to the current deadline: the "
                    "latest possible day is %(day)s."
                )
                % {"months": rules.MAX_EXTENSION_MONTHS, "day": date_format(latest)}
            }
        )


@transaction.atomic
def extension_request(
    *, assignment: Assignment, by: User, new_deadline: datetime.date, reason: str
) -> DeadlineExtension:
    """The lead unit asks for a later deadline, with its reason: the day moves to a working
    day, lies after the current deadline and at most MAX_EXTENSION_MONTHS after it; one
    request waits at a time. Staff are told."""
    # Locked, so that two requests sent at once cannot both find none waiting.
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal__township")
        .get(pk=assignment.pk)
    )
    extension_request_check(assignment=assignment, by=by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the unit needs more time.")})
    new_deadline = Workdays(assignment.proposal.township).on_or_after(new_deadline)
    _check_new_deadline(assignment, new_deadline)
    extension = DeadlineExtension(
        assignment=assignment, new_deadline=new_deadline, reason=reason.strip(), requested_by=by
    )
    extension._history_user = by
    extension.save()
    proposal = assignment.proposal
    _notify(
        User.objects.filter(township_id=proposal.township_id, role=Role.STAFF),
        proposal,
        EXTENSION_REQUESTED,
        "proposals.extension_requested",
        values={"unit": assignment.unit.name, "day": new_deadline},
        body=extension.reason,
        url=reverse("proposals:extension_decide", args=[extension.pk]),
    )
    return extension


@transaction.atomic
def extension_decide(
    *, extension: DeadlineExtension, by: User, approve: bool, note: str = ""
) -> DeadlineExtension:
    """Staff approve a request for a later deadline (a note is optional) or refuse it (with
    the reason). Approval moves every assignment of the proposal and its due date to the new
    day, checked again against the deadline as it stands now. The lead unit is told."""
    extension = (
        DeadlineExtension.objects.select_for_update(of=("self",))
        .select_related("assignment__proposal__township", "assignment__unit")
        .get(pk=extension.pk)
    )
    assignment = extension.assignment
    proposal = assignment.proposal
    if not permissions.may_decide_extension(user=by, proposal=proposal):
        raise ValidationError(_("Only the township's staff decide on a later deadline."))
    if extension.approved is not None:
        raise ValidationError(_("This request has already been decided."))
    note = note.strip()
    if approve:
        if proposal.status != Status.ASSIGNED:
            raise ValidationError(
                _("The proposal is no longer being handled: there is no deadline to extend.")
            )
        _check_new_deadline(assignment, extension.new_deadline)
    elif not note:
        raise ValidationError({"note": _("Say why the request is refused.")})
    extension.approved = approve
    extension.decided_by = by
    extension.decided_at = timezone.now()
    extension.decision_note = note
    extension._history_user = by
    extension.save(update_fields=["approved", "decided_by", "decided_at", "decision_note"])
    if approve:
        # Saved one by one, so that each assignment's history shows the change and by whom.
        for each in proposal.assignments.select_for_update():
            each.deadline = extension.new_deadline
            each._history_user = by
            each.save(update_fields=["deadline"])
        proposal.due_date = extension.new_deadline
        proposal._history_user = by
        proposal.save(update_fields=["due_date"])
    if approve:  # every unit's deadline moved
        told, template = proposal.assignments.values("unit_id"), EXTENSION_APPROVED
    else:
        told, template = [assignment.unit_id], EXTENSION_REFUSED
    _notify(
        User.objects.filter(role=Role.UNIT, unit_id__in=told),
        proposal,
        template,
        "proposals.extension_decided",
        values={"day": proposal.due_date if approve else assignment.deadline},
        body=note,
    )
    return extension


# ------------------------------------------------------------------------ co-units' views


def counit_opinion_check(*, assignment: Assignment, by: User) -> None:
    """Whether `by` may send the lead unit a view on this assignment now: a user of a co-unit
    while the proposal is being handled."""
    if not permissions.works_for_unit(user=by, unit_id=assignment.unit_id):
        raise ValidationError(_("Only the co-unit's own users send its view."))
    if not permissions.may_send_opinion(user=by, assignment=assignment):
        raise ValidationError(_("Only a co-unit sends its view; the lead unit answers."))
    if assignment.proposal.status != Status.ASSIGNED:
        raise ValidationError(
            _("Views are sent to the lead unit while the proposal is being handled.")
        )


@transaction.atomic
def counit_opinion_send(*, assignment: Assignment, by: User, text: str) -> CoUnitOpinion:
    """A co-unit sends the lead unit its view while the proposal is being handled; the lead
    unit's users are told."""
    counit_opinion_check(assignment=assignment, by=by)
    if not text.strip():
        raise ValidationError({"text": _("Write the unit's view.")})
    opinion = CoUnitOpinion(assignment=assignment, text=text.strip(), sent_by=by)
    opinion._history_user = by
    opinion.save()
    proposal = assignment.proposal
    lead_units = proposal.assignments.filter(role=Assignment.Role.LEAD).values("unit_id")
    _notify(
        User.objects.filter(role=Role.UNIT, unit_id__in=lead_units),
        proposal,
        OPINION_SENT,
        "proposals.counit_opinion",
        values={"unit": assignment.unit.name},
        body=opinion.text,
    )
    return opinion


# ------------------------------------------------------------------------ working days


def _is_workday_without(township, day: datetime.date) -> bool:
    workdays = Workdays(township)
    workdays.overrides.pop(day, None)
    return workdays.is_workday(day)


@transaction.atomic
def workday_override_add(
    *, township, by: User, date: datetime.date, is_workday: bool, note: str = ""
) -> WorkdayOverride:
    """Staff mark a day as a working day or a day off against the published calendar (a
    year the State Council has not yet published, or a local correction); once a day, and
    only where it changes something."""
    if not permissions.is_township_staff(
        user=by, township_id=township.pk, permission="congress.add_workdayoverride"
    ):
        raise ValidationError(_("Only the township's staff correct its working days."))
    if _is_workday_without(township, date) == is_workday:
        if is_workday:
            message = _("%(day)s is already a working day: there is nothing to correct.")
        else:
            message = _("%(day)s is already a day off: there is nothing to correct.")
        raise ValidationError({"date": message % {"day": date_format(date)}})
    override = WorkdayOverride(
        township=township, date=date, is_workday=is_workday, note=note.strip()
    )
    override.full_clean()
    override._history_user = by
    return save_unique(override)


@transaction.atomic
def workday_override_remove(*, override: WorkdayOverride, by: User) -> None:
    """Staff remove a correction: the published calendar holds again for that day. Its
    history keeps what it was and who removed it. Deadlines already given do not move."""
    if not permissions.is_township_staff(
        user=by, township_id=override.township_id, permission="congress.delete_workdayoverride"
    ):
        raise ValidationError(_("Only the township's staff correct its working days."))
    override._history_user = by
    override.delete()


# ------------------------------------------------------------------------ notices

EXTENSION_REQUESTED = gettext_lazy("%(unit)s asks to extend “%(title)s” to %(day)s")
EXTENSION_APPROVED = gettext_lazy("Later deadline approved: “%(title)s” is now due %(day)s")
EXTENSION_REFUSED = gettext_lazy("Later deadline refused: “%(title)s” is still due %(day)s")
OPINION_SENT = gettext_lazy("View of the co-unit %(unit)s on “%(title)s”")


def _notify(recipients, proposal: Proposal, template, kind: str, *, values, body="", url=""):
    # Stored text, read later by someone else: in the site's language, not the actor's.
    with township_language(proposal.township):
        values = {
            key: date_format(value) if isinstance(value, datetime.date) else value
            for key, value in values.items()
        }
        subject = str(template) % {"title": proposal.title, **values}
    notify(
        recipients=recipients,
        kind=kind,
        subject=subject,
        body=body,
        url=url or reverse("proposals:detail", args=[proposal.pk]),
        record=proposal,
    )
