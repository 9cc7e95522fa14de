"""What a session votes on: resolutions, elections and their candidates, and the count."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.scoping import check_same_township
from deputies.models import Deputy

from .. import rules
from ..models import AgendaItem, Candidate, CongressSession, Election, Resolution, Sitting
from ..selectors import Quorum, sitting_quorum, sitting_roll
from ..workflow import Status


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
