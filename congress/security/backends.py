"""The backend that checks passwords and loads the signed-in user on every request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class TownshipModelBackend(ModelBackend):
    """Django's ModelBackend, loading the user with their township in the same query: every
    request reads the township's kind before the view runs (congress.wording), and most views
    read the township itself."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("township").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
