from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import Township

from .models import Constituency, Deputy, DeputyGroup


@transaction.atomic
def deputy_create(
    *,
    township: Township,
    name: str,
    level: str,
    constituency: Constituency,
    group: DeputyGroup | None = None,
) -> Deputy:
    """Add a deputy to the roster; their constituency and group must be this township's."""
    if constituency.township_id != township.pk:
        raise ValidationError({"constituency": _("This constituency belongs to another township.")})
    if group is not None and group.township_id != township.pk:
        raise ValidationError({"group": _("This deputy group belongs to another township.")})
    deputy = Deputy(
        township=township, name=name.strip(), level=level, constituency=constituency, group=group
    )
    deputy.full_clean()
    deputy.save()
    return deputy
