"""Writing a session and its course: registering it, its dates and venue, its status, its
presidium and preparation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.db import save_unique
from congress.models import Township, User
from congress.numerals import document_numeral
from deputies.models import Activity, Deputy

from .. import rules
from ..models import CongressSession, PreparationTask, Sitting
from ..selectors import preparatory_activity_choices, presidium_choices
from ..workflow import SESSION_WORKFLOW


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
