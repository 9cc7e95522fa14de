"""Reading problems and their rectification. Overdue is computed here, in SQL, by the same
rule as Problem.is_overdue: past the deadline while 待整改 or 整改中 (a problem reported
fixed is waiting for verification, not for its unit)."""

import datetime
from collections.abc import Iterable

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from congress.models import Unit
from congress.registry import Figure, Todo, YearSummary
from congress.roles import Role
from congress.scoping import get_visible_or_404, visible_to
from congress.workdays import Workdays
from sessions.models import CongressSession
from sessions.workflow import Status as SessionStatus

from ..models import (
    Campaign,
    OversightAction,
    Problem,
    ProblemStatusChange,
    RectificationEvidence,
    RectificationReport,
)
from ..rules import DEFAULT_RECTIFICATION_DAYS
from ..workflow import OPEN_PROBLEM_STATES, PROBLEM_WORKFLOW, ProblemStatus

# The states in which a problem waits for its unit, and so can be late.
LATE_STATES = (ProblemStatus.PENDING, ProblemStatus.IN_PROGRESS)
OPEN = "open"  # the list's pseudo-status: every state but closed
DASHBOARD_ROWS = 10


def overdue_q(today: datetime.date | None = None, prefix: str = "") -> Q:
    """Problem.is_overdue as a filter: past the deadline (the deadline day itself is in
    time) and not yet reported fixed."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status__in": LATE_STATES, f"{prefix}deadline__lt": today})


def with_overdue(problems: QuerySet[Problem]) -> QuerySet[Problem]:
    """Annotate `overdue` (a boolean) on each problem, by the rule of overdue_q."""
    return problems.annotate(
        overdue=Case(
            When(overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def list_url(**query) -> str:
    """The problem list filtered as asked (the home page's and the reports' links)."""
    query = {key: value for key, value in query.items() if value not in (None, "")}
    url = reverse("oversight:problems")
    return f"{url}?{urlencode(query)}" if query else url


# ------------------------------------------------------------------------ lists and details


def problem_list_for_user(
    *,
    user,
    status: str | None = None,
    unit: Unit | int | None = None,
    overdue: bool | None = None,
    year: int | None = None,
    campaign: Campaign | int | None = None,
    action: OversightAction | int | None = None,
) -> QuerySet[Problem]:
    """The problems the user may read (staff and members: the township's; a unit: its own; a
    deputy: those of actions they took part in), open first and by deadline, each annotated
    `overdue`. `status` is a state or "open" (any but closed); `year` is the year the action
    found it."""
    problems = visible_to(
        Problem.objects.select_related("unit", "action__activity", "action__campaign"), user
    )
    if status == OPEN:
        problems = problems.filter(status__in=OPEN_PROBLEM_STATES)
    elif status:
        problems = problems.filter(status=status)
    if unit:
        problems = problems.filter(unit=unit)
    if overdue is not None:
        problems = problems.filter(overdue_q()) if overdue else problems.exclude(overdue_q())
    if year:
        problems = problems.filter(action__activity__start_date__year=year)
    if campaign:
        problems = problems.filter(action__campaign=campaign)
    if action:
        problems = problems.filter(action=action)
    closed_last = Case(When(status=ProblemStatus.CLOSED, then=Value(1)), default=Value(0))
    return with_overdue(problems).order_by(closed_last, "deadline", "pk")


def problem_get_for_user(*, user, pk: int) -> Problem:
    """One problem the user may read; 404 otherwise (another unit's too), so that its
    existence does not leak."""
    return get_visible_or_404(
        Problem.objects.select_related("township", "unit", "action__activity"), user, pk=pk
    )


def problem_detail_for_user(*, user, pk: int) -> Problem:
    """A problem with everything its page shows: its action, unit, the steps of its
    workflow with who took them, the reports with their evidence, the deputies who verified
    it and the agenda item it was reported under."""
    problems = Problem.objects.select_related(
        "township", "unit", "action__activity", "action__campaign", "agenda_item__session"
    ).prefetch_related(
        Prefetch(
            "status_changes",
            queryset=ProblemStatusChange.objects.select_related("changed_by"),
        ),
        Prefetch(
            "reports",
            queryset=RectificationReport.objects.select_related("submitted_by").prefetch_related(
                "evidence"
            ),
        ),
        "verifiers",
    )
    return get_visible_or_404(with_overdue(problems), user, pk=pk)


def evidence_get_for_user(*, user, pk: int) -> RectificationEvidence:
    """A file of a report on a problem the user may read; 404 otherwise."""
    return get_visible_or_404(RectificationEvidence.objects.all(), user, pk=pk)


def problem_action_for_user(*, user, pk: int) -> OversightAction:
    """The action a problem is added to, if the user may read it; 404 otherwise."""
    return get_visible_or_404(
        OversightAction.objects.select_related("activity", "township"), user, pk=pk
    )


def problem_default_deadline(*, action: OversightAction) -> datetime.date:
    """The deadline the add form suggests: DEFAULT_RECTIFICATION_DAYS after the action's last
    day, on a working day of its township."""
    last_day = action.activity.end_date or action.activity.start_date
    return Workdays(action.township_id).on_or_after(
        last_day + datetime.timedelta(days=DEFAULT_RECTIFICATION_DAYS)
    )


def problems_for_agenda(*, user) -> QuerySet[Problem]:
    """The open problems staff may put on a congress session's agenda, by deadline."""
    return problem_list_for_user(user=user, status=OPEN)


def sessions_in_preparation(*, township) -> QuerySet[CongressSession]:
    """The township's congress sessions still in preparation: the ones whose agenda can take
    a rectification report."""
    return CongressSession.objects.filter(
        township=township, status=SessionStatus.PREPARING
    ).order_by("start_date")


def problem_counts_for_actions(actions: Iterable[OversightAction | int]) -> dict[int, dict]:
    """For each action (or id): how many problems it found, how many are closed, open and
    overdue. One query, whatever the number of actions; an action without problems is
    missing from the answer."""
    ids = [getattr(action, "pk", action) for action in actions]
    rows = (
        Problem.objects.filter(action_id__in=ids)
        .order_by()
        .values("action_id")
        .annotate(
            total=Count("pk"),
            closed=Count("pk", filter=Q(status=ProblemStatus.CLOSED)),
            overdue=Count("pk", filter=overdue_q()),
        )
    )
    return {
        row["action_id"]: {
            "total": row["total"],
            "closed": row["closed"],
            "open": row["total"] - row["closed"],
            "overdue": row["overdue"],
        }
        for row in rows
    }


# ------------------------------------------------------------------------ queues and home page


def problem_queues_for_user(*, user) -> dict[str, QuerySet[Problem]]:
    """What waits for the user: a unit's problems to start, to report and overdue; staff's
    and members' rectifications to verify and the overdue problems. Others wait for nothing."""
    problems = problem_list_for_user(user=user)
    late = problems.filter(overdue_q())
    if user.role == Role.UNIT:
        return {
            "to_start": problems.filter(status=ProblemStatus.PENDING),
            "to_report": problems.filter(status=ProblemStatus.IN_PROGRESS),
            "overdue": late,
        }
    if user.role in (Role.STAFF, Role.MEMBER):
        return {"to_verify": problems.filter(status=ProblemStatus.REPORTED), "overdue": late}
    return {}


def problems_dashboard(*, user, year: int) -> dict | None:
    """The home page's problems: the counts waiting for the user's next move, linked to the
    filtered list, and the rows themselves (a unit: its open problems; staff and members:
    those to verify and those overdue)."""
    problems = problem_list_for_user(user=user)
    counts = problems.order_by().aggregate(
        pending=Count("pk", filter=Q(status=ProblemStatus.PENDING)),
        in_progress=Count("pk", filter=Q(status=ProblemStatus.IN_PROGRESS)),
        reported=Count("pk", filter=Q(status=ProblemStatus.REPORTED)),
        overdue=Count("pk", filter=overdue_q()),
        found=Count("pk", filter=Q(action__activity__start_date__year=year)),
        total=Count("pk"),
    )
    overdue = Todo(
        str(_("Overdue problems")), counts["overdue"], list_url(overdue="yes"), tone="danger"
    )
    if not counts["total"]:  # a township that records no problems: no empty panel
        if user.role == Role.UNIT:
            return None
        return {"figures": [Figure("problems_found", _("Problems found"), 0, list_url())]}
    if user.role == Role.UNIT:
        begin, report = PROBLEM_WORKFLOW.move("begin"), PROBLEM_WORKFLOW.move("report")
        return {
            "todo": [
                Todo(str(begin.todo), counts["pending"], list_url(status=ProblemStatus.PENDING)),
                Todo(
                    str(report.todo),
                    counts["in_progress"],
                    list_url(status=ProblemStatus.IN_PROGRESS),
                ),
                overdue,
            ],
            "heading": _("Problems my unit is to rectify"),
            "sections": [
                {
                    "rows": list(problems.filter(status__in=OPEN_PROBLEM_STATES)[:DASHBOARD_ROWS]),
                    "more": list_url(status=OPEN),
                    "empty": _("No open problems."),
                }
            ],
        }
    verify = PROBLEM_WORKFLOW.move("verify")
    queues = problem_queues_for_user(user=user)
    return {
        "todo": [
            Todo(str(verify.todo), counts["reported"], list_url(status=ProblemStatus.REPORTED)),
            overdue,
        ],
        "figures": [
            Figure("problems_found", _("Problems found"), counts["found"], list_url(year=year))
        ],
        "heading": _("Problems and rectification"),
        "sections": [
            {
                "title": verify.todo,
                "rows": list(queues["to_verify"][:DASHBOARD_ROWS]),
                "more": list_url(status=ProblemStatus.REPORTED),
                "empty": _("Nothing to verify."),
            },
            {
                "title": _("Overdue problems"),
                "rows": list(queues["overdue"][:DASHBOARD_ROWS]),
                "more": list_url(overdue="yes"),
                "empty": _("No problem is overdue."),
            },
        ],
    }


# ------------------------------------------------------------------------ the year


def problems_year_summary(*, township, year: int) -> YearSummary:
    """The problems the year's oversight actions found: how many, how many closed (销号),
    still open and overdue today, in all and by responsible unit."""
    found = Problem.objects.filter(
        township=township, action__activity__start_date__year=year
    ).order_by()
    counting = {
        "found": Count("pk"),
        "closed": Count("pk", filter=Q(status=ProblemStatus.CLOSED)),
        "overdue": Count("pk", filter=overdue_q()),
    }
    totals = found.aggregate(**counting)
    by_unit = [
        {
            "unit": row["unit__name"],
            "found": row["found"],
            "closed": row["closed"],
            "open": row["found"] - row["closed"],
            "overdue": row["overdue"],
        }
        for row in found.values("unit__name").annotate(**counting).order_by("unit__name")
    ]
    return YearSummary(
        key="problems",
        title=_("Problems found by oversight and their rectification"),
        figures=[
            Figure("found", _("Problems found"), totals["found"], list_url(year=year)),
            Figure(
                "closed",
                _("Problems rectified and closed"),
                totals["closed"],
                list_url(year=year, status=ProblemStatus.CLOSED),
            ),
            Figure(
                "open",
                _("Problems still open"),
                totals["found"] - totals["closed"],
                list_url(year=year, status=OPEN),
            ),
            Figure(
                "overdue",
                _("Problems overdue"),
                totals["overdue"],
                list_url(year=year, overdue="yes"),
            ),
        ],
        details={"by_unit": by_unit},
    )
