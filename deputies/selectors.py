from django.db.models import QuerySet

from congress.roles import Role

from .models import Constituency, Deputy, DeputyGroup

READERS = {Role.STAFF, Role.MEMBER}


def deputy_list_for_user(*, user) -> QuerySet[Deputy]:
    """Staff and presidium members read their township's roster; nobody else reads it whole."""
    if user.role not in READERS or user.township_id is None:
        return Deputy.objects.none()
    return Deputy.objects.filter(township_id=user.township_id).select_related(
        "constituency", "group"
    )


def constituency_choices(*, township) -> QuerySet[Constituency]:
    return Constituency.objects.filter(township=township)


def deputy_group_choices(*, township) -> QuerySet[DeputyGroup]:
    return DeputyGroup.objects.filter(township=township)


def deputy_for_user(*, user) -> Deputy | None:
    """The deputy record linked to this login, if any."""
    return Deputy.objects.filter(user=user).first() if user.role == Role.DEPUTY else None
