"""Problems an oversight action found, followed until they are fixed (整改销号).

A problem is recorded with the unit responsible and a deadline; the unit starts rectifying
it, reports it fixed with evidence, and the presidium's staff or members verify it (销号) or
send it back. Every change of state goes through PROBLEM_WORKFLOW.perform; open problems can
be put on a congress session's agenda as one rectification report.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import Unit, User
from congress.notifications.services import notify
from congress.roles import Role
from congress.scoping import check_same_township
from congress.validators import validate_upload
from congress.wording import township_language
from deputies.models import Deputy
from sessions.models import AgendaItem, CongressSession
from sessions.services import agenda_item_save
from sessions.workflow import Status as SessionStatus

from ..models import OversightAction, Problem, RectificationEvidence, RectificationReport
from ..rules import (
    EVIDENCE_EXTENSIONS,
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_FILES,
    RECTIFICATION_AGENDA_TITLE,
)
from ..workflow import PROBLEM_WORKFLOW, ProblemStatus

NOTICES = {
    "added": gettext_lazy("A problem to rectify, by %(deadline)s: “%(problem)s”"),
    "reported": gettext_lazy("Reported rectified, to verify: “%(problem)s”"),
    "verified": gettext_lazy("Rectification verified, problem closed: “%(problem)s”"),
    "send_back": gettext_lazy("Not rectified, sent back: “%(problem)s”"),
}


def found_on(problem: Problem) -> datetime.date:
    """The day a problem was found: the first day of the action that found it."""
    return problem.action.activity.start_date


def _day(at: datetime.datetime | None) -> datetime.date:
    """The day a step is taken: the day of `at` for a paper record entered later, else today."""
    return timezone.localdate(at) if at else timezone.localdate()


def day_moment(day: datetime.date | None) -> datetime.datetime | None:
    """A step's day as the moment its history row carries: now for today, noon (local time)
    for a past day entered later, so that the problem's record follows the real dates."""
    if day is None:
        return None
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _reported_on(problem: Problem) -> datetime.date | None:
    """The rectification day of the latest report."""
    return (
        problem.reports.order_by("-submitted_at", "-pk")
        .values_list("rectified_on", flat=True)
        .first()
    )


def _check_acting(by: User, township_id: int) -> None:
    if by.township_id != township_id:
        raise ValidationError(_("You may only record problems of your own township."))


def _check_unit(township_id: int, unit: Unit) -> None:
    check_same_township(township_id, unit=unit)
    if not unit.is_active:
        raise ValidationError({"unit": _("This unit is no longer in use.")})


def _check_deadline(action: OversightAction, deadline: datetime.date) -> None:
    start = action.activity.start_date
    if deadline < start:
        raise ValidationError(
            {
                "deadline": _(
                    "The rectification deadline cannot be before the action that found the "
                    "problem (%(day)s)."
                )
                % {"day": start.isoformat()}
            }
        )


# ------------------------------------------------------------------------ recording


@transaction.atomic
def problem_add(
    *,
    action: OversightAction,
    by: User,
    description: str,
    unit: Unit,
    deadline: datetime.date,
    place: str = "",
    requirement: str = "",
    at: datetime.datetime | None = None,
) -> Problem:
    """Record a problem an action found: the unit of the action's township responsible for
    it, and a deadline not before the action. It starts 待整改 and its unit is told."""
    township_id = action.township_id
    _check_acting(by, township_id)
    _check_unit(township_id, unit)
    _check_deadline(action, deadline)
    problem = Problem(
        township_id=township_id,
        action=action,
        description=description.strip(),
        place=place.strip(),
        unit=unit,
        requirement=requirement.strip(),
        deadline=deadline,
        status=PROBLEM_WORKFLOW.initial,
    )
    problem.full_clean()
    problem._history_user = by
    problem.save()
    # Recorded later than found (entered after the action): its record starts on the day found.
    found = min(found_on(problem), timezone.localdate())
    PROBLEM_WORKFLOW.start(record=problem, by=by, at=at or day_moment(found))
    _notify_unit(problem, "added")
    return problem


@transaction.atomic
def problem_update(
    *,
    problem: Problem,
    by: User,
    description: str,
    unit: Unit,
    deadline: datetime.date,
    place: str = "",
    requirement: str = "",
) -> Problem:
    """Correct a problem while it is still 待整改: once its unit has started, what it was
    asked to do stays as it was asked. A new unit is told."""
    locked = (
        Problem.objects.select_for_update(of=("self",))
        .select_related("action__activity")
        .get(pk=problem.pk)
    )
    if locked.status != ProblemStatus.PENDING:
        raise ValidationError(
            _("Only a problem still to be rectified can be changed; this one is %(status)s.")
            % {"status": locked.get_status_display()}
        )
    _check_acting(by, locked.township_id)
    _check_unit(locked.township_id, unit)
    _check_deadline(locked.action, deadline)
    new_unit = locked.unit_id != unit.pk
    locked.description, locked.place = description.strip(), place.strip()
    locked.requirement, locked.unit, locked.deadline = requirement.strip(), unit, deadline
    locked.full_clean()
    locked._history_user = by
    locked.save(update_fields=["description", "place", "requirement", "unit", "deadline"])
    if new_unit:
        _notify_unit(locked, "added")
    return locked


# ------------------------------------------------------------------------ the workflow's moves


def problem_begin(
    *, problem: Problem, by: User, note: str = "", at: datetime.datetime | None = None
) -> Problem:
    """The unit has started rectifying (整改中)."""
    return PROBLEM_WORKFLOW.perform(record=problem, move="begin", by=by, note=note, at=at)


def _check_evidence(files: list[UploadedFile]) -> list[str]:
    if len(files) > MAX_EVIDENCE_FILES:
        return [_("Attach at most %(n)s files to one report.") % {"n": MAX_EVIDENCE_FILES}]
    errors = []
    for upload in files:
        try:
            validate_upload(upload, allowed=EVIDENCE_EXTENSIONS, max_bytes=MAX_EVIDENCE_BYTES)
        except ValidationError as error:
            errors += [f"{upload.name}: {message}" for message in error.messages]
    return errors


@transaction.atomic
def problem_report(
    *,
    problem: Problem,
    by: User,
    text: str,
    rectified_on: datetime.date,
    files=(),
    at: datetime.datetime | None = None,
) -> RectificationReport:
    """The unit (or staff entering its paper report) reports a problem fixed: what was done,
    the day it was done (not in the future, not before the problem was found) and its
    evidence (photos, PDF or Word, each checked). All or nothing: a bad file saves no report
    and moves nothing."""
    files = list(files)
    errors: dict[str, list[str]] = {}
    text = text.strip()
    if not text:
        errors["text"] = [_("Say what was done to rectify the problem.")]
    found = found_on(problem)
    if rectified_on > _day(at):
        errors["rectified_on"] = [_("The rectification date cannot be in the future.")]
    elif rectified_on < found:
        errors["rectified_on"] = [
            _("The rectification date cannot be before the problem was found (%(day)s).")
            % {"day": found.isoformat()}
        ]
    if file_errors := _check_evidence(files):
        errors["files"] = file_errors
    if errors:
        raise ValidationError(errors)
    # The move first: it locks the problem and refuses a wrong state or user before any file
    # is written to storage.
    PROBLEM_WORKFLOW.perform(record=problem, move="report", by=by, at=at)
    report = RectificationReport(
        problem=problem, text=text, rectified_on=rectified_on, submitted_by=by
    )
    report.full_clean()
    report._history_user = by
    report.save()
    if at is not None:  # a paper report entered later keeps the day it was handed in
        RectificationReport.objects.filter(pk=report.pk).update(submitted_at=at)
        report.submitted_at = at
    for upload in files:
        evidence = RectificationEvidence(report=report)
        evidence.file.save(upload.name, upload, save=False)
        evidence._history_user = by
        evidence.save()
    _notify_staff(problem, "reported", exclude=by)
    return report


@transaction.atomic
def problem_verify(
    *,
    problem: Problem,
    by: User,
    verified_on: datetime.date,
    verifiers=(),
    note: str = "",
    at: datetime.datetime | None = None,
) -> Problem:
    """Verify a reported rectification and close the problem (销号): on a day not in the
    future nor before the rectification reported, with the township's deputies who checked
    it on the spot, if any."""
    verifiers: list[Deputy] = list(verifiers)
    for deputy in verifiers:
        check_same_township(problem.township_id, verifiers=deputy)
    if verified_on > _day(at):
        raise ValidationError({"verified_on": _("The verification date cannot be in the future.")})
    rectified = _reported_on(problem)
    if rectified is not None and verified_on < rectified:
        raise ValidationError(
            {
                "verified_on": _(
                    "The verification date cannot be before the rectification reported (%(day)s)."
                )
                % {"day": rectified.isoformat()}
            }
        )
    PROBLEM_WORKFLOW.perform(
        record=problem,
        move="verify",
        by=by,
        note=note,
        at=at or day_moment(verified_on),  # the record shows the day it was verified
        changes={"verified_on": verified_on},
    )
    problem.verifiers.set(verifiers)
    _notify_unit(problem, "verified", body=note)
    return problem


@transaction.atomic
def problem_send_back(
    *, problem: Problem, by: User, note: str, at: datetime.datetime | None = None
) -> Problem:
    """Verification found it not fixed: back to 整改中, with the reason, to the unit. Staff
    entering it later give its day (`at`): not after today, not before the rectification
    reported."""
    day = _day(at)
    if day > timezone.localdate():
        raise ValidationError({"sent_back_on": _("The date cannot be later than today.")})
    rectified = _reported_on(problem)
    if rectified is not None and day < rectified:
        raise ValidationError(
            {
                "sent_back_on": _("The date cannot be before the rectification reported (%(day)s).")
                % {"day": rectified.isoformat()}
            }
        )
    PROBLEM_WORKFLOW.perform(record=problem, move="send_back", by=by, note=note, at=at)
    _notify_unit(problem, "send_back", body=note.strip())
    return problem


# ------------------------------------------------------------------------ to the congress


@transaction.atomic
def problems_to_agenda(
    *,
    township,
    session: CongressSession,
    problems,
    by: User,
    title: str = RECTIFICATION_AGENDA_TITLE,
    presenter: str = "",
) -> AgendaItem:
    """Put open problems on the agenda of a congress session still in preparation, as one
    report item (听取和审议 the rectification report), so the loop from the inspection to
    the congress closes. The session's item of the same title is reused, so problems can be
    added to it later. Closed problems, another township's, and a session that has convened
    are refused."""
    township_id = getattr(township, "pk", township)
    _check_acting(by, township_id)
    check_same_township(township_id, session=session)
    chosen = {problem.pk for problem in problems}
    if not chosen:
        raise ValidationError({"problems": _("Choose the problems to report.")})
    for problem in problems:
        check_same_township(township_id, problems=problem)
    session = CongressSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PREPARING:
        raise ValidationError(
            {
                "session": _(
                    "%(session)s is %(status)s: only a session in preparation takes new "
                    "agenda items."
                )
                % {"session": session, "status": session.get_status_display()}
            }
        )
    locked = list(
        Problem.objects.select_for_update().filter(pk__in=chosen).order_by("deadline", "pk")
    )
    closed = [problem for problem in locked if problem.status == ProblemStatus.CLOSED]
    if closed:
        raise ValidationError(
            {
                "problems": _("Closed problems are not reported again: %(problems)s")
                % {"problems": "；".join(str(problem) for problem in closed)}
            }
        )
    title = title.strip() or RECTIFICATION_AGENDA_TITLE
    item = AgendaItem.objects.filter(
        session=session, kind=AgendaItem.Kind.REPORT, title=title
    ).first() or agenda_item_save(
        session=session, kind=AgendaItem.Kind.REPORT, title=title, presenter=presenter
    )
    for problem in locked:
        problem.agenda_item = item
        problem._history_user = by
        problem.save(update_fields=["agenda_item"])
    return item


# ------------------------------------------------------------------------ notices


def _send(recipients, problem: Problem, what: str, body: str = "") -> None:
    # Stored text, read later by someone else: in the site's language, not the actor's.
    with township_language(problem.township):
        subject = str(NOTICES[what]) % {
            "problem": str(problem),
            "deadline": problem.deadline.isoformat(),
        }
    notify(
        recipients=recipients,
        kind=f"oversight.problem_{what}",
        subject=subject,
        body=body,
        url=reverse("oversight:problem_detail", args=[problem.pk]),
        record=problem,
    )


def _notify_unit(problem: Problem, what: str, body: str = "") -> None:
    _send(User.objects.filter(role=Role.UNIT, unit_id=problem.unit_id), problem, what, body)


def _notify_staff(problem: Problem, what: str, exclude: User) -> None:
    recipients = User.objects.filter(role=Role.STAFF, township_id=problem.township_id).exclude(
        pk=exclude.pk
    )
    _send(recipients, problem, what)
