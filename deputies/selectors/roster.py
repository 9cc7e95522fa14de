"""Reads of the roster, scoped to what the user may see."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from congress.models import User
from congress.pagination import count_label
from congress.roles import Role
from congress.scoping import get_visible_or_404, visible_to

from ..extensions import roster_warnings
from ..models import Constituency, Deputy, DeputyGroup, Mandate, RosterImport
from ..rules import MIN_GROUP_SIZE


def _mandates_prefetch() -> Prefetch:
    return Prefetch("mandates", queryset=Mandate.objects.select_related("constituency", "group"))


def deputy_list_for_user(*, user) -> QuerySet[Deputy]:
    """Staff and presidium members read their township's roster (a deputy reads only their own
    record, through deputy_for_user)."""
    return visible_to(Deputy.objects.prefetch_related(_mandates_prefetch()), user)


def deputy_get_for_user(*, user, pk: int) -> Deputy:
    """One deputy: staff and members of the township, or the deputy themself; else 404."""
    deputies = Deputy.objects.select_related("liaison", "user").prefetch_related(
        _mandates_prefetch()
    )
    return get_visible_or_404(deputies, user, pk=pk)


def deputy_for_user(*, user) -> Deputy | None:
    """The deputy record linked to this login, if any."""
    if user.role != Role.DEPUTY:
        return None
    return (
        visible_to(Deputy.objects.filter(user=user), user)
        .select_related("township", "liaison")
        .prefetch_related(_mandates_prefetch())
        .first()
    )


def mandate_filter(*, level=None, term=None, group=None, constituency=None, status=None) -> Q:
    """Criteria that one and the same mandate must meet (level AND status on one seat)."""
    criteria = {
        "level": level,
        "term": term,
        "group": group,
        "constituency": constituency,
        "status": status,
    }
    return Q(**{k: v for k, v in criteria.items() if v not in (None, "")})


def deputies_with_mandate(deputies: QuerySet[Deputy], criteria: Q) -> QuerySet[Deputy]:
    return deputies.filter(Exists(Mandate.objects.filter(criteria, deputy_id=OuterRef("pk"))))


def mandates_not_ended_on(day: datetime.date) -> Q:
    """Mandate criteria: not ended on `day`. A mandate ends on its end date, the first day out
    of office; one that is no longer 在任 without an end date has ended."""
    return Q(end_date__gt=day) | Q(end_date__isnull=True, status=Mandate.Status.ACTIVE)


def mandates_in_office_on(day: datetime.date) -> Q:
    """Mandate criteria: in office on `day`: started (on its start date; none: from the start
    of its term) and not ended."""
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & mandates_not_ended_on(day)


def deputies_in_office_on(
    *, township, day: datetime.date, level: str | None = None, term: int | None = None
) -> QuerySet[Deputy]:
    """The township's deputies (of one level and term, if given) in office on `day`: who is
    on the roll of a sitting, and whom quorum and majorities count."""
    criteria = mandates_in_office_on(day) & mandate_filter(level=level, term=term)
    return deputies_with_mandate(Deputy.objects.filter(township=township), criteria)


def deputies_holding_a_mandate(deputies: QuerySet[Deputy], day: datetime.date):
    """Deputies with a mandate not ended on `day` (in office, or to start later): the ones
    who may have a login account."""
    return deputies_with_mandate(deputies, mandates_not_ended_on(day))


def deputies_without_account(*, township, day: datetime.date) -> QuerySet[Deputy]:
    """The township's deputies holding a mandate on `day` who have no login account yet."""
    deputies = Deputy.objects.filter(township=township, user__isnull=True)
    return deputies_holding_a_mandate(deputies, day).order_by(*Deputy.OFFICIAL_ORDER)


def mandates_in_office_during(year: int) -> Q:
    """Mandate criteria: in office at some time in the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (Q(start_date__isnull=True) | Q(start_date__lte=last)) & mandates_not_ended_on(first)


def deputies_in_office_during(deputies: QuerySet[Deputy], year: int) -> QuerySet[Deputy]:
    """Deputies who held a mandate at some time in the year."""
    return deputies_with_mandate(deputies, mandates_in_office_during(year))


def deputy_choices(*, township) -> QuerySet[Deputy]:
    """Every deputy of the township, past ones included (staff enter last season's paper
    records on their behalf), for a form's drop-down."""
    return Deputy.objects.filter(township=township).order_by(*Deputy.OFFICIAL_ORDER)


def constituency_choices(*, township) -> QuerySet[Constituency]:
    return Constituency.objects.filter(township=township)


def deputy_group_choices(*, township) -> QuerySet[DeputyGroup]:
    return DeputyGroup.objects.filter(township=township)


def roster_workbook_options(*, township) -> dict[str, list[str]]:
    """The names the roster workbook offers in its drop-downs, in natural order."""
    return {
        "constituency": list(
            constituency_choices(township=township).values_list("name", flat=True)
        ),
        "group": list(deputy_group_choices(township=township).values_list("name", flat=True)),
    }


def member_choices(*, township) -> QuerySet[User]:
    return User.objects.filter(township=township, role=Role.MEMBER, is_active=True)


def deputy_account_choices(*, township) -> QuerySet[User]:
    return User.objects.filter(township=township, role=Role.DEPUTY, is_active=True)


def deputy_groups_with_size(*, township) -> QuerySet[DeputyGroup]:
    """Groups with the number of deputies in office in them, and whether that is fewer than
    MIN_GROUP_SIZE (a warning, not a block)."""
    return (
        DeputyGroup.objects.filter(township=township)
        .order_by(*DeputyGroup.NATURAL_ORDER)  # an aggregate query drops Meta.ordering
        .annotate(
            size=Count(
                "mandates__deputy",
                filter=Q(mandates__status=Mandate.Status.ACTIVE),
                distinct=True,
            )
        )
        .annotate(too_small=ExpressionWrapper(Q(size__lt=MIN_GROUP_SIZE), BooleanField()))
    )


def constituencies_with_size(*, township) -> QuerySet[Constituency]:
    return (
        Constituency.objects.filter(township=township)
        .order_by(*Constituency.NATURAL_ORDER)
        .annotate(
            size=Count(
                "mandates__deputy",
                filter=Q(mandates__status=Mandate.Status.ACTIVE),
                distinct=True,
            )
        )
    )


# A roster warning names this many deputies and counts the rest ("，另有N人"), counting
# up to WARNING_COUNT_LIMIT ("1,000+" past it).
WARNING_NAMES_SHOWN = 20
WARNING_COUNT_LIMIT = 1000


def roster_warnings_for(*, township) -> list[dict]:
    """The warnings the apps above deputies raise on the roster (e.g. Deputies Law Art 62),
    each with its count and the first WARNING_NAMES_SHOWN deputies it names; only those that
    name someone. One query per warning: the names and the count come from the same rows."""
    warnings = []
    for warning in roster_warnings:
        named = list(
            warning.deputies(township=township).only("pk", "name")[: WARNING_COUNT_LIMIT + 1]
        )
        if not named:
            continue
        shown, more = named[:WARNING_NAMES_SHOWN], len(named) - WARNING_NAMES_SHOWN
        warnings.append(
            {
                "warning": warning,
                "deputies": shown,
                "count": len(named),
                # "，另有N人" ("980+" when the count stopped at the limit); none when all show.
                "more": count_label(more, WARNING_COUNT_LIMIT - WARNING_NAMES_SHOWN)
                if more > 0
                else "",
            }
        )
    return warnings


def roster_composition(deputies: QuerySet[Deputy]) -> dict[str, list[tuple[str, int]]]:
    """Counts by gender, affiliation, occupation, education: the table a report quotes."""
    composition = {}
    for field in ("gender", "affiliation", "occupation", "education"):
        choices = dict(Deputy._meta.get_field(field).choices)
        rows = deputies.order_by().values(field).annotate(n=Count("pk")).order_by("-n", field)
        composition[field] = [
            (str(choices.get(row[field], row[field] or "—")), row["n"]) for row in rows
        ]
    return composition


def mandate_get_for_deputy(*, deputy: Deputy, pk: int) -> Mandate:
    return get_object_or_404(Mandate.objects.select_related("deputy"), pk=pk, deputy=deputy)


def township_record_get_for_user(*, user, model, pk: int):
    """A constituency or group the user may see; 404 for another township's."""
    return get_visible_or_404(model.objects.all(), user, pk=pk)


def roster_import_get_for_user(*, user, pk: int) -> RosterImport:
    return get_visible_or_404(
        RosterImport.objects.select_related("township", "uploaded_by"), user, pk=pk
    )
