from django.db.models import QuerySet

from congress.roles import Role

from .models import Inspection

READERS = {Role.STAFF, Role.MEMBER}


def inspection_list_for_user(*, user) -> QuerySet[Inspection]:
    """Staff and presidium members read their township's oversight work."""
    if user.role not in READERS or user.township_id is None:
        return Inspection.objects.none()
    return Inspection.objects.filter(township_id=user.township_id)
