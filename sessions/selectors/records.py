"""The sessions and their parts a user may read: lists, choices, one record or 404."""

from django.db.models import Count, QuerySet

from congress.scoping import get_visible_or_404, visible_to

from ..models import (
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

Status = SittingAttendance.Status


def session_list_for_user(*, user) -> QuerySet[CongressSession]:
    """The sessions the user may read, newest first, with how many sittings each has."""
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        visible_to(CongressSession.objects.all(), user)
        .select_related("township")
        .order_by("-start_date", "-pk")
        .annotate(sitting_count=Count("sittings"))
    )


def session_choices(*, township) -> QuerySet[CongressSession]:
    """The township's sessions, newest first, for a form's drop-down."""
    return CongressSession.objects.filter(township=township).order_by("-start_date")


def session_get_for_user(*, user, pk: int) -> CongressSession:
    return get_visible_or_404(CongressSession.objects.select_related("township"), user, pk=pk)


def sitting_get_for_user(*, user, pk: int) -> Sitting:
    return get_visible_or_404(Sitting.objects.select_related("session__township"), user, pk=pk)


def agenda_item_get_for_user(*, user, pk: int) -> AgendaItem:
    return get_visible_or_404(AgendaItem.objects.select_related("session"), user, pk=pk)


def agenda_document_get_for_user(*, user, pk: int) -> AgendaDocument:
    return get_visible_or_404(AgendaDocument.objects.all(), user, pk=pk)


def election_get_for_user(*, user, pk: int) -> Election:
    return get_visible_or_404(
        Election.objects.select_related("session__township", "sitting"), user, pk=pk
    )


def candidate_get_for_user(*, user, pk: int) -> Candidate:
    return get_visible_or_404(Candidate.objects.select_related("election__session"), user, pk=pk)


def preparation_task_get_for_user(*, user, pk: int) -> PreparationTask:
    return get_visible_or_404(PreparationTask.objects.all(), user, pk=pk)


def resolution_get_for_user(*, user, pk: int) -> Resolution:
    return get_visible_or_404(Resolution.objects.select_related("session"), user, pk=pk)
