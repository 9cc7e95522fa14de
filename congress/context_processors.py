from django.utils.functional import SimpleLazyObject

from .roles import Role


def navigation(request):
    """The role of the signed-in user, so base.html can show the menu that fits it."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"current_role": role, "Role": Role}


def notifications(request):
    """The unread count in the header: one bounded COUNT query, made only when a page shows
    it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .notifications.selectors import unread_badge_for_user

    return {"unread_notifications": SimpleLazyObject(lambda: unread_badge_for_user(user=user))}
