from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from congress.forms import form_add_service_error

from .forms import DeputyForm
from .selectors import deputy_list_for_user
from .services import deputy_create


class DeputyListView(PermissionRequiredMixin, ListView):
    permission_required = "deputies.view_deputy"
    template_name = "deputies/deputy_list.html"
    context_object_name = "deputies"
    paginate_by = 50

    def get_queryset(self):
        return deputy_list_for_user(user=self.request.user)


class DeputyCreateView(PermissionRequiredMixin, FormView):
    permission_required = "deputies.add_deputy"
    template_name = "deputies/deputy_form.html"
    form_class = DeputyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "township": self.request.user.township}

    def form_valid(self, form):
        try:
            deputy = deputy_create(township=self.request.user.township, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Deputy %(name)s added.") % {"name": deputy.name})
        return redirect("deputies:list")
