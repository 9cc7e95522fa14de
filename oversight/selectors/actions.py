"""Reading oversight records. Person-times are computed here and only here."""

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.attendance import AttendanceStatus
from congress.registry import Figure, YearSummary
from congress.scoping import visible_to
from deputies.models import Attendance

from ..models import ActionStaff, OversightAction


def _count(queryset: QuerySet, by: str) -> Coalesce:
    """A correlated COUNT of `queryset` (filtered on OuterRef through the field `by`), 0 when
    none: a subquery per count, so counting deputies and staff does not multiply rows."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_participants(actions: QuerySet[OversightAction]) -> QuerySet[OversightAction]:
    """Annotate each action with who took part: `deputies_present`, `deputies_on_leave`,
    `deputies_absent`, `staff_count`, `others` and `person_times` (present deputies + staff +
    others; a deputy on leave or absent did not take part)."""
    attendances = Attendance.objects.filter(activity=OuterRef("activity"))
    staff = ActionStaff.objects.filter(action=OuterRef("pk"))
    actions = actions.annotate(
        deputies_present=_count(attendances.filter(status=AttendanceStatus.PRESENT), "activity"),
        deputies_on_leave=_count(attendances.filter(status=AttendanceStatus.LEAVE), "activity"),
        deputies_absent=_count(attendances.filter(status=AttendanceStatus.ABSENT), "activity"),
        staff_count=_count(staff, "action"),
        others=F("activity__other_participants"),
    )
    return actions.annotate(
        person_times=F("deputies_present") + F("staff_count") + F("activity__other_participants")
    )


def action_list_for_user(*, user) -> QuerySet[OversightAction]:
    """The oversight actions the user may read, newest first, with their participants."""
    actions = visible_to(OversightAction.objects.all(), user).select_related(
        "activity", "campaign", "unit"
    )
    return with_participants(actions).order_by("-activity__start_date", "-pk")


def actions_in_year(*, township, year: int) -> QuerySet[OversightAction]:
    return with_participants(
        OversightAction.objects.filter(township=township, activity__start_date__year=year)
    )


def oversight_year_summary(*, township, year: int) -> YearSummary:
    """The year's oversight actions and the person-times taking part, in all and by kind."""
    rows = list(actions_in_year(township=township, year=year).values("kind", "person_times"))
    by_kind: dict[str, dict] = {}
    for row in rows:
        entry = by_kind.setdefault(row["kind"], {"n": 0, "people": 0})
        entry["n"] += 1
        entry["people"] += row["person_times"]
    return YearSummary(
        key="oversight",
        title=_("Oversight"),
        figures=[
            Figure(
                "actions",
                _("Oversight actions"),
                len(rows),
                reverse("oversight:list") + f"?year={year}",
            ),
            Figure(
                "person_times",
                _("Participants in oversight (person-times)"),
                sum(entry["people"] for entry in by_kind.values()),
            ),
        ],
        details={
            "by_kind": [
                {
                    "label": kind.label,
                    "count": by_kind[kind.value]["n"],
                    "person_times": by_kind[kind.value]["people"],
                }
                for kind in OversightAction.Kind
                if kind.value in by_kind
            ]
        },
    )


def oversight_dashboard(*, user, year: int) -> dict:
    """The year's oversight actions on the home page."""
    actions = visible_to(OversightAction.objects.all(), user).filter(
        activity__start_date__year=year
    )
    return {
        "figures": [
            Figure("oversight", _("Oversight actions"), actions.count(), reverse("oversight:list"))
        ]
    }
