from .roles import Role


def navigation(request):
    """The role of the signed-in user, so base.html can show the menu that fits it."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"current_role": role, "Role": Role}
