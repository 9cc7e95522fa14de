from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.forms import form_add_service_error

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


class InspectionCreateView(PermissionRequiredMixin, FormView):
    permission_required = "oversight.add_inspection"
    template_name = "oversight/inspection_form.html"
    form_class = InspectionForm

    def form_valid(self, form):
        try:
            inspection = inspection_create(township=self.request.user.township, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Inspection “%(subject)s” recorded.") % {"subject": inspection.subject}
        )
        return redirect("oversight:list")
