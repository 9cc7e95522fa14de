"""What a session's page, an election's page and the choices on their forms show."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from congress.scoping import visible_to
from deputies.models import Activity, Deputy, Mandate
from deputies.selectors import deputies_in_office_on, mandates_not_ended_on

from .. import rules
from ..models import Candidate, CongressSession, Election, Sitting, SittingAttendance
from ..workflow import SESSION_WORKFLOW
from .roll import sitting_quorum, sitting_roll

Status = SittingAttendance.Status


def session_detail(*, session: CongressSession, user=None) -> dict:
    """Everything a session's page (and its printed summary: no user) shows."""
    sittings = list(session.sittings.order_by("date", "pk"))
    quorums = {sitting.pk: sitting_quorum(sitting=sitting) for sitting in sittings}
    elections = list(
        session.elections.select_related("sitting", "agenda_item").prefetch_related(
            Prefetch("candidates", queryset=Candidate.objects.all())
        )
    )
    return {
        "session": session,
        "sittings": [(sitting, quorums[sitting.pk]) for sitting in sittings],
        "agenda": session.agenda_items.prefetch_related("documents"),
        "resolutions": session.resolutions.select_related("sitting", "agenda_item"),
        "elections": elections,
        "tasks": visible_to(session.preparation_tasks.all(), user) if user else [],
        "presidium": session.presidium.order_by(*Deputy.OFFICIAL_ORDER),
        "activities": session.preparatory_activities.order_by("start_date", "pk"),
        "moves": SESSION_WORKFLOW.moves_for(user=user, record=session) if user else [],
        "timeline": session.status_changes.select_related("changed_by").order_by("pk"),
    }


def term_change_preview(*, township) -> dict:
    """What starting the next term would do today: its deputies registered so far, and the
    earlier terms' township mandates still running that it would end."""
    township_mandates = Mandate.objects.filter(
        deputy__township=township, level=Mandate.Level.TOWNSHIP
    )
    next_term = township.current_term + 1
    return {
        "next_term": next_term,
        "registered": township_mandates.filter(term=next_term).count(),
        "ending": township_mandates.filter(
            mandates_not_ended_on(timezone.localdate()), term__lt=next_term
        ).count(),
    }


def presidium_choices(*, session: CongressSession) -> QuerySet[Deputy]:
    """Deputies who may sit on the session's presidium: its term's deputies in office on its
    opening day."""
    return deputies_in_office_on(
        township=session.township_id,
        day=session.start_date,
        level=Mandate.Level.TOWNSHIP,
        term=session.term,
    ).order_by(*Deputy.OFFICIAL_ORDER)


def preparatory_activity_choices(*, session: CongressSession) -> QuerySet[Activity]:
    """The township's activities of the months before the session (and during it): the ones a
    session's preparation can link to."""
    since = session.start_date - datetime.timedelta(days=rules.PREPARATION_WINDOW_DAYS)
    return Activity.objects.filter(
        township=session.township_id, start_date__gte=since, start_date__lte=session.end_date
    ).order_by("-start_date", "-pk")


def sitting_choices_with_quorum(*, session: CongressSession) -> list[Sitting]:
    """The session's sittings where a vote can be recorded: those with a quorum."""
    return [
        sitting
        for sitting in session.sittings.order_by("date", "pk")
        if sitting_quorum(sitting=sitting).reached
    ]


def election_deputy_choices(*, election: Election) -> QuerySet[Deputy]:
    """Deputies who may be a candidate or nominate one: in office on the day of the vote."""
    return sitting_roll(sitting=election.sitting).order_by(*Deputy.OFFICIAL_ORDER)


def election_detail(*, election: Election) -> dict:
    """An election's page: its candidates with their nominators, and the majority it needs."""
    candidates = election.candidates.select_related("deputy").prefetch_related(
        Prefetch("nominators", queryset=Deputy.objects.order_by(*Deputy.OFFICIAL_ORDER))
    )
    return {
        "election": election,
        "session": election.session,
        "candidates": candidates,
        "majority": rules.majority_needed(election.in_office),
    }
