"""Reading letters and visits (信访): staff only (roles.READS), and the person's identity only
for staff holding petitions.view_petitioner (`may_see_petitioner`); pages show everyone else
HIDDEN_IDENTITY instead of the name, contact and address."""

import datetime
from collections import Counter

from django.db.models import (
    BooleanField,
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from congress.registry import Figure, Todo, YearSummary
from congress.scoping import get_visible_or_404, visible_to

from .models import Petition, PetitionPolicy, PetitionStatusChange
from .workflow import PETITION_WORKFLOW, PetitionStatus

# What pages and exports show for the name, contact and address to anyone else: （身份信息已隐藏）
HIDDEN_IDENTITY = _("(identity hidden)")


def may_see_petitioner(user) -> bool:
    """Whether the user reads who wrote or visited: a permission granted per staff account."""
    return user.has_perm("petitions.view_petitioner")


def overdue_condition(today: datetime.date) -> Q:
    """Overdue: still to be accepted after its day to accept, or accepted and still open after
    its day to conclude. On the deadline day itself it is not overdue yet."""
    return Q(status=PetitionStatus.RECEIVED, accept_by__lt=today) | Q(
        status=PetitionStatus.ACCEPTED, conclude_by__lt=today
    )


def with_overdue(petitions: QuerySet[Petition], today: datetime.date) -> QuerySet[Petition]:
    return petitions.annotate(
        is_overdue=Case(
            When(overdue_condition(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def petition_list_for_user(
    *,
    user,
    status: str = "",
    category: str = "",
    channel: str = "",
    year: int | None = None,
    overdue: bool = False,
    q: str = "",
) -> QuerySet[Petition]:
    """The letters and visits the user may read, newest first, each with `is_overdue`.
    `q` searches the subject and content, and the name only for those who may see it."""
    today = timezone.localdate()
    petitions = with_overdue(visible_to(Petition.objects.select_related("unit"), user), today)
    if status:
        petitions = petitions.filter(status=status)
    if category:
        petitions = petitions.filter(category=category)
    if channel:
        petitions = petitions.filter(channel=channel)
    if year:
        petitions = petitions.filter(received_on__year=year)
    if overdue:
        petitions = petitions.filter(overdue_condition(today))
    q = q.strip()
    if q:
        found = Q(subject__icontains=q) | Q(content__icontains=q)
        if may_see_petitioner(user):
            found |= Q(name__icontains=q)
        petitions = petitions.filter(found)
    return petitions.order_by("-received_on", "-pk")


def petition_get_for_user(*, user, pk: int) -> Petition:
    """One letter or visit the user may read, with `is_overdue`; 404 otherwise."""
    petitions = with_overdue(
        Petition.objects.select_related("unit", "township"), timezone.localdate()
    )
    return get_visible_or_404(petitions, user, pk=pk)


def petition_detail(*, petition: Petition) -> dict:
    """Its course (each step with who took it) and its replies, oldest first: two queries."""
    return {
        "status_changes": list(
            petition.status_changes.select_related("changed_by").order_by("changed_at", "pk")
        ),
        "replies": list(petition.replies.select_related("recorded_by").order_by("date", "pk")),
    }


def petition_policy_for(*, township) -> PetitionPolicy:
    """The township's deadlines, or the defaults it would get (unsaved) if it has none yet."""
    return PetitionPolicy.objects.filter(township=township).first() or PetitionPolicy(
        township=township
    )


def _concluded_at():
    """When each letter or visit was last concluded (its latest step to 已办结)."""
    return (
        PetitionStatusChange.objects.filter(
            petition=OuterRef("pk"), to_status=PetitionStatus.CONCLUDED
        )
        .order_by("-changed_at", "-pk")
        .values("changed_at")[:1]
    )


def petitions_year_summary(*, township, year: int) -> YearSummary:
    """The letters and visits received in the year: how many and how many people, by channel
    and by category, how many are concluded, and how many of those on or before their day to
    conclude. Two queries."""
    rows = list(
        Petition.objects.filter(township=township, received_on__year=year)
        .annotate(concluded_at=Subquery(_concluded_at()))
        .values("channel", "category", "people", "status", "conclude_by", "concluded_at")
    )
    channels = Counter(row["channel"] for row in rows)
    categories = Counter(row["category"] for row in rows)
    concluded = [row for row in rows if row["status"] == PetitionStatus.CONCLUDED]
    on_time = [
        row
        for row in concluded
        if row["concluded_at"] is not None
        and row["conclude_by"] is not None
        and timezone.localdate(row["concluded_at"]) <= row["conclude_by"]
    ]
    url = reverse("petitions:list")
    return YearSummary(
        key="petitions",
        title=_("Letters and visits"),
        figures=[
            Figure("received", _("Letters and visits received"), len(rows), f"{url}?year={year}"),
            Figure("people", _("People who wrote or visited"), sum(r["people"] for r in rows)),
            *(
                Figure(
                    f"channel_{c.value}",
                    format_lazy(_("Received by {channel}"), channel=c.label),
                    channels[c.value],
                )
                for c in Petition.Channel
            ),
            *(
                Figure(
                    f"category_{c.value}",
                    format_lazy(_("About {category}"), category=c.label),
                    categories[c.value],
                )
                for c in Petition.Category
                if categories[c.value]
            ),
            Figure(
                "concluded",
                _("Letters and visits concluded"),
                len(concluded),
                f"{url}?year={year}&status={PetitionStatus.CONCLUDED}",
            ),
            Figure("on_time", _("of which concluded on time"), len(on_time)),
        ],
        details={
            "by_channel": [
                {"label": c.label, "count": channels[c.value]} for c in Petition.Channel
            ],
            "by_category": [
                {"label": c.label, "count": categories[c.value]}
                for c in Petition.Category
                if categories[c.value]
            ],
        },
    )


def petitions_dashboard(*, user, year: int) -> dict | None:
    """Staff's home page: the letters and visits waiting to be accepted or concluded, and
    those overdue. One query."""
    if not user.has_perm("petitions.view_petition"):
        return None
    today = timezone.localdate()
    url = reverse("petitions:list")
    counts = visible_to(Petition.objects.all(), user).aggregate(
        **{
            state: Count("pk", filter=Q(status=state))
            for state in (PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED)
        },
        overdue=Count("pk", filter=overdue_condition(today)),
    )
    todo = [
        Todo(str(move.todo), counts[move.sources[0]], f"{url}?status={move.sources[0]}")
        for move in PETITION_WORKFLOW.moves
        if move.todo and user.has_perm(move.permission)
    ]
    todo.append(
        Todo(
            str(_("Letters and visits overdue")),
            counts["overdue"],
            f"{url}?overdue=1",
            tone="danger",
        )
    )
    return {"todo": todo}
