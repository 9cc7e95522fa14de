"""The lists staff keep for their township: proposal fields and the answer categories' names,
made with the defaults for a new township."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from congress.db import save_unique
from congress.models import Township
from congress.scoping import check_same_township

from .. import rules
from ..models import AnswerCategory, ProposalField


def township_lists_ensure(*, township: Township) -> None:
    """A township's proposal fields and answer categories, made with the defaults if it has
    none (a new township; staff then keep the lists)."""
    if not ProposalField.objects.filter(township=township).exists():
        ProposalField.objects.bulk_create(
            ProposalField(township=township, name=name, order=n)
            for n, name in enumerate(rules.DEFAULT_FIELDS)
        )
    if not AnswerCategory.objects.filter(township=township).exists():
        AnswerCategory.objects.bulk_create(
            AnswerCategory(township=township, code=code, label=label, order=n)
            for n, (code, label) in enumerate(rules.DEFAULT_ANSWER_CATEGORIES)
        )


@transaction.atomic
def proposal_field_save(
    *, township: Township, name: str, active: bool = True, field: ProposalField | None = None
) -> ProposalField:
    """Add a field at the end of the township's list, or rename one or mark it (not) in use.
    A field is never deleted: proposals keep the field they were given, and one not in use is
    no longer offered for new ones."""
    if field is None:
        last = ProposalField.objects.filter(township=township).aggregate(last=Max("order"))
        field = ProposalField(
            township=township, order=0 if last["last"] is None else last["last"] + 1
        )
    else:
        check_same_township(township, field=field)
    field.name = name.strip()
    field.active = active
    field.full_clean()
    return save_unique(field)


@transaction.atomic
def proposal_field_move(*, township: Township, field: ProposalField, up: bool) -> ProposalField:
    """Move a field one place up or down the township's list (the order forms offer)."""
    check_same_township(township, field=field)
    fields = list(
        ProposalField.objects.select_for_update().filter(township=township).order_by("order", "pk")
    )
    index = next(n for n, f in enumerate(fields) if f.pk == field.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(fields):
        fields[index], fields[other] = fields[other], fields[index]
    for order, each in enumerate(fields):
        if each.order != order:
            each.order = order
            each.save(update_fields=["order"])
    return next(f for f in fields if f.pk == field.pk)


@transaction.atomic
def answer_category_rename(
    *, township: Township, category: AnswerCategory, label: str
) -> AnswerCategory:
    """Give an answer category the name the township uses; its code (A to D), which the
    statistics count by, stays."""
    check_same_township(township, category=category)
    label = label.strip()
    taken = (
        AnswerCategory.objects.filter(township=township, label=label)
        .exclude(pk=category.pk)
        .exists()
    )
    if taken:
        raise ValidationError({"label": _("Another category already has this name.")})
    category.label = label
    category.full_clean()
    category.save(update_fields=["label"])
    return category
