from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, YearSummary
from congress.scoping import visible_to

from .models import Inspection


def inspection_list_for_user(*, user) -> QuerySet[Inspection]:
    """The township's oversight work, for the roles READS lets read it."""
    return visible_to(Inspection.objects.all(), user)


def oversight_year_summary(*, township, year: int) -> YearSummary:
    """The year's oversight actions and the person-times taking part, in all and by kind."""
    rows = (
        Inspection.objects.filter(township=township, date__year=year)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), people=Sum("participants"))
    )
    by_kind = {row["kind"]: row for row in rows}
    return YearSummary(
        key="oversight",
        title=_("Oversight"),
        figures=[
            Figure(
                "actions",
                _("Oversight activities"),
                sum(row["n"] for row in by_kind.values()),
                reverse("oversight:list"),
            ),
            Figure(
                "person_times",
                _("Participants in oversight (person-times)"),
                sum(row["people"] or 0 for row in by_kind.values()),
            ),
        ],
        details={
            "by_kind": [
                {
                    "label": kind.label,
                    "count": by_kind[kind.value]["n"],
                    "person_times": by_kind[kind.value]["people"] or 0,
                }
                for kind in Inspection.Kind
                if kind.value in by_kind
            ]
        },
    )


def oversight_dashboard(*, user, year: int) -> dict:
    """The year's oversight activities on the home page."""
    actions = inspection_list_for_user(user=user).filter(date__year=year)
    return {
        "figures": [
            Figure(
                "oversight", _("Oversight activities"), actions.count(), reverse("oversight:list")
            )
        ]
    }
