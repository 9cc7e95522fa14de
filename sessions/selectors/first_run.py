"""A new township's first run: the steps its staff take before the first session of the term
(deputy groups, constituencies, handling units, the roster, the accounts, the session), each
ticked from the records themselves, for the checklist on the staff home page.

It lives here, in the highest of the apps whose records it counts (the core, deputies,
sessions): a lower layer never imports a higher one.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import Township, Unit
from congress.roles import Role
from deputies.models import Constituency, Deputy, DeputyGroup, Mandate
from deputies.selectors import deputies_with_mandate, mandate_filter, mandates_not_ended_on

from ..models import CongressSession


@dataclass(frozen=True)
class SetupStep:
    """One step of the checklist: done when the records say so, with how many there are and
    the page that does it."""

    key: str
    label: str
    count: int
    done: bool
    url: str
    detail: str = ""


def _count(queryset):
    """How many rows of `queryset` the township has, as a subquery of the township's row."""
    rows = queryset.filter(township=OuterRef("pk")).order_by().values("township")
    return Coalesce(Subquery(rows.annotate(n=Count("pk", distinct=True)).values("n")), 0)


def first_run_checklist(*, user, today: datetime.date | None = None) -> list[SetupStep]:
    """The setup steps of the user's township, in the order they are taken, each ticked from
    the records: at least one deputy group, constituency and active handling unit; deputies of
    the current term in office; logins issued to deputies in office and to active units; a
    session of the current term registered. One query: each step's count a subquery of the
    township's row."""
    today = today or timezone.localdate()
    term = user.township.current_term
    in_office = mandate_filter(level=Mandate.Level.TOWNSHIP, term=term) & mandates_not_ended_on(
        today
    )
    deputies = deputies_with_mandate(Deputy.objects.all(), in_office)
    units = Unit.objects.filter(is_active=True)
    counts = (
        Township.objects.filter(pk=user.township_id)
        .annotate(
            n_groups=_count(DeputyGroup.objects.all()),
            n_constituencies=_count(Constituency.objects.all()),
            n_units=_count(units),
            n_units_with_account=_count(units.filter(users__is_active=True, users__role=Role.UNIT)),
            n_deputies=_count(deputies),
            n_deputies_with_account=_count(deputies.filter(user__is_active=True)),
            n_sessions=_count(CongressSession.objects.filter(term=term)),
        )
        .values(
            "n_groups",
            "n_constituencies",
            "n_units",
            "n_units_with_account",
            "n_deputies",
            "n_deputies_with_account",
            "n_sessions",
        )
        .get()
    )
    groups, constituencies, sessions = (
        counts["n_groups"],
        counts["n_constituencies"],
        counts["n_sessions"],
    )
    units = {"total": counts["n_units"], "with_account": counts["n_units_with_account"]}
    deputies = {"total": counts["n_deputies"], "with_account": counts["n_deputies_with_account"]}

    # Issued once deputies and units have logins; some deputies may stay on paper, so the
    # step does not wait for every one (the detail says how many have one).
    accounts_done = deputies["with_account"] > 0 and units["with_account"] > 0
    deputies_lack_accounts = deputies["with_account"] < deputies["total"]
    return [
        SetupStep(
            "groups",
            gettext_lazy("Deputy groups"),
            groups,
            groups > 0,
            reverse("deputies:groups"),
        ),
        SetupStep(
            "constituencies",
            gettext_lazy("Constituencies"),
            constituencies,
            constituencies > 0,
            reverse("deputies:constituencies"),
        ),
        SetupStep(
            "units",
            gettext_lazy("Handling units"),
            units["total"],
            units["total"] > 0,
            reverse("township:units"),
        ),
        SetupStep(
            "roster",
            gettext_lazy("Roster of this term's deputies"),
            deputies["total"],
            deputies["total"] > 0,
            reverse("deputies:import"),
        ),
        SetupStep(
            "accounts",
            gettext_lazy("Accounts for deputies and handling units"),
            deputies["with_account"] + units["with_account"],
            accounts_done,
            reverse("deputies:accounts_create" if deputies_lack_accounts else "township:accounts"),
            detail=_("deputies %(deputies)s of %(all_deputies)s, units %(units)s of %(all_units)s")
            % {
                "deputies": deputies["with_account"],
                "all_deputies": deputies["total"],
                "units": units["with_account"],
                "all_units": units["total"],
            },
        ),
        SetupStep(
            "session",
            gettext_lazy("A session of this term"),
            sessions,
            sessions > 0,
            reverse("sessions:create"),
        ),
    ]


def first_run_dashboard(*, user, year: int) -> dict | None:
    """The checklist on the staff home page, first of its panels, until every step is done."""
    if user.township_id is None:
        return None
    steps = first_run_checklist(user=user)
    if all(step.done for step in steps):
        return None
    next_step = next(step for step in steps if not step.done)
    return {
        "lead": True,  # shown above the to-do list
        "steps": steps,
        "next": next_step.key,
        "done": sum(1 for step in steps if step.done),
        "total": len(steps),
    }
