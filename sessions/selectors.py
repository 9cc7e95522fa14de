from django.db.models import QuerySet

from congress.roles import Role

from .models import CongressSession

READERS = {Role.STAFF, Role.MEMBER, Role.DEPUTY}


def session_list_for_user(*, user) -> QuerySet[CongressSession]:
    """Staff, presidium members and deputies read their own township's sessions."""
    if user.role not in READERS or user.township_id is None:
        return CongressSession.objects.none()
    return CongressSession.objects.filter(township_id=user.township_id)
