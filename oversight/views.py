from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.views_mixins import CreateOnceMixin, TownshipMixin

from .forms import InspectionForm
from .selectors import inspection_list_for_user
from .services import inspection_create


class InspectionListView(PermissionRequiredMixin, ListView):
    permission_required = "oversight.view_inspection"
    template_name = "oversight/inspection_list.html"
    context_object_name = "inspections"
    paginate_by = 50

    def get_queryset(self):
        return inspection_list_for_user(user=self.request.user)


class InspectionCreateView(PermissionRequiredMixin, TownshipMixin, CreateOnceMixin, FormView):
    permission_required = "oversight.add_inspection"
    template_name = "oversight/inspection_form.html"
    form_class = InspectionForm
    success_url = reverse_lazy("oversight:list")

    def perform(self, form):
        return inspection_create(township=self.township, **form.cleaned_data)

    def get_success_message(self, inspection):
        return _("Inspection “%(subject)s” recorded.") % {"subject": inspection.subject}
