"""Writing the work plan (工作思路): its items, in the order the plan lists them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Township

from ..models import PlanItem

# The plan is written at the end of the year before the one it is for; older plans are
# entered from paper, so any year from the first the app keeps (as YearMixin) is accepted.
FIRST_PLAN_YEAR = 1980
UP, DOWN = "up", "down"
DIRECTIONS = (UP, DOWN)


def _check_year(year: int) -> None:
    latest = timezone.localdate().year + 1
    if not FIRST_PLAN_YEAR <= year <= latest:
        raise ValidationError(
            {
                "year": _("A work plan can be for a year from %(first)s to %(latest)s.")
                % {"first": FIRST_PLAN_YEAR, "latest": latest}
            }
        )


def _next_order(*, township_id: int, year: int) -> int:
    last = PlanItem.objects.filter(township_id=township_id, year=year).aggregate(last=Max("order"))[
        "last"
    ]
    return (last or 0) + 1


@transaction.atomic
def plan_item_create(*, township: Township, year: int, title: str, text: str = "") -> PlanItem:
    """Add an item at the end of the year's plan; a plan is for next year at the latest."""
    _check_year(year)
    item = PlanItem(
        township=township,
        year=year,
        order=_next_order(township_id=township.pk, year=year),
        title=title,
        text=text,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def plan_item_update(*, item: PlanItem, year: int, title: str, text: str = "") -> PlanItem:
    """Correct an item's words; moved to another year, it goes to the end of that plan."""
    _check_year(year)
    # The stored row, not the one passed in: a form may have changed that one already.
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if year != item.year:
        item.order = _next_order(township_id=item.township_id, year=year)
    item.year, item.title, item.text = year, title, text
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def plan_item_move(*, item: PlanItem, direction: str) -> PlanItem:
    """Swap an item with the one before it (up) or after it (down) in its year's plan; the
    year's items are numbered 1, 2, 3... again, under a lock, so two moves at once cannot
    leave two items with the same place."""
    if direction not in DIRECTIONS:
        raise ValidationError(_("An item moves up or down."))
    items = list(
        PlanItem.objects.select_for_update()
        .filter(township_id=item.township_id, year=item.year)
        .order_by("order", "pk")
    )
    index = [each.pk for each in items].index(item.pk)
    other = index - 1 if direction == UP else index + 1
    if other < 0:
        raise ValidationError(_("This item is already the first of the plan."))
    if other >= len(items):
        raise ValidationError(_("This item is already the last of the plan."))
    items[index], items[other] = items[other], items[index]
    for number, each in enumerate(items, start=1):
        if each.order != number:
            each.order = number
            each.save(update_fields=["order"])  # one history row per item that moved
    return next(each for each in items if each.pk == item.pk)
