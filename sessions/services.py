"""Everything that writes a session's records: the session and its course, its preparation,
its sittings and roll calls, its agenda and documents, its votes, and the change of term."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from congress.attendance import attendance_sync
from congress.db import save_unique
from congress.models import Township, User
from congress.numerals import document_numeral
from congress.scoping import check_same_township
from congress.validators import validate_upload
from deputies.models import Activity, Deputy, Mandate
from deputies.rules import ALLOWED_ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_BYTES
from deputies.services import term_mandates_expire

from . import rules
from .models import (
    AgendaDocument,
    AgendaItem,
    Candidate,
    CongressSession,
    Election,
    PreparationTask,
    Resolution,
    Sitting,
    SittingAttendance,
)
from .selectors import (
    Quorum,
    preparatory_activity_choices,
    presidium_choices,
    sitting_quorum,
    sitting_roll,
)
from .workflow import SESSION_WORKFLOW, Status

# ------------------------------------------------------------------------ the session


@transaction.atomic
def session_create(
    *,
    township: Township,
    term: int,
    number: int,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str,
    by: User,
    at: datetime.datetime | None = None,
) -> CongressSession:
    """Register a session in preparation: a sitting for each of its days (up to
    MAX_SITTINGS_MADE) and the usual preparation checklist. A term cannot hold two sessions
    with the same number. `at`: when its preparation began, if not now."""
    session = CongressSession(
        township=township,
        term=term,
        number=number,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
    )
    session.full_clean()
    save_unique(session)
    SESSION_WORKFLOW.start(record=session, by=by, at=at)
    days = min((end_date - start_date).days + 1, rules.MAX_SITTINGS_MADE)
    Sitting.objects.bulk_create(
        Sitting(
            session=session,
            date=start_date + datetime.timedelta(days=n),
            title=_("Sitting %(n)s") % {"n": document_numeral(n + 1)},
        )
        for n in range(days)
    )
    PreparationTask.objects.bulk_create(
        PreparationTask(session=session, title=title, order=n)
        for n, title in enumerate(rules.DEFAULT_PREPARATION_TASKS)
    )
    return session


@transaction.atomic
def session_update(
    *,
    session: CongressSession,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str,
) -> CongressSession:
    """Correct a session's dates or venue; its sittings must still fall within its dates."""
    outside = session.sittings.exclude(date__range=(start_date, end_date))
    if outside.exists():
        raise ValidationError(
            _("Sittings on %(dates)s fall outside these dates: move or remove them first.")
            % {"dates": "、".join(str(s.date) for s in outside)}
        )
    session.start_date, session.end_date, session.venue = start_date, end_date, venue
    session.full_clean()
    session.save()
    return session


def session_move(
    *,
    session: CongressSession,
    move: str,
    by: User,
    note: str = "",
    at: datetime.datetime | None = None,
):
    """Convene, close or reopen a session (the workflow checks who may and from where)."""
    return SESSION_WORKFLOW.perform(record=session, move=move, by=by, note=note, at=at)


@transaction.atomic
def session_set_presidium(*, session: CongressSession, deputies: list[Deputy]) -> None:
    """The session's presidium: deputies of its term in office when it opens."""
    allowed = set(presidium_choices(session=session).values_list("pk", flat=True))
    if any(deputy.pk not in allowed for deputy in deputies):
        raise ValidationError(
            _("Only deputies of this term in office when the session opens can be chosen.")
        )
    session.presidium.set(deputies)


@transaction.atomic
def session_set_activities(*, session: CongressSession, activities: list[Activity]) -> None:
    """Link the pre-session activities (visits, inspections, consultations) to the session."""
    allowed = set(preparatory_activity_choices(session=session).values_list("pk", flat=True))
    if any(activity.pk not in allowed for activity in activities):
        raise ValidationError(
            _("Only the township's activities of the months before the session can be linked.")
        )
    session.preparatory_activities.set(activities)


@transaction.atomic
def preparation_task_add(*, session: CongressSession, title: str) -> PreparationTask:
    last = session.preparation_tasks.order_by("-order").values_list("order", flat=True).first()
    task = PreparationTask(session=session, title=title.strip(), order=(last or 0) + 1)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def preparation_task_mark(
    *, task: PreparationTask, done_on: datetime.date | None
) -> PreparationTask:
    """Tick a checklist line as done on a day, or untick it (no day)."""
    task.done_on = done_on
    task.save(update_fields=["done_on"])
    return task


# ------------------------------------------------------------------------ sittings and the roll


@transaction.atomic
def sitting_add(*, session: CongressSession, date: datetime.date, title: str = "") -> Sitting:
    if not session.start_date <= date <= session.end_date:
        raise ValidationError(
            {
                "date": _("A sitting is held between the session's dates (%(start)s to %(end)s).")
                % {"start": session.start_date, "end": session.end_date}
            }
        )
    sitting = Sitting(session=session, date=date, title=title.strip())
    sitting.full_clean()
    sitting.save()
    return sitting


@transaction.atomic
def sitting_delete(*, sitting: Sitting) -> None:
    """Remove a sitting made by mistake: not one with votes recorded at it."""
    if sitting.resolutions.exists() or sitting.elections.exists():
        raise ValidationError(_("Votes were recorded at this sitting; it cannot be removed."))
    sitting.delete()


@transaction.atomic
def sitting_set_attendance(
    *, sitting: Sitting, statuses: dict[int, str], by: User, clear: bool = False
) -> Quorum:
    """Record the roll of a sitting: {deputy id: status}; a deputy left out was not marked.
    Only deputies on the sitting's roll can be marked. Every mark and change is kept in the
    history as done by `by`. Returns the sitting's quorum as it now stands."""
    attendance_sync(
        model=SittingAttendance,
        parent={"sitting": sitting},
        statuses=statuses,
        roll=sitting_roll(sitting=sitting),
        by=by,
        clear=clear,
    )
    return sitting_quorum(sitting=sitting)


# ------------------------------------------------------------------------ agenda and documents


@transaction.atomic
def agenda_item_save(
    *,
    session: CongressSession,
    kind: str,
    title: str,
    presenter: str = "",
    outcome: str = "",
    order: int | None = None,
    item: AgendaItem | None = None,
) -> AgendaItem:
    """Add an item to the session's agenda (at the end unless `order` says), or change one."""
    if item is None:
        last = session.agenda_items.order_by("-order").values_list("order", flat=True).first()
        item = AgendaItem(session=session, order=(last or 0) + 1)
    elif item.session_id != session.pk:
        raise ValidationError(_("This item belongs to another session."))
    item.kind, item.title = kind, title.strip()
    item.presenter, item.outcome = presenter.strip(), outcome.strip()
    if order is not None:
        item.order = order
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an agenda item and its documents; votes that named it keep their record."""
    for document in item.documents.all():
        document.file.delete(save=False)
    item.delete()


@transaction.atomic
def agenda_document_attach(*, item: AgendaItem, upload: UploadedFile, by: User) -> AgendaDocument:
    """Attach a document (PDF, Word, Excel, a photo) to an agenda item: type, size and content
    checked the same way as every attachment."""
    validate_upload(upload, allowed=ALLOWED_ATTACHMENT_EXTENSIONS, max_bytes=MAX_ATTACHMENT_BYTES)
    document = AgendaDocument(item=item, uploaded_by=by)
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def agenda_document_delete(*, document: AgendaDocument) -> None:
    document.file.delete(save=False)
    document.delete()


# ------------------------------------------------------------------------ votes


def _vote_base(*, session: CongressSession, sitting: Sitting) -> Quorum:
    """A vote is taken by a session that has convened, at one of its sittings with a quorum;
    returns the quorum the vote is measured against."""
    if session.status == Status.PREPARING:
        raise ValidationError(_("The session has not convened yet: convene it first."))
    if sitting.session_id != session.pk:
        raise ValidationError({"sitting": _("This sitting belongs to another session.")})
    quorum = sitting_quorum(sitting=sitting)
    if not quorum.reached:
        raise ValidationError(
            {
                "sitting": _(
                    "%(sitting)s has no quorum: %(present)s of %(in_office)s deputies in office "
                    "present, at least %(needed)s needed (two thirds). No vote can be recorded."
                )
                % {
                    "sitting": sitting,
                    "present": quorum.present,
                    "in_office": quorum.in_office,
                    "needed": quorum.needed,
                }
            }
        )
    return quorum


def _check_agenda_item(session: CongressSession, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ValidationError({"agenda_item": _("This item belongs to another session.")})


@transaction.atomic
def resolution_record(
    *,
    session: CongressSession,
    sitting: Sitting,
    kind: str,
    title: str,
    votes_for: int,
    votes_against: int = 0,
    votes_abstain: int = 0,
    text: str = "",
    agenda_item: AgendaItem | None = None,
    resolution: Resolution | None = None,
) -> Resolution:
    """Record (or correct) a resolution or decision and its vote. It is adopted only with more
    than half of ALL deputies in office voting for (组织法 Art 25); counts that add up to more
    than those present are refused."""
    quorum = _vote_base(session=session, sitting=sitting)
    _check_agenda_item(session, agenda_item)
    cast = votes_for + votes_against + votes_abstain
    if cast > quorum.present:
        raise ValidationError(
            _(
                "For, against and abstain add up to %(cast)s, more than the %(present)s "
                "deputies present at %(sitting)s."
            )
            % {"cast": cast, "present": quorum.present, "sitting": sitting}
        )
    resolution = resolution or Resolution(session=session)
    resolution.sitting, resolution.agenda_item = sitting, agenda_item
    resolution.kind, resolution.title, resolution.text = kind, title.strip(), text.strip()
    resolution.votes_for, resolution.votes_against = votes_for, votes_against
    resolution.votes_abstain = votes_abstain
    resolution.in_office, resolution.present = quorum.in_office, quorum.present
    resolution.adopted = rules.is_majority_of_all(votes_for, quorum.in_office)
    resolution.full_clean()
    resolution.save()
    return resolution


@transaction.atomic
def resolution_delete(*, resolution: Resolution) -> None:
    resolution.delete()


@transaction.atomic
def election_save(
    *,
    session: CongressSession,
    sitting: Sitting,
    office: str,
    kind: str,
    seats: int,
    office_name: str = "",
    agenda_item: AgendaItem | None = None,
    election: Election | None = None,
) -> Election:
    """Open (or correct) an election for `seats` seats of an office at a sitting with a
    quorum; its candidates and count come next."""
    quorum = _vote_base(session=session, sitting=sitting)
    _check_agenda_item(session, agenda_item)
    if office == Election.Office.OTHER and not office_name.strip():
        raise ValidationError({"office_name": _("Name the office.")})
    election = election or Election(session=session)
    election.sitting, election.agenda_item = sitting, agenda_item
    election.office, election.kind, election.seats = office, kind, seats
    election.office_name = office_name.strip() if office == Election.Office.OTHER else ""
    election.in_office, election.present = quorum.in_office, quorum.present
    election.full_clean()
    election.save()
    if election.is_counted:
        _tally_store(election)
    return election


@transaction.atomic
def election_delete(*, election: Election) -> None:
    election.delete()


@transaction.atomic
def candidate_add(
    *,
    election: Election,
    name: str,
    nominated_by: str,
    deputy: Deputy | None = None,
    nominators: list[Deputy] = (),
) -> Candidate:
    """Put a candidate on the ballot: nominated by the presidium, or by at least ten deputies
    in office jointly (组织法 Art 26); or a person voters wrote in (another ballot's result)."""
    session = election.session
    if deputy is not None:
        check_same_township(session.township, deputy=deputy)
    in_office = set(sitting_roll(sitting=election.sitting).values_list("pk", flat=True))
    if nominated_by == Candidate.Nomination.DEPUTIES:
        if len(nominators) < rules.MIN_JOINT_NOMINATORS:
            raise ValidationError(
                {
                    "nominators": _(
                        "A joint nomination needs at least %(min)s deputies; %(n)s chosen."
                    )
                    % {"min": rules.MIN_JOINT_NOMINATORS, "n": len(nominators)}
                }
            )
        if any(d.pk not in in_office for d in nominators):
            raise ValidationError(
                {"nominators": _("Only deputies in office on the day of the vote can nominate.")}
            )
    elif nominators:
        raise ValidationError(
            {"nominators": _("Nominating deputies are named only for a joint nomination.")}
        )
    name = name.strip() or (deputy.name if deputy else "")
    if election.candidates.filter(name=name).exists():
        raise ValidationError({"name": _("This candidate is already on the ballot.")})
    candidate = Candidate(election=election, name=name, deputy=deputy, nominated_by=nominated_by)
    candidate.full_clean()
    candidate.save()
    candidate.nominators.set(nominators)
    if election.is_counted:
        _tally_store(election)
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate) -> None:
    election = candidate.election
    candidate.delete()
    if election.is_counted:
        _tally_store(election)


@transaction.atomic
def election_count(
    *,
    election: Election,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    votes: dict[int, dict[str, int]],
) -> Election:
    """Record the tellers' count: ballots issued, returned, valid and invalid, and for each
    candidate (by id) the votes for, against, abstain and written-in others. Then work out who
    is elected (sessions.rules.tally) and store it.

    More ballots returned than issued is recorded, and voids the vote. Counts that cannot be
    (more ballots issued than deputies present, valid and invalid not adding up to those
    returned, a candidate with more votes than valid ballots) are refused."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    quorum = _vote_base(session=election.session, sitting=election.sitting)
    candidates = list(election.candidates.all())
    if not candidates:
        raise ValidationError(_("Put the candidates on the ballot before recording the count."))
    if issued > quorum.present:
        raise ValidationError(
            {
                "ballots_issued": _(
                    "%(issued)s ballots issued, but only %(present)s deputies are present."
                )
                % {"issued": issued, "present": quorum.present}
            }
        )
    if valid + invalid != returned:
        raise ValidationError(
            {
                "ballots_valid": _(
                    "Valid (%(valid)s) and invalid (%(invalid)s) ballots must add up to the "
                    "%(returned)s returned."
                )
                % {"valid": valid, "invalid": invalid, "returned": returned}
            }
        )
    errors = {}
    for candidate in candidates:
        counts = votes.get(candidate.pk, {})
        cast = sum(counts.get(key, 0) for key in ("for", "against", "abstain", "write_ins"))
        if cast > valid and returned <= issued:
            errors[f"candidate_{candidate.pk}_for"] = _(
                "%(name)s: %(cast)s votes in all, more than the %(valid)s valid ballots."
            ) % {"name": candidate.name, "cast": cast, "valid": valid}
        candidate.votes_for = counts.get("for", 0)
        candidate.votes_against = counts.get("against", 0)
        candidate.votes_abstain = counts.get("abstain", 0)
        candidate.write_ins = counts.get("write_ins", 0)
    total_for = sum(c.votes_for for c in candidates)
    if total_for > election.seats * valid and returned <= issued:
        errors.setdefault(
            "ballots_valid",
            _(
                "%(n)s votes for in all: with %(seats)s seats a ballot votes for at most "
                "%(seats)s candidates, so %(valid)s valid ballots can hold at most %(max)s."
            )
            % {
                "n": total_for,
                "seats": election.seats,
                "valid": valid,
                "max": election.seats * valid,
            },
        )
    if errors:
        raise ValidationError(errors)
    Candidate.objects.bulk_update(
        candidates, ["votes_for", "votes_against", "votes_abstain", "write_ins"]
    )
    election.ballots_issued, election.ballots_returned = issued, returned
    election.ballots_valid, election.ballots_invalid = valid, invalid
    election.in_office, election.present = quorum.in_office, quorum.present
    election.save()
    _tally_store(election)
    return election


def _tally_store(election: Election) -> rules.Tally:
    """Work out the election's result from its stored count and write it on each candidate."""
    candidates = list(election.candidates.all())
    result = rules.tally(
        seats=election.seats,
        in_office=election.in_office,
        issued=election.ballots_issued or 0,
        returned=election.ballots_returned or 0,
        votes={c.pk: c.votes_for or 0 for c in candidates},
    )
    election.void = result.void
    election.save(update_fields=["void"])
    for candidate in candidates:
        if candidate.pk in result.elected:
            candidate.result = Candidate.Result.ELECTED
        elif candidate.pk in result.tied:
            candidate.result = Candidate.Result.TIE
        else:
            candidate.result = Candidate.Result.NOT_ELECTED
        candidate.unanimous = (
            candidate.result == Candidate.Result.ELECTED
            and candidate.votes_for == election.ballots_returned
        )
    Candidate.objects.bulk_update(candidates, ["result", "unanimous"])
    return result


# ------------------------------------------------------------------------ the change of term


@transaction.atomic
def term_start(
    *,
    township: Township,
    term: int,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str,
    by: User,
) -> CongressSession:
    """Begin a new term with its first session (换届): the township's current term moves on,
    the earlier terms' township mandates end on the first session's opening day (组织法 Art 9:
    a term lasts until the next one's first session), and the records of the old term stay as
    they were. The deputies elected for the new term must be registered first."""
    township = Township.objects.select_for_update().get(pk=township.pk)
    if term != township.current_term + 1:
        raise ValidationError(
            {
                "term": _("The term after the current %(current)s is %(next)s.")
                % {
                    "current": document_numeral(township.current_term),
                    "next": document_numeral(township.current_term + 1),
                }
            }
        )
    elected = Mandate.objects.filter(
        deputy__township=township, level=Mandate.Level.TOWNSHIP, term=term
    )
    if not elected.exists():
        raise ValidationError(
            _(
                "No deputy of term %(term)s is registered yet: add the deputies elected for it "
                "(on their pages or by importing the roster) first."
            )
            % {"term": document_numeral(term)}
        )
    township.current_term = term
    township.full_clean()
    township.save(update_fields=["current_term"])
    term_mandates_expire(township=township, term=term, day=start_date, by=by)
    return session_create(
        township=township,
        term=term,
        number=1,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
        by=by,
    )
