from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import ListView

from ..selectors.actions import action_list_for_user


class ActionListView(PermissionRequiredMixin, ListView):
    permission_required = "oversight.view_oversightaction"
    template_name = "oversight/action_list.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        return action_list_for_user(user=self.request.user)
