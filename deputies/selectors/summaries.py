"""What the deputies app gives the shared pages: its year summary and its home-page panel."""

import datetime

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.roles import Role
from congress.scoping import visible_to

from ..models import Activity, Attendance, Deputy, Mandate, RosterImport
from ..rules import MIN_GROUP_SIZE
from .activities import named_participants
from .roster import (
    deputies_in_office_during,
    deputies_in_office_on,
    deputies_without_account,
    deputy_for_user,
    deputy_groups_with_size,
    mandates_in_office_during,
    roster_warnings_for,
)


def deputies_year_summary(*, township, year: int) -> YearSummary:
    """The people in office at some time in the year, by level (one person may hold both a
    county and a township seat), and the deputies' activities with their person-times."""
    in_office = deputies_in_office_during(Deputy.objects.filter(township=township), year)
    # Only the mandates that ran in the year: an earlier term's seat is not counted again.
    seats = (
        Mandate.objects.filter(mandates_in_office_during(year), deputy__township=township)
        .values("level")
        .annotate(people=Count("deputy", distinct=True))
    )
    by_level = {row["level"]: row["people"] for row in seats.order_by()}
    # A county deputy is often a township deputy too: counted under both levels, and once here,
    # so that the levels add up to the people in office (township + county - both).
    both = (
        Mandate.objects.filter(mandates_in_office_during(year), deputy__township=township)
        .order_by()
        .values("deputy")
        .annotate(levels=Count("level", distinct=True))
        .filter(levels__gt=1)
        .count()
    )
    activities = Activity.objects.filter(township=township, start_date__year=year).aggregate(
        n=Count("pk", distinct=True), others=Sum("other_participants")
    )
    present = Attendance.objects.filter(
        activity__township=township,
        activity__start_date__year=year,
        status=Attendance.Status.PRESENT,
    ).count()
    named = (
        Activity.objects.filter(township=township, start_date__year=year)
        .annotate(named=named_participants())
        .aggregate(n=Sum("named"))["n"]
    )
    return YearSummary(
        key="deputies",
        title=_("Deputies"),
        figures=[
            Figure("in_office", _("Deputies in office during the year"), in_office.count()),
            Figure(
                "township",
                _("of whom township deputies"),
                by_level.get(Mandate.Level.TOWNSHIP, 0),
            ),
            Figure("county", _("of whom county deputies"), by_level.get(Mandate.Level.COUNTY, 0)),
            Figure("both", _("of whom deputies at both levels"), both),
            Figure("activities", _("Deputies' activities"), activities["n"]),
            Figure(
                "activity_person_times",
                _("Person-times in deputies' activities"),
                present + (named or 0) + (activities["others"] or 0),
            ),
        ],
    )


def _year_day(year: int, today: datetime.date) -> tuple[datetime.date, str]:
    """The day whose deputies in office stand for the year, and its words: today for this
    year (or a later one), 31 December for a past year, so that 2025 shows who was in office
    then and not who is now."""
    if year >= today.year:
        return today, _("Deputies in office today")
    return (
        datetime.date(year, 12, 31),
        _("Deputies in office on 31 December %(year)s") % {"year": year},
    )


def deputies_dashboard(*, user, year: int) -> dict | None:
    """A deputy's own mandates; for the presidium, the roster's figures and its warnings."""
    if user.role == Role.DEPUTY:
        return {"deputy": deputy_for_user(user=user)}
    township = user.township
    if township is None:
        return None
    today = timezone.localdate()
    day, label = _year_day(year, today)
    context = {
        "figures": [
            Figure(
                "deputies",
                label,
                deputies_in_office_on(township=township, day=day).count(),
                # The roster filters on today's status: a past year's figure links to it whole.
                reverse("deputies:list") + ("?status=active" if day == today else ""),
            ),
            Figure(
                "activities",
                _("Deputies' activities"),
                visible_to(Activity.objects.filter(start_date__year=year), user).count(),
                reverse("deputies:activities"),
            ),
        ]
    }
    if user.has_perm("deputies.view_private"):
        todo = [
            Todo(
                str(item["warning"].title),
                item["count"],
                reverse("deputies:list"),
                "danger",
            )
            for item in roster_warnings_for(township=township)
        ]
        small = deputy_groups_with_size(township=township).filter(too_small=True)
        todo.append(
            Todo(
                str(_("Deputy groups with fewer than %(n)s deputies") % {"n": MIN_GROUP_SIZE}),
                small.count(),
                reverse("deputies:groups"),
            )
        )
        if user.has_perm("deputies.add_rosterimport"):
            pending = RosterImport.objects.filter(
                township=township, state=RosterImport.State.PENDING
            )
            todo.append(
                Todo(
                    str(_("Roster workbooks uploaded but not imported")),
                    pending.count(),
                    reverse("deputies:import"),
                )
            )
        if user.has_perms(("deputies.change_deputy", "congress.add_user")):
            todo.append(
                Todo(
                    str(_("Deputies holding a mandate without a login account")),
                    deputies_without_account(township=township, day=timezone.localdate()).count(),
                    reverse("deputies:accounts_create"),
                )
            )
        context["todo"] = todo
    return context
