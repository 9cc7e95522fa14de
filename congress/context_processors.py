from django.utils.functional import SimpleLazyObject

from .calendar.selectors import calendar_serves
from .roles import Role


def navigation(request):
    """The role of the signed-in user, so base.html can show the menu that fits it, and
    whether the calendar can ever show them anything."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_role": "", "Role": Role, "calendar_shown": False}
    return {"current_role": user.role, "Role": Role, "calendar_shown": calendar_serves(user)}


def notifications(request):
    """The unread count in the header: one bounded COUNT query, made only when a page shows
    it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .notifications.selectors import unread_badge_for_user

    return {"unread_notifications": SimpleLazyObject(lambda: unread_badge_for_user(user=user))}
