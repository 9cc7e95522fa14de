"""What other apps' pages take from deputies: the deputy a login is. Here rather than in the core,
which sits below deputies and cannot read a deputy record (docs/decisions.md)."""

from django.contrib.auth.mixins import AccessMixin
from django.utils.functional import cached_property

from .selectors import deputy_for_user


class OwnDeputyMixin(AccessMixin):
    """Only a login linked to a deputy record; everyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or self.deputy is None:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def deputy(self):
        return deputy_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "deputy": self.deputy}
